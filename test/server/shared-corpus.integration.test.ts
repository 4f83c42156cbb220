import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import { openWorkspace, type Workspace } from '../../src/store/workspace.js'

/**
 * Two server instances on one PostgreSQL (DATABASE_URL_TEST, in a schema of its own): an upload on one is found by
 * a search on the other within seconds, a deletion on the other is gone from the first, and the same words
 * uploaded again on either are refused with the existing document's id.
 */
const url = process.env.DATABASE_URL_TEST
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/docs/${name}`, import.meta.url)))

function upload(name: string, data: Uint8Array) {
  const form = new FormData()
  form.append('file', new File([data], name, { type: 'application/octet-stream' }))
  return { method: 'POST', body: form }
}
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/** Polls `probe` every 100 ms until it is true; the time it took, or a failure after `limitMs`. */
async function within(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now()
  while (!(await probe())) {
    if (Date.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return Date.now() - start
}

describe.skipIf(!url)('one corpus for every instance sharing DATABASE_URL', () => {
  const schema = `park_report_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  let dataDir: string
  const workspaces: Workspace[] = []
  let a: ReturnType<typeof createApp>
  let b: ReturnType<typeof createApp>

  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`)
    const scoped = new URL(url!)
    scoped.searchParams.set('options', `-c search_path=${schema}`)
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-shared-'))
    const open = async () => {
      const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: scoped.toString() })
      const workspace = await openWorkspace({ dataDir, env: config.env })
      workspaces.push(workspace)
      return createApp({ config, corpus: await PolicyCorpus.open(config, workspace.documents), workspace })
    }
    a = await open()
    b = await open()
  }, 120_000)

  afterAll(async () => {
    for (const workspace of workspaces) await workspace.close()
    await admin(`DROP SCHEMA ${schema} CASCADE`)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('upload on A → listed and found by a search on B within 5 s; the same words again on B → 409 naming it; delete on B → gone on A', async () => {
    const created = await a.request('/api/documents', upload('指引（节选）.docx', fixture('policy-excerpt.docx')))
    expect(created.status).toBe(201)
    const { document } = (await created.json()) as { document: { id: string; title: string } }
    expect(document.title).toBe('工业园区高质量发展指引')

    const found = async (app: typeof a) => {
      const response = await app.request('/api/retrieve', json({ query: '新型信息基础设施 千兆光网', top: 10, docIds: [document.id] }))
      const body = (await response.json()) as { results: { clauseId: string }[] }
      return body.results.some((r) => r.clauseId.startsWith(`${document.id}#`))
    }
    await within(5_000, () => found(b))
    const listedOnB = (await (await b.request('/api/documents')).json()) as { documents: { id: string }[] }
    expect(listedOnB.documents.map((d) => d.id)).toContain(document.id)

    // The same words as a PDF: another file, the same text.
    const again = await b.request('/api/documents', upload('指引（再次上传）.pdf', fixture('policy-excerpt.pdf')))
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({
      error: {
        code: 'duplicate_document',
        documentId: document.id,
        message: '这份文件的内容与已上传的《工业园区高质量发展指引》（文件“指引（节选）.docx”）相同，未重复导入。如需更新，请先删除原文件再上传。',
      },
    })
    // A Word copy of a built-in guideline is one too.
    const builtin = await b.request('/api/documents', upload('高标准数字园区建设指南.docx', fixture('zhinan-autonumber.docx')))
    expect(builtin.status).toBe(409)
    expect(await builtin.json()).toEqual({
      error: {
        code: 'duplicate_document',
        documentId: 'gaobiaozhun-shuzi-yuanqu-jianshe-zhinan',
        message: '这份文件的内容与内置政策文件《高标准数字园区建设指南》相同，无需再上传。',
      },
    })

    expect((await b.request(`/api/documents/${document.id}`, { method: 'DELETE' })).status).toBe(204)
    await within(5_000, async () => (await a.request(`/api/documents/${document.id}`)).status === 404)
    expect(await found(a)).toBe(false)
  }, 300_000)
})

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
