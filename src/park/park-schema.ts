import { z } from 'zod'
import { isKindId, kindIds } from '../kinds/registry.js'
import {
  INDICATOR_FIELDS,
  INDICATOR_GROUPS,
  INDICATOR_GROUP_LABELS,
  type IndicatorField,
  type IndicatorGroup,
} from './indicator-catalogue.js'
import { figure } from './figure.js'
import { SUMMARY_FIELD_LABELS, SummaryTableDataSchema } from './summary-table-schema.js'

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

/** A registered report kind id (src/kinds/registry.ts: built-in specs and KINDS_DIR). */
export type ParkKind = string

/** 填写单位类别（单选）, verbatim from the 000/001 form. */
export const FILLER_CATEGORIES = ['政府/事业单位', '央国企', '民企', '其他'] as const

export const ENTITY_TYPES = ['park', 'enterprise', 'platform', 'honor', 'technology', 'agency', 'other'] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

/**
 * The data year of the 2026 templates (000/001), the kind every park file written before kinds carried their own
 * data year was made for. Code that has a park at hand uses `parkDataYear(park)` (src/park/indicator-values.ts).
 */
export const REPORT_YEAR = '2025'

/** Yearly maps are keyed by a 4-digit year, e.g. {"2025": 968.2, "2024": 887.5, "2023": 803.6}. */
export const YEAR_PATTERN = /^\d{4}$/
/** A fact's period: a year ("2023") or a year-month ("2025-06"); sortable as text. */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]))?$/

// ---------------------------------------------------------------------------------------------
// Indicator table (三、工业园区发展情况; 003 附件1 汇总表), built from the registered kinds
// ---------------------------------------------------------------------------------------------

export {
  INDICATOR_FIELDS,
  INDICATOR_GROUPS,
  INDICATOR_GROUP_LABELS,
  indicatorField,
  type IndicatorField,
  type IndicatorGroup,
} from './indicator-catalogue.js'

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
  ...SUMMARY_FIELD_LABELS,
}

function titled<T extends z.ZodType>(path: string, schema: T): T {
  const title = FIELD_LABELS[path]
  return title === undefined ? schema : schema.meta({ title })
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const text = () => z.string().min(1)
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
  const yearMap = z.record(z.string().regex(YEAR_PATTERN), value)
  // A row some kind asks for by year and another for one period takes both shapes (value first: see validate-park).
  const schema = f.shapes.yearly && f.shapes.single ? z.union([value, yearMap]) : f.shapes.yearly ? yearMap : value
  const quantity = f.valueType === 'number' || f.valueType === 'count'
  const shapeNote = f.shapes.yearly ? (f.shapes.single ? '可填一个数值（数据年份），或按年填写，键为4位年份' : '按年填写，键为4位年份') : ''
  const notes = [quantity ? f.scope : '', shapeNote, f.asOf ?? ''].filter(Boolean).join('，')
  const description = `${f.templateLabel}${notes ? `（${notes}）` : ''}${f.formula ? `。${f.formula}` : ''}${f.guidance ? `。${f.guidance}` : ''}`
  return schema.optional().meta({ title: f.label, description })
}

function indicatorGroupSchema(group: IndicatorGroup) {
  const shape: Record<string, z.ZodType> = {}
  for (const f of INDICATOR_FIELDS) if (f.group === group) shape[f.field] = indicatorValueSchema(f)
  return shape
}

// The 000/001 groups are spelled out so that code reading them has precise field types; the schema itself is
// generated from the kinds (test/park/park-schema.test.ts keeps the two equal). Other groups are generic records.
/** Year ("2025") → value. */
export type YearlyValues = Record<string, number>
/** One value (the park's data year) or one per year. */
export type ValueOrYearly = number | YearlyValues

export type ScaleIndicators = {
  revenue?: YearlyValues
  leadIndustryRevenue?: YearlyValues
  addedValueShareOfCityGdp?: YearlyValues
  totalProfit?: YearlyValues
  taxPerMu?: YearlyValues
}
export type LandIndicators = {
  managedAreaHa?: number
  developedAreaHa?: ValueOrYearly
  industrialFloorAreaRatio?: number
}
export type EnterpriseIndicators = {
  total?: ValueOrYearly
  newRegistered?: number
  listed?: number
  unicorn?: number
  highTech?: number
  singleChampion?: number
  littleGiant?: number
  provincialSpecialized?: number
}
export type GreenIndicators = {
  carbonPerEnergy?: number
  solidWasteUtilization?: ValueOrYearly
  waterPerValueAdded?: ValueOrYearly
  greenFactories?: number
  greenSupplyChain?: number
  greenParkTitle?: boolean
  zeroCarbonTitle?: boolean
  safetySystem?: string
  safetyTech?: string
}
export type DigitalIndicators = {
  dualGigabitCoverage?: number
  digitalServiceCoverage?: number
  digitalTransformationRate?: number
  digitalInvestmentShare?: number
  platformDescription?: string
  datasetDescription?: string
}
/** A group of rows only some kinds list (the 汇总表's trade, investment …): row → value or year map. */
export type GenericIndicators = Record<string, ValueOrYearly | boolean | string | Record<string, boolean | string>>
export type Indicators = {
  scale?: ScaleIndicators
  land?: LandIndicators
  enterprises?: EnterpriseIndicators
  green?: GreenIndicators
  digital?: DigitalIndicators
  [group: string]: ScaleIndicators | LandIndicators | EnterpriseIndicators | GreenIndicators | DigitalIndicators | GenericIndicators | undefined
}

/** 三、工业园区发展情况 and the 汇总表's rows. Every block and row is optional: gaps are reported by the checker. */
export const IndicatorsSchema = titled(
  'indicators',
  z.strictObject(
    Object.fromEntries(
      INDICATOR_GROUPS.map((g) => [g, z.strictObject(indicatorGroupSchema(g)).optional().meta({ title: INDICATOR_GROUP_LABELS[g] })]),
    ),
  ),
) as unknown as z.ZodType<Indicators>

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
    kind: titled('kind', z.string().refine(isKindId, { message: 'unknown kind' }).meta({ enum: kindIds() })),
    park: ParkInfoSchema,
    practice: PracticeSchema,
    indicators: IndicatorsSchema.optional(),
    facts: titled('facts', z.array(FactSchema)),
    entities: titled('entities', z.array(EntitySchema)),
    materials: titled('materials', z.array(MaterialSchema)).optional(),
    summaryTable: SummaryTableDataSchema.optional().meta({ title: '汇总表' }),
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
