import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { deriveFigures, figureIndex, round, type DerivedFigure, type KnownFigure } from '../park/derived.js'
import { INDICATOR_FIELDS, indicatorField, type ParkData } from '../park/park-schema.js'
import { decimalsOf, inUnit, sameDimension, toBase } from '../park/units.js'
import { checkMemo } from './check-memo.js'
import type { DraftFigure, TextWindow } from './draft-figures.js'

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
  const before = exactOccurrences(figure, figure.labelBefore, catalog)
  const after = before.length ? [] : exactOccurrences(figure, figure.labelAfter, catalog)
  let chosen: Occurrence[]
  if (before.length) chosen = nearest(before, (o) => o.end, (a, b) => a > b)
  else if (after.length) chosen = nearest(after, (o) => -o.start, (a, b) => a > b)
  else chosen = fuzzyOccurrences(figure, catalog)
  if (!chosen.length) return undefined
  const fitting = chosen.filter((o) => unitsFit(figure, o.series))
  if (!fitting.length) return undefined
  const first = fitting[0]!
  return { series: [...new Set(fitting.map((o) => o.series))], term: { start: first.start, end: first.end } }
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

function exactOccurrences(figure: DraftFigure, window: TextWindow, catalog: readonly DataSeries[]): Occurrence[] {
  const out: Occurrence[] = []
  const sentenceBefore = (i: number) => figure.block.text.slice(figure.sentence.start, window.start + i)
  for (const series of catalog) {
    for (const term of series.terms) {
      for (let i = window.text.indexOf(term); i >= 0; i = window.text.indexOf(term, i + 1)) {
        if (series.aggregate && SCOPE_QUALIFIER.test(sentenceBefore(i))) continue
        if (series.national && SUB_NATIONAL.test(window.text.slice(0, i))) continue
        out.push({ series, start: window.start + i, end: window.start + i + term.length })
      }
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
  const around = `${figure.labelBefore.text}\u0000${figure.labelAfter.text}`
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
  if (tolerance.rounding && figure.decimals < decimalsOf(String(expected)) && round(expected, figure.decimals) === written) {
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
