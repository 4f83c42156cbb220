import { existsSync, readFileSync } from 'node:fs'
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { chartFontPath, chartSpecs, renderChart, renderCharts, valueAt, type ChartSpec } from '../../src/export/charts.js'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'

const loadPark = (name: string): ParkData =>
  ParkDataSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')))
const nanling = loadPark('nanling-green')

describe('chartSpecs: only figures from the park data', () => {
  it('pairs before/after figures as deriveFigures does, and takes the scale trend from the indicators', () => {
    expect(chartSpecs(nanling)).toEqual([
      {
        id: 'before-after',
        title: '创新实践前后关键指标对比',
        items: [
          { label: '绿电消费占比', unit: '%', before: { period: '2023', value: 9.5 }, after: { period: '2025', value: 27.8 }, change: { value: 18.3, unit: '百分点' } },
          // The 2023 fact joined by the 2025 indicator value of 绿色安全情况.
          { label: '单位能耗碳排放', unit: '吨/吨标准煤', before: { period: '2023', value: 2.46 }, after: { period: '2025', value: 2.05 }, change: { value: -16.7, unit: '%' } },
          { label: '工业固体废弃物综合利用率', unit: '%', before: { period: '2023', value: 71.3 }, after: { period: '2025', value: 93.6 }, change: { value: 22.3, unit: '百分点' } },
          { label: '一般生产安全事故', unit: '起', before: { period: '2023', value: 2 }, after: { period: '2025', value: 0 }, change: { value: -100, unit: '%' } },
          { label: '预警平均响应时间', unit: '分钟', before: { period: '2023', value: 45 }, after: { period: '2025', value: 8 }, change: { value: -82.2, unit: '%' } },
        ],
      },
      {
        id: 'scale-trend',
        title: '营业收入与主导产业营业收入（2023—2025年）',
        unit: '亿元',
        years: ['2023', '2024', '2025'],
        series: [
          { label: '营业收入', values: [{ year: '2023', value: 803.6 }, { year: '2024', value: 887.5 }, { year: '2025', value: 968.2 }] },
          { label: '主导产业营业收入', values: [{ year: '2023', value: 389.1 }, { year: '2024', value: 451.8 }, { year: '2025', value: 512.4 }] },
        ],
      },
    ])
  })

  it('draws nothing the data does not have: no pairs and no yearly indicators, no chart', () => {
    const bare: ParkData = { ...nanling, facts: nanling.facts.filter((f) => f.period === undefined), indicators: {} }
    expect(chartSpecs(bare)).toEqual([])
  })

  it('takes the first and the last period when a label has more than two', () => {
    const facts = [
      { label: '绿电消费占比', value: 9.5, unit: '%', period: '2023' },
      { label: '绿电消费占比', value: 15.2, unit: '%', period: '2024' },
      { label: '绿电消费占比', value: 27.8, unit: '%', period: '2025' },
    ]
    const [spec] = chartSpecs({ ...nanling, facts, indicators: {} })
    expect(spec).toMatchObject({ id: 'before-after', items: [{ before: { period: '2023', value: 9.5 }, after: { period: '2025', value: 27.8 } }] })
  })

  it('reads values at the JSON paths derived.ts writes', () => {
    expect(valueAt(nanling, '$.facts[2].value')).toBe(2.46)
    expect(valueAt(nanling, '$.indicators.green.carbonPerEnergy')).toBe(2.05)
    expect(valueAt(nanling, "$.indicators.scale.revenue['2024']")).toBe(887.5)
    expect(valueAt(nanling, '$.indicators.digital.dualGigabitCoverage')).toBeUndefined()
    expect(valueAt(nanling, 'not a path')).toBeUndefined()
  })
})

describe('renderChart: PNG with Chinese text from the npm font', () => {
  it('loads Noto Sans SC from the @embedpdf/fonts-sc package, not from the system', () => {
    const path = chartFontPath()
    expect(path).toMatch(/node_modules\/@embedpdf\/fonts-sc\/fonts\/NotoSansHans-Regular\.otf$/)
    expect(existsSync(path)).toBe(true)
  })

  it('renders both charts as PNGs at twice the display size, with their captions and alt texts', async () => {
    const charts = await renderCharts(nanling)
    expect(GlobalFonts.has('ParkReportChartSans')).toBe(true)
    expect(charts.map((c) => [c.id, c.title, c.widthPx, c.heightPx])).toEqual([
      ['before-after', '创新实践前后关键指标对比', 1120, 760],
      ['scale-trend', '营业收入与主导产业营业收入（2023—2025年）', 1120, 600],
    ])
    expect(charts[0]!.description).toBe(
      '绿电消费占比：2023年9.5%，2025年27.8%；单位能耗碳排放：2023年2.46吨/吨标准煤，2025年2.05吨/吨标准煤；工业固体废弃物综合利用率：2023年71.3%，2025年93.6%；一般生产安全事故：2023年2起，2025年0起；预警平均响应时间：2023年45分钟，2025年8分钟',
    )
    for (const chart of charts) {
      expect([...chart.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      const image = await loadImage(Buffer.from(chart.png))
      expect([image.width, image.height]).toEqual([chart.widthPx, chart.heightPx])
    }
  })

  it('draws the panel titles: ink in the title band of the first panel', async () => {
    const spec: ChartSpec = { id: 'before-after', title: 't', items: [{ label: '单位能耗碳排放', unit: '吨/吨标准煤', before: { period: '2023', value: 2.46 }, after: { period: '2025', value: 2.05 } }] }
    const chart = await renderChart(spec)
    const canvas = createCanvas(chart.widthPx, chart.heightPx)
    const g = canvas.getContext('2d')
    g.drawImage(await loadImage(Buffer.from(chart.png)), 0, 0)
    const band = g.getImageData(0, 0, chart.widthPx, 48).data
    let dark = 0
    for (let i = 0; i < band.length; i += 4) if (band[i]! < 128) dark += 1
    expect(dark).toBeGreaterThan(500)
  })
})
