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
  /**
   * Finish the warm-up before the thread takes its first task, rather than in the background. Between tasks piscina
   * parks a thread in Atomics.wait, which stops its whole event loop: a background warm-up of a thread started with the
   * pool stood still until a person's request woke the thread, and then ran in that request's time (measured: an idle
   * check thread's warm-up had not ended 90 s after start; the first check after 30 s idle took 430 ms, the next ones
   * 21 ms). For threads started with the pool (the check lane); a thread started for a waiting task warms in the
   * background, as the task needs its code anyway.
   */
  warmBeforeReady?: boolean
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

const { corpusConfig, warm = [], warmBeforeReady = false } = workerData as WorkerOptions
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

// Last, once everything above is defined. Awaited, the warm-up holds back the module's loading, which piscina awaits
// before it reports the thread ready.
if (warmBeforeReady) await warmUp(warm)
else void warmUp(warm)
