import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { getKind } from '../../src/kinds/registry.js'
import { openZip } from '../../src/model/docx-zip.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { walkSections } from '../../src/model/sections.js'
import { createApp } from '../../src/server/app.js'
import { contentDisposition } from '../../src/server/file-response.js'

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
    expect(response.headers.get('content-disposition')).toBe(contentDisposition('南岭经济技术开发区-报告.docx', 'report.docx'))
    const { doc, paragraphs } = await parseDocxReport(new Uint8Array(await response.arrayBuffer()))
    expect([...walkSections(doc.sections)].map((s) => s.path)).toContain('二、创新举措/（一）/1.')
    const { findings } = checkReport({ doc, kind: getKind('innovation-green'), docxParagraphs: paragraphs })
    expect(findings.filter((f) => f.rule === 'format')).toEqual([])
  })

  it('says with the file when the report is over its 字数 limit or still has errors (X-Export-Warnings)', async () => {
    const lines = draft.split('\n')
    // 18 more copies of the background's first paragraph: 3,137 字 against the limit of 3,000.
    const long = [...lines.slice(0, 6), ...Array<string>(18).fill(lines[5]!), ...lines.slice(6)].join('\n')
    const over = await app.request('/api/export', post({ text: long, park }))
    expect(over.status).toBe(200)
    expect(over.headers.get('x-export-warnings')!.split(',').map(decodeURIComponent)).toEqual(['全文共3137字，超出3000字上限137字：文件已导出，提交前请压缩。'])
    const flawed = await app.request('/api/export', post({ text: draft.replace('获评国家级', '获评工信部国家级'), park }))
    expect(flawed.headers.get('x-export-warnings')!.split(',').map(decodeURIComponent)).toEqual(['审校仍有 1 个错误未处理：文件已导出，建议先在审校中修改后再导出。'])
    const clean = await app.request('/api/export', post({ text: draft, park }))
    expect(clean.headers.get('x-export-warnings')).toBeNull()
  })

  it('returns the report with the changes from a previous version as tracked changes, and refuses them on the whole form', async () => {
    const rewritten = draft.replace('建设年处理12万吨硫酸钠资源化项目', '建成年处理12万吨的硫酸钠资源化利用项目')
    const response = await app.request('/api/export', post({ text: rewritten, previous: draft, park }))
    expect(response.status).toBe(200)
    expect(decodeURIComponent(response.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('南岭经济技术开发区-修订稿.docx')
    const xml = new TextDecoder().decode(openZip(new Uint8Array(await response.arrayBuffer()), { maxEntries: 100, maxUncompressedBytes: 1e8 }).read('word/document.xml')!)
    const revisions = [...xml.matchAll(/<w:(ins|del) w:id="\d+" w:author="园区报告助手" w:date="[^"]+">[\s\S]*?<w:(?:t|delText) xml:space="preserve">([^<]*)</g)]
    expect(revisions.map((m) => [m[1], m[2]])).toEqual([['del', '设'], ['ins', '成'], ['ins', '的'], ['ins', '利用']])
    const refused = await app.request('/api/export', post({ text: rewritten, previous: draft, park, form: true }))
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ error: { code: 'revisions_of_form', message: '修订稿只导出报告正文：请取消“整份经验总结材料”后再导出修订稿。' } })
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
    expect(contentDisposition('园区-报告.docx', 'report.docx')).toBe(
      `attachment; filename="report.docx"; filename*=UTF-8''%E5%9B%AD%E5%8C%BA-%E6%8A%A5%E5%91%8A.docx`,
    )
  })
})
