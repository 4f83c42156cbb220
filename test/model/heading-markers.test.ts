import { describe, expect, it } from 'vitest'
import { canonicalMarker, readHeadingMarker } from '../../src/model/heading-markers.js'
import { parseChineseNumeral, toChineseNumeral } from '../../src/model/chinese-numerals.js'

describe('readHeadingMarker', () => {
  it.each([
    ['一、背景介绍', { level: 1, text: '一、', ordinal: 1, canonical: true }],
    ['十二、附则', { level: 1, text: '十二、', ordinal: 12, canonical: true }],
    ['（三）建设智慧安全应急管理平台', { level: 2, text: '（三）', ordinal: 3, canonical: true }],
    ['(三)建设平台', { level: 2, text: '(三)', ordinal: 3, canonical: false }],
    ['（三）、建设平台', { level: 2, text: '（三）、', ordinal: 3, canonical: false }],
    ['1. 绿电直供。', { level: 3, text: '1.', ordinal: 1, canonical: true }],
    ['12.强化安全应急数字化管理', { level: 3, text: '12.', ordinal: 12, canonical: true }],
    ['1、绿电直供', { level: 3, text: '1、', ordinal: 1, canonical: false }],
    ['2．能碳智管', { level: 3, text: '2．', ordinal: 2, canonical: false }],
    ['（2）光伏', { level: 4, text: '（2）', ordinal: 2, canonical: true }],
    ['(2)光伏', { level: 4, text: '(2)', ordinal: 2, canonical: false }],
    ['一.背景介绍', { level: 1, text: '一.', ordinal: 1, canonical: false }],
  ])('%s', (text, expected) => {
    expect(readHeadingMarker(text)).toEqual(expected)
  })

  it.each(['一是能源结构偏煤', '1.2万个监测点位已接入', '2025年实现生产安全事故零发生', '5G网络覆盖', '十分重要', '（注）'])(
    '%s is prose, not a heading',
    (text) => {
      expect(readHeadingMarker(text)).toBeUndefined()
    },
  )
})

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['九百九十九', 999],
  ])('%s ↔ %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value)
    expect(toChineseNumeral(value)).toBe(text)
  })

  it('writes the numbers a pasted list of thousands of headings reaches', () => {
    expect([1000, 1005, 1050, 2300, 10000, 10010, 25013, 99999].map(toChineseNumeral)).toEqual([
      '一千',
      '一千零五',
      '一千零五十',
      '二千三百',
      '一万',
      '一万零一十',
      '二万五千零一十三',
      '九万九千九百九十九',
    ])
    expect(() => toChineseNumeral(0)).toThrow(RangeError)
  })

  it('rejects what is not a numeral', () => {
    expect(parseChineseNumeral('十十')).toBeUndefined()
    expect(parseChineseNumeral('')).toBeUndefined()
  })

  it('writes canonical markers', () => {
    expect([canonicalMarker(1, 3), canonicalMarker(2, 11), canonicalMarker(3, 4), canonicalMarker(4, 2)]).toEqual([
      '三、',
      '（十一）',
      '4.',
      '（2）',
    ])
  })
})

describe('Chinese numerals beyond 99 (第一百零五条 in policy documents)', () => {
  it.each([
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百十二', 112],
    ['九百九十九', 999],
  ])('%s → %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value)
  })

  it.each(['零', '二零', '零五', '一百零', '十零', '百'])('%s is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined()
  })
})
