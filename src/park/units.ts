/**
 * Units as Chinese reports write them, brought to one base so that two numbers can be compared however they are
 * written: 1.2万个 = 12000个, 968.2亿元 = 9682000万元, 32.6平方公里 = 3260公顷, 3.5天 = 84小时. Park data and drafts are
 * read the same way (units come from `extractNumbers` in text-numbers.ts and from `facts[].unit`).
 *
 * Percent and 百分点 stay apart on purpose: 由71.3%提升至93.6% is +22.3 百分点, not +22.3%, and a report that writes
 * one for the other is wrong (000/001 实践成效 asks for before/after figures, which is where the slip happens).
 */

/** A quantity in its base unit: `value` multiplied out, `unit` the base unit ('' for none). */
export interface Quantity {
  value: number
  unit: string
}

/** Unit written → [base unit, factor]. Compound units (吨/吨标准煤, 万元/亩) are atomic and compared as written. */
const CONVERSIONS: Readonly<Record<string, readonly [string, number]>> = {
  '%': ['%', 1],
  '百分点': ['百分点', 1],
  '个百分点': ['百分点', 1],
  '元': ['元', 1],
  // Mass
  '千克': ['千克', 1],
  '公斤': ['千克', 1],
  '吨': ['千克', 1000],
  // Power and energy
  '千瓦': ['千瓦', 1],
  '兆瓦': ['千瓦', 1e3],
  '吉瓦': ['千瓦', 1e6],
  '千瓦时': ['千瓦时', 1],
  '兆瓦时': ['千瓦时', 1e3],
  '吉瓦时': ['千瓦时', 1e6],
  // Length and area (1公顷 = 15亩)
  '米': ['米', 1],
  '千米': ['米', 1e3],
  '公里': ['米', 1e3],
  '平方米': ['平方米', 1],
  '公顷': ['平方米', 1e4],
  '亩': ['平方米', 1e4 / 15],
  '平方公里': ['平方米', 1e6],
  // Durations ('年' is not converted: 3年 is a period, 2025年 a date)
  '分钟': ['分钟', 1],
  '小时': ['分钟', 60],
  '天': ['分钟', 1440],
  '周': ['分钟', 10080],
  // Counting words that count the same things: enterprises are 个 in the template and 家 in prose.
  '个': ['个', 1],
  '家': ['个', 1],
  '户': ['个', 1],
  '台': ['台', 1],
  '套': ['台', 1],
  '台套': ['台', 1],
  '台（套）': ['台', 1],
  '台(套)': ['台', 1],
  '人': ['人', 1],
  '名': ['人', 1],
}

const MAGNITUDES: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8, 千: 1e3, 百: 1e2 }

/** Strips binary noise (1.2 × 1e4 = 12000.000000000002). */
function clean(x: number): number {
  // An integer of at most 12 digits has no noise to strip; toPrecision would give it back unchanged (-0 as 0).
  // The checker converts thousands of values per draft, and the string round trip was most of the cost.
  if (Number.isInteger(x) && Math.abs(x) < 1e12) return x === 0 ? 0 : x
  return Number(x.toPrecision(12))
}

/** Base unit and factor of a unit as written: '万个' → ['个', 1e4], '亿元' → ['元', 1e8], '万' → ['', 1e4]. */
export function unitFactor(written: string): readonly [string, number] {
  const unit = written.trim()
  const direct = CONVERSIONS[unit]
  if (direct) return direct
  // 吨/吨标准煤, 万元/亩, 吨水/百米布: a rate is compared as written, magnitude included.
  if (unit.includes('/')) return [unit, 1]
  const magnitude = MAGNITUDES[unit[0] ?? '']
  if (magnitude !== undefined && unit.length > 1) {
    const [base, factor] = unitFactor(unit.slice(1))
    return [base, factor * magnitude]
  }
  if (magnitude !== undefined) return ['', magnitude] // 1.2万, 3亿
  return [unit, 1]
}

export function toBase(value: number, written: string): Quantity {
  const [unit, factor] = unitFactor(written)
  return { value: clean(value * factor), unit }
}

/** A base quantity expressed in a written unit: 12000 个 in '万个' → 1.2. */
export function inUnit(base: number, written: string): number {
  return clean(base / unitFactor(written)[1])
}

/** True when two written units measure the same thing (万元 and 亿元, 家 and 个, 公顷 and 亩). */
export function sameDimension(a: string, b: string): boolean {
  return unitFactor(a)[0] === unitFactor(b)[0]
}

/** Digits after the decimal point as written: '968.2' → 1, '1,260' → 0. */
export function decimalsOf(digits: string): number {
  const dot = digits.indexOf('.')
  return dot < 0 ? 0 : digits.length - dot - 1
}
