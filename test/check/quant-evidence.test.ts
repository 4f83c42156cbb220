import { describe, expect, it } from 'vitest'
import { quantEvidenceRule } from '../../src/check/rules/quant-evidence.js'
import { nanlingDraft } from './parks.js'
import { runRule, describeCases, testRule } from './rule-tester.js'

const NO_FIGURES = '部分没有量化数据。实践成效应优先采用量化数据予以支撑'
const NO_COMPARISON = '部分没有开展创新实践前后的对比'
const PART = '没有任何数字，这一方面的成效缺少量化支撑'

const table = testRule(quantEvidenceRule, {
  valid: [
    '三、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%。',
    // 较……下降, 同比, 百分点: comparisons without 由/至.
    '三、实践成效\n单位能耗碳排放较2023年下降16.7%。',
    '三、实践成效\n2025年园区营业收入968.2亿元，同比增长9.1%。',
    // Every part has a figure; 零发生 is a figure.
    '三、实践成效\n（一）固废利用水平大幅提升\n综合利用率提高22.3个百分点。\n（二）安全生产形势持续向好\n2025年实现生产安全事故零发生。',
    // Chinese numerals count, and so does 由……缩短为…… written in words.
    '三、实践成效\n平台上线后，隐患整改周期由原来的三天缩短为半天。',
    // 实施前……实施后.
    '三、实践成效\n改造实施前吨布水耗1.82吨，改造实施后为1.26吨。',
    // Other parts of the report are not the results section.
    '一、背景介绍\n园区发展基础较好。\n三、实践成效\n预警平均响应时间由45分钟缩短至8分钟。',
    // The results section of the 003 kinds: 取得成效, 发展亮点和成效.
    { text: '三、取得成效\n园区危化品储存点位由126个压减至3个。', kind: 'base-excellent-case' },
    { text: '二、发展亮点和成效\n（一）产业规模持续扩大\n基地营业收入较2023年增长20.5%。', kind: 'base-annual-report' },
    // No results section at all is the structure rule's finding, not this one's.
    '一、背景介绍\n园区概况。',
  ],
  invalid: [
    {
      text: '三、实践成效\n园区绿色发展水平显著提升，企业获得感明显增强。',
      errors: [{ span: '三、实践成效', severity: 'error', message: `“三、实践成效”${NO_FIGURES}`, section: '三、实践成效' }],
    },
    {
      text: '三、实践成效\n2025年园区绿电消费占比达27.8%，建成屋顶光伏86兆瓦。',
      errors: [{ span: '三、实践成效', severity: 'warning', message: `“三、实践成效”${NO_COMPARISON}` }],
    },
    {
      text:
        '三、实践成效\n（一）碳排放强度明显下降\n单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。\n（二）安全生产形势持续向好\n园区安全管理水平进一步提升。',
      errors: [{ span: '（二）安全生产形势持续向好', severity: 'warning', message: `“（二）安全生产形势持续向好”${PART}`, section: '三、实践成效/（二）' }],
    },
    {
      text: '三、实践成效\n（一）绿色发展\n绿色低碳水平明显提升。\n（二）安全发展\n本质安全水平持续提高。',
      errors: [
        { span: '三、实践成效', severity: 'error' },
        { span: '（一）绿色发展', severity: 'warning' },
        { span: '（二）安全发展', severity: 'warning' },
      ],
    },
    {
      // Years, dates and ordinals are not quantified results.
      text: '三、实践成效\n截至2025年12月31日，园区入选第1批省级化工园区安全整治提升示范园区。',
      errors: [{ span: '三、实践成效', severity: 'error' }],
    },
    {
      // Figures without a before: a state, not a change.
      text: '三、实践成效\n（一）能源结构\n园区建成屋顶光伏86兆瓦、储能40兆瓦时。\n（二）安全管理\n平台接入1.2万个监测点位。',
      errors: [{ span: '三、实践成效', severity: 'warning', message: NO_COMPARISON }],
    },
    {
      // An increment is not a before/after comparison.
      text: '三、实践成效\n2025年新增省级智能工厂9家、省级数字化车间27个。',
      errors: [{ span: '三、实践成效', severity: 'warning' }],
    },
    {
      text: '一、背景情况\n园区危化品分散储存。\n二、主要做法\n建设集中仓储配送中心。\n三、取得成效\n案例实施后企业满意度明显提升。',
      kind: 'base-excellent-case',
      errors: [{ span: '三、取得成效', severity: 'error', message: '“三、取得成效”部分没有量化数据' }],
    },
    {
      text: '二、发展亮点和成效\n基地营业收入达到968.2亿元，集聚企业1482家。',
      kind: 'base-annual-report',
      errors: [{ span: '二、发展亮点和成效', severity: 'warning' }],
    },
    {
      // A level-2 heading with an inline lead is pointed at up to the end of its heading.
      text: '三、实践成效\n（一）碳排放下降。单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。\n（二）安全向好。安全管理水平进一步提升。',
      errors: [{ span: '（二）安全向好', severity: 'warning' }],
    },
    {
      format: 'markdown',
      text: '# 标题\n\n## 三、实践成效\n\n园区发展质量**显著提升**。',
      errors: [{ span: '三、实践成效', severity: 'error' }],
    },
  ],
})

describe('quant-evidence', () => {
  describeCases(table)

  it('is silent on the clean draft of the example park', () => {
    expect(runRule(quantEvidenceRule, nanlingDraft()).findings).toEqual([])
  })

  it('checks the parts of the results section only when asked to', () => {
    const text = '三、实践成效\n（一）碳排放强度明显下降\n由2.46吨/吨标准煤降至2.05吨/吨标准煤。\n（二）安全生产\n安全管理水平进一步提升。'
    const spans = (perSubsection: boolean) =>
      runRule(quantEvidenceRule, text, { setting: { options: { perSubsection } } }).findings.map((f) => text.slice(f.start, f.end))
    expect(spans(true)).toEqual(['（二）安全生产'])
    expect(spans(false)).toEqual([])
  })
})
