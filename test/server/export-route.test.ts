import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { walkSections } from '../../src/model/sections.js'
import { createApp } from '../../src/server/app.js'
import { contentDisposition } from '../../src/server/routes/export.js'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park = JSON.parse(fixture('parks/nanling-green.json')) as unknown
const draft = fixture('drafts/nanling-green.txt')
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('POST /api/export', () => {
  let dataDir: string
  let app: Hono
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-export-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    app = createApp({ config, corpus: await PolicyCorpus.open(config) })
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('returns the report as .docx with a Chinese file name, readable back with the same sections and no format finding', async () => {
    const response = await app.request('/api/export', post({ text: draft, park }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(response.headers.get('content-disposition')).toBe(contentDisposition('南岭经济技术开发区-报告.docx'))
    const { doc, paragraphs } = await parseDocxReport(new Uint8Array(await response.arrayBuffer()))
    expect([...walkSections(doc.sections)].map((s) => s.path)).toContain('二、创新举措/（一）/1.')
    const { findings } = checkReport({ doc, kind: getKind('innovation-green'), docxParagraphs: paragraphs })
    expect(findings.filter((f) => f.rule === 'format')).toEqual([])
  })

  it('returns the whole form, and refuses the form without park data', async () => {
    const form = await app.request('/api/export', post({ text: draft, park, form: true }))
    expect(form.status).toBe(200)
    expect(decodeURIComponent(form.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('南岭经济技术开发区-经验总结材料.docx')
    const refused = await app.request('/api/export', post({ text: draft, kind: 'innovation-green', form: true }))
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({ error: { code: 'form_needs_park' } })
  })

  it('encodes the Chinese file name for Content-Disposition', () => {
    expect(contentDisposition('园区-报告.docx')).toBe(
      `attachment; filename="report.docx"; filename*=UTF-8''%E5%9B%AD%E5%8C%BA-%E6%8A%A5%E5%91%8A.docx`,
    )
  })
})
