import { toChineseNumeral } from '../model/chinese-numerals.js'
import { extractNumbers } from '../park/text-numbers.js'
import { phrases } from './phrases.js'
import { directionFilter, type PlanMeasure, type PlanNote, type PlanSection } from './plan.js'
import { changeVerb, splitTopLevel, withoutFinalStop, withSubject } from './prose.js'
import { chooseOpenings } from './compose-openings.js'
import { paragraph, s, type Context, type Line } from './compose-context.js'

/**
 * 二、创新举措 (and 003 示范性做法和经验 / 主要做法): one （一） per measure — the problem it answers, the policy clause it
 * follows, the measure in the park's words — with the descriptive indicator rows that belong to it.
 */

// A descriptive indicator row belongs to the measure it shares most words with, from this Dice score up; below it,
// it describes the park's base and goes to 背景介绍.
const NOTE_MATCH = 0.18
// A clause of a note that mostly repeats the measure (建成智慧安全应急管理平台 after the measure built it) is left out.
const REPEATS = 0.6
// A clause with the measure's own figures repeats it from this share of shared words on.
const RESTATES = 0.25

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
  const material = section.measures.map((m) => {
    const problem = m.addresses.map((id) => problems.get(id)).filter((p) => p !== undefined).map((p) => p.name).join('、')
    // The body names a clause only when it is of the kind's own direction (or the kind has none): a clause from
    // elsewhere is a weaker match, kept in the plan and the evidence but not claimed in the report.
    const clause = m.clauses.find((c) => !ctx.kind.directionReference || inDirection(c))
    const heading = clause ? clauseHeading(clause.text) : undefined
    const documentTitle = clause ? /^《([^》]+)》/.exec(clause.path)?.[1] : undefined
    const cite = heading && documentTitle ? phrases.citation(documentTitle, heading) : ''
    const goal = goalOf(ctx, m)
    const figures = (text: string) => extractNumbers(text).filter((n) => !n.isYear).length
    const addressed = m.addresses.map((id) => problems.get(id)?.text ?? '').join('')
    const score = {
      problem: problem ? 1 + figures(addressed) : 0,
      policy: cite ? 2 : 0,
      goal: goal.text ? 1 + goal.size : 0,
      action: 1 + figures(m.text),
    }
    return { m, problem, cite, goal: goal.text, score }
  })
  const openings = chooseOpenings(material.map((x) => x.score))
  const lines: Line[] = []
  material.forEach(({ m, problem, cite, goal }, i) => {
    lines.push({ heading: `（${toChineseNumeral(i + 1)}）${m.heading}` })
    const opening = openings[i]!
    const body = withoutFinalStop(withSubject(m.text, ctx.park.park.name, { subject: phrases.measureSubject, names: entityNames(ctx), inClause: opening.style !== 'action' }))
    const lead = phrases.measureOpenings[opening.style][opening.variant](problem, cite, body, goal)
    const notes = [...assigned].filter(([, owner]) => owner === m).map(([note]) => note)
    const details = notes
      .map((note) => ({ label: note.label, text: noteDetail(note.text, m.text, ctx.park.park.name, entityNames(ctx)) }))
      .filter((d) => d.text)
    if (details.length < MIN_ITEMS) {
      lines.push(paragraph(s(lead), ...details.map((d) => s(d.text, 2))))
      return
    }
    // A measure with parts of its own (the safety system and the safety technology beside the platform): the measure,
    // then one numbered item per part, headed by what the part is about.
    lines.push(paragraph(s(lead)))
    for (const d of details) {
      const body = withSubject(d.text, ctx.park.park.name, { subject: phrases.measureSubject, names: entityNames(ctx) })
      lines.push({ item: itemHeading(d.label), sentences: [s(body, 2)] })
    }
  })
  return lines
}

/** Parts a measure needs before they are written as numbered items rather than sentences of its paragraph. */
const MIN_ITEMS = 2

/** The 领句 of an item from the indicator row it comes from: 安全生产体系建设情况 → 安全生产体系建设. */
const itemHeading = (label: string) => label.replace(/(?:的)?(?:情况|现状|进展)$/u, '')

/**
 * What a measure set out to change, from the results the data links to it (PlanMeasure.results): the verb and subject
 * of their first before/after changes (降低单位能耗碳排放、提高绿电消费占比), at most two ('' when none has one), and
 * how large the largest change was.
 */
function goalOf(ctx: Context, m: PlanMeasure): { text: string; size: number } {
  const goals: string[] = []
  let size = 0
  for (const id of m.results) {
    for (const change of ctx.results.get(id)?.changes ?? []) {
      const verb = phrases.goalVerb[changeVerb(change)]
      const subject = change.subject?.trim()
      if (!verb || !subject || subject.length > 16 || /\d|[，；。]/.test(subject)) continue
      const goal = `${verb}${subject}`
      if (goals.length >= 2 || goals.includes(goal)) continue
      goals.push(goal)
      // The relative size of the change, in tenths (a change of 82% scores 8): large changes lead.
      const from = Math.abs(change.from.value)
      size = Math.max(size, from ? Math.round((Math.abs(change.to.value - change.from.value) / from) * 10) : 10)
    }
  }
  return { text: goals.join('、'), size }
}

/**
 * A note's clauses that add something to the measure, as one sentence; '' when it only repeats it. When the clause
 * the note opens with is left out (建成智慧安全应急管理平台, which the measure states), what is left has lost its
 * context and gets the park as its subject (“园区推广应用防爆巡检机器人24台…”, “2025年，园区开展…”).
 */
export function noteDetail(note: string, measure: string, parkName: string, names: readonly string[] = []): string {
  const stated = new Set(extractNumbers(measure).map((n) => `${n.value}|${n.unit}`))
  // Each fact once: a clause whose figures the measure already states, in words of its own, is a second telling of it
  // (汇聚企业运行、能耗、安全等12个部门数据 after 汇聚12个部门数据).
  const restates = (clause: string) => {
    const figures = extractNumbers(clause).filter((n) => !n.isYear)
    return figures.length > 0 && figures.every((n) => stated.has(`${n.value}|${n.unit}`)) && containment(clause, measure) >= RESTATES
  }
  const sentences = splitTopLevel(note, '。').map((sentence) =>
    splitTopLevel(sentence, '，；').filter((clause) => containment(clause, measure) < REPEATS && !restates(clause)),
  )
  const kept = sentences.filter((clauses) => clauses.length)
  if (!kept.length) return ''
  const text = `${kept.map((clauses) => clauses.join('，')).join('；')}。`
  const opening = splitTopLevel(note, '。，；')[0]
  return kept[0]![0] === opening ? text : withSubject(text, parkName, { subject: phrases.measureSubject, names })
}
