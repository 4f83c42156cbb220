import { describe, expect, it } from 'vitest'
import { reciprocalRankFusion } from '../../src/retrieve/fuse.js'

describe('reciprocalRankFusion', () => {
  it('sums 1/(60+rank) over the lists', () => {
    expect(reciprocalRankFusion([['a', 'b', 'c'], ['b', 'c', 'd']])).toEqual([
      { id: 'b', score: 1 / 62 + 1 / 61 },
      { id: 'c', score: 1 / 63 + 1 / 62 },
      { id: 'a', score: 1 / 61 },
      { id: 'd', score: 1 / 63 },
    ])
  })

  it('keeps first-appearance order for equal scores', () => {
    expect(reciprocalRankFusion([['x', 'y'], ['y', 'x']])).toEqual([
      { id: 'x', score: 1 / 61 + 1 / 62 },
      { id: 'y', score: 1 / 62 + 1 / 61 },
    ])
    // rank 1 of both lists comes before rank 2 of either
    expect(reciprocalRankFusion([['p', 'q'], ['r', 's']]).map((f) => f.id)).toEqual(['p', 'r', 'q', 's'])
  })

  it('counts an id repeated within a list at its first rank', () => {
    expect(reciprocalRankFusion([['a', 'a', 'b']])).toEqual([
      { id: 'a', score: 1 / 61 },
      { id: 'b', score: 1 / 63 },
    ])
  })

  it('takes k as an option', () => {
    expect(reciprocalRankFusion([['a'], ['b', 'a']], { k: 1 })).toEqual([
      { id: 'a', score: 1 / 2 + 1 / 3 },
      { id: 'b', score: 1 / 2 },
    ])
  })

  it('returns nothing for no lists or empty lists', () => {
    expect(reciprocalRankFusion([])).toEqual([])
    expect(reciprocalRankFusion([[], []])).toEqual([])
  })
})
