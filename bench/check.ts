/**
 * Checker benchmarks: a ≈3000-字 draft through every rule in-process (target p50 ≤ 5 ms), a hostile run-on
 * sentence of figures, and POST /api/check under load.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkReport } from '../src/check/check-report.js'
import { forgetAnalyzedTexts } from '../src/check/term-overlap.js'
import { loadConfig } from '../src/config.js'
import { PolicyCorpus } from '../src/corpus/policy-corpus.js'
import { getKind } from '../src/kinds/registry.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { validateParkData } from '../src/park/validate-park.js'
import { createApp } from '../src/server/app.js'
import { percentile, timeMs, type BenchRow } from './bench-kit.js'
import { loadTest } from './http-load.js'

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')

/** The clean fixture draft with its body paragraphs repeated until the report is about 3000 字. */
export function draftOfAbout3000Zishu(): string {
  const base = fixture('drafts/nanling-green.txt')
  const background = base.slice(base.indexOf('南岭经济技术开发区始建于'), base.indexOf('\n\n二、创新举措'))
  let text = base
  while (reportZishu(parseReport(text)).total < 2900) text = text.replace('\n\n二、创新举措', `\n${background}\n\n二、创新举措`)
  return text
}

export async function benchCheck(): Promise<BenchRow[]> {
  const text = draftOfAbout3000Zishu()
  const parkJson = JSON.parse(fixture('parks/nanling-green.json')) as unknown
  const validated = validateParkData(parkJson)
  if (!validated.ok) throw new Error('fixture park is invalid')
  const kind = getKind('innovation-green')
  const run = () => checkReport({ doc: parseReport(text), kind, park: validated.park })
  for (let i = 0; i < 20; i += 1) run()
  const times: number[] = []
  for (let i = 0; i < 200; i += 1) times.push(await timeMs(run))
  // The checker keeps the jieba analysis of texts it has seen (term-overlap.ts): a draft checked for the first time
  // segments all of its passages and the park's practice texts.
  const firstTimes: number[] = []
  for (let i = 0; i < 200; i += 1) {
    forgetAnalyzedTexts()
    firstTimes.push(await timeMs(run))
  }

  // Hostile input: a run-on sentence of 1000 figures (a pasted table). The figure rules look at each figure's
  // neighbours only, so this stays linear; comparing every pair of the sentence for every figure took minutes.
  const runOn = `一、背景介绍\n${'2025年增长12.5%，'.repeat(500)}。\n二、创新举措\n${Array.from({ length: 500 }, (_, i) => `${i + 3.7}`).join('、')}万吨。`
  const runOnMs = await timeMs(() => checkReport({ doc: parseReport(runOn), kind, park: validated.park }))

  const dataDir = mkdtempSync(join(tmpdir(), 'park-report-bench-'))
  try {
    const config = loadConfig({ DATA_DIR: dataDir })
    const app = createApp({ config, corpus: await PolicyCorpus.open(config) })
    const load = await loadTest(app, { name: 'POST /api/check', path: '/api/check', method: 'POST', body: JSON.stringify({ text, park: parkJson }) })
    return [
      { name: `check: ${reportZishu(parseReport(text)).total}-字 draft, all rules, p50`, value: percentile(times, 50), unit: 'ms', target: '≤ 5 ms' },
      { name: 'check: same draft, p95', value: percentile(times, 95), unit: 'ms' },
      { name: 'check: same draft, first check of its text, p50', value: percentile(firstTimes, 50), unit: 'ms', target: '≤ 5 ms' },
      { name: 'check: same draft, first check of its text, p95', value: percentile(firstTimes, 95), unit: 'ms' },
      { name: 'check: 1000 figures in run-on sentences (hostile input), once', value: runOnMs, unit: 'ms', target: '≤ 1000 ms' },
      ...load,
    ]
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
