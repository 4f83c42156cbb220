import { describe, expect, it } from 'vitest'
import { sentencesOf } from '../../src/check/sentences.js'

describe('sentencesOf', () => {
  it.each([
    ['园区营收968.2亿元。同比增长12.6%！', [['园区营收968.2亿元。', 0, 12], ['同比增长12.6%！', 12, 22]]],
    // ； ends a clause; a closing quote and ？！ stay with their sentence; leading spaces are dropped.
    ['一是建平台；二是育企业。 他说：“很好。”真的吗？！', [['一是建平台；', 0, 6], ['二是育企业。', 6, 12], ['他说：“很好。”', 13, 21], ['真的吗？！', 21, 26]]],
    // Text without a terminator is one sentence; decimals do not end sentences.
    ['单位能耗下降2.46%', [['单位能耗下降2.46%', 0, 11]]],
    ['', []],
  ])('%s', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected.map(([sentence, start, end]) => ({ text: sentence, start, end })))
  })
})
