import type { Finding } from '../check/finding.js'
import { readHeadingMarker } from '../model/heading-markers.js'

/**
 * What a product-written draft is guaranteed not to contain when it is delivered, whatever the model did with the
 * repair rounds (real models fix about half of what they are told): a figure without a source in the park data, a
 * figure the data contradicts, a sentence about another lead industry, an empty formula (取得显著成效 with nothing
 * to show for it), a short name the checker could not expand. Each is taken out deterministically — the smallest
 * unit that carries it: the clause of an untraced figure, the sentence of an off-topic or vague one — and every
 * removal is listed, so the person sees what to restore with real data. A removal that would leave a heading with
 * no text puts 【待核实：……】 there instead, which the checker reports as an error.
 */

export type RemovalRule = 'number-trace' | 'number-consistency' | 'focus' | 'vague-language' | 'proper-noun'

export interface Removal {
  rule: RemovalRule
  /** Section path where it was, e.g. 二、创新举措/（一）. */
  section: string
  /** The text taken out (or marked). */
  text: string
  /** What was taken out: a clause, a sentence, a figure in a heading, or the line marked 【待核实】. */
  unit: 'clause' | 'sentence' | 'figure' | 'marked'
  /** Why, in the checker's words. */
  reason: string
}

export const guardMessages = {
  marked: (what: string) => `【待核实：此处原有内容“${what}”缺少数据来源，已删去，请补充核实后的内容】`,
} as const

export interface GuardOptions {
  /** The lead industry: a sentence that names it as well is not about another industry. */
  focusIndustry?: string
  /** Parts (level-1 paths, 【摘要】) not to touch: already marked as failed. */
  frozen?: readonly string[]
}

const SENTENCE_END = /[。！？!?]/u
const CLAUSE_END = /[，,；;]/u

/** Whether a finding is one the guarantees take out. */
export function guardedFinding(finding: Finding, options: GuardOptions = {}): boolean {
  if (options.frozen?.some((path) => finding.section === path || finding.section.startsWith(`${path}/`))) return false
  switch (finding.rule) {
    case 'number-trace':
      return finding.severity !== 'info'
    case 'number-consistency':
    case 'proper-noun':
      // With a fix, the checker's own correction (applied before) is the better remedy.
      return finding.severity === 'error' && !finding.fix
    case 'focus':
    case 'vague-language':
      return finding.severity !== 'info'
    default:
      return false
  }
}

interface Span {
  start: number
  end: number
  unit: Removal['unit']
  replacement?: string
}

/**
 * Takes out what the findings point at, from the end of the text to its start so offsets stay valid; overlapping
 * spans are merged (two invented figures in one clause remove it once).
 */
export function removeFindings(text: string, findings: readonly Finding[], options: GuardOptions = {}): { text: string; removed: Removal[] } {
  const targets = findings.filter((f) => guardedFinding(f, options))
  const planned: { span: Span; finding: Finding }[] = []
  for (const finding of targets) {
    const span = spanFor(text, finding, options)
    if (span) planned.push({ span, finding })
  }
  // Overlapping spans become one: an invented figure's clause inside an off-topic sentence goes with the sentence.
  planned.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)
  const merged: { span: Span; finding: Finding }[] = []
  for (const next of planned) {
    const last = merged.at(-1)
    if (last && next.span.start < last.span.end) {
      if (next.span.end > last.span.end) last.span = { ...last.span, end: next.span.end, unit: 'sentence' }
      continue
    }
    merged.push({ span: { ...next.span }, finding: next.finding })
  }
  let out = text
  const removed: Removal[] = []
  for (const { span, finding } of merged.reverse()) {
    removed.push({ rule: finding.rule as RemovalRule, section: finding.section, text: text.slice(span.start, span.end).trim(), unit: span.unit, reason: finding.message })
    out = out.slice(0, span.start) + (span.replacement ?? '') + out.slice(span.end)
  }
  return { text: tidy(out), removed: removed.reverse() }
}

function lineBounds(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1
  const nl = text.indexOf('\n', at)
  return { start: at > 0 && text[at - 1] === '\n' ? at : start, end: nl < 0 ? text.length : nl }
}

function spanFor(text: string, finding: Finding, options: GuardOptions): Span | undefined {
  const at = Math.min(finding.start, Math.max(0, text.length - 1))
  const line = lineBounds(text, at)
  const raw = text.slice(line.start, line.end)
  const marker = readHeadingMarker(raw)
  // Levels 1–2 stand alone on their line (一、 （一）); levels 3–4 run into their text (1.绿电直供。……).
  const headingLine = marker !== undefined && marker.level <= 2
  const bodyStart = line.start + (marker && !headingLine ? leadEnd(raw, marker.text.length) : headingLine ? marker.text.length : 0)
  if (at < bodyStart) return headingSpan(text, finding, line, bodyStart)
  if (headingLine) return headingSpan(text, finding, line, line.start + marker.text.length)

  const sentence = sentenceBounds(text, at, bodyStart, line.end)
  const wholeSentence = finding.rule === 'focus' || finding.rule === 'vague-language' || finding.rule === 'proper-noun'
  if (finding.rule === 'focus' && options.focusIndustry && text.slice(sentence.start, sentence.end).includes(options.focusIndustry)) {
    // A sentence tying the other industry to the lead one (服务新能源电池材料产业) is on focus.
    return undefined
  }
  if (!wholeSentence) {
    const clause = clauseSpan(text, at, sentence)
    if (clause) return clause
  }
  // The sentence; if it is the line's only text, the line (unless the line is all a heading has).
  const onlySentence = text.slice(bodyStart, sentence.start).trim() === '' && text.slice(sentence.end, line.end).trim() === ''
  if (!onlySentence) return { start: sentence.start, end: sentence.end, unit: 'sentence' }
  if (bodyStart > line.start) return { start: sentence.start, end: sentence.end, unit: 'sentence' }
  if (soleBodyOfHeading(text, line)) {
    return { start: line.start, end: line.end, unit: 'marked', replacement: guardMessages.marked(shorten(text.slice(finding.start, finding.end))) }
  }
  return { start: line.start, end: Math.min(text.length, line.end + 1), unit: 'sentence' }
}

/** End of a run-in 领句 (“1.绿电直供。”) after the marker, or the marker's end when there is none. */
function leadEnd(line: string, markerLength: number): number {
  const rest = line.slice(markerLength)
  const stop = rest.search(SENTENCE_END)
  return stop >= 0 && stop <= 20 ? markerLength + stop + 1 : markerLength
}

/**
 * The offsets of a line's text inside 【】 (a 【待补充：……】 the drafter or the person left), “” and 《》: their
 * punctuation ends no sentence or clause, so a removal never cuts a bracket pair in two.
 */
function enclosed(text: string, from: number, to: number): Set<number> {
  const inside = new Set<number>()
  const open: string[] = []
  for (let i = from; i < to; i++) {
    const c = text[i]!
    const close = BRACKETS[c]
    if (close) open.push(close)
    else if (c === open.at(-1)) open.pop()
    else if (open.length > 0) inside.add(i)
  }
  return inside
}
const BRACKETS: Record<string, string> = { '【': '】', '“': '”', '《': '》' }

function sentenceBounds(text: string, at: number, from: number, to: number): { start: number; end: number } {
  const inside = enclosed(text, from, to)
  const ends = (i: number) => SENTENCE_END.test(text[i]!) && !inside.has(i)
  let start = at
  while (start > from && !ends(start - 1)) start--
  let end = at
  while (end < to && !ends(end)) end++
  return { start, end: end < to ? end + 1 : to }
}

/**
 * The clause of a figure (between ，；), with one of its separators: the following one for a clause in front, the
 * preceding one for the last clause (the sentence keeps its 。). None when the sentence is a single clause.
 */
function clauseSpan(text: string, at: number, sentence: { start: number; end: number }): Span | undefined {
  const inside = enclosed(text, sentence.start, sentence.end)
  const separates = (i: number) => CLAUSE_END.test(text[i]!) && !inside.has(i)
  // A closing 】 ends the clause before it too (【待补充：……】园区企业……提升20.0%): the bracket stays whole.
  const closesPlaceholder = (i: number) => text[i] === '】' && !inside.has(i)
  let start = at
  while (start > sentence.start && !separates(start - 1) && !closesPlaceholder(start - 1)) start--
  let end = at
  while (end < sentence.end && !separates(end) && !(SENTENCE_END.test(text[end]!) && !inside.has(end))) end++
  const first = start === sentence.start
  const last = end >= sentence.end || SENTENCE_END.test(text[end]!)
  if (first && last) return undefined
  if (!first && closesPlaceholder(start - 1)) return { start, end: end < sentence.end ? end + 1 : end, unit: 'clause' }
  if (!last) return { start, end: end + 1, unit: 'clause' }
  return { start: start - 1, end, unit: 'clause' }
}

/** A figure or phrase in a heading: its clause when the heading has several, else the figure alone. */
function headingSpan(text: string, finding: Finding, line: { start: number; end: number }, bodyStart: number): Span | undefined {
  if (finding.rule === 'vague-language' || finding.rule === 'focus' || finding.rule === 'proper-noun') return undefined
  const clause = clauseSpan(text, finding.start, { start: bodyStart, end: line.end })
  if (clause) return clause
  let start = finding.start
  // The verb that carries the figure (达, 至, 超过) goes with it: 集聚数字化服务商达47家 → 集聚数字化服务商.
  while (start > bodyStart && /[达至为超过近约逾]/u.test(text[start - 1]!)) start--
  return start < finding.end ? { start, end: finding.end, unit: 'figure' } : undefined
}

/** Whether a line is all the text under its heading: the previous line is a heading and the next is a heading or the end. */
function soleBodyOfHeading(text: string, line: { start: number; end: number }): boolean {
  const before = text.slice(0, Math.max(0, line.start - 1)).split('\n').at(-1) ?? ''
  const after = text.slice(line.end + 1).split('\n')[0] ?? ''
  const isHeading = (l: string) => readHeadingMarker(l.trim()) !== undefined
  return isHeading(before) && (after.trim() === '' || isHeading(after))
}

function shorten(text: string): string {
  const chars = [...text.trim()]
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')
}

/** Punctuation left over by removals: “，。” → “。”, a line starting with “，”, doubled separators. */
function tidy(text: string): string {
  return text
    .replace(/[，,；;]+(?=[。！？])/gu, '')
    .replace(/[，；]{2,}/gu, (m) => m[0]!)
    .replace(/(^|\n)[，；]+/gu, '$1')
    .replace(/([：:])[，；]+/gu, '$1')
}
