import { describe, expect, it } from 'vitest'
import { extractChanges, extractNumbers } from '../../src/park/text-numbers.js'

describe('extractChanges', () => {
  it.each([
    {
      text: '单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，绿电消费占比提升至27.8%。',
      expected: [{
        subject: '单位能耗碳排放', from: { value: 2.46, unit: '吨/吨标准煤' }, to: { value: 2.05, unit: '吨/吨标准煤' },
        direction: 'down', raw: '由2.46吨/吨标准煤降至2.05吨/吨标准煤', index: 7,
      }],
    },
    {
      text: '工业固体废弃物综合利用率由71.3%提升至93.6%。',
      expected: [{
        subject: '工业固体废弃物综合利用率', from: { value: 71.3, unit: '%' }, to: { value: 93.6, unit: '%' },
        direction: 'up', raw: '由71.3%提升至93.6%', index: 12,
      }],
    },
    {
      text: '2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。',
      expected: [{
        subject: '预警平均响应时间', from: { value: 45, unit: '分钟' }, to: { value: 8, unit: '分钟' },
        direction: 'down', raw: '由45分钟缩短至8分钟', index: 25,
      }],
    },
    {
      text: '规上企业数字化改造率从2023年的41%提升到2025年的78%。',
      expected: [{
        subject: '规上企业数字化改造率', from: { value: 41, unit: '%', period: '2023' }, to: { value: 78, unit: '%', period: '2025' },
        direction: 'up', raw: '从2023年的41%提升到2025年的78%', index: 10,
      }],
    },
    {
      text: '订单交付周期从21天到12天',
      expected: [{ subject: '订单交付周期', from: { value: 21, unit: '天' }, to: { value: 12, unit: '天' }, raw: '从21天到12天', index: 6 }],
    },
    {
      text: '其中，响应时间由45降至8分钟以内。',
      expected: [{
        subject: '响应时间', from: { value: 45, unit: '分钟' }, to: { value: 8, unit: '分钟' }, direction: 'down',
        raw: '由45降至8分钟以内', index: 7,
      }],
    },
    {
      text: '危化品储存点位由126个压减至3个，用时由3.5天缩短至4小时。',
      expected: [
        {
          subject: '危化品储存点位', from: { value: 126, unit: '个' }, to: { value: 3, unit: '个' }, direction: 'down',
          raw: '由126个压减至3个', index: 7,
        },
        {
          subject: '用时', from: { value: 3.5, unit: '天' }, to: { value: 4, unit: '小时' }, direction: 'down',
          raw: '由3.5天缩短至4小时', index: 20,
        },
      ],
    },
    { text: '绿电消费占比提升至27.8%。', expected: [] },
  ])('$text', ({ text, expected }) => {
    expect(extractChanges(text)).toEqual(expected)
  })
})

describe('extractNumbers', () => {
  it('reads numbers with units, magnitudes and years; skips codes like P1', () => {
    expect(extractNumbers('2014年接入1.2万个监测点位，对照P1累计注册1,200万条，淘汰设备31台（套），覆盖率96.5%。')).toEqual([
      { value: 2014, unit: '年', raw: '2014年', index: 0, isYear: true, context: '', contextAfter: '接入1.2万个监测点位' },
      { value: 1.2, unit: '万个', raw: '1.2万个', index: 7, isYear: false, context: '接入', contextAfter: '监测点位' },
      { value: 1200, unit: '万条', raw: '1,200万条', index: 25, isYear: false, context: '对照P1累计注册', contextAfter: '' },
      { value: 31, unit: '台（套）', raw: '31台（套）', index: 37, isYear: false, context: '淘汰设备', contextAfter: '' },
      { value: 96.5, unit: '%', raw: '96.5%', index: 47, isYear: false, context: '覆盖率', contextAfter: '' },
    ])
  })

  it('reads intensity units whole, also those that start with a magnitude (万元/亩)', () => {
    expect(extractNumbers('亩均税收45.6万元/亩，单位增加值能耗2.84吨/万元，开展专项检查212家次。').map((n) => [n.value, n.unit])).toEqual([
      [45.6, '万元/亩'],
      [2.84, '吨/万元'],
      [212, '家次'],
    ])
  })
})
