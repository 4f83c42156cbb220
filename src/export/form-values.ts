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

/** A number as the data has it (968.2, 3260, 0): no rounding, no thousands separators. */
export function formatNumber(value: number): string {
  return String(value)
}

/**
 * The lines of a value cell; none when the data has no value. A yes/no row lists its options one per line, as the
 * template prints them (是 / 否), and ticks the one the data gives — both unticked when the data has no answer.
 */
export function formatIndicator(indicator: Indicator, value: unknown): string[] {
  if (indicator.valueType === 'boolean') {
    const options = indicator.options ?? ['是', '否']
    const chosen = value === true ? options[0] : value === false ? options[1] : undefined
    return options.map((o) => choices([o], chosen))
  }
  if (typeof value === 'number' && Number.isFinite(value)) return [formatNumber(value)]
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
