import { describe, expect, it } from 'vitest'
import { matchesNear, matchesOf } from '../../src/regex-matches.js'

const found = (matches: readonly RegExpExecArray[]) => matches.map((m) => [m.index, m[0], ...m.slice(1)])

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

describe('matchesNear', () => {
  // The two patterns it serves (short-names INSTITUTE, register PAPER_CITED), copied: every match holds the anchor
  // at most `reach` characters after its start.
  const INSTITUTE = /(?<![第\d一二三四五六七八九〇零])(?:[一二三四五六七八九〇零]{3}|\d{3})所(?![属在有以得需谓])|(?<=(?:中科院|中国科学院))[\u4e00-\u9fa5]{1,4}?(?<!研究)所(?![属在有以得需谓])/gu
  const PAPER_CITED = /[\u4e00-\u9fa5]{1,8}(?:日报|晚报|早报|时报|报|新闻网|电视台)[^。；，,【】]{0,24}?报道[：:，,]/gu

  it('finds the matches matchesOf finds, a match resuming the search at its end', () => {
    const text = '园区与七二五所、中科院化学所所属团队及中国科学院研究所合作，第六二一所和四二一所所在单位参与。'
    expect(found(matchesNear(text, INSTITUTE, '所', 4))).toEqual([[3, '七二五所'], [11, '化学所'], [36, '四二一所']])
    expect(found(matchesNear(text, INSTITUTE, '所', 4))).toEqual(found(matchesOf(text, INSTITUTE)))
  })

  it('takes the leftmost start in reach of an anchor, even past an earlier anchor', () => {
    // 中科院所所属: no match (所属). 中科院所一所: from the 所 after 中科院 the lazy run passes the anchor it was found
    // near to end at the next 所, and the match starts at the first.
    const text = '中科院所所属单位；中科院所一所。'
    expect(found(matchesNear(text, INSTITUTE, '所', 4))).toEqual([[12, '所一所']])
    expect(found(matchesNear(text, INSTITUTE, '所', 4))).toEqual(found(matchesOf(text, INSTITUTE)))
  })

  it('finds a cited paper whose 报道 lies far from the start of the match', () => {
    const text = '据悉，南岭日报2023年10月8日第04版头条报道：园区投产。另据南岭晚报报道，项目开工。'
    expect(found(matchesNear(text, PAPER_CITED, '报道', 35))).toEqual([[3, '南岭日报2023年10月8日第04版头条报道：'], [31, '另据南岭晚报报道，']])
    expect(found(matchesNear(text, PAPER_CITED, '报道', 35))).toEqual(found(matchesOf(text, PAPER_CITED)))
  })

  it('serves anchors right at or next to the start (reach 0 and 1), a lookbehind reading the text before them', () => {
    const ITEM_MARKER = /(?<=^|[：:；;。，,！？\s])([一二三四五六七八九十])是/gu
    const DOUBLE_DASH_RANGE = /(?<=[\d%])——(?=\d)/gu
    const items = '一是建设平台；二是统一是非标准，三是培育企业。'
    expect(found(matchesNear(items, ITEM_MARKER, '是', 1))).toEqual([[0, '一是', '一'], [7, '二是', '二'], [16, '三是', '三']])
    const range = '能耗下降5%——8%，2023——2025年，园区——企业'
    expect(found(matchesNear(range, DOUBLE_DASH_RANGE, '——', 0))).toEqual([[6, '——'], [15, '——']])
    expect(found(matchesNear(range, DOUBLE_DASH_RANGE, '——', 0))).toEqual(found(matchesOf(range, DOUBLE_DASH_RANGE)))
  })

  it('finds nothing in a text without the anchor, and refuses a pattern that is not global', () => {
    expect(matchesNear('园区研究院与高校合作。', INSTITUTE, '所', 4)).toEqual([])
    expect(() => matchesNear('七二五所', /所/u, '所', 0)).toThrow(TypeError)
  })
})
