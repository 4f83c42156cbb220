import { describe, expect, it } from 'vitest'
import { resolveKind } from '../../src/check/resolve-kind.js'
import { parseReport } from '../../src/model/parse-report.js'
import { nanlingPark } from './parks.js'

const GREEN_NAME = '2026年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）'
const DIGITAL_NAME = '2026年工业园区高质量发展创新实践经验总结材料（促进实数深度融合类）'
const CASE_NAME = '示范基地优秀案例推荐'
const note = (basis: string, name: string) => `未指定报告类型，已根据${basis}按“${name}”审校；如不对，请指定报告类型。`
// A guess from words alone: no template heading and no 【摘要】, so the draft is not held to the template.
const noTemplate = (name: string) =>
  `未指定报告类型，稿件也没有模板规定的章节标题和【摘要】，不像是按某一类报告模板写的（如工作汇报、新闻稿），` +
  `因此只检查名称、用语、时间、数字和标点，未按模板检查结构、篇幅和内容要求（用词最接近“${name}”）。如需按模板审校，请指定报告类型。`

// A chemical park's safety case without headings: 危险化学品、重大危险源、应急、安全 are 001's 生产安全 words and
// outnumber the digital ones (智能化, 平台).
const SAFETY_PROSE =
  '化工园区以智能管控筑牢安全防线\n' +
  '园区聚焦危险化学品重大危险源监管，建成安全风险智能化管控平台，接入重大危险源企业46家。' +
  '园区完善应急预案，每季度开展应急演练，安全监管由人工巡查转向智能预警。\n'
// 003 附件3's 示例: prose whose 做法 are 一是…二是…三是…, no heading at all.
const CASE_PROSE =
  '实施智能制造伙伴计划，加快园区数字化转型\n' +
  '为破解中小企业数字化转型“不敢转、不会转”难题，示范基地创新推出智能制造伙伴计划。主要做法如下：' +
  '一是组建服务商资源池，遴选系统集成服务商40家；二是开展免费诊断，逐企出具改造方案；三是设立专项资金，对完成改造的企业给予补助。\n' +
  '计划启动以来，示范基地推动智能化改造项目126个，项目投资额18.6亿元。\n'

describe('resolveKind', () => {
  it.each([
    // Asked for, or the park's: no note.
    ['an explicit kind', CASE_PROSE, 'innovation-digital', false, 'innovation-digital', undefined, true],
    ['the park data', CASE_PROSE, undefined, true, 'innovation-green', undefined, true],
    // No level-1 heading and a run of three 一是 items: an excellent case, said to rest on the words.
    ['prose with 一是/二是/三是', CASE_PROSE, undefined, false, 'base-excellent-case', noTemplate(CASE_NAME), false],
    // Two items are not enough to call it a case; the green/safety words decide between the innovation kinds.
    [
      'prose with two items',
      CASE_PROSE.replace('；三是设立专项资金，对完成改造的企业给予补助', ''),
      undefined,
      false,
      'innovation-digital',
      noTemplate(DIGITAL_NAME),
      false,
    ],
    ['safety prose', SAFETY_PROSE, undefined, false, 'innovation-green', noTemplate(GREEN_NAME), false],
    // The same prose with a 【摘要】 was written to the template.
    ['safety prose with 【摘要】', SAFETY_PROSE.replace('\n', '\n【摘要】园区建成安全风险智能化管控平台。\n'), undefined, false, 'innovation-green', note('正文用词', GREEN_NAME), true],
    // Headings decide the kind; for the 2026 kinds the words pick 绿色安全 or 实数融合.
    [
      'excellent-case headings',
      '实施智能制造伙伴计划\n一、背景情况\n园区企业数字化水平不高。\n二、主要做法\n组建服务商资源池。\n三、取得成效\n推动改造项目126个。\n',
      undefined,
      false,
      'base-excellent-case',
      note('章节标题', CASE_NAME),
      true,
    ],
    [
      'innovation headings with safety words',
      '化工园区筑牢安全防线\n一、背景介绍\n' + SAFETY_PROSE.split('\n')[1] + '\n二、创新举措\n一是完善应急预案；二是开展应急演练；三是建设安全风险平台。\n三、实践成效\n重大危险源在线监测率达到100%。\n',
      undefined,
      false,
      'innovation-green',
      note('章节标题和正文用词', GREEN_NAME),
      true,
    ],
  ])('%s', (_name, text, kindId, withPark, expectedKind, expectedNote, expectedTemplate) => {
    const { kind, assumption, template } = resolveKind(parseReport(text), kindId, withPark ? nanlingPark() : undefined)
    expect({ kind: kind.id, assumption, template }).toEqual({ kind: expectedKind, assumption: expectedNote, template: expectedTemplate })
  })
})
