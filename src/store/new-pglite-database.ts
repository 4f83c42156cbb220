/**
 * Run in a child process by pglite-database.ts (`node new-pglite-database.js <dir> [--migrate]`): creates a new
 * embedded database's files (PostgreSQL's initdb) and, with --migrate, brings its schema up to date, then exits. Both leave their memory in the
 * process that does them — the WASM memory of PGlite only grows — so doing them here, not in the server, keeps a
 * server started on a fresh DATA_DIR as lean as one reopening its database (issue 16: ≤ 300 MiB at rest).
 */
import { PGlite } from '@electric-sql/pglite'
import { migrate } from './migrate.js'
import { PGLITE_START_PARAMS, pgliteDatabase } from './pglite-database.js'

const dir = process.argv[2]
if (!dir) throw new Error('usage: new-pglite-database <dir>')
const db = pgliteDatabase(await PGlite.create(dir, { startParams: PGLITE_START_PARAMS }), async () => {})
try {
  if (process.argv.includes('--migrate')) await migrate(db)
} finally {
  await db.close()
}
