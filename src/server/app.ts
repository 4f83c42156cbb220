import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { AppConfig } from '../config.js'
import type { PolicyCorpus } from '../corpus/policy-corpus.js'
import { UserError } from '../errors.js'
import { inlineJobRunner } from '../jobs/inline-runner.js'
import type { JobRunner } from '../jobs/job-runner.js'
import { requestBodyLimit } from './body-limit.js'
import { errorResponse } from './errors.js'
import { takeTurns } from './loop-turns.js'
import { rateLimit, requestCost } from './rate-limit.js'
import { securityHeaders, STATIC_FILES, staticHeaders, VERSION } from './static-files.js'
import { checkRoutes } from './routes/check.js'
import { draftingRoutes } from './routes/drafting.js'
import { exportRoutes } from './routes/export.js'
import { policyRoutes } from './routes/policies.js'
import { referenceRoutes } from './routes/reference.js'
import { summaryTableExportRoutes, summaryTableWorkspaceRoutes } from './routes/summary-table.js'
import { workspaceParkRoutes } from './routes/workspace.js'
import { workspaceDraftRoutes } from './routes/workspace-drafts.js'
import type { Workspace } from '../store/workspace.js'

export interface AppDependencies {
  config: AppConfig
  corpus: PolicyCorpus
  /** The persistent workspace (parks, drafts and versions); without it the workspace routes answer 503. */
  workspace?: Workspace
  /** Where CPU-heavy work runs: the server passes its worker pool; by default (tests) the calling thread. */
  jobs?: JobRunner
}

const messages = {
  unauthorized: '需要访问令牌：请在请求头 Authorization 中提供 “Bearer <令牌>”。',
  notFound: '请求的接口不存在。',
  noWorkspace: '工作区数据库未打开，园区和稿件暂时无法读取或保存。请重启园区报告助手后重试。',
}

/** `Authorization: Bearer <token>`, the scheme case-insensitive (RFC 7235), the token compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^bearer\s+(.+)$/i.exec(header?.trim() ?? '')
  if (!match) return false
  const given = Buffer.from(match[1]!)
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The Hono application: thin routes over the same pure functions the CLI uses. */
export function createApp({ config, corpus, workspace, jobs = inlineJobRunner(corpus) }: AppDependencies): Hono {
  const app = new Hono()
  app.onError(errorResponse)
  app.use(securityHeaders())

  if (config.auth) {
    const token = config.auth.token
    app.use('/api/*', async (c, next) => {
      if (c.req.path === '/api/health') return next()
      if (!bearerMatches(c.req.header('authorization'), token)) throw new UserError('unauthorized', messages.unauthorized, 401)
      return next()
    })
  }
  if (config.limits.rateLimit) app.use('/api/*', rateLimit(config.limits.rateLimit))
  // A flood of costly requests is let through in small batches per turn of the event loop (loop-turns.ts), so
  // /api/health and other clients' requests are read between them.
  app.use('/api/*', takeTurns((method, path) => requestCost(method, path) > 0))
  // Every route reads its whole body before validating it: bound it here, once, before it is buffered.
  app.use('/api/*', requestBodyLimit(config.limits.maxUploadBytes))

  // Instances sharing one PostgreSQL see each other's uploads and deletions (a version check, at most once a second).
  app.use('/api/*', async (_c, next) => {
    await corpus.catchUp()
    return next()
  })

  for (const [path, file] of Object.entries(STATIC_FILES)) {
    app.get(path, (c) => c.body(file.body, 200, staticHeaders(file)))
  }

  app.get('/api/health', (c) =>
    c.json({ status: 'ok', version: VERSION, ...corpus.stats, llm: Boolean(config.llm), auth: Boolean(config.auth) }),
  )
  app.route('/api', policyRoutes(corpus, config.limits.maxUploadBytes, jobs))
  app.route('/api', checkRoutes(jobs))
  app.route('/api', referenceRoutes())
  app.route('/api', exportRoutes(jobs))
  app.route('/api', summaryTableExportRoutes(jobs))
  app.route('/api', draftingRoutes({ config, corpus, jobs }))
  if (workspace) {
    app.route('/api', workspaceParkRoutes({ workspace, maxUploadBytes: config.limits.maxUploadBytes, jobs }))
    app.route('/api', workspaceDraftRoutes({ workspace, config, corpus, jobs }))
    app.route('/api', summaryTableWorkspaceRoutes({ workspace, maxUploadBytes: config.limits.maxUploadBytes, jobs }))
  } else {
    for (const path of ['/api/parks', '/api/parks/*', '/api/drafts/*', '/api/templates/*']) {
      app.all(path, (c, next) => {
        if (c.req.path === '/api/parks/validate') return next()
        throw new UserError('workspace_unavailable', messages.noWorkspace, 503)
      })
    }
  }
  app.notFound((c) => c.json({ error: { code: 'not_found', message: messages.notFound } }, 404))
  return app
}
