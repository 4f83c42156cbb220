/** `npm run bench`: every benchmark, printed as one table. Targets come from the issues. */
import { benchAnnotate } from './annotate.js'
import { printTable, type BenchRow } from './bench-kit.js'
import { benchCheck } from './check.js'
import { benchDraft } from './draft.js'
import { benchDraftLlm } from './draft-llm.js'
import { benchExport } from './export.js'
import { benchIngest } from './ingest.js'
import { benchRetrieval } from './retrieval.js'

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['retrieval', benchRetrieval],
  ['ingest', benchIngest],
  ['check', benchCheck],
  ['export', benchExport],
  ['annotate', benchAnnotate],
  ['draft', benchDraft],
  ['draft-llm', benchDraftLlm],
]

const wanted = process.argv.slice(2)
const rows: BenchRow[] = []
for (const [name, run] of suites) {
  if (wanted.length && !wanted.includes(name)) continue
  rows.push(...(await run()))
}
printTable(rows)
