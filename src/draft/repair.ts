import { applyFixes } from '../check/apply-fixes.js'
import { checkReport } from '../check/check-report.js'
import type { Finding } from '../check/finding.js'
import { mergeRuleConfigs, type RuleConfig } from '../check/rule-config.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { ChatClient, ChatMessage } from '../llm/client.js'
import { renderPrompt } from '../llm/prompts.js'
import { addUsage, type TokenUsage, type UsageMeter } from '../llm/usage.js'
import { parseReport } from '../model/parse-report.js'
import type { ReportDoc, Section } from '../model/report-doc.js'
import { replaceSectionText, sectionLineRange } from '../model/serialize-report.js'
import { countZishu } from '../model/zishu.js'
import { reportZishu } from '../model/report-stats.js'
import type { ParkData } from '../park/park-schema.js'
import { dataBlock, entityLines, factLines, parkBlock, parkFactLines, systemPrompt } from './llm-context.js'
import { runPool, safeEmit, type ProgressListener } from './llm-progress.js'
import { AbstractSchema, renderAbstract, renderSection, SectionBodySchema, shapes } from './llm-schemas.js'
import type { DraftPlan } from './plan.js'
import { compressSection } from './rewrite-offline.js'
import { UserError } from '../errors.js'
import { FATAL_LLM_CODES, llmError } from '../llm/llm-errors.js'
import { degenerateReason } from './degenerate.js'
import { removeFindings, type GuardOptions, type Removal } from './guard.js'

export type { Removal } from './guard.js'

/**
 * Check and repair (ARCHITECTURE: “the LLM writes prose from facts it is given and is always followed by the
 * checker”). Each round runs the checker, and sends the ERROR findings back to the model for the affected parts only
 * — the 【摘要】 or one level-1 section, with its text, its findings, its 字数 budget and its figures — and replaces
 * just those parts (replaceSectionText: every other byte stays). After at most `maxRounds` rounds the checker's own
 * fixes are applied (full names, punctuation, heading markers) and, if the whole is still over the limit, the
 * over-budget parts are compressed deterministically by compressSection (PITFALLS: length targets given only in
 * prompts are not met).
 *
 * A finding spanning several parts (the total 字数 of `length`) is assigned to the parts over their budget.
 */

export type DraftCheck = (text: string) => Finding[]

/**
 * Deterministic compression of one part (a level-1 path or 【摘要】) of `doc` to a 字数 budget, returning the whole
 * text: the shape of `compressSection` (rewrite-offline.ts), which is the default.
 */
export type CompressSection = (doc: ReportDoc, path: string, maxZishu: number) => { text: string }

/** compressSection keeping the park's names whole (their brackets are not remarks to drop). */
export function offlineCompressor(names: readonly string[] = []): CompressSection {
  return (doc, path, maxZishu) => compressSection(doc, path, maxZishu, { names })
}

export interface RepairContext {
  kind: KindSpec
  /** Budgets and figures per part; without a plan, budgets are shares of the limit and figures the park's facts. */
  plan?: DraftPlan
  park?: ParkData
}

export interface RepairDeps {
  chat: ChatClient
  check: DraftCheck
  /** Default: offlineCompressor with the plan's or park's entity names. */
  compress?: CompressSection
}

export interface RepairOptions {
  /** LLM repair rounds (default 2). 0: deterministic fixes and trim only. */
  maxRounds?: number
  /** Parts not to send to the model nor to touch (a part marked as failed). */
  frozen?: readonly string[]
  concurrency?: number
  onProgress?: ProgressListener
  meter?: UsageMeter
  signal?: AbortSignal
}

export interface RepairRound {
  round: number
  /** Parts sent to the model: 【摘要】 or a level-1 path. */
  targets: string[]
  /** Error findings before the round, by rule. */
  errors: { rule: string; section: string; message: string }[]
  usage: TokenUsage
}

export interface RepairResult {
  text: string
  /** The checker's findings on the final text. */
  findings: Finding[]
  rounds: RepairRound[]
  fixesApplied: number
  /** Parts compressed deterministically at the end. */
  trimmed: string[]
  /** What the delivery guarantees took out (guard.ts). */
  removed: Removal[]
  usage: TokenUsage
}

export const ABSTRACT_KEY = '【摘要】'

/**
 * The checker as the repair loop runs it. For a draft the model wrote, a figure without a source is an error, not the
 * warning it is in a person's draft in progress: the model was given every figure it may use. That holds for every
 * kind, also those whose preset lowers untraced figures to information (示范基地 reports, where a person quotes the
 * 汇总表): the severity is set here, over the kind's preset.
 */
export function draftChecker(kind: KindSpec, park?: ParkData, options: { strictFigures?: boolean; config?: RuleConfig } = {}): DraftCheck {
  const strict: RuleConfig = options.strictFigures === false ? {} : { 'number-trace': { severity: 'error', options: { strict: true } } }
  const config = mergeRuleConfigs(strict, options.config)
  const materials = park?.materials?.map((m) => m.text) ?? []
  return (text) => checkReport({ doc: parseReport(text), kind, ...(park ? { park } : {}), materials, config }).findings
}

export async function repairDraft(text: string, ctx: RepairContext, deps: RepairDeps, options: RepairOptions = {}): Promise<RepairResult> {
  const maxRounds = options.maxRounds ?? 2
  const rounds: RepairRound[] = []
  let current = text

  const frozen = new Set(options.frozen ?? [])
  const compress = deps.compress ?? offlineCompressor((ctx.plan?.entities ?? ctx.park?.entities ?? []).map((e) => e.name))
  for (let round = 1; round <= maxRounds; round++) {
    safeEmit(options.onProgress, { type: 'checking', round, text: current })
    const findings = deps.check(current)
    // Findings the automatic fixes handle (full names, punctuation, markers) cost nothing to fix: not sent.
    const errors = findings.filter((f) => f.severity === 'error' && !f.fix)
    const doc = parseReport(current)
    const targets = repairTargets(doc, errors, ctx)
      .filter((t) => !frozen.has(t.part.key))
      .filter((t) => !trimWillDo(t, doc, ctx, compress))
      .map((t) => withWarnings(t, findings))
    if (!targets.length) break
    safeEmit(options.onProgress, { type: 'repair', round, targets: targets.map((t) => t.part.key), errors: errors.length })

    const answers = (
      await runPool(
        targets.map((target) => () => repairPart(target, round, ctx, deps.chat, options).catch((error: unknown) => keepOnFailure(error, options.signal))),
        options.concurrency ?? 4,
      )
    ).filter((a): a is NonNullable<typeof a> => a !== undefined)
    for (const answer of answers) current = replacePart(current, answer.part, answer.text)
    rounds.push({
      round,
      targets: targets.map((t) => t.part.key),
      errors: errors.map((f) => ({ rule: f.rule, section: f.section, message: f.message })),
      usage: addUsage(...answers.map((a) => a.usage)),
    })
    safeEmit(options.onProgress, { type: 'repaired', round, text: current })
  }

  const fixed = applyCheckerFixes(current, deps.check)
  current = fixed.text
  safeEmit(options.onProgress, { type: 'fixes', applied: fixed.applied, text: current })

  const trim = trimToLimit(current, ctx, compress)
  current = trim.text
  if (trim.paths.length) safeEmit(options.onProgress, { type: 'trim', paths: trim.paths, text: current })

  const guarded = guardDelivery(current, deps.check, { focusIndustry: ctx.plan?.focusIndustry ?? ctx.park?.practice.focusIndustry, frozen: [...frozen] })
  current = guarded.text
  if (guarded.removed.length) safeEmit(options.onProgress, { type: 'removed', count: guarded.removed.length, text: current })

  return {
    text: current,
    findings: guarded.findings,
    rounds,
    fixesApplied: fixed.applied,
    trimmed: trim.paths,
    removed: guarded.removed,
    usage: addUsage(...rounds.map((r) => r.usage)),
  }
}

/**
 * The delivery guarantees (guard.ts), until the checker finds nothing more to take out (a removal can leave a
 * clause that was judged with its neighbour): at most 3 passes. Returns the final findings too.
 */
export function guardDelivery(text: string, check: DraftCheck, options: GuardOptions = {}): { text: string; removed: Removal[]; findings: Finding[] } {
  let current = text
  const removed: Removal[] = []
  let findings = check(current)
  for (let pass = 0; pass < 3; pass++) {
    const result = removeFindings(current, findings, options)
    if (!result.removed.length) break
    removed.push(...result.removed)
    current = applyCheckerFixes(result.text, check).text
    findings = check(current)
  }
  return { text: current, removed, findings }
}

/** A repair call that failed for a reason of its own (a cut, a timeout, a degenerate answer) leaves its part as it was. */
function keepOnFailure(error: unknown, signal: AbortSignal | undefined): undefined {
  if (!(error instanceof UserError) || FATAL_LLM_CODES.has(error.code) || signal?.aborted) throw error
  return undefined
}

/** A part whose only error is its length, when the final compression alone brings the whole under the limit. */
function trimWillDo(target: RepairTarget, doc: ReportDoc, ctx: RepairContext, compress: CompressSection): boolean {
  if (!target.findings.every((f) => f.rule === 'length')) return false
  const limit = ctx.plan?.limit ?? ctx.kind.limits.totalZishu
  const trimmed = trimToLimit(doc.source, ctx, compress)
  return reportZishu(parseReport(trimmed.text)).total <= limit
}

/** The warnings of a part sent anyway ride along: the model fixes them in the same call. */
function withWarnings(target: RepairTarget, findings: readonly Finding[]): RepairTarget {
  const { part } = target
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.fix && f.start >= part.start && f.end <= part.end)
  return { ...target, findings: [...target.findings, ...warnings] }
}

// ---------------------------------------------------------------------------------------------
// Parts and targets
// ---------------------------------------------------------------------------------------------

/** A part the loop can replace on its own: the abstract or one level-1 section, as whole lines. */
export interface DraftPart {
  key: string
  start: number
  end: number
  text: string
  section?: Section
}

export function draftParts(doc: ReportDoc): DraftPart[] {
  const parts: DraftPart[] = []
  if (doc.abstract) {
    const start = doc.source.lastIndexOf('\n', doc.abstract.start - 1) + 1
    parts.push({ key: ABSTRACT_KEY, start, end: doc.abstract.end, text: doc.source.slice(start, doc.abstract.end) })
  }
  for (const section of doc.sections) {
    const { start, end } = sectionLineRange(doc, section)
    parts.push({ key: section.path, start, end, text: doc.source.slice(start, end), section })
  }
  return parts
}

interface RepairTarget {
  part: DraftPart
  findings: Finding[]
  budget: number
}

/** The 字数 budget of a part: the plan's, else its share of the limit. */
function budgetOf(part: DraftPart, doc: ReportDoc, ctx: RepairContext): number {
  const plan = ctx.plan
  if (plan) {
    if (part.key === ABSTRACT_KEY) return plan.abstract.budget
    const planned = plan.sections.find((s) => s.marker === part.section?.marker.text)
    if (planned) return planned.budget
  }
  return budgetsWithoutPlan(doc, ctx).get(part.key) ?? countZishu(part.text)
}

/**
 * Budgets for a person's draft, which has no plan: under the limit, a part may use the room left; over it, the cut
 * (the excess plus a 5 % margin) is taken from the largest parts first, at most half of each, so one bloated part is
 * shortened rather than every part a little.
 */
function budgetsWithoutPlan(doc: ReportDoc, ctx: RepairContext): Map<string, number> {
  const limit = ctx.plan?.limit ?? ctx.kind.limits.totalZishu
  const total = reportZishu(doc).total
  const parts = draftParts(doc).map((p) => ({ key: p.key, zishu: countZishu(p.text) }))
  if (total <= limit) return new Map(parts.map((p) => [p.key, p.zishu + (limit - total)]))
  let cut = total - limit + Math.ceil(limit * 0.05)
  const budgets = new Map(parts.map((p) => [p.key, p.zishu]))
  for (const part of [...parts].sort((a, b) => b.zishu - a.zishu)) {
    if (cut <= 0) break
    const take = Math.min(cut, Math.floor(part.zishu / 2))
    budgets.set(part.key, part.zishu - take)
    cut -= take
  }
  return budgets
}

function repairTargets(doc: ReportDoc, errors: readonly Finding[], ctx: RepairContext): RepairTarget[] {
  const parts = draftParts(doc)
  const byKey = new Map<string, RepairTarget>()
  const add = (part: DraftPart, finding: Finding) => {
    const target = byKey.get(part.key) ?? { part, findings: [], budget: budgetOf(part, doc, ctx) }
    target.findings.push(finding)
    byKey.set(part.key, target)
  }
  for (const finding of errors) {
    const end = Math.max(finding.end, finding.start + 1)
    const touched = parts.filter((p) => finding.start < p.end && p.start < end)
    if (touched.length === 1) {
      add(touched[0]!, finding)
    } else if (touched.length > 1 && finding.rule === 'length') {
      // The total is over the limit: the parts over their own budget are the ones to shorten.
      const over = touched.filter((p) => countZishu(p.text) > budgetOf(p, doc, ctx))
      const chosen = over.length ? over : [touched.reduce((a, b) => (countZishu(b.text) > countZishu(a.text) ? b : a))]
      for (const part of chosen) add(part, finding)
    }
    // Findings on the title or spanning parts for other rules are left to the fixes and to the person.
  }
  return parts.flatMap((p) => (byKey.has(p.key) ? [byKey.get(p.key)!] : []))
}

// ---------------------------------------------------------------------------------------------
// One repair call
// ---------------------------------------------------------------------------------------------

const EXCERPT_CHARS = 40

/**
 * The findings as the repair prompt lists them. The excerpt is quoted only for a finding inside the part: the total
 * 字数 finding spans the whole body, and quoting it would send every other part along.
 */
export function findingLines(findings: readonly Finding[], part?: Pick<DraftPart, 'start' | 'end'>): string {
  return findings
    .map((f) => {
      const inside = !part || (f.start >= part.start && f.end <= part.end)
      const excerpt = inside && f.excerpt ? `（原文：“${[...f.excerpt].slice(0, EXCERPT_CHARS).join('')}”）` : ''
      return `- ${f.message}${excerpt}${f.suggestion ? `建议：${f.suggestion}` : ''}`
    })
    .join('\n')
}

/** System prompt for a call about this report, with or without a plan. */
export function systemFor(ctx: RepairContext): string {
  return systemPrompt(ctx.kind, ctx.plan?.limit ?? ctx.kind.limits.totalZishu)
}

/** The 【园区】 block of a call about this report: the park's name and lead industry, as data. */
export function parkFor(ctx: RepairContext): string {
  return parkBlock(ctx.plan?.parkName ?? ctx.park?.park.name ?? '本园区', ctx.plan?.focusIndustry ?? ctx.park?.practice.focusIndustry ?? '（见原文）')
}

function factsFor(part: DraftPart, ctx: RepairContext): string {
  const plan = ctx.plan
  if (plan && part.key === ABSTRACT_KEY) {
    const results = plan.sections.find((s) => s.role === 'results' || s.role === 'highlights')
    return results ? factLines(results) : '（无）'
  }
  const planned = plan?.sections.find((s) => s.marker === part.section?.marker.text)
  if (planned) return factLines(planned)
  return parkFactLines(ctx.park)
}

function entitiesFor(part: DraftPart, ctx: RepairContext): string {
  const entities = ctx.plan?.entities ?? ctx.park?.entities ?? []
  return entityLines(entities, [part.text])
}

async function repairPart(
  target: RepairTarget,
  round: number,
  ctx: RepairContext,
  chat: ChatClient,
  options: RepairOptions,
): Promise<{ part: DraftPart; text: string; usage: TokenUsage }> {
  const { part } = target
  const messages: ChatMessage[] = [
    { role: 'system', content: systemFor(ctx) },
    {
      role: 'user',
      content: renderPrompt('repair-section', {
        section_heading: part.key,
        park: parkFor(ctx),
        section_text: dataBlock(part.text),
        findings: findingLines(target.findings, part),
        budget: target.budget,
        current_zishu: countZishu(part.text),
        facts: dataBlock(factsFor(part, ctx)),
        entities: dataBlock(entitiesFor(part, ctx)),
      }),
    },
  ]
  const common = { label: `repair${round}:${part.key}`, ...(options.meter ? { meter: options.meter } : {}), ...(options.signal ? { signal: options.signal } : {}) }
  if (!part.section) {
    const answer = await chat.structured(messages, AbstractSchema, { ...common, name: 'abstract_repair', shape: shapes.abstract })
    const degenerate = degenerateReason(answer.value, 15)
    if (degenerate) throw llmError('llm_degenerate', degenerate)
    return { part, text: renderAbstract(ABSTRACT_KEY, answer.value.text), usage: answer.usage }
  }
  const answer = await chat.structured(messages, SectionBodySchema, { ...common, name: 'section_repair', shape: shapes.section })
  const degenerate = degenerateReason(answer.value, 30)
  if (degenerate) throw llmError('llm_degenerate', degenerate)
  const section = part.section
  return { part, text: renderSection(section.level, section.marker.ordinal, section.heading.text, answer.value), usage: answer.usage }
}

/** Replaces one part, found again by its key in the current text (offsets move as parts are replaced). */
export function replacePart(source: string, part: DraftPart, replacement: string): string {
  const doc = parseReport(source)
  if (part.section) return replaceSectionText(doc, part.section.marker.text, replacement)
  const abstract = draftParts(doc).find((p) => p.key === ABSTRACT_KEY)
  if (!abstract) return source
  return source.slice(0, abstract.start) + replacement.replace(/[\r\n]+$/, '') + source.slice(abstract.end)
}

// ---------------------------------------------------------------------------------------------
// Deterministic steps
// ---------------------------------------------------------------------------------------------

/** The checker's fixes (errors and warnings), applied as ESLint's --fix does: until none applies, at most 3 passes. */
export function applyCheckerFixes(text: string, check: DraftCheck): { text: string; applied: number } {
  let current = text
  let applied = 0
  for (let pass = 0; pass < 3; pass++) {
    const fixes = check(current).flatMap((f) => (f.fix && f.severity !== 'info' ? [f.fix] : []))
    if (!fixes.length) break
    const result = applyFixes(current, fixes)
    if (!result.applied.length) break
    current = result.text
    applied += result.applied.length
  }
  return { text: current, applied }
}

/**
 * The last resort for “3000字以内” (a hard limit in 000/001): the parts over their budget are compressed without the
 * model, removing what carries no figure (rewrite-offline.ts). Runs only while the whole is over the limit.
 */
function trimToLimit(text: string, ctx: RepairContext, compress: CompressSection): { text: string; paths: string[] } {
  const limit = ctx.plan?.limit ?? ctx.kind.limits.totalZishu
  const doc = parseReport(text)
  if (reportZishu(doc).total <= limit) return { text, paths: [] }
  let current = text
  const paths: string[] = []
  for (const part of draftParts(doc)) {
    const budget = budgetOf(part, doc, ctx)
    if (countZishu(part.text) <= budget) continue
    const next = compress(parseReport(current), part.key, budget).text
    if (next !== current) paths.push(part.key)
    current = next
    if (reportZishu(parseReport(current)).total <= limit) break
  }
  return { text: current, paths }
}
