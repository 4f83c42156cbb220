import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lengthRule } from '../../src/check/rules/length.js'
import { parseReport } from '../../src/model/parse-report.js'
import { reportZishu } from '../../src/model/report-stats.js'
import { countZishu } from '../../src/model/zishu.js'
import { describeCases, testRule } from './rule-tester.js'

const draft = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url), 'utf8')

// Han characters and full-width punctuation only, so that every character is one 字.
const SENTENCE = '园区坚持以链长制统筹产业链招商，围绕正极材料、电解液等细分领域精准引进配套项目，推动上下游企业就近协作。'
/** A paragraph of exactly `zishu` 字 (the sentence repeated and cut). */
const prose = (zishu: number) => SENTENCE.repeat(Math.ceil(zishu / SENTENCE.length)).slice(0, zishu)

const TITLE = '绿电直供降碳、智慧安监守底线，推动新能源电池材料产业绿色安全发展\n'
const ABSTRACT = '【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业，建设绿色微电网。\n'
/**
 * An innovation report of exactly `total` 字 (title excluded): 【摘要】 line, three headings of 6 字 each and the
 * rest spread over the three parts.
 */
function innovationReport(total: number): string {
  const body = total - countZishu(ABSTRACT) - 3 * 6
  const third = Math.floor(body / 3)
  return `${TITLE}${ABSTRACT}一、背景介绍\n${prose(third)}\n二、创新举措\n${prose(third)}\n三、实践成效\n${prose(body - 2 * third)}\n`
}

/** A 003 附件2 report: 概述 of `overview` 字 and the given 亮点 and 做法 items (字 per item, heading included). */
function annualReport(overview: number, highlights: readonly number[], practices: readonly number[] = [200, 200, 200]): string {
  const items = (sizes: readonly number[], lead: string) =>
    sizes.map((size, i) => `（${'一二三四五六'[i]}）${lead}\n${prose(size - 3 - lead.length)}\n`).join('')
  return (
    '南岭新能源电池材料示范基地2025年发展情况报告\n' +
    `一、示范基地发展概述\n${prose(overview)}\n` +
    `二、发展亮点和成效\n${items(highlights, '绿色制造水平领先')}` +
    `三、示范性做法和经验\n${items(practices, '推行链长制招商')}` +
    `四、存在的问题及建议\n${prose(500)}\n`
  )
}

/** A 003 附件3 case with the given 主要做法 paragraph and parts of the suggested size around it. */
const excellentCase = (practices: string) =>
  `实施智能制造伙伴计划，加快园区数字化转型\n一、背景情况\n${prose(300)}\n二、主要做法\n${practices}\n三、取得成效\n${prose(400)}\n`

describe('length fixtures', () => {
  it('builds reports of the stated size', () => {
    expect(reportZishu(parseReport(innovationReport(3000))).total).toBe(3000)
    expect(reportZishu(parseReport(innovationReport(3001))).total).toBe(3001)
    const annual = parseReport(annualReport(300, [200, 200, 200]))
    const stats = Object.fromEntries(reportZishu(annual).sections.map((s) => [s.path, s.zishu]))
    expect(stats['二、发展亮点和成效/（一）']).toBe(200)
    expect(stats['一、示范基地发展概述']).toBe(300 + 10)
  })
})

const table = testRule(lengthRule, {
  valid: [
    draft('nanling-green.txt'),
    draft('jialan-digital.txt'),
    // 背景介绍 somewhat longer than 创新举措 (1.4 times) is how many good reports read.
    `${TITLE}${ABSTRACT}一、背景介绍\n${prose(700)}\n二、创新举措\n${prose(500)}\n三、实践成效\n${prose(400)}\n`,
    // 原则上控制在3000字以内: exactly 3000 is within.
    innovationReport(3000),
    // 003 附件2: 概述300字左右, 3–5 items of about 200 字.
    { kind: 'base-annual-report', text: annualReport(300, [200, 200, 200]) },
    // “左右” tolerates ±50% by default: 440 字 for 300, items of 120 and 290 字 for 200.
    { kind: 'base-annual-report', text: annualReport(440, [120, 290, 200, 200, 200]) },
    // 003 附件3's 示例 writes its 做法 inline: 一是…；二是…；三是… in one paragraph, after its lead-in or at its start.
    // They are the items (as logic-chain reads them); an inline item is not held to the 300字 of a 方面.
    {
      kind: 'base-excellent-case',
      text: excellentCase(
        '示范基地以“智能制造伙伴计划”为抓手，从三个方面推进企业智能化改造。一是组建服务商资源池，遴选系统集成、工业软件等服务商40家；' +
          '二是开展免费诊断，组织专家团队逐企出具改造方案；三是设立专项资金，对完成改造的企业按设备投入的10%给予补助。',
      ),
    },
    {
      kind: 'base-excellent-case',
      text: excellentCase('一是建设工业互联网标识解析二级节点；二是推广轻量化上云产品；三是培育一批数字化转型标杆企业。'),
    },
  ],
  invalid: [
    {
      text: innovationReport(3001),
      errors: [{ span: innovationReport(3001).slice(TITLE.length, -1), severity: 'error', message: '全文共3001字，超出3000字上限1字，请压缩' }],
    },
    {
      // The 003 kinds' totals are our estimate (limits.hard false): a warning.
      kind: 'base-annual-report',
      text: annualReport(1100, [200, 200, 200]),
      errors: [
        { span: annualReport(1100, [200, 200, 200]).slice('南岭新能源电池材料示范基地2025年发展情况报告\n'.length, -1), severity: 'warning', message: '超出2800字上限' },
        { span: '一、示范基地发展概述', severity: 'warning', message: '“一、示范基地发展概述”共1100字，与模板建议的300字左右相差267%' },
      ],
    },
    {
      kind: 'base-annual-report',
      text: annualReport(120, [200, 200, 200]),
      errors: [{ span: '一、示范基地发展概述', severity: 'warning', message: '共120字' }],
    },
    {
      kind: 'base-annual-report',
      text: annualReport(300, [200, 200]),
      errors: [{ span: '二、发展亮点和成效', severity: 'warning', message: '共2个方面，模板要求总结3—5个方面' }],
    },
    {
      kind: 'base-annual-report',
      text: annualReport(300, [200, 200, 200], [200, 200, 200, 200, 200, 200]),
      errors: [{ span: '三、示范性做法和经验', severity: 'warning', message: '共6个方面' }],
    },
    {
      kind: 'base-annual-report',
      text: annualReport(300, [200, 420, 200]),
      errors: [{ span: '（二）绿色制造水平领先', severity: 'warning', message: '“（二）绿色制造水平领先”共420字，模板要求每个方面200字左右' }],
    },
    {
      // 003 附件3 written as its 示例: 一是…二是… paragraphs are the items (two, where 3–5 are asked).
      kind: 'base-excellent-case',
      text:
        '实施智能制造伙伴计划，加快园区数字化转型\n一、背景情况\n' + prose(300) + '\n二、主要做法\n' +
        '一是构建“3+X”智能化改造数字化转型生态圈。' + prose(280) + '\n二是打造四大服务内容，持续赋能制造业企业。' + prose(280) + '\n三、取得成效\n' + prose(400) + '\n',
      errors: [{ span: '二、主要做法', severity: 'info', message: '共2个方面，模板示例为3—5个方面' }],
    },
    {
      // 003 附件3 sets no 字数: the estimate is a reference, said as one (info), with the item's whole 领句.
      kind: 'base-excellent-case',
      text: excellentCase(
        '一是统一储存、统一配送。' + prose(120) + '\n二是打造四大服务内容，持续赋能制造业企业。' + prose(280) + '\n三是设立专项资金。' + prose(280),
      ),
      errors: [{ span: '一是', severity: 'info', message: '“一是统一储存、统一配送”共132字，每个方面参考篇幅约300字（模板未规定字数，仅供参考）。' }],
    },
    {
      // 背景介绍 half as long again as 创新举措, the report's core part.
      text: `${TITLE}${ABSTRACT}一、背景介绍\n${prose(760)}\n二、创新举措\n${prose(500)}\n三、实践成效\n${prose(400)}\n`,
      errors: [
        {
          span: '一、背景介绍',
          severity: 'warning',
          message: '“一、背景介绍”共760字，远多于“二、创新举措”（500字）；模板称创新举措是“报告的核心内容”，背景宜简明扼要。',
        },
      ],
    },
    {
      // Inline items are counted like paragraph items: six are too many.
      kind: 'base-excellent-case',
      text: excellentCase('园区主要做法如下：一是组建服务商资源池；二是开展免费诊断；三是设立专项资金；四是建设标识解析节点；五是推广上云产品；六是培育标杆企业。'),
      errors: [{ span: '二、主要做法', severity: 'info', message: '“二、主要做法”共6个方面，模板示例为3—5个方面' }],
    },
  ],
})

const withOptions = testRule(lengthRule, {
  kind: 'base-annual-report',
  setting: { options: { tolerance: 0.2, maxTotal: 3500 } },
  valid: [{ text: annualReport(300, [200, 230, 170]) }, { kind: 'innovation-green', text: innovationReport(3400) }],
  invalid: [
    { text: annualReport(400, [200, 200, 200]), errors: [{ span: '一、示范基地发展概述', message: '相差33%' }] },
    { kind: 'innovation-green', text: innovationReport(3501), errors: [{ span: innovationReport(3501).slice(TITLE.length, -1), message: '超出3500字上限1字' }] },
  ],
})

describe('length', () => {
  describeCases(table)
  describe('options', () => [...withOptions.valid, ...withOptions.invalid].forEach(([name, fn]) => it(name, fn)))
})
