import { readFileSync } from 'node:fs'
import { describe } from 'vitest'
import { logicChainRule } from '../../src/check/rules/logic-chain.js'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'
import { describeCases, testRule } from './rule-tester.js'

const draft = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url), 'utf8')
const parkData = (name: string): ParkData =>
  ParkDataSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')))

const nanling = draft('nanling-green.txt')
const jialan = draft('jialan-digital.txt')
const lingjiang = draft('lingjiang-green.txt')
const nanlingPark = parkData('nanling-green')
const lingjiangPark = parkData('lingjiang-green')

/** The text with the lines from the one starting with `from` up to (not including) the one starting with `to` removed. */
function withoutLines(text: string, from: string, to?: string): string {
  const start = text.indexOf(`\n${from}`) + 1
  const end = to === undefined ? text.length : text.indexOf(`\n${to}`, start) + 1
  if (start <= 0 || end <= 0) throw new Error(`no line ${from} / ${to}`)
  return text.slice(0, start) + text.slice(end)
}

const NANLING_M3 = '（三）建设南岭经济技术开发区智慧安全应急管理平台，筑牢安全生产底线'
const NANLING_R3 = '（三）安全生产形势持续向好'
const TALENT = '（四）强化人才引育，夯实智力支撑\n园区与南岭职业技术学院共建产业学院，联合开展订单式培养，年培训技术技能人才1200人次。\n'
const NANLING_P2 = '二是副产固废利用不足，正极材料生产副产硫酸钠等固废综合利用率2023年仅为71.3%，外运处置成本高'

// 三、实践成效 （二） restating the measure instead of its effect: the words match the measure, the park data's
// result R2 (综合利用率由71.3%提升至93.6%) is not there.
const restated = nanling.replace(
  '工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。',
  '南岭市绿源环保科技有限公司年处理12万吨硫酸钠资源化项目建成投产，“副产硫酸钠—元明粉—玻璃原料”循环链条全线贯通。',
)

const SHORT_TITLE = '平台赋能助力能效提升，光伏领航推动绿色转型\n【摘要】园区聚焦光伏组件产业，建设能碳管理平台。\n'
const SHORT_MEASURES =
  '二、创新举措\n（一）建设能碳管理平台\n园区建成能碳管理平台，接入重点用能企业63家，实时监测企业能耗。\n' +
  '（二）推广分布式光伏\n园区在厂房屋顶建设分布式光伏电站52兆瓦。\n'
const SHORT_RESULTS =
  '三、实践成效\n（一）能耗监测全覆盖\n重点用能企业能耗在线监测覆盖率达到100%，单位工业增加值能耗下降12.4%。\n' +
  '（二）绿电占比提升\n分布式光伏电站年发电量5800万千瓦时，绿电消费占比由6.2%提升至18.5%。\n'

// 绫江's results as a Markdown table (the units in the row labels, the years in the header) and two sub-sections:
// R1 (水耗 1.82 → 1.26, 中水回用率 32.5% → 55.8%, 年节约新鲜水约1020万吨) is split between the table and （二）.
const WATER_ROWS =
  '| 印染企业单位产品水耗（吨水/百米布） | 1.82 | 1.26 | 下降30.8% |\n| 中水回用率（%） | 32.5 | 55.8 | 提高23.3个百分点 |\n'
const tableResults = (waterRows: string, saving: string) =>
  lingjiang.slice(0, lingjiang.indexOf('三、实践成效')) +
  '三、实践成效\n（一）主要指标对比\n\n| 指标 | 2023年 | 2025年 | 变化 |\n| --- | --- | --- | --- |\n' +
  waterRows +
  '| 印染行业单位产品综合能耗（千克标准煤/百米布） | 38.6 | 31.2 | 下降19.2% |\n| 集中供热覆盖率（%） | 56 | 100 | 提高44个百分点 |\n' +
  '| 危化品储存点位（个） | 126 | 3 | 减少123个 |\n\n' +
  `（二）节水降碳成效\n${saving}集中供热替代燃煤导热油炉后，年减少二氧化碳排放约18.5万吨。\n` +
  '（三）安全生产成效\n危化品储存点位由126个压减至3个，重大事故隐患由2023年的7项实现动态清零，实现生产安全事故零发生。\n'

/** A background whose problems are announced by a sentence of their own, ending in 。, and then listed. */
const ANNOUNCED = (items: string) =>
  `一、背景介绍\n对照“双碳”目标要求，园区的发展方式与先进园区相比仍有较大差距，突出表现在两个方面。${items}\n`

const table = testRule(logicChainRule, {
  valid: [
    nanling,
    { text: nanling, park: nanlingPark },
    { text: jialan, kind: 'innovation-digital' },
    { text: jialan, kind: 'innovation-digital', park: parkData('jialan-digital') },
    { text: lingjiang, park: lingjiangPark },
    // An enumeration of strengths (no problem cue) raises no problem; the one problem sentence is answered.
    SHORT_TITLE +
      '一、背景介绍\n园区光伏组件产业基础扎实：一是龙头企业集聚，二是配套体系完整。园区企业能耗底数不清，能耗监测主要靠人工抄表。\n' +
      SHORT_MEASURES +
      SHORT_RESULTS,
    // A sub-section labelled 存在的主要问题 is read for its items; a sentence that refers back is no new problem.
    SHORT_TITLE +
      '一、背景介绍\n（一）发展基础\n园区集聚光伏组件企业42家。\n（二）存在的主要问题\n一是能耗监测靠人工抄表，企业能耗底数不清；二是绿电消费占比仅6.2%。破解上述问题是园区实现绿色转型的迫切需要。\n' +
      SHORT_MEASURES +
      SHORT_RESULTS,
    // 003 附件2 has no background and lists 亮点 before 做法: the chain is not checked.
    { kind: 'base-annual-report', text: '南岭示范基地2025年发展情况报告\n一、示范基地发展概述\n示范基地集聚企业86家。\n二、发展亮点和成效\n（一）绿色制造领先\n获评国家级绿色工业园区。\n三、示范性做法和经验\n（一）推行链长制\n市领导担任链长。\n四、存在的问题及建议\n高端人才不足。\n' },
    // Without park data, the restated result still shares the measure's words.
    restated,
    // A sentence announcing the items (突出表现在两个方面。) is their lead-in, not a problem of its own: items separated
    // by 。 …
    SHORT_TITLE + ANNOUNCED('一是企业能耗底数不清。能耗监测主要靠人工抄表。二是绿电消费占比偏低。2023年绿电消费占比仅6.2%。') + SHORT_MEASURES + SHORT_RESULTS,
    // … or by ；.
    SHORT_TITLE + ANNOUNCED('一是企业能耗底数不清，能耗监测主要靠人工抄表；二是绿电消费占比偏低，2023年仅为6.2%。') + SHORT_MEASURES + SHORT_RESULTS,
    // 存在……等短板： in the sentence of the items.
    SHORT_TITLE +
      '一、背景介绍\n园区存在发展方式与先进园区相比差距较大等短板：一是企业能耗底数不清，能耗监测主要靠人工抄表；二是绿电消费占比仅6.2%。\n' +
      SHORT_MEASURES +
      SHORT_RESULTS,
    // With park data, one result unit (a table) may state several of the park's results (R1 and R2) …
    { text: tableResults(WATER_ROWS, '一年节约新鲜水约1020万吨，相当于为园区污水处理厂腾出了承接新项目的空间；'), park: lingjiangPark, format: 'markdown' },
    // … and one result may be spread over several units: neither the 水耗 row nor （二） states enough of R1 alone.
    {
      text: tableResults(WATER_ROWS.split('\n')[0]! + '\n', '中水回用率提高到55.8%，一年节约新鲜水约1020万吨；'),
      park: lingjiangPark,
      format: 'markdown',
    },
    // Sentences about the problems rather than problems: one announcing them in its own paragraph (发现两个突出问题。),
    // one ending in a colon, one counting them back (这两个问题不解决，……).
    SHORT_TITLE +
      '一、背景介绍\n2023年，我们对园区企业开展摸底，发现两个突出问题。\n光伏组件企业用能强度高，绿色短板逐步显现：\n' +
      '一是企业能耗底数不清，能耗监测主要靠人工抄表；二是绿电消费占比仅6.2%。\n这两个问题不解决，园区企业就难以进入下游绿色供应链。\n' +
      SHORT_MEASURES +
      SHORT_RESULTS,
    // A conditional (如果/一旦……将) says what is at stake, it raises no problem of its own.
    SHORT_TITLE +
      '一、背景介绍\n园区企业能耗底数不清，能耗监测主要靠人工抄表。如果园区迟迟不能摆脱对煤电的依赖，出口企业将面临欧盟碳边境调节机制带来的成本压力。' +
      '一旦出口订单流失，就会拖累园区整体发展。\n' +
      SHORT_MEASURES +
      SHORT_RESULTS,
  ],
  invalid: [
    {
      text: withoutLines(nanling, NANLING_R3),
      errors: [{ span: NANLING_M3, severity: 'warning', message: `举措“${NANLING_M3}”在“实践成效”中没有对应的成效`, suggestion: '在三、实践成效中补充该举措' }],
    },
    {
      // Measure and result of problem 二 removed: the problem is reported, nothing else.
      text: withoutLines(withoutLines(nanling, '（二）打通副产硫酸钠循环链条', '（三）建设'), '（二）固废综合利用水平大幅提升', '（三）安全生产'),
      errors: [
        {
          span: NANLING_P2,
          message: '“背景介绍”提出的问题“副产固废利用不足”在“创新举措”和“实践成效”中都没有对应内容',
          suggestion: '在二、创新举措中补充针对该问题的举措，或在三、实践成效中说明其改善',
        },
      ],
    },
    {
      // A measure that answers no problem and has no result.
      text: nanling.replace('\n三、实践成效', `${TALENT}\n三、实践成效`),
      errors: [{ span: '（四）强化人才引育，夯实智力支撑' }],
    },
    {
      text: withoutLines(jialan, '（二）链上协同效率明显提升', '（三）质量追溯'),
      kind: 'innovation-digital',
      errors: [{ span: '（二）搭建链主牵引的协同平台，贯通上下游数据' }],
    },
    {
      text: withoutLines(withoutLines(lingjiang, '（二）集中供热', '（三）危化品集中'), '（二）能耗和碳排放下降', '（三）本质安全'),
      errors: [{ span: '二是热源分散、能耗偏高，印染企业自备燃煤导热油炉42台，定型机废气余热基本未回收，集中供热覆盖率仅56%' }],
    },
    {
      // With park data, measure （二） matches M2, so one of M2's results (R2) must be in 三、实践成效.
      text: restated,
      park: nanlingPark,
      errors: [
        {
          span: '（二）打通副产硫酸钠循环链条，提升固废综合利用水平',
          suggestion: 'R2 工业固体废弃物综合利用率由71.3%提升至93.6%。',
        },
      ],
    },
    {
      // A problem stated as a plain sentence (no 一是…二是…), answered by nothing.
      text:
        SHORT_TITLE +
        '一、背景介绍\n园区企业能耗底数不清，能耗监测主要靠人工抄表。园区危险化学品运输车辆停放分散，安全监管难度大。\n' +
        SHORT_MEASURES +
        SHORT_RESULTS,
      errors: [{ span: '园区危险化学品运输车辆停放分散，安全监管难度大。' }],
    },
    {
      // A sub-section whose heading states the problem.
      text:
        SHORT_TITLE +
        '一、背景介绍\n（一）企业能耗底数不清\n能耗监测主要靠人工抄表。\n（二）专业技术人才短缺\n园区光伏运维工程师缺口约300人，企业招聘周期超过4个月。\n' +
        SHORT_MEASURES +
        SHORT_RESULTS,
      errors: [{ span: '（二）专业技术人才短缺', message: '提出的问题“专业技术人才短缺”' }],
    },
    {
      // … but it must be there: without the water rows and the saving, measure （一） has no result.
      text: tableResults('', ''),
      park: lingjiangPark,
      format: 'markdown',
      errors: [{ span: '（一）分质处理、中水回用，破解印染用水难题', suggestion: 'R1 印染企业单位产品水耗由1.82吨水/百米布降至1.26吨水/百米布' }],
    },
    {
      // After an announcing lead-in, the item no measure answers is reported, not the lead-in.
      text:
        SHORT_TITLE +
        ANNOUNCED('一是企业能耗底数不清。能耗监测主要靠人工抄表。二是危险化学品运输车辆停放分散。安全监管难度大，事故隐患排查靠人工巡查。') +
        SHORT_MEASURES +
        SHORT_RESULTS,
      errors: [{ span: '二是危险化学品运输车辆停放分散。安全监管难度大，事故隐患排查靠人工巡查', message: '提出的问题“危险化学品运输车辆停放分散”' }],
    },
    {
      // 若干 is no 若 (if): the sentence is a problem, and nothing answers it.
      text:
        SHORT_TITLE +
        '一、背景介绍\n园区企业能耗底数不清，能耗监测主要靠人工抄表。园区若干危险化学品企业安全管理薄弱，将给园区带来风险。\n' +
        SHORT_MEASURES +
        SHORT_RESULTS,
      errors: [{ span: '园区若干危险化学品企业安全管理薄弱，将给园区带来风险。' }],
    },
  ],
})

describe('logic-chain', () => {
  describeCases(table)
})
