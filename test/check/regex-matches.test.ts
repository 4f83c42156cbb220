import { describe, expect, it } from 'vitest'
import { matchesOf } from '../../src/regex-matches.js'

const found = (matches: RegExpExecArray[]) => matches.map((m) => [m.index, m[0], ...m.slice(1)])

describe('matchesOf', () => {
  it('finds what matchAll finds: every match with its groups, in order', () => {
    const text = '园区工业总产值增长12.5%，规上企业达到136家，单位产值能耗下降8.2%。'
    const pattern = /(\d+(?:\.\d+)?)(%|家)/gu
    expect(found(matchesOf(text, pattern))).toEqual([
      [9, '12.5%', '12.5', '%'],
      [21, '136家', '136', '家'],
      [34, '8.2%', '8.2', '%'],
    ])
    expect(found(matchesOf(text, pattern))).toEqual(found([...text.matchAll(pattern)]))
  })

  it('steps over empty matches by a whole character, as matchAll does, astral characters included', () => {
    const text = '𠀋园区a'
    expect(found(matchesOf(text, /(?:)/gu))).toEqual([[0, ''], [2, ''], [3, ''], [4, ''], [5, '']])
    expect(found(matchesOf(text, /(?:)/g))).toEqual(found([...text.matchAll(/(?:)/g)]))
  })

  it('starts at the beginning whatever the pattern was left at, and leaves it at 0', () => {
    const pattern = /开发区/g
    pattern.lastIndex = 5
    expect(found(matchesOf('开发区和开发区', pattern))).toEqual([[0, '开发区'], [4, '开发区']])
    expect(pattern.lastIndex).toBe(0)
  })

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => matchesOf('园区', /园区/u)).toThrow(TypeError)
  })
})
