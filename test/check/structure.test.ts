import { readFileSync } from 'node:fs'
import { describe } from 'vitest'
import { structureRule } from '../../src/check/rules/structure.js'
import { describeCases, testRule } from './rule-tester.js'

const draft = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url), 'utf8')

const TITLE = '绿电直供降碳、智慧安监守底线，推动新能源电池材料产业绿色安全发展\n'
const ABSTRACT = '【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业，单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。\n'
const BACKGROUND = '一、背景介绍\n园区新能源电池材料产业仍面临能源结构偏煤、副产固废利用不足等制约。\n'
const MEASURES = '二、创新举措\n（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦、储能40兆瓦时。\n'
const RESULTS = '三、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%。\n'

const CASE_TITLE = '实施智能制造伙伴计划，加快园区数字化转型\n'

const table = testRule(structureRule, {
  valid: [
    draft('nanling-green.txt'),
    draft('jialan-digital.txt'),
    { text: draft('nanling-green.md'), format: 'markdown' },
    // A closing colon or a space in a heading is the numbering rule's business, not a different heading.
    TITLE + ABSTRACT + '一、背景 介绍：\n园区面临能源结构偏煤等制约。\n' + MEASURES + RESULTS,
    // 003 附件3 is loose: its aliases (工作背景, 主要举措, 工作成效) and headings containing them are accepted.
    {
      kind: 'base-excellent-case',
      text:
        CASE_TITLE +
        '一、工作背景\n园区汽车零部件企业数字化转型“不敢转、不会转”问题突出。\n' +
        '二、主要举措\n（一）构建“3+X”生态圈\n汇聚服务商23家。\n（二）打造四大服务内容\n推出轻量化改造方案包58个。\n' +
        '三、工作成效和示范带动\n推动智改数转项目126个。\n',
    },
    // 003 附件2 asks for no 摘要; its four parts in order.
    {
      kind: 'base-annual-report',
      text:
        '南岭新能源电池材料示范基地2025年发展情况报告\n一、示范基地发展概述\n示范基地集聚电池材料企业86家。\n二、发展亮点和成效\n（一）绿色制造水平领先\n获评国家级绿色工业园区。\n' +
        '三、示范性做法和经验\n（一）推行链长制\n市领导担任链长。\n四、存在的问题及建议\n高端人才仍然不足。\n',
    },
  ],
  invalid: [
    {
      text: TITLE + BACKGROUND + MEASURES + RESULTS,
      errors: [{ span: '一、背景介绍', severity: 'error', message: '缺少【摘要】' }],
    },
    {
      // A renamed part is matched by position and fixed; the parts after it are still recognised.
      text: TITLE + ABSTRACT + '一、项目背景\n园区面临能源结构偏煤等制约。\n' + MEASURES + RESULTS,
      errors: [{ span: '项目背景', severity: 'error', message: '一级标题“项目背景”与模板不符，应为“背景介绍”' }],
      output: TITLE + ABSTRACT + '一、背景介绍\n园区面临能源结构偏煤等制约。\n' + MEASURES + RESULTS,
    },
    {
      // 二、创新举措 is missing: reported once, at the place it belongs; 实践成效 is still matched by its heading.
      text: TITLE + ABSTRACT + BACKGROUND + '二、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%。\n',
      errors: [{ span: '二、实践成效', severity: 'error', message: '缺少“二、创新举措”部分' }],
    },
    {
      text: TITLE + ABSTRACT + BACKGROUND + '二、总体思路\n坚持绿色低碳、安全发展。\n' + MEASURES.replace('二、', '三、') + RESULTS.replace('三、', '四、'),
      errors: [{ span: '二、总体思路', severity: 'warning', message: '位于“一、背景介绍”与“三、创新举措”之间' }],
    },
    {
      // A closing part the template does not have is a warning, not a renamed 实践成效.
      text: TITLE + ABSTRACT + BACKGROUND + MEASURES + RESULTS + '四、下一步工作计划\n推进零碳园区建设。\n',
      errors: [{ span: '四、下一步工作计划', severity: 'warning', message: '不是模板规定的一级标题' }],
    },
    {
      text: TITLE + ABSTRACT + BACKGROUND + '二、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%。\n' + MEASURES.replace('二、', '三、'),
      errors: [{ span: '二、实践成效', severity: 'error', message: '位置与模板顺序不符' }],
    },
    {
      text: TITLE + BACKGROUND + '【摘要】园区聚焦新能源电池材料产业。\n' + MEASURES + RESULTS,
      errors: [{ span: '【摘要】', severity: 'error', message: '【摘要】应放在标题之后、“一、背景介绍”之前' }],
    },
    {
      text: TITLE + ABSTRACT + BACKGROUND + '二、创新举措\n' + RESULTS,
      errors: [{ span: '二、创新举措', severity: 'error', message: '“二、创新举措”下没有内容' }],
    },
    {
      text: TITLE + ABSTRACT + BACKGROUND + MEASURES + '（二）打通副产硫酸钠循环链条\n' + RESULTS,
      errors: [{ span: '（二）打通副产硫酸钠循环链条', severity: 'warning', message: '小标题“（二）打通副产硫酸钠循环链条”下没有内容' }],
    },
    {
      // 摘要 written as a numbered part: the abstract is missing and the part is not a template part.
      text: TITLE + '一、摘要\n园区聚焦新能源电池材料产业。\n' + BACKGROUND.replace('一、', '二、') + MEASURES.replace('二、', '三、') + RESULTS.replace('三、', '四、'),
      errors: [
        { span: '一、摘要', severity: 'error', message: '缺少【摘要】' },
        { span: '一、摘要', severity: 'warning', message: '“一、摘要”不应作为编号的一级标题' },
      ],
    },
    {
      // Loose kinds only suggest their headings: a heading matched by position is a warning, still fixable.
      kind: 'base-excellent-case',
      text: CASE_TITLE + '一、总体情况\n园区汽车零部件企业数字化转型“不敢转、不会转”问题突出。\n二、主要做法\n汇聚服务商23家。\n三、取得成效\n推动智改数转项目126个。\n',
      errors: [{ span: '总体情况', severity: 'warning', message: '应为“背景情况”' }],
      output: CASE_TITLE + '一、背景情况\n园区汽车零部件企业数字化转型“不敢转、不会转”问题突出。\n二、主要做法\n汇聚服务商23家。\n三、取得成效\n推动智改数转项目126个。\n',
    },
    {
      // The exact kinds of 2026 do not accept the loose kinds' aliases.
      text: TITLE + ABSTRACT + '一、工作背景\n园区面临能源结构偏煤等制约。\n' + MEASURES + '三、工作成效\n工业固体废弃物综合利用率由71.3%提升至93.6%。\n',
      errors: [
        { span: '工作背景', severity: 'error', message: '应为“背景介绍”' },
        { span: '工作成效', severity: 'error', message: '应为“实践成效”' },
      ],
      output: TITLE + ABSTRACT + BACKGROUND.replace('园区新能源电池材料产业仍面临能源结构偏煤、副产固废利用不足等制约', '园区面临能源结构偏煤等制约') + MEASURES + RESULTS,
    },
    {
      text: TITLE + ABSTRACT + '园区聚焦新能源电池材料产业，建设绿色微电网，工业固体废弃物综合利用率提升至93.6%。\n',
      errors: [{ span: '【摘要】', severity: 'error', message: '未识别到一级标题' }],
    },
    {
      // 003 附件3's own 示例 is prose without any heading (implicitAllowed): no error, but one note at the start that
      // the content rules could not find 背景/做法/成效, with the headings that would let them.
      kind: 'base-excellent-case',
      text: CASE_TITLE + '为加快推动产业园区“智改数转”，示范基地创新推出“智能制造伙伴计划”。主要做法如下：\n一是构建“3+X”智能化改造数字化转型生态圈。\n二是打造四大服务内容，持续赋能制造业企业。\n',
      errors: [
        {
          span: '',
          severity: 'info',
          message: '未识别到章节标题，检查内容的规则（quant-evidence 量化成效、logic-chain 逻辑链条）无法定位背景、做法和成效，未作检查。',
          suggestion: '按模板加上一级标题：一、背景情况 二、主要做法 三、取得成效，以便逐部分审校。',
        },
      ],
    },
    {
      text: TITLE + '【摘要】\n' + BACKGROUND + MEASURES + RESULTS,
      errors: [{ span: '【摘要】', severity: 'error', message: '【摘要】没有内容' }],
    },
  ],
})

describe('structure', () => {
  describeCases(table)
})
