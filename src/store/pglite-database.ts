import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { lockDataDir } from './data-dir-lock.js'
import type { Database, OpenOptions, QueryResult, Queryable } from './database.js'

/**
 * PostgreSQL's own memory settings for the embedded database. Its default 128 MB of shared buffers live inside the
 * WASM memory, which never shrinks: measured at rest, 312 MiB RSS for PGlite alone with the default and 161 MiB with
 * 16 MB (issue 16: the whole server ≤ 300 MiB). A workspace of parks and drafts is a few megabytes, so 16 MB still
 * holds all of it; work_mem bounds one sort (the largest sorts are version lists).
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'work_mem=2MB', '-c', 'temp_buffers=2MB']
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, ...MEMORY_SETTINGS]

/** The embedded default: PostgreSQL compiled to WASM (shipped inside the npm package), its files under DATA_DIR. */
export async function openPgliteDatabase(dir: string, { migrateWhenCreated = false }: OpenOptions = {}): Promise<Database> {
  await mkdir(dirname(dir), { recursive: true })
  const release = await lockDataDir(`${dir}.lock`, dir)
  try {
    if (!existsSync(join(dir, 'PG_VERSION'))) await createDatabaseFiles(dir, migrateWhenCreated)
    const pg = await PGlite.create(dir, { startParams: PGLITE_START_PARAMS })
    return pgliteDatabase(pg, release)
  } catch (error) {
    await release()
    throw error
  }
}

/**
 * Creates a new database's files (PostgreSQL's initdb), and applies the migrations when asked, in a child process
 * that then exits (new-pglite-database.ts). Run in this process, initdb's own WASM instance and a second PGlite that PGlite starts for
 * it stay in memory after they are done, and so does what the first migrations grew PGlite's memory to: the server
 * held ~440 MiB at rest after creating a fresh database against ~300 MiB after opening an existing one, and still
 * ~50 MiB more with initdb alone moved out. The parent holds the data directory's lock throughout, so nothing else
 * opens the half-made files; its own migrate() then finds the schema current.
 */
async function createDatabaseFiles(dir: string, migrate: boolean): Promise<void> {
  // Under the sources (tests, tsx) the child runs the TypeScript module; from dist/ the compiled one.
  const fromSources = import.meta.url.endsWith('.ts')
  const entry = fileURLToPath(new URL(fromSources ? './new-pglite-database.ts' : './new-pglite-database.js', import.meta.url))
  await promisify(execFile)(process.execPath, [...(fromSources ? ['--import', 'tsx'] : []), entry, dir, ...(migrate ? ['--migrate'] : [])], { timeout: INITDB_TIMEOUT_MS, env: process.env })
}

/** initdb takes 2–8 s on a busy 2-core machine; past this something is wrong (the error names the directory). */
const INITDB_TIMEOUT_MS = 300_000

/** A Database over an open PGlite; `release` runs after it closes (the data directory's lock). */
export function pgliteDatabase(pg: PGlite, release: () => Promise<void>): Database {
  return new PgliteDatabase(pg, release)
}

class PgliteDatabase implements Database {
  readonly backend = 'pglite' as const
  private closed = false

  constructor(
    private readonly pg: PGlite,
    private readonly release: () => Promise<void>,
  ) {}

  query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    return runQuery<T>(this.pg, sql, params)
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql)
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    // PGlite serializes everything else behind an open transaction, so a transaction here is as isolated as on a
    // server with SERIALIZABLE, and nothing interleaves with it.
    return this.pg.transaction((tx) =>
      fn({
        query: <R>(sql: string, params: readonly unknown[] = []) => runQuery<R>(tx, sql, params),
        exec: async (sql: string) => {
          await tx.exec(sql)
        },
      }),
    )
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.pg.close()
    } finally {
      await this.release()
    }
  }
}

async function runQuery<T>(target: PGlite | Transaction, sql: string, params: readonly unknown[]): Promise<QueryResult<T>> {
  const result = await target.query<T>(sql, params.map((value) => (value === undefined ? null : value)))
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length }
}
