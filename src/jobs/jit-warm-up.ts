import { readFileSync } from 'node:fs'
import type { JobName } from './catalog.js'

/**
 * Warm runs of the checker in a fresh check thread of the server, before (and between) the first people's checks.
 *
 * A thread's isolate compiles its own code: its first few hundred checks run in V8's interpreter and baseline code
 * while the optimizing compiler works on the process's shared helper threads. Measured on one thread with the
 * 3000-字 draft, a different text each time (/tmp measurement in reports/http.md): checks 1–200 cost 7.4 ms of the
 * thread's CPU and 6.6 ms of the helper threads' each, checks 401–600 5.1 ms and 0.65 ms, checks 1801–2000 4.1 ms and
 * 0.35 ms. Under 200 connections with a different draft in each request, a server whose threads had just started
 * spent 2–8 ms of helper-thread CPU per answer — mostly TurboFan, by `perf` — which on two cores is capacity the
 * checks themselves lacked. So a check thread of the server runs realistic checks (the sample drafts with and without
 * their parks) while it is idle, until it has run WARM_RUNS checks counting the real ones.
 *
 * Only the server's pool asks for this (main.ts): tests and the CLI start threads they use for a handful of jobs.
 */

/** Checks a thread runs (warm and real together) before its code is considered compiled. */
export const WARM_RUNS = 300

/** The sample drafts shipped with the product and the parks they describe (fixtures/, as sample-parks.ts reads). */
const SAMPLES = ['lingjiang-green', 'nanling-green', 'jialan-digital']
const FIXTURES = new URL('../../fixtures/', import.meta.url)

/** Realistic check requests: each sample draft alone and with its park data; none when the samples are missing. */
export function warmCheckRequests(): { text: string; park?: unknown }[] {
  return SAMPLES.flatMap((id) => {
    try {
      const text = readFileSync(new URL(`drafts/${id}.txt`, FIXTURES), 'utf8')
      const park = JSON.parse(readFileSync(new URL(`parks/${id}.json`, FIXTURES), 'utf8')) as unknown
      return [{ text }, { text, park }]
    } catch {
      return []
    }
  })
}

/**
 * Runs `runOne` on the warm requests in turn, one per turn of the thread's event loop (a real task that arrives runs
 * before the next warm one), until `runsSoFar()` — the thread's real tasks plus the warm runs — reaches WARM_RUNS.
 * A request that fails is skipped; warming is never an error of its own.
 */
export async function warmUpCompiler(runOne: (job: JobName, request: unknown) => Promise<unknown>, realRuns: () => number, runs = WARM_RUNS): Promise<number> {
  const requests = warmCheckRequests()
  let warm = 0
  while (requests.length > 0 && warm + realRuns() < runs) {
    await new Promise((resolve) => setImmediate(resolve))
    // Each sample varies by a number, as real drafts differ from each other (no cache or identical-text shortcut).
    const sample = requests[warm % requests.length]!
    await runOne('check', { ...sample, text: `${sample.text}\n${warm}` }).catch(() => undefined)
    warm += 1
  }
  return warm
}
