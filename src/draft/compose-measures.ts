import { toChineseNumeral } from '../model/chinese-numerals.js'
import { phrases } from './phrases.js'
import { directionFilter, type PlanMeasure, type PlanNote, type PlanSection } from './plan.js'
import { splitTopLevel, withSubject } from './prose.js'
import { ensureStop, paragraph, s, type Context, type Line } from './compose-context.js'

/**
 * 二、创新举措 (and 003 示范性做法和经验 / 主要做法): one （一） per measure — the problem it answers, the policy clause it
 * follows, the measure in the park's words — with the descriptive indicator rows that belong to it.
 */

// A descriptive indicator row belongs to the measure it shares most words with, from this Dice score up; below it,
// it describes the park's base and goes to 背景介绍.
const NOTE_MATCH = 0.18
// A clause of a note that mostly repeats the measure (建成智慧安全应急管理平台 after the measure built it) is left out.
const REPEATS = 0.6

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s，。；、：（）“”《》\d.%]/gu, '')]
  return new Set(chars.slice(1).map((c, i) => chars[i]! + c))
}

function dice(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  if (!x.size || !y.size) return 0
  let shared = 0
  for (const g of x) if (y.has(g)) shared += 1
  return (2 * shared) / (x.size + y.size)
}

/** Share of `part`'s bigrams found in `whole`. */
function containment(part: string, whole: string): number {
  const x = bigrams(part)
  const y = bigrams(whole)
  if (!x.size) return 1
  let shared = 0
  for (const g of x) if (y.has(g)) shared += 1
  return shared / x.size
}

/**
 * Each descriptive note of the 举措 part with the measure it belongs to (or none): the measure it shares most words
 * with; failing that, the measure of a sibling row on the same subject (安全生产体系建设情况 follows 安全科技支撑情况
 * to the safety measure).
 */
function assignNotes(measures: readonly PlanMeasure[], notes: readonly PlanNote[]): Map<PlanNote, PlanMeasure | undefined> {
  const out = new Map<PlanNote, PlanMeasure | undefined>()
  for (const note of notes) {
    let best: PlanMeasure | undefined
    let bestScore = NOTE_MATCH
    for (const m of measures) {
      const score = dice(note.text, m.text)
      if (score >= bestScore) [best, bestScore] = [m, score]
    }
    out.set(note, best)
  }
  for (const note of notes) {
    if (out.get(note)) continue
    const sibling = notes.find((other) => other !== note && out.get(other) && dice(subjectOf(other.label), subjectOf(note.label)) >= SIBLING_LABEL)
    if (sibling) out.set(note, out.get(sibling))
  }
  return out
}

// 安全生产体系建设情况 and 安全科技支撑情况 (Dice 0.17) are one subject; 数字化管理服务平台建设运行情况 and
// 高质量数据集构建情况 (0) are two.
const SIBLING_LABEL = 0.1
const subjectOf = (label: string) => label.replace(/(?:建设运行|构建|建设)?情况$/, '')

const entityNames = (ctx: Context) => ctx.park.entities.map((e) => e.name)

/** Notes of the 举措 part that no measure takes: they describe the base (e.g. a park-wide platform). */
export function notesForBase(ctx: Context): string[] {
  const section = ctx.plan.sections.find((x) => x.measures.length)
  if (!section) return []
  const assigned = assignNotes(section.measures, section.notes)
  return section.notes.filter((n) => !assigned.get(n)).map((n) => withSubject(n.text, ctx.park.park.name, { subject: phrases.measureSubject, names: entityNames(ctx) }))
}

function clauseHeading(text: string): string | undefined {
  const first = text.split('。')[0]?.trim() ?? ''
  return first.length >= 4 && first.length <= 24 && !/[，；：]/.test(first) ? first : undefined
}

export function measureLines(ctx: Context, section: PlanSection): Line[] {
  if (!section.measures.length) return [paragraph(s(phrases.placeholder(phrases.missing.measures)))]
  const problems = new Map(ctx.plan.sections.flatMap((x) => x.problems).map((p) => [p.id, p]))
  const assigned = assignNotes(section.measures, section.notes)
  const inDirection = directionFilter(ctx.kind)
  const lines: Line[] = []
  section.measures.forEach((m, i) => {
    lines.push({ heading: `（${toChineseNumeral(i + 1)}）${m.heading}` })
    const names = m.addresses.map((id) => problems.get(id)).filter((p) => p !== undefined).map((p) => p.name)
    // The body names a clause only when it is of the kind's own direction (or the kind has none): a clause from
    // elsewhere is a weaker match, kept in the plan and the evidence but not claimed in the report.
    const clause = m.clauses.find((c) => !ctx.kind.directionReference || inDirection(c))
    const heading = clause ? clauseHeading(clause.text) : undefined
    const documentTitle = clause ? /^《([^》]+)》/.exec(clause.path)?.[1] : undefined
    let lead = names.length ? phrases.measureProblem(names.join('、')) : ''
    let body = ensureStop(m.text)
    if (heading && documentTitle) lead += phrases.measureClause(documentTitle, heading)
    else if (lead) body = withSubject(body, ctx.park.park.name, { subject: phrases.measureSubject, names: entityNames(ctx), inClause: true })
    const notes = [...assigned].filter(([, owner]) => owner === m).map(([note]) => note)
    const details = notes.map((note) => noteDetail(note.text, m.text, ctx.park.park.name, entityNames(ctx))).filter(Boolean)
    lines.push(paragraph(s(`${lead}${body}`), ...details.map((d) => s(d, 2))))
  })
  return lines
}

/**
 * A note's clauses that add something to the measure, as one sentence; '' when it only repeats it. When the clause
 * the note opens with is left out (建成智慧安全应急管理平台, which the measure states), what is left has lost its
 * context and gets the park as its subject (“园区推广应用防爆巡检机器人24台…”, “2025年，园区开展…”).
 */
export function noteDetail(note: string, measure: string, parkName: string, names: readonly string[] = []): string {
  const sentences = splitTopLevel(note, '。').map((sentence) =>
    splitTopLevel(sentence, '，；').filter((clause) => containment(clause, measure) < REPEATS),
  )
  const kept = sentences.filter((clauses) => clauses.length)
  if (!kept.length) return ''
  const text = `${kept.map((clauses) => clauses.join('，')).join('；')}。`
  const opening = splitTopLevel(note, '。，；')[0]
  return kept[0]![0] === opening ? text : withSubject(text, parkName, { subject: phrases.measureSubject, names })
}
