import { workerData } from 'node:worker_threads'
import type { AppConfig } from '../config.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import type { PolicyDocument } from '../ingest/clause.js'
import type { JobName, JobPayload } from './catalog.js'
import { JOBS } from './registry.js'
import { runJob } from './run-job.js'
import { toWireError, type JobReply } from './wire.js'

/**
 * The job code of a worker thread (loaded by worker-thread.mjs): one task at a time, as the pool (worker-pool.ts)
 * sends them. The pool terminates the whole thread when a task overruns its budget, so nothing here needs to be
 * interruptible.
 */

export interface WorkerOptions {
  corpusConfig: Pick<AppConfig, 'env' | 'dataDir' | 'limits'>
  /**
   * Jobs whose code the thread loads as soon as it starts, in the background: the first request of a kind does not
   * wait seconds for its modules (a task for one of them simply awaits the same import).
   */
  warm?: readonly JobName[]
}

export interface WorkerTask {
  job: JobName
  payload: JobPayload
  /**
   * The job's clock, shared with the pool: [0] is set to 1 when the job's code is loaded and it starts, so the pool
   * can tell a task that ran too long from one that waited too long; [1] counts the steps of work it reported done;
   * [2] is the job's run time in µs as this thread measured it (not reported for the thread's first job, see
   * run-times.ts), which the pool's wait estimate learns from.
   */
  started: Int32Array
  /** The uploaded policy documents, for jobs that plan against the corpus; rebuilt here only when the version moves. */
  uploads?: { version: number; documents: readonly PolicyDocument[] }
}

const { corpusConfig, warm = [] } = workerData as WorkerOptions
/**
 * Loads the code of the lane's jobs and runs each job's warm-up input once, one after the other, in the background. A
 * failed warm-up is not an error of its own: the task that needs the code loads it again and reports the failure.
 */
async function warmUp(names: readonly JobName[]): Promise<void> {
  for (const name of names) {
    const sample = (JOBS[name] as { warmUp?: () => unknown }).warmUp
    if (sample === undefined) await JOBS[name].load().catch(() => undefined)
    else await runJob(name, { value: sample() }, { corpus: () => corpusFor(undefined) }).catch(() => undefined)
  }
}
let corpus: { version: number; corpus: Promise<PolicyCorpus> } | undefined

function corpusFor(uploads: WorkerTask['uploads']): Promise<PolicyCorpus> {
  const version = uploads?.version ?? 0
  if (corpus?.version !== version) {
    const documents = [...(uploads?.documents ?? [])]
    const store = { list: async () => documents, save: async () => undefined, remove: async () => undefined }
    corpus = { version, corpus: PolicyCorpus.open(corpusConfig, store) }
  }
  return corpus.corpus
}

/** A UserError crosses back as data (a structured clone keeps only an Error's message), anything else as its stack. */
export async function runWorkerTask(task: WorkerTask): Promise<JobReply> {
  let startedAt: number | undefined
  const onStart = () => {
    startedAt = performance.now()
    Atomics.store(task.started, 0, 1)
    Atomics.notify(task.started, 0)
  }
  try {
    const context = { corpus: () => corpusFor(task.uploads), step: () => void Atomics.add(task.started, 1, 1) }
    return { ok: true, output: await runJob(task.job, task.payload, context, onStart) }
  } catch (error) {
    return { ok: false, error: toWireError(error) }
  } finally {
    // The first task of a thread runs cold (code loading, JIT): it says nothing about the next ones.
    if (startedAt !== undefined && tasksRun > 0) Atomics.store(task.started, 2, runTimeMicros(performance.now() - startedAt))
    tasksRun += 1
  }
}

/** Tasks this thread has run. */
let tasksRun = 0

/** A run time for the shared clock: whole µs, at least 1 (0 means "not reported"), within an Int32. */
function runTimeMicros(ms: number): number {
  return Math.min(2 ** 31 - 1, Math.max(1, Math.round(ms * 1000)))
}

// Last, once everything above is defined. In the background: finishing it before the thread reports ready made a
// person's first check after a long idle 50-66 ms instead of up to 430 ms (piscina's Atomics.wait between tasks stops
// an idle thread's event loop, so a background warm-up may wait for the first task), but kept the checker loaded in
// every check thread at rest: 363/369 MiB in the idle bench against 286/301 MiB without (issue 16: at most 300 MiB).
void warmUp(warm)
