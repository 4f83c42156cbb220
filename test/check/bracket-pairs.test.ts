import { describe, expect, it } from 'vitest'
import { pairMarks } from '../../src/check/bracket-pairs.js'

/** Pairs as 'open…close' strings and unmatched marks as characters, in text order. */
function summary(text: string, skip: boolean[] = []) {
  const { pairs, unmatched } = pairMarks(text, skip)
  return {
    pairs: pairs.map(({ open, close, nested }) => `${open.char}${close.char}${nested ? ' nested' : ''}`),
    unmatched: unmatched.map(({ mark, partner }) => `${mark.char}→${partner}`),
  }
}

describe('pairMarks', () => {
  it.each([
    ['“链长制”推动配套率提升（见表1），入选《典型案例》。', { pairs: ['“”', '（）', '《》'], unmatched: [] }],
    // Straight quotes close the innermost open quote of their family, else open one; mixed widths still pair.
    ['推行"链长制"和“数治园区"，企业共86家（含规上企业41家)。', { pairs: ['""', '“"', '（)'], unmatched: [] }],
    ['打造“\'智慧安监\'平台”', { pairs: ["'' nested", '“”'], unmatched: [] }],
    // An unclosed mark inside a pair is reported when the pair closes.
    ['园区获评“国家绿色工业园区（2024年”', { pairs: ['“”'], unmatched: ['（→）'] }],
    ['入选名单”。编制《实施方案', { pairs: [], unmatched: ['”→“', '《→》'] }],
    // List numbers 1）2） are not brackets; apostrophes inside Latin words are not quotes.
    ["主要做法：1）建设平台；2）推行合同能源管理；a) Xi'an 基地", { pairs: [], unmatched: [] }],
  ])('%s', (text, expected) => {
    expect(summary(text)).toEqual(expected)
  })

  it('ignores skipped characters (URLs)', () => {
    const text = '详见https://a.gov.cn/(x)页面'
    const skip = [...text].map((_, i) => i >= 2 && i < 22)
    expect(summary(text, skip)).toEqual({ pairs: [], unmatched: [] })
  })
})
