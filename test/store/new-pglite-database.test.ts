import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../src/store/database.js'
import { MIGRATIONS_IN_ORDER } from './repository-suite.js'

// A new embedded database asked for with migrateWhenCreated is created and migrated in a child process
// (new-pglite-database.ts), so the opening process keeps none of the memory the first migrations take.
const folders: string[] = []
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

describe('a new embedded database with migrateWhenCreated', () => {
  it('opens with its schema current, so migrate() applies nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'park-report-new-pglite-'))
    folders.push(dataDir)
    const db = await openDatabase({ dataDir, env: {} }, { migrateWhenCreated: true })
    try {
      const { rows } = await db.query('SELECT version, name FROM schema_migrations ORDER BY version')
      expect(rows).toEqual(MIGRATIONS_IN_ORDER)
      expect(await migrate(db)).toEqual({ applied: [], version: 4 })
      expect((await db.query('SELECT count(*)::int AS parks FROM parks')).rows).toEqual([{ parks: 0 }])
    } finally {
      await db.close()
    }
  })

  it('is left unmigrated without it, as openDatabase documents', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'park-report-new-pglite-'))
    folders.push(dataDir)
    const db = await openDatabase({ dataDir, env: {} })
    try {
      expect((await db.query(`SELECT to_regclass('schema_migrations') IS NULL AS missing`)).rows).toEqual([{ missing: true }])
      expect(await migrate(db)).toEqual({ applied: [1, 2, 3, 4], version: 4 })
    } finally {
      await db.close()
    }
  })
})
