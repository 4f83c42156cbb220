import type { Finding } from '../check/finding.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { ChatClient, ChatMessage } from '../llm/client.js'
import { llmError } from '../llm/llm-errors.js'
import { renderPrompt } from '../llm/prompts.js'
import { addUsage, type TokenUsage, type UsageMeter } from '../llm/usage.js'
import { readHeadingMarker, type HeadingLevel } from '../model/heading-markers.js'
import { parseReport } from '../model/parse-report.js'
import { reportZishu } from '../model/report-stats.js'
import { findSection, requireSection } from '../model/sections.js'
import { replaceSectionText, sectionLineRange } from '../model/serialize-report.js'
import { countZishu } from '../model/zishu.js'
import type { ParkData } from '../park/park-schema.js'
import { diffText, type DiffOp } from './diff.js'
import { dataBlock, entityLines, factLines, parkFactLines } from './llm-context.js'
import { HeadedSectionSchema, renderSectionLines, shapes, type HeadedSection } from './llm-schemas.js'
import type { DraftPlan } from './plan.js'
import { applyFixes } from '../check/apply-fixes.js'
import { guardedFinding, removeFindings, type Removal } from './guard.js'
import { draftChecker, findingLines, offlineCompressor, parkFor, systemFor, type CompressSection, type DraftCheck } from './repair.js'

/**
 * Rewriting one section by a person's instruction (压缩到300字以内, 补充量化数据, 语气更正式, 突出问题导向 …) with
 * every other section frozen (PITFALLS: re-running a whole pipeline to change one section frustrates users). The
 * section is replaced with replaceSectionText, so everything outside its lines stays byte-for-byte the same; the
 * result is checked again and returned with a diff of the section.
 *
 * Length is enforced after generation, not trusted to the prompt: a limit read from the instruction (“300字以内”), or
 * else the room the 3000-字 total leaves; an answer over it gets one “compress” follow-up, then compressSection
 * (rewrite-offline.ts), which never removes a figure.
 */

export interface RewriteLlmDeps {
  chat: ChatClient
  kind: KindSpec
  park?: ParkData
  /** The plan the draft came from, when there is one: its figures for the section. */
  plan?: DraftPlan
  /** Default: draftChecker(kind, park) with number-trace as in a person's draft (warnings). */
  check?: DraftCheck
  compress?: CompressSection
}

export interface RewriteLlmOptions {
  format?: 'text' | 'markdown'
  signal?: AbortSignal
  meter?: UsageMeter
}

export interface RewriteLlmResult {
  /** The whole report with the section replaced. */
  text: string
  path: string
  before: string
  after: string
  diff: DiffOp[]
  /** The checker on the whole new text, and those inside the rewritten section. */
  findings: Finding[]
  sectionFindings: Finding[]
  usage: TokenUsage
  /** The checker's own corrections applied inside the section (full names, punctuation). */
  fixesApplied: number
  /** What the delivery guarantees took out of the rewritten section (guard.ts), as in a draft. */
  removed: Removal[]
}

export const rewriteMessages = {
  emptyInstruction: '请说明要如何改写这一节，例如“压缩到300字以内”“补充量化数据”“语气更正式”。',
  emptyAnswer: '大模型返回的改写内容为空',
  compressInstruction: (max: number) => `压缩到${max}字以内，保留问题、做法和关键数据。`,
  lengthLimit: (max: number, current: number) => `改写后这一节不超过${max}字（原文${current}字）。`,
  lengthShorter: (max: number, current: number) => `改写后明显短于原文（原文${current}字），不超过${max}字。`,
  lengthSimilar: (max: number, current: number) => `改写后字数与原文大致相当（原文${current}字），不超过${max}字。`,
  repairInstruction: (findings: string) => `自动审校在改写稿中发现下列问题，请逐条改正，其余内容保持不变：\n${findings}`,
} as const

/** “压缩到300字以内”, “控制在 500 字左右”, “不超过200字” → the number; undefined when the instruction names none. */
export function lengthFromInstruction(instruction: string): number | undefined {
  const match = /(\d{2,5})\s*字/.exec(instruction)
  return match ? Number(match[1]) : undefined
}

const SHORTER = /压缩|精简|缩短|删减|简化|简练/

/** The 字数 a rewrite may use, and how to say it to the model. */
function lengthRule(instruction: string, current: number, room: number): { max: number; rule: string } {
  const asked = lengthFromInstruction(instruction)
  if (asked !== undefined) {
    const max = Math.min(asked, Math.max(room, 1))
    return { max, rule: rewriteMessages.lengthLimit(max, current) }
  }
  if (SHORTER.test(instruction)) {
    const max = Math.max(1, Math.round(current * 0.8))
    return { max, rule: rewriteMessages.lengthShorter(max, current) }
  }
  const max = Math.max(current, Math.min(Math.round(current * 1.3), room))
  return { max, rule: rewriteMessages.lengthSimilar(max, current) }
}

export async function rewriteSectionWithLlm(
  text: string,
  path: string,
  instruction: string,
  deps: RewriteLlmDeps,
  options: RewriteLlmOptions = {},
): Promise<RewriteLlmResult> {
  if (!instruction.trim()) throw llmError('llm_bad_request', rewriteMessages.emptyInstruction, 400)
  const format = options.format ?? 'text'
  const doc = parseReport(text, format)
  const section = requireSection(doc, path)
  const { start, end } = sectionLineRange(doc, section)
  const before = text.slice(start, end)
  const current = countZishu(before)
  const limit = deps.plan?.limit ?? deps.kind.limits.totalZishu
  const room = limit - (reportZishu(doc).total - current)
  const length = lengthRule(instruction, current, room)

  const ctx = { kind: deps.kind, ...(deps.plan ? { plan: deps.plan } : {}), ...(deps.park ? { park: deps.park } : {}) }
  const levelOne = section.path.split('/')[0]!
  const planned = deps.plan?.sections.find((s) => levelOne.startsWith(s.marker))
  const facts = planned ? factLines(planned) : parkFactLines(deps.park)
  const entities = entityLines(deps.plan?.entities ?? deps.park?.entities ?? [], [before])
  const call = { ...(options.meter ? { meter: options.meter } : {}), ...(options.signal ? { signal: options.signal } : {}) }

  const ask = async (sectionText: string, ask: string, rule: string, label: string) => {
    const messages: ChatMessage[] = [
      { role: 'system', content: systemFor(ctx) },
      {
        role: 'user',
        content: renderPrompt('rewrite-section', {
          section_heading: section.path,
          park: parkFor(ctx),
          section_level: section.level,
          instruction: ask,
          length_rule: rule,
          section_text: dataBlock(sectionText),
          facts: dataBlock(facts),
          entities: dataBlock(entities),
        }),
      },
    ]
    return deps.chat.structured(messages, HeadedSectionSchema, { ...call, name: 'section_rewrite', shape: shapes.headed, label })
  }
  const render = (answer: HeadedSection) => {
    if (!answer.paragraphs.some((p) => p.trim()) && !answer.subsections.length) throw llmError('llm_bad_output', rewriteMessages.emptyAnswer)
    // Level-1 headings are the template's (一、背景介绍 …): never reworded.
    const heading = section.level === 1 || !answer.heading.trim() ? section.heading.text : answer.heading
    const lines = renderSectionLines(section.level, section.marker.ordinal, heading, answer)
    return format === 'markdown' ? asMarkdown(before, section.level, lines) : lines.join('\n')
  }

  const first = await ask(before, instruction, length.rule, `rewrite:${section.path}`)
  let after = render(first.value)
  let usage = first.usage
  if (countZishu(after) > length.max) {
    const again = await ask(after, rewriteMessages.compressInstruction(length.max), rewriteMessages.lengthLimit(length.max, countZishu(after)), `rewrite:${section.path}:shorten`)
    after = render(again.value)
    usage = addUsage(usage, again.usage)
  }
  let next = replaceSectionText(doc, section.path, after)
  if (countZishu(after) > length.max) {
    // Still over after asking twice: compressed without the model, figures kept (rewrite-offline.ts).
    const names = (deps.plan?.entities ?? deps.park?.entities ?? []).map((e) => e.name)
    const compress = deps.compress ?? offlineCompressor(names)
    next = compress(parseReport(next, format), section.path, length.max).text
    const compressed = parseReport(next, format)
    const node = findSection(compressed, section.path)
    if (node) {
      const range = sectionLineRange(compressed, node)
      after = next.slice(range.start, range.end)
    }
  }

  // The same guarantees as a draft: automatic fixes, one repair round, then what is still wrong taken out — inside the
  // rewritten section only, and sparing the figures the person's own text had (they may come from outside the data).
  const secured = await secureSection(next, section.path, format, {
    kind: deps.kind,
    ...(deps.park ? { park: deps.park } : {}),
    focusIndustry: deps.plan?.focusIndustry ?? deps.park?.practice.focusIndustry,
    personsText: before,
    repair: async (sectionText, problems) => {
      const answer = await ask(sectionText, rewriteMessages.repairInstruction(problems), length.rule, `rewrite:${section.path}:repair`)
      usage = addUsage(usage, answer.usage)
      return render(answer.value)
    },
  })
  next = secured.text
  const securedNode = findSection(parseReport(next, format), section.path)
  if (securedNode) {
    const range = sectionLineRange(parseReport(next, format), securedNode)
    after = next.slice(range.start, range.end)
  }

  const check = deps.check ?? draftChecker(deps.kind, deps.park, { strictFigures: false })
  const findings = check(next)
  const nextDoc = parseReport(next, format)
  const node = findSection(nextDoc, section.path)
  const range = node ? sectionLineRange(nextDoc, node) : { start: start, end: start + after.length }
  return {
    text: next,
    path: section.path,
    before,
    after,
    diff: diffText(before, after),
    findings,
    sectionFindings: findings.filter((f) => f.start >= range.start && f.start <= range.end),
    usage,
    fixesApplied: secured.fixesApplied,
    removed: secured.removed,
  }
}

interface SecureContext {
  kind: KindSpec
  park?: ParkData
  focusIndustry: string | undefined
  /** The section as the person wrote it: its figures are theirs to answer for, not the model's inventions. */
  personsText: string
  /** One repair call: the section's current text and the problems as a list; returns the new section text. */
  repair: (sectionText: string, problems: string) => Promise<string>
}

/**
 * A rewritten section made as safe as a drafted one: the checker's fixes applied inside it; one repair call for what
 * is still wrong (errors — an untraced figure is one, as in a draft — and the warnings the guarantees act on: vague
 * formulas, another industry); then, deterministically, removal of what remains (guard.ts). Nothing outside the
 * section is touched, and a figure the person's own text already had is never removed.
 */
async function secureSection(
  text: string,
  path: string,
  format: 'text' | 'markdown',
  ctx: SecureContext,
): Promise<{ text: string; fixesApplied: number; removed: Removal[] }> {
  const check = draftChecker(ctx.kind, ctx.park)
  const range = (t: string) => {
    const doc = parseReport(t, format)
    const node = findSection(doc, path)
    return node ? sectionLineRange(doc, node) : undefined
  }
  const options = ctx.focusIndustry ? { focusIndustry: ctx.focusIndustry } : {}
  const problemsIn = (t: string, findings: readonly Finding[]) => {
    const r = range(t)
    if (!r) return []
    return findings.filter(
      (f) =>
        f.start >= r.start &&
        f.end <= r.end &&
        !f.fix &&
        guardedFinding(f, options) &&
        !(f.rule === 'number-trace' && ctx.personsText.includes(t.slice(f.start, f.end))),
    )
  }
  const fixInside = (t: string) => {
    let current = t
    let applied = 0
    for (let pass = 0; pass < 3; pass++) {
      const r = range(current)
      const fixes = r ? check(current).flatMap((f) => (f.fix && f.severity !== 'info' && f.start >= r.start && f.end <= r.end ? [f.fix] : [])) : []
      const result = applyFixes(current, fixes)
      if (!result.applied.length) break
      current = result.text
      applied += result.applied.length
    }
    return { text: current, applied }
  }

  let { text: current, applied: fixesApplied } = fixInside(text)
  const problems = problemsIn(current, check(current))
  const r = range(current)
  if (problems.length && r) {
    const repaired = await ctx.repair(current.slice(r.start, r.end), findingLines(problems, r))
    current = replaceSectionText(parseReport(current, format), path, repaired)
    const fixed = fixInside(current)
    current = fixed.text
    fixesApplied += fixed.applied
  }
  const removed: Removal[] = []
  for (let pass = 0; pass < 3; pass++) {
    const result = removeFindings(current, problemsIn(current, check(current)), options)
    if (!result.removed.length) break
    removed.push(...result.removed)
    const fixed = fixInside(result.text)
    current = fixed.text
    fixesApplied += fixed.applied
  }
  return { text: current, fixesApplied, removed }
}

/**
 * A section of a Markdown draft stays Markdown: paragraphs separated by blank lines, and headings of levels 1–2
 * carrying as many # as the section's own heading had, one more per level down (## 一、 → ### （一）).
 */
function asMarkdown(before: string, level: HeadingLevel, lines: readonly string[]): string {
  const hashes = /^(#{1,6})\s/.exec(before)?.[1]?.length ?? 0
  return lines
    .map((line) => {
      const marker = readHeadingMarker(line)
      if (!hashes || !marker || marker.level > 2) return line
      return `${'#'.repeat(Math.min(6, hashes + marker.level - level))} ${line}`
    })
    .join('\n\n')
}
