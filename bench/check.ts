/**
 * Checker benchmarks (issue 16): a ≈3000-字 draft with park data through every rule in-process, interleaved with
 * zhlint on the same text; CPU per 字 from 1k to 100k 字 and the growth slope; the adversarial
 * inputs of issue 15; POST /api/check under load against a bare Hono route, each in its own process.
 */
import { readFileSync } from 'node:fs'
import { checkReport } from '../src/check/check-report.js'
import { freezeForChecks } from '../src/check/check-memo.js'
import { forgetAnalyzedTexts } from '../src/check/term-overlap.js'
import { getKind } from '../src/kinds/registry.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { validateParkData } from '../src/park/validate-park.js'
import { inProcess, interleave, percentile, timingRow, valueRow, type BenchRow } from './bench-kit.js'
import { runLoad, startBareHono, startProductServer } from './http-load.js'

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')

/** The clean fixture draft with its body paragraphs repeated until the report is about 3000 字. */
export function draftOfAbout3000Zishu(): string {
  const base = fixture('drafts/nanling-green.txt')
  const background = base.slice(base.indexOf('南岭经济技术开发区始建于'), base.indexOf('\n\n二、创新举措'))
  let text = base
  while (reportZishu(parseReport(text)).total < 2900) text = text.replace('\n\n二、创新举措', `\n${background}\n\n二、创新举措`)
  return text
}

const ROUNDS = Number(process.env.BENCH_CHECK_ROUNDS ?? 100)
const GROWTH_SIZES = [1_000, 3_000, 10_000, 30_000, 100_000]

/** A report of about `zishu` 字: the 3000-字 draft, its body repeated or cut (the structure rules see a long report). */
function draftOfAbout(zishu: number, base: string): string {
  let text = base
  while (reportZishu(parseReport(text)).total < zishu) text += `\n${base}`
  return text.slice(0, Math.round((text.length * zishu) / reportZishu(parseReport(text)).total))
}

/** Inputs that made rules quadratic (issue 15), at the size that took 10–40 s before. */
const ADVERSARIAL: Record<string, string> = {
  '59,000 heading markers': '一、\n（一）\n1.\n（1）\n'.repeat(3933),
  '59,000 × 【': '【'.repeat(59000),
  '59,000 × （': '（'.repeat(59000),
  '59,000 × “ in a report': `一、背景介绍\n${'“'.repeat(59000)}\n二、创新举措\n园区建设平台。\n三、实践成效\n成效明显。`,
  '59,000 × 二 in a report': `一、背景介绍\n${'二'.repeat(59000)}\n二、创新举措\n园区建设平台。\n三、实践成效\n成效明显。`,
  'a 10,000-digit number': `一、背景介绍\n园区工业总产值达到${'9'.repeat(10000)}亿元。`,
  '100k-character line, 5,000 figures': `一、背景介绍\n${'园区企业产值增长12.5%，节能降耗成效明显，'.repeat(5000)}`,
  '6,500 projects named after a firm, one line': '引进华昌食品项目，'.repeat(6500),
}

/**
 * The baseline of issue 16: zhlint (Chinese typography linter), same text. autocorrect-node was the other one, but its
 * package names platform binaries (darwin, win32) that the npm registry does not serve, so no lock file made here
 * passes `npm ci`.
 */
async function baselineLinter(): Promise<(text: string) => unknown> {
  const zhlint = (await import('zhlint')) as unknown as { run: (text: string) => unknown }
  return (text) => zhlint.run(text)
}

export async function benchCheck(): Promise<BenchRow[]> {
  const text = draftOfAbout3000Zishu()
  const zishu = reportZishu(parseReport(text)).total
  const parkJson = JSON.parse(fixture('parks/nanling-green.json')) as unknown
  const validated = validateParkData(parkJson)
  if (!validated.ok) throw new Error('fixture park is invalid')
  // As the server holds it (valid-parks.ts): frozen, so what the rules derive from the park is kept across checks.
  const park = freezeForChecks(validated.park)
  const kind = getKind('innovation-green')
  const check = (source: string) => checkReport({ doc: parseReport(source), kind, park })
  // A park never seen before (a CLI run, a first request): everything derived from it again.
  const coldPark = JSON.stringify(parkJson)
  const checkCold = (source: string) => {
    const fresh = validateParkData(JSON.parse(coldPark))
    if (!fresh.ok) throw new Error('fixture park is invalid')
    return checkReport({ doc: parseReport(source), kind, park: fresh.park })
  }
  const zhlint = await baselineLinter()
  const group = '审校'

  // The checker keeps the jieba analysis of texts it has seen (term-overlap.ts): a first check segments everything.
  const samples = await interleave(
    [
      { name: 'first', run: () => inProcess(() => (forgetAnalyzedTexts(), check(text))) },
      { name: 'repeat', run: () => inProcess(() => check(text)) },
      { name: 'cold', run: () => inProcess(() => (forgetAnalyzedTexts(), checkCold(text))) },
      { name: 'zhlint', run: () => inProcess(() => zhlint(text)) },
    ],
    { rounds: ROUNDS, warmup: 10 },
  )
  const baseline = { name: 'zhlint', samples: samples.get('zhlint')! }
  const rows: BenchRow[] = [
    timingRow({
      group,
      name: `first check, ${zishu} 字 with park data (already in use)`,
      samples: samples.get('first')!,
      baseline,
      cpuOnly: true,
      target: '≤ 3 ms CPU p50',
      meets: ({ cpu }) => cpu.p50 <= 3,
    }),
    timingRow({ group, name: 'first check with a park never seen (validation included)', samples: samples.get('cold')!, baseline, cpuOnly: true }),
    timingRow({ group, name: 'repeat check of the same text', samples: samples.get('repeat')!, baseline, cpuOnly: true }),
    timingRow({ group, name: 'baseline: zhlint run, same text', samples: baseline.samples, cpuOnly: true }),
  ]

  // Growth: µs of CPU per 字 from 1k to 100k, and the slope of log(time) over log(size) between 30k and 100k.
  const growth = await interleave(
    GROWTH_SIZES.map((size) => {
      const source = draftOfAbout(size, text)
      return { name: String(size), run: () => inProcess(() => (forgetAnalyzedTexts(), check(source))) }
    }),
    { rounds: Number(process.env.BENCH_GROWTH_ROUNDS ?? 5) },
  )
  const cpuP50 = (size: number) => percentile(growth.get(String(size))!.map((s) => s.cpuMs), 50)
  for (const size of GROWTH_SIZES) rows.push(valueRow(group, `first check, ${size / 1000}k 字: CPU per 字 (p50)`, (cpuP50(size) * 1000) / size, 'µs/字'))
  const slope = Math.log(cpuP50(100_000) / cpuP50(30_000)) / Math.log(100_000 / 30_000)
  rows.push(valueRow(group, 'growth slope 30k → 100k 字 (log time / log size)', slope, '', { text: '≈ 1 (linear): ≤ 1.1', met: slope <= 1.1 }))

  // Adversarial inputs: one series each, interleaved.
  const adversarial = await interleave(
    Object.entries(ADVERSARIAL).map(([name, source]) => ({ name, run: () => inProcess(() => check(source)) })),
    { rounds: Number(process.env.BENCH_ADVERSARIAL_ROUNDS ?? 3), warmup: 0 },
  )
  for (const [name, list] of adversarial) {
    rows.push(timingRow({ group, name: `adversarial: ${name}`, samples: list, target: '< 1000 ms CPU p50', meets: ({ cpu }) => cpu.p50 < 1000 }))
  }

  rows.push(...(await httpRows(text, parkJson)))
  return rows
}

/** Posts `body` until one answer is 200 (a check thread is ready), for at most three minutes. */
async function answered(port: number, path: string, body: string): Promise<void> {
  const deadline = Date.now() + 180_000
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    await response.arrayBuffer()
    if (response.ok) return
    if (Date.now() > deadline) throw new Error(`${path} answered ${response.status} for three minutes`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/**
 * POST /api/check with the 3000-字 draft and its park at 10 connections, against the bare-Hono route, same run. The
 * targets apply to a different text in every request: the server keeps the answers of identical checks
 * (answer-cache.ts), so the same text repeated measures that cache, shown beside it for what the web page gets.
 */
async function httpRows(text: string, park: unknown): Promise<BenchRow[]> {
  const body = JSON.stringify({ text, park })
  const distinctBody = JSON.stringify({ text: text.replace('\n', '（稿件编号 [<id>]）\n'), park })
  const options = { connections: 10, durationSeconds: Number(process.env.BENCH_HTTP_SECONDS ?? 5) }
  const bare = await startBareHono()
  let baseline
  try {
    baseline = runLoad(bare, { path: '/api/check', method: 'POST', body }, options)
  } finally {
    await bare.stop()
  }
  // One load generator stands for many people: the per-address rate limit (429) would otherwise answer most of it.
  const server = await startProductServer({ RATE_LIMIT_PER_MINUTE: '0' })
  let product
  let repeated
  try {
    // The server answers `/` before its check threads have loaded the checker; on a busy machine that takes longer
    // than a whole load round, which then counted no answer at all. The rows measure checks, not start-up.
    await answered(server.port, '/api/check', body)
    product = runLoad(server, { path: '/api/check', method: 'POST', body: distinctBody }, { ...options, distinctBodies: true })
    repeated = runLoad(server, { path: '/api/check', method: 'POST', body }, options)
  } finally {
    await server.stop()
  }
  const group = 'HTTP'
  return [
    valueRow(group, 'POST /api/check, 10 connections, a different text each time: requests/s', product.requestsPerSecond, 'req/s', {
      text: '≥ 400 req/s',
      met: product.requestsPerSecond >= 400,
    }),
    valueRow(group, 'POST /api/check: latency p50', product.p50, 'ms'),
    valueRow(group, 'POST /api/check: latency p99', product.p99, 'ms', { text: '≤ 100 ms', met: product.requestsPerSecond > 0 && product.p99 <= 100 }),
    valueRow(group, 'POST /api/check: errors + timeouts + non-2xx', product.failures, 'count', { text: '0', met: product.failures === 0 }),
    valueRow(group, 'POST /api/check: server RSS after the load', product.rssAfterMiB, 'MiB'),
    valueRow(group, 'POST /api/check, the same text repeated (answer reused): requests/s', repeated.requestsPerSecond, 'req/s'),
    valueRow(group, 'POST /api/check, the same text repeated: latency p99', repeated.p99, 'ms'),
    valueRow(group, 'baseline: bare Hono route, same body: requests/s', baseline.requestsPerSecond, 'req/s'),
    valueRow(group, 'baseline: bare Hono route: latency p99', baseline.p99, 'ms'),
  ]
}
