import { describe, expect, it } from 'vitest'
import { forgetAnalyzedTexts, keyTerms, overlapScorer } from '../../src/check/term-overlap.js'

const TEXT = '园区能耗由2.46降至2.05，2025年'
const ALL_TERMS = [['园区', 1], ['能耗', 1], ['2.46', 1], ['降至', 1], ['2.05', 1], ['区能', 0.5], ['耗由', 0.5]]

describe('keyTerms', () => {
  it('gives jieba words, figures (not years) and Han bigrams, the same when the text was seen before', () => {
    forgetAnalyzedTexts()
    expect([...keyTerms(TEXT)]).toEqual(ALL_TERMS)
    expect([...keyTerms(TEXT)]).toEqual(ALL_TERMS)
  })

  it('leaves out the ignored terms of each call, whatever an earlier call ignored', () => {
    expect([...keyTerms(TEXT, new Set(['园区', '能耗']))]).toEqual([['2.46', 1], ['降至', 1], ['2.05', 1], ['区能', 0.5], ['耗由', 0.5]])
    expect([...keyTerms(TEXT)]).toEqual(ALL_TERMS)
  })
})

describe('overlapScorer', () => {
  it('scores shared weight over the lighter passage, the same when asked again', () => {
    const a = { terms: keyTerms('单位能耗碳排放由2.46降至2.05') }
    const b = { terms: keyTerms('建设能碳管理平台，降低单位能耗碳排放') }
    const c = { terms: keyTerms('新增国家高新技术企业35家') }
    const score = overlapScorer([a, b, c])
    // 单位, 能耗, 碳排放 and their bigrams are shared; c shares nothing with a.
    const expected = [0.5311945983772265, 0.5311945983772265, 0]
    expect([score(a, b), score(b, a), score(a, c)]).toEqual(expected)
    expect([score(a, b), score(b, a), score(a, c)]).toEqual(expected)
  })
})
