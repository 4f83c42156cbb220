import { z } from 'zod'

/**
 * Bounds on the magnitude of any figure in park data (indicators, facts, the 汇总表). No park figure comes near 10^15
 * (a thousand trillion of any unit), and none that is not zero is below 10^-6; beyond these a number is a typing slip,
 * and it would turn the figures derived from it (growth rates, shares, before/after ratios) into Infinity.
 */
export const MAX_MAGNITUDE = 1e15
export const MIN_NONZERO_MAGNITUDE = 1e-6

const isPlausibleMagnitude = (x: number) => x === 0 || (Math.abs(x) <= MAX_MAGNITUDE && Math.abs(x) >= MIN_NONZERO_MAGNITUDE)

/**
 * A park figure: finite (zod's default) and of a plausible magnitude. The refinement carries `magnitude: true`, by
 * which validate-park.ts names the field in its message.
 */
export const figure = () => z.number().refine(isPlausibleMagnitude, { params: { magnitude: true } })
