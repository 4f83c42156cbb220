import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './database.js'

/** A numbered SQL file of src/store/migrations, e.g. 0003_drafts.sql → {version: 3, name: 'drafts'}. */
export interface Migration {
  version: number
  name: string
  sql: string
  /** SHA-256 of the file: an applied migration whose file changed afterwards is refused, not silently skipped. */
  checksum: string
}

export interface MigrateResult {
  /** Versions applied by this call, in order (empty when the schema was already current). */
  applied: number[]
  /** The schema version now: the highest applied migration. */
  version: number
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/

/** Any constant key: every instance that migrates takes the same advisory lock, so two start-ups never race. */
const MIGRATION_LOCK = 7_270_118_001

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = []
  for (const file of (await readdir(dir)).sort()) {
    if (!file.endsWith('.sql')) continue
    const match = FILE_NAME.exec(file)
    if (!match) throw new Error(`Migration file ${file} is not named NNNN_name.sql`)
    const sql = await readFile(join(dir, file), 'utf8')
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    })
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${migration.version} at position ${index + 1}`)
  })
  return migrations
}

/**
 * Brings the schema up to date: each pending migration runs in its own transaction together with its row in
 * `schema_migrations`, so a failure leaves the previous version intact and the next start tries again. Safe to
 * call on every start and from several instances at once (the advisory lock serializes them, and each re-reads
 * what is applied after taking it). Works the same on PGlite and PostgreSQL.
 */
export async function migrate(db: Database, migrations?: readonly Migration[]): Promise<MigrateResult> {
  const all = migrations ?? (await loadMigrations())
  const applied: number[] = []
  let version = 0
  for (const migration of all) {
    const ran = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`)
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer     PRIMARY KEY,
        name       text        NOT NULL,
        checksum   text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
      const { rows } = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [migration.version])
      if (rows[0]) {
        if (rows[0].checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead of editing an applied one`,
          )
        }
        return false
      }
      await tx.exec(migration.sql)
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ])
      return true
    })
    if (ran) applied.push(migration.version)
    version = migration.version
  }
  return { applied, version }
}
