/**
 * Shared pieces of the benchmarks: series measured interleaved (A B C A B C …, so that a noisy neighbour or a CPU
 * frequency change hits every series alike), CPU and wall time per sample, min/p50/p95 summaries, the ratio to a
 * baseline measured in the same run, and the printed table with the target beside each row.
 *
 * To add a row: measure samples with `interleave` (in this process) or with `childSample` (a command in its own
 * process), turn them into a row with `timingRow`, or push a `valueRow` for a single figure (memory, req/s), and
 * return the rows from a suite registered in bench/run.ts.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface Summary {
  min: number
  p50: number
  p95: number
}

export interface BenchRow {
  /** The table section: 启动 / 审校 / 检索 / HTTP … */
  group?: string
  name: string
  unit: string
  /** A single figure (memory, requests per second, a size), when the row is not a timing series. */
  value?: number
  cpu?: Summary
  wall?: Summary
  /** p50 of this row over the p50 of its baseline (wall when the row has wall time, else CPU), same run. */
  ratio?: { baseline: string; value: number }
  target?: string
  /** Whether the measurement meets the target; undefined when the row has no target. */
  met?: boolean
}

export interface Sample {
  cpuMs: number
  wallMs: number
}

export interface Series {
  name: string
  run: () => Promise<Sample> | Sample
}

/** One in-process sample of `fn`: this process's CPU time (user + system) and the wall time. */
export async function inProcess(fn: () => unknown): Promise<Sample> {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  await fn()
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  const used = process.cpuUsage(cpu)
  return { cpuMs: (used.user + used.system) / 1000, wallMs }
}

/**
 * One sample of a command in its own process: wall time from here, CPU time (user + system of the process and its
 * children) from bash's `time`, which reads it from the kernel when the process ends. Throws when it fails.
 */
export function childSample(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Sample {
  const quoted = [command, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ')
  const start = process.hrtime.bigint()
  const result = spawnSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; time ${quoted} >/dev/null`], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
  })
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  const times = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(result.stderr)
  if (result.status === null || !times) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-500)}`)
  return { cpuMs: (Number(times[1]) + Number(times[2])) * 1000, wallMs }
}

/**
 * Runs the series round-robin: `warmup` rounds thrown away, then `rounds` rounds kept. Returns the samples by series
 * name, in the order of `series`.
 */
export async function interleave(series: readonly Series[], { rounds, warmup = 1 }: { rounds: number; warmup?: number }): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(series.map((s) => [s.name, []]))
  for (let round = 0; round < warmup + rounds; round += 1) {
    for (const s of series) {
      const sample = await s.run()
      if (round >= warmup) samples.get(s.name)!.push(sample)
    }
  }
  return samples
}

/** The p-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function summarize(values: readonly number[]): Summary {
  return { min: Math.min(...values), p50: percentile(values, 50), p95: percentile(values, 95) }
}

export interface TimingRowInput {
  group: string
  name: string
  samples: readonly Sample[]
  baseline?: { name: string; samples: readonly Sample[] }
  target?: string
  /** Decides `met` from the row's summaries and its ratio to the baseline. */
  meets?: (row: { cpu: Summary; wall: Summary; ratio?: number }) => boolean
  /** Only CPU time means something (an in-process series of sub-millisecond calls): the ratio uses CPU. */
  cpuOnly?: boolean
}

export function timingRow({ group, name, samples, baseline, target, meets, cpuOnly }: TimingRowInput): BenchRow {
  const cpu = summarize(samples.map((s) => s.cpuMs))
  const wall = summarize(samples.map((s) => s.wallMs))
  const pick = (s: Sample) => (cpuOnly ? s.cpuMs : s.wallMs)
  const ratio = baseline ? percentile(samples.map(pick), 50) / percentile(baseline.samples.map(pick), 50) : undefined
  return {
    group,
    name,
    unit: 'ms',
    cpu,
    wall,
    ...(ratio !== undefined ? { ratio: { baseline: baseline!.name, value: ratio } } : {}),
    ...(target ? { target, met: meets?.({ cpu, wall, ...(ratio !== undefined ? { ratio } : {}) }) } : {}),
  }
}

export function valueRow(group: string, name: string, value: number, unit: string, target?: { text: string; met: boolean }): BenchRow {
  return { group, name, value, unit, ...(target ? { target: target.text, met: target.met } : {}) }
}

/** RSS of a running process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : Number.NaN
}

export function printTable(rows: readonly BenchRow[]): void {
  const header = ['group', 'benchmark', 'CPU min / p50 / p95', 'wall min / p50 / p95', 'value', 'unit', '× baseline', 'target', 'met']
  const lines = rows.map((row) => [
    row.group ?? '',
    row.name,
    row.cpu ? triple(row.cpu) : '',
    row.wall ? triple(row.wall) : '',
    row.value !== undefined ? formatValue(row.value) : '',
    row.unit,
    row.ratio ? `${formatValue(row.ratio.value)}× ${row.ratio.baseline}` : '',
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ])
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...lines.map((line) => displayWidth(line[i]!))))
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell + ' '.repeat(widths[i]! - displayWidth(cell))).join(' | ')} |`
  console.log(format(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const line of lines) console.log(format(line))
}

const triple = (s: Summary) => `${formatValue(s.min)} / ${formatValue(s.p50)} / ${formatValue(s.p95)}`

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  return abs >= 100 ? value.toFixed(0) : abs >= 1 ? value.toFixed(2) : value.toFixed(3)
}

// CJK characters take two columns in a terminal.
function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1
  return width
}

/** Milliseconds taken by `fn` (wall), for the suites that report single timings. */
export async function timeMs(fn: () => unknown): Promise<number> {
  return (await inProcess(fn)).wallMs
}
