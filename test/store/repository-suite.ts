import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import type { PolicyDocument } from '../../src/ingest/clause.js'
import { requireValidPark } from '../../src/park/read-park.js'
import { migrate, loadMigrations, type Database } from '../../src/store/database.js'
import { DocumentRepository, importLegacyDocuments } from '../../src/store/document-repository.js'
import { JsonDocumentStore } from '../../src/store/document-store.js'
import { DraftRepository } from '../../src/store/draft-repository.js'
import { ParkRepository } from '../../src/store/park-repository.js'

/** Every migration the product ships, as schema_migrations must list them after a start. */
export const MIGRATIONS_IN_ORDER = [
  { version: 1, name: 'parks' },
  { version: 2, name: 'policy_documents' },
  { version: 3, name: 'drafts' },
  { version: 4, name: 'policy_document_identity' },
]

/** One store to run the suite against: every `open()` connects to the same data (so a reopen sees what was written). */
export interface StoreBackend {
  /** Whether two connections may be open at once (PostgreSQL); PGlite allows one per data directory. */
  concurrentOpen: boolean
  open(): Promise<Database>
  /** Removes whatever the backend created (temporary folder, schema). */
  dispose(): Promise<void>
}

const parkFile = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>

const nanling = parkFile('nanling-green')
const jialan = parkFile('jialan-digital')
const withName = (raw: Record<string, unknown>, name: string) => ({ ...raw, park: { ...(raw.park as object), name } })

const ID = /^[0-9a-f]{16}$/
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

const draftText = `2025年南岭经济技术开发区绿色低碳发展创新实践经验总结材料
【摘要】南岭经济技术开发区以屋顶光伏和储能为抓手，建成园区绿色微电网。
一、背景介绍
园区能耗总量大、可再生能源占比低。`

const rewrittenText = `${draftText.split('\n').slice(0, 3).join('\n')}
园区2023年综合能耗52.3万吨标准煤，可再生能源消费占比仅为6.8%。`

function policyDocument(id: string, title: string, extra: Partial<PolicyDocument> = {}): PolicyDocument {
  return {
    id,
    title,
    origin: 'upload',
    fileName: `${title}.pdf`,
    mediaType: 'application/pdf',
    addedAt: '2026-03-02T08:15:30.125Z',
    text: `${title}\n一、总体要求\n（一）坚持绿色低碳发展，推动园区循环化改造。`,
    ...extra,
  }
}

/** Asserts a promise rejects with a UserError of the given code and HTTP status. */
async function rejectsWith(promise: Promise<unknown>, code: string, status: number): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error, `expected ${code}`).toBeInstanceOf(Error)
  expect(error).toMatchObject({ name: 'UserError', code, status })
  return error as Error
}

/**
 * The repository suite, shared by every backend (PGlite in a temporary folder; PostgreSQL when DATABASE_URL_TEST is
 * set): the same calls must give the same answers on both. Tests run in order and share one store.
 */
export function defineRepositorySuite(createBackend: () => Promise<StoreBackend>): void {
  let backend: StoreBackend
  let db: Database
  let parks: ParkRepository
  let documents: DocumentRepository
  let drafts: DraftRepository
  let scratch: string

  const connect = (next: Database) => {
    db = next
    parks = new ParkRepository(db)
    documents = new DocumentRepository(db)
    drafts = new DraftRepository(db)
  }

  beforeAll(async () => {
    backend = await createBackend()
    scratch = await mkdtemp(join(tmpdir(), 'park-report-store-'))
  }, 240_000)

  afterAll(async () => {
    await db?.close()
    await backend?.dispose()
    if (scratch) await rm(scratch, { recursive: true, force: true })
  }, 240_000)

  describe('migrations', () => {
    it('migrate a fresh store exactly once, even when two start-ups race', async () => {
      const first = await backend.open()
      const second = backend.concurrentOpen ? await backend.open() : first
      const results = await Promise.all([migrate(first), migrate(second)])
      if (second !== first) await second.close()
      connect(first)
      expect(results.flatMap((result) => result.applied).sort()).toEqual([1, 2, 3, 4])
      expect(results.map((result) => result.version)).toEqual([4, 4])
      const { rows } = await db.query('SELECT version, name FROM schema_migrations ORDER BY version')
      expect(rows).toEqual(MIGRATIONS_IN_ORDER)
    })

    it('apply nothing on the next start', async () => {
      expect(await migrate(db)).toEqual({ applied: [], version: 4 })
    })

    it('refuse an applied migration whose file was edited afterwards', async () => {
      const edited = (await loadMigrations()).map((m) => (m.version === 1 ? { ...m, checksum: 'edited' } : m))
      await expect(migrate(db, edited)).rejects.toThrow('Migration 1 (parks) was changed after it was applied')
    })
  })

  describe('parks', () => {
    it('store a validated park at version 1 and read it back unchanged', async () => {
      const created = await parks.create(nanling)
      expect(created).toEqual({
        id: expect.stringMatching(ID),
        name: '南岭经济技术开发区',
        kind: 'innovation-green',
        version: 1,
        createdAt: expect.stringMatching(ISO),
        updatedAt: created.createdAt,
        data: requireValidPark(nanling),
      })
      const read = await parks.get(created.id)
      expect(read).toEqual(created)
      // jsonb reorders keys; the repository gives the data back in the order the validator produced.
      expect(JSON.stringify(read.data)).toBe(JSON.stringify(requireValidPark(nanling)))
    })

    it('refuse invalid park data with every issue (422) and store nothing', async () => {
      const before = (await parks.list()).length
      const error = await rejectsWith(parks.create({ ...nanling, kind: '园区' }), 'invalid_park', 422)
      expect(error.message).toBe('园区数据有 1 处问题，请逐条修改后重试。')
      expect(error).toMatchObject({ details: { issues: [{ path: '$.kind', code: 'invalid-option' }] } })
      expect(await parks.list()).toHaveLength(before)
    })

    it('refuse a U+0000 in any text with its path (400) instead of failing in the database', async () => {
      const raw = { ...nanling, park: { ...(nanling.park as object), intro: '园区\u0000简介' } }
      const error = await rejectsWith(parks.create(raw), 'nul_character', 400)
      expect(error.message).toBe('园区数据 $.park.intro 中含有无法保存的空字符（U+0000），请删除后重试。')
      expect(error).toMatchObject({ details: { path: '$.park.intro' } })
    })

    it('list parks without their data, most recently changed first', async () => {
      const older = (await parks.list())[0]!
      const newer = await parks.create(jialan)
      const list = await parks.list()
      expect(list.slice(0, 2)).toEqual([
        { id: newer.id, name: newer.name, kind: 'innovation-digital', version: 1, createdAt: newer.createdAt, updatedAt: newer.updatedAt },
        older,
      ])
      expect(list[0]).not.toHaveProperty('data')
    })

    it('update a park based on its current version, then refuse a save based on the old one (409)', async () => {
      const park = await parks.create(withName(nanling, '南岭高新技术产业开发区'))
      const updated = await parks.update(park.id, withName(nanling, '南岭经济技术开发区（东区）'), 1)
      expect(updated).toMatchObject({ id: park.id, name: '南岭经济技术开发区（东区）', version: 2, createdAt: park.createdAt })
      expect(updated.data.park.name).toBe('南岭经济技术开发区（东区）')

      const error = await rejectsWith(parks.update(park.id, withName(nanling, '另一个标签页的名称'), 1), 'park_version_conflict', 409)
      expect(error.message).toBe(
        '园区“南岭经济技术开发区（东区）”的数据已在其他页面或由其他人修改（您编辑的是第1版，现在已是第2版）。' +
          '为避免覆盖对方的修改，本次没有保存：请先复制您的修改，刷新页面后再合并保存。',
      )
      expect(await parks.get(park.id)).toEqual(updated)
    })

    it('let exactly one of two concurrent saves of the same version through', async () => {
      const park = await parks.create(jialan)
      const outcomes = await Promise.allSettled([
        parks.update(park.id, withName(jialan, '嘉岚数字经济产业园（标签页甲）'), 1),
        parks.update(park.id, withName(jialan, '嘉岚数字经济产业园（标签页乙）'), 1),
      ])
      const saved = outcomes.filter((o) => o.status === 'fulfilled')
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
      expect(saved).toHaveLength(1)
      expect(refused).toHaveLength(1)
      expect(refused[0]!.reason).toMatchObject({ code: 'park_version_conflict', status: 409 })
      const stored = await parks.get(park.id)
      expect(stored.version).toBe(2)
      expect(stored.name).toBe((saved[0] as PromiseFulfilledResult<{ name: string }>).value.name)
    })

    it('answer 404 for an unknown or malformed id and 400 for a missing version', async () => {
      await rejectsWith(parks.get('0000000000000000'), 'park_not_found', 404)
      await rejectsWith(parks.get('../../etc/passwd'), 'park_not_found', 404)
      await rejectsWith(parks.update('0000000000000000', nanling, 1), 'park_not_found', 404)
      const park = (await parks.list())[0]!
      await rejectsWith(parks.update(park.id, nanling, undefined as unknown as number), 'park_version_required', 400)
      await rejectsWith(parks.update(park.id, nanling, 0), 'park_version_required', 400)
    })
  })

  describe('policy documents', () => {
    it('save, list (by id) and read back documents field for field', async () => {
      const withPages = policyDocument('upload-b2c4e6f8a0b2c4e6', '南岭市工业园区循环化改造实施方案', { pages: 12 })
      const withoutPages = policyDocument('upload-0a1b2c3d4e5f6a7b', '关于推进园区绿色低碳发展的指导意见', {
        fileName: '指导意见.txt',
        mediaType: 'text/plain',
      })
      await documents.save(withPages)
      await documents.save(withoutPages)
      expect(await documents.list()).toEqual([withoutPages, withPages])
      expect(Object.keys((await documents.list())[0]!)).toEqual(['id', 'title', 'origin', 'fileName', 'mediaType', 'addedAt', 'text'])
    })

    it('replace a document saved again under the same id, and remove one', async () => {
      const again = policyDocument('upload-b2c4e6f8a0b2c4e6', '南岭市工业园区循环化改造实施方案（修订）', { pages: 13 })
      await documents.save(again)
      await documents.remove('upload-0a1b2c3d4e5f6a7b')
      await documents.remove('upload-does-not-exist')
      expect(await documents.list()).toEqual([again])
    })

    it('drop U+0000 from extracted text rather than fail', async () => {
      await documents.save(policyDocument('upload-ffff000011112222', '含控制字符的文件', { text: '第一条\u0000 园区' }))
      expect((await documents.list()).find((d) => d.id === 'upload-ffff000011112222')?.text).toBe('第一条 园区')
      await documents.remove('upload-ffff000011112222')
    })

    it('work as the store of PolicyCorpus (drop-in for the JSON-file store)', async () => {
      const config = loadConfig({ DATA_DIR: scratch })
      const corpus = await PolicyCorpus.open(config, documents)
      const builtin = corpus.stats.documents
      const added = await corpus.addUpload({
        fileName: '南岭市绿色园区建设若干措施.txt',
        data: new TextEncoder().encode('南岭市绿色园区建设若干措施\n一、加快屋顶光伏建设\n（一）新建厂房屋顶光伏应装尽装。\n（二）鼓励建设用户侧储能。\n'),
      })
      const reopened = await PolicyCorpus.open(config, new DocumentRepository(db))
      expect(reopened.stats.documents).toBe(builtin + 1)
      expect(reopened.getDocument(added.document.id)).toEqual(added)
      await reopened.removeDocument(added.document.id)
      expect((await documents.list()).map((d) => d.id)).not.toContain(added.document.id)
    })
  })

  describe('drafts', () => {
    let parkId: string
    let draftId: string

    beforeAll(async () => {
      parkId = (await parks.create(withName(nanling, '南岭经济技术开发区（稿件）'))).id
    })

    it('create a draft with its first version; the kind defaults to the park’s', async () => {
      const { draft, version } = await drafts.create({ parkId, title: '2025年绿色低碳发展经验总结', text: draftText, source: 'compose' })
      draftId = draft.id
      expect(draft).toEqual({
        id: expect.stringMatching(ID),
        parkId,
        kind: 'innovation-green',
        title: '2025年绿色低碳发展经验总结',
        createdAt: expect.stringMatching(ISO),
        updatedAt: draft.createdAt,
        latestVersion: 1,
      })
      expect(version).toEqual({ draftId, number: 1, text: draftText, source: 'compose', createdAt: expect.stringMatching(ISO) })
    })

    it('append an accepted rewrite as version 2 with its instruction, keeping version 1', async () => {
      const v2 = await drafts.addVersion(draftId, { text: rewrittenText, source: 'rewrite', note: '一、背景介绍：补充量化数据', basedOn: 1 })
      expect(v2).toEqual({ draftId, number: 2, text: rewrittenText, source: 'rewrite', note: '一、背景介绍：补充量化数据', createdAt: expect.stringMatching(ISO) })
      expect(await drafts.latest(draftId)).toEqual(v2)
      expect((await drafts.getVersion(draftId, 1)).text).toBe(draftText)
      expect((await drafts.get(draftId)).latestVersion).toBe(2)
      expect(await drafts.listVersions(draftId)).toEqual([
        { draftId, number: 1, source: 'compose', createdAt: expect.stringMatching(ISO), chars: [...draftText].length },
        { draftId, number: 2, source: 'rewrite', note: '一、背景介绍：补充量化数据', createdAt: v2.createdAt, chars: [...rewrittenText].length },
      ])
    })

    it('refuse a version based on an older one (409) and add nothing', async () => {
      const error = await rejectsWith(drafts.addVersion(draftId, { text: '另一个标签页的修改', source: 'edit', basedOn: 1 }), 'draft_version_conflict', 409)
      expect(error.message).toBe(
        '稿件“2025年绿色低碳发展经验总结”已在其他页面或由其他人保存了新的一稿（您基于第1稿修改，现在已有第2稿）。' +
          '为避免覆盖对方的修改，本次没有保存：请先复制您的修改，刷新页面查看最新一稿后再合并保存。',
      )
      expect((await drafts.latest(draftId)).number).toBe(2)
    })

    it('number concurrent saves 3, 4, 5, 6, 7 without collisions', async () => {
      const texts = ['甲', '乙', '丙', '丁', '戊'].map((mark) => `${rewrittenText}\n（${mark}）`)
      const added = await Promise.all(texts.map((text) => drafts.addVersion(draftId, { text, source: 'edit' })))
      expect(added.map((v) => v.number).sort()).toEqual([3, 4, 5, 6, 7])
      for (const version of added) expect((await drafts.getVersion(draftId, version.number)).text).toBe(version.text)
    })

    it('let exactly one of two concurrent saves based on the same version through', async () => {
      const outcomes = await Promise.allSettled([
        drafts.addVersion(draftId, { text: '标签页甲的修改', source: 'fixes', note: '采纳3条修改建议', basedOn: 7 }),
        drafts.addVersion(draftId, { text: '标签页乙的修改', source: 'edit', basedOn: 7 }),
      ])
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'draft_version_conflict', status: 409 } })
      expect((await drafts.latest(draftId)).number).toBe(8)
    })

    it('never change a stored version, whatever SQL runs', async () => {
      await expect(db.query('UPDATE draft_versions SET text = $1 WHERE draft_id = $2 AND number = 1', ['改写历史', draftId])).rejects.toThrow(
        'draft versions are append-only',
      )
      expect((await drafts.getVersion(draftId, 1)).text).toBe(draftText)
    })

    it('refuse incomplete input with a Chinese message (400) and unknown ids (404)', async () => {
      const empty = await rejectsWith(drafts.create({ parkId, title: '  ', text: draftText, source: 'compose' }), 'invalid_draft', 400)
      expect(empty.message).toBe('请填写稿件标题')
      const source = await rejectsWith(drafts.addVersion(draftId, { text: '正文', source: 'autosave' as 'edit' }), 'invalid_draft', 400)
      expect(source.message).toBe('版本来源应为以下之一：compose、llm、upload、edit、rewrite、fixes')
      const nul = await rejectsWith(drafts.addVersion(draftId, { text: '正文\u0000', source: 'edit' }), 'invalid_draft', 400)
      expect(nul.message).toBe('文本中含有无法保存的空字符（U+0000），请删除后重试。')
      await rejectsWith(drafts.create({ parkId: '0000000000000000', title: '稿件', text: draftText, source: 'upload' }), 'park_not_found', 404)
      await rejectsWith(drafts.addVersion('0000000000000000', { text: '正文', source: 'edit' }), 'draft_not_found', 404)
      await rejectsWith(drafts.latest('0000000000000000'), 'draft_not_found', 404)
      await rejectsWith(drafts.listVersions('0000000000000000'), 'draft_not_found', 404)
      const missing = await rejectsWith(drafts.getVersion(draftId, 99), 'draft_version_not_found', 404)
      expect(missing.message).toBe(`稿件“${draftId}”没有第99稿。`)
      await rejectsWith(drafts.listByPark('0000000000000000'), 'park_not_found', 404)
      expect((await drafts.latest(draftId)).number).toBe(8)
    })

    it('list a park’s drafts most recently changed first, rename and remove them', async () => {
      const { draft: other } = await drafts.create({ parkId, kind: 'base-excellent-case', title: '优秀案例', text: '案例正文', source: 'upload' })
      expect((await drafts.listByPark(parkId)).map((d) => [d.title, d.kind, d.latestVersion])).toEqual([
        ['优秀案例', 'base-excellent-case', 1],
        ['2025年绿色低碳发展经验总结', 'innovation-green', 8],
      ])
      expect(await drafts.rename(other.id, '  示范基地优秀案例 ')).toMatchObject({ id: other.id, title: '示范基地优秀案例' })
      await drafts.remove(other.id)
      await rejectsWith(drafts.get(other.id), 'draft_not_found', 404)
      await rejectsWith(drafts.remove(other.id), 'draft_not_found', 404)
      expect((await drafts.listByPark(parkId)).map((d) => d.id)).toEqual([draftId])
    })
  })

  describe('a restart', () => {
    it('finds every park, document, draft and version as it was', async () => {
      const before = {
        parks: await parks.list(),
        park: await parks.get((await parks.list())[0]!.id),
        documents: await documents.list(),
        drafts: await Promise.all((await parks.list()).map((p) => drafts.listByPark(p.id))),
      }
      const draftId = before.drafts.flat()[0]!.id
      const versions = await drafts.listVersions(draftId)
      const latest = await drafts.latest(draftId)
      await db.close()

      connect(await backend.open())
      expect(await migrate(db)).toEqual({ applied: [], version: 4 })
      expect(await parks.list()).toEqual(before.parks)
      expect(await parks.get(before.park.id)).toEqual(before.park)
      expect(await documents.list()).toEqual(before.documents)
      expect(await Promise.all(before.parks.map((p) => drafts.listByPark(p.id)))).toEqual(before.drafts)
      expect(await drafts.listVersions(draftId)).toEqual(versions)
      expect(await drafts.latest(draftId)).toEqual(latest)
    })
  })

  describe('removing a park', () => {
    it('refuses while it has drafts (409), and with withDrafts removes the drafts and their versions too', async () => {
      const park = await parks.create(withName(jialan, '嘉岚数字经济产业园（待删除）'))
      const { draft } = await drafts.create({ parkId: park.id, title: '数字化转型经验总结', text: '正文', source: 'llm' })
      const error = await rejectsWith(parks.remove(park.id), 'park_has_drafts', 409)
      expect(error.message).toBe(
        '园区“嘉岚数字经济产业园（待删除）”下还有 1 份稿件。删除园区会同时删除这些稿件及其全部历史版本；请先确认，或先删除稿件。',
      )
      await rejectsWith(parks.remove(park.id, { withDrafts: true, expectedVersion: 2 }), 'park_version_conflict', 409)
      await parks.remove(park.id, { withDrafts: true, expectedVersion: 1 })
      await rejectsWith(parks.get(park.id), 'park_not_found', 404)
      await rejectsWith(drafts.get(draft.id), 'draft_not_found', 404)
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM draft_versions WHERE draft_id = $1', [draft.id])
      expect(rows).toEqual([{ n: 0 }])
      await rejectsWith(parks.remove(park.id), 'park_not_found', 404)
    })
  })

  describe('documents of earlier versions (DATA_DIR/documents/*.json)', () => {
    it('are imported once; a document deleted afterwards is not brought back', async () => {
      const dataDir = join(scratch, 'legacy')
      const legacy = new JsonDocumentStore(dataDir)
      const first = policyDocument('upload-1111222233334444', '园区安全生产专项整治方案', { pages: 4 })
      const second = policyDocument('upload-5555666677778888', '园区数字化转型行动计划')
      const clash = policyDocument('upload-b2c4e6f8a0b2c4e6', '旧版本中的同编号文件')
      for (const document of [first, second, clash]) await legacy.save(document)
      await mkdir(join(dataDir, 'documents'), { recursive: true })
      await writeFile(join(dataDir, 'documents', 'broken.json'), '{"id": "upload-broken"', 'utf8')
      const stored = (await documents.list()).find((d) => d.id === clash.id)!

      expect(await importLegacyDocuments(db, dataDir)).toBe(2)
      const ids = (await documents.list()).map((d) => d.id)
      expect(ids).toEqual(expect.arrayContaining([first.id, second.id]))
      expect((await documents.list()).find((d) => d.id === first.id)).toEqual(first)
      // A document already in the database keeps its stored version.
      expect((await documents.list()).find((d) => d.id === clash.id)).toEqual(stored)

      await documents.remove(first.id)
      expect(await importLegacyDocuments(db, dataDir)).toBe(0)
      expect((await documents.list()).map((d) => d.id)).not.toContain(first.id)
      const { rows } = await db.query('SELECT name, items FROM legacy_imports')
      expect(rows).toEqual([{ name: 'documents', items: 3 }])
    })

    it('do nothing when there is no such folder', async () => {
      expect(await importLegacyDocuments(db, join(scratch, 'no-such-data-dir'))).toBe(0)
    })
  })
}
