import { rmSync } from 'node:fs'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/**
 * What the end-to-end tests share: a free port, the real server as a child process (offline: no LLM, no embeddings,
 * no token) and Debian's Chromium driven by playwright-core (no browser is downloaded).
 */

export const CHROMIUM = '/usr/bin/chromium'
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** `node --import tsx src/server/main.ts` on a DATA_DIR and PORT, offline (no LLM, no embeddings, no token). */
export async function startServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      EMBEDDINGS_BASE_URL: '',
      AUTH_TOKEN: '',
      DATABASE_URL: '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`)
    try {
      // The server answers health at once with status "starting" while it opens the database; wait for "ok".
      const response = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (response.ok && ((await response.json()) as { status?: string }).status === 'ok') return child
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start: ${output}`)
}

export async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timeout)
}

/** Chromium with its own profile directory (localStorage survives a reload), headless, Chinese locale. */
/** Ends a browser suite: the browser, then the server, then both temporary directories (each suite had a copy). */
export async function endBrowserSession(session: { context?: BrowserContext; server?: ChildProcess; dirs: string[] }): Promise<void> {
  await session.context?.close()
  await stopServer(session.server)
  for (const dir of session.dirs) rmSync(dir, { recursive: true, force: true })
}

export function launchBrowser(userDataDir: string, viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    acceptDownloads: true,
    locale: 'zh-CN',
  })
}

/**
 * The browser's first page, with every script error and Content-Security-Policy violation pushed to `errors` (the
 * page runs under CSP script-src/style-src 'self': an inline script or style would be reported here).
 */
export async function watchedPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(30_000)
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text())
  })
  return page
}
