import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { AppConfig } from '../config.js'
import type { PolicyCorpus } from '../corpus/policy-corpus.js'
import { UserError } from '../errors.js'
import { errorResponse } from './errors.js'
import { checkRoutes } from './routes/check.js'
import { draftingRoutes } from './routes/drafting.js'
import { exportRoutes } from './routes/export.js'
import { policyRoutes } from './routes/policies.js'
import { referenceRoutes } from './routes/reference.js'

export interface AppDependencies {
  config: AppConfig
  corpus: PolicyCorpus
}

const VERSION = '0.1.0'

// The web page is three static files; read once at start-up, not per request.
const page = (name: string) => readFileSync(new URL(`./web/${name}`, import.meta.url), 'utf8')
const STATIC_FILES = {
  '/': { body: page('index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { body: page('app.js'), type: 'text/javascript; charset=utf-8' },
  '/app.css': { body: page('app.css'), type: 'text/css; charset=utf-8' },
} as const

const messages = {
  unauthorized: '需要访问令牌：请在请求头 Authorization 中提供 “Bearer <令牌>”。',
  notFound: '请求的接口不存在。',
}

/** The Hono application: thin routes over the same pure functions the CLI uses. */
export function createApp({ config, corpus }: AppDependencies): Hono {
  const app = new Hono()
  app.onError(errorResponse)
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
    }),
  )

  if (config.auth) {
    const expected = `Bearer ${config.auth.token}`
    app.use('/api/*', async (c, next) => {
      if (c.req.path === '/api/health') return next()
      if (c.req.header('authorization') !== expected) throw new UserError('unauthorized', messages.unauthorized, 401)
      return next()
    })
  }

  for (const [path, file] of Object.entries(STATIC_FILES)) {
    app.get(path, (c) => c.body(file.body, 200, { 'content-type': file.type }))
  }

  app.get('/api/health', (c) =>
    c.json({ status: 'ok', version: VERSION, ...corpus.stats, llm: Boolean(config.llm), auth: Boolean(config.auth) }),
  )
  app.route('/api', policyRoutes(corpus, config.limits.maxUploadBytes))
  app.route('/api', checkRoutes())
  app.route('/api', referenceRoutes())
  app.route('/api', exportRoutes())
  app.route('/api', draftingRoutes({ config, corpus }))
  app.notFound((c) => c.json({ error: { code: 'not_found', message: messages.notFound } }, 404))
  return app
}
