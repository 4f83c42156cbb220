import type { Finding } from '../check/finding.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { ChatClient, ChatMessage } from '../llm/client.js'
import { renderPrompt } from '../llm/prompts.js'
import { UsageMeter, type CallRecord, type TokenUsage } from '../llm/usage.js'
import { parseReport } from '../model/parse-report.js'
import type { ParkData } from '../park/park-schema.js'
import { traceFigures, type EvidenceMap, type EvidenceMeasure, type FigureRef } from './evidence.js'
import { abstractPromptValues, sectionPromptValues, systemPrompt } from './llm-context.js'
import { runPool, safeEmit, type ProgressListener } from './llm-progress.js'
import { AbstractSchema, assembleDraft, renderAbstract, renderSection, SectionBodySchema, shapes, type SectionBody } from './llm-schemas.js'
import type { DraftPlan, PlanSection } from './plan.js'
import { draftChecker, repairDraft, type CompressSection, type DraftCheck, type RepairRound } from './repair.js'

/**
 * The LLM drafter: the DraftPlan (src/draft/plan.ts) written into prose by any OpenAI-compatible model, then checked
 * and repaired (repair.ts).
 *
 * One structured call per level-1 section plus one for the 【摘要】 — 4 calls for the 000/001 kinds — all independent,
 * so they run in parallel. Per-section calls rather than one call for the whole body: each carries only its own
 * facts, budget and guidance (the 16k-token target holds), a section that fails or overruns is redone alone, and
 * the same schema serves the repair loop. The model returns headings and paragraphs as JSON; the markers 一、（一）
 * 1. are assigned here, so the structure is the template's whatever the model writes.
 */

export interface LlmDraftDeps {
  chat: ChatClient
  /** The checker; default: every rule of the kind with number-trace strict (draftChecker). */
  check?: DraftCheck
  /** Deterministic compression for the final trim; default compressSection (rewrite-offline.ts). */
  compress?: CompressSection
}

export interface LlmDraftOptions {
  /** LLM repair rounds after the first draft (default 2). */
  maxRepairRounds?: number
  /** Calls at once (default 4: the whole first draft in parallel). */
  concurrency?: number
  /** Stream the answers and report `delta` progress events. */
  stream?: boolean
  onProgress?: ProgressListener
  signal?: AbortSignal
}

export interface LlmDraftResult {
  text: string
  evidence: EvidenceMap
  /** The checker's findings on the final text. */
  findings: Finding[]
  /** Token usage of the whole draft: first draft and repairs. */
  usage: TokenUsage
  /** The first draft alone (the ≤ 4 calls / ≤ 16k prompt-token target). */
  firstDraft: { text: string; usage: TokenUsage }
  rounds: RepairRound[]
  fixesApplied: number
  /** Every call with its label, usage and duration. */
  calls: CallRecord[]
}

interface WrittenPart {
  key: string
  text: string
  /** For sections: the plan item (M1, R2) each sub-section answers, in order. */
  refs: string[]
}

export async function draftWithLlm(
  plan: DraftPlan,
  park: ParkData,
  kind: KindSpec,
  deps: LlmDraftDeps,
  options: LlmDraftOptions = {},
): Promise<LlmDraftResult> {
  const meter = new UsageMeter()
  const check = deps.check ?? draftChecker(kind, park)
  const system = systemPrompt(plan, kind)
  const withAbstract = plan.abstract.required && plan.abstract.budget > 0
  const keys = [...(withAbstract ? [plan.abstract.label] : []), ...plan.sections.map((s) => s.path)]
  safeEmit(options.onProgress, {
    type: 'plan',
    parts: [...(withAbstract ? [{ path: plan.abstract.label, budget: plan.abstract.budget }] : []), ...plan.sections.map((s) => ({ path: s.path, budget: s.budget }))],
    totalBudget: plan.totalBudget,
    calls: keys.length,
  })

  const written = new Map<string, WrittenPart>()
  const draftSoFar = () =>
    assembleDraft({
      title: plan.title,
      ...(withAbstract && written.has(plan.abstract.label) ? { abstract: written.get(plan.abstract.label)!.text } : {}),
      sections: plan.sections.flatMap((s) => (written.has(s.path) ? [written.get(s.path)!.text] : [])),
    })
  const finished = (part: WrittenPart) => {
    written.set(part.key, part)
    safeEmit(options.onProgress, { type: 'section', path: part.key, sectionText: part.text, text: draftSoFar(), done: written.size, total: keys.length })
    return part
  }
  const call = { meter, ...(options.signal ? { signal: options.signal } : {}) }
  const streaming = (key: string) =>
    options.stream ? { onDelta: (_: string, soFar: string) => safeEmit(options.onProgress, { type: 'delta', path: key, chars: soFar.length }) } : {}

  const tasks: (() => Promise<WrittenPart>)[] = []
  if (withAbstract) {
    tasks.push(async () => {
      const messages: ChatMessage[] = [
        { role: 'system', content: system },
        { role: 'user', content: renderPrompt('draft-abstract', abstractPromptValues(plan)) },
      ]
      const answer = await deps.chat.structured(messages, AbstractSchema, {
        ...call,
        ...streaming(plan.abstract.label),
        name: 'report_abstract',
        shape: shapes.abstract,
        label: `draft:${plan.abstract.label}`,
        maxTokens: maxTokensFor(plan.abstract.budget),
      })
      return finished({ key: plan.abstract.label, text: renderAbstract(plan.abstract.label, answer.value.text), refs: [] })
    })
  }
  plan.sections.forEach((section, index) => {
    tasks.push(async () => {
      const messages: ChatMessage[] = [
        { role: 'system', content: system },
        { role: 'user', content: renderPrompt('draft-section', sectionPromptValues(plan, section)) },
      ]
      const answer = await deps.chat.structured(messages, SectionBodySchema, {
        ...call,
        ...streaming(section.path),
        name: 'report_section',
        shape: shapes.section,
        label: `draft:${section.path}`,
        maxTokens: maxTokensFor(section.budget),
      })
      const body = orderedBody(answer.value, section)
      return finished({ key: section.path, text: renderSection(1, index + 1, section.heading, body.body), refs: body.refs })
    })
  })

  await runPool(tasks, options.concurrency ?? 4)
  const firstText = draftSoFar()
  const firstUsage = meter.total()

  const repaired = await repairDraft(
    firstText,
    { kind, plan, park },
    { chat: deps.chat, check, ...(deps.compress ? { compress: deps.compress } : {}) },
    {
      ...(options.maxRepairRounds !== undefined ? { maxRounds: options.maxRepairRounds } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      meter,
    },
  )

  const usage = meter.total()
  const errors = repaired.findings.filter((f) => f.severity === 'error').length
  const warnings = repaired.findings.filter((f) => f.severity === 'warning').length
  safeEmit(options.onProgress, { type: 'done', text: repaired.text, errors, warnings, usage })
  return {
    text: repaired.text,
    evidence: evidenceOf(repaired.text, plan, park, written),
    findings: repaired.findings,
    usage,
    firstDraft: { text: firstText, usage: firstUsage },
    rounds: repaired.rounds,
    fixesApplied: repaired.fixesApplied,
    calls: [...meter.calls],
  }
}

/**
 * A cap on the answer so a runaway model cannot cost more than a few sections: JSON and prose at up to ~2 tokens per
 * 字 for tokenizers that split Chinese finely, plus the JSON frame.
 */
function maxTokensFor(budget: number): number {
  return Math.max(600, budget * 3 + 600)
}

/**
 * Sub-sections in the plan's order when the model tagged them (`ref`), so （一） answers M1 and （二） M2 whatever
 * order the model chose; untagged or unknown ones keep their place after the tagged ones.
 */
function orderedBody(body: SectionBody, section: PlanSection): { body: SectionBody; refs: string[] } {
  const order = [...section.measures.map((m) => m.id), ...section.results.map((r) => r.id)]
  const rank = (ref: string) => {
    const i = order.indexOf(ref.trim())
    return i < 0 ? order.length : i
  }
  const subsections = body.subsections.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.ref) - rank(b.s.ref) || a.i - b.i).map(({ s }) => s)
  return { body: { ...body, subsections }, refs: subsections.map((s) => s.ref.trim()) }
}

/** Which figure came from which datum (the plan's facts and figures first), and which measure sits under which heading. */
function evidenceOf(text: string, plan: DraftPlan, park: ParkData, written: ReadonlyMap<string, WrittenPart>): EvidenceMap {
  const refs: FigureRef[] = plan.sections.flatMap((s) => [
    ...s.facts.map((f): FigureRef => ({
      value: f.value,
      unit: f.unit,
      source: f.source.startsWith('$.indicators') ? 'indicator' : 'fact',
      provenance: f.source,
      label: f.label,
    })),
    ...s.figures.map((f): FigureRef => ({ value: f.value, unit: f.unit, source: 'derived', provenance: f.id, label: f.label, formula: f.formula })),
  ])
  const traced = traceFigures(text, park, refs)
  const doc = parseReport(text)
  // traceFigures reads the markers of 1./（1） headings as numbers; they are ordinals, not figures.
  const untraced = traced.untraced.filter((u) => {
    const line = doc.lines[u.line - 1]?.raw.trimStart() ?? ''
    return !(line.startsWith(`${u.raw}.`) || line.startsWith(`（${u.raw}）`))
  })
  const measures: EvidenceMeasure[] = []
  for (const section of plan.sections) {
    if (!section.measures.length) continue
    const node = doc.sections.find((d) => d.marker.text === section.marker)
    const refsInOrder = written.get(section.path)?.refs ?? []
    section.measures.forEach((m, i) => {
      const at = refsInOrder.indexOf(m.id)
      const child = node?.children[at >= 0 ? at : i]
      measures.push({
        id: m.id,
        section: child?.path ?? section.path,
        heading: child?.heading.text || m.heading,
        addresses: m.addresses,
        results: m.results,
        clauses: m.clauses,
      })
    })
  }
  return { figures: traced.figures, untraced, measures }
}
