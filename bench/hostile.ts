/**
 * The hostile requests of issue 15 against the real server (dist/, its own process): for each, the status, the time
 * to the answer, the worst `/api/health` latency meanwhile (a probe every 50 ms from this process) and the server's
 * peak RSS while it ran; then 200 concurrent connections on /api/check with a 3000-字 draft (autocannon in its own
 * process) with the health latency under that load. `BENCH_SERVER_ROOT` points at another checkout to measure it the
 * same way (a before/after comparison); `npm run bench -- hostile` runs only this suite. The load runs twice: the
 * same draft from every client (the answer is reused, answer-cache.ts) and a different draft in every request (each
 * one checked), with the CPU each request cost per thread and the machine's load average (latencies on a machine
 * shared with other work are upper bounds; the CPU per request is not distorted by it).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib'
import { valueRow, type BenchRow } from './bench-kit.js'
import { draftOfAbout3000Zishu } from './check.js'
import { startProductServer, type RunningServer } from './http-load.js'

const ROOT = process.env.BENCH_SERVER_ROOT ?? fileURLToPath(new URL('..', import.meta.url))
const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const MB = 1024 * 1024

// ---------------------------------------------------------------------------------------------------------------
// Hostile files, made here (nothing large is checked in)
// ---------------------------------------------------------------------------------------------------------------

interface ZipPart {
  name: string
  /** Deflated body (method 8) */
  body: Uint8Array
  crc: number
  size: number
  /** What the directory says the entry inflates to (a bomb understates it). */
  declaredSize?: number
}

const part = (name: string, text: string | Uint8Array): ZipPart => {
  const raw = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text)
  return { name, body: deflateRawSync(raw), crc: crc32(raw), size: raw.length }
}

/** `bytes` zeros, deflated as a stream (never held inflated in memory): ~1 KB per MB. */
async function zerosPart(name: string, bytes: number, declaredSize?: number): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 })
  const chunks: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
  const zeros = Buffer.alloc(MB)
  let crc = 0
  for (let written = 0; written < bytes; written += MB) {
    const slice = zeros.subarray(0, Math.min(MB, bytes - written))
    crc = crc32(slice, crc)
    if (!deflate.write(slice)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  await new Promise((resolve) => deflate.end(resolve))
  return { name, body: Buffer.concat(chunks), crc, size: bytes, ...(declaredSize !== undefined ? { declaredSize } : {}) }
}

function zipOf(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8')
    const size = p.declaredSize ?? p.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(p.crc >>> 0, 14)
    local.writeUInt32LE(p.body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(p.crc >>> 0, 16)
    central.writeUInt32LE(p.body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, Buffer.from(p.body))
    centrals.push(central, name)
    offset += local.length + name.length + p.body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>'
const rels = (type: string, target: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`
const sheetXml = (rows: number) =>
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>指标${i}</t></is></c></row>`).join('') +
  '</sheetData></worksheet>'
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="指标" sheetId="1" r:id="rId1"/></sheets></workbook>'

async function xlsxWithMedia(inflated: number, declared?: number): Promise<Uint8Array> {
  return zipOf([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', rels('officeDocument', 'xl/workbook.xml')),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', rels('worksheet', 'worksheets/sheet1.xml')),
    part('xl/worksheets/sheet1.xml', sheetXml(3)),
    await zerosPart('xl/media/image1.png', inflated, declared),
  ])
}

const millionRowXlsx = () =>
  zipOf([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', rels('officeDocument', 'xl/workbook.xml')),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', rels('worksheet', 'worksheets/sheet1.xml')),
    part('xl/worksheets/sheet1.xml', sheetXml(1_000_000)),
  ])

/** A .docx whose package relationship names `word/main.bin` as the main part: 600 MB of zeros. */
async function docxMainBin(declared?: number): Promise<Uint8Array> {
  return zipOf([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', rels('officeDocument', 'word/main.bin')),
    part('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    await zerosPart('word/main.bin', 600 * MB, declared),
  ])
}

// ---------------------------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------------------------

const HEADINGS = '一、\n（一）\n1.\n（1）\n'.repeat(Math.ceil(59_000 / 14)).slice(0, 59_000)
const FLOODS: Record<string, string> = { '59,000 heading markers': HEADINGS, '59,000 × 【': '【'.repeat(59_000), '59,000 × （': '（'.repeat(59_000) }

interface HostileRequest {
  name: string
  path: string
  init: () => Promise<RequestInit> | RequestInit
  /**
   * What a correct answer is: `refused`, a Chinese 4xx (the default); `issues`, a check of the data that answers 200
   * with `"ok":false` and the issues; `answered`, a text within the limits that is odd but valid (a flood of heading
   * markers or brackets), which must be checked in time with 200 and findings capped per rule.
   */
  expect?: 'issues' | 'answered'
}

const EXPECTED_OUTCOME = { refused: '4xx in ≤ 2000 ms', issues: '200 with issues in ≤ 2000 ms', answered: '200 in ≤ 2000 ms' } as const

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const upload = (file: Uint8Array, fileName: string, fields: Record<string, string> = {}): RequestInit => {
  const form = new FormData()
  form.append('file', new File([file as Uint8Array<ArrayBuffer>], fileName))
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  return { method: 'POST', body: form }
}

function hostileRequests(): HostileRequest[] {
  const park = JSON.parse(fixture('parks/nanling-green.json')) as { facts: { value: number }[]; indicators: unknown }
  const withFact = (value: number) => {
    const hostile = structuredClone(park)
    hostile.facts[0]!.value = value
    return hostile
  }
  const requests: HostileRequest[] = []
  for (const [name, text] of Object.entries(FLOODS)) {
    requests.push({ name: `/api/check: ${name}`, path: '/api/check', init: () => json({ text }), expect: 'answered' })
    requests.push({ name: `/api/rewrite: ${name}`, path: '/api/rewrite', init: () => json({ text, applyFixes: true, kind: 'innovation-green' }), expect: 'answered' })
    requests.push({ name: `upload .txt to /api/check: ${name}`, path: '/api/check', init: () => upload(Buffer.from(text, 'utf8'), '草稿.txt'), expect: 'answered' })
  }
  const sixtyMb = () => new Uint8Array(60 * MB).fill(0x41)
  requests.push(
    { name: '60 MB text/plain body on /api/check', path: '/api/check', init: () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: sixtyMb() }) },
    { name: '60 MB body, no Content-Type, on /api/parks/validate', path: '/api/parks/validate', init: () => ({ method: 'POST', body: sixtyMb() }) },
    { name: '.xlsx: media entry of 1.5 GB declared 2 KB (/api/parks/import)', path: '/api/parks/import', init: async () => upload(await xlsxWithMedia(1536 * MB, 2048), '指标.xlsx', { kind: 'innovation-green' }) },
    { name: '.xlsx: media entry of 1.5 GB declared honestly (/api/parks/import)', path: '/api/parks/import', init: async () => upload(await xlsxWithMedia(1536 * MB), '指标.xlsx', { kind: 'innovation-green' }) },
    { name: '.xlsx: 1,000,000 rows (/api/parks/import)', path: '/api/parks/import', init: () => upload(millionRowXlsx(), '指标.xlsx', { kind: 'innovation-green' }) },
    { name: '.docx: rels name a 600 MB main.bin declared 1 KB (/api/documents)', path: '/api/documents', init: async () => upload(await docxMainBin(1024), '政策.docx') },
    { name: '.docx: rels name a 600 MB main.bin declared 1 KB (/api/check upload)', path: '/api/check', init: async () => upload(await docxMainBin(1024), '草稿.docx') },
  )
  for (const value of [1e308, -1e308, 1e-320]) {
    requests.push({ name: `fact of ${value} on /api/draft`, path: '/api/draft', init: () => json({ park: withFact(value) }) })
  }
  // /api/parks/validate takes the park data itself (not wrapped in {park}) and lists its issues.
  requests.push({ name: 'fact of 1e308 on /api/parks/validate', path: '/api/parks/validate', init: () => json(withFact(1e308)), expect: 'issues' })
  return requests
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------------------------

function vmRssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** Probes /api/health every 50 ms and samples the server's RSS until stopped: the worst latency and the peak RSS. */
function watchServer(server: RunningServer) {
  let stopped = false
  let worstHealthMs = 0
  let peakRssMiB = vmRssMiB(server.pid)
  const latencies: number[] = []
  const probing = (async () => {
    while (!stopped) {
      const started = performance.now()
      try {
        await fetch(`http://127.0.0.1:${server.port}/api/health`, { signal: AbortSignal.timeout(60_000) })
      } catch {
        // counted by its time
      }
      const ms = performance.now() - started
      latencies.push(ms)
      worstHealthMs = Math.max(worstHealthMs, ms)
      peakRssMiB = Math.max(peakRssMiB, vmRssMiB(server.pid))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  return {
    stop: async () => {
      stopped = true
      await probing
      const sorted = latencies.toSorted((a, b) => a - b)
      return { worstHealthMs, healthP50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0, peakRssMiB, probes: latencies.length }
    },
  }
}

/**
 * One hostile request, sent by bench/send-request.mjs in its own process (see there why), while this process probes
 * /api/health. The request is serialized here (a FormData becomes its multipart bytes) and handed over as a file.
 */
async function measure(
  server: RunningServer,
  request: HostileRequest,
): Promise<{ status: number | string; ms: number; worstHealthMs: number; peakRssMiB: number; code: string; issuesFound: boolean }> {
  const url = `http://127.0.0.1:${server.port}${request.path}`
  const prepared = new Request(url, await request.init())
  const dir = mkdtempSync(join(tmpdir(), 'park-report-hostile-'))
  try {
    const bodyFile = join(dir, 'body')
    const body = prepared.body ? new Uint8Array(await prepared.arrayBuffer()) : undefined
    if (body) writeFileSync(bodyFile, body)
    const args = [fileURLToPath(new URL('./send-request.mjs', import.meta.url)), url, prepared.method, JSON.stringify(Object.fromEntries(prepared.headers)), ...(body ? [bodyFile] : [])]
    // The server is watched only once the sender has started and says `ready` (its start-up is not the server's).
    let watch: ReturnType<typeof watchServer> | undefined
    const sent = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk)
        if (!watch && out.startsWith('ready\n')) {
          watch = watchServer(server)
          child.stdin.end('go\n')
        }
      })
      child.on('exit', (code) => (code === 0 && watch ? resolve(out.slice('ready\n'.length)) : reject(new Error(`send-request.mjs exited with ${code}`))))
    })
    const { worstHealthMs, peakRssMiB } = await watch!.stop()
    const { status, code, ms, issuesFound } = JSON.parse(sent) as { status: number | string; code: string; ms: number; issuesFound: boolean }
    return { status, ms, worstHealthMs, peakRssMiB, code, issuesFound }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface LoadOutcome {
  p50: number
  p99: number
  max: number
  failures: number
  requestsPerSecond: number
  answered: number
}

/**
 * autocannon in its own process, without blocking this one (the health probe runs meanwhile). With `distinct`, every
 * request's text differs (autocannon replaces `[<id>]` in the body by a fresh id), so no answer can be reused.
 */
function loadInBackground(server: RunningServer, body: string, connections: number, seconds: number, distinct: boolean) {
  return new Promise<LoadOutcome>((resolve, reject) => {
    const args = [fileURLToPath(import.meta.resolve('autocannon/autocannon.js')), '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body]
    if (distinct) args.push('--idReplacement')
    args.push(`http://127.0.0.1:${server.port}/api/check`)
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)))
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`))
      const result = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number; max: number }; errors: number; timeouts: number; non2xx: number; '2xx': number }
      resolve({
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        failures: result.errors + result.timeouts + result.non2xx,
        requestsPerSecond: result.requests.average,
        answered: result['2xx'] + result.non2xx,
      })
    })
  })
}

/** utime + stime of a /proc stat file, in ms. */
function statCpuMs(path: string): { ms: number; nice: number } {
  const ticksToMs = 10 // USER_HZ is 100 on Linux
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ')
  // After "pid (comm) ": state is field 3, utime 14, stime 15, nice 19 (1-based, man 5 proc).
  return { ms: (Number(fields[11]) + Number(fields[12])) * ticksToMs, nice: Number(fields[16]) }
}

/**
 * CPU time (ms) the server has used so far, by thread: the event loop (the main thread), the worker threads (run at a
 * higher nice value) and the rest (GC helpers, libuv). Divided by the requests answered it is the cost of one request,
 * a figure a loaded machine does not distort the way it distorts latencies. The workers' share is the process's total
 * less the live nice-0 threads: a worker thread that ended (an idle upload thread stopped, a thread killed for its
 * budget) takes its CPU out of /proc/<pid>/task but not out of the process's own total, and the per-thread sum came
 * out negative.
 */
function threadCpuMs(pid: number): { eventLoop: number; workers: number; other: number } {
  const totals = { eventLoop: 0, workers: 0, other: 0 }
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { ms, nice } = statCpuMs(`/proc/${pid}/task/${tid}/stat`)
      if (tid === String(pid)) totals.eventLoop += ms
      else if (nice <= 0) totals.other += ms
    } catch {
      // a thread that ended meanwhile
    }
  }
  totals.workers = statCpuMs(`/proc/${pid}/stat`).ms - totals.eventLoop - totals.other
  return totals
}

const loadAverage = () => loadavg()[0]!

/** 200 connections on /api/check with the 3000-字 draft while /api/health is probed: the rows of one load run. */
async function loadRows(server: RunningServer, label: string, text: string, distinct: boolean): Promise<BenchRow[]> {
  const group = 'hostile'
  const body = JSON.stringify({ text: distinct ? text.replace('\n', '（稿件编号 [<id>]）\n') : text })
  const loadBefore = loadAverage()
  const cpuBefore = threadCpuMs(server.pid)
  const watch = watchServer(server)
  const load = await loadInBackground(server, body, 200, Number(process.env.BENCH_HOSTILE_LOAD_SECONDS ?? 10), distinct)
  const health = await watch.stop()
  const cpuAfter = threadCpuMs(server.pid)
  const perRequest = (part: keyof typeof cpuBefore) => (cpuAfter[part] - cpuBefore[part]) / Math.max(1, load.answered)
  return [
    valueRow(group, `200 connections on /api/check, ${label}: requests/s`, load.requestsPerSecond, 'req/s'),
    valueRow(group, '  …latency p50', load.p50, 'ms'),
    valueRow(group, '  …latency p99', load.p99, 'ms', { text: '≤ 1000 ms', met: load.p99 <= 1000 }),
    valueRow(group, '  …latency max', load.max, 'ms'),
    valueRow(group, '  …errors + timeouts + non-2xx', load.failures, 'count', { text: '0', met: load.failures === 0 }),
    valueRow(group, '  …/api/health p50 meanwhile', health.healthP50Ms, 'ms'),
    valueRow(group, '  …/api/health worst meanwhile', health.worstHealthMs, 'ms', { text: '≤ 50 ms', met: health.worstHealthMs <= 50 }),
    valueRow(group, '  …server peak RSS', health.peakRssMiB, 'MiB', { text: '≤ 1024 MiB', met: health.peakRssMiB <= 1024 }),
    valueRow(group, '  …CPU per answered request: event loop', perRequest('eventLoop'), 'ms'),
    valueRow(group, '  …CPU per answered request: worker threads', perRequest('workers'), 'ms'),
    valueRow(group, '  …CPU per answered request: other threads', perRequest('other'), 'ms'),
    valueRow(group, '  …machine load average (1 min) before', loadBefore, 'load'),
    valueRow(group, '  …machine load average (1 min) after', loadAverage(), 'load'),
  ]
}

export async function benchHostile(): Promise<BenchRow[]> {
  const group = 'hostile'
  const rows: BenchRow[] = []
  // The per-client rate limit is off: here one address stands for the many clients of a real attack or rush hour.
  const server = await startProductServer({ RATE_LIMIT_PER_MINUTE: '0' }, ROOT)
  try {
    rows.push(valueRow(group, 'server RSS at rest', vmRssMiB(server.pid), 'MiB'))
    // BENCH_HOSTILE_LOAD_ONLY=1: only the load rows (a short round while tuning the pool).
    // BENCH_HOSTILE_CASES=<text>: only the cases whose name contains it (one case under a profiler).
    const only = process.env.BENCH_HOSTILE_CASES
    const cases = process.env.BENCH_HOSTILE_LOAD_ONLY === '1' ? [] : hostileRequests().filter((request) => !only || request.name.includes(only))
    for (const request of cases) {
      const result = await measure(server, request)
      const outcome = request.expect ?? 'refused'
      const asExpected = {
        refused: typeof result.status === 'number' && result.status >= 400 && result.status < 500,
        issues: result.status === 200 && result.issuesFound,
        answered: result.status === 200,
      }[outcome]
      rows.push(
        valueRow(group, `${request.name}: ${result.status} ${result.code}`, result.ms, 'ms', { text: EXPECTED_OUTCOME[outcome], met: asExpected && result.ms <= 2000 }),
        valueRow(group, `  …/api/health worst meanwhile`, result.worstHealthMs, 'ms', { text: '≤ 50 ms', met: result.worstHealthMs <= 50 }),
        valueRow(group, `  …server peak RSS`, result.peakRssMiB, 'MiB', { text: '≤ 1024 MiB', met: result.peakRssMiB <= 1024 }),
      )
    }
    if (only) return rows
    // The same text from every client (a cached answer after the first), then a different text in every request.
    const text = draftOfAbout3000Zishu()
    // One check first: the load starts once the check threads have loaded their code (warm-up, worker-entry.ts).
    await fetch(`http://127.0.0.1:${server.port}/api/check`, { ...json({ text: '一、背景介绍\n园区概况。' }), signal: AbortSignal.timeout(120_000) })
    rows.push(...(await loadRows(server, 'the same 3000-字 draft', text, false)))
    rows.push(...(await loadRows(server, 'a different 3000-字 draft each time', text, true)))
  } finally {
    await server.stop()
  }
  return rows
}
