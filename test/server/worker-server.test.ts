import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { WorkerPool } from '../../src/jobs/worker-pool.js'
import { createApp } from '../../src/server/app.js'

/**
 * The server as `npm start` runs it: checks, exports and offline drafts in worker threads that load the TypeScript
 * job code themselves. Same answers as in-process, and the event loop answers /api/health while a check runs.
 */

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park = JSON.parse(fixture('parks/nanling-green.json')) as unknown
const cleanDraft = fixture('drafts/nanling-green.txt')
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) as const

describe('the server with its worker pool', () => {
  let dataDir: string
  let pooled: Hono
  let inline: Hono
  let jobs: WorkerPool

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-workers-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    const corpus = await PolicyCorpus.open(config)
    // Patient budgets: on a loaded test machine a thread's first job (loading code, building the checker's tables)
    // takes seconds; the budgets themselves are tested in test/jobs/worker-pool.test.ts.
    const patient = { check: 170_000, export: 170_000, draft: 170_000 }
    jobs = new WorkerPool({ corpusConfig: config, size: 2, maxThreadWaitMs: 170_000, budgets: patient })
    pooled = createApp({ config, corpus, jobs })
    inline = createApp({ config, corpus })
  })
  afterAll(async () => {
    await jobs.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('checks in a worker thread with the same answer as in-process', async () => {
    const [fromWorker, fromInline] = await Promise.all(
      [pooled, inline].map(async (app) => {
        const response = await app.request('/api/check', post({ text: cleanDraft, park }))
        return { status: response.status, type: response.headers.get('content-type'), body: await response.json() }
      }),
    )
    expect(fromWorker).toEqual(fromInline)
    expect(fromWorker?.status).toBe(200)
  })

  it('answers /api/health while a long check runs', async () => {
    const flood = '一、\n（一）\n1.\n（1）\n'.repeat(500)
    const order: string[] = []
    const check = Promise.resolve(pooled.request('/api/check', post({ text: flood }))).then((response) => order.push(`check ${response.status}`))
    await new Promise((resolve) => setImmediate(resolve))
    const health = await pooled.request('/api/health')
    order.push(`health ${health.status}`)
    await check
    expect(order).toEqual(['health 200', 'check 200'])
  })

  it('exports Word and drafts offline in worker threads', async () => {
    const exported = await pooled.request('/api/export', post({ text: cleanDraft, park }))
    expect(exported.status).toBe(200)
    expect(Buffer.from(await exported.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK')
    const drafted = await pooled.request('/api/draft', post({ park }))
    const body = (await drafted.json()) as { text: string; check: { stats: { errors: number } } }
    expect(drafted.status).toBe(200)
    expect(body.text).toContain('【摘要】')
  })
})
