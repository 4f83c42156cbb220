import { describe, expect, it } from 'vitest'
import { insideOneOf, longestFirst, SpanCover } from '../../src/check/span-index.js'

describe('SpanCover: whether a span shares a character with one added', () => {
  it('answers for spans touching, overlapping and apart', () => {
    // 引进华昌食品项目，: 华昌 at [2, 4) added.
    const cover = new SpanCover('引进华昌食品项目，'.length)
    cover.add({ start: 2, end: 4 })
    expect([cover.overlaps(0, 2), cover.overlaps(1, 3), cover.overlaps(3, 6), cover.overlaps(4, 8), cover.overlaps(2, 4)]).toEqual([false, true, true, false, true])
  })
})

describe('insideOneOf: whether a span lies inside one of the spans', () => {
  // 南岭华昌食品有限公司和华昌: the full name at [2, 10), a declaration at [0, 12).
  it('is inside when one span holds all of it, not when two together do', () => {
    const inside = insideOneOf([{ start: 2, end: 6 }, { start: 6, end: 10 }], 14)
    expect([inside(2, 6), inside(3, 5), inside(6, 10), inside(4, 8), inside(10, 12), inside(0, 3)]).toEqual([true, true, true, false, false, false])
  })

  it('a long span opened earlier holds what shorter later ones do not', () => {
    const inside = insideOneOf([{ start: 0, end: 12 }, { start: 4, end: 6 }], 14)
    expect([inside(5, 11), inside(11, 12), inside(11, 13)]).toEqual([true, true, false])
  })

  it('nothing is inside no span', () => {
    expect(insideOneOf([], 8)(0, 0)).toBe(false)
  })
})

describe('longestFirst: non-overlapping candidates in text order', () => {
  // 国家发改委和发改委: 国家发改委 [0, 5), 发改委 [2, 5) and [6, 9).
  const candidates = [
    { start: 2, end: 5, name: '发改委' },
    { start: 6, end: 9, name: '发改委' },
    { start: 0, end: 5, name: '国家发改委' },
  ]

  it('keeps the longest of an overlap and every candidate apart', () => {
    expect(longestFirst(candidates).map((c) => c.name)).toEqual(['国家发改委', '发改委'])
  })

  it('between two of the same length keeps the preferred, else the earlier', () => {
    const same = [
      { start: 0, end: 2, alias: false },
      { start: 1, end: 3, alias: true },
    ]
    expect(longestFirst(same)).toEqual([{ start: 0, end: 2, alias: false }])
    expect(longestFirst(same, (a, b) => Number(b.alias) - Number(a.alias))).toEqual([{ start: 1, end: 3, alias: true }])
  })
})
