import { join } from 'node:path'

/**
 * The one seam between the repositories and a PostgreSQL: the embedded PGlite under DATA_DIR by default, or a real
 * server (DATABASE_URL) so several server instances can share one workspace. Both speak the same SQL, so every
 * repository and migration is written once; anything backend-specific (type parsing, locking, connection errors)
 * stays in the two implementations.
 */

export type Row = Record<string, unknown>

export interface QueryResult<T> {
  rows: T[]
  /** Rows returned by a SELECT or changed by an INSERT, UPDATE or DELETE. */
  rowCount: number
}

export interface Queryable {
  /** One statement; parameters are `$1`, `$2`, … — never build SQL from values. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>
  /** Several statements without parameters (a migration file). */
  exec(sql: string): Promise<void>
}

export interface Database extends Queryable {
  readonly backend: 'pglite' | 'postgres'
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside, use only `tx`
   * (PGlite has one connection, and a query on the database itself would wait for the transaction to end).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface DatabaseConfig {
  /** DATA_DIR: the embedded database lives in `${dataDir}/pglite`. */
  dataDir: string
  /** A PostgreSQL connection string; when absent, `env.DATABASE_URL` is used, and without either, PGlite. */
  databaseUrl?: string
  /** The environment the rest of the configuration came from (AppConfig.env fits). */
  env?: Readonly<Record<string, string | undefined>>
}

/** The PostgreSQL server to use, or undefined for the embedded PGlite. */
export function databaseUrlOf(config: DatabaseConfig): string | undefined {
  const url = (config.databaseUrl ?? config.env?.DATABASE_URL)?.trim()
  return url ? url : undefined
}

export function pgliteDirOf(dataDir: string): string {
  return join(dataDir, 'pglite')
}

export interface OpenOptions {
  /**
   * An embedded database this call creates gets its schema current at creation, in the child process that creates it
   * (pglite-database.ts: the memory migrations take stays there). openWorkspace asks for it, since it migrates anyway.
   */
  migrateWhenCreated?: boolean
}

/**
 * Opens the workspace database the configuration names. The drivers are imported lazily, so a deployment on
 * PostgreSQL never loads the PGlite WASM and the embedded default never loads `pg`. Does not migrate (but see
 * `migrateWhenCreated`): call `migrate(db)` (or use openWorkspace, which does both).
 */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const url = databaseUrlOf(config)
  if (url) {
    const { openPostgresDatabase } = await import('./postgres-database.js')
    return openPostgresDatabase(url)
  }
  const { openPgliteDatabase } = await import('./pglite-database.js')
  return openPgliteDatabase(pgliteDirOf(config.dataDir), options)
}

export { migrate, loadMigrations, type Migration, type MigrateResult } from './migrate.js'
