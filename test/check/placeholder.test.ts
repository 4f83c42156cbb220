import { describe } from 'vitest'
import { placeholderRule } from '../../src/check/rules/placeholder.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(placeholderRule, {
  valid: [
    '一、背景介绍\n园区实际管理面积3260公顷。',
    '二、创新举措\n推广MAXX系列防爆巡检机器人24台。',
    '三、实践成效\n预警平均响应时间由45分钟缩短至8分钟。',
  ],
  invalid: [
    {
      text: '一、背景介绍\n园区引进XX科技有限公司。',
      errors: [{ span: 'XX', severity: 'error', message: '未填写的占位内容', section: '一、背景介绍' }],
    },
    {
      text: '三、实践成效\n综合利用率提升至【待补充：2025年工业固体废弃物综合利用率】。',
      errors: [{ span: '【待补充：2025年工业固体废弃物综合利用率】' }],
    },
    { text: '二、创新举措\n（一）与××大学共建实验室\n某某公司牵头。', errors: [{ span: '××' }, { span: '某某' }] },
    {
      text: '# 标题\n\n## 一、背景介绍\n\n**1. 基础。**园区引进**XX**公司。',
      format: 'markdown',
      errors: [{ span: 'XX' }],
    },
  ],
})

describe('placeholder', () => {
  describeCases(table)
})
