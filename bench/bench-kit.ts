/** Shared pieces of the benchmarks: a row of the printed table and timing helpers. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  target?: string
}

/** Milliseconds taken by `fn`, measured with the high-resolution clock. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** The p-th percentile (0–100) of `samples`, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function printTable(rows: readonly BenchRow[]): void {
  const lines = rows.map((row) => [row.name, formatValue(row.value), row.unit, row.target ?? ''])
  const header = ['benchmark', 'value', 'unit', 'target']
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => displayWidth(line[i]!))))
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell + ' '.repeat(widths[i]! - displayWidth(cell))).join(' | ')} |`
  console.log(format(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const line of lines) console.log(format(line))
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2)
}

// CJK characters take two columns in a terminal.
function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1
  return width
}
