// One hostile request of bench/hostile.ts, sent from its own process: building and writing a 60 MB body or a large
// upload takes the sender's event loop for hundreds of milliseconds, which must not be counted as the server's health
// latency (the bench process probes /api/health meanwhile). Reads the body from a file and loads fetch (one request
// to /api/health) before the clock starts, prints `ready`, waits for `go` on standard input — so the start-up of this
// process does not compete with the server while it is watched — then prints {status, code, ms, issuesFound} as one
// JSON line (issuesFound: the answer says "ok":false, as a check of
// park data does); a connection error or timeout is reported as the status.
// Usage: node bench/send-request.mjs <url> <method> <headers JSON> [<body file>]
/* global fetch, AbortSignal */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const [url, method, headersJson, bodyFile] = process.argv.slice(2)
const body = bodyFile ? readFileSync(bodyFile) : undefined
try {
  await (await fetch(new URL('/api/health', url), { signal: AbortSignal.timeout(60_000) })).arrayBuffer()
} catch {
  // the request itself will report what is wrong
}
process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', resolve))
process.stdin.pause()
const started = performance.now()
let status
let code = ''
let issuesFound = false
try {
  const response = await fetch(url, { method, headers: JSON.parse(headersJson), body, signal: AbortSignal.timeout(120_000) })
  status = response.status
  const text = await response.text()
  code = /"code":"([^"]+)"/.exec(text)?.[1] ?? ''
  issuesFound = text.includes('"ok":false')
} catch (error) {
  status = error.name === 'TimeoutError' ? 'timeout' : `connection error ${error.cause?.code ?? ''}`
}
console.log(JSON.stringify({ status, code, ms: performance.now() - started, issuesFound }))
