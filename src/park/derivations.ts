import type { Quantity } from './units.js'

/**
 * What a report may state about two figures it writes side by side: “由71.3%提升至93.6%，提高22.3个百分点”,
 * “由45分钟缩短至8分钟，缩短82.2%”, “是2023年的2.1倍”. 000/001 实践成效 asks for 前后对比; these are the comparisons
 * that follow from a before and an after. Pure arithmetic on two quantities in the same base unit (see units.ts);
 * unrounded, so the caller rounds to the precision the text uses. The park's own derived figures (growth rates
 * between indicator years, shares) are listed in derived.ts; this module is the arithmetic both can share.
 */

export type DerivationMeasure = 'diff' | 'pp' | 'rate' | 'share' | 'multiple' | 'increase-multiple'

export interface Derivation {
  measure: DerivationMeasure
  /** Signed and unrounded: a fall has a negative diff and rate. */
  value: number
  /** Base unit of the inputs for diff, 百分点 for pp, % for rate and share, 倍 for multiples. */
  unit: string
  formula: string
}

const PERCENT = '%'

/**
 * Comparisons of `after` with `before` (both in the same base unit; otherwise none):
 * - diff: after − before (for percentages: pp, in 百分点);
 * - rate: (after − before) / before × 100%;
 * - share: before / after × 100% (a part of a whole: 37家 of 214家 = 17.3%; not for percentages);
 * - multiple: after / before 倍 (是……的2.1倍), and increase-multiple: (after − before) / before 倍 (增长1.1倍).
 */
export function derivationsBetween(before: Quantity, after: Quantity): Derivation[] {
  if (before.unit !== after.unit) return []
  const a = before.value
  const b = after.value
  const out: Derivation[] = []
  if (before.unit === PERCENT) out.push({ measure: 'pp', value: b - a, unit: '百分点', formula: `${b}-${sub(a)}` })
  else out.push({ measure: 'diff', value: b - a, unit: before.unit, formula: `${b}-${sub(a)}` })
  if (a !== 0) {
    out.push({ measure: 'rate', value: ((b - a) / a) * 100, unit: PERCENT, formula: `(${b}-${sub(a)})/${sub(a)}×100%` })
    out.push({ measure: 'multiple', value: b / a, unit: '倍', formula: `${b}/${sub(a)}` })
    out.push({ measure: 'increase-multiple', value: (b - a) / a, unit: '倍', formula: `(${b}-${sub(a)})/${sub(a)}` })
  }
  const share = shareOf(before, after)
  if (share) out.push(share)
  return out
}

/**
 * part / whole × 100% (37家 of 214家 = 17.3%; 538.9亿元 of 营业收入1587.3亿元 = 34.0%): both in the same base unit, not
 * percentages, and the whole not zero; otherwise undefined.
 */
export function shareOf(part: Quantity, whole: Quantity): Derivation | undefined {
  if (part.unit !== whole.unit || part.unit === PERCENT || whole.value === 0) return undefined
  return { measure: 'share', value: (part.value / whole.value) * 100, unit: PERCENT, formula: `${part.value}/${sub(whole.value)}×100%` }
}

function sub(n: number): string {
  return n < 0 ? `(${n})` : String(n)
}
