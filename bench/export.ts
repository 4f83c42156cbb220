/**
 * Word export benchmark: the example report (nanling-green, ≈1500字) alone and inside the whole 经验总结材料 form,
 * p50 over repeated exports after one warm-up; with charts, rendering included (the chart font is loaded once per
 * process, in the warm-up).
 */
import { readFileSync } from 'node:fs'
import { renderCharts } from '../src/export/charts.js'
import { exportFormDocx } from '../src/export/form-docx.js'
import { exportReportDocx } from '../src/export/report-docx.js'
import { getKind } from '../src/kinds/registry.js'
import { parseReport } from '../src/model/parse-report.js'
import { ParkDataSchema } from '../src/park/park-schema.js'
import { percentile, timeMs, type BenchRow } from './bench-kit.js'

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const ROUNDS = 30

async function p50(fn: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await fn()
  const samples: number[] = []
  for (let i = 0; i < rounds; i += 1) samples.push(await timeMs(fn))
  return percentile(samples, 50)
}

export async function benchExport(): Promise<BenchRow[]> {
  const park = ParkDataSchema.parse(JSON.parse(fixture('parks/nanling-green.json')))
  const report = parseReport(fixture('drafts/nanling-green.txt'))
  const kind = getKind('innovation-green')

  const reportMs = await p50(() => exportReportDocx(report, kind))
  const formMs = await p50(() => exportFormDocx(park, report, kind))
  const chartsMs = await p50(() => renderCharts(park, kind), 10)
  const formChartsMs = await p50(() => exportFormDocx(park, report, kind, { charts: true }), 10)

  return [
    { name: 'export: report .docx p50', value: reportMs, unit: 'ms', target: '≤ 100 ms' },
    { name: 'export: whole form .docx p50', value: formMs, unit: 'ms', target: '≤ 300 ms' },
    { name: 'export: render 2 charts (PNG) p50', value: chartsMs, unit: 'ms' },
    { name: 'export: whole form .docx with charts p50', value: formChartsMs, unit: 'ms' },
  ]
}
