import { loadConfig, type AppConfig } from '../config.js'
import { UserError } from '../errors.js'
import { listen } from './listen.js'
import { startupGate, type ReadyApp } from './startup-gate.js'

/** Open requests get this long to finish on SIGTERM/SIGINT before their connections are cut. */
const SHUTDOWN_GRACE_MS = 5_000

interface Services {
  app: ReadyApp
  /** What the start-up line reports. */
  summary: string
  close(): Promise<void>
}

/**
 * The database, the policy index, the worker pool and the full application. Everything heavy is imported here, after
 * the server already listens: these modules and the embedded database take seconds to load, and /api/health and the
 * page answer meanwhile (startup-gate.ts).
 */
async function openServices(config: AppConfig): Promise<Services> {
  const [{ openWorkspace }, { PolicyCorpus }, { WorkerPool }, { createApp }] = await Promise.all([
    import('../store/workspace.js'),
    import('../corpus/policy-corpus.js'),
    import('../jobs/worker-pool.js'),
    import('./app.js'),
  ])
  const workspace = await openWorkspace({ dataDir: config.dataDir, env: config.env })
  try {
    const corpus = await PolicyCorpus.open(config, workspace.documents)
    // Checking, offline drafting, export and reading uploads run in worker threads (one per core): the event loop
    // stays free for every other request, and a job that overruns its time budget is stopped.
    const jobs = new WorkerPool({ corpusConfig: { env: config.env, dataDir: config.dataDir, limits: config.limits } })
    jobs.setUploads(corpus.uploads())
    corpus.onUploadsChanged(() => jobs.setUploads(corpus.uploads()))
    const { documents, clauses } = corpus.stats
    return {
      app: createApp({ config, corpus, workspace, jobs }),
      summary: `${documents} 份政策文件，${clauses} 条条款；数据库 ${workspace.db.backend === 'postgres' ? 'PostgreSQL' : `${config.dataDir}/pglite`}`,
      close: async () => {
        await Promise.all([jobs.close(), workspace.close()])
      },
    }
  } catch (error) {
    await workspace.close()
    throw error
  }
}

/**
 * `npm start`: the server on the embedded default — bundled policies, the workspace database (PGlite under DATA_DIR,
 * or DATABASE_URL), no API key needed. It listens at once and opens the database and the index in the background.
 * On SIGTERM/SIGINT it stops accepting requests, lets open ones finish, and closes the database, so the embedded
 * database's files are complete and its lock is released.
 */
function main(): void {
  const config = loadConfig()
  const started = performance.now()
  let listening!: (port: number) => void
  const port = new Promise<number>((resolve) => (listening = resolve))
  // The heavy imports and the database start only once the server listens, so they never delay its first answer.
  const services = port.then(() => openServices(config))
  const server = listen(startupGate({ ready: services.then((s) => s.app), config }), { port: config.port, hostname: config.host }, (info) => listening(info.port))
  Promise.all([port, services]).then(
    ([actualPort, { summary }]) =>
      console.log(`园区报告助手已启动：http://${config.host}:${actualPort}/  （${summary}；用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`),
    () => undefined,
  )
  services.catch((error: unknown) => {
    // A UserError (say, the data directory is in use by another instance) is a message for a person, not a bug.
    console.error(error instanceof UserError ? error.message : error)
    process.exit(1)
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`收到 ${signal}，正在停止……`)
    const force = setTimeout(() => {
      server.closeAllConnections()
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      services
        .then((s) => s.close())
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error)
          process.exit(1)
        })
    })
    // Idle keep-alive connections would otherwise hold close() open until they time out.
    server.closeIdleConnections()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

try {
  main()
} catch (error) {
  console.error(error instanceof UserError ? error.message : error)
  process.exit(1)
}
