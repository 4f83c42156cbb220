/**
 * Start-up as a person feels it (issue 16): the CLI checking one ≈3000-字 draft through `npm run -s cli`, through the
 * package's own bin entry (from the start-up snapshot), through the bundle it falls back to, and the way it ran before
 * the build step (tsx compiling at run time), interleaved with
 * `node -e 0`, the floor every Node program pays. Then the server: time from spawn to its first /api/health answer
 * and its RSS at rest, on a fresh data directory (the database created) and on an existing one, and the same under tsx.
 *
 * Every command runs in its own process from the compiled dist/ (built first, as `npm ci` does).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { childSample, interleave, percentile, rssMiB, timingRow, valueRow, type BenchRow } from './bench-kit.js'
import { draftOfAbout3000Zishu } from './check.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLI_ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 10)
const SERVER_ROUNDS = Number(process.env.BENCH_SERVER_ROUNDS ?? 3)
const node = process.execPath

export async function benchStartup(): Promise<BenchRow[]> {
  spawnSync(node, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' })
  const dir = mkdtempSync(join(tmpdir(), 'park-report-bench-'))
  try {
    const draft = join(dir, 'draft.txt')
    writeFileSync(draft, draftOfAbout3000Zishu())
    const cli = await cliRows(draft)
    if (SERVER_ROUNDS === 0) return cli
    try {
      return [...cli, ...(await serverRows(dir))]
    } catch (error) {
      // A server that never answers is a measurement too: the row says so instead of losing the CLI rows.
      return [...cli, { group: '启动', name: `server start failed: ${(error as Error).message.slice(0, 120)}`, unit: '', target: '≤ 1000 ms', met: false }]
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function cliRows(draft: string): Promise<BenchRow[]> {
  const run = (command: string, args: string[]) => () => childSample(command, args, { cwd: ROOT })
  const series = [
    { name: 'node -e 0', run: run(node, ['-e', '0']) },
    { name: 'npm run -s cli -- check', run: run('npm', ['run', '-s', 'cli', '--', 'check', draft]) },
    // As npm's bin link runs it: the file itself, whose shell half starts node from the start-up snapshot.
    { name: 'bin/park-report.js check', run: run(join(ROOT, 'bin', 'park-report.js'), ['check', draft]) },
    // Its JavaScript half, which runs the bundle with its code cache (what the bin ran before the snapshot).
    { name: 'node bin/park-report.js check', run: run(node, ['bin/park-report.js', 'check', draft]) },
    { name: 'before: tsx src/cli.ts check', run: run(node, ['--import', 'tsx', 'src/cli.ts', 'check', draft]) },
  ]
  const samples = await interleave(series, { rounds: CLI_ROUNDS })
  const baseline = { name: 'node -e 0', samples: samples.get('node -e 0')! }
  const group = '启动'
  return [
    timingRow({ group, name: 'node -e 0 (baseline)', samples: baseline.samples }),
    timingRow({
      group,
      name: 'CLI check, 3000 字, npm run -s cli',
      samples: samples.get('npm run -s cli -- check')!,
      baseline,
      target: '≤ 450 ms and ≤ 9× node -e 0 (wall p50)',
      meets: ({ wall, ratio }) => wall.p50 <= 450 && ratio! <= 9,
    }),
    timingRow({
      group,
      name: 'CLI check, 3000 字, bin entry',
      samples: samples.get('bin/park-report.js check')!,
      baseline,
      target: '≤ 250 ms (wall p50)',
      meets: ({ wall }) => wall.p50 <= 250,
    }),
    timingRow({ group, name: 'CLI check, bundle without the snapshot (node bin/park-report.js)', samples: samples.get('node bin/park-report.js check')!, baseline }),
    timingRow({ group, name: 'CLI check before the build step (tsx)', samples: samples.get('before: tsx src/cli.ts check')!, baseline }),
  ]
}

interface ServerStart {
  /** Spawn to the first /api/health answer (the server listens before its database is open: status "starting"). */
  firstAnswerMs: number
  /** Spawn to the first health answer with status "ok": database open, policy index built, every route served. */
  readyMs: number
  rssAtRestMiB: number
}

/** Spawns a server, waits for its first /api/health answer and for it to be ready, then reads its RSS after it has settled. */
async function startServer(args: string[], dataDir: string): Promise<ServerStart> {
  const port = 20000 + Math.floor(Math.random() * 30000)
  const started = process.hrtime.bigint()
  const child = spawn(node, args, { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (data: Buffer) => (stderr += String(data)))
  try {
    const deadline = Date.now() + 600_000
    let firstAnswerMs: number | undefined
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server ${args.join(' ')} exited with ${child.exitCode}: ${stderr.slice(-800)}`)
      if (Date.now() > deadline) throw new Error(`server ${args.join(' ')} was not ready in 600 s`)
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`)
        firstAnswerMs ??= Number(process.hrtime.bigint() - started) / 1e6
        // Before the start-up gate a health answer meant ready; a tree without it (BENCH_SERVER_ROOT) answers "ok" only.
        if (response.ok && ((await response.json()) as { status?: string }).status === 'ok') break
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const readyMs = Number(process.hrtime.bigint() - started) / 1e6
    // At rest: after the check threads have loaded their code and warmed up (a few seconds after ready).
    await new Promise((resolve) => setTimeout(resolve, 5000))
    return { firstAnswerMs: firstAnswerMs ?? readyMs, readyMs, rssAtRestMiB: rssMiB(child.pid!) }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
}

async function serverRows(dir: string): Promise<BenchRow[]> {
  const existing = join(dir, 'existing')
  await startServer(['bin/park-report-server.js'], existing) // creates the database the "existing" series reopens
  const results = new Map<string, ServerStart[]>()
  const series: [string, () => Promise<ServerStart>][] = [
    ['existing database', () => startServer(['bin/park-report-server.js'], existing)],
    ['fresh database', () => startServer(['bin/park-report-server.js'], mkdtempSync(join(dir, 'fresh-')))],
    ['before: tsx, existing database', () => startServer(['--import', 'tsx', 'src/server/main.ts'], existing)],
  ]
  for (let round = 0; round < SERVER_ROUNDS; round += 1) {
    for (const [name, run] of series) {
      const list = results.get(name) ?? []
      list.push(await run())
      results.set(name, list)
    }
  }
  const group = '启动'
  const rows: BenchRow[] = []
  for (const [name] of series) {
    const list = results.get(name)!
    const first = list.map((r) => ({ cpuMs: Number.NaN, wallMs: r.firstAnswerMs }))
    const rss = percentile(
      list.map((r) => r.rssAtRestMiB),
      50,
    )
    const before = name.startsWith('before')
    const { cpu: _cpu, ...row } = timingRow({
      group,
      name: `server first answer, ${name}`,
      samples: first,
      ...(before ? {} : { target: '≤ 1000 ms (wall p50)', meets: ({ wall }) => wall.p50 <= 1000 }),
    })
    rows.push(row)
    const { cpu: _readyCpu, ...ready } = timingRow({ group, name: `server ready (health "ok"), ${name}`, samples: list.map((r) => ({ cpuMs: Number.NaN, wallMs: r.readyMs })) })
    rows.push(ready)
    rows.push(valueRow(group, `server RSS at rest, ${name} (p50)`, rss, 'MiB', before ? undefined : { text: '≤ 300 MiB', met: rss <= 300 }))
  }
  return rows
}
