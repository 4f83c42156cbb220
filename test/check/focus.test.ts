import { readFileSync } from 'node:fs'
import { describe } from 'vitest'
import { focusRule } from '../../src/check/rules/focus.js'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'
import { nanlingDraft, nanlingPark } from './parks.js'
import { describeCases, testRule } from './rule-tester.js'

// 南岭经济技术开发区: lead industries 新能源电池材料 (正极材料, 电解液) — the focus —, 精细化工 (电子化学品),
// 先进装备制造 (化工专用装备).
const park = nanlingPark()
// A title that names the focus industry, so that a case is about its body and not about the missing-focus info.
const TITLE = '绿电直供降碳，推动新能源电池材料产业绿色安全发展\n\n'

// The same park under a name that contains another lead industry: the park's name is not an industry mention.
const parkNamedAfterIndustry: ParkData = {
  ...park,
  park: { ...park.park, name: '南岭先进装备制造产业园' },
}

// 嘉澜经济技术开发区 (innovation-digital): lead industries 汽车零部件 (新能源汽车电驱系统, 汽车电子, 轻量化车身部件) — the
// focus —, 智能装备 (工业机器人, 数控机床), 电子信息 (功率半导体, 智能传感器); here with a fourth, 有色金属新材料 (再生铝).
const jialanFile = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/jialan-digital.json', import.meta.url), 'utf8')))
const jialan: ParkData = {
  ...jialanFile,
  park: { ...jialanFile.park, leadIndustries: [...jialanFile.park.leadIndustries, { name: '有色金属新材料', subfields: ['再生铝'] }] },
}
// The 南岭 park with a registered standard whose name holds another lead industry's words.
const parkWithStandard: ParkData = {
  ...park,
  entities: [...park.entities, { name: '精细化工企业安全生产标准化评定标准', aliases: [], type: 'technology' }],
}
const JIALAN_TITLE = '券引服务、云连链条，推动汽车零部件产业数智升级\n\n'

const table = testRule(focusRule, {
  park,
  valid: [
    nanlingDraft(),
    // An industry word inside a registered technology's name names the standard, not the industry.
    { text: `${TITLE}二、创新举措\n园区参照精细化工企业安全生产标准化评定标准，开展企业安全生产标准化建设。`, park: parkWithStandard },
    // The park's structure: a list of lead industries that includes the focus is context.
    `${TITLE}一、背景介绍\n南岭经济技术开发区已形成新能源电池材料、精细化工、先进装备制造三大主导产业。`,
    // Another industry serving the focus, in one clause.
    `${TITLE}二、创新举措\n园区引进精细化工企业为正极材料企业配套电解液溶剂。`,
    // … or in a clause without figures of a sentence that names the focus.
    `${TITLE}二、创新举措\n依托精细化工产业基础，为正极材料企业提供电解液溶剂配套服务。`,
    `${TITLE}三、实践成效\n新能源电池材料与精细化工产业配套率由42%提升至65%。`,
    // 化工园区 and 装备 are not industry names: 精细化工 and 先进装备制造/装备制造 are.
    `${TITLE}三、实践成效\n园区化工园区安全整治提升通过省级验收，推广防爆巡检机器人等安全应急装备24台。`,
    // Only the focus's short form and subfields: the focus is named (电池材料), no other industry.
    '一、背景介绍\n电池材料是园区第一主导产业。\n二、创新举措\n光伏电量优先供给正极材料企业。',
    // A subfield of another industry used as a product, not produced: no producer word after it.
    `${TITLE}二、创新举措\n园区企业新增化工专用装备12台（套），实现危化品储运自动化。`,
    // The park's own name may contain another industry's name.
    {
      text: `${TITLE}二、创新举措\n南岭先进装备制造产业园建成绿色微电网，服务正极材料企业。`,
      park: parkNamedAfterIndustry,
    },
    // 003 reports (示范基地) are not bound to one lead industry: the kind prescribes no focusIndustryCount.
    { text: '二、亮点和成效\n精细化工产业营收增长12%。', kind: 'base-annual-report' },
    // Another industry's enterprises as suppliers of the focus industry's upgrade (以服务商身份参与改造), though the
    // sentence does not name the focus.
    {
      text:
        `${JIALAN_TITLE}二、创新举措\n在服务供给上，园区联合嘉澜市工业互联网产业联盟遴选数字化服务商23家，并引导园区内从事工业机器人、数控机床的` +
        '智能装备企业以服务商身份参与改造，面向冲压、压铸、机加工等典型工序推出“小快轻准”轻量化改造方案包58个。',
      park: jialan,
    },
    // A sentence about the focus industry with another industry's project as the object of a clause of its own.
    {
      text: `${JIALAN_TITLE}二、创新举措\n园区推动汽车零部件企业开展绿色制造，支持嘉澜再生资源有限公司建设年产15万吨再生铝项目，回收园区压铸企业铝屑。`,
      park: jialan,
    },
    {
      text: `${JIALAN_TITLE}二、创新举措\n为降低汽车零部件企业改造成本，园区搭建供需对接平台，优先采购园区智能装备企业生产的工业机器人。`,
      park: jialan,
    },
  ],
  invalid: [
    {
      // A heading about another industry, and its body.
      text: `${TITLE}二、创新举措\n（一）推动精细化工产业绿色转型\n园区推动精细化工企业实施清洁生产改造。`,
      errors: [
        { span: '精细化工', severity: 'error', message: '“精细化工”是园区另一主导产业', section: '二、创新举措/（一）' },
        { span: '精细化工', severity: 'error', suggestion: '删去与“精细化工”有关的内容' },
      ],
    },
    {
      // A subfield of another industry.
      text: `${TITLE}二、创新举措\n园区建设电子化学品中试基地，服务集成电路企业。`,
      errors: [{ span: '电子化学品', message: '“电子化学品”属于园区另一主导产业“精细化工”' }],
    },
    {
      // A short form of another industry's name.
      text: `${TITLE}二、创新举措\n推动18家装备制造企业完成智能化改造。`,
      errors: [{ span: '装备制造', message: '属于园区另一主导产业“先进装备制造”' }],
    },
    {
      // A clause with its own figures is that industry's result, even in a sentence that names the focus.
      text: `${TITLE}三、实践成效\n先进装备制造产业营收增长12%，新能源电池材料产业营收增长15%。`,
      errors: [{ span: '先进装备制造', severity: 'error' }],
    },
    {
      // Two other industries listed together, without the focus: both are the subject.
      text: `${TITLE}二、创新举措\n推动精细化工、先进装备制造企业实施节能改造。`,
      errors: [{ span: '精细化工' }, { span: '先进装备制造' }],
    },
    {
      // 背景介绍 may describe the park, so an off-focus sentence there is a warning.
      text: `${TITLE}一、背景介绍\n精细化工产业2025年营业收入120亿元，化工专用装备企业本地配套率达到40%。`,
      errors: [
        { span: '精细化工', severity: 'warning' },
        { span: '化工专用装备', severity: 'warning' },
      ],
    },
    {
      // The title and the abstract carry the practice.
      text: '推动精细化工产业绿色安全发展\n\n【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业，推动精细化工企业清洁生产改造。\n\n一、背景介绍\n园区概况。',
      errors: [
        { span: '精细化工', severity: 'error', section: '标题' },
        { span: '精细化工', severity: 'error', section: '【摘要】' },
      ],
    },
    {
      // The focus industry is never named.
      text: '二、创新举措\n园区建设“源网荷储”一体化绿色微电网，为企业提供绿电。',
      errors: [{ span: '', severity: 'info', message: '全文未出现创新实践聚焦的主导产业“新能源电池材料”' }],
    },
    {
      // Without the focus in the sentence, another industry's project is what the measure is about.
      text: `${JIALAN_TITLE}二、创新举措\n园区支持有色金属新材料企业建设年产15万吨再生铝项目，服务周边铝加工企业。`,
      park: jialan,
      errors: [{ span: '有色金属新材料' }, { span: '再生铝' }],
    },
    {
      // The object of 推动/支持/培育 is the subject of the measure, even in a sentence that names the focus.
      text: `${JIALAN_TITLE}二、创新举措\n园区聚焦汽车零部件产业，同时推动12家智能装备企业实施数字化改造，培育电子信息产业集群。`,
      park: jialan,
      errors: [{ span: '智能装备' }, { span: '电子信息' }],
    },
    {
      // A heading that departs from the template still has its role by position (二、 = measures).
      text: `${TITLE}一、背景介绍\n园区概况。\n二、主要做法\n先进装备制造企业建成数字化车间6个。`,
      errors: [{ span: '先进装备制造', severity: 'error' }],
    },
  ],
})

describe('focus', () => {
  describeCases(table)
})
