/**
 * What the server knows about each CPU-heavy job without loading the code that runs it: the lane (the route family
 * whose bounded queue it waits in) and its time budget. The code itself lives in registry.ts, which only the worker
 * threads (and the in-process runner of tests and the CLI) import.
 */

/** A route family with its own bounded queue: a flood of uploads cannot starve checks, and the other way round. */
export type JobLane = 'check' | 'draft' | 'export' | 'ingest'

export interface JobSpec {
  lane: JobLane
  /** Wall-clock time one run may take in a worker before the worker is terminated and replaced. */
  budgetMs: number
  /**
   * Added to the budget for each step of work the job reports done (an OCR page read): a job whose length depends
   * on its input earns time as it makes progress, and one that stops making progress is still stopped.
   */
  budgetPerStepMs?: number
  /** The job plans against the policy corpus, so the worker needs the uploaded documents. */
  usesCorpus?: true
  /**
   * The answer (a string) depends on the request text alone: no clock, no stored data, no uploads. An identical
   * request is answered from the kept answer, or waits for the one running (answer-cache.ts).
   */
  pure?: true
}

/**
 * Budgets count from the moment a thread starts the job (waiting is bounded separately, see LaneLimits). A 3000-字 draft checks in tens of milliseconds and a 60,000-character one in well under a second, so
 * 2 s only ever stops a pathological text. Ingestion reads up to 300 PDF pages, so it gets the most, and more for
 * each page it reads by OCR.
 */
/**
 * Time each scanned page read by OCR adds to an upload's budget. One page takes 1–5 s on an idle 2-core machine and
 * was measured at 39–51 s on one at load 23 (reports/ingest.md), so an upload of `maxOcrPages` (10) scanned pages gets
 * 120 s + 10 × 60 s; its reading of the text pages keeps the 120 s of its own.
 */
export const OCR_PAGE_BUDGET_MS = 60_000

export const JOB_SPECS = {
  check: { lane: 'check', budgetMs: 2_000, pure: true },
  checkUpload: { lane: 'check', budgetMs: 10_000 },
  annotate: { lane: 'check', budgetMs: 15_000 },
  draft: { lane: 'draft', budgetMs: 15_000, usesCorpus: true },
  rewrite: { lane: 'draft', budgetMs: 10_000 },
  export: { lane: 'export', budgetMs: 20_000 },
  ingest: { lane: 'ingest', budgetMs: 120_000, budgetPerStepMs: OCR_PAGE_BUDGET_MS },
  readWorkbook: { lane: 'ingest', budgetMs: 15_000 },
  readSummaryWorkbook: { lane: 'ingest', budgetMs: 15_000 },
  summaryWorkbook: { lane: 'export', budgetMs: 20_000 },
} as const satisfies Record<string, JobSpec>

export type JobName = keyof typeof JOB_SPECS

/**
 * How many jobs of a lane may run at once and how many may wait. A request is answered 503 at once when the waiting
 * room is full (by count, or by the bytes of the requests in it), or when the jobs ahead of it would take longer
 * than `maxWaitMs` at the lane's recent run time.
 */
export interface LaneLimits {
  maxRunning: number
  maxWaiting: number
  maxWaitMs: number
  /** Total size of the requests waiting (JSON text, uploaded bytes): what the waiting room holds in memory. */
  maxWaitingBytes?: number
}

/**
 * Longest a job may wait for a thread before it is answered 503. Admission (maxWaitMs) keeps ordinary waits far
 * shorter; this bound covers the first requests after start, while the threads still load the job code.
 */
export const MAX_THREAD_WAIT_MS = 30_000

/**
 * Defaults for a pool of `workers` threads. Checks may use every worker (they are short); the slow lanes may use
 * all but one, so a long upload or export never leaves the checker without a thread.
 *
 * The check lane is sized for the load it must carry without refusing: 200 people (or connections) checking at once.
 * Each waits for its answer, so at most 200 checks are in the lane; 512 places leave room for bursts. A 3000-字 check
 * costs ~11 ms of CPU (3 ms is the target), so 200 of them on 2 threads wait ~1 s on an idle machine and ~3 s on a
 * loaded one: the wait a person tolerates for 审校 (10 s) is the refusal point, not the ~1 s a typical check waits.
 * The bytes bound keeps the room's memory small whatever the requests carry: 200 drafts of ~10 KB are 2 MB, but
 * 512 requests of 5 MB each (park data and materials) would be 2.5 GB.
 * The slow lanes refuse a burst of uploads early rather than hold it for minutes.
 */
export function defaultLaneLimits(workers: number): Record<JobLane, LaneLimits> {
  const slow = Math.max(1, workers - 1)
  return {
    check: { maxRunning: workers, maxWaiting: 512, maxWaitMs: 10_000, maxWaitingBytes: 64 * 1024 * 1024 },
    draft: { maxRunning: slow, maxWaiting: 16, maxWaitMs: 20_000 },
    export: { maxRunning: slow, maxWaiting: 16, maxWaitMs: 20_000 },
    ingest: { maxRunning: slow, maxWaiting: 8, maxWaitMs: 60_000 },
  }
}

/** A job's input as it travels to a worker: request JSON text (parsed there, off the event loop) or a value. */
export type JobPayload = { json: string } | { value: unknown }
