import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { INDICATOR_FIELDS, IndicatorsSchema, ParkDataSchema, type Indicators } from '../../src/park/park-schema.js'
import { PARK_ISSUE_CODES, validateParkData } from '../../src/park/validate-park.js'
import { PARK_JSON_SCHEMA_PATH, parkDataJsonSchemaText } from '../../src/park/write-json-schema.js'
import { loadParkJson, SHARED_EXAMPLE } from './helpers.js'

describe('park data files', () => {
  // The shared example is fixtures/parks/nanling-green.json byte for byte (pinned by its hash in the next test).
  it('the shared example validates unchanged', () => {
    const input = loadParkJson('nanling-green')
    const result = validateParkData(input)
    expect(result).toEqual({ ok: true, park: input })
  })

  it('fixtures/parks/nanling-green.json is the shared example, byte for byte', () => {
    const fixture = readFileSync(new URL('../../fixtures/parks/nanling-green.json', import.meta.url))
    if (existsSync(SHARED_EXAMPLE)) expect(fixture.equals(readFileSync(SHARED_EXAMPLE))).toBe(true)
    expect(createHash('sha256').update(fixture).digest('hex')).toBe('26d3abb717526a182a3f0dac7104cc729271fd5f8d3060ebe83ca0b8d87f47e7')
  })

  it.each([
    ['nanling-green', 'innovation-green', '新能源电池材料'],
    ['jialan-digital', 'innovation-digital', '汽车零部件'],
    ['lingjiang-green', 'innovation-green', '纺织印染'],
  ])('fixture %s validates with no issues (kind %s, focus %s)', (name, kind, focus) => {
    const input = loadParkJson(name)
    const result = validateParkData(input)
    expect(result.ok ? [] : result.issues).toEqual([])
    expect(result).toEqual({ ok: true, park: input })
    if (result.ok) {
      expect(result.park.kind).toBe(kind)
      expect(result.park.practice.focusIndustry).toBe(focus)
    }
  })
})

describe('INDICATOR_FIELDS', () => {
  it('lists every row of 三、工业园区发展情况 in template order, then the rows only 003 附件1 has', () => {
    expect(INDICATOR_FIELDS.filter((f) => f.templates.includes('innovation-green') || f.templates.includes('innovation-digital')).map((f) => f.key)).toEqual([
      'scale.revenue', 'scale.leadIndustryRevenue', 'scale.addedValueShareOfCityGdp', 'scale.totalProfit', 'scale.taxPerMu',
      'land.managedAreaHa', 'land.developedAreaHa', 'land.industrialFloorAreaRatio',
      'enterprises.total', 'enterprises.newRegistered', 'enterprises.listed', 'enterprises.unicorn', 'enterprises.highTech',
      'enterprises.singleChampion', 'enterprises.littleGiant', 'enterprises.provincialSpecialized',
      'digital.dualGigabitCoverage', 'digital.digitalServiceCoverage', 'digital.digitalTransformationRate',
      'digital.digitalInvestmentShare', 'digital.platformDescription', 'digital.datasetDescription',
      'green.carbonPerEnergy', 'green.solidWasteUtilization', 'green.waterPerValueAdded', 'green.greenFactories',
      'green.greenSupplyChain', 'green.greenParkTitle', 'green.zeroCarbonTitle', 'green.safetySystem', 'green.safetyTech',
    ])
  })

  it('describes 营业收入 and 主导产业营业收入 with their 口径', () => {
    expect(INDICATOR_FIELDS.slice(0, 2)).toEqual([
      {
        key: 'scale.revenue', group: 'scale', field: 'revenue', label: '营业收入', templateLabel: '营业收入（亿元）', unit: '亿元',
        valueType: 'number', yearly: true, shapes: { single: false, yearly: true }, percent: false, scope: '全口径',
        templates: ['innovation-digital', 'innovation-green', 'base-annual-report', 'base-excellent-case'],
      },
      {
        key: 'scale.leadIndustryRevenue', group: 'scale', field: 'leadIndustryRevenue', label: '主导产业营业收入',
        templateLabel: '主导产业营业收入（亿元）', unit: '亿元', valueType: 'number', yearly: true,
        shapes: { single: false, yearly: true }, percent: false, scope: '主导产业口径',
        templates: ['innovation-digital', 'innovation-green', 'base-annual-report', 'base-excellent-case'],
        partOf: 'scale.revenue',
      },
    ])
    const innovation = INDICATOR_FIELDS.filter((f) => f.templates[0]!.startsWith('innovation-'))
    expect(innovation.filter((f) => f.scope === '主导产业口径').map((f) => f.key)).toEqual(['scale.leadIndustryRevenue'])
    expect(innovation.filter((f) => f.percent).map((f) => f.key)).toEqual([
      'scale.addedValueShareOfCityGdp', 'digital.dualGigabitCoverage', 'digital.digitalServiceCoverage',
      'digital.digitalTransformationRate', 'digital.digitalInvestmentShare', 'green.solidWasteUtilization',
    ])
    // 000/001 ask for 实际开发面积 截至年末, 003 附件1 for three year columns: park data may write either.
    expect(INDICATOR_FIELDS.filter((f) => f.shapes.single && f.shapes.yearly).map((f) => f.key)).toEqual([
      'land.developedAreaHa', 'enterprises.total', 'green.solidWasteUtilization', 'green.waterPerValueAdded',
    ])
  })

  it('matches the hand-written Indicators type, key for key', () => {
    // A literal of the full type: TypeScript rejects extra keys, the comparison below catches missing ones.
    type Typed = 'scale' | 'land' | 'enterprises' | 'green' | 'digital'
    const full: { [G in Typed]-?: Required<NonNullable<Indicators[G]>> } = {
      scale: {
        revenue: { '2025': 1 }, leadIndustryRevenue: { '2025': 1 }, addedValueShareOfCityGdp: { '2025': 1 },
        totalProfit: { '2025': 1 }, taxPerMu: { '2025': 1 },
      },
      land: { managedAreaHa: 2, developedAreaHa: 1, industrialFloorAreaRatio: 1 },
      enterprises: { total: 9, newRegistered: 1, listed: 1, unicorn: 1, highTech: 1, singleChampion: 1, littleGiant: 1, provincialSpecialized: 1 },
      digital: {
        dualGigabitCoverage: 1, digitalServiceCoverage: 1, digitalTransformationRate: 1, digitalInvestmentShare: 1,
        platformDescription: 'x', datasetDescription: 'x',
      },
      green: {
        carbonPerEnergy: 1, solidWasteUtilization: 1, waterPerValueAdded: 1, greenFactories: 1, greenSupplyChain: 1,
        greenParkTitle: true, zeroCarbonTitle: false, safetySystem: 'x', safetyTech: 'x',
      },
    }
    const typedKeys = INDICATOR_FIELDS.filter((f) => f.templates[0]!.startsWith('innovation-')).map((f) => f.key)
    expect(Object.entries(full).flatMap(([g, o]) => Object.keys(o).map((k) => `${g}.${k}`))).toEqual(typedKeys)
    expect(IndicatorsSchema.safeParse(full).success).toBe(true)
  })

  // The seed files are the authority for labels and formulas; table cells wrap lines, so whitespace is ignored.
  const seed = (prefix: string) =>
    readFileSync(new URL(`../../fixtures/templates/seeds/${prefix}`, import.meta.url), 'utf8')
      .replace(/\[footnoteRef:\d+\]/g, '')
      .replace(/\s+/g, '')
  const seeds = { 'innovation-digital': seed('000_a38c0c513a41ce02.txt'), 'innovation-green': seed('001_090372f2aa8451fd.txt') }

  it('every label, formula and guidance is verbatim in its template', () => {
    for (const f of INDICATOR_FIELDS) {
      for (const t of f.templates.filter((id): id is keyof typeof seeds => id in seeds).slice(0, f.templates[0]!.startsWith('innovation-') ? undefined : 0)) {
        const text = seeds[t]!
        expect(text, `${f.key} in ${t}`).toContain(f.templateLabel.replace(/\s+/g, ''))
        if (f.formula) expect(text, `${f.key} formula`).toContain(f.formula)
        if (f.guidance) expect(text, `${f.key} guidance`).toContain(f.guidance)
      }
    }
  })
})

describe('JSON Schema', () => {
  it('docs/park-data.schema.json is up to date (regenerate with npx tsx src/park/write-json-schema.ts)', () => {
    expect(readFileSync(PARK_JSON_SCHEMA_PATH, 'utf8')).toBe(parkDataJsonSchemaText())
  })

  it('carries template labels and constraints', () => {
    const schema = JSON.parse(parkDataJsonSchemaText())
    expect(schema.required).toEqual(['formatVersion', 'kind', 'park', 'practice', 'facts', 'entities'])
    expect(schema.properties.park.properties.name).toEqual({ type: 'string', minLength: 1, title: '工业园区名称' })
    expect(schema.properties.indicators.properties.scale.properties.addedValueShareOfCityGdp.additionalProperties).toEqual({
      type: 'number', minimum: 0, maximum: 100,
    })
    expect(schema.properties.indicators.properties.scale.properties.revenue.propertyNames).toEqual({ type: 'string', pattern: '^\\d{4}$' })
  })

  it('rejects unknown keys (strict objects)', () => {
    const input = loadParkJson('nanling-green') as Record<string, unknown>
    expect(ParkDataSchema.safeParse({ ...input, notes: 'x' }).success).toBe(false)
  })
})

describe('docs/park-data.md', () => {
  const doc = readFileSync(new URL('../../docs/park-data.md', import.meta.url), 'utf8')
  it('documents every indicator key and every issue code', () => {
    expect(INDICATOR_FIELDS.map((f) => f.key).filter((k) => !doc.includes(`\`${k}\``))).toEqual([])
    expect(PARK_ISSUE_CODES.filter((c) => !doc.includes(`\`${c}\``))).toEqual([])
  })
})
