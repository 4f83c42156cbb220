import type { z } from 'zod'
import { JSON_TYPE_NAMES } from '../json-text.js'
import { stripInvisibleCharactersDeep } from '../invisible-characters.js'
import { getKind, isKindId, kindIds } from '../kinds/registry.js'
import { isGenericWord } from './entity-names.js'
import { jsonPath, type PathSegment } from './json-path.js'
import {
  FIELD_LABELS,
  INDICATOR_FIELDS,
  REPORT_YEAR,
  YEAR_PATTERN,
  ParkDataSchema,
  indicatorField,
  type IndicatorField,
  type ParkData,
} from './park-schema.js'

/** One problem in a park-data file: where (JSON path), what (stable code), and a Chinese message naming field and value. */
export interface ParkIssue {
  path: string
  code: ParkIssueCode
  message: string
}

/** Every issue code, structural (from the schema) first, then cross-field. Documented in docs/park-data.md. */
export const PARK_ISSUE_CODES = [
  'not-an-object', 'missing-field', 'wrong-type', 'empty-text', 'empty-list', 'invalid-option', 'unknown-field',
  'percent-out-of-range', 'number-out-of-range', 'negative-count', 'non-integer-count', 'invalid-year', 'invalid-period', 'invalid-value',
  'lead-revenue-exceeds-revenue', 'developed-exceeds-managed', 'count-exceeds-total', 'too-many-lead-industries',
  'focus-not-lead-industry', 'unknown-problem-ref', 'unknown-measure-ref', 'duplicate-id', 'duplicate-entity-name',
  'duplicate-alias', 'generic-alias', 'duplicate-fact', 'fact-unit-mismatch', 'fact-conflicts-indicator',
  'part-exceeds-total',
] as const
export type ParkIssueCode = (typeof PARK_ISSUE_CODES)[number]

export type ValidateParkResult = { ok: true; park: ParkData } | { ok: false; issues: ParkIssue[] }

/** 000/001 一、基本信息: 填写1-3个主导产业; 004: 原则上不宜超过3个主导产业. */
export const MAX_LEAD_INDUSTRIES = 3


export const messages = {
  notAnObject: (actual: string) => `园区数据应为一个JSON对象，实际为${actual}`,
  missingField: (name: string) => `缺少必填字段${name}`,
  wrongType: (name: string, expected: string, actual: string) => `${name}应为${expected}，实际为${actual}`,
  emptyText: (name: string) => `${name}不能为空`,
  emptyList: (name: string) => `${name}至少需要填写1项`,
  invalidOption: (name: string, value: string, options: readonly string[]) =>
    `${name}的取值${value}无效，应为以下之一：${options.join('、')}`,
  unknownField: (key: string, parent: string) => `${parent}中有无法识别的字段“${key}”，请检查拼写`,
  percentOutOfRange: (what: string) => `${what}超出0—100%的范围`,
  numberOutOfRange: (what: string) =>
    `${what}超出合理范围：数值的绝对值应在0.000001到1000万亿之间（或为0），请检查是否多输了位数或用错了单位`,
  negativeCount: (what: string) => `${what}不能为负数`,
  nonIntegerCount: (what: string) => `${what}应为整数`,
  invalidYear: (name: string, key: string) => `${name}的年份“${key}”无效，应为4位年份，如“2025”`,
  invalidPeriod: (name: string, value: string) => `${name}的取值“${value}”无效，应为4位年份或年-月，如“2025”或“2025-06”`,
  invalidValue: (name: string) => `${name}的取值无效`,
  leadRevenueExceedsRevenue: (year: string, lead: number, revenue: number) =>
    `主导产业营业收入（${year}年，${lead}亿元）高于营业收入（${revenue}亿元）`,
  developedExceedsManaged: (developed: number, managed: number) =>
    `实际开发面积（${developed}公顷）大于实际管理面积（${managed}公顷）`,
  countExceedsTotal: (label: string, value: number, total: number) => `${label}（${value}个）超过全部企业数量（${total}个）`,
  tooManyLeadIndustries: (n: number) =>
    `主导产业填写了${n}个，超过3个：模板要求填写1-3个主导产业，《工业园区高质量发展指引》要求原则上不宜超过3个主导产业`,
  focusNotLeadIndustry: (focus: string, leads: readonly string[]) =>
    `创新实践聚焦主导产业“${focus}”不是已填写的主导产业（${leads.join('、')}）之一`,
  unknownProblemRef: (measureId: string, ref: string) => `创新举措“${measureId}”对应的问题编号“${ref}”不存在`,
  unknownMeasureRef: (resultId: string, ref: string) => `实践成效“${resultId}”对应的举措编号“${ref}”不存在`,
  duplicateId: (id: string, here: string, first: string) => `编号“${id}”重复：${here}与${first}使用了同一编号`,
  duplicateEntityName: (name: string, firstIndex: number) => `专有名词“${name}”重复，与专有名词第${firstIndex + 1}项的规范全称相同`,
  aliasIsOwnName: (alias: string) => `简称“${alias}”与其规范全称相同`,
  aliasIsOtherName: (owner: string, alias: string, otherName: string) =>
    `专有名词“${owner}”的简称“${alias}”与另一专有名词的规范全称“${otherName}”相同`,
  aliasRepeated: (owner: string, alias: string, firstOwner: string) =>
    `专有名词“${owner}”的简称“${alias}”重复，已作为“${firstOwner}”的简称`,
  genericAlias: (owner: string, alias: string) =>
    `专有名词“${owner}”的简称“${alias}”是报告中泛指的通用词，无法据此认出所指，审校时会把每处“${alias}”都当作简称；请删去，或改为材料中实际使用的简称（如“南岭经开区”“能碳中心”）`,
  duplicateFact: (label: string, period: string) => `量化数据“${label}”${period ? `（${period}）` : ''}重复填写`,
  factUnitMismatch: (label: string, unit: string, firstUnit: string) =>
    `量化数据“${label}”的单位“${unit}”与同名数据的单位“${firstUnit}”不一致，无法进行前后对比`,
  factConflictsIndicator: (label: string, period: string, value: string, indicatorValue: string) =>
    `量化数据“${label}”（${period}年，${value}）与工业园区发展情况中的${label}（${indicatorValue}）不一致`,
  partExceedsTotal: (label: string, year: string, value: string, total: string, totalValue: string) =>
    `${label}（${year}年，${value}）高于${total}（${totalValue}）：“其中”项不能超过总数，请核对这两项`,
  nth: (listName: string, index: number) => `${listName}第${index + 1}项`,
  yearlyMap: '按年份填写的对象（如 {"2025": 968.2, "2024": 887.5}）',
}

/**
 * Validate a park-data file. Every problem is reported at once: the schema's issues first (mapped to Chinese with the
 * template's field names), then the cross-field checks, which read the raw input defensively so they run even when
 * the schema fails elsewhere.
 */
export function validateParkData(input: unknown): ValidateParkResult {
  if (!isObject(input)) {
    return { ok: false, issues: [{ path: '$', code: 'not-an-object', message: messages.notAnObject(typeName(input)) }] }
  }
  const cleaned = stripInvisibleCharactersDeep(input) as Record<string, unknown>
  const parsed = ParkDataSchema.safeParse(cleaned)
  const issues: ParkIssue[] = parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZodIssue(i, cleaned))
  issues.push(...semanticIssues(cleaned))
  if (parsed.success && issues.length === 0) return { ok: true, park: parsed.data }
  return { ok: false, issues }
}

// ---------------------------------------------------------------------------------------------
// Schema issues → ParkIssue
// ---------------------------------------------------------------------------------------------

function fromZodIssue(issue: z.core.$ZodIssue, input: unknown): ParkIssue[] {
  const segs = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol')
  const path = jsonPath(segs)
  const where = describePath(segs)
  const at = lookup(input, segs)
  switch (issue.code) {
    case 'invalid_type': {
      if (!at.found) return [{ path, code: 'missing-field', message: messages.missingField(where.name) }]
      if (issue.expected === 'int') {
        return [{ path, code: 'non-integer-count', message: messages.nonIntegerCount(where.valued(at.value)) }]
      }
      const expected = where.indicator?.yearly && segs.length === 3 ? messages.yearlyMap : JSON_TYPE_NAMES[issue.expected] ?? issue.expected
      return [{ path, code: 'wrong-type', message: messages.wrongType(where.name, expected, typeName(at.value)) }]
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'string') return [{ path, code: 'empty-text', message: messages.emptyText(where.name) }]
      if (issue.origin === 'array') return [{ path, code: 'empty-list', message: messages.emptyList(where.name) }]
      if (where.indicator?.percent) {
        return [{ path, code: 'percent-out-of-range', message: messages.percentOutOfRange(where.valued(at.value)) }]
      }
      if (where.indicator?.valueType === 'count' && issue.code === 'too_small') {
        return [{ path, code: 'negative-count', message: messages.negativeCount(where.valued(at.value)) }]
      }
      return [{ path, code: 'invalid-value', message: messages.invalidValue(where.name) }]
    }
    case 'invalid_key': {
      // A yearly map whose key is not a 4-digit year; the key is the last path segment.
      const parent = describePath(segs.slice(0, -1))
      return [{ path, code: 'invalid-year', message: messages.invalidYear(parent.name, String(segs.at(-1))) }]
    }
    case 'invalid_format':
      return [{ path, code: 'invalid-period', message: messages.invalidPeriod(where.name, String(at.value)) }]
    case 'invalid_value':
      return [{
        path,
        code: 'invalid-option',
        message: messages.invalidOption(where.name, show(at.value), issue.values.map((v) => String(v))),
      }]
    case 'invalid_union': {
      // A row that takes a value or a year map: report the branch the input was written in.
      const branch = issue.errors[at.found && isObject(at.value) ? 1 : 0] ?? []
      return branch.flatMap((inner) => fromZodIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, input))
    }
    case 'custom':
      if (issue.params?.['magnitude']) return [{ path, code: 'number-out-of-range', message: messages.numberOutOfRange(where.valued(at.value)) }]
      if (segs.length === 1 && segs[0] === 'kind') {
        return [{ path, code: 'invalid-option', message: messages.invalidOption(where.name, show(at.value), kindIds()) }]
      }
      return [{ path, code: 'invalid-value', message: messages.invalidValue(where.name) }]
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: jsonPath([...segs, key]),
        code: 'unknown-field' as const,
        message: messages.unknownField(key, where.name),
      }))
    default:
      return [{ path, code: 'invalid-value', message: messages.invalidValue(where.name) }]
  }
}

interface Described {
  /** The field's Chinese name in quotes, with its list position when inside a list: “数值”（量化数据第4项）. */
  name: string
  indicator?: IndicatorField
  /** "label（year年，value+unit）" for indicator values, else "name（value）". */
  valued: (value: unknown) => string
}

/** Name a location in Chinese: template label for indicator rows, FIELD_LABELS otherwise. */
function describePath(segs: readonly PathSegment[]): Described {
  if (segs[0] === 'indicators' && segs.length >= 3) {
    const f = indicatorField(`${String(segs[1])}.${String(segs[2])}`)
    if (f) {
      const year = f.yearly && segs.length >= 4 ? String(segs[3]) : undefined
      return {
        name: `“${f.label}”${year ? `（${year}年）` : ''}`,
        indicator: f,
        valued: (v) => `${f.label}（${year ? `${year}年，` : ''}${show(v)}${typeof v === 'number' ? f.unit : ''}）`,
      }
    }
  }
  let key = ''
  let lastList: { label: string; index: number } | undefined
  for (const s of segs) {
    if (typeof s === 'number') {
      lastList = { label: FIELD_LABELS[key] ?? key, index: s }
      key += '[]'
    } else {
      key += key === '' ? s : `.${s}`
    }
  }
  const label = FIELD_LABELS[key]
  const base = label ? `“${label}”` : `“${jsonPath(segs)}”`
  const inList = lastList && !key.endsWith('[]') ? `（${messages.nth(lastList.label, lastList.index)}）` : ''
  const name = key.endsWith('[]') && lastList ? messages.nth(lastList.label, lastList.index) : base + inList
  return { name, valued: (v) => `${name}（${show(v)}）` }
}

// ---------------------------------------------------------------------------------------------
// Cross-field checks (on the raw input, defensively)
// ---------------------------------------------------------------------------------------------

function semanticIssues(input: Record<string, unknown>): ParkIssue[] {
  return [
    ...checkLeadIndustries(input),
    ...checkPracticeIds(input),
    ...checkScale(input),
    ...checkLand(input),
    ...checkEnterprises(input),
    ...checkParts(input),
    ...checkFacts(input),
    ...checkEntities(input),
  ]
}

function checkLeadIndustries(input: Record<string, unknown>): ParkIssue[] {
  const issues: ParkIssue[] = []
  const leads = arr(get(input, 'park', 'leadIndustries'))
  if (leads.length > MAX_LEAD_INDUSTRIES) {
    issues.push({
      path: jsonPath(['park', 'leadIndustries', MAX_LEAD_INDUSTRIES]),
      code: 'too-many-lead-industries',
      message: messages.tooManyLeadIndustries(leads.length),
    })
  }
  const names = leads.map((l) => str(get(l, 'name'))).filter((n): n is string => n !== undefined)
  const focus = str(get(input, 'practice', 'focusIndustry'))
  if (focus !== undefined && focus.trim() !== '' && names.length > 0 && !names.some((n) => norm(n) === norm(focus))) {
    issues.push({
      path: jsonPath(['practice', 'focusIndustry']),
      code: 'focus-not-lead-industry',
      message: messages.focusNotLeadIndustry(focus, names),
    })
  }
  return issues
}

const PRACTICE_LISTS = [
  { key: 'problems', label: '突出问题' },
  { key: 'measures', label: '创新举措' },
  { key: 'results', label: '实践成效' },
] as const

/**
 * Ids are unique across problems, measures and results together: drafts and findings cite them bare ("M1"),
 * so one id must mean one thing. Then every reference must resolve: measures address problems, results come from measures.
 */
function checkPracticeIds(input: Record<string, unknown>): ParkIssue[] {
  const issues: ParkIssue[] = []
  const seen = new Map<string, string>()
  const idsOf = { problems: new Set<string>(), measures: new Set<string>(), results: new Set<string>() }
  for (const list of PRACTICE_LISTS) {
    arr(get(input, 'practice', list.key)).forEach((item, i) => {
      const id = str(get(item, 'id'))
      if (id === undefined || id === '') return
      const here = messages.nth(list.label, i)
      const first = seen.get(id)
      if (first !== undefined) {
        issues.push({ path: jsonPath(['practice', list.key, i, 'id']), code: 'duplicate-id', message: messages.duplicateId(id, here, first) })
      } else {
        seen.set(id, here)
      }
      idsOf[list.key].add(id)
    })
  }
  const refs = [
    { list: 'measures', field: 'addresses', target: idsOf.problems, code: 'unknown-problem-ref', message: messages.unknownProblemRef },
    { list: 'results', field: 'from', target: idsOf.measures, code: 'unknown-measure-ref', message: messages.unknownMeasureRef },
  ] as const
  for (const ref of refs) {
    arr(get(input, 'practice', ref.list)).forEach((item, i) => {
      const ownId = str(get(item, 'id')) ?? messages.nth(ref.list === 'measures' ? '创新举措' : '实践成效', i)
      arr(get(item, ref.field)).forEach((target, j) => {
        if (typeof target === 'string' && !ref.target.has(target)) {
          issues.push({ path: jsonPath(['practice', ref.list, i, ref.field, j]), code: ref.code, message: ref.message(ownId, target) })
        }
      })
    })
  }
  return issues
}

function checkScale(input: Record<string, unknown>): ParkIssue[] {
  const issues: ParkIssue[] = []
  const revenue = get(input, 'indicators', 'scale', 'revenue')
  const lead = get(input, 'indicators', 'scale', 'leadIndustryRevenue')
  if (!isObject(revenue) || !isObject(lead)) return issues
  for (const [year, leadValue] of Object.entries(lead)) {
    const total = num(revenue[year])
    const l = num(leadValue)
    if (total !== undefined && l !== undefined && l > total) {
      issues.push({
        path: jsonPath(['indicators', 'scale', 'leadIndustryRevenue', year]),
        code: 'lead-revenue-exceeds-revenue',
        message: messages.leadRevenueExceedsRevenue(year, l, total),
      })
    }
  }
  return issues
}

function checkLand(input: Record<string, unknown>): ParkIssue[] {
  const managed = num(get(input, 'indicators', 'land', 'managedAreaHa'))
  const developed = num(get(input, 'indicators', 'land', 'developedAreaHa'))
  if (managed === undefined || developed === undefined || developed <= managed) return []
  return [{
    path: jsonPath(['indicators', 'land', 'developedAreaHa']),
    code: 'developed-exceeds-managed',
    message: messages.developedExceedsManaged(developed, managed),
  }]
}

/** Every enterprise category (上市, 高新技术, 小巨人…) and the 2025 new registrations are subsets of 全部企业数量. */
function checkEnterprises(input: Record<string, unknown>): ParkIssue[] {
  const ent = get(input, 'indicators', 'enterprises')
  const total = num(get(ent, 'total'))
  if (total === undefined) return []
  const issues: ParkIssue[] = []
  for (const f of INDICATOR_FIELDS) {
    if (f.group !== 'enterprises' || f.field === 'total') continue
    const v = num(get(ent, f.field))
    if (v !== undefined && v > total) {
      issues.push({
        path: jsonPath(['indicators', 'enterprises', f.field]),
        code: 'count-exceeds-total',
        message: messages.countExceedsTotal(f.label, v, total),
      })
    }
  }
  return issues
}

/** The year a park's single values describe: its kind's data year. */
function dataYearOf(input: Record<string, unknown>): string {
  const kind = str(get(input, 'kind'))
  return kind !== undefined && isKindId(kind) ? String(getKind(kind).dataYear) : REPORT_YEAR
}

/** A row's values by year: a year map as written, a single value at the data year. */
function valuesByYear(raw: unknown, dataYear: string): Map<string, number> {
  if (isObject(raw)) {
    return new Map(Object.entries(raw).filter(([y, v]) => YEAR_PATTERN.test(y) && num(v) !== undefined).map(([y, v]) => [y, num(v)!]))
  }
  const v = num(raw)
  return v === undefined ? new Map() : new Map([[dataYear, v]])
}

/** Rows checked with their own wording above (主导产业营业收入, the enterprise counts). */
function checkedElsewhere(f: IndicatorField): boolean {
  return f.key === 'scale.leadIndustryRevenue' || (f.group === 'enterprises' && f.partOf === 'enterprises.total')
}

/** Every “其中” row the kinds mark with `partOf` is at most its total, year by year (003 附件1 sub-rows). */
function checkParts(input: Record<string, unknown>): ParkIssue[] {
  const issues: ParkIssue[] = []
  const dataYear = dataYearOf(input)
  for (const f of INDICATOR_FIELDS) {
    const total = f.partOf === undefined ? undefined : indicatorField(f.partOf)
    if (!total || checkedElsewhere(f)) continue
    const parts = valuesByYear(get(input, 'indicators', f.group, f.field), dataYear)
    const totals = valuesByYear(get(input, 'indicators', total.group, total.field), dataYear)
    for (const [year, value] of parts) {
      const totalValue = totals.get(year)
      if (totalValue === undefined || value <= totalValue) continue
      const raw = get(input, 'indicators', f.group, f.field)
      issues.push({
        path: jsonPath(['indicators', f.group, f.field, ...(isObject(raw) ? [year] : [])]),
        code: 'part-exceeds-total',
        message: messages.partExceedsTotal(f.label, year, `${value}${f.unit}`, total.label, `${totalValue}${total.unit}`),
      })
    }
  }
  return issues
}

/**
 * Facts with one label are one series: a label+period given twice is ambiguous, a unit change breaks the before/after
 * comparison, and a fact that restates an indicator row (same label, same year) must agree with it.
 */
function checkFacts(input: Record<string, unknown>): ParkIssue[] {
  const issues: ParkIssue[] = []
  const seen = new Set<string>()
  const unitOf = new Map<string, string>()
  arr(get(input, 'facts')).forEach((fact, i) => {
    const label = str(get(fact, 'label'))
    const unit = str(get(fact, 'unit'))
    const value = num(get(fact, 'value'))
    const period = str(get(fact, 'period')) ?? ''
    if (label === undefined || label === '') return
    const key = `${norm(label)}\u0000${period}`
    if (seen.has(key)) {
      issues.push({ path: jsonPath(['facts', i]), code: 'duplicate-fact', message: messages.duplicateFact(label, period) })
      return
    }
    seen.add(key)
    if (unit !== undefined) {
      const firstUnit = unitOf.get(norm(label))
      if (firstUnit === undefined) unitOf.set(norm(label), unit)
      else if (firstUnit !== unit) {
        issues.push({ path: jsonPath(['facts', i, 'unit']), code: 'fact-unit-mismatch', message: messages.factUnitMismatch(label, unit, firstUnit) })
      }
    }
    if (value === undefined) return
    const f = INDICATOR_FIELDS.find((x) => x.label === label.trim() && (x.valueType === 'number' || x.valueType === 'count'))
    if (!f) return
    const raw = get(input, 'indicators', f.group, f.field)
    const dataYear = dataYearOf(input)
    const year = f.yearly ? period : period === dataYear ? dataYear : undefined
    const indicatorValue = year === undefined ? undefined : num(f.yearly ? get(raw, year) : raw)
    if (year !== undefined && indicatorValue !== undefined && indicatorValue !== value) {
      issues.push({
        path: jsonPath(['facts', i, 'value']),
        code: 'fact-conflicts-indicator',
        message: messages.factConflictsIndicator(label, year, `${value}${unit ?? ''}`, `${indicatorValue}${f.unit}`),
      })
    }
  })
  return issues
}

/**
 * Entity names and aliases are how the checker maps a short form back to the official full name, so each string
 * must identify one entity: no repeated names, no alias shared by two entities, no alias equal to a name, and no
 * generic word (园区, 平台) that a report uses for anything.
 */
function checkEntities(input: Record<string, unknown>): ParkIssue[] {
  const issues: ParkIssue[] = []
  const entities = arr(get(input, 'entities'))
  const nameOwner = new Map<string, number>()
  entities.forEach((e, i) => {
    const name = str(get(e, 'name'))
    if (name === undefined || name === '') return
    const first = nameOwner.get(norm(name))
    if (first !== undefined) {
      issues.push({ path: jsonPath(['entities', i, 'name']), code: 'duplicate-entity-name', message: messages.duplicateEntityName(name, first) })
    } else {
      nameOwner.set(norm(name), i)
    }
  })
  const aliasOwner = new Map<string, number>()
  entities.forEach((e, i) => {
    const owner = str(get(e, 'name')) ?? messages.nth('专有名词', i)
    arr(get(e, 'aliases')).forEach((alias, j) => {
      if (typeof alias !== 'string' || alias === '') return
      const path = jsonPath(['entities', i, 'aliases', j])
      const nameIndex = nameOwner.get(norm(alias))
      const aliasIndex = aliasOwner.get(norm(alias))
      if (isGenericWord(alias)) {
        issues.push({ path, code: 'generic-alias', message: messages.genericAlias(owner, alias) })
      } else if (nameIndex === i) {
        issues.push({ path, code: 'duplicate-alias', message: messages.aliasIsOwnName(alias) })
      } else if (nameIndex !== undefined) {
        issues.push({
          path,
          code: 'duplicate-alias',
          message: messages.aliasIsOtherName(owner, alias, str(get(entities[nameIndex], 'name')) ?? ''),
        })
      } else if (aliasIndex !== undefined) {
        const firstOwner = str(get(entities[aliasIndex], 'name')) ?? messages.nth('专有名词', aliasIndex)
        issues.push({ path, code: 'duplicate-alias', message: messages.aliasRepeated(owner, alias, firstOwner) })
      } else {
        aliasOwner.set(norm(alias), i)
      }
    })
  })
  return issues
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}
function get(x: unknown, ...keys: string[]): unknown {
  let cur = x
  for (const k of keys) {
    if (!isObject(cur)) return undefined
    cur = cur[k]
  }
  return cur
}
function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : []
}
function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined
}
function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined
}
/** Compare names as a person would: full-width/half-width variants and surrounding spaces do not make a new name. */
function norm(s: string): string {
  return s.normalize('NFKC').trim()
}

function lookup(input: unknown, segs: readonly PathSegment[]): { found: boolean; value: unknown } {
  let cur: unknown = input
  for (const s of segs) {
    if (typeof s === 'number') {
      if (!Array.isArray(cur) || s >= cur.length) return { found: false, value: undefined }
      cur = cur[s]
    } else {
      if (!isObject(cur) || !(s in cur) || cur[s] === undefined) return { found: false, value: undefined }
      cur = cur[s]
    }
  }
  return { found: true, value: cur }
}

function typeName(x: unknown): string {
  if (x === null) return JSON_TYPE_NAMES.null!
  if (Array.isArray(x)) return JSON_TYPE_NAMES.array!
  const t = typeof x
  const name = JSON_TYPE_NAMES[t] ?? t
  return t === 'string' || t === 'number' || t === 'boolean' ? `${name}${show(x)}` : name
}

/** A value quoted in a message: long texts are cut, so a message never repeats a whole pasted document. */
const MAX_SHOWN_CHARS = 30

function show(x: unknown): string {
  if (typeof x === 'string') return `“${x.length > MAX_SHOWN_CHARS ? `${x.slice(0, MAX_SHOWN_CHARS)}……` : x}”`
  if (typeof x === 'number' || typeof x === 'boolean') return String(x)
  if (x === null) return 'null'
  return typeName(x)
}
