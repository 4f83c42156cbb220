import { Document, Packer, Paragraph } from 'docx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openZip } from '../../src/model/docx-zip.js'
import { answer, fixture, json, multipart, openTestWorkspace, parkFixture, type TestWorkspace } from './workspace-helpers.js'

type Draft = { id: string; parkId: string; kind: string; title: string; latestVersion: number }
type Version = { draftId: string; number: number; text: string; source: string; note?: string }
type VersionSummary = Omit<Version, 'text'> & { chars: number }
type Finding = { rule: string; severity: string; start: number; end: number; fix?: { start: number; end: number; text: string } }
type ErrorBody = { error: { code: string; message: string } }
type Generated = {
  draft: Draft
  version: Version
  mode: string
  text: string
  findings: Finding[]
  stats: { total: number }
  evidence: { measures: { id: string; section: string; clauses: { path: string }[] }[] }
}

function parseSse(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
      data: JSON.parse(
        block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n'),
      ),
    }))
}

describe('workspace drafts and versions over HTTP', () => {
  let ws: TestWorkspace
  let parkId: string

  beforeAll(async () => {
    ws = await openTestWorkspace()
    const created = await answer<{ park: { id: string } }>(ws.app.request('/api/parks', json('POST', { data: parkFixture('jialan-digital') })))
    parkId = created.body.park.id
  })
  afterAll(async () => ws.close())

  it('generates a first draft from the stored park and keeps it as version 1', async () => {
    const { status, body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', { title: '嘉澜初稿' })))
    expect(status).toBe(201)
    expect(body.mode).toBe('offline')
    expect(body.draft).toMatchObject({ parkId, kind: 'innovation-digital', title: '嘉澜初稿', latestVersion: 1 })
    expect(body.version).toMatchObject({ number: 1, source: 'compose', text: body.text })
    expect(body.version.note).toBe(`离线撰写，${body.stats.total}字`)
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([])
    // Every measure with the policy clauses that back it.
    expect(body.evidence.measures.map((m) => [m.id, m.section])).toEqual([
      ['M1', '二、创新举措/（一）'],
      ['M2', '二、创新举措/（二）'],
      ['M3', '二、创新举措/（三）'],
    ])
    expect(body.evidence.measures[0]!.clauses[0]!.path).toMatch(/^《/)

    const list = await answer<{ drafts: Draft[] }>(ws.app.request(`/api/parks/${parkId}/drafts`))
    expect(list.body.drafts.map((d) => d.id)).toContain(body.draft.id)
  })

  it('generates with an empty body, and streams progress as SSE ending in the stored result', async () => {
    const plain = await ws.app.request(`/api/parks/${parkId}/drafts`, { method: 'POST' })
    expect(plain.status).toBe(201)
    expect(((await plain.json()) as Generated).draft.title).toBe('促进实数深度融合类初稿')

    const response = await ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', { mode: 'offline' }, { accept: 'text/event-stream' }))
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = parseSse(await response.text())
    expect(events.map((e) => e.event)).toEqual(['composed', 'result'])
    const result = events[1]!.data as Generated
    expect(result.draft.latestVersion).toBe(1)
    // The second draft generated without a title is told apart from the first.
    expect(result.draft.title).toBe('促进实数深度融合类初稿（2）')
    const stored = await answer<{ latest: Version }>(ws.app.request(`/api/drafts/${result.draft.id}`))
    expect(stored.body.latest.text).toBe(result.text)
  })

  it('streams an error event when the LLM is asked for but not configured, and stores nothing', async () => {
    const before = (await answer<{ drafts: Draft[] }>(ws.app.request(`/api/parks/${parkId}/drafts`))).body.drafts.length
    const response = await ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', { mode: 'llm' }, { accept: 'text/event-stream' }))
    const events = parseSse(await response.text())
    expect(events.at(-1)!.event).toBe('error')
    expect((events.at(-1)!.data as ErrorBody).error.message).toMatch(/[\u4e00-\u9fff]/)
    expect((await answer<{ drafts: Draft[] }>(ws.app.request(`/api/parks/${parkId}/drafts`))).body.drafts).toHaveLength(before)
  })

  it.each([
    ['an unknown park', '/api/parks/0000000000000000/drafts', {}, 404, 'park_not_found'],
    ['an unknown kind', undefined, { kind: 'annual' }, 400, 'invalid_request'],
    ['an unknown mode', undefined, { mode: 'fast' }, 400, 'invalid_request'],
  ])('refuses to generate for %s', async (_name, path, body, status, code) => {
    const response = await answer<ErrorBody>(ws.app.request(path ?? `/api/parks/${parkId}/drafts`, json('POST', body)))
    expect(response.status).toBe(status)
    expect(response.body.error.code).toBe(code)
  })

  it('adds versions with baseVersion, answers 409 for a stale one, and keeps every version', async () => {
    const { body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', {})))
    const id = body.draft.id
    const edited = body.text.replace('嘉澜经济技术开发区始建于1993年', '嘉澜经济技术开发区始建于1993年9月')
    const v2 = await answer<{ draft: Draft; version: Version }>(
      ws.app.request(`/api/drafts/${id}/versions`, json('POST', { text: edited, source: 'edit', note: '补充建区月份', baseVersion: 1 })),
    )
    expect(v2.status).toBe(201)
    expect(v2.body.version).toMatchObject({ number: 2, source: 'edit', note: '补充建区月份', text: edited })
    expect(v2.body.draft.latestVersion).toBe(2)

    // Another tab, still on version 1.
    const stale = await answer<ErrorBody>(ws.app.request(`/api/drafts/${id}/versions`, json('POST', { text: `${body.text}\n补充。`, source: 'edit', baseVersion: 1 })))
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('draft_version_conflict')
    expect(stale.body.error.message).toContain('您基于第1稿修改，现在已有第2稿')

    const v3 = await answer<{ version: Version }>(ws.app.request(`/api/drafts/${id}/versions`, json('POST', { text: `${edited}\n`, source: 'fixes', baseVersion: 2 })))
    expect(v3.body.version.number).toBe(3)

    const read = await answer<{ draft: Draft; latest: Version; versions: VersionSummary[] }>(ws.app.request(`/api/drafts/${id}`))
    expect(read.status).toBe(200)
    expect(read.body.latest).toMatchObject({ number: 3, source: 'fixes' })
    expect(read.body.versions.map((v) => [v.number, v.source])).toEqual([
      [1, 'compose'],
      [2, 'edit'],
      [3, 'fixes'],
    ])
    expect(read.body.versions[0]).not.toHaveProperty('text')
    expect(read.body.versions[1]!.chars).toBe([...edited].length)

    const first = await answer<{ version: Version }>(ws.app.request(`/api/drafts/${id}/versions/1`))
    expect(first.body.version.text).toBe(body.text)
    expect((await answer<ErrorBody>(ws.app.request(`/api/drafts/${id}/versions/9`))).body.error.code).toBe('draft_version_not_found')
    expect((await answer<ErrorBody>(ws.app.request(`/api/drafts/${id}/versions/abc`))).status).toBe(400)
  })

  it('compares two versions: what was deleted and inserted, down to the characters', async () => {
    const { body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', {})))
    const id = body.draft.id
    const edited = body.text.replace('嘉澜经济技术开发区始建于1993年', '嘉澜经济技术开发区始建于1993年9月')
    await ws.app.request(`/api/drafts/${id}/versions`, json('POST', { text: edited, source: 'edit', baseVersion: 1 }))
    type Compared = { from: VersionSummary; to: VersionSummary; diff: { op: string; text: string }[]; deleted: number; inserted: number }
    const compared = await answer<Compared>(ws.app.request(`/api/drafts/${id}/compare?from=1&to=2`))
    expect(compared.status).toBe(200)
    expect(compared.body).toMatchObject({ from: { number: 1, source: 'compose' }, to: { number: 2, source: 'edit' }, deleted: 0, inserted: 2 })
    expect(compared.body.diff.filter((op) => op.op !== 'equal')).toEqual([{ op: 'insert', text: '9月' }])
    expect(compared.body.diff.filter((op) => op.op !== 'insert').map((op) => op.text).join('')).toBe(body.text)
    expect(compared.body.from).not.toHaveProperty('text')
    const missing = await answer<ErrorBody>(ws.app.request(`/api/drafts/${id}/compare?from=1`))
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toMatch(/^版本号应为正整数/)
  })

  it('downloads two versions as a Word file with the changes between them as tracked changes', async () => {
    const { body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', {})))
    const id = body.draft.id
    const edited = body.text.replace('嘉澜经济技术开发区始建于1993年', '嘉澜经济技术开发区始建于1993年9月')
    await ws.app.request(`/api/drafts/${id}/versions`, json('POST', { text: edited, source: 'rewrite', baseVersion: 1 }))
    const response = await ws.app.request(`/api/drafts/${id}/compare.docx?from=1&to=2`)
    expect(response.status).toBe(200)
    expect(decodeURIComponent(response.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(`${body.draft.title}-第1稿至第2稿修订.docx`)
    const xml = new TextDecoder().decode(openZip(new Uint8Array(await response.arrayBuffer()), { maxEntries: 100, maxUncompressedBytes: 1e8 }).read('word/document.xml')!)
    expect([...xml.matchAll(/<w:(ins|del) [^>]*>[\s\S]*?<w:(?:t|delText) xml:space="preserve">([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([['ins', '9月']])
    expect((await answer<ErrorBody>(ws.app.request(`/api/drafts/${id}/compare.docx?from=1&to=3`))).status).toBe(404)
  })

  it.each([
    ['no baseVersion', { text: '一、背景介绍\n正文。', source: 'edit' }, 400, 'invalid_request'],
    ['a source the server sets itself', { text: '一、背景介绍\n正文。', source: 'compose', baseVersion: 1 }, 400, 'invalid_request'],
    ['an empty text', { text: '  \n', source: 'edit', baseVersion: 1 }, 422, 'empty_draft'],
    ['a text longer than any report', { text: '字'.repeat(60_001), source: 'edit', baseVersion: 1 }, 400, 'invalid_request'],
  ])('refuses a version with %s', async (_name, request, status, code) => {
    const { body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', {})))
    const response = await answer<ErrorBody>(ws.app.request(`/api/drafts/${body.draft.id}/versions`, json('POST', request)))
    expect(response.status).toBe(status)
    expect(response.body.error.code).toBe(code)
    expect((await answer<{ draft: Draft }>(ws.app.request(`/api/drafts/${body.draft.id}`))).body.draft.latestVersion).toBe(1)
  })

  it('uploads a person’s .docx draft as a draft of the park, checked like POST /api/check', async () => {
    const lines = fixture('drafts/nanling-green.txt').split('\n').slice(0, 8)
    const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] })
    const data = new Uint8Array(await Packer.toBuffer(doc))
    const file = new File([data], '人工稿.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
    const { status, body } = await answer<{ draft: Draft; version: Version; findings: Finding[]; kind: string }>(
      ws.app.request(`/api/parks/${parkId}/drafts/upload`, multipart({ file })),
    )
    expect(status).toBe(201)
    expect(body.draft).toMatchObject({ title: '人工稿', kind: 'innovation-digital', latestVersion: 1 })
    expect(body.version).toMatchObject({ source: 'upload', note: '上传文件：人工稿.docx' })
    expect(body.version.text.split('\n')[0]).toBe(lines[0])
    // The .docx typography is checked too (the generated file is not in the template's fonts).
    expect(body.findings.some((f) => f.rule === 'format')).toBe(true)
  })

  it('uploads Markdown as plain text, and refuses other files', async () => {
    const md = new File(['# 测试标题\n\n## 一、背景介绍\n\n园区**基础**较好。\n'], '草稿.md')
    const { status, body } = await answer<{ version: Version }>(ws.app.request(`/api/parks/${parkId}/drafts/upload`, multipart({ file: md, title: '我的稿' })))
    expect(status).toBe(201)
    expect(body.version.text).toBe('测试标题\n\n一、背景介绍\n\n园区基础较好。\n')
    const pdf = await answer<ErrorBody>(ws.app.request(`/api/parks/${parkId}/drafts/upload`, multipart({ file: new File(['%PDF'], 'a.pdf') })))
    expect(pdf).toMatchObject({ status: 415, body: { error: { code: 'unsupported_draft' } } })
    const none = await answer<ErrorBody>(ws.app.request(`/api/parks/${parkId}/drafts/upload`, multipart({ title: 'x' })))
    expect(none).toMatchObject({ status: 400, body: { error: { code: 'missing_file' } } })
    const garbage = { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: 'garbage' }
    expect(await answer<ErrorBody>(ws.app.request(`/api/parks/${parkId}/drafts/upload`, garbage))).toMatchObject({ status: 400, body: { error: { code: 'invalid_form' } } })
  })

  it('answers the evidence of a stored draft: the clauses behind each measure, the source of each figure', async () => {
    const { body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', {})))
    const evidence = await answer<Generated['evidence'] & { figures: { raw: string; source: string }[]; untraced: unknown[] }>(
      ws.app.request(`/api/drafts/${body.draft.id}/evidence`),
    )
    expect(evidence.status).toBe(200)
    expect(evidence.body.measures).toEqual(body.evidence.measures)
    expect(evidence.body.figures.length).toBeGreaterThan(10)
  })

  it('deletes a draft with its versions', async () => {
    const { body } = await answer<Generated>(ws.app.request(`/api/parks/${parkId}/drafts`, json('POST', {})))
    expect((await ws.app.request(`/api/drafts/${body.draft.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await answer<ErrorBody>(ws.app.request(`/api/drafts/${body.draft.id}`))).body.error.code).toBe('draft_not_found')
  })

  it('answers 503 in Chinese when the app has no workspace', async () => {
    const { createApp } = await import('../../src/server/app.js')
    const { PolicyCorpus } = await import('../../src/corpus/policy-corpus.js')
    const app = createApp({ config: ws.config, corpus: await PolicyCorpus.open(ws.config) })
    const response = await answer<ErrorBody>(app.request('/api/parks'))
    expect(response.status).toBe(503)
    expect(response.body.error.code).toBe('workspace_unavailable')
    expect((await app.request('/api/parks/validate', json('POST', parkFixture('jialan-digital')))).status).toBe(200)
  })

  it('needs the bearer token for every workspace route when AUTH_TOKEN is set', async () => {
    const secured = await openTestWorkspace({ AUTH_TOKEN: 'secret-token' })
    try {
      expect((await secured.app.request('/api/parks')).status).toBe(401)
      expect((await secured.app.request('/api/parks', { headers: { authorization: 'Bearer secret-token' } })).status).toBe(200)
      expect((await secured.app.request('/api/templates/indicators.xlsx?kind=innovation-green')).status).toBe(401)
    } finally {
      await secured.close()
    }
  })

  it('serves the page and its modules with the security headers, and nothing outside the web folder', async () => {
    const page = await ws.app.request('/')
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).toContain('<script type="module" src="/app.js"></script>')
    expect(html).not.toMatch(/<script>|<style>|\sstyle="|\son\w+="/)
    expect((await ws.app.request('/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/app.ts', '/..%2Fmain.ts', '/web/app.js']) {
      expect((await ws.app.request(path)).status).toBe(404)
    }
  })
})
