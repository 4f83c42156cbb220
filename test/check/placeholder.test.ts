import { describe } from 'vitest'
import { placeholderRule } from '../../src/check/rules/placeholder.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(placeholderRule, {
  valid: [
    '一、背景介绍\n园区实际管理面积3260公顷。',
    '二、创新举措\n推广MAXX系列防爆巡检机器人24台。',
    '三、实践成效\n预警平均响应时间由45分钟缩短至8分钟。',
    // A size between two figures, a Latin word, 某些 and 某种 are not placeholders.
    '二、创新举措\n建成3x4米的显示屏，接入DCS系统，某些企业采用某种新工艺。',
    // A year written with the wrong circle for zero is a year; one ○ or □ alone, and brackets with words, are not blanks.
    '一、背景介绍\n园区始建于二○○八年，二○一○年升级为国家级经济技术开发区，采用□型布局（见附图）。',
    // The same words inside real prose are not the example.
    '二、创新举措\n（一）规范小标题和段落正文格式\n编制公文写作指引，明确具体内容要求。',
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
      // fixtures/real/27 and 32: a single x or * for a figure, 某市 for a name.
      text: '一、背景介绍\n全市现有工业园区x个。1-9月，实现营业收入*亿元，同比增长6.16%。某市产业园区发展较快。',
      errors: [{ span: 'x' }, { span: '*' }, { span: '某市' }],
    },
    {
      // fixtures/real/05 and 26: x for a name, *月*日 for a date.
      text: '一、背景介绍\n建设x工业园区，于2014年*月*日至*日开展调研。',
      errors: [{ span: 'x' }, { span: '*' }, { span: '*' }, { span: '*' }],
    },
    {
      // The other blanks of Chinese office templates.
      text: '一、背景介绍\n○○公司投资□□万元，完成投资____亿元，产值？？亿元，同比增长（ ）%，建成ＸＸ平台，于2024年Ｘ月投产。',
      errors: [{ span: '○○' }, { span: '□□' }, { span: '____' }, { span: '？？' }, { span: '（ ）' }, { span: 'ＸＸ' }, { span: 'Ｘ' }],
    },
    {
      // A model's answer that is the drafting prompt's JSON example (段落正文, （一）小标题, 1.小标题。段落正文).
      text: '【摘要】摘要正文\n\n一、背景介绍\n段落正文\n（一）小标题\n段落正文\n1.小标题。段落正文',
      errors: [{ span: '摘要正文' }, { span: '段落正文' }, { span: '小标题' }, { span: '段落正文' }, { span: '小标题' }, { span: '段落正文' }],
    },
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
