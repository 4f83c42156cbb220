import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { derivationsBetween, type Derivation, type DerivationMeasure } from '../park/derivations.js'
import { deriveFigures, figureIndex, round, type DerivedFigure, type KnownFigure } from '../park/derived.js'
import { INDICATOR_FIELDS, indicatorField, type ParkData } from '../park/park-schema.js'
import { decimalsOf, inUnit, sameDimension, toBase, type Quantity } from '../park/units.js'
import { checkMemo } from './check-memo.js'
import type { DraftFigure, TextWindow } from './draft-figures.js'
import { phraseMatcher, type PhraseMatcher } from './phrase-matcher.js'

/**
 * Which datum of the park a figure in a draft speaks about, and whether it agrees with it. A figure is tied to a series of the park data (an
 * indicator of 三、工业园区发展情况, or the facts sharing one label) by the words naming it in its own clause — the
 * nearest and, among those, the longest, so 主导产业营业收入 beats 营业收入 and 汽车零部件规上企业数字化改造率 beats
 * 数字化改造率 — and then only if the units measure the same thing. A fact label not written verbatim is matched
 * by its character bigrams (屋顶光伏装机 ~ 建成屋顶光伏86兆瓦).
 */

export interface DataPoint {
  value: number
  period?: string
  /** JSON path of the value, e.g. $.indicators.scale.revenue['2025'] or $.facts[2].value. */
  provenance: string
  /** facts[].source, when given. */
  source?: string
}

/** One thing the park measured, over one or more periods: an indicator and the facts with its label, or a fact label. */
export interface DataSeries {
  label: string
  unit: string
  indicatorKey?: string
  /** How a report names it; the label first. */
  terms: readonly string[]
  /** A park-wide total (营业收入): a qualified mention (某产业营业收入) is not it. */
  aggregate: boolean
  /** A 国家级 count: 省级绿色工厂 is not it. */
  national: boolean
  points: DataPoint[]
}

export interface Binding {
  /** The series the figure may speak about (more than one when equally specific labels name it). */
  series: DataSeries[]
  /** The words that tied it, in the block's clean text. */
  term: { start: number; end: number }
}

const IndicatorTermsSchema = z.object({
  indicators: z.array(
    z.object({
      key: z.string().refine((key) => indicatorField(key) !== undefined, { message: 'unknown indicator key' }),
      terms: z.array(z.string().min(2)).min(1),
      aggregate: z.boolean().optional(),
    }),
  ),
})

// Data a domain expert edits (src/check/data/indicator-terms.json).
const INDICATOR_TERMS = new Map(
  IndicatorTermsSchema.parse(JSON.parse(readFileSync(new URL('./data/indicator-terms.json', import.meta.url), 'utf8'))).indicators.map(
    (entry) => [entry.key, entry],
  ),
)

// Words that narrow a park-wide total to a part of the park (新能源电池材料产业营业收入, 印染行业利润).
const SCOPE_QUALIFIER = /(产业|行业|企业|公司|集团|板块|车间|项目|工厂)/
const SUB_NATIONAL = /(省级|市级|区级|县级)$/
/** Bigram share of a fact label that must appear around a figure when the label is not written verbatim. */
const FUZZY_MIN = 0.6

// The park data as the number rules read it, once per check: functions of the park object alone, which no rule
// changes (check-memo.ts). figureIndex(park) is figureIndex(park, deriveFigures(park)).

/** deriveFigures(park), shared by the rules of one check. */
export function parkDerivedFigures(park: ParkData): readonly DerivedFigure[] {
  return checkMemo(park, 'deriveFigures', deriveFigures)
}

/** figureIndex(park), shared by the rules of one check. */
export function parkKnownFigures(park: ParkData): readonly KnownFigure[] {
  return checkMemo(park, 'figureIndex', () => figureIndex(park, parkDerivedFigures(park)))
}

/** Every series of a park: indicators (with the facts that share their label and unit) and fact labels. */
export function dataSeries(park: ParkData): readonly DataSeries[] {
  return checkMemo(park, 'dataSeries', collectSeries)
}

function collectSeries(park: ParkData): DataSeries[] {
  const byKey = new Map<string, DataSeries>()
  for (const known of parkKnownFigures(park)) {
    if (known.source !== 'indicator' && known.source !== 'fact') continue
    const key = `${known.label.trim()}\u0000${known.unit}`
    let series = byKey.get(key)
    if (!series) {
      const field = INDICATOR_FIELDS.find((f) => f.label === known.label.trim() && f.unit === known.unit)
      const entry = field ? INDICATOR_TERMS.get(field.key) : undefined
      series = {
        label: known.label.trim(),
        unit: known.unit,
        ...(field ? { indicatorKey: field.key } : {}),
        terms: [known.label.trim(), ...(entry?.terms ?? [])],
        aggregate: entry?.aggregate ?? false,
        national: field !== undefined && field.label.startsWith('国家'),
        points: [],
      }
      byKey.set(key, series)
    }
    const factIndex = /^\$\.facts\[(\d+)\]/.exec(known.provenance)?.[1]
    const source = factIndex === undefined ? undefined : park.facts[Number(factIndex)]?.source
    series.points.push({
      value: known.value,
      provenance: known.provenance,
      ...(known.period ? { period: known.period } : {}),
      ...(source ? { source } : {}),
    })
  }
  return [...byKey.values()]
}

interface Occurrence {
  series: DataSeries
  start: number
  end: number
}

/** The series a figure is about, or undefined when no label of the park names it (or the units do not fit). */
export function bindFigure(figure: DraftFigure, catalog: readonly DataSeries[]): Binding | undefined {
  // number-consistency and number-trace both bind the figures of a draft: once per check, for this very catalog.
  const bindings = checkMemo(catalog, 'bindings', () => new WeakMap<DraftFigure, Binding | undefined>())
  if (bindings.has(figure)) return bindings.get(figure)
  const binding = findBinding(figure, catalog)
  bindings.set(figure, binding)
  return binding
}

function findBinding(figure: DraftFigure, catalog: readonly DataSeries[]): Binding | undefined {
  const capacity = CAPACITY_BEFORE.test(figure.block.text.slice(figure.labelBefore.start, figure.start))
  const fits = (o: Occurrence) => (!capacity || CAPACITY_LABEL.test(o.series.label)) && !countsOtherThing(figure, o)
  const rawBefore = exactOccurrences(figure, figure.labelBefore, catalog)
  const before = rawBefore.filter(fits)
  const rawAfter = before.length ? [] : exactOccurrences(figure, figure.labelAfter, catalog)
  const after = rawAfter.filter(fits)
  let chosen: Occurrence[]
  if (before.length) chosen = nearest(before, (o) => o.end, (a, b) => a > b)
  else if (after.length) chosen = nearest(after, (o) => -o.start, (a, b) => a > b)
  // A label is there but names something else: no guessing from similar words either.
  else if (rawBefore.length || rawAfter.length) return undefined
  else chosen = fuzzyOccurrences(figure, catalog).filter(fits)
  if (!chosen.length) return undefined
  const fitting = chosen.filter((o) => unitsFit(figure, o.series))
  if (!fitting.length) return undefined
  const first = fitting[0]!
  return { series: [...new Set(fitting.map((o) => o.series))], term: { start: first.start, end: first.end } }
}

/** 建设年产20万吨生物质成型燃料项目: a capacity, not the output the data counts (生物质成型燃料年产量 16.8万吨). */
const CAPACITY_BEFORE = /(?:年产|年处理|年加工|年回收|年利用|设计产能|设计能力|产能|处理能力)(?:能力)?(?:达|为|约|近|超)?$/u
const CAPACITY_LABEL = /产能|能力|规模/u
/** Between a label and its figure: 集成电路设计企业|中|自建仿真算力的仅21家 counts a part of the label's set. */
const SUBSET_AFTER_LABEL = /^(?:中|当中|之中|里|内)(?!心|国|部|小|型|试)/u
/** After a figure, the noun its measure word counts: 推出的58个|方案包. */
const NOUN_AFTER = /^[\u4e00-\u9fff]{2}/u

/**
 * Whether a label before a figure names something else than what the figure counts: the figure counts a part of
 * the label's set (……企业中……的仅21家), or a noun of its own after a 的 that attaches the label to it
 * (23家数字化服务商推出的58个方案包 — the 58 counts 方案包, not 服务商).
 */
function countsOtherThing(figure: DraftFigure, occurrence: Occurrence): boolean {
  if (occurrence.end > figure.start) return false
  const between = figure.block.text.slice(occurrence.end, figure.start)
  if (between.length > 1 && SUBSET_AFTER_LABEL.test(between)) return true
  return between.includes('的') && NOUN_AFTER.test(figure.labelAfter.text)
}

function unitsFit(figure: DraftFigure, series: DataSeries): boolean {
  if (figure.unit === '' || series.unit === '') return figure.unit === series.unit
  return sameDimension(figure.unit, series.unit)
}

/** Occurrences whose position ranks best; among them the longest (the most specific label). */
function nearest(list: Occurrence[], rank: (o: Occurrence) => number, better: (a: number, b: number) => boolean): Occurrence[] {
  let best = list[0]!
  for (const o of list) {
    if (better(rank(o), rank(best)) || (rank(o) === rank(best) && o.end - o.start > best.end - best.start)) best = o
  }
  return list.filter((o) => rank(o) === rank(best) && o.end - o.start === best.end - best.start)
}

/** Every term of every series of a catalog, in catalog order, and a matcher that finds them all in one pass. */
interface CatalogTerms {
  entries: readonly { series: DataSeries; term: string }[]
  matcher: PhraseMatcher
}

// Two windows around each of a draft's hundred figures, each read for every term of some fifty series: one indexOf
// scan per term was the largest part of binding. Built once per catalog (once for a park the server holds).
function catalogTerms(catalog: readonly DataSeries[]): CatalogTerms {
  return checkMemo(catalog, 'catalogTerms', () => {
    const entries = catalog.flatMap((series) => series.terms.map((term) => ({ series, term })))
    return { entries, matcher: phraseMatcher(entries.map((entry) => entry.term)) }
  })
}

/** Occurrences of the catalog's terms in the window: by series and term in catalog order, then by position. */
function exactOccurrences(figure: DraftFigure, window: TextWindow, catalog: readonly DataSeries[]): Occurrence[] {
  const out: Occurrence[] = []
  const { entries, matcher } = catalogTerms(catalog)
  const found = matcher.find(window.text)
  if (!found.size) return out
  const sentenceBefore = (i: number) => figure.block.text.slice(figure.sentence.start, window.start + i)
  for (const index of [...found.keys()].sort((a, b) => a - b)) {
    const { series, term } = entries[index]!
    for (const i of found.get(index)!) {
      if (series.aggregate && SCOPE_QUALIFIER.test(sentenceBefore(i))) continue
      if (series.national && SUB_NATIONAL.test(window.text.slice(0, i))) continue
      out.push({ series, start: window.start + i, end: window.start + i + term.length })
    }
  }
  return out
}

function bigrams(text: string): Set<string> {
  const chars = Array.from(text)
  return new Set(chars.slice(1).map((c, i) => chars[i]! + c))
}

/** Fact labels written in other words around the figure: 接入1.2万个监测点位 ~ 安全监测点位. */
function fuzzyOccurrences(figure: DraftFigure, catalog: readonly DataSeries[]): Occurrence[] {
  // ……推出的|58个|方案包: the words before a 的 describe the noun after the figure, which is what it counts.
  const nounAfter = figure.labelBefore.text.endsWith('的') && NOUN_AFTER.test(figure.labelAfter.text)
  const around = nounAfter ? figure.labelAfter.text : `${figure.labelBefore.text}\u0000${figure.labelAfter.text}`
  let best = 0
  let found: Occurrence[] = []
  for (const series of catalog) {
    if (series.indicatorKey) continue
    // Every figure of the draft is compared with every label: the label's bigrams are made once per check.
    const grams = checkMemo(series, 'labelBigrams', (s) => [...bigrams(s.label)])
    if (grams.length < 3) continue
    const share = grams.filter((g) => around.includes(g)).length / grams.length
    if (share < FUZZY_MIN || share < best) continue
    const occurrence = { series, start: figure.start, end: figure.start }
    found = share > best ? [occurrence] : [...found, occurrence]
    best = share
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// Agreement
// ---------------------------------------------------------------------------------------------

export interface Tolerance {
  /** 968亿元 for 968.2: a figure written with fewer decimals agrees when it is the value rounded. */
  rounding: boolean
  /** 约/近/左右: the relative difference still accepted. */
  approxTolerance: number
}

/** The value as written: exactly, rounded to the decimals written, or — after 约/近/左右 — within the tolerance. */
export function sameValue(figure: DraftFigure, expected: number, tolerance: Tolerance): boolean {
  const written = figure.value
  if (Math.abs(written - expected) < 1e-9) return true
  // The distance test first: it is cheap and rules out almost every comparison, which matters when a figure is
  // compared with hundreds of derivations.
  const roundingReach = 0.5000001 * 10 ** -figure.decimals + 1e-9
  if (tolerance.rounding && Math.abs(written - expected) <= roundingReach && figure.decimals < decimalsOf(String(expected)) && round(expected, figure.decimals) === written) {
    return true
  }
  return figure.bound === 'approx' && Math.abs(expected - written) <= tolerance.approxTolerance * Math.abs(written)
}

/** sameValue, or a bound that the value satisfies (超过900亿元 for 968.2, 不到10家 for 9). */
export function agreesWith(figure: DraftFigure, expected: number, tolerance: Tolerance): boolean {
  if (sameValue(figure, expected, tolerance)) return true
  if (figure.bound === 'lower') return expected >= figure.value
  if (figure.bound === 'upper') return expected <= figure.value
  return false
}

export interface Verdict {
  series: DataSeries
  agrees: boolean
  /** The point to show when the figure disagrees: the earliest for the before of 由A至B, else the latest. */
  expected: DataPoint
}

/**
 * Compares a figure with each bound series, over the points its period allows; series with no comparable point are
 * left out. A year in the figure's clause fixes the period; a year carried over from an earlier clause is used when
 * the series has it; in 由A降至B, A is any period but the latest and B any but the earliest.
 */
export function compareWithData(figure: DraftFigure, binding: Binding, tolerance: Tolerance): Verdict[] {
  return binding.series.flatMap((series) => {
    const pool = comparablePoints(figure, series)
    if (!pool.length) return []
    const agrees = pool.some((p) => agreesWith(figure, inFigureUnit(p.value, series, figure), tolerance))
    const dated = pool.filter((p) => p.period !== undefined)
    const expected = figure.role === 'from' ? (dated[0] ?? pool[0]!) : (dated.at(-1) ?? pool[0]!)
    return [{ series, agrees, expected }]
  })
}

function comparablePoints(figure: DraftFigure, series: DataSeries): DataPoint[] {
  const dated = series.points.filter((p) => p.period !== undefined).sort((a, b) => a.period!.localeCompare(b.period!))
  const undated = series.points.filter((p) => p.period === undefined)
  const inYear = (year: string) => dated.filter((p) => p.period!.startsWith(year))
  const period = figure.period
  let pool: DataPoint[]
  if (period?.strength === 'clause') pool = inYear(period.year)
  else if (figure.role === 'from') pool = dated.length > 1 ? dated.slice(0, -1) : []
  else if (figure.role === 'to') pool = dated.length > 1 ? dated.slice(1) : dated
  else pool = period && inYear(period.year).length ? inYear(period.year) : dated
  return [...pool, ...undated]
}

/** A data value in the unit the figure is written in (1.2万个 read against 13000个 → 12000). */
export function inFigureUnit(value: number, series: DataSeries, figure: DraftFigure): number {
  return inUnit(toBase(value, series.unit).value, figure.unit)
}

// ---------------------------------------------------------------------------------------------
// Changes beside their before and after
// ---------------------------------------------------------------------------------------------

export interface ChangeVerdict {
  from: DraftFigure
  to: DraftFigure
  agrees: boolean
  /**
   * What the change should be (in the change's written unit, signed): from the before and after as written, or
   * — when number-consistency corrects one of them to the data — as corrected.
   */
  expected: Derivation
}

// A change is the pair's when only words of change come between them (提高32.6个百分点; 缩短9天、降幅42.9%): a change
// with a subject of its own (配套企业平均物流成本下降15.3%) or a base of its own (同比增长9.1%, 年均增长9.8%, 较2023年
// 增长20.5% after 由2024年的……增长至……) compares something else.
const SAME_SUBJECT =
  /^(?:[\s、，,]|同时|分别|相应|即|也|了|约|近|达到|达|为|幅度|降幅|增幅|涨幅|减幅|增速|下降|降低|减少|提高|提升|增长|增加|上升|缩短|压减|压缩|节约|节省|扩大|降|增|升|减|翻|至|到)*$/

/** Which comparison a change in this unit states: 百分点 a difference of percentages, % a rate, 倍 a multiple. */
function measuresFor(unit: string, pairUnit: string): readonly DerivationMeasure[] {
  if (unit === '百分点') return pairUnit === '%' ? ['pp'] : []
  if (unit === '%') return ['rate']
  if (unit === '倍') return ['multiple', 'increase-multiple']
  return unit === pairUnit ? ['diff'] : []
}

/**
 * The changes of a draft written right after a 由A至B (由38.6%提升至71.2%，提高32.6个百分点; 由21天缩短至12天，缩短9天、
 * 降幅42.9%) judged against that pair: the change agrees when it is what A and B give (rounded to the decimals written;
 * a rate or multiple within one unit of its last decimal, since writers compute it from unrounded data), or what
 * they give once a level that contradicts the park data is corrected (72.1% for 71.2% — the level is the error then,
 * not the change). A change whose unit is no comparison of the pair (新增12家 after 由21天至12天) is not judged.
 */
export function changeVerdicts(figures: readonly DraftFigure[], catalog: readonly DataSeries[], tolerance: Tolerance): Map<DraftFigure, ChangeVerdict> {
  const out = new Map<DraftFigure, ChangeVerdict>()
  let sentence: DraftFigure[] = []
  const flush = () => {
    judgeSentence(sentence, catalog, tolerance, out)
    sentence = []
  }
  for (const figure of figures) {
    const last = sentence[sentence.length - 1]
    if (last && (last.block !== figure.block || last.sentence !== figure.sentence)) flush()
    if (figure.kind === 'quantity' || figure.kind === 'unitless') sentence.push(figure)
  }
  flush()
  return out
}

function judgeSentence(figures: readonly DraftFigure[], catalog: readonly DataSeries[], tolerance: Tolerance, out: Map<DraftFigure, ChangeVerdict>): void {
  let from: DraftFigure | undefined
  let to: DraftFigure | undefined
  for (const figure of figures) {
    if (figure.role === 'from') [from, to] = [figure, undefined]
    else if (figure.role === 'to') to = from ? figure : undefined
    else if (figure.role !== 'delta') [from, to] = [undefined, undefined]
    else if (from && to && SAME_SUBJECT.test(figure.labelBefore.text)) {
      const verdict = judgeChange(figure, from, to, catalog, tolerance)
      if (verdict) out.set(figure, verdict)
    }
  }
}

function judgeChange(change: DraftFigure, from: DraftFigure, to: DraftFigure, catalog: readonly DataSeries[], tolerance: Tolerance): ChangeVerdict | undefined {
  // In the unit both are written in (so that a formula reads 538.9-412.6, not in 元), else in their base unit.
  const quantity = (figure: DraftFigure, value: number) => (from.unit === to.unit ? { value, unit: figure.unit } : toBase(value, figure.unit))
  const before = quantity(from, from.value)
  const after = quantity(to, to.value)
  if (before.unit !== after.unit) return undefined
  const measures = measuresFor(toBase(1, change.unit).unit, toBase(1, before.unit).unit)
  if (!measures.length) return undefined
  // A multiple may compare either way: 时间由45分钟缩短至8分钟，响应速度提升至原来的5.6倍 (45/8).
  const between = (a: Quantity, b: Quantity) =>
    [...derivationsBetween(a, b), ...(measures.includes('multiple') ? derivationsBetween(b, a) : [])].filter((d) => measures.includes(d.measure))
  const written = between(before, after)
  const corrected = between(quantity(from, dataValue(from, catalog, tolerance)), quantity(to, dataValue(to, catalog, tolerance)))
  // A difference is in the pair's unit (9天 of 21天 − 12天, 1.26亿元 as 12600万元); the other measures in their own.
  const inChangeUnit = (d: Derivation) => (d.measure === 'diff' ? inUnit(toBase(d.value, d.unit).value, change.unit) : d.value)
  const distance = (d: Derivation) => Math.abs(Math.abs(inChangeUnit(d)) - change.value)
  const close = (d: Derivation) => {
    if (sameValue(change, Math.abs(inChangeUnit(d)), tolerance)) return true
    return d.measure !== 'diff' && d.measure !== 'pp' && distance(d) <= 10 ** -change.decimals + 1e-9
  }
  // No rate or multiple from a before of zero.
  if (!corrected.length) return undefined
  const agrees = written.some(close) || corrected.some(close)
  const expected = corrected.reduce((best, d) => (distance(d) < distance(best) ? d : best))
  return { from, to, agrees, expected: { ...expected, value: inChangeUnit(expected) } }
}

/** The figure's value, or the data value number-consistency would put in its place. */
function dataValue(figure: DraftFigure, catalog: readonly DataSeries[], tolerance: Tolerance): number {
  const binding = bindFigure(figure, catalog)
  if (!binding) return figure.value
  const verdicts = compareWithData(figure, binding, tolerance)
  if (!verdicts.length || verdicts.some((v) => v.agrees)) return figure.value
  return inFigureUnit(verdicts[0]!.expected.value, verdicts[0]!.series, figure)
}
