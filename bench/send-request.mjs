// One hostile request of bench/hostile.ts, sent from its own process: building and writing a 60 MB body or a large
// upload takes the sender's event loop for hundreds of milliseconds, which must not be counted as the server's health
// latency (the bench process probes /api/health meanwhile). Reads the body from a file before the clock starts and
// prints {status, code, ms} as one JSON line; a connection error or timeout is reported as the status.
// Usage: node bench/send-request.mjs <url> <method> <headers JSON> [<body file>]
/* global fetch, AbortSignal */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const [url, method, headersJson, bodyFile] = process.argv.slice(2)
const body = bodyFile ? readFileSync(bodyFile) : undefined
const started = performance.now()
let status
let code = ''
try {
  const response = await fetch(url, { method, headers: JSON.parse(headersJson), body, signal: AbortSignal.timeout(120_000) })
  status = response.status
  code = /"code":"([^"]+)"/.exec(await response.text())?.[1] ?? ''
} catch (error) {
  status = error.name === 'TimeoutError' ? 'timeout' : `connection error ${error.cause?.code ?? ''}`
}
console.log(JSON.stringify({ status, code, ms: performance.now() - started }))
