import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import { readIndicatorWorkbook } from '../../src/ingest/indicator-workbook.js'
import { makeZip } from '../model/ooxml-package.js'
import { declaredImage, onePagePdf } from '../helpers/make-pdf.js'
import { rejectionOf } from '../helpers/user-error.js'
import { json, multipart, openTestWorkspace, parkFixture, type TestWorkspace } from './workspace-helpers.js'

/**
 * Hostile and careless requests from issue 15, each answered with its exact status and Chinese body: bodies over the
 * limit whatever their Content-Type or framing, zip bombs hidden in parts the old check skipped, a million-row
 * workbook, absurd numbers in park data, unknown rule names, over-long drafts, and the security headers.
 */

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park = JSON.parse(fixture('parks/nanling-green.json')) as { facts: { value: number }[] }
const cleanDraft = fixture('drafts/nanling-green.txt')
const MB = 1024 * 1024
const jsonTooLarge = {
  error: {
    code: 'body_too_large',
    message: '请求内容超过 5 MB 的大小限制。草稿正文应在 3000 字左右；园区材料过长时，请删去与报告无关的部分，或分多次上传。',
  },
}

async function answer(response: Response | Promise<Response>): Promise<{ status: number; body: unknown }> {
  const settled = await response
  return { status: settled.status, body: await settled.json() }
}

/** A body sent in chunks with no Content-Length, as a streaming client sends it. */
function chunked(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      controller.enqueue(new Uint8Array(chunk).fill(0x41))
      sent += chunk
    },
  })
}

describe('hostile requests', () => {
  let dataDir: string
  let app: Hono

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-hostile-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    app = createApp({ config, corpus: await PolicyCorpus.open(config) })
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('refuses a 6 MB body sent as text/plain with 413', async () => {
    const body = 'A'.repeat(6 * MB)
    expect(await answer(app.request('/api/check', { method: 'POST', headers: { 'content-type': 'text/plain' }, body }))).toEqual({ status: 413, body: jsonTooLarge })
  })

  it('refuses a 6 MB body with no Content-Type with 413', async () => {
    const body = new Uint8Array(6 * MB).fill(0x41)
    expect(await answer(app.request('/api/parks/validate', { method: 'POST', body }))).toEqual({ status: 413, body: jsonTooLarge })
  })

  it('refuses a chunked 6 MB body (no Content-Length) with 413', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked(6 * MB), duplex: 'half' } as RequestInit
    expect(await answer(app.request('/api/check', init))).toEqual({ status: 413, body: jsonTooLarge })
  })

  it('refuses a 6 MB multipart body on a route that takes no file with 413', async () => {
    const form = new FormData()
    form.append('file', new File([new Uint8Array(6 * MB)], 'park.json'))
    expect(await answer(app.request('/api/parks/validate', { method: 'POST', body: form }))).toEqual({ status: 413, body: jsonTooLarge })
  })

  it('answers a draft over 60,000 characters with 413, as the README says', async () => {
    const text = '园'.repeat(60_001)
    expect(await answer(app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) }))).toEqual({
      status: 413,
      body: { error: { code: 'draft_too_long', message: '草稿过长（60001 个字符，上限 60000）。请只提交报告正文。' } },
    })
  })

  it('names an unknown rule in config instead of ignoring it', async () => {
    const response = await answer(
      app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: cleanDraft, config: { punctuaton: { severity: 'off' } } }) }),
    )
    expect(response.status).toBe(400)
    const error = (response.body as { error: { code: string; message: string; path: string } }).error
    expect([error.code, error.path]).toEqual(['unknown_rule', 'config.punctuaton'])
    expect(error.message).toMatch(/^config 中有不存在的检查规则：“punctuaton”。请检查拼写；可设置的规则有：.*punctuation/)
  })

  it.each([1e308, -1e308, 1e-320])('refuses a park with a fact of %s on /api/draft with 422 and the field, never 500', async (value) => {
    const hostile = structuredClone(park)
    hostile.facts[0]!.value = value
    const response = await answer(app.request('/api/draft', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ park: hostile }) }))
    expect(response.status).toBe(422)
    const error = (response.body as { error: { code: string; message: string; issues: { path: string; code: string; message: string }[] } }).error
    expect(error.code).toBe('invalid_park')
    expect(error.issues).toEqual([
      {
        path: '$.facts[0].value',
        code: 'number-out-of-range',
        message: `“数值”（量化数据第1项）（${value}）超出合理范围：数值的绝对值应在0.000001到1000万亿之间（或为0），请检查是否多输了位数或用错了单位`,
      },
    ])
  })

  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
  it.each([
    ['park data nested 100,000 arrays deep on /api/check', '/api/check', `{"text":"一、背景介绍\\n园区概况。","park":${deep(100_000)}}`],
    ['a rule setting nested 100,000 arrays deep', '/api/check', `{"text":"一、背景介绍\\n园区概况。","config":{"length":${deep(100_000)}}}`],
    ['an object nested 100,000 deep on /api/parks/validate', '/api/parks/validate', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
  ])('refuses %s with 400 before any validator walks it', async (_name, path, body) => {
    expect(await answer(app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }))).toEqual({
      status: 400,
      body: { error: { code: 'json_too_deep', message: '请求内容的嵌套层级超过 64 层，请检查数据结构。' } },
    })
  })

  const unknownKindMessage = '未知的报告类型“annual”。可选的报告类型：innovation-digital、innovation-green、base-annual-report、base-excellent-case。'
  it('answers an unknown kind in a path 404 (no such resource) and in a request body 400 (a bad request), with the same message', async () => {
    expect(await answer(app.request('/api/kinds/annual'))).toEqual({ status: 404, body: { error: { code: 'kind_not_found', message: unknownKindMessage } } })
    expect(await answer(app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: cleanDraft, kind: 'annual' }) }))).toEqual({
      status: 400,
      body: { error: { code: 'unknown_kind', message: unknownKindMessage, path: 'kind' } },
    })
  })

  it('refuses an upload of ten thousand tiny form parts at the limit', async () => {
    const boundary = '----hostile-parts'
    const body = Array.from({ length: 10_000 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n1\r\n`).join('') + `--${boundary}--\r\n`
    expect(await answer(app.request('/api/documents', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body }))).toEqual({
      status: 400,
      body: { error: { code: 'too_many_parts', message: '上传的表单内容过多（最多 16 项、4 个文件）。请每次只选择一个文件上传，不要附加其他内容。' } },
    })
  })

  it('reads a “.pdf” that is really a zip by its content, and says how to fix it', async () => {
    const form = new FormData()
    form.append('file', new File([new Uint8Array([0x50, 0x4b, 3, 4, ...new Uint8Array(100)])], '政策.pdf'))
    expect(await answer(app.request('/api/documents', { method: 'POST', body: form }))).toEqual({
      status: 422,
      body: { error: { code: 'unreadable_docx', message: 'Word 文档已损坏或格式不正确，无法读取：请用 Word 打开后另存为 .docx 再上传。' } },
    })
  })

  it('refuses a policy .docx whose relationships point at a part that inflates past its declared size', async () => {
    const rels =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.bin"/></Relationships>'
    const data = makeZip([
      { name: '_rels/.rels', data: rels },
      { name: 'word/document.xml', data: '<w:document/>' },
      // 8 MB of zeros that the directory says is 1 KB: mammoth would inflate it all.
      { name: 'word/main.bin', data: new Uint8Array(8 * MB), declaredSize: 1024 },
    ])
    const form = new FormData()
    form.append('file', new File([data], '政策.docx'))
    expect(await answer(app.request('/api/documents', { method: 'POST', body: form }))).toEqual({
      status: 413,
      body: {
        error: {
          code: 'docx_too_large',
          message: 'Word 文档解压后内容过大或文件数量过多，已拒绝处理：请删去文档中的图片、嵌入对象后用 Word 另存为 .docx，再重新上传。',
        },
      },
    })
  })

  it('sends a complete Content-Security-Policy', async () => {
    const csp = (await app.request('/')).headers.get('content-security-policy') ?? ''
    for (const directive of ["base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'", "default-src 'self'"]) {
      expect(csp).toContain(directive)
    }
  })
})

describe('hostile workbooks (read before exceljs sees them)', () => {
  const sheet = (rows: number) =>
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"/>`).join('') +
    '</sheetData></worksheet>'

  it('refuses a workbook whose media entry inflates past its declared size', async () => {
    const data = makeZip([
      { name: 'xl/worksheets/sheet1.xml', data: sheet(3) },
      { name: 'xl/media/image1.png', data: new Uint8Array(8 * MB), declaredSize: 2048 },
    ])
    const error = await rejectionOf(readIndicatorWorkbook(data, 'innovation-green'))
    expect([error.code, error.message, error.status]).toEqual(['workbook_too_large', 'Excel 文件解压后过大或结构异常，已拒绝导入：请删去其中的图片、附件和其他工作表，另存后再导入。', 422])
  })

  it('refuses a million-row sheet from its XML', async () => {
    const data = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(1_000_000) }])
    const error = await rejectionOf(readIndicatorWorkbook(data, 'innovation-green'))
    expect([error.code, error.message, error.status]).toEqual([
      'workbook_too_large',
      '工作簿的行数过多（超过 500 行），请只保留指标表：删去其他工作表和多余的行后另存，再重新导入。',
      422,
    ])
  })
})

/**
 * Careless and hostile requests on every route family, over a real workspace: each answered with its exact status and
 * error code, and a message in Chinese (no stack trace, no programmer's English).
 */
describe('hostile requests on every route (status, code, a Chinese message)', () => {
  let ws: TestWorkspace
  let parkId: string
  const nanling = parkFixture('nanling-green') as unknown as Record<string, unknown> & { facts: Record<string, unknown>[] }
  const withFact = (value: number) => ({ ...nanling, facts: [{ ...nanling.facts[0], value }, ...nanling.facts.slice(1)] })
  const file = (data: string | Uint8Array, name: string) => new File([data as Uint8Array<ArrayBuffer>], name)
  const sheetOf = (rows: number, cellsPerRow: number) =>
    '<worksheet><sheetData>' + Array.from({ length: rows }, (_, r) => `<row r="${r + 1}">${'<c/>'.repeat(cellsPerRow)}</row>`).join('') + '</sheetData></worksheet>'

  beforeAll(async () => {
    ws = await openTestWorkspace()
    const created = (await (await ws.app.request('/api/parks', json('POST', { data: nanling }))).json()) as { park: { id: string } }
    parkId = created.park.id
  }, 180_000)
  afterAll(() => ws?.close())

  const cases: [name: string, path: () => string, init: () => RequestInit, status: number, code: string][] = [
    ['a body cut off in the middle', () => '/api/check', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' }), 400, 'invalid_json'],
    ['an array where an object belongs', () => '/api/check', () => json('POST', [cleanDraft]), 400, 'invalid_request'],
    ['text as a number', () => '/api/check', () => json('POST', { text: 42 }), 400, 'invalid_request'],
    ['a draft of blanks', () => '/api/check', () => json('POST', { text: '   ' }), 422, 'empty_draft'],
    ['an unknown format', () => '/api/check', () => json('POST', { text: cleanDraft, format: 'html' }), 400, 'invalid_request'],
    ['21 materials', () => '/api/check', () => json('POST', { text: cleanDraft, materials: Array.from({ length: 21 }, () => '材料') }), 400, 'invalid_request'],
    ['JSON nested 200,000 deep on /api/check', () => '/api/check', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '['.repeat(200_000) + ']'.repeat(200_000) }), 400, 'json_too_deep'],
    ['JSON nested 200,000 deep on /api/parks/validate', () => '/api/parks/validate', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '['.repeat(200_000) + ']'.repeat(200_000) }), 400, 'json_too_deep'],
    ['5,000 unknown rule names in config', () => '/api/check', () => json('POST', { text: cleanDraft, config: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`r${i}`, { severity: 'off' }])) }), 400, 'unknown_rule'],
    ['a park with a fact of −1e308 on /api/check', () => '/api/check', () => json('POST', { text: cleanDraft, park: withFact(-1e308) }), 422, 'invalid_park'],
    ['a park with a fact of 1e308 on /api/export', () => '/api/export', () => json('POST', { text: cleanDraft, park: withFact(1e308) }), 422, 'invalid_park'],
    // 16,858 one-line headings took 6–9 s to write as Word paragraphs before the paragraph limit.
    ['59,000 characters of heading markers on /api/export', () => '/api/export', () => json('POST', { text: '一、\n（一）\n1.\n（1）\n'.repeat(4215).slice(0, 59_000), kind: 'innovation-green' }), 413, 'too_many_paragraphs'],
    ['a draft of 60,001 characters on /api/export', () => '/api/export', () => json('POST', { text: '园'.repeat(60_001) }), 413, 'draft_too_long'],
    ['a rewrite to 1e308 字', () => '/api/rewrite', () => json('POST', { text: cleanDraft, action: { maxZishu: 1e308 } }), 400, 'invalid_request'],
    ['a rewrite with no action', () => '/api/rewrite', () => json('POST', { text: cleanDraft }), 400, 'invalid_request'],
    ['a query of 2,001 characters', () => '/api/retrieve', () => json('POST', { query: '园'.repeat(2001) }), 400, 'invalid_request'],
    ['an upload with no file', () => '/api/documents', () => multipart({ note: '附件' }), 400, 'missing_file'],
    ['an empty policy file', () => '/api/documents', () => multipart({ file: file('', '政策.txt') }), 422, 'empty_document'],
    ['a program as a policy file', () => '/api/documents', () => multipart({ file: file(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), '政策.exe') }), 415, 'unsupported_type'],
    ['a PNG image as a policy file', () => '/api/documents', () => multipart({ file: file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), '政策.png') }), 415, 'unsupported_type'],
    ['a truncated PDF', () => '/api/documents', () => multipart({ file: file('%PDF-1.7\n1 0 obj <<', '政策.pdf') }), 422, 'unreadable_pdf'],
    // A 35 KB PDF whose page inflates to 32 MB of blanks (an 800 MB one kept a thread busy 35 s before the check).
    ['a PDF whose page inflates 1,000-fold', () => '/api/documents', () => multipart({ file: file(onePagePdf(`BT /F1 12 Tf 72 712 Td (Hello) Tj ET\n${' '.repeat(32 * MB)}`), '政策.pdf') }), 413, 'pdf_too_large'],
    ['a PDF page drawing a 20,000 × 19,000-pixel image', () => '/api/documents', () => multipart({ file: file(onePagePdf('q 595 0 0 842 0 0 cm /Im1 Do Q', declaredImage(20_000, 19_000)), '扫描件.pdf') }), 413, 'pdf_image_too_large'],
    ['a GBK text file', () => '/api/documents', () => multipart({ file: file(new Uint8Array([0xd5, 0xfe, 0xb2, 0xdf, 0xce, 0xc4, 0xbc, 0xfe, 0xff, 0xfe, 0x81]), '政策.txt') }), 422, 'not_utf8'],
    ['a .docx of 1,500 entries', () => '/api/documents', () => multipart({ file: file(makeZip(Array.from({ length: 1500 }, (_, i) => ({ name: `word/p${i}.xml`, data: '<a/>' }))), '政策.docx') }), 413, 'docx_too_large'],
    ['a .docx with the same entry twice', () => '/api/documents', () => multipart({ file: file(makeZip([{ name: 'word/document.xml', data: '<a/>' }, { name: 'word/document.xml', data: '<b/>' }]), '政策.docx') }), 422, 'unreadable_docx'],
    ['text named .xlsx on the indicator import', () => '/api/parks/import', () => multipart({ file: file('这不是表格', '指标.xlsx'), kind: 'innovation-green' }), 422, 'invalid_workbook'],
    ['a sheet of 240,000 cells in 400 rows', () => '/api/parks/import', () => multipart({ file: file(makeZip([{ name: 'xl/worksheets/sheet1.xml', data: sheetOf(400, 600) }]), '指标.xlsx'), kind: 'innovation-green' }), 422, 'workbook_too_large'],
    ['a park file with a fact of 1e308', () => '/api/parks/import', () => multipart({ file: file(JSON.stringify(withFact(1e308)), 'park.json') }), 422, 'invalid_park'],
    ['a version as text', () => `/api/parks/${parkId}`, () => json('PUT', { data: nanling, version: '1' }), 400, 'invalid_request'],
    ['a version of 1.5', () => `/api/parks/${parkId}`, () => json('PUT', { data: nanling, version: 1.5 }), 400, 'invalid_request'],
    ['a program as a draft', () => `/api/parks/${parkId}/drafts/upload`, () => multipart({ file: file(new Uint8Array([0x4d, 0x5a, 0x90, 0]), '稿.exe') }), 415, 'unsupported_draft'],
    ['a .txt for Word comments', () => '/api/check/annotate', () => multipart({ file: file(cleanDraft, '稿.txt') }), 415, 'annotate_needs_docx'],
    ['a .docx with no text', () => '/api/check', () => multipart({ file: file(makeZip([{ name: 'word/document.xml', data: '<w:document/>' }]), '稿.docx') }), 422, 'empty_draft'],
    ['a 汇总表 of a kind that has none', () => `/api/parks/${parkId}/summary-table`, () => multipart({ file: file(makeZip([{ name: 'xl/media/a.png', data: new Uint8Array(8 * MB), declaredSize: 100 }]), '汇总表.xlsx'), version: '1' }), 422, 'no_summary_table'],
    ['a document id that climbs out of the store', () => '/api/documents/..%2F..%2Fetc%2Fpasswd', () => ({ method: 'GET' }), 404, 'document_not_found'],
    ['a park id that climbs out of the store', () => '/api/parks/..%2F..%2Fetc', () => ({ method: 'GET' }), 404, 'park_not_found'],
  ]

  it.each(cases)('%s', async (_name, path, init, status, code) => {
    const response = await ws.app.request(path(), init())
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect([response.status, body.error.code]).toEqual([status, code])
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]{4}/)
    expect(body.error.message).not.toMatch(/Error|\n\s+at /)
  })

  it.each([
    ['a 10,000-digit number', () => cleanDraft.replace('。', `，产值${'9'.repeat(10_000)}元。`)],
    ['one line of 58,000 characters', () => '园区'.repeat(29_000)],
    ['59,000 heading markers', () => '一、\n（一）\n1.\n（1）\n'.repeat(4215).slice(0, 59_000)],
    ['59,000 × 【', () => '【'.repeat(59_000)],
    ['a text with over 10,000 mistakes (half-width punctuation in every sentence)', () => `一、背景介绍\n${'园区,产值增长12%.'.repeat(5_000)}`],
  ])('checks %s with at most 51 findings per rule and a small answer', async (_name, text) => {
    const response = await ws.app.request('/api/check', json('POST', { text: text() }))
    const raw = await response.text()
    const { findings } = JSON.parse(raw) as { findings: { rule: string }[] }
    expect(response.status).toBe(200)
    const perRule = new Map<string, number>()
    for (const finding of findings) perRule.set(finding.rule, (perRule.get(finding.rule) ?? 0) + 1)
    expect(Math.max(...perRule.values())).toBeLessThanOrEqual(51)
    expect(raw.length).toBeLessThan(200_000)
  })
})
