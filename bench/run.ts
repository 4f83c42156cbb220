/**
 * `npm run bench`: every benchmark, printed as one table with the targets of the issues beside the measurements.
 * `npm run bench -- startup check` runs only those suites. Each suite is a function returning rows (bench-kit.ts).
 */
import { availableParallelism, loadavg } from 'node:os'
import { benchAnnotate } from './annotate.js'
import { printTable, type BenchRow } from './bench-kit.js'
import { benchCheck } from './check.js'
import { benchDraft } from './draft.js'
import { benchDraftLlm } from './draft-llm.js'
import { benchExport } from './export.js'
import { benchHostile } from './hostile.js'
import { benchIngest } from './ingest.js'
import { benchRetrieval } from './retrieval.js'
import { benchRevisions } from './revisions.js'
import { benchStartup } from './startup.js'

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['startup', benchStartup],
  ['check', benchCheck],
  ['retrieval', benchRetrieval],
  ['ingest', benchIngest],
  ['export', benchExport],
  ['annotate', benchAnnotate],
  ['revisions', benchRevisions],
  ['draft', benchDraft],
  ['draft-llm', benchDraftLlm],
  ['hostile', benchHostile],
]

const wanted = process.argv.slice(2)
const rows: BenchRow[] = []
console.log(`Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start`)
for (const [name, run] of suites) {
  if (wanted.length && !wanted.includes(name)) continue
  rows.push(...(await run()))
}
printTable(rows)
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; a row is trustworthy when its ratio to its baseline is stable across runs`)
