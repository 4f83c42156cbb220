import pg from 'pg'
import { UserError } from '../errors.js'
import type { Database, QueryResult, Queryable } from './database.js'

const messages = {
  unavailable: '暂时无法连接数据库，本次操作未保存。请稍后重试；若问题持续，请联系管理员检查 PostgreSQL 服务（DATABASE_URL）。',
}

/**
 * A PostgreSQL server through node-postgres: several server instances can share one workspace. Opening checks the
 * connection once, so a wrong DATABASE_URL stops the start-up with a clear message instead of failing later.
 */
export async function openPostgresDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'park-report',
  })
  // An idle connection the server drops (restart, network) must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`))
  const db = new PostgresDatabase(pool)
  try {
    await pool.query('SELECT 1')
  } catch (error) {
    await pool.end().catch(() => {})
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`, { cause: error })
  }
  return db
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(DATABASE_URL)'
  }
}

class PostgresDatabase implements Database {
  readonly backend = 'postgres' as const
  private closed = false

  constructor(private readonly pool: pg.Pool) {}

  query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    return runQuery<T>(this.pool, sql, params)
  }

  async exec(sql: string): Promise<void> {
    // Without parameters node-postgres uses the simple protocol, which accepts several statements.
    await this.pool.query(sql).catch(rethrow)
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch(rethrow)
    let broken: Error | undefined
    try {
      await client.query('BEGIN').catch(rethrow)
      const result = await fn({
        query: <R>(sql: string, params: readonly unknown[] = []) => runQuery<R>(client, sql, params),
        exec: async (sql: string) => {
          await client.query(sql).catch(rethrow)
        },
      })
      await client.query('COMMIT').catch(rethrow)
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch (rollbackError) {
        // The connection is unusable: release(error) destroys it instead of returning it to the pool.
        broken = rollbackError as Error
      }
      throw error
    } finally {
      client.release(broken)
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}

async function runQuery<T>(target: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<QueryResult<T>> {
  const values = params.map((value) => (value === undefined ? null : value))
  const result = await target.query(sql, values).catch(rethrow)
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length }
}

/**
 * Connection failures become a 503 UserError with a Chinese message (the person's input is not at fault and can be
 * sent again); SQL errors stay as they are for the repositories to map.
 */
function rethrow(error: unknown): never {
  if (isConnectionError(error)) throw new UserError('database_unavailable', messages.unavailable, 503)
  throw error
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), 53300 (too many connections).
    if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return true
    if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'].includes(code)) return true
  }
  return /Connection terminated|timeout exceeded when trying to connect/i.test(error.message)
}
