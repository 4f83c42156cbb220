import { describe, expect, it } from 'vitest'
import type { ParkData } from '../../src/park/park-schema.js'
import { validateParkData, type ParkIssueCode } from '../../src/park/validate-park.js'
import { loadParkJson } from './helpers.js'

/** The shared example (南岭经济技术开发区), freshly cloned for each case. */
const example = () => structuredClone(loadParkJson('nanling-green')) as ParkData
type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

interface Case {
  name: string
  mutate: (p: Loose) => unknown
  expected: { path: string; code: ParkIssueCode }[]
  /** Words each message (in order) must contain. */
  words: string[][]
}

const cases: Case[] = [
  {
    name: 'missing field',
    mutate: (p) => { delete p.park.name },
    expected: [{ path: '$.park.name', code: 'missing-field' }],
    words: [['缺少必填字段', '“工业园区名称”']],
  },
  {
    name: 'missing field inside a list item',
    mutate: (p) => { delete p.practice.problems[1].text },
    expected: [{ path: '$.practice.problems[1].text', code: 'missing-field' }],
    words: [['缺少必填字段', '“问题描述”', '突出问题第2项']],
  },
  {
    name: 'missing top-level block',
    mutate: (p) => { delete p.practice },
    expected: [{ path: '$.practice', code: 'missing-field' }],
    words: [['缺少必填字段', '“创新实践概述”']],
  },
  {
    name: 'wrong type: number given as text',
    mutate: (p) => { p.indicators.scale.revenue['2025'] = '968.2' },
    expected: [{ path: "$.indicators.scale.revenue['2025']", code: 'wrong-type' }],
    words: [['“营业收入”（2025年）', '应为数字', '文本“968.2”']],
  },
  {
    name: 'wrong type: yearly row given as one number',
    mutate: (p) => { p.indicators.scale.taxPerMu = 35.6 },
    expected: [{ path: '$.indicators.scale.taxPerMu', code: 'wrong-type' }],
    words: [['“亩均税收”应为按年份填写的对象', '数字35.6']],
  },
  {
    name: 'wrong type: yes/no given as text',
    mutate: (p) => { p.indicators.green.greenParkTitle = '是' },
    expected: [{ path: '$.indicators.green.greenParkTitle', code: 'wrong-type' }],
    words: [['是否获得国家级绿色工业园区称号', '布尔值']],
  },
  {
    name: 'empty text',
    mutate: (p) => { p.park.name = '' },
    expected: [{ path: '$.park.name', code: 'empty-text' }],
    words: [['工业园区名称', '不能为空']],
  },
  {
    name: 'empty lead-industry list',
    mutate: (p) => { p.park.leadIndustries = [] },
    expected: [{ path: '$.park.leadIndustries', code: 'empty-list' }],
    words: [['主导产业及细分领域', '至少需要填写1项']],
  },
  {
    name: 'invalid kind',
    mutate: (p) => { p.kind = 'innovation' },
    expected: [{ path: '$.kind', code: 'invalid-option' }],
    words: [['报告类型', '“innovation”', 'innovation-digital、innovation-green']],
  },
  {
    name: 'invalid filler category',
    mutate: (p) => { p.park.filler.category = '国有企业' },
    expected: [{ path: '$.park.filler.category', code: 'invalid-option' }],
    words: [['填写单位类别', '国有企业', '政府/事业单位、央国企、民企、其他']],
  },
  {
    name: 'unknown (misspelt) field',
    mutate: (p) => { p.indicators.scale.revenu = p.indicators.scale.revenue; delete p.indicators.scale.revenue },
    expected: [{ path: '$.indicators.scale.revenu', code: 'unknown-field' }],
    words: [['整体规模情况', '“revenu”']],
  },
  {
    name: 'percentage above 100 (yearly)',
    mutate: (p) => { p.indicators.scale.addedValueShareOfCityGdp['2025'] = 118.4 },
    expected: [{ path: "$.indicators.scale.addedValueShareOfCityGdp['2025']", code: 'percent-out-of-range' }],
    words: [['园区全口径增加值占所在城市地区生产总值比重（2025年，118.4%）', '0—100%']],
  },
  {
    name: 'percentage below 0 (single value)',
    mutate: (p) => { p.indicators.green.solidWasteUtilization = -3 },
    expected: [{ path: '$.indicators.green.solidWasteUtilization', code: 'percent-out-of-range' }],
    words: [['工业固体废弃物综合利用率（-3%）', '0—100%']],
  },
  {
    name: 'a fact of 1e308 (its derived figures would be Infinity)',
    mutate: (p) => { p.facts[0].value = 1e308 },
    expected: [{ path: '$.facts[0].value', code: 'number-out-of-range' }],
    words: [['“数值”（量化数据第1项）（1e+308）超出合理范围', '多输了位数或用错了单位']],
  },
  {
    name: 'a fact of -1e308',
    mutate: (p) => { p.facts[1].value = -1e308 },
    expected: [{ path: '$.facts[1].value', code: 'number-out-of-range' }],
    words: [['-1e+308', '超出合理范围']],
  },
  {
    name: 'a fact of 1e-320 (a subnormal: dividing by it is Infinity)',
    mutate: (p) => { p.facts[0].value = 1e-320 },
    expected: [{ path: '$.facts[0].value', code: 'number-out-of-range' }],
    words: [['1e-320', '超出合理范围']],
  },
  {
    name: 'an indicator of 1.7e308',
    mutate: (p) => { p.indicators.scale.revenue['2025'] = 1.7e308 },
    expected: [{ path: "$.indicators.scale.revenue['2025']", code: 'number-out-of-range' }],
    words: [['营业收入（2025年，1.7e+308亿元）', '超出合理范围']],
  },
  {
    name: '主导产业营业收入 above 营业收入',
    mutate: (p) => { p.indicators.scale.revenue['2025'] = 480 },
    expected: [{ path: "$.indicators.scale.leadIndustryRevenue['2025']", code: 'lead-revenue-exceeds-revenue' }],
    words: [['主导产业营业收入（2025年，512.4亿元）高于营业收入（480亿元）']],
  },
  {
    name: '实际开发面积 above 实际管理面积',
    mutate: (p) => { p.indicators.land.developedAreaHa = 3400 },
    expected: [{ path: '$.indicators.land.developedAreaHa', code: 'developed-exceeds-managed' }],
    words: [['实际开发面积（3400公顷）大于实际管理面积（3260公顷）']],
  },
  {
    name: 'more than 3 lead industries',
    mutate: (p) => { p.park.leadIndustries.push({ name: '新材料', subfields: ['电子陶瓷'] }) },
    expected: [{ path: '$.park.leadIndustries[3]', code: 'too-many-lead-industries' }],
    words: [['4个', '1-3个', '原则上不宜超过3个']],
  },
  {
    name: 'focus industry not a lead industry',
    mutate: (p) => { p.practice.focusIndustry = '锂电池回收' },
    expected: [{ path: '$.practice.focusIndustry', code: 'focus-not-lead-industry' }],
    words: [['创新实践聚焦主导产业“锂电池回收”', '新能源电池材料、精细化工、先进装备制造']],
  },
  {
    name: 'measure addresses an unknown problem',
    mutate: (p) => { p.practice.measures[0].addresses = ['P1', 'P9'] },
    expected: [{ path: '$.practice.measures[0].addresses[1]', code: 'unknown-problem-ref' }],
    words: [['创新举措“M1”', '问题编号“P9”不存在']],
  },
  {
    name: 'result comes from an unknown measure',
    mutate: (p) => { p.practice.results[1].from = ['M7'] },
    expected: [{ path: '$.practice.results[1].from[0]', code: 'unknown-measure-ref' }],
    words: [['实践成效“R2”', '举措编号“M7”不存在']],
  },
  {
    name: 'duplicate id within a list',
    mutate: (p) => { p.practice.results[2].id = 'R2' },
    expected: [{ path: '$.practice.results[2].id', code: 'duplicate-id' }],
    words: [['编号“R2”重复', '实践成效第3项', '实践成效第2项']],
  },
  {
    name: 'duplicate id across lists',
    mutate: (p) => { p.practice.results[0].id = 'P1' },
    expected: [{ path: '$.practice.results[0].id', code: 'duplicate-id' }],
    words: [['编号“P1”重复', '实践成效第1项', '突出问题第1项']],
  },
  {
    name: 'duplicate entity name',
    mutate: (p) => { p.entities.push({ name: '南岭市绿源环保科技有限公司', aliases: ['绿源公司'], type: 'enterprise' }) },
    expected: [{ path: '$.entities[8].name', code: 'duplicate-entity-name' }],
    words: [['专有名词“南岭市绿源环保科技有限公司”重复', '第4项']],
  },
  {
    name: "alias equal to another entity's name",
    mutate: (p) => { p.entities[1].aliases.push('南岭经济技术开发区') },
    expected: [{ path: '$.entities[1].aliases[2]', code: 'duplicate-alias' }],
    words: [['“南岭新能锂电材料股份有限公司”的简称“南岭经济技术开发区”', '规范全称']],
  },
  {
    name: 'alias shared by two entities',
    mutate: (p) => { p.entities[7].aliases = ['绿色园区'] },
    expected: [{ path: '$.entities[7].aliases[0]', code: 'duplicate-alias' }],
    words: [['简称“绿色园区”重复', '“国家级绿色工业园区”的简称']],
  },
  {
    name: 'alias equal to its own name',
    mutate: (p) => { p.entities[3].aliases.push('南岭市绿源环保科技有限公司') },
    expected: [{ path: '$.entities[3].aliases[1]', code: 'duplicate-alias' }],
    words: [['简称“南岭市绿源环保科技有限公司”与其规范全称相同']],
  },
  {
    name: 'generic word as an alias',
    mutate: (p) => { p.entities[0].aliases.push('园区'); p.entities[5].aliases.push('平台') },
    expected: [
      { path: '$.entities[0].aliases[1]', code: 'generic-alias' },
      { path: '$.entities[5].aliases[2]', code: 'generic-alias' },
    ],
    words: [['专有名词“南岭经济技术开发区”的简称“园区”是报告中泛指的通用词', '请删去'], ['简称“平台”']],
  },
  {
    name: 'negative count',
    mutate: (p) => { p.indicators.enterprises.listed = -1 },
    expected: [{ path: '$.indicators.enterprises.listed', code: 'negative-count' }],
    words: [['上市企业数量（-1个）', '不能为负数']],
  },
  {
    name: 'non-integer enterprise count',
    mutate: (p) => { p.indicators.enterprises.highTech = 214.5 },
    expected: [{ path: '$.indicators.enterprises.highTech', code: 'non-integer-count' }],
    words: [['国家高新技术企业数量（214.5个）', '应为整数']],
  },
  {
    name: 'category count above 全部企业数量',
    mutate: (p) => { p.indicators.enterprises.littleGiant = 2000 },
    expected: [{ path: '$.indicators.enterprises.littleGiant', code: 'count-exceeds-total' }],
    words: [['国家级专精特新“小巨人”企业数量（2000个）超过全部企业数量（1482个）']],
  },
  {
    name: 'year key not 4 digits',
    mutate: (p) => { p.indicators.scale.revenue = { '25': 968.2, '2024': 887.5, '2023': 803.6 } },
    expected: [{ path: "$.indicators.scale.revenue['25']", code: 'invalid-year' }],
    words: [['“营业收入”的年份“25”无效', '4位年份']],
  },
  {
    name: 'fact period not a year',
    mutate: (p) => { p.facts[0].period = '2023年' },
    expected: [{ path: '$.facts[0].period', code: 'invalid-period' }],
    words: [['“时期”（量化数据第1项）', '“2023年”无效', '4位年份']],
  },
  {
    name: 'same fact twice',
    mutate: (p) => { p.facts.push({ label: '绿电消费占比', value: 27.5, unit: '%', period: '2025' }) },
    expected: [{ path: '$.facts[13]', code: 'duplicate-fact' }],
    words: [['量化数据“绿电消费占比”（2025）重复填写']],
  },
  {
    name: 'fact unit differs within a series',
    mutate: (p) => { p.facts[12].unit = '秒' },
    expected: [{ path: '$.facts[12].unit', code: 'fact-unit-mismatch' }],
    words: [['“预警平均响应时间”的单位“秒”', '“分钟”不一致']],
  },
  {
    name: 'fact contradicts an indicator',
    mutate: (p) => { p.facts.push({ label: '单位能耗碳排放', value: 2.1, unit: '吨/吨标准煤', period: '2025' }) },
    expected: [{ path: '$.facts[13].value', code: 'fact-conflicts-indicator' }],
    words: [['量化数据“单位能耗碳排放”（2025年，2.1吨/吨标准煤）', '（2.05吨/吨标准煤）不一致']],
  },
  {
    name: 'not an object',
    mutate: () => [],
    expected: [{ path: '$', code: 'not-an-object' }],
    words: [['JSON对象', '列表']],
  },
]

describe('validateParkData: one row per error kind, on the shared example', () => {
  it.each(cases)('$name', ({ mutate, expected, words }) => {
    const park = example() as Loose
    const replaced = mutate(park)
    const result = validateParkData(replaced === undefined ? park : replaced)
    expect(result.ok).toBe(false)
    const issues = result.ok ? [] : result.issues
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual(expected)
    issues.forEach((issue, i) => {
      for (const w of words[i] ?? []) expect(issue.message).toContain(w)
    })
  })

  it('reports every problem at once: schema issues first, then cross-field checks', () => {
    const p = example() as Loose
    delete p.park.contact.email
    p.indicators.digital = { dualGigabitCoverage: 101 }
    p.practice.focusIndustry = '储能'
    p.practice.measures[2].addresses = ['P4']
    p.indicators.land.developedAreaHa = 3300
    const result = validateParkData(p)
    expect(result.ok ? [] : result.issues).toEqual([
      { path: '$.park.contact.email', code: 'missing-field', message: '缺少必填字段“联系人电子邮箱”' },
      {
        path: '$.indicators.digital.dualGigabitCoverage', code: 'percent-out-of-range',
        message: '双千兆网络覆盖率（101%）超出0—100%的范围',
      },
      {
        path: '$.practice.focusIndustry', code: 'focus-not-lead-industry',
        message: '创新实践聚焦主导产业“储能”不是已填写的主导产业（新能源电池材料、精细化工、先进装备制造）之一',
      },
      { path: '$.practice.measures[2].addresses[0]', code: 'unknown-problem-ref', message: '创新举措“M3”对应的问题编号“P4”不存在' },
      { path: '$.indicators.land.developedAreaHa', code: 'developed-exceeds-managed', message: '实际开发面积（3300公顷）大于实际管理面积（3260公顷）' },
    ])
  })

  it('cleans invisible characters copied from web pages or planted in names before anything reads the park', () => {
    const p = example()
    p.park.name = '南岭\u200B经济技术开发区\u202Excod.exe'
    p.entities[0]!.aliases = ['南岭\uFEFF经开区']
    const result = validateParkData(p)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.park.park.name).toBe('南岭经济技术开发区xcod.exe')
    expect(result.park.entities[0]!.aliases).toEqual(['南岭经开区'])
    // The caller's object is left as it was: the park returned is a cleaned copy.
    expect(p.park.name).toBe('南岭\u200B经济技术开发区\u202Excod.exe')
  })

  it('accepts partial indicators: every block and row may be left out', () => {
    const p = example() as Loose
    p.indicators = { scale: { revenue: { '2025': 968.2 } } }
    const result = validateParkData(p)
    expect(result.ok).toBe(true)
    delete p.indicators
    expect(validateParkData(p).ok).toBe(true)
  })
})
