import { readFileSync } from 'node:fs'
import { extractDocumentText } from './src/ingest/extract-text.js'
for (const f of process.argv.slice(2)) {
  const t = performance.now(); const c = process.cpuUsage()
  try { const r = await extractDocumentText({ fileName: 'a.pdf', data: readFileSync(f) }); console.log(f, r.text.length) } catch (e) { console.log(f, String(e).slice(0, 80)) }
  console.log((performance.now() - t).toFixed(0), 'ms wall', (process.cpuUsage(c).user / 1000).toFixed(0), 'ms cpu')
}
