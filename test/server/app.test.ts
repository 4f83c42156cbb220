import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type AppConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import { JsonDocumentStore } from '../../src/store/document-store.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/docs/${name}`, import.meta.url))

async function openApp(config: AppConfig) {
  const corpus = await PolicyCorpus.open(config, new JsonDocumentStore(config.dataDir))
  return createApp({ config, corpus })
}

function upload(name: string, data: Uint8Array, type = 'application/octet-stream') {
  const form = new FormData()
  form.append('file', new File([data], name, { type }))
  return { method: 'POST', body: form }
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('HTTP API', () => {
  let dataDir: string
  let config: AppConfig

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-'))
    config = loadConfig({ DATA_DIR: dataDir, MAX_UPLOAD_MB: '1' })
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('reports health with the built-in corpus', async () => {
    const app = await openApp(config)
    const response = await app.request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', documents: 5, retrieval: 'bm25', llm: false })
  })

  it('retrieves guideline clauses with their citation path', async () => {
    const app = await openApp(config)
    const response = await app.request('/api/retrieve', json({ query: '屋顶光伏 储能 绿色微电网', top: 3 }))
    const body = (await response.json()) as { results: { path: string; source: string; score: number }[] }
    expect(response.status).toBe(200)
    expect(body.results).toHaveLength(3)
    expect(body.results[0]).toMatchObject({ path: '《工业园区高质量发展指引》二（六）14', source: '工业园区高质量发展指引' })
  })

  it('rejects a bad retrieve request with a Chinese 400 naming the field', async () => {
    const app = await openApp(config)
    const missing = await app.request('/api/retrieve', json({ top: 3 }))
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ error: { code: 'invalid_request', message: '缺少字段 query' } })
    const malformed = await app.request('/api/retrieve', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' })
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain('JSON')
    const tooMany = await app.request('/api/retrieve', json({ query: '数据集', top: 500 }))
    expect(tooMany.status).toBe(400)
  })

  it('ingests an uploaded DOCX, keeps it across a restart, and deletes it', async () => {
    const app = await openApp(config)
    const created = await app.request('/api/documents', upload('政策摘编.docx', fixture('policy-excerpt.docx')))
    expect(created.status).toBe(201)
    const { document, clauses } = (await created.json()) as { document: { id: string; origin: string }; clauses: number }
    expect(document.origin).toBe('upload')
    expect(clauses).toBeGreaterThan(0)

    // A new process over the same DATA_DIR sees the upload.
    const restarted = await openApp(config)
    const listed = (await (await restarted.request('/api/documents')).json()) as { documents: { id: string }[] }
    expect(listed.documents.map((d) => d.id)).toContain(document.id)
    const detail = (await (await restarted.request(`/api/documents/${document.id}`)).json()) as { clauses: { docId: string }[] }
    expect(detail.clauses).toHaveLength(clauses)

    expect((await restarted.request(`/api/documents/${document.id}`, { method: 'DELETE' })).status).toBe(204)
    const after = await openApp(config)
    expect((await after.request(`/api/documents/${document.id}`)).status).toBe(404)
  })

  it.each([
    ['encrypted.pdf', 'policy-excerpt-encrypted.pdf', 'encrypted_pdf'],
    ['blank-scan.pdf', 'blank-scan.pdf', 'image_only_pdf'],
  ])('refuses %s with a clear 4xx', async (name, file, code) => {
    const app = await openApp(config)
    const response = await app.request('/api/documents', upload(name, fixture(file)))
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await response.json()).toMatchObject({ error: { code } })
  }, 300_000) // the blank scan goes through OCR, whose models load in seconds

  it('refuses an upload over the size limit with 413', async () => {
    const app = await openApp(config)
    const response = await app.request('/api/documents', upload('big.txt', new Uint8Array(2 * 1024 * 1024).fill(0x41), 'text/plain'))
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('1 MB')
  })

  it('refuses to delete a built-in document and a missing file field', async () => {
    const app = await openApp(config)
    const builtin = await app.request('/api/documents/gongye-yuanqu-gaozhiliang-fazhan-zhiyin', { method: 'DELETE' })
    expect(builtin.status).toBe(403)
    const garbled = await app.request('/api/documents', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=----x' },
      body: '------x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n未结束的表单',
    })
    expect(garbled.status).toBe(400)
    expect(await garbled.json()).toMatchObject({ error: { code: 'invalid_form' } })
    const noFile = await app.request('/api/documents', { method: 'POST', body: new FormData() })
    expect(noFile.status).toBe(400)
    expect(await noFile.json()).toMatchObject({ error: { code: 'missing_file' } })
  })

  it('serves the Chinese web page with security headers', async () => {
    const app = await openApp(config)
    const response = await app.request('/')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>园区报告助手</title>')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await app.request('/api/nothing')).status).toBe(404)
  })

  it('requires the access token when AUTH_TOKEN is set', async () => {
    const app = await openApp(loadConfig({ DATA_DIR: dataDir, AUTH_TOKEN: 'secret-token' }))
    expect((await app.request('/api/documents')).status).toBe(401)
    expect((await app.request('/api/documents', { headers: { authorization: 'Bearer secret-token' } })).status).toBe(200)
    // The scheme is case-insensitive (RFC 7235); the token is not.
    expect((await app.request('/api/documents', { headers: { authorization: 'bearer secret-token' } })).status).toBe(200)
    expect((await app.request('/api/documents', { headers: { authorization: 'Bearer Secret-token' } })).status).toBe(401)
    expect((await app.request('/api/documents', { headers: { authorization: 'Bearer secret-token-2' } })).status).toBe(401)
    expect((await app.request('/api/health')).status).toBe(200)
  })
})

describe('HTTP API: hostile JSON', () => {
  let dataDir: string
  let app: Awaited<ReturnType<typeof openApp>>
  const post = (path: string, body: string) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; path?: string } }).error

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-'))
    app = await openApp(loadConfig({ DATA_DIR: dataDir }))
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('says where a body stops being JSON, in Chinese', async () => {
    const response = await post('/api/retrieve', '{"query": 光伏}')
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toEqual({
      code: 'invalid_json',
      message: '请求内容不是有效的 JSON：出现了无法识别的字符“光”（文本须用英文双引号括起，如 "光伏"）。',
    })
    expect(await errorOf(await post('/api/retrieve', '{"query" "光伏"}'))).toEqual({
      code: 'invalid_json',
      message: '请求内容不是有效的 JSON：第 10 个字符附近有格式错误。',
      position: 9,
    })
    expect((await errorOf(await post('/api/retrieve', '{"query":'))).message).toBe('请求内容不是有效的 JSON：内容不完整，在结尾处中断。')
  })

  it('refuses nesting deeper than 64 levels with a 400, before any recursive code sees it', async () => {
    const deep = `{"park":${'['.repeat(5000)}${']'.repeat(5000)},"text":"一、背景介绍"}`
    const response = await post('/api/check', deep)
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toEqual({ code: 'json_too_deep', message: '请求内容的嵌套层级超过 64 层，请检查数据结构。' })
  })

  it('refuses a JSON body over 5 MB with 413', async () => {
    const response = await post('/api/retrieve', JSON.stringify({ query: '光'.repeat(2_000_000) }))
    expect(response.status).toBe(413)
    expect((await errorOf(response)).code).toBe('body_too_large')
  })

  it('tells a field of the wrong type from a missing one, and a body that is not an object', async () => {
    expect((await errorOf(await post('/api/retrieve', '{"query":"光伏","top":"5"}'))).message).toBe('字段 top的类型不正确，应为数字')
    expect((await errorOf(await post('/api/retrieve', '[]'))).message).toBe('请求内容的类型不正确，应为对象')
  })

  it('answers bad rule options with a 400 naming the rule and the option', async () => {
    const body = JSON.stringify({ text: '一、背景介绍\n园区概况。', kind: 'innovation-green', config: { length: { options: { maxTotal: 'abc' } } } })
    const response = await post('/api/check', body)
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_rule_options', path: 'length.options.maxTotal' })
  })

  it('exports a draft whose title holds a broken character (a lone surrogate)', async () => {
    const response = await post('/api/export', JSON.stringify({ text: '\ud800园区报告\n\n一、背景介绍\n园区概况。', kind: 'innovation-green' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''")
  })
})
