import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { describe } from 'vitest'
import { openDatabase } from '../../src/store/database.js'
import { defineRepositorySuite } from './repository-suite.js'

/**
 * The same repository suite against a real PostgreSQL server: DATABASE_URL_TEST, e.g.
 * postgres://park_report:park_report@127.0.0.1:5432/park_report_test (.ci/run starts one). Each run works in a
 * schema of its own, dropped at the end, so runs never see each other's rows.
 */
const url = process.env.DATABASE_URL_TEST

describe.skipIf(!url)('repositories on PostgreSQL (DATABASE_URL_TEST)', () => {
  defineRepositorySuite(async () => {
    const schema = `park_report_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`
    await admin(url!, `CREATE SCHEMA ${schema}`)
    const scoped = new URL(url!)
    scoped.searchParams.set('options', `-c search_path=${schema}`)
    return {
      concurrentOpen: true,
      open: () => openDatabase({ dataDir: '/nonexistent', databaseUrl: scoped.toString() }),
      dispose: () => admin(url!, `DROP SCHEMA ${schema} CASCADE`),
    }
  })
})

async function admin(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
