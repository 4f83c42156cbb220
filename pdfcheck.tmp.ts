import { readFileSync } from 'node:fs'
import { checkPdfStreams } from './src/ingest/pdf-stream-check.js'
for (const f of process.argv.slice(2)) {
  const t = performance.now()
  try { console.log(f, JSON.stringify(checkPdfStreams(readFileSync(f))), (performance.now() - t).toFixed(1), 'ms') } catch (e) { console.log(f, String(e), (performance.now() - t).toFixed(1), 'ms') }
}
