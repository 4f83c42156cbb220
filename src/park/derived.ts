import { jsonPath, type PathSegment } from './json-path.js'
import { indicatorValueIn, numberPoints, parkDataYear } from './indicator-values.js'
import { INDICATOR_FIELDS, type IndicatorField, type ParkData } from './park-schema.js'
import { extractChanges, extractNumbers } from './text-numbers.js'

/**
 * Figures computed from park data, in ONE place, so that the drafter states them and the number tracer recognises
 * them the same way. 000/001 ask for 量化数据 and 前后对比 (实践成效: 突出开展创新实践前后的对比变化); these are the
 * comparisons a report typically states: growth rates, 百分点 changes, shares.
 *
 * Rounding (ROUNDING): percentages, rates and 百分点 keep 1 decimal; a difference in the source unit keeps as many
 * decimals as the more precise input (968.2−803.6 = 164.6; 2.46−2.05 = 0.41). Halves round away from zero.
 * `raw` is the unrounded value. A figure computed from other derived figures (share changes) uses their rounded
 * values, so the formula shown adds up as written.
 */
export const ROUNDING = { percentDecimals: 1, maxDecimals: 4 } as const

/** Chinese labels of derived figures, as a report would state them. */
export const labels = {
  span: (from: string, to: string) => `${to}年较${from}年`,
  periodSpan: (from: string, to: string) => `${periodText(to)}较${periodText(from)}`,
  beforeAfter: '（前后对比）',
  diff: (stem: string) => `${stem}变化量`,
  pp: (stem: string) => `${stem}变化（百分点）`,
  rate: (stem: string) => `${stem}变化率`,
  cagr: (label: string, from: string, to: string) => `${label}${from}—${to}年年均增长率`,
  shareInYear: (label: string, year: string) => `${label}（${year}年）`,
  share: {
    leadRevenue: '主导产业营业收入占营业收入比重',
    profitMargin: '营业收入利润率',
    developedArea: '实际开发面积占实际管理面积比重',
  },
  percentUnit: '百分点',
  yearNumber: '年份',
  period: (year: string, month?: string) => (month ? `${year}年${Number(month)}月` : `${year}年`),
}

export type DerivedMeasure = 'diff' | 'pp' | 'rate' | 'cagr' | 'share'

export interface DerivedFigure {
  /** Stable id, see the scheme below. */
  id: string
  /** Chinese name as a report would state it, e.g. 营业收入2025年较2023年变化率. */
  label: string
  /** Rounded per ROUNDING; signed (a decrease is negative). */
  value: number
  raw: number
  /** '%' for rates and shares, '百分点' for changes of a percentage, else the source unit. */
  unit: string
  /** The computation with the actual numbers, e.g. (968.2-803.6)/803.6×100%. */
  formula: string
  /** JSON paths of the source values (or of the text they were read from). */
  inputs: string[]
  measure: DerivedMeasure
  /** Periods compared (before → after), when known. */
  span?: { from: string; to: string }
  /** Period of a single-period figure (a share in one year). */
  period?: string
}

/*
 * Id scheme:
 *   ind:<indicator key>:<from>-<to>:<diff|pp|rate|cagr>   yearly indicators, e.g. ind:scale.revenue:2023-2025:rate
 *   share:<numerator key>/<denominator key>[:<year>]       e.g. share:scale.leadIndustryRevenue/scale.revenue:2025
 *   share:<numerator key>/<denominator key>:<from>-<to>:pp change of a yearly share
 *   fact:<label>:<from>-<to>:<diff|pp|rate>               facts with one label and several periods, e.g. fact:绿电消费占比:2023-2025:pp
 *   text:<practice item id>:<n>:<diff|pp|rate>            the n-th (1-based) 由A降至B / 从A到B in a problem or result text
 * Pairs are every two consecutive periods plus first→last when there are more than two.
 */

/** Ratios between indicators that reports state (主导产业占比, 开发强度, 营业收入利润率). */
const SHARES = [
  { num: 'scale.leadIndustryRevenue', den: 'scale.revenue', label: labels.share.leadRevenue },
  { num: 'scale.totalProfit', den: 'scale.revenue', label: labels.share.profitMargin },
  { num: 'land.developedAreaHa', den: 'land.managedAreaHa', label: labels.share.developedArea },
] as const

export function deriveFigures(park: ParkData): DerivedFigure[] {
  return [...indicatorFigures(park), ...shareFigures(park), ...factFigures(park), ...textFigures(park)]
}

// ---------------------------------------------------------------------------------------------
// Series and pairs
// ---------------------------------------------------------------------------------------------

interface Point {
  period: string
  value: number
  path: string
}

/** Consecutive pairs, plus first→last when there are more than two points (e.g. 2023→2025). */
function pairs<P extends { period: string }>(points: readonly P[]): [P, P][] {
  const sorted = [...points].sort((a, b) => a.period.localeCompare(b.period))
  const out: [P, P][] = []
  for (let i = 1; i < sorted.length; i++) out.push([sorted[i - 1]!, sorted[i]!])
  if (sorted.length > 2) out.push([sorted[0]!, sorted.at(-1)!])
  return out
}

interface ChangeSpec {
  idPrefix: string
  /** Label stem, e.g. 营业收入2025年较2023年. */
  stem: string
  unit: string
  percent: boolean
  from: { value: number; path: string }
  to: { value: number; path: string }
  span?: { from: string; to: string }
}

/** diff (or pp for a percentage) and rate for one before/after pair. */
function changeFigures(c: ChangeSpec): DerivedFigure[] {
  const a = c.from.value
  const b = c.to.value
  const inputs = [c.from.path, c.to.path]
  const span = c.span ? { span: c.span } : {}
  const out: DerivedFigure[] = []
  const diff = b - a
  if (c.percent) {
    out.push({
      id: `${c.idPrefix}:pp`, label: labels.pp(c.stem), value: round(diff, ROUNDING.percentDecimals), raw: diff,
      unit: labels.percentUnit, formula: `${fmt(b)}-${fmtSub(a)}`, inputs, measure: 'pp', ...span,
    })
  } else {
    out.push({
      id: `${c.idPrefix}:diff`, label: labels.diff(c.stem), value: round(diff, Math.max(decimals(a), decimals(b))), raw: diff,
      unit: c.unit, formula: `${fmt(b)}-${fmtSub(a)}`, inputs, measure: 'diff', ...span,
    })
  }
  if (a !== 0) {
    const rate = (diff / a) * 100
    out.push({
      id: `${c.idPrefix}:rate`, label: labels.rate(c.stem), value: round(rate, ROUNDING.percentDecimals), raw: rate, unit: '%',
      formula: `(${fmt(b)}-${fmtSub(a)})/${fmtSub(a)}×100%`, inputs, measure: 'rate', ...span,
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

/** Every numeric value of a row by year (a single value is the park's data year): see indicator-values.ts. */
function yearlyPoints(park: ParkData, f: IndicatorField): Point[] {
  return numberPoints(park, f).map((p) => ({ period: p.year, value: p.value, path: p.path }))
}

/** The row's value for the park's data year, whichever shape the park wrote it in. */
function singleValue(park: ParkData, f: IndicatorField): number | undefined {
  const v = indicatorValueIn(park, f.key, parkDataYear(park))?.value
  return typeof v === 'number' ? v : undefined
}

function singlePath(park: ParkData, f: IndicatorField): string {
  return indicatorValueIn(park, f.key, parkDataYear(park))?.path ?? jsonPath(['indicators', f.group, f.field])
}

function indicatorFigures(park: ParkData): DerivedFigure[] {
  const out: DerivedFigure[] = []
  for (const f of INDICATOR_FIELDS) {
    for (const [a, b] of pairs(yearlyPoints(park, f))) {
      const idPrefix = `ind:${f.key}:${a.period}-${b.period}`
      const span = { from: a.period, to: b.period }
      out.push(...changeFigures({
        idPrefix, stem: `${f.label}${labels.span(a.period, b.period)}`, unit: f.unit, percent: f.percent, from: a, to: b, span,
      }))
      const years = Number(b.period) - Number(a.period)
      // 年均增长率 over a multi-year span; not for percentages, whose change is stated in 百分点.
      if (!f.percent && years >= 2 && a.value > 0 && b.value > 0) {
        const raw = (Math.pow(b.value / a.value, 1 / years) - 1) * 100
        out.push({
          id: `${idPrefix}:cagr`, label: labels.cagr(f.label, a.period, b.period), value: round(raw, ROUNDING.percentDecimals),
          raw, unit: '%', formula: `((${fmt(b.value)}/${fmt(a.value)})^(1/${years})-1)×100%`, inputs: [a.path, b.path],
          measure: 'cagr', span,
        })
      }
    }
  }
  return out
}

function shareFigures(park: ParkData): DerivedFigure[] {
  const out: DerivedFigure[] = []
  for (const s of SHARES) {
    const num = INDICATOR_FIELDS.find((f) => f.key === s.num)!
    const den = INDICATOR_FIELDS.find((f) => f.key === s.den)!
    const idBase = `share:${s.num}/${s.den}`
    if (num.yearly && den.yearly) {
      const denByYear = new Map(yearlyPoints(park, den).map((p) => [p.period, p]))
      const shares: DerivedFigure[] = []
      for (const n of yearlyPoints(park, num)) {
        const d = denByYear.get(n.period)
        if (!d || d.value === 0) continue
        shares.push(share(`${idBase}:${n.period}`, labels.shareInYear(s.label, n.period), n, d, n.period))
      }
      out.push(...shares)
      const points = shares.map((f) => ({ period: f.period!, value: f.value, path: f.id, inputs: f.inputs }))
      for (const [a, b] of pairs(points)) {
        const raw = shares.find((f) => f.id === b.path)!.raw - shares.find((f) => f.id === a.path)!.raw
        out.push({
          id: `${idBase}:${a.period}-${b.period}:pp`, label: labels.pp(`${s.label}${labels.span(a.period, b.period)}`),
          value: round(b.value - a.value, ROUNDING.percentDecimals), raw, unit: labels.percentUnit,
          formula: `${fmt(b.value)}-${fmtSub(a.value)}`, inputs: [...a.inputs, ...b.inputs], measure: 'pp',
          span: { from: a.period, to: b.period },
        })
      }
    } else {
      const n = singleValue(park, num)
      const d = singleValue(park, den)
      if (n === undefined || d === undefined || d === 0) continue
      out.push(share(idBase, s.label, { value: n, path: singlePath(park, num) }, { value: d, path: singlePath(park, den) }))
    }
  }
  return out
}

function share(id: string, label: string, n: { value: number; path: string }, d: { value: number; path: string }, period?: string): DerivedFigure {
  const raw = (n.value / d.value) * 100
  return {
    id, label, value: round(raw, ROUNDING.percentDecimals), raw, unit: '%', formula: `${fmt(n.value)}/${fmt(d.value)}×100%`,
    inputs: [n.path, d.path], measure: 'share', ...(period ? { period } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

/**
 * Facts with the same label (and unit) and different periods form a series. A single-valued indicator with the same
 * label joins the series as its data-year point: the example's 单位能耗碳排放 2023 fact pairs with the
 * 2025 value in 绿色安全情况.
 */
function factFigures(park: ParkData): DerivedFigure[] {
  const series = new Map<string, { label: string; unit: string; points: Point[] }>()
  park.facts.forEach((fact, i) => {
    if (fact.period === undefined) return
    const key = `${fact.label.trim()}\u0000${fact.unit}`
    const s = series.get(key) ?? { label: fact.label.trim(), unit: fact.unit, points: [] }
    if (s.points.some((p) => p.period === fact.period)) return // duplicate; reported by the validator
    s.points.push({ period: fact.period, value: fact.value, path: jsonPath(['facts', i, 'value']) })
    series.set(key, s)
  })
  for (const s of series.values()) {
    const f = INDICATOR_FIELDS.find((x) => !x.yearly && x.label === s.label && x.unit === s.unit)
    const v = f ? singleValue(park, f) : undefined
    const year = parkDataYear(park)
    if (f && v !== undefined && !s.points.some((p) => p.period === year)) {
      s.points.push({ period: year, value: v, path: singlePath(park, f) })
    }
  }
  const out: DerivedFigure[] = []
  for (const s of series.values()) {
    for (const [a, b] of pairs(s.points)) {
      out.push(...changeFigures({
        idPrefix: `fact:${s.label}:${a.period}-${b.period}`, stem: `${s.label}${labels.periodSpan(a.period, b.period)}`,
        unit: s.unit, percent: s.unit === '%', from: a, to: b, span: { from: a.period, to: b.period },
      }))
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Before/after pairs written in practice texts
// ---------------------------------------------------------------------------------------------

function textFigures(park: ParkData): DerivedFigure[] {
  const out: DerivedFigure[] = []
  const lists = [['problems', park.practice.problems], ['results', park.practice.results]] as const
  for (const [key, items] of lists) {
    items.forEach((item, i) => {
      extractChanges(item.text).forEach((c, n) => {
        if (c.from.unit !== c.to.unit) return // 3.5天→4小时: not comparable as written
        const path = jsonPath(['practice', key, i, 'text'])
        const span = c.from.period && c.to.period ? { from: c.from.period, to: c.to.period } : undefined
        const when = span ? labels.span(span.from, span.to) : labels.beforeAfter
        out.push(...changeFigures({
          idPrefix: `text:${item.id}:${n + 1}`, stem: `${c.subject || item.id}${when}`, unit: c.to.unit, percent: c.to.unit === '%',
          from: { value: c.from.value, path }, to: { value: c.to.value, path }, ...(span ? { span } : {}),
        }))
      })
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Figure index: every number the park data knows, with provenance
// ---------------------------------------------------------------------------------------------

export interface KnownFigure {
  value: number
  unit: string
  /** What the number is: indicator label, fact label, derived label, or the words before it in a text. */
  label: string
  source: 'indicator' | 'fact' | 'derived' | 'text'
  /** JSON path of the value (indicator, fact) or of the text containing it; the figure id for derived figures. */
  provenance: string
  period?: string
  /** Derived figures: formula and input paths. */
  formula?: string
  inputs?: string[]
  /** Text numbers: as written, e.g. '1.2万个'; and whether it is a year (2006年). */
  raw?: string
  isYear?: boolean
  /** Text numbers: the words after it in its clause (对37家|重点用能企业), which often say what it counts. */
  contextAfter?: string
}

/**
 * Every number known for a park — indicator values, facts, derived figures, and numbers written in the intro,
 * practice texts, indicator descriptions and materials — for the number-trace rule: a number in a draft should be
 * found here (by value and unit) or it is unsupported.
 */
export function figureIndex(park: ParkData, derived: readonly DerivedFigure[] = deriveFigures(park)): KnownFigure[] {
  const out: KnownFigure[] = []
  for (const f of INDICATOR_FIELDS) {
    if (f.valueType !== 'number' && f.valueType !== 'count') continue
    for (const p of yearlyPoints(park, f)) {
      out.push({ value: p.value, unit: f.unit, label: f.label, source: 'indicator', provenance: p.path, period: p.period })
    }
  }
  park.facts.forEach((fact, i) => {
    out.push({
      value: fact.value, unit: unitAsRead(fact.unit), label: fact.label, source: 'fact', provenance: jsonPath(['facts', i, 'value']),
      ...(fact.period ? { period: fact.period } : {}),
    })
  })
  for (const d of derived) {
    out.push({
      value: d.value, unit: d.unit, label: d.label, source: 'derived', provenance: d.id, formula: d.formula, inputs: d.inputs,
      ...(d.period ? { period: d.period } : d.span ? { period: `${d.span.from}-${d.span.to}` } : {}),
    })
  }
  for (const [segs, text] of texts(park)) {
    const provenance = jsonPath(segs)
    for (const n of extractNumbers(text)) {
      out.push({
        value: n.value, unit: n.unit, label: n.isYear ? labels.yearNumber : n.context, source: 'text', provenance, raw: n.raw, isYear: n.isYear,
        ...(n.contextAfter ? { contextAfter: n.contextAfter } : {}),
      })
    }
  }
  return out
}

/**
 * A fact's unit as the draft reader reads it after a number: facts may name the material with the unit (42 万吨蒸汽,
 * 1020 万吨中水), and a draft that writes “42万吨蒸汽” gives the figure 42万吨 — the two must compare equal.
 */
function unitAsRead(unit: string): string {
  const read = extractNumbers(`1${unit}`)[0]
  return read && read.raw === `1${read.unit}` && read.unit ? read.unit : unit
}

function texts(park: ParkData): [PathSegment[], string][] {
  const out: [PathSegment[], string][] = [[['park', 'intro'], park.park.intro], [['practice', 'title'], park.practice.title]]
  for (const key of ['problems', 'measures', 'results'] as const) {
    park.practice[key].forEach((item, i) => out.push([['practice', key, i, 'text'], item.text]))
  }
  for (const f of INDICATOR_FIELDS) {
    if (f.valueType !== 'text') continue
    const v = (park.indicators?.[f.group] as Record<string, unknown> | undefined)?.[f.field]
    if (typeof v === 'string') out.push([['indicators', f.group, f.field], v])
  }
  park.materials?.forEach((m, i) => out.push([['materials', i, 'text'], m.text]))
  return out
}

// ---------------------------------------------------------------------------------------------
// Number formatting
// ---------------------------------------------------------------------------------------------

/** Round half away from zero; toPrecision first strips binary noise (164.60000000000002 → 164.6). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits
  const scaled = Number((Math.abs(x) * f).toPrecision(12))
  const r = (Math.sign(x) * Math.round(scaled)) / f
  return Object.is(r, -0) ? 0 : r
}

function decimals(n: number): number {
  const s = String(n)
  if (s.includes('e')) return ROUNDING.maxDecimals
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : Math.min(s.length - dot - 1, ROUNDING.maxDecimals)
}

function fmt(n: number): string {
  return String(n)
}
/** A negative number after an operator is parenthesised: 5-(-2). */
function fmtSub(n: number): string {
  return n < 0 ? `(${n})` : String(n)
}

/** '2025' → 2025年, '2025-06' → 2025年6月. */
function periodText(p: string): string {
  const [y, m] = p.split('-')
  return labels.period(y ?? p, m)
}
