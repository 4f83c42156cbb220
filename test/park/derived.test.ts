import { describe, expect, it } from 'vitest'
import { deriveFigures, figureIndex, round, type DerivedFigure } from '../../src/park/derived.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { extractNumbers } from '../../src/park/text-numbers.js'
import { validateParkData } from '../../src/park/validate-park.js'
import { loadParkJson } from './helpers.js'

function load(name: string): ParkData {
  const result = validateParkData(loadParkJson(name))
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.park
}

const nanling = load('nanling-green')
const figures = deriveFigures(nanling)
const byId = (id: string): DerivedFigure | undefined => figures.find((f) => f.id === id)

describe('deriveFigures on the shared example (南岭经济技术开发区)', () => {
  it('营业收入 2025 vs 2023: +20.5%, +164.6亿元, 年均 9.8%', () => {
    expect(byId('ind:scale.revenue:2023-2025:rate')).toEqual({
      id: 'ind:scale.revenue:2023-2025:rate',
      label: '营业收入2025年较2023年变化率',
      value: 20.5,
      raw: ((968.2 - 803.6) / 803.6) * 100,
      unit: '%',
      formula: '(968.2-803.6)/803.6×100%',
      inputs: ["$.indicators.scale.revenue['2023']", "$.indicators.scale.revenue['2025']"],
      measure: 'rate',
      span: { from: '2023', to: '2025' },
    })
    expect(byId('ind:scale.revenue:2023-2025:diff')).toMatchObject({ value: 164.6, unit: '亿元', formula: '968.2-803.6' })
    expect(byId('ind:scale.revenue:2023-2025:cagr')).toMatchObject({
      label: '营业收入2023—2025年年均增长率', value: 9.8, unit: '%', formula: '((968.2/803.6)^(1/2)-1)×100%',
    })
    expect(byId('ind:scale.revenue:2024-2025:rate')).toMatchObject({ value: 9.1, formula: '(968.2-887.5)/887.5×100%' })
  })

  it('绿电消费占比 from facts: +18.3 百分点 (9.5% → 27.8%)', () => {
    expect(byId('fact:绿电消费占比:2023-2025:pp')).toEqual({
      id: 'fact:绿电消费占比:2023-2025:pp',
      label: '绿电消费占比2025年较2023年变化（百分点）',
      value: 18.3,
      raw: 27.8 - 9.5,
      unit: '百分点',
      formula: '27.8-9.5',
      inputs: ['$.facts[0].value', '$.facts[1].value'],
      measure: 'pp',
      span: { from: '2023', to: '2025' },
    })
    expect(byId('fact:绿电消费占比:2023-2025:rate')).toMatchObject({ value: 192.6, unit: '%' })
  })

  it('a percentage indicator changes in 百分点 and keeps its relative rate', () => {
    expect(byId('ind:scale.addedValueShareOfCityGdp:2023-2025:pp')).toMatchObject({
      label: '园区全口径增加值占所在城市地区生产总值比重2025年较2023年变化（百分点）', value: 1.5, unit: '百分点', formula: '18.4-16.9',
    })
    expect(byId('ind:scale.addedValueShareOfCityGdp:2023-2025:rate')).toMatchObject({ value: 8.9, unit: '%' })
    expect(byId('ind:scale.addedValueShareOfCityGdp:2023-2025:diff')).toBeUndefined()
    expect(byId('ind:scale.addedValueShareOfCityGdp:2023-2025:cagr')).toBeUndefined()
  })

  it('shares: 主导产业营业收入占比 per year and its change; 开发面积占管理面积比重', () => {
    expect(byId('share:scale.leadIndustryRevenue/scale.revenue:2025')).toEqual({
      id: 'share:scale.leadIndustryRevenue/scale.revenue:2025',
      label: '主导产业营业收入占营业收入比重（2025年）',
      value: 52.9,
      raw: (512.4 / 968.2) * 100,
      unit: '%',
      formula: '512.4/968.2×100%',
      inputs: ["$.indicators.scale.leadIndustryRevenue['2025']", "$.indicators.scale.revenue['2025']"],
      measure: 'share',
      period: '2025',
    })
    expect(byId('share:scale.leadIndustryRevenue/scale.revenue:2023')).toMatchObject({ value: 48.4 })
    // Uses the rounded shares so the formula adds up as written.
    expect(byId('share:scale.leadIndustryRevenue/scale.revenue:2023-2025:pp')).toMatchObject({
      value: 4.5, unit: '百分点', formula: '52.9-48.4',
    })
    expect(byId('share:land.developedAreaHa/land.managedAreaHa')).toMatchObject({
      label: '实际开发面积占实际管理面积比重', value: 73.9, unit: '%', formula: '2410/3260×100%',
      inputs: ['$.indicators.land.developedAreaHa', '$.indicators.land.managedAreaHa'],
    })
  })

  it('a 2023 fact pairs with the 2025 indicator of the same label', () => {
    expect(byId('fact:单位能耗碳排放:2023-2025:diff')).toMatchObject({
      value: -0.41, unit: '吨/吨标准煤', formula: '2.05-2.46', inputs: ['$.facts[2].value', '$.indicators.green.carbonPerEnergy'],
    })
    expect(byId('fact:单位能耗碳排放:2023-2025:rate')).toMatchObject({ value: -16.7, formula: '(2.05-2.46)/2.46×100%' })
    expect(byId('fact:工业固体废弃物综合利用率:2023-2025:pp')).toMatchObject({ value: 22.3, formula: '93.6-71.3' })
  })

  it('before/after pairs written in result texts (由A降至B, 由A提升至B, 由A缩短至B)', () => {
    expect(byId('text:R3:1:rate')).toEqual({
      id: 'text:R3:1:rate',
      label: '预警平均响应时间（前后对比）变化率',
      value: -82.2,
      raw: ((8 - 45) / 45) * 100,
      unit: '%',
      formula: '(8-45)/45×100%',
      inputs: ['$.practice.results[2].text', '$.practice.results[2].text'],
      measure: 'rate',
    })
    expect(byId('text:R1:1:diff')).toMatchObject({ label: '单位能耗碳排放（前后对比）变化量', value: -0.41, unit: '吨/吨标准煤' })
    expect(byId('text:R2:1:pp')).toMatchObject({ value: 22.3, unit: '百分点' })
  })

  it('a fall to zero has a -100% rate; a rise from zero has none', () => {
    expect(byId('fact:一般生产安全事故:2023-2025:rate')).toMatchObject({ value: -100, formula: '(0-2)/2×100%' })
    const p = structuredClone(nanling)
    p.facts = [{ label: '绿色工厂', value: 0, unit: '家', period: '2023' }, { label: '绿色工厂', value: 9, unit: '家', period: '2025' }]
    expect(deriveFigures(p).filter((f) => f.id.startsWith('fact:')).map((f) => [f.id, f.value])).toEqual([
      ['fact:绿色工厂:2023-2025:diff', 9],
    ])
  })

  it('produces exactly these ids', () => {
    const years = (k: string, ms: string[]) =>
      ['2023-2024', '2024-2025', '2023-2025'].flatMap((s) => ms.map((m) => `ind:${k}:${s}:${m}`))
        .filter((id) => !id.includes('2023-2024:cagr') && !id.includes('2024-2025:cagr'))
    const share = 'share:scale.leadIndustryRevenue/scale.revenue'
    const margin = 'share:scale.totalProfit/scale.revenue'
    expect(figures.map((f) => f.id)).toEqual([
      ...years('scale.revenue', ['diff', 'rate', 'cagr']),
      ...years('scale.leadIndustryRevenue', ['diff', 'rate', 'cagr']),
      ...years('scale.addedValueShareOfCityGdp', ['pp', 'rate']),
      ...years('scale.totalProfit', ['diff', 'rate', 'cagr']),
      ...years('scale.taxPerMu', ['diff', 'rate', 'cagr']),
      `${share}:2023`, `${share}:2024`, `${share}:2025`, `${share}:2023-2024:pp`, `${share}:2024-2025:pp`, `${share}:2023-2025:pp`,
      `${margin}:2023`, `${margin}:2024`, `${margin}:2025`, `${margin}:2023-2024:pp`, `${margin}:2024-2025:pp`, `${margin}:2023-2025:pp`,
      'share:land.developedAreaHa/land.managedAreaHa',
      'fact:绿电消费占比:2023-2025:pp', 'fact:绿电消费占比:2023-2025:rate',
      'fact:单位能耗碳排放:2023-2025:diff', 'fact:单位能耗碳排放:2023-2025:rate',
      'fact:工业固体废弃物综合利用率:2023-2025:pp', 'fact:工业固体废弃物综合利用率:2023-2025:rate',
      'fact:一般生产安全事故:2023-2025:diff', 'fact:一般生产安全事故:2023-2025:rate',
      'fact:预警平均响应时间:2023-2025:diff', 'fact:预警平均响应时间:2023-2025:rate',
      'text:R1:1:diff', 'text:R1:1:rate', 'text:R2:1:pp', 'text:R2:1:rate', 'text:R3:1:diff', 'text:R3:1:rate',
    ])
    expect(new Set(figures.map((f) => f.id)).size).toBe(figures.length)
  })
})

describe('round (1 decimal for % and rates, half away from zero)', () => {
  it.each([
    [20.4828, 1, 20.5],
    [-82.2222, 1, -82.2],
    [0.05, 1, 0.1],
    [-0.05, 1, -0.1],
    [968.2 - 803.6, 1, 164.6],
    [2.05 - 2.46, 2, -0.41],
    [-0.04, 1, 0],
  ])('round(%f, %i) = %f', (x, d, expected) => {
    expect(round(x, d)).toBe(expected)
  })
})

describe('figureIndex', () => {
  const index = figureIndex(nanling)

  it('counts every source of numbers in the example', () => {
    const count = (s: string) => index.filter((k) => k.source === s).length
    expect([count('indicator'), count('fact'), count('derived'), count('text')]).toEqual([31, 13, figures.length, 28])
  })

  it('keeps provenance for indicators, facts, derived figures and text numbers', () => {
    expect(index).toContainEqual({
      value: 512.4, unit: '亿元', label: '主导产业营业收入', source: 'indicator',
      provenance: "$.indicators.scale.leadIndustryRevenue['2025']", period: '2025',
    })
    expect(index).toContainEqual({
      value: 93.6, unit: '%', label: '工业固体废弃物综合利用率', source: 'indicator',
      provenance: '$.indicators.green.solidWasteUtilization', period: '2025',
    })
    expect(index).toContainEqual({ value: 1.2, unit: '万个', label: '安全监测点位', source: 'fact', provenance: '$.facts[8].value' })
    expect(index).toContainEqual({
      value: 20.5, unit: '%', label: '营业收入2025年较2023年变化率', source: 'derived', provenance: 'ind:scale.revenue:2023-2025:rate',
      period: '2023-2025', formula: '(968.2-803.6)/803.6×100%',
      inputs: ["$.indicators.scale.revenue['2023']", "$.indicators.scale.revenue['2025']"],
    })
    expect(index).toContainEqual({
      value: 1.2, unit: '万个', label: '接入', source: 'text', provenance: '$.practice.measures[2].text', raw: '1.2万个', isYear: false,
      contextAfter: '监测点位',
    })
    expect(index).toContainEqual({
      value: 2006, unit: '年', label: '年份', source: 'text', provenance: '$.park.intro', raw: '2006年', isYear: true,
    })
    expect(index).toContainEqual({
      value: 31, unit: '台（套）', label: '淘汰落后工艺设备', source: 'text', provenance: '$.indicators.green.safetyTech',
      raw: '31台（套）', isYear: false,
    })
  })
})

describe('fixtures: every number in 实践成效 is backed by a fact or an indicator', () => {
  it.each(['nanling-green', 'jialan-digital', 'lingjiang-green'])('%s', (name) => {
    const park = load(name)
    const known = figureIndex(park).filter((k) => k.source === 'fact' || k.source === 'indicator')
    const unbacked = park.practice.results.flatMap((r) =>
      extractNumbers(r.text)
        .filter((n) => !n.isYear)
        .filter((n) => !known.some((k) => k.value === n.value && k.unit === n.unit))
        .map((n) => `${r.id}: ${n.raw}`),
    )
    expect(unbacked).toEqual([])
  })
})
