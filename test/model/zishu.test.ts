import { describe, expect, it } from 'vitest'
import { countZishu } from '../../src/model/zishu.js'

// Each count was made by hand, character by character, the way Word's 字数统计 counts them.
describe('countZishu', () => {
  it.each([
    ['', 0],
    ['园区', 2],
    ['一、背景介绍', 6],
    ['（一）', 3],
    ['单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。', 25],
    ['推进5G、千兆光网、IPv6等网络部署', 15],
    ['绿电消费占比仅9.5%，', 9],
    ['打通“副产硫酸钠—元明粉—玻璃原料”循环链条', 22],
    ['接入1.2万个监测点位', 9],
    ['　　园区 建设 微电网', 7],
    ['Times New Roman', 3],
    ['【摘要】概述', 6],
    ['国家级专精特新“小巨人”企业', 14],
    // A character outside the BMP is one character: a rare Han character counts 1, an emoji is part of a word.
    ['𠀀园区', 3],
    ['IPv6😀园区', 3],
  ])('%s → %i', (text, expected) => {
    expect(countZishu(text)).toBe(expected)
  })
})
