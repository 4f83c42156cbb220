/** Offline drafting: plan (with retrieval) + compose + check for each fixture park, the default path of `draft`. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { PolicyCorpus } from '../src/corpus/policy-corpus.js'
import { draftReport } from '../src/draft/draft-report.js'
import { requireValidPark } from '../src/park/read-park.js'
import { percentile, timeMs, valueRow, type BenchRow } from './bench-kit.js'
import { runLoad, startProductServer } from './http-load.js'

const PARKS = ['nanling-green', 'jialan-digital', 'lingjiang-green']

export async function benchDraft(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-report-bench-draft-'))
  try {
    const config = loadConfig({ DATA_DIR: dataDir })
    const corpus = await PolicyCorpus.open(config)
    const rows: BenchRow[] = []
    for (const name of PARKS) {
      const park = requireValidPark(JSON.parse(readFileSync(new URL(`../fixtures/parks/${name}.json`, import.meta.url), 'utf8')))
      const times: number[] = []
      let errors = 0
      for (let i = 0; i < 20; i += 1) {
        times.push(await timeMs(async () => {
          const outcome = await draftReport({ park, mode: 'offline' }, { config, corpus })
          errors = outcome.findings.filter((f) => f.severity === 'error').length
        }))
      }
      rows.push({ name: `offline draft ${name} (plan + compose + check) p50`, value: percentile(times.slice(2), 50), unit: 'ms' })
      rows.push({ name: `offline draft ${name}: checker errors`, value: errors, unit: 'count', target: '0' })
    }
    // Concurrent first drafts over HTTP (plan with retrieval, compose, check), as several people pressing 生成初稿.
    const park = readFileSync(new URL('../fixtures/parks/jialan-digital.json', import.meta.url), 'utf8')
    // One load generator stands for many people: the per-address rate limit (429) would otherwise answer most of it.
    const server = await startProductServer({ RATE_LIMIT_PER_MINUTE: '0' })
    try {
      const load = runLoad(server, { path: '/api/draft', method: 'POST', body: `{"park":${park}}` }, { connections: 8, durationSeconds: 5 })
      rows.push(
        valueRow('HTTP', 'POST /api/draft (offline), 8 connections: requests/s', load.requestsPerSecond, 'req/s'),
        valueRow('HTTP', 'POST /api/draft (offline): latency p99', load.p99, 'ms'),
        valueRow('HTTP', 'POST /api/draft (offline): errors + timeouts + non-2xx', load.failures, 'count', { text: '0', met: load.failures === 0 }),
      )
    } finally {
      await server.stop()
    }
    return rows
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
