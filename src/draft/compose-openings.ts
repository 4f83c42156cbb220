/**
 * How each 创新举措 item opens. A person writing a report does not start every measure with the same formula
 * (“针对……的问题，园区对照《……》……”): one measure is introduced by the problem it answers, the next by the policy it
 * follows, another by what it set out to change, another by the action itself. The choice is deterministic and made
 * from the material: an opening is only available when the measure has what it leads with (a problem it addresses, a
 * clause of the kind's own direction, a result linked to it in the data with a before/after change), and no opening is
 * used twice in a report while another is available.
 */

export const OPENING_STYLES = ['problem', 'policy', 'goal', 'action'] as const
export type OpeningStyle = (typeof OPENING_STYLES)[number]

/** One opening: a style and which of its wordings (each style has two, so that five or more measures still vary). */
export interface Opening {
  style: OpeningStyle
  variant: 0 | 1
}

/**
 * How strongly a measure can lead with each style: 0 when it has nothing to lead with. The composer scores by the
 * material (compose-measures.ts): the figures that prove the problem, whether a clause of the kind's direction was
 * found, the size of the change its linked results report, the figures of the action itself.
 */
export type OpeningMaterial = Readonly<Record<OpeningStyle, number>>

/**
 * The opening of each measure, in order. The pairs (measure, style) are taken best score first, each measure and each
 * style once — the measure whose result changed most leads with its goal, the one with the most concrete action with
 * the action — then, for measures left over (five or more), the second wordings, and only after that a repeat. Ties
 * go to the earlier measure and the earlier style, so the choice is deterministic.
 */
export function chooseOpenings(materials: readonly OpeningMaterial[]): Opening[] {
  const chosen: (Opening | undefined)[] = materials.map(() => undefined)
  for (const variant of [0, 1] as const) {
    const freeStyles = new Set<OpeningStyle>(OPENING_STYLES)
    for (;;) {
      let best: { i: number; style: OpeningStyle; score: number } | undefined
      materials.forEach((material, i) => {
        if (chosen[i]) return
        for (const style of OPENING_STYLES) {
          const score = material[style]
          if (freeStyles.has(style) && score > 0 && (!best || score > best.score)) best = { i, style, score }
        }
      })
      if (!best) break
      chosen[best.i] = { style: best.style, variant }
      freeStyles.delete(best.style)
    }
  }
  return chosen.map((o) => o ?? { style: 'action', variant: 0 })
}
