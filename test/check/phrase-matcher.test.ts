import { describe, expect, it } from 'vitest'
import { occurrences } from '../../src/occurrences.js'
import { phraseMatcher } from '../../src/check/phrase-matcher.js'

describe('phraseMatcher', () => {
  it('finds every start of every phrase, overlapping and nested ones included', () => {
    const matcher = phraseMatcher(['发改委', '国家发改委', '改委', '委', 'abab', ''])
    const found = matcher.find('国家发改委和省发改委，ababab')
    expect(Object.fromEntries(found)).toEqual({ 0: [2, 7], 1: [0], 2: [3, 8], 3: [4, 9], 4: [11, 13] })
  })

  it('gives what occurrences gives for each phrase, on a realistic block', () => {
    const phrases = ['经开区', '南岭经开区', '开发区', '经济技术开发区', '南岭经济技术开发区', '发区', '区', '危化品', '化品', '能碳中心', '能碳']
    const text = '南岭经济技术开发区（以下简称“南岭经开区”）建成能碳中心，南岭经开区危化品企业入驻开发区，能碳管理。'
    const found = phraseMatcher(phrases).find(text)
    phrases.forEach((phrase, index) => expect(found.get(index) ?? []).toEqual(occurrences(text, phrase)))
  })

  it('finds phrases that start with any UTF-16 unit, astral characters and full-width forms included', () => {
    const phrases = ['𠀀区', 'ｚ１', '\uffff']
    const text = '园𠀀区ｚ１ｚ\uffff𠀀'
    const found = phraseMatcher(phrases).find(text)
    expect(Object.fromEntries(found)).toEqual({ 0: [1], 1: [4], 2: [7] })
  })

  it('finds nothing in a text without any phrase', () => {
    expect(phraseMatcher(['绿色工厂', '零碳园区']).find('园区建设光伏电站。').size).toBe(0)
  })
})
