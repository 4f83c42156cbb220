import { Hono } from 'hono'
import type { AppConfig } from '../config.js'
import { securityHeaders, STATIC_FILES, staticHeaders, VERSION } from './static-files.js'

/** Any application that answers fetch requests (the full Hono app once the server is ready). */
export interface ReadyApp {
  fetch(request: Request, env?: unknown): Response | Promise<Response>
}

export interface StartupGateOptions {
  /** The full application, resolved once the database is open and the policy index built. */
  ready: Promise<ReadyApp>
  /** What /api/health says while starting (it answers `llm` and `auth` as the full app does). */
  config: Pick<AppConfig, 'llm' | 'auth'>
  /**
   * How long a request that needs the database or the index waits for them before it is answered 503 with
   * Retry-After. Opening a fresh embedded database takes a few seconds (longer on a busy machine); a person's first
   * request should wait through that rather than fail, but not forever.
   */
  maxWaitMs?: number
}

/** Seconds a client is told to wait before it retries a request refused while the server was starting. */
const RETRY_AFTER_SECONDS = 5
const DEFAULT_MAX_WAIT_MS = 30_000

const messages = {
  starting: '园区报告助手正在启动（正在打开数据库、建立政策条款索引），请稍等几秒后重试。',
  failed: '园区报告助手未能启动，请查看运行窗口中的提示，处理后重新启动。',
}

/**
 * The server's request handler from the moment it listens (issue 16: first answer ≤ 1 s after `npm start`). Opening
 * the embedded database and indexing the policy corpus take seconds, so the server listens first and does them in the
 * background: meanwhile /api/health answers at once with `status: "starting"`, the web page's files are served (the
 * page then waits on its first API calls), and every other request waits for `ready` — at most `maxWaitMs`, then a
 * Chinese 503 with Retry-After. Once ready, every request goes straight to the full application, which applies
 * authentication, rate and body limits itself.
 */
export function startupGate({ ready, config, maxWaitMs = DEFAULT_MAX_WAIT_MS }: StartupGateOptions): (request: Request, env?: unknown) => Response | Promise<Response> {
  let app: ReadyApp | undefined
  let failed = false
  const settled = ready.then(
    (readyApp) => {
      app = readyApp
      return readyApp
    },
    () => {
      failed = true
      return undefined
    },
  )
  const starting = startingApp(config, () => failed)

  return (request, env) => {
    if (app) return app.fetch(request, env)
    return starting.fetch(request, env) ?? waitFor(request, env)
  }

  async function waitFor(request: Request, env: unknown): Promise<Response> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), maxWaitMs)
    })
    try {
      const outcome = await Promise.race([settled, timeout])
      if (outcome && outcome !== 'timeout') return outcome.fetch(request, env)
      return notReady(outcome === 'timeout' ? 'starting' : 'failed')
    } finally {
      clearTimeout(timer)
    }
  }
}

/** 503 in the API's error shape; Retry-After only while the server is still coming up. */
function notReady(state: 'starting' | 'failed'): Response {
  const body = JSON.stringify({ error: { code: state === 'starting' ? 'server_starting' : 'server_failed', message: messages[state] } })
  return new Response(body, {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(state === 'starting' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}) },
  })
}

/**
 * What the server can answer before it is ready: /api/health and the page's static files. `fetch` returns
 * undefined for anything else (the caller then waits for the full application).
 */
function startingApp(config: StartupGateOptions['config'], hasFailed: () => boolean) {
  const app = new Hono()
  app.use(securityHeaders())
  app.get('/api/health', (c) =>
    c.json({ status: hasFailed() ? 'failed' : 'starting', version: VERSION, llm: Boolean(config.llm), auth: Boolean(config.auth) }),
  )
  for (const [path, file] of Object.entries(STATIC_FILES)) app.get(path, (c) => c.body(file.body, 200, staticHeaders(file)))
  const answers = (request: Request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false
    const path = new URL(request.url).pathname
    return path === '/api/health' || path in STATIC_FILES
  }
  return {
    fetch: (request: Request, env: unknown) => (answers(request) ? app.fetch(request, env) : undefined),
  }
}
