import { z } from 'zod'

/**
 * The park-data file: everything the product knows about one park and its innovation practice.
 * It mirrors the fill-in form of the 2026 经验总结材料 templates (000 促进实数深度融合类, 001 推动绿色安全发展类):
 * 一、基本信息 → `park`, 二、创新实践概述 → `practice`, 三、工业园区发展情况 → `indicators`,
 * plus what the drafter needs to write a quantified, name-exact report: `facts` (量化数据, 前后对比) and
 * `entities` (专有名词用官方全称). The shared example `/work/shared/examples/park-nanling-green.json` must parse unchanged.
 *
 * Objects are strict: an unknown key is reported, because a misspelt indicator key would otherwise be dropped
 * silently and a number in the report could no longer be traced to its source.
 */

export const PARK_KINDS = ['innovation-digital', 'innovation-green', 'base-annual-report', 'base-excellent-case'] as const
export type ParkKind = (typeof PARK_KINDS)[number]

/** 填写单位类别（单选）, verbatim from the 000/001 form. */
export const FILLER_CATEGORIES = ['政府/事业单位', '央国企', '民企', '其他'] as const

export const ENTITY_TYPES = ['park', 'enterprise', 'platform', 'honor', 'technology', 'agency', 'other'] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

/**
 * The year the templates report on: land and enterprise figures are 截至2025年12月31日, and single-valued
 * green/digital indicators describe the same year. Used as the period of single-valued indicators.
 */
export const REPORT_YEAR = '2025'

/** Yearly maps are keyed by a 4-digit year, e.g. {"2025": 968.2, "2024": 887.5, "2023": 803.6}. */
export const YEAR_PATTERN = /^\d{4}$/
/** A fact's period: a year ("2023") or a year-month ("2025-06"); sortable as text. */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]))?$/

// ---------------------------------------------------------------------------------------------
// Indicator table (三、工业园区发展情况)
// ---------------------------------------------------------------------------------------------

export const INDICATOR_GROUPS = ['scale', 'land', 'enterprises', 'green', 'digital'] as const
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number]

/** Row-group headings of the indicator table, verbatim. */
export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, string> = {
  scale: '整体规模情况',
  land: '土地利用情况',
  enterprises: '企业培育情况',
  green: '绿色安全情况',
  digital: '实数融合情况',
}

/** Which template a row appears in; scale/land/enterprises are common to both. */
export type TemplateKind = 'innovation-digital' | 'innovation-green'

export interface IndicatorField {
  /** Key path inside `indicators`, e.g. 'scale.revenue'. */
  key: string
  group: IndicatorGroup
  field: string
  /** The row's name as in the template, without the unit suffix, e.g. 营业收入. Used in messages and drafts. */
  label: string
  /** The row heading verbatim (unit included), e.g. 营业收入（亿元）. */
  templateLabel: string
  /** Unit as in the template; '' when the template has none (容积率 单位：无, yes/no and text rows). */
  unit: string
  valueType: 'number' | 'count' | 'boolean' | 'text'
  /** true: a map year → value (the 2025/2024/2023 columns); false: one value. */
  yearly: boolean
  /** A percentage: must lie in 0–100, changes are stated in 百分点. */
  percent: boolean
  /**
   * 填写说明 2: rows naming 主导产业 use 主导产业口径, all others 全口径.
   * 全口径 = all market entities within the park boundary; 主导产业口径 = those in the 1–3 lead industries.
   */
  scope: '全口径' | '主导产业口径'
  templates: readonly TemplateKind[]
  /** The template footnote's formula, verbatim. */
  formula?: string
  /** The template's reference date for the row group. */
  asOf?: string
  /** For text rows: what the template asks to describe. */
  guidance?: string
}

const BOTH: readonly TemplateKind[] = ['innovation-digital', 'innovation-green']
const DIGITAL: readonly TemplateKind[] = ['innovation-digital']
const GREEN: readonly TemplateKind[] = ['innovation-green']
const AS_OF_END_2025 = '截至2025年12月31日'

type Row = Omit<IndicatorField, 'key' | 'group' | 'field' | 'scope' | 'templates'> &
  Partial<Pick<IndicatorField, 'scope' | 'templates'>>

function rows(
  group: IndicatorGroup,
  defaults: Pick<Partial<IndicatorField>, 'asOf' | 'templates'>,
  spec: Record<string, Row>,
): IndicatorField[] {
  return Object.entries(spec).map(([field, row]) => ({
    key: `${group}.${field}`,
    group,
    field,
    scope: '全口径',
    templates: BOTH,
    ...defaults,
    ...row,
  }))
}

/**
 * Every row of 三、工业园区发展情况 in 000 and 001, in template order. The kinds spec renders the table from it,
 * the validator names fields with it, the checker and the number tracer look labels and units up in it.
 */
export const INDICATOR_FIELDS: readonly IndicatorField[] = [
  ...rows('scale', {}, {
    revenue: { label: '营业收入', templateLabel: '营业收入（亿元）', unit: '亿元', valueType: 'number', yearly: true, percent: false },
    leadIndustryRevenue: {
      label: '主导产业营业收入', templateLabel: '主导产业营业收入（亿元）', unit: '亿元', valueType: 'number', yearly: true,
      percent: false, scope: '主导产业口径',
    },
    addedValueShareOfCityGdp: {
      label: '园区全口径增加值占所在城市地区生产总值比重', templateLabel: '园区全口径增加值占所在城市地区生产总值比重（%）',
      unit: '%', valueType: 'number', yearly: true, percent: true,
      formula: '园区全口径增加值占所在城市地区生产总值比重（%）=园区全口径增加值/所在城市（或区）的GDP×100%',
    },
    totalProfit: { label: '利润总额', templateLabel: '利润总额（亿元）', unit: '亿元', valueType: 'number', yearly: true, percent: false },
    taxPerMu: {
      label: '亩均税收', templateLabel: '亩均税收（万元/亩）', unit: '万元/亩', valueType: 'number', yearly: true, percent: false,
      formula: '亩均税收（万元/亩）=企业实缴税金/实际开发面积',
    },
  }),
  ...rows('land', { asOf: AS_OF_END_2025 }, {
    managedAreaHa: { label: '实际管理面积', templateLabel: '实际管理面积（公顷）', unit: '公顷', valueType: 'number', yearly: false, percent: false },
    developedAreaHa: { label: '实际开发面积', templateLabel: '实际开发面积（公顷）', unit: '公顷', valueType: 'number', yearly: false, percent: false },
    industrialFloorAreaRatio: {
      label: '工业用地综合容积率', templateLabel: '工业用地综合容积率', unit: '', valueType: 'number', yearly: false, percent: false,
      formula: '工业用地综合容积率（单位：无）=工矿仓储用地上的总建筑面积/工矿仓储用地面积',
    },
  }),
  ...rows('enterprises', { asOf: AS_OF_END_2025 }, {
    total: { label: '全部企业数量', templateLabel: '全部企业数量（个）', unit: '个', valueType: 'count', yearly: false, percent: false },
    newRegistered: {
      label: '2025年新注册且有实际经营活动的企业数量', templateLabel: '2025年新注册且有实际经营活动的企业数量（个）',
      unit: '个', valueType: 'count', yearly: false, percent: false, asOf: '2025年',
    },
    listed: { label: '上市企业数量', templateLabel: '上市企业数量（个）', unit: '个', valueType: 'count', yearly: false, percent: false },
    unicorn: { label: '独角兽企业数量', templateLabel: '独角兽企业数量（个）', unit: '个', valueType: 'count', yearly: false, percent: false },
    highTech: { label: '国家高新技术企业数量', templateLabel: '国家高新技术企业数量（个）', unit: '个', valueType: 'count', yearly: false, percent: false },
    singleChampion: {
      label: '国家级制造业单项冠军企业数量', templateLabel: '国家级制造业单项冠军企业数量（个）', unit: '个', valueType: 'count',
      yearly: false, percent: false,
    },
    littleGiant: {
      label: '国家级专精特新“小巨人”企业数量', templateLabel: '国家级专精特新“小巨人”企业数量（个）', unit: '个', valueType: 'count',
      yearly: false, percent: false,
    },
    provincialSpecialized: {
      label: '省级专精特新企业数量', templateLabel: '省级专精特新企业数量（个）', unit: '个', valueType: 'count', yearly: false, percent: false,
    },
  }),
  ...rows('green', { templates: GREEN }, {
    carbonPerEnergy: {
      label: '单位能耗碳排放', templateLabel: '单位能耗碳排放（吨/吨标准煤）', unit: '吨/吨标准煤', valueType: 'number', yearly: false,
      percent: false, formula: '单位能耗碳排放（吨/吨标准煤）=园区碳排放量/综合能源消费量',
    },
    solidWasteUtilization: {
      label: '工业固体废弃物综合利用率', templateLabel: '工业固体废弃物综合利用率（%）', unit: '%', valueType: 'number', yearly: false,
      percent: true,
      formula: '工业固体废弃物综合利用率（%）=工业固体废物综合利用量/工业固体废物产生量（包括综合利用往年贮存量）×100%',
    },
    waterPerValueAdded: {
      label: '规模以上工业单位增加值水耗', templateLabel: '规模以上工业单位增加值水耗（立方米/万元）', unit: '立方米/万元',
      valueType: 'number', yearly: false, percent: false,
      // Verbatim from 001 footnote 8, including its "×100%" (a slip in the template: the unit is 立方米/万元, not %).
      formula: '规模以上工业单位增加值水耗（立方米/万元）=规模以上工业企业用新水量/规模以上工业增加值×100%',
    },
    greenFactories: {
      label: '国家级绿色工厂数量', templateLabel: '国家级绿色工厂数量（个）', unit: '个', valueType: 'count', yearly: false, percent: false,
    },
    greenSupplyChain: {
      label: '国家级绿色供应链管理企业', templateLabel: '国家级绿色供应链管理企业（个）', unit: '个', valueType: 'count', yearly: false,
      percent: false,
    },
    greenParkTitle: {
      label: '是否获得国家级绿色工业园区称号', templateLabel: '是否获得国家级绿色工业园区称号', unit: '', valueType: 'boolean',
      yearly: false, percent: false,
    },
    zeroCarbonTitle: {
      label: '是否获得零碳园区称号', templateLabel: '是否获得零碳园区称号', unit: '', valueType: 'boolean', yearly: false, percent: false,
    },
    safetySystem: {
      label: '安全生产体系建设情况', templateLabel: '安全生产体系建设情况', unit: '', valueType: 'text', yearly: false, percent: false,
      guidance:
        '对工业园区建立健全安全生产体系、推动企业落实安全生产主体责任、开展安全隐患排查与清零行动、强化项目安全准入管控、组织安全教育培训和演练等情况进行说明。',
    },
    safetyTech: {
      label: '安全科技支撑情况', templateLabel: '安全科技支撑情况', unit: '', valueType: 'text', yearly: false, percent: false,
      guidance:
        '对工业园区推动完善重点行业领域安全风险监测预警系统建设与升级改造；推广应用先进适用安全技术装备；及时淘汰落后安全生产工艺、技术与设备等情况进行说明。',
    },
  }),
  ...rows('digital', { templates: DIGITAL }, {
    dualGigabitCoverage: {
      label: '双千兆网络覆盖率', templateLabel: '双千兆网络覆盖率（%）', unit: '%', valueType: 'number', yearly: false, percent: true,
      formula: '双千兆网络覆盖率（%）=园区内双千兆网络覆盖的企业数量/园区内企业数×100%',
    },
    digitalServiceCoverage: {
      label: '园区数字化生产性服务应用覆盖规上工业企业比例', templateLabel: '园区数字化生产性服务应用覆盖规上工业企业比例（%）',
      unit: '%', valueType: 'number', yearly: false, percent: true,
      formula:
        '园区数字化生产性服务应用覆盖规上工业企业比例（%）=园区内数字化生产性服务覆盖规上工业企业数/园区规上工业企业数量×100%',
    },
    digitalTransformationRate: {
      label: '规模以上工业企业数字化改造率', templateLabel: '规模以上工业企业数字化改造率（%）', unit: '%', valueType: 'number',
      yearly: false, percent: true,
      formula: '规模以上工业企业数字化改造率（%）=园区内完成数字化改造的规模以上工业企业数量/园区规模以上工业企业数量×100%',
    },
    digitalInvestmentShare: {
      label: '园区管理服务数智化建设投资额占园区可支配财力比例',
      templateLabel: '园区管理服务数智化建设投资额占园区可支配财力比例（%）', unit: '%', valueType: 'number', yearly: false,
      percent: true,
      formula: '园区管理服务数智化建设投资额占园区可支配财力比例（%）=园区管理服务数智化建设投资额/园区可支配财力×100%',
    },
    platformDescription: {
      label: '数字化管理服务平台建设运行情况', templateLabel: '数字化管理服务平台建设运行情况', unit: '', valueType: 'text',
      yearly: false, percent: false,
      guidance: '对工业园区建设并应用基于自主创新技术的园区综合管理服务平台的情况进行说明。',
    },
    datasetDescription: {
      label: '高质量数据集构建情况', templateLabel: '高质量数据集构建情况', unit: '', valueType: 'text', yearly: false, percent: false,
      guidance:
        '对工业园区建立数据治理体系、开展数据分类分级管理、推动各数据主体开放数据资源目录、构建面向行业的高质量数据集等情况进行说明。',
    },
  }),
]

const INDICATOR_BY_KEY = new Map(INDICATOR_FIELDS.map((f) => [f.key, f]))

/** The indicator row for a key path like 'scale.revenue', or undefined. */
export function indicatorField(key: string): IndicatorField | undefined {
  return INDICATOR_BY_KEY.get(key)
}

// ---------------------------------------------------------------------------------------------
// Field labels (Chinese, from the template where it has one) — used in messages and as JSON Schema titles
// ---------------------------------------------------------------------------------------------

/**
 * Chinese name of every field outside `indicators`, keyed by a normalized path: array items as `[]`.
 * Indicator rows take their names from INDICATOR_FIELDS.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  '': '园区数据',
  formatVersion: '格式版本',
  kind: '报告类型',
  park: '基本信息',
  'park.name': '工业园区名称',
  'park.province': '所在省份',
  'park.city': '所在城市',
  'park.county': '所在区县',
  'park.leadIndustries': '主导产业及细分领域',
  'park.leadIndustries[]': '主导产业及细分领域',
  'park.leadIndustries[].name': '主导产业',
  'park.leadIndustries[].subfields': '对应细分领域',
  'park.leadIndustries[].subfields[]': '对应细分领域',
  'park.intro': '工业园区简介',
  'park.filler': '填写单位',
  'park.filler.name': '填写单位名称',
  'park.filler.category': '填写单位类别',
  'park.leader': '负责人信息',
  'park.leader.name': '负责人姓名',
  'park.leader.title': '负责人部门及职务',
  'park.leader.mobile': '负责人手机号',
  'park.leader.email': '负责人电子邮箱',
  'park.contact': '联系人信息',
  'park.contact.name': '联系人姓名',
  'park.contact.title': '联系人部门及职务',
  'park.contact.mobile': '联系人手机号',
  'park.contact.email': '联系人电子邮箱',
  practice: '创新实践概述',
  'practice.focusIndustry': '创新实践聚焦主导产业',
  'practice.title': '创新实践名称',
  'practice.problems': '突出问题',
  'practice.problems[]': '突出问题',
  'practice.problems[].id': '问题编号',
  'practice.problems[].text': '问题描述',
  'practice.measures': '创新举措',
  'practice.measures[]': '创新举措',
  'practice.measures[].id': '举措编号',
  'practice.measures[].addresses': '举措对应的问题编号',
  'practice.measures[].addresses[]': '举措对应的问题编号',
  'practice.measures[].text': '举措内容',
  'practice.results': '实践成效',
  'practice.results[]': '实践成效',
  'practice.results[].id': '成效编号',
  'practice.results[].from': '成效对应的举措编号',
  'practice.results[].from[]': '成效对应的举措编号',
  'practice.results[].text': '成效内容',
  indicators: '工业园区发展情况',
  ...Object.fromEntries(INDICATOR_GROUPS.map((g) => [`indicators.${g}`, INDICATOR_GROUP_LABELS[g]])),
  facts: '量化数据',
  'facts[]': '量化数据',
  'facts[].label': '数据名称',
  'facts[].value': '数值',
  'facts[].unit': '单位',
  'facts[].period': '时期',
  'facts[].source': '数据来源',
  entities: '专有名词',
  'entities[]': '专有名词',
  'entities[].name': '规范全称',
  'entities[].aliases': '简称',
  'entities[].aliases[]': '简称',
  'entities[].type': '专有名词类别',
  materials: '实践材料',
  'materials[]': '实践材料',
  'materials[].title': '材料标题',
  'materials[].text': '材料正文',
  'materials[].source': '材料来源',
}

function titled<T extends z.ZodType>(path: string, schema: T): T {
  const title = FIELD_LABELS[path]
  return title === undefined ? schema : schema.meta({ title })
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const text = () => z.string().min(1)
/**
 * Bounds on the magnitude of any figure in park data. No park figure comes near 10^15 (a thousand trillion of any
 * unit), and none that is not zero is below 10^-6; beyond these a number is a typing slip, and it would turn the
 * figures derived from it (growth rates, shares, before/after ratios) into Infinity.
 */
export const MAX_MAGNITUDE = 1e15
export const MIN_NONZERO_MAGNITUDE = 1e-6
const isPlausibleMagnitude = (x: number) => x === 0 || (Math.abs(x) <= MAX_MAGNITUDE && Math.abs(x) >= MIN_NONZERO_MAGNITUDE)
/** A park figure: finite (zod's default) and of a plausible magnitude; validate-park.ts names the field. */
const figure = () => z.number().refine(isPlausibleMagnitude, { params: { magnitude: true } })
/** Contact details may be left blank ("") — the shared example does so; the form is filled in by hand later. */
const optionalText = () => z.string()

const PersonSchema = (path: string) =>
  titled(path, z.strictObject({
    name: titled(`${path}.name`, optionalText()),
    title: titled(`${path}.title`, optionalText()),
    mobile: titled(`${path}.mobile`, optionalText()),
    email: titled(`${path}.email`, optionalText()),
  }))

export const LeadIndustrySchema = titled('park.leadIndustries[]', z.strictObject({
  name: titled('park.leadIndustries[].name', text()),
  subfields: titled('park.leadIndustries[].subfields', z.array(titled('park.leadIndustries[].subfields[]', text()))),
}))

export const ParkInfoSchema = titled('park', z.strictObject({
  name: titled('park.name', text()),
  province: titled('park.province', text()),
  city: titled('park.city', text()),
  county: titled('park.county', text()),
  // At least one; "more than 3" is a semantic issue (000/001: 填写1-3个; 004: 原则上不宜超过3个), not a parse failure.
  leadIndustries: titled('park.leadIndustries', z.array(LeadIndustrySchema).min(1)),
  intro: titled('park.intro', z.string()),
  filler: titled('park.filler', z.strictObject({
    name: titled('park.filler.name', text()),
    category: titled('park.filler.category', z.enum(FILLER_CATEGORIES)),
  })),
  leader: PersonSchema('park.leader'),
  contact: PersonSchema('park.contact'),
}))

const idSchema = (path: string) => titled(path, text())

export const ProblemSchema = titled('practice.problems[]', z.strictObject({
  id: idSchema('practice.problems[].id'),
  text: titled('practice.problems[].text', text()),
}))
export const MeasureSchema = titled('practice.measures[]', z.strictObject({
  id: idSchema('practice.measures[].id'),
  addresses: titled('practice.measures[].addresses', z.array(titled('practice.measures[].addresses[]', text()))),
  text: titled('practice.measures[].text', text()),
}))
export const ResultSchema = titled('practice.results[]', z.strictObject({
  id: idSchema('practice.results[].id'),
  from: titled('practice.results[].from', z.array(titled('practice.results[].from[]', text()))),
  text: titled('practice.results[].text', text()),
}))

/** 问题导向—解决路径—实践成效 (000/001 填写要求 4): problems, the measures that address them, the results they produced. */
export const PracticeSchema = titled('practice', z.strictObject({
  focusIndustry: titled('practice.focusIndustry', text()),
  title: titled('practice.title', text()),
  problems: titled('practice.problems', z.array(ProblemSchema)),
  measures: titled('practice.measures', z.array(MeasureSchema)),
  results: titled('practice.results', z.array(ResultSchema)),
}))

function indicatorValueSchema(f: IndicatorField): z.ZodType {
  let value: z.ZodType
  switch (f.valueType) {
    case 'boolean':
      value = z.boolean()
      break
    case 'text':
      value = z.string()
      break
    case 'count':
      value = figure().int().min(0)
      break
    case 'number':
      value = f.percent ? figure().min(0).max(100) : figure()
      break
  }
  const schema = f.yearly ? z.record(z.string().regex(YEAR_PATTERN), value) : value
  const quantity = f.valueType === 'number' || f.valueType === 'count'
  const notes = [quantity ? f.scope : '', f.yearly ? '按年填写，键为4位年份' : '', f.asOf ?? ''].filter(Boolean).join('，')
  const description = `${f.templateLabel}${notes ? `（${notes}）` : ''}${f.formula ? `。${f.formula}` : ''}${f.guidance ? `。${f.guidance}` : ''}`
  return schema.optional().meta({ title: f.label, description })
}

function indicatorGroupSchema(group: IndicatorGroup) {
  const shape: Record<string, z.ZodType> = {}
  for (const f of INDICATOR_FIELDS) if (f.group === group) shape[f.field] = indicatorValueSchema(f)
  return shape
}

// The shapes are spelled out per group (rather than only generated) so that `ParkData` has precise field types.
/** Year ("2025") → value. */
export type YearlyValues = Record<string, number>

export interface ScaleIndicators {
  revenue?: YearlyValues
  leadIndustryRevenue?: YearlyValues
  addedValueShareOfCityGdp?: YearlyValues
  totalProfit?: YearlyValues
  taxPerMu?: YearlyValues
}
export interface LandIndicators {
  managedAreaHa?: number
  developedAreaHa?: number
  industrialFloorAreaRatio?: number
}
export interface EnterpriseIndicators {
  total?: number
  newRegistered?: number
  listed?: number
  unicorn?: number
  highTech?: number
  singleChampion?: number
  littleGiant?: number
  provincialSpecialized?: number
}
export interface GreenIndicators {
  carbonPerEnergy?: number
  solidWasteUtilization?: number
  waterPerValueAdded?: number
  greenFactories?: number
  greenSupplyChain?: number
  greenParkTitle?: boolean
  zeroCarbonTitle?: boolean
  safetySystem?: string
  safetyTech?: string
}
export interface DigitalIndicators {
  dualGigabitCoverage?: number
  digitalServiceCoverage?: number
  digitalTransformationRate?: number
  digitalInvestmentShare?: number
  platformDescription?: string
  datasetDescription?: string
}
export interface Indicators {
  scale?: ScaleIndicators
  land?: LandIndicators
  enterprises?: EnterpriseIndicators
  green?: GreenIndicators
  digital?: DigitalIndicators
}

const group = <T>(g: IndicatorGroup) =>
  z.strictObject(indicatorGroupSchema(g)).optional().meta({ title: INDICATOR_GROUP_LABELS[g] }) as unknown as z.ZodOptional<
    z.ZodType<T>
  >

/** 三、工业园区发展情况. Every block and row is optional: partial data is accepted and the gaps are reported by the checker. */
export const IndicatorsSchema = titled('indicators', z.strictObject({
  scale: group<ScaleIndicators>('scale'),
  land: group<LandIndicators>('land'),
  enterprises: group<EnterpriseIndicators>('enterprises'),
  green: group<GreenIndicators>('green'),
  digital: group<DigitalIndicators>('digital'),
}))

/** A quantified statement the report may use; facts with the same label and different periods form before/after pairs. */
export const FactSchema = titled('facts[]', z.strictObject({
  label: titled('facts[].label', text()),
  value: titled('facts[].value', figure()),
  unit: titled('facts[].unit', z.string()),
  period: titled('facts[].period', z.string().regex(PERIOD_PATTERN)).optional(),
  /** Where the number comes from (statistical report, uploaded file name…), for tracing. */
  source: titled('facts[].source', text()).optional(),
}))

/** A proper noun with its official full name (专有名词应使用规范完整的官方全称) and the short forms seen in materials. */
export const EntitySchema = titled('entities[]', z.strictObject({
  name: titled('entities[].name', text()),
  aliases: titled('entities[].aliases', z.array(titled('entities[].aliases[]', text()))),
  type: titled('entities[].type', z.enum(ENTITY_TYPES)),
}))

/** Practice notes the user uploaded, as plain text: source material for drafting and for tracing numbers. */
export const MaterialSchema = titled('materials[]', z.strictObject({
  title: titled('materials[].title', text()),
  text: titled('materials[].text', z.string()),
  source: titled('materials[].source', text()).optional(),
}))

export const ParkDataSchema = z
  .strictObject({
    formatVersion: titled('formatVersion', z.literal(1)),
    kind: titled('kind', z.enum(PARK_KINDS)),
    park: ParkInfoSchema,
    practice: PracticeSchema,
    indicators: IndicatorsSchema.optional(),
    facts: titled('facts', z.array(FactSchema)),
    entities: titled('entities', z.array(EntitySchema)),
    materials: titled('materials', z.array(MaterialSchema)).optional(),
  })
  .meta({ title: '园区数据（park-report park-data file）' })

export type ParkData = z.infer<typeof ParkDataSchema>
export type LeadIndustry = z.infer<typeof LeadIndustrySchema>
export type Problem = z.infer<typeof ProblemSchema>
export type Measure = z.infer<typeof MeasureSchema>
export type Result = z.infer<typeof ResultSchema>
export type Fact = z.infer<typeof FactSchema>
export type Entity = z.infer<typeof EntitySchema>
export type Material = z.infer<typeof MaterialSchema>
