import { describe, expect, it } from 'vitest'
import { chooseOpenings, type OpeningMaterial } from '../../src/draft/compose-openings.js'

const m = (problem: number, policy: number, goal: number, action: number): OpeningMaterial => ({ problem, policy, goal, action })

describe('chooseOpenings: each measure leads with what its material holds most, no opening twice', () => {
  it('the best (measure, style) pairs first, each style once', () => {
    // 南岭: the microgrid's result changed most (goal 20), the safety platform's problem has the most figures left.
    expect(chooseOpenings([m(3, 2, 20, 4), m(2, 2, 4, 2), m(3, 2, 9, 2)])).toEqual([
      { style: 'goal', variant: 0 },
      { style: 'policy', variant: 0 },
      { style: 'problem', variant: 0 },
    ])
  })

  it('a measure without a problem, a clause or a linked change leads with the action', () => {
    expect(chooseOpenings([m(0, 0, 0, 1), m(3, 0, 0, 1)])).toEqual([
      { style: 'action', variant: 0 },
      { style: 'problem', variant: 0 },
    ])
  })

  it('five measures: the four styles, then a second wording; two with nothing but the action differ by wording', () => {
    expect(chooseOpenings([m(2, 2, 5, 3), m(4, 2, 0, 1), m(1, 2, 0, 1), m(1, 0, 0, 6), m(3, 2, 2, 2)])).toEqual([
      { style: 'goal', variant: 0 },
      { style: 'problem', variant: 0 },
      { style: 'policy', variant: 0 },
      { style: 'action', variant: 0 },
      { style: 'problem', variant: 1 },
    ])
    expect(chooseOpenings([m(0, 0, 0, 1), m(0, 0, 0, 1)])).toEqual([
      { style: 'action', variant: 0 },
      { style: 'action', variant: 1 },
    ])
  })

  it('ties go to the earlier measure and the earlier style', () => {
    expect(chooseOpenings([m(2, 2, 0, 2), m(2, 2, 0, 2)])).toEqual([
      { style: 'problem', variant: 0 },
      { style: 'policy', variant: 0 },
    ])
  })
})
