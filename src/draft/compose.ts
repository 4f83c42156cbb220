import { getKind } from '../kinds/registry.js'
import { parseReport } from '../model/parse-report.js'
import { reportZishu } from '../model/report-stats.js'
import { deriveFigures } from '../park/derived.js'
import type { ParkData } from '../park/park-schema.js'
import { traceFigures, type EvidenceMap, type EvidenceMeasure } from './evidence.js'
import { phrases } from './phrases.js'
import type { DraftPlan, PlanSection } from './plan.js'
import { fusesWithDeng, parkTextReader, problemKeyword } from './prose.js'
import { baseParagraph, problemParagraphs } from './compose-background.js'
import { ensureStop, paragraph, s, type Context, type Line, type Priority, type Sentence } from './compose-context.js'
import { measureLines } from './compose-measures.js'
import { withoutOffFocusClauses } from './compose-focus.js'
import { withDataYearFigures } from './compose-numbers.js'
import { completeChanges, resultLines } from './compose-results.js'
import { currentProblemLines } from './compose-problems.js'
import { aspectLines, aspectRoom, practiceRowLines } from './compose-base.js'

/**
 * The offline composer: a deterministic writer that turns a DraftPlan and the park's data into a whole report in the
 * kind's frame (000/001: title, 【摘要】, 一、背景介绍 二、创新举措 三、实践成效; 003: the 示范基地 parts), following
 * 问题导向—解决路径—实践成效 (填写要求4). It writes only what the data says: the park's own texts (with official full
 * names), its indicators and facts, and the comparisons of src/park/derived.ts. Where the template needs something
 * the data lacks, it writes a 【待补充：…】 placeholder, which the checker reports, instead of inventing it.
 *
 * Length: sentences carry a priority; when the report is over its budget (DraftPlan.totalBudget), the least needed
 * sentences go first, from the part furthest over its own budget. Problems, measures and results are never dropped,
 * so no figure a result needs is lost.
 */

export interface ComposeResult {
  text: string
  evidence: EvidenceMap
}

interface Part {
  /** Abstract, or a level-1 section. */
  label: string
  budget: number
  /** The level-1 heading line; absent for the abstract. */
  heading?: string
  lines: Line[]
  abstract?: boolean
}

export function composeReport(plan: DraftPlan, park: ParkData): ComposeResult {
  const kind = getKind(plan.kind)
  const ctx: Context = {
    plan,
    park,
    kind,
    derived: deriveFigures(park),
    refs: [],
    full: parkTextReader(park),
    focus: plan.focusIndustry,
    results: new Map(),
  }
  for (const r of plan.sections.flatMap((section) => section.results)) {
    if (!ctx.results.has(r.id)) ctx.results.set(r.id, completeChanges(ctx, r))
  }

  const parts: Part[] = []
  if (plan.abstract.required) {
    parts.push({ label: plan.abstract.label, budget: plan.abstract.budget, lines: [abstractParagraph(ctx)], abstract: true })
  }
  for (const section of plan.sections) {
    parts.push({ label: section.path, heading: `${section.marker}${section.heading}`, budget: section.budget, lines: sectionLines(ctx, section) })
  }

  trim(parts, plan)
  // 全篇聚焦1个主导产业: what the park's notes say in passing of another lead industry is not copied; figures copied from
  // the park's texts agree with its indicators of the data year.
  const text = withDataYearFigures(withoutOffFocusClauses(render(plan.title, parts), park, kind, ctx.refs), park, kind)
  const traced = traceFigures(text, park, ctx.refs)
  const doc = parseReport(text)
  const measures: EvidenceMeasure[] = []
  for (const section of plan.sections) {
    const part = doc.sections.find((d) => d.path === section.path)
    section.measures.forEach((m, i) => {
      const child = part?.children[i]
      measures.push({
        id: m.id,
        section: child?.path ?? section.path,
        heading: m.heading,
        addresses: m.addresses,
        results: m.results,
        clauses: m.clauses,
      })
    })
  }
  return { text, evidence: { ...traced, measures } }
}

// ---------------------------------------------------------------------------------------------
// Rendering and trimming
// ---------------------------------------------------------------------------------------------

function renderPart(part: Part): string[] {
  const out: string[] = []
  if (part.heading) out.push(part.heading)
  let item = 0
  for (const line of part.lines) {
    if ('heading' in line) {
      out.push(line.heading)
      item = 0
    } else if (line.sentences.length) {
      const text = line.sentences.map((x) => x.text).join('')
      out.push(line.item === undefined ? text : `${(item += 1)}.${line.item}。${text}`)
    }
  }
  if (part.abstract) return [`${part.label}${out.join('')}`]
  return out
}

/** Title, a blank line, then each part separated by a blank line (as fixtures/drafts/nanling-green.txt). */
function render(title: string, parts: readonly Part[]): string {
  return [title, ...parts.map((part) => renderPart(part).join('\n'))].join('\n\n') + '\n'
}

function partZishu(part: Part): number {
  const text = renderPart(part).join('\n')
  return reportZishu(parseReport(part.abstract ? text : `标题\n${text}`)).total
}

/** How far over its budget a part may run before its priority-2 sentences go (the length rule's default tolerance). */
const PART_TOLERANCE = 1.5

/**
 * Drops sentences until the report is within the plan's total budget: a priority-2 sentence before a priority-1 one,
 * the longest first, from the part furthest over its own budget; priority 0 is kept whatever it costs (the checker
 * then reports the length). Deterministic: ties go to the later sentence of the earlier part.
 */
function trim(parts: Part[], plan: DraftPlan): void {
  // A part far over its own budget (003 附件3: 背景约300字) loses its supporting detail even when the total fits.
  for (const part of parts) {
    while (partZishu(part) > part.budget * PART_TOLERANCE) {
      const found = droppable(part, 2)
      if (!found) break
      found.line.sentences.splice(found.index, 1)
    }
  }
  const total = () => parts.reduce((sum, part) => sum + partZishu(part), 0)
  for (const priority of [2, 1] as const) {
    while (total() > plan.totalBudget) {
      const ranked = parts
        .map((part) => ({ part, over: partZishu(part) - part.budget }))
        .filter(({ part }) => droppable(part, priority))
        .sort((a, b) => b.over - a.over)
      const target = ranked[0]
      if (!target) break
      const { line, index } = droppable(target.part, priority)!
      line.sentences.splice(index, 1)
    }
  }
}

/** The longest sentence of a priority in a part (the later one on a tie): one cut that frees the most 字. */
function droppable(part: Part, priority: Priority): { line: { sentences: Sentence[] }; index: number } | undefined {
  let found: { line: { sentences: Sentence[] }; index: number; length: number } | undefined
  for (const line of part.lines) {
    if ('heading' in line) continue
    line.sentences.forEach((sentence, index) => {
      if (sentence.priority === priority && (!found || sentence.text.length >= found.length)) found = { line, index, length: sentence.text.length }
    })
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// 【摘要】
// ---------------------------------------------------------------------------------------------

function abstractParagraph(ctx: Context): Line {
  const { plan } = ctx
  const background = plan.sections.find((x) => x.problems.length)
  const measures = plan.sections.find((x) => x.measures.length)?.measures ?? []
  const results = plan.sections.find((x) => x.results.length)?.results ?? []
  const problems = background?.problems ?? []
  const lead = [phrases.abstractFocus(plan.parkName, ctx.focus)]
  if (problems.length) {
    const names = problems.map((p) => problemKeyword(p.text)).join('、')
    lead.push(phrases.abstractProblems(names, fusesWithDeng(names)))
  }
  if (measures.length) lead.push(...measures.map((m) => m.heading))
  else if (plan.direction) lead.push(phrases.abstractNoMeasures(plan.direction.name))
  const changes: string[] = []
  for (const r of results) {
    if (changes.length >= 3) break
    const change = ctx.results.get(r.id)?.changes.find((c) => c.subject)
    if (change) changes.push(`${change.subject}${change.raw}`)
  }
  return paragraph(s(ensureStop(lead.join('，'))), changes.length > 0 && s(phrases.abstractResults(changes.join('，')), 1))
}

// ---------------------------------------------------------------------------------------------
// Sections by role
// ---------------------------------------------------------------------------------------------

function sectionLines(ctx: Context, section: PlanSection): Line[] {
  switch (section.role) {
    case 'background':
      return [baseParagraph(ctx), ...problemParagraphs(ctx, section)]
    case 'overview':
      return [baseParagraph(ctx)]
    case 'measures':
      return measureLines(ctx, section)
    case 'practices': {
      // 003 asks for 3-5 aspects: the practice's measures, then what the 汇总表 says the base did.
      const room = aspectRoom(specOf(ctx, section), section.measures.length)
      return [...measureLines(ctx, section), ...practiceRowLines(ctx, section, room, section.measures.length + 1)]
    }
    case 'results':
      return resultLines(ctx, section)
    case 'highlights': {
      const lines = resultLines(ctx, section)
      const room = aspectRoom(specOf(ctx, section), section.results.length)
      const stated = renderPart({ label: section.path, budget: 0, lines }).join('')
      return [...lines, ...aspectLines(ctx, room, section.results.length + 1, stated)]
    }
    case 'problems':
      return currentProblemLines(ctx)
    default:
      return [paragraph(s(phrases.placeholder(phrases.missing.currentProblems)))]
  }
}

const specOf = (ctx: Context, section: PlanSection) => ctx.kind.sections.find((spec) => spec.role === section.role)
