import type { Indicator } from '../kinds/kind-spec.js'
import type { ParkData } from '../park/park-schema.js'
import { indicatorValueIn } from '../park/indicator-values.js'

/**
 * What the form prints in a value cell, read from the park data and nothing else: a missing value is an empty
 * cell, never a placeholder or an estimate.
 */

export const TICKED = '☑'
export const UNTICKED = '☐'
/** Between the choices of a single-choice cell: an ideographic space, as a Word user types it. */
const CHOICE_GAP = '\u3000'

/** A single-choice cell: the chosen option ticked, the others not (填写单位类别（单选）, 是/否). */
export function choices(options: readonly string[], chosen: string | undefined): string {
  return options.map((o) => `${o === chosen ? TICKED : UNTICKED}${o}`).join(CHOICE_GAP)
}

/** The year of an indicator's single period: its only year, or the year of its cut-off date (截至2025年12月31日). */
function periodYear(indicator: Indicator): string | undefined {
  if (indicator.years?.length === 1) return indicator.years[0]
  return indicator.asOf?.slice(0, 4)
}

/**
 * The raw value of an indicator row for one year column (`year`), or for the row's single period. A single value in
 * park data belongs to the park's data year (src/park/indicator-values.ts): it never fills another year's column.
 */
export function indicatorValue(park: ParkData, indicator: Indicator, year?: string): unknown {
  const period = year ?? periodYear(indicator)
  return period === undefined ? undefined : indicatorValueIn(park, indicator.key, period)?.value
}

/**
 * A number as the data has it (968.2, 3260, 0): no rounding, no thousands separators. `decimals` pads it to the
 * precision of the figures beside it: JSON reads 22.0 as 22, and printed as “22” beside 22.8 and 21.3 it would
 * look rounded.
 */
export function formatNumber(value: number, decimals = 0): string {
  const text = String(value)
  return decimalsOf(value) < decimals ? value.toFixed(decimals) : text
}

/** Digits after the decimal point of a number as JavaScript prints it (no exponent for report figures). */
export function decimalsOf(value: number): number {
  const text = String(value)
  const point = text.indexOf('.')
  return point < 0 || text.includes('e') ? 0 : text.length - point - 1
}

/** The precision a row's figures share: the most decimals any of them has. */
export function rowDecimals(values: readonly unknown[]): number {
  return Math.max(0, ...values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map(decimalsOf))
}

/**
 * The lines of a value cell; none when the data has no value. A yes/no row lists its options one per line, as the
 * template prints them (是 / 否), and ticks the one the data gives — both unticked when the data has no answer.
 */
export function formatIndicator(indicator: Indicator, value: unknown, decimals = 0): string[] {
  if (indicator.valueType === 'boolean') {
    const options = indicator.options ?? ['是', '否']
    const chosen = value === true ? options[0] : value === false ? options[1] : undefined
    return options.map((o) => choices([o], chosen))
  }
  if (typeof value === 'number' && Number.isFinite(value)) return [formatNumber(value, decimals)]
  if (typeof value === 'string') return textLines(value)
  return []
}

/** 所在省市: 湖南省南岭市; a municipality written twice (北京市/北京市) once. */
export function provinceCity(park: ParkData): string {
  const { province, city } = park.park
  return province === city ? province : `${province}${city}`
}

/** The text lines of a free-text value (park intro, 安全生产体系建设情况), one paragraph per line. */
export function textLines(value: string): string[] {
  return value
    .split(/\r\n|[\r\n]/)
    .map((line) => line.trim())
    .filter(Boolean)
}
