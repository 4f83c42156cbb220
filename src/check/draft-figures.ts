import type { ReportDoc } from '../model/report-doc.js'
import { extractChanges, numbersIn } from '../park/text-numbers.js'
import { decimalsOf } from '../park/units.js'
import { checkMemo } from './check-memo.js'
import { sentencesOf, type Sentence } from './sentences.js'
import { textBlocks, type TextBlock } from './text-blocks.js'
import { matchesOf } from '../regex-matches.js'

/**
 * Every Arabic number written in a draft, read as a report reader would: is it a claim (a quantity the park must be
 * able to back, 000/001 实践成效 “实事求是、依据充分”) or a year, a date, an ordinal, a code or part of a name; is it a
 * level, the before or after of a “由A降至B”, or a change (提高22.3个百分点); which year it belongs to; and which words
 * around it say what it counts. The number rules (number-consistency, number-trace, quant-evidence) all read this.
 */

export type FigureKind =
  /** A quantity with a unit: 968.2亿元, 93.6%, 1.2万个. */
  | 'quantity'
  /** A number without a unit (容积率1.12, 1+N): a claim only where context says so. */
  | 'unitless'
  | 'year'
  /** 12月31日, 6月. */
  | 'date'
  /** 第3, （1）, 1、, 3号. */
  | 'ordinal'
  /** 5G, 3D, 4A: a name of a technology or grade, not an amount. */
  | 'code'
  /** Inside 《》, quotation marks or a standard number (GB/T 4754-2017). */
  | 'name'
  /** 3个方面, 5项任务: the structure of the text, not a claim about the park. */
  | 'item-count'
  /** 近3年, 连续5年: a period. */
  | 'duration'

/**
 * level: a state (93.6%); from/to: the two sides of 由A至B; delta: the size of a change (提高22.3个百分点, 同比增长9.1%,
 * 是……的2.1倍); increment: what was added (新增国家高新技术企业35家) — a count of new things, not a comparison.
 */
export type FigureRole = 'level' | 'from' | 'to' | 'delta' | 'increment'
/** lower: 超过/以上; upper: 不到/以内; approx: 约/近/左右. */
export type FigureBound = 'lower' | 'upper' | 'approx'

export interface TextWindow {
  text: string
  /** Offset of `text` in the block's clean text. */
  start: number
}

export interface DraftFigure {
  block: TextBlock
  sentence: Sentence
  /** [start, end) of the number and its unit in the block's clean text. */
  start: number
  end: number
  /** Number and unit as written, e.g. 1.2万个. */
  raw: string
  value: number
  /** Unit as written, magnitude included ('万个'); '' when none. */
  unit: string
  /** Decimals as written: 968 → 0, 968.2 → 1. */
  decimals: number
  kind: FigureKind
  role: FigureRole
  bound?: FigureBound
  /**
   * The year the figure belongs to. `clause`: written in its own clause (2023年园区……2.46吨) or in its 由/至 pair;
   * `sentence`: carried over from an earlier clause of the sentence, a weaker reading.
   */
  period?: { year: string; strength: 'clause' | 'sentence' }
  /** The words before the figure in its clause, back to the previous figure; for from/to, the subject before 由/从. */
  labelBefore: TextWindow
  /** The words after the figure in its clause, up to the next figure (214家国家高新技术企业). */
  labelAfter: TextWindow
}

/** How many characters before a figure a message quotes. */
const QUOTE_CONTEXT = 16

/** Fewer words than this before a figure do not say what it counts: the words after it are quoted too. */
const SHORT_LEAD = 4

/**
 * The figure with the words before it in its clause, as a message quotes it: 集聚国家高新技术企业468家, 接入1.3万个监测点位.
 * The quotation does not start inside a number (2023—2025年累计投入 → 累计投入).
 */
const MAX_QUOTED_FIGURE = 24

export function quoteFigure(figure: DraftFigure): string {
  const from = Math.max(figure.labelBefore.start, figure.start - QUOTE_CONTEXT)
  const before = figure.block.text.slice(from, figure.start).replace(/^[\d.,—–-]*[年月日]?/, '').trimStart()
  const after = before.length < SHORT_LEAD ? figure.labelAfter.text.slice(0, QUOTE_CONTEXT) : ''
  // A pasted run of 10,000 digits is quoted by its beginning: the finding points at all of it.
  const raw = figure.raw.length > MAX_QUOTED_FIGURE ? `${figure.raw.slice(0, MAX_QUOTED_FIGURE - figure.unit.length)}…${figure.unit}` : figure.raw
  return `${before}${raw}${after}`
}

/** Only quantities and unitless numbers can be claims; the other kinds never are. */
export function isClaimKind(kind: FigureKind): boolean {
  return kind === 'quantity' || kind === 'unitless'
}

// A clause ends at these marks: what names a figure is written in its own clause.
// Quotation marks do not end a clause: 专精特新“小巨人”企业13家.
// Code units, looked up without making a string of each character.
const CLAUSE_BREAK = new Set(Array.from('，,；;。！？!?：:、（）()\n', (c) => c.charCodeAt(0)))
// 《南岭市“十四五”规划（2021—2025年）》, “1+N”, 7×24小时 (a service pattern), GB/T 4754-2017, ISO 14001:2015.
const NAME_RANGES = [/《[^《》]*》/g, /“[^“”]{1,20}”/g, /「[^「」]{1,20}」/g, /"[^"]{1,20}"/g, /(?<!\d)\d+\s*[×xX*]\s*\d+\s*小时/g]
const STANDARD_CODE = /(?:[A-Z]+\/)?[A-Z]{2,}(?:\/[A-Z]+)?\s*\d+(?:\.\d+)*(?:\s*[-—－:：]\s*\d{2,4})?/g
// Nouns that make a small count part of the text's structure (三个方面 written with digits).
const STRUCTURE_NOUN =
  /^(方面|环节|维度|层面|阶段|步骤|部分|板块|方向|重点|任务|举措|措施|路径|模式|机制|体系|领域|原则|目标|行动|工程|专项)/
const ITEM_UNITS = new Set(['个', '项', '条', '类', '种', '大'])
const MAX_ITEM_COUNT = 10
// A year written as a comparison base (较2023年, 比上年) is not the period of the figures around it.
const REFERENCE_BEFORE_YEAR = /(较|比|与|同|相比|相较|自|从|由|对比)$/
// Nor is the start of a span (2023年以来，累计培育……): the figure is the state at the end of it.
const SINCE_AFTER_YEAR = /^(以来|起|至今|开始)/
const BOUND_BEFORE: readonly [RegExp, FigureBound][] = [
  [/(超过|超出|超|逾|突破|高于|大于|不低于|不少于|至少|多于)$/, 'lower'],
  [/(不到|不足|低于|少于|不超过|小于|控制在)$/, 'upper'],
  [/(大约|约|接近|将近|近)$/, 'approx'],
]
const BOUND_AFTER: readonly [RegExp, FigureBound][] = [
  [/^(以上|多|余|\+)/, 'lower'],
  [/^(以下|以内|之内)/, 'upper'],
  [/^(左右|上下)/, 'approx'],
]
// A number right after one of these verbs is the size of a change (提高22.3个百分点, 同比增长9.1%), not a level;
// with 至/到/为 in between it is the level reached (提升至93.6%).
// 降幅/增幅 name the size of a change too (缩短9天、降幅42.9%).
const CHANGE_VERB_BEFORE = /(?:(下降|降低|减少|提高|提升|增长|增加|上升|缩短|压减|压缩|节约|节省|扩大|降|增|升|减|翻)了?|(?:降幅|增幅|涨幅|减幅|增速)(?:为|达到|达)?)$/
// Increments: 新增国家高新技术企业35家 is not the park's count of 国家高新技术企业.
const INCREMENT_WORD = /(新增|新认定|新培育|新获评|新获批|新入选|新引进|新落地|净增)/
// …also right before the number (绿色工厂新增3家), which the change verb 增 would otherwise claim.
const INCREMENT_BEFORE = new RegExp(`${INCREMENT_WORD.source}了?$`)
const CHANGE_UNITS = new Set(['百分点', '个百分点', '倍'])
// numbersIn reads 48.5万元/亩 as 48.5万元 (the magnitude is taken before the unit list is tried): the
// denominator of a rate unit is put back here, so 亩均税收 compares with 万元/亩.
const RATE_TAIL = /^\/(亩|公顷|平方米|吨标准煤|吨|万元|元|百米布|年|月|天|小时|人|户|家)/

interface RawNumber {
  index: number
  raw: string
  digits: string
  value: number
  unit: string
  isYear: boolean
}

export function draftFigures(doc: ReportDoc): readonly DraftFigure[] {
  // Once per check for the three number rules: a function of the doc alone, which no rule changes (check-memo.ts).
  return checkMemo(doc, 'draftFigures', readFigures)
}

function readFigures(doc: ReportDoc): DraftFigure[] {
  return textBlocks(doc).flatMap((block) => sentencesOf(block.text).flatMap((sentence) => sentenceFigures(block, sentence)))
}

function sentenceFigures(block: TextBlock, sentence: Sentence): DraftFigure[] {
  const text = sentence.text
  const at = sentence.start
  const numbers: RawNumber[] = numbersIn(text).map((n) => {
    const digits = n.raw.slice(0, n.raw.length - n.unit.length)
    const unit = n.unit + (RATE_TAIL.exec(text.slice(n.index + n.raw.length))?.[0] ?? '')
    return { index: n.index, raw: digits + unit, digits, value: n.value, unit, isYear: n.isYear }
  })
  // Most sentences state no number: nothing below would find a figure in them.
  if (numbers.length === 0) return []
  // Everything below looks things up by position (binary searches, windows before a figure): a pasted table of
  // thousands of figures in one sentence is read in n log n, not by scanning the sentence again for each figure.
  const inName = nameTest(nameRanges(text))
  const clauseOf = clauseLookup(clauseRanges(text), text.length)
  const years = numbers.filter(
    (n) => n.isYear && !REFERENCE_BEFORE_YEAR.test(tail(text, n.index)) && !SINCE_AFTER_YEAR.test(text.slice(n.index + n.raw.length)),
  )

  // A number opens its block when only white space comes before it (what `slice(0, i).trim() === ''` says).
  const firstNonSpace = block.text.length - block.text.trimStart().length
  const kinds = numbers.map((n) => kindOf(n, text, inName, at + n.index <= firstNonSpace))
  const claims = claimNeighbours(numbers, (i) => isClaimKind(kinds[i]!))
  const roles = new Map<number, { role: 'from' | 'to'; year?: string; subjectStart: number; opens: number }>()
  for (const change of extractChanges(text)) {
    const inside = numbersFrom(numbers, change.index, change.index + change.raw.length).filter(({ i }) => isClaimKind(kinds[i]!))
    if (inside.length < 2) continue
    const subjectStart = Math.max(clauseOf(change.index).start, claims.previousEnd(change.index))
    const pair = { subjectStart, opens: change.index }
    roles.set(inside[0]!.i, { role: 'from', ...pair, ...(change.from.period ? { year: change.from.period } : {}) })
    roles.set(inside.at(-1)!.i, { role: 'to', ...pair, ...(change.to.period ? { year: change.to.period } : {}) })
  }

  return numbers.map((n, i) => {
    const kind = kinds[i]!
    const clause = clauseOf(n.index)
    const end = n.index + n.raw.length
    const change = roles.get(i)
    const windowStart = change ? change.subjectStart : Math.max(clause.start, claims.previousEnd(n.index))
    const windowEnd = change ? change.opens : n.index
    const before = text.slice(windowStart, windowEnd)
    const afterEnd = change ? end : Math.min(clause.end, claims.nextStart(end))
    const clauseBefore = tail(text, n.index, clause.start)
    const bound = boundOf(clauseBefore, text.slice(end, clause.end))
    const role: FigureRole = change ? change.role : roleOf(n, clauseBefore, before)
    const period = change?.year
      ? { year: change.year, strength: 'clause' as const }
      : change?.role === 'from'
        ? undefined
        : periodOf(n.index, clause, years)
    return {
      block,
      sentence,
      start: at + n.index,
      end: at + end,
      raw: n.raw,
      value: n.value,
      unit: n.unit,
      decimals: decimalsOf(n.digits.replace(/,/g, '')),
      kind,
      role,
      ...(bound ? { bound } : {}),
      ...(period ? { period } : {}),
      labelBefore: { text: before, start: at + windowStart },
      labelAfter: { text: text.slice(end, afterEnd), start: at + end },
    }
  })
}

function kindOf(n: RawNumber, text: string, inName: (start: number, end: number) => boolean, opensBlock: boolean): FigureKind {
  const end = n.index + n.raw.length
  const before = tail(text, n.index)
  const next = text[end] ?? ''
  const integer = Number.isInteger(n.value) && !n.digits.includes('.')
  if (inName(n.index, end)) return 'name'
  if (n.isYear) return 'year'
  if (n.unit === '' && integer && /^(19|20)\d{2}$/.test(n.digits)) return 'year' // 2023—2025年, 2025-06
  if (n.unit === '月' && integer && n.value >= 1 && n.value <= 12) return 'date'
  if (n.unit === '' && /^[日号]/.test(next) && integer && n.value <= 31 && /月$/.test(before)) return 'date'
  if (before.endsWith('第')) return 'ordinal'
  if (n.unit === '' && /[（(]$/.test(before) && /^[）)]/.test(next)) return 'ordinal'
  // 1、 or 1. opening a paragraph or a list item: an enumeration that the parser did not read as a heading.
  if (n.unit === '' && integer && /^[、.．]/.test(next) && (opensBlock || /[：:；;。\s]$/.test(before))) return 'ordinal'
  if (n.unit === '' && /^[号#]/.test(next)) return 'ordinal'
  if (n.unit === '' && /^[A-Za-z]/.test(next)) return 'code'
  if (n.unit === 'G' && integer && n.value <= 6) return 'code'
  if (n.unit === '年') return 'duration'
  if (ITEM_UNITS.has(n.unit) && integer && n.value <= MAX_ITEM_COUNT && STRUCTURE_NOUN.test(text.slice(end))) return 'item-count'
  if (n.unit === '') return 'unitless'
  return 'quantity'
}

function roleOf(n: RawNumber, clauseBefore: string, labelBefore: string): FigureRole {
  if (CHANGE_UNITS.has(n.unit)) return 'delta'
  const lead = BOUND_BEFORE.reduce((s, [re]) => s.replace(re, ''), clauseBefore)
  if (INCREMENT_BEFORE.test(lead)) return 'increment'
  if (CHANGE_VERB_BEFORE.test(lead)) return 'delta'
  return INCREMENT_WORD.test(labelBefore) ? 'increment' : 'level'
}

function boundOf(before: string, after: string): FigureBound | undefined {
  for (const [re, bound] of BOUND_BEFORE) if (re.test(before)) return bound
  for (const [re, bound] of BOUND_AFTER) if (re.test(after)) return bound
  return undefined
}

/** The nearest non-reference year before the figure in its clause, else after it in its clause, else earlier in the sentence. */
function periodOf(index: number, clause: { start: number; end: number }, years: readonly RawNumber[]): DraftFigure['period'] {
  const lastBefore = firstAtOrAfter(years, index) - 1
  const firstAfter = firstAtOrAfter(years, index + 1)
  const before =
    lastBefore >= 0 && years[lastBefore]!.index >= clause.start
      ? years[lastBefore]
      : firstAfter < years.length && years[firstAfter]!.index < clause.end
        ? years[firstAfter]
        : undefined
  if (before) return { year: before.digits, strength: 'clause' }
  const earlier = years[firstAtOrAfter(years, clause.start) - 1]
  return earlier ? { year: earlier.digits, strength: 'sentence' } : undefined
}

// The words a pattern anchored at a figure's left (超过, 较, 同比增长了, 降幅达到) can need: the longest is a bound word
// stripped before a change verb (不低于 + 降幅达到), far below this.
const WINDOW_BEFORE = 24

/**
 * The text just before `index`, from `from` at the earliest: what the patterns that end with `$` read. Testing them on
 * the whole text before a figure read the sentence again for each of its figures.
 */
function tail(text: string, index: number, from = 0): string {
  return text.slice(Math.max(from, index - WINDOW_BEFORE), index)
}

/** Index of the first of `items` (sorted by index) at or after `offset`. */
function firstAtOrAfter(items: readonly { index: number }[], offset: number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (items[middle]!.index < offset) low = middle + 1
    else high = middle
  }
  return low
}

/** The numbers starting in [from, to), with their positions. */
function numbersFrom(numbers: readonly RawNumber[], from: number, to: number): { n: RawNumber; i: number }[] {
  const out: { n: RawNumber; i: number }[] = []
  for (let i = firstAtOrAfter(numbers, from); i < numbers.length && numbers[i]!.index < to; i += 1) out.push({ n: numbers[i]!, i })
  return out
}

/** Where the claim figure before an offset ends, and where the next one at or after an offset starts. */
function claimNeighbours(numbers: readonly RawNumber[], isClaim: (i: number) => boolean) {
  // endBefore[p]: the end of the last claim among numbers[0, p); startFrom[p]: the start of the first claim in numbers[p…].
  const endBefore = new Float64Array(numbers.length + 1)
  const startFrom = new Float64Array(numbers.length + 1).fill(Infinity)
  numbers.forEach((n, i) => (endBefore[i + 1] = isClaim(i) ? n.index + n.raw.length : endBefore[i]!))
  for (let i = numbers.length - 1; i >= 0; i -= 1) startFrom[i] = isClaim(i) ? numbers[i]!.index : startFrom[i + 1]!
  return {
    previousEnd: (offset: number) => endBefore[firstAtOrAfter(numbers, offset)]!,
    nextStart: (offset: number) => startFrom[firstAtOrAfter(numbers, offset)]!,
  }
}

/** The clause holding an offset (clauses are contiguous and in order), or the whole sentence between two clauses. */
function clauseLookup(clauses: readonly { start: number; end: number }[], length: number) {
  return (offset: number) => {
    let low = 0
    let high = clauses.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (clauses[middle]!.start <= offset) {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    const clause = clauses[found]
    return clause && offset < clause.end ? clause : { start: 0, end: length }
  }
}

/** Whether [start, end) lies inside one of `ranges`: the ranges by start, each with the furthest end so far. */
function nameTest(ranges: readonly [number, number][]): (start: number, end: number) => boolean {
  const sorted = ranges.toSorted((a, b) => a[0] - b[0])
  const furthest: number[] = []
  sorted.forEach(([, e], i) => furthest.push(Math.max(e, furthest[i - 1] ?? -Infinity)))
  return (start, end) => {
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (sorted[middle]![0] <= start) low = middle + 1
      else high = middle
    }
    return low > 0 && furthest[low - 1]! >= end
  }
}

function nameRanges(text: string): [number, number][] {
  const out: [number, number][] = []
  for (const re of [...NAME_RANGES, STANDARD_CODE]) {
    for (const m of matchesOf(text, re)) out.push([m.index, m.index + m[0].length])
  }
  return out
}

function clauseRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  let start = 0
  for (let i = 0; i <= text.length; i += 1) {
    if (i === text.length || CLAUSE_BREAK.has(text.charCodeAt(i))) {
      out.push({ start, end: i })
      start = i + 1
    }
  }
  return out
}
