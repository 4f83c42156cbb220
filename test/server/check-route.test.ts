import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import type { Hono } from 'hono'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park = JSON.parse(fixture('parks/nanling-green.json')) as unknown
const cleanDraft = fixture('drafts/nanling-green.txt')
const post = (path: string, body: unknown) =>
  ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) as const

type CheckBody = { kind: string; findings: { rule: string; severity: string; start: number; end: number; line: number }[]; stats: { total: number } }

describe('POST /api/check and reference routes', () => {
  let dataDir: string
  let app: Hono

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-check-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    app = createApp({ config, corpus: await PolicyCorpus.open(config) })
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('finds no error in the clean fixture draft for its park', async () => {
    const response = await app.request('/api/check', post('/api/check', { text: cleanDraft, park }))
    const body = (await response.json()) as CheckBody
    expect(response.status).toBe(200)
    expect(body.kind).toBe('innovation-green')
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(body.stats.total).toBe(1031)
  })

  it('points a planted placeholder at its exact span', async () => {
    const text = cleanDraft.replace('南岭市绿源环保科技有限公司', 'XX环保科技有限公司')
    const body = (await (await app.request('/api/check', post('/api/check', { text, park }))).json()) as CheckBody
    const placeholder = body.findings.find((f) => f.rule === 'placeholder')!
    expect(text.slice(placeholder.start, placeholder.end)).toBe('XX')
  })

  it('checks an uploaded draft file with the park as a form field', async () => {
    const form = new FormData()
    form.append('file', new File([new Uint8Array(Buffer.from(cleanDraft))], '草稿.txt', { type: 'text/plain' }))
    form.append('park', JSON.stringify(park))
    const response = await app.request('/api/check', { method: 'POST', body: form })
    expect(response.status).toBe(200)
    expect(((await response.json()) as CheckBody).findings.filter((f) => f.severity === 'error')).toEqual([])
  })

  it.each([
    [{ park }, 400, 'invalid_request'],
    [{ text: '   ', park }, 422, 'empty_draft'],
    [{ text: cleanDraft, kind: 'annual' }, 400, 'unknown_kind'],
    [{ text: cleanDraft, kind: '__proto__' }, 400, 'unknown_kind'],
    [{ text: cleanDraft, park: { kind: 'innovation-green' } }, 422, 'invalid_park'],
  ])('answers bad input %# with a Chinese 4xx', async (body, status, code) => {
    const response = await app.request('/api/check', post('/api/check', body))
    expect(response.status).toBe(status)
    const json = (await response.json()) as { error: { code: string; message: string } }
    expect(json.error.code).toBe(code)
    expect(json.error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('answers malformed JSON with 400', async () => {
    const response = await app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })

  it('lists the kinds and validates park data', async () => {
    const kinds = (await (await app.request('/api/kinds')).json()) as { kinds: { id: string }[] }
    expect(kinds.kinds.map((k) => k.id)).toEqual(['innovation-digital', 'innovation-green', 'base-annual-report', 'base-excellent-case'])
    const valid = (await (await app.request('/api/parks/validate', post('', park))).json()) as { ok: boolean }
    expect(valid.ok).toBe(true)
    const invalid = (await (await app.request('/api/parks/validate', post('', { formatVersion: 1 }))).json()) as { ok: boolean; issues: { path: string }[] }
    expect(invalid.ok).toBe(false)
    expect(invalid.issues.map((i) => i.path)).toContain('$.park')
  })
})
