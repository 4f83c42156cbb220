/**
 * HTTP load on 127.0.0.1, every party in its own process: the server under test (the compiled dist/ server on a fresh
 * data directory, or the bare-Hono baseline), and autocannon's CLI as the load generator, so that neither the load
 * nor the measuring steals the server's CPU inside one event loop. Bounded by duration: it always stops by itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rssMiB } from './bench-kit.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface RunningServer {
  port: number
  pid: number
  stop: () => Promise<void>
}

async function waitForAnswer(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error('server did not answer in 180 s')
    try {
      // The server listens at once and opens its database and index behind a start-up gate (startup-gate.ts): the
      // measuring starts when /api/health no longer says "starting".
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { status?: string }
      if (health.status !== 'starting') return
      await new Promise((resolve) => setTimeout(resolve, 20))
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

const stopper = (child: ChildProcess, cleanup = () => {}) => async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  cleanup()
}

/** The product's server from dist/ on a fresh data directory; `root` is another checkout to measure the same way. */
export async function startProductServer(env: NodeJS.ProcessEnv = {}, root = ROOT): Promise<RunningServer> {
  spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' })
  const dataDir = mkdtempSync(join(tmpdir(), 'park-report-load-'))
  const port = 20000 + Math.floor(Math.random() * 30000)
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir }, stdio: 'ignore' })
  await waitForAnswer(port, child)
  return { port, pid: child.pid!, stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })) }
}

/** The bare-Hono baseline (bench/bare-hono-server.mjs). */
export async function startBareHono(): Promise<RunningServer> {
  const child = spawn(process.execPath, ['bench/bare-hono-server.mjs'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (data: Buffer) => resolve(Number(String(data).trim())))
    child.once('exit', (code) => reject(new Error(`bare Hono server exited with ${code}`)))
  })
  return { port, pid: child.pid!, stop: stopper(child) }
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  max: number
  failures: number
  rssAfterMiB: number
}

/** autocannon's CLI in its own process against `path` of a running server. */
export function runLoad(
  server: RunningServer,
  target: { path: string; method: 'GET' | 'POST'; body?: string },
  options: { connections: number; durationSeconds: number; distinctBodies?: boolean },
): LoadResult {
  const dir = mkdtempSync(join(tmpdir(), 'park-report-autocannon-'))
  try {
    const args = [
      fileURLToPath(import.meta.resolve('autocannon/autocannon.js')),
      '--json',
      '-c', String(options.connections),
      '-d', String(options.durationSeconds),
      '-m', target.method,
      '-H', 'content-type=application/json',
    ]
    if (target.body) {
      const file = join(dir, 'body.json')
      writeFileSync(file, target.body)
      args.push('-i', file)
      // autocannon writes a request number in place of each "[<id>]" of the body, so every request is a new text.
      if (options.distinctBodies) args.push('--idReplacement')
    }
    args.push(`http://127.0.0.1:${server.port}${target.path}`)
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    if (result.status !== 0) throw new Error(`autocannon failed: ${result.stderr.slice(-500)}`)
    const json = JSON.parse(result.stdout) as {
      requests: { average: number }
      latency: { p50: number; p99: number; max: number }
      errors: number
      timeouts: number
      non2xx: number
    }
    return {
      requestsPerSecond: json.requests.average,
      p50: json.latency.p50,
      p99: json.latency.p99,
      max: json.latency.max,
      failures: json.errors + json.timeouts + json.non2xx,
      rssAfterMiB: rssMiB(server.pid),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
