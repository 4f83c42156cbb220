import { serve } from '@hono/node-server'
import { loadConfig } from '../config.js'
import { UserError } from '../errors.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import { WorkerPool } from '../jobs/worker-pool.js'
import { openWorkspace } from '../store/workspace.js'
import { createApp } from './app.js'

/** Open requests get this long to finish on SIGTERM/SIGINT before their connections are cut. */
const SHUTDOWN_GRACE_MS = 5_000

/**
 * `npm start`: the server on the embedded default — bundled policies, the workspace database (PGlite under DATA_DIR,
 * or DATABASE_URL), no API key needed. On SIGTERM/SIGINT it stops accepting requests, lets open ones finish, and
 * closes the database, so the embedded database's files are complete and its lock is released.
 */
async function main(): Promise<void> {
  const config = loadConfig()
  const workspace = await openWorkspace({ dataDir: config.dataDir, env: config.env })
  let corpus: PolicyCorpus
  try {
    corpus = await PolicyCorpus.open(config, workspace.documents)
  } catch (error) {
    await workspace.close()
    throw error
  }
  // Checking, offline drafting, export and reading uploads run in worker threads (one per core): the event loop
  // stays free for every other request, and a job that overruns its time budget is stopped.
  const jobs = new WorkerPool({ corpusConfig: { env: config.env, dataDir: config.dataDir, limits: config.limits } })
  jobs.setUploads(corpus.uploads())
  corpus.onUploadsChanged(() => jobs.setUploads(corpus.uploads()))
  const app = createApp({ config, corpus, workspace, jobs })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const { documents, clauses } = corpus.stats
    console.log(
      `园区报告助手已启动：http://${config.host}:${info.port}/  （${documents} 份政策文件，${clauses} 条条款；` +
        `数据库 ${workspace.db.backend === 'postgres' ? 'PostgreSQL' : `${config.dataDir}/pglite`}）`,
    )
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`收到 ${signal}，正在停止……`)
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      Promise.all([jobs.close(), workspace.close()])
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error)
          process.exit(1)
        })
    })
    // Idle keep-alive connections would otherwise hold close() open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  // A UserError (say, the data directory is in use by another instance) is a message for a person, not a bug.
  console.error(error instanceof UserError ? error.message : error)
  process.exit(1)
})
