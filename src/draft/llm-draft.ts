import type { Finding } from '../check/finding.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { z } from 'zod'
import { UserError } from '../errors.js'
import type { ChatClient, ChatMessage, StructuredCallOptions } from '../llm/client.js'
import { FATAL_LLM_CODES, llmError, llmMessages } from '../llm/llm-errors.js'
import { renderPrompt } from '../llm/prompts.js'
import { UsageMeter, type CallRecord, type TokenUsage } from '../llm/usage.js'
import { parseReport } from '../model/parse-report.js'
import type { ParkData } from '../park/park-schema.js'
import { traceFigures, type EvidenceMap, type EvidenceMeasure, type FigureRef } from './evidence.js'
import { abstractPromptValues, sectionPromptValues, systemPrompt } from './llm-context.js'
import { runPool, safeEmit, type ProgressListener } from './llm-progress.js'
import { degenerateReason } from './degenerate.js'
import { AbstractSchema, assembleDraft, renderAbstract, renderSection, SectionBodySchema, shapes, type AbstractAnswer, type SectionBody } from './llm-schemas.js'
import type { DraftPlan, PlanSection } from './plan.js'
import { draftChecker, repairDraft, type CompressSection, type DraftCheck, type Removal, type RepairRound } from './repair.js'

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
  /** Stream the answers (first-byte and idle timeouts apply) and report `delta` progress events. */
  stream?: boolean
  onProgress?: ProgressListener
  signal?: AbortSignal
}

/** A part the model could not write: delivered with a 【待补充：……】 in its place, and the reason. */
export interface FailedPart {
  path: string
  code: string
  reason: string
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
  /** What the delivery guarantees took out of the model's text (repair.ts guardDelivery). */
  removed: Removal[]
  /** Parts that still failed after the retries, marked in the text. */
  failed: FailedPart[]
  /** Every call with its label, usage and duration. */
  calls: CallRecord[]
}

interface WrittenPart {
  key: string
  text: string
  /** For sections: the plan item (M1, R2) each sub-section answers, in order. */
  refs: string[]
}

/**
 * Failures that, when every part had one, say the endpoint is not answering or the model cannot do the task (its
 * answers were no draft even after being told why), rather than that one answer went wrong.
 */
const HOPELESS_IF_ALL: ReadonlySet<string> = new Set(['llm_timeout', 'llm_connection_lost', 'llm_degenerate'])

/** The fewest Chinese characters a real answer has: a sentence for the abstract, a few for a section. */
const MIN_HAN = { abstract: 15, section: 30 } as const

export async function draftWithLlm(
  plan: DraftPlan,
  park: ParkData,
  kind: KindSpec,
  deps: LlmDraftDeps,
  options: LlmDraftOptions = {},
): Promise<LlmDraftResult> {
  const meter = new UsageMeter()
  const check = deps.check ?? draftChecker(kind, park)
  const system = systemPrompt(kind)
  const withAbstract = plan.abstract.required && plan.abstract.budget > 0
  const keys = [...(withAbstract ? [plan.abstract.label] : []), ...plan.sections.map((s) => s.path)]
  safeEmit(options.onProgress, {
    type: 'plan',
    parts: [...(withAbstract ? [{ path: plan.abstract.label, budget: plan.abstract.budget }] : []), ...plan.sections.map((s) => ({ path: s.path, budget: s.budget }))],
    totalBudget: plan.totalBudget,
    calls: keys.length,
  })

  // One signal for every call of this draft: the caller's (a client that went away) or ours (a fatal failure).
  const controller = new AbortController()
  const onCallerAbort = () => controller.abort()
  if (options.signal?.aborted) controller.abort()
  options.signal?.addEventListener('abort', onCallerAbort, { once: true })

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
  const call = { meter, signal: controller.signal }
  const streaming = (key: string) =>
    options.stream ? { onDelta: (_: string, soFar: string) => safeEmit(options.onProgress, { type: 'delta', path: key, chars: soFar.length }) } : {}
  const ask = <T extends SectionBody | AbstractAnswer>(key: string, messages: ChatMessage[], schema: z.ZodType<T>, extra: { name: string; shape: string; maxTokens: number }, minHan: number) =>
    askForPart(deps.chat, messages, schema, { ...call, ...streaming(key), ...extra, label: `draft:${key}` }, minHan, (reason) =>
      safeEmit(options.onProgress, { type: 'retry', path: key, reason }),
    )

  const writers = new Map<string, () => Promise<WrittenPart>>()
  if (withAbstract) {
    writers.set(plan.abstract.label, async () => {
      const messages: ChatMessage[] = [
        { role: 'system', content: system },
        { role: 'user', content: renderPrompt('draft-abstract', abstractPromptValues(plan)) },
      ]
      const value = await ask(plan.abstract.label, messages, AbstractSchema, { name: 'report_abstract', shape: shapes.abstract, maxTokens: maxTokensFor(plan.abstract.budget) }, MIN_HAN.abstract)
      return finished({ key: plan.abstract.label, text: renderAbstract(plan.abstract.label, value.text), refs: [] })
    })
  }
  plan.sections.forEach((section, index) => {
    writers.set(section.path, async () => {
      const messages: ChatMessage[] = [
        { role: 'system', content: system },
        { role: 'user', content: renderPrompt('draft-section', sectionPromptValues(plan, section)) },
      ]
      const value = await ask(section.path, messages, SectionBodySchema, { name: 'report_section', shape: shapes.section, maxTokens: maxTokensFor(section.budget) }, MIN_HAN.section)
      const body = orderedBody(value, section)
      return finished({ key: section.path, text: renderSection(1, index + 1, section.heading, body.body), refs: body.refs })
    })
  })

  const failures = new Map<string, UserError>()
  try {
    // Every part is written independently; a part that fails after the client's retries is asked once more after the
    // others are done (the sections already written are kept), and a fatal failure stops the draft and its calls.
    for (let pass = 0; pass < 2; pass++) {
      const pending = keys.filter((key) => !written.has(key))
      if (!pending.length) break
      // Not one part written, each after the client's own retries, because the endpoint is silent or the model
      // answers nothing usable: asking again would only double the wait and the cost.
      if (pass > 0 && !written.size && [...failures.values()].every((e) => HOPELESS_IF_ALL.has(e.code))) break
      await runPool(
        pending.map((key) => async () => {
          try {
            await writers.get(key)!()
            failures.delete(key)
          } catch (error) {
            if (!(error instanceof UserError) || FATAL_LLM_CODES.has(error.code) || controller.signal.aborted) {
              controller.abort()
              throw error
            }
            failures.set(key, error)
            safeEmit(options.onProgress, { type: 'retry', path: key, reason: error.message })
          }
        }),
        options.concurrency ?? 4,
      )
    }
    // Nothing written: an honest failure, not an empty report.
    if (!written.size) throw failures.values().next().value ?? llmError('llm_error', llmMessages.unexpected('没有写出任何部分'))
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort)
  }

  const failed: FailedPart[] = [...failures].map(([path, error]) => ({ path, code: error.code, reason: error.message }))
  for (const part of failed) {
    const index = plan.sections.findIndex((s) => s.path === part.path)
    const text = index < 0 ? renderAbstract(plan.abstract.label, failedPartNote(part.reason)) : `${plan.sections[index]!.marker}${plan.sections[index]!.heading}\n${failedPartNote(part.reason)}`
    written.set(part.path, { key: part.path, text, refs: [] })
    safeEmit(options.onProgress, { type: 'failed', path: part.path, reason: part.reason })
  }
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
      frozen: failed.map((f) => f.path),
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
    removed: repaired.removed,
    failed,
    calls: [...meter.calls],
  }
}

/** What stands in a part the model could not write: a placeholder the checker reports, with the reason. */
export function failedPartNote(reason: string): string {
  return `【待补充：本部分未能由大模型生成（${reason.replace(/[【】]/g, '').replace(/。$/, '')}）。请重新生成本部分，或手工填写。】`
}

/**
 * One structured call for a part, and one corrective call when the answer is no draft (degenerate.ts): the model
 * sees its answer and the reason. A second degenerate answer is a failure of this part.
 */
export async function askForPart<T extends SectionBody | AbstractAnswer>(
  chat: ChatClient,
  messages: ChatMessage[],
  schema: z.ZodType<T>,
  options: StructuredCallOptions,
  minHan: number,
  onRetry?: (reason: string) => void,
): Promise<T> {
  const first = await chat.structured(messages, schema, options)
  const reason = degenerateReason(first.value, minHan)
  if (!reason) return first.value
  onRetry?.(reason)
  const again = await chat.structured(
    [...messages, { role: 'assistant', content: JSON.stringify(first.value) }, { role: 'user', content: renderPrompt('degenerate-retry', { reason }) }],
    schema,
    { ...options, label: `${options.label ?? options.name}:retry` },
  )
  const still = degenerateReason(again.value, minHan)
  if (still) throw llmError('llm_degenerate', llmMessages.degenerate(still))
  return again.value
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
