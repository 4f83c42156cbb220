import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { databaseUrlOf, loadMigrations, openDatabase, type DatabaseConfig } from '../../src/store/database.js'
import { JsonDocumentStore } from '../../src/store/document-store.js'
import { openWorkspace } from '../../src/store/workspace.js'
import { defineRepositorySuite } from './repository-suite.js'

const folders: string[] = []
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'park-report-pglite-'))
  folders.push(dir)
  return dir
}
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

describe('repositories on PGlite (embedded, DATA_DIR/pglite)', () => {
  defineRepositorySuite(async () => {
    const dataDir = await tempDir()
    return { concurrentOpen: false, open: () => openDatabase({ dataDir }), dispose: async () => {} }
  })
})

describe('openDatabase', () => {
  it.each<[string, DatabaseConfig, string | undefined]>([
    ['no URL: PGlite', { dataDir: '/srv/data', env: {} }, undefined],
    ['DATABASE_URL from the environment, trimmed', { dataDir: '/srv/data', env: { DATABASE_URL: ' postgres://park@db:5432/park ' } }, 'postgres://park@db:5432/park'],
    ['an empty DATABASE_URL: PGlite', { dataDir: '/srv/data', env: { DATABASE_URL: '  ' } }, undefined],
    ['databaseUrl before the environment', { dataDir: '/srv/data', databaseUrl: 'postgres://a/b', env: { DATABASE_URL: 'postgres://c/d' } }, 'postgres://a/b'],
  ])('%s', (_name, config, expected) => {
    expect(databaseUrlOf(config)).toBe(expected)
  })

  it('keeps the embedded database in DATA_DIR/pglite and lets one process open it at a time', async () => {
    const dataDir = await tempDir()
    const db = await openDatabase({ dataDir })
    expect(db.backend).toBe('pglite')
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true)
    const lock = join(dataDir, 'pglite.lock')
    expect(existsSync(lock)).toBe(true)

    const error = await openDatabase({ dataDir }).catch((reason: unknown) => reason)
    expect(error).toMatchObject({ code: 'data_dir_in_use', status: 409 })
    expect((error as Error).message).toBe(
      `数据目录“${join(dataDir, 'pglite')}”正被另一个程序（${hostname()} 上的进程 ${process.pid}）使用。内置数据库同一时间只能由一个程序打开：` +
        '请先停止正在运行的园区报告助手，或设置 DATABASE_URL 改用 PostgreSQL 让多个程序共用。',
    )

    await db.close()
    await db.close()
    expect(existsSync(lock)).toBe(false)
    const again = await openDatabase({ dataDir })
    await again.close()
  })

  it('takes over the lock of a process that is gone (a crash)', async () => {
    const dataDir = await tempDir()
    const exited = spawnSync(process.execPath, ['-e', 'process.exit(0)'])
    await mkdir(dataDir, { recursive: true })
    await writeFile(join(dataDir, 'pglite.lock'), JSON.stringify({ pid: exited.pid, host: hostname() }), 'utf8')
    const db = await openDatabase({ dataDir })
    expect((await db.query<{ answer: number }>('SELECT 6 * 7 AS answer')).rows).toEqual([{ answer: 42 }])
    await db.close()
  })

  it('reads the numbered migration files in order', async () => {
    expect((await loadMigrations()).map((m) => `${m.version} ${m.name}`)).toEqual(['1 parks', '2 policy_documents', '3 drafts', '4 policy_document_identity'])
  })
})

describe('openWorkspace', () => {
  it('migrates, imports the JSON documents of earlier versions on the first start only, and survives a restart', async () => {
    const dataDir = await tempDir()
    const legacy = new JsonDocumentStore(dataDir)
    const document = {
      id: 'upload-9f8e7d6c5b4a3921',
      title: '南岭市工业园区循环化改造实施方案',
      origin: 'upload' as const,
      fileName: '实施方案.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      addedAt: '2026-01-12T02:03:04.005Z',
      text: '南岭市工业园区循环化改造实施方案\n一、总体要求\n（一）推动园区循环化改造。',
    }
    await legacy.save(document)

    // AppConfig is a DatabaseConfig: the server passes its config as it is (DATABASE_URL comes from config.env).
    const first = await openWorkspace(loadConfig({ DATA_DIR: dataDir }))
    expect(await first.documents.list()).toEqual([document])
    await first.documents.remove(document.id)
    const park = await first.parks.create(JSON.parse(readFileSync(new URL('../../fixtures/parks/lingjiang-green.json', import.meta.url), 'utf8')))
    await first.close()

    const second = await openWorkspace({ dataDir, env: {} })
    expect(await second.documents.list()).toEqual([])
    expect(await second.parks.get(park.id)).toEqual(park)
    await second.close()
  })
})

describe('a crash', () => {
  it('loses nothing that was saved before the process was killed (kill -9), and frees the data directory', async () => {
    const dataDir = await tempDir()
    const workspace = new URL('../../src/store/workspace.ts', import.meta.url).href
    const park = fileURLToPath(new URL('../../fixtures/parks/nanling-green.json', import.meta.url))
    // The child saves a park and a draft version, prints their ids, and is killed before it can close anything.
    const script = `
      import { readFileSync } from 'node:fs'
      import { openWorkspace } from ${JSON.stringify(workspace)}
      const ws = await openWorkspace({ dataDir: ${JSON.stringify(dataDir)}, env: {} })
      const park = await ws.parks.create(JSON.parse(readFileSync(${JSON.stringify(park)}, 'utf8')))
      const { draft } = await ws.drafts.create({ parkId: park.id, title: '经验总结', text: '第一版', source: 'compose' })
      await ws.drafts.addVersion(draft.id, { text: '第二版：补充了量化数据', source: 'edit', basedOn: 1 })
      console.log(JSON.stringify({ park: park.id, draft: draft.id }))
      process.kill(process.pid, 'SIGKILL')
    `
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      timeout: 180_000,
    })
    expect(child.signal, child.stderr).toBe('SIGKILL')
    const ids = JSON.parse(child.stdout.trim().split('\n').pop()!) as { park: string; draft: string }
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true)

    const ws = await openWorkspace({ dataDir, env: {} })
    expect((await ws.parks.get(ids.park)).name).toBe('南岭经济技术开发区')
    expect(await ws.drafts.latest(ids.draft)).toMatchObject({ number: 2, text: '第二版：补充了量化数据', source: 'edit' })
    await ws.close()
  }, 240_000)
})
