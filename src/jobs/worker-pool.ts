import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { RetryLaterError, UserError } from '../errors.js'
import type { PolicyDocument } from '../ingest/clause.js'
import { AnswerCache, type AnswerCacheLimits } from './answer-cache.js'
import { RunTimes } from './run-times.js'
import { defaultLaneLimits, JOB_SPECS, MAX_THREAD_WAIT_MS, type JobLane, type JobName, type JobSpec, type LaneLimits } from './catalog.js'
import type { JobRequest, JobRunner } from './job-runner.js'
import type { JobOutput } from './registry.js'
import { fromWireError, WORKER_JOB_FAILED, type JobReply } from './wire.js'
import type { WorkerOptions, WorkerTask } from './worker-entry.js'

/**
 * The server's CPU-heavy jobs run in worker threads (piscina), so the event loop only moves bytes and `/api/health`
 * answers at once whatever runs. Each lane (route family, catalog.ts) is a pool of its own with a cap on its threads
 * and a bounded waiting room: a full lane is answered 503 with Retry-After at once, and a flood of uploads cannot
 * take the threads checks need. A job past its budget is cancelled — piscina terminates its thread, the only way to
 * stop synchronous code, and starts a fresh one — and answered with a Chinese 422 (it ran too long) or 503 (it
 * waited too long); a thread past its heap cap likewise dies alone.
 */

const messages = {
  busy: '服务器正忙，排队的请求已满。请稍等几秒后重试。',
  tooSlow: (seconds: number) =>
    `这份内容处理超过 ${seconds} 秒仍未完成，已停止处理。请检查是否混入了大量重复符号、表格或非正文内容，删去后重试；如果是正常稿件，请分章节提交。`,
  tooBig: '这份内容处理时占用内存过多，已停止处理。请删去图片、附件或与报告无关的内容后重试，或把文件拆小后分别上传。',
  crashed: '处理这份内容时出错，已停止处理。请检查文件能否在 Word 或 Excel 中正常打开，另存后重新上传；如果问题持续，请联系管理员。',
  aborted: '请求已取消。',
  closed: '园区报告助手正在关闭，请稍后重新打开后再试。',
}

export interface WorkerPoolOptions extends WorkerOptions {
  /** Threads of the check lane (the other lanes take all but one of them); default one per core, at least two. */
  size?: number
  lanes?: Partial<Record<JobLane, LaneLimits>>
  /** Per-job budgets; default JOB_SPECS (tests shorten them). */
  budgets?: Partial<Record<JobName, number>>
  /** Per-job time earned by each step of work done; default JOB_SPECS' budgetPerStepMs. */
  stepBudgets?: Partial<Record<JobName, number>>
  /** Heap cap of each thread: a job past it kills only its thread. */
  maxHeapMb?: number
  /** Longest a job may wait for a thread; default MAX_THREAD_WAIT_MS (tests on a loaded machine wait longer). */
  maxThreadWaitMs?: number
  /** The module each thread runs (a path); default worker-thread.mjs. Tests of the pool pass a scripted one. */
  workerFile?: string
  /** Bounds of the kept answers of pure jobs (answer-cache.ts). */
  answerCache?: AnswerCacheLimits
}

interface Lane {
  pool: Piscina<WorkerTask, JobReply>
  limits: LaneLimits
  /** Jobs of this lane running or waiting. */
  inFlight: number
  /** Size of the requests of those jobs (payloadBytes). */
  inFlightBytes: number
  /** Recent run times of its jobs, as their threads measured them: how long the jobs ahead of a new one will take. */
  runTimes: RunTimes
}

const WORKER_FILE = fileURLToPath(new URL('./worker-thread.mjs', import.meta.url))
/**
 * Worker threads run at a lower scheduling priority than the event loop (Linux nice 5, per thread, through piscina's
 * optional @napi-rs/nice). On a machine with fewer cores than busy threads the kernel then gives the event loop the
 * CPU first: `/api/health`, reading request bodies and sending answers are not queued behind a check, an upload or
 * a thread's warm-up. The jobs lose nothing when the machine is otherwise idle.
 */
const WORKER_NICE = 5
/** A thread of a slow lane (draft, export, uploads) left idle this long is stopped, so its memory returns. */
const IDLE_THREAD_MS = 60_000

export class WorkerPool implements JobRunner {
  private readonly lanes: Record<JobLane, Lane>
  private readonly budgets: Record<JobName, number>
  private readonly stepBudgets: Partial<Record<JobName, number>>
  private readonly maxThreadWaitMs: number
  private readonly answers: AnswerCache
  private uploads: { version: number; documents: readonly PolicyDocument[] } = { version: 0, documents: [] }
  private closed = false

  constructor(options: WorkerPoolOptions) {
    const size = options.size ?? Math.max(2, availableParallelism())
    const limits = { ...defaultLaneLimits(size), ...options.lanes }
    const lane = (name: JobLane): Lane => ({
      pool: new Piscina<WorkerTask, JobReply>({
        filename: options.workerFile ?? WORKER_FILE,
        // Checks are the common request: their threads are started now and kept. The other lanes start threads on
        // demand (a thread with the Word writer or the PDF reader loaded holds ~100 MB; keeping one per lane idle
        // raised the resting RSS from ~0.5 to ~0.9 GB). Each thread loads its lane's job code as it starts.
        minThreads: name === 'check' ? limits[name].maxRunning : 0,
        maxThreads: limits[name].maxRunning,
        idleTimeout: name === 'check' ? Infinity : IDLE_THREAD_MS,
        workerData: { corpusConfig: options.corpusConfig, warm: jobsOfLane(name) } satisfies WorkerOptions,
        resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
        niceIncrement: WORKER_NICE,
      }),
      limits: limits[name],
      inFlight: 0,
      inFlightBytes: 0,
      runTimes: new RunTimes(),
    })
    this.lanes = { check: lane('check'), draft: lane('draft'), export: lane('export'), ingest: lane('ingest') }
    for (const { pool } of Object.values(this.lanes)) {
      // A thread that dies outside a task (e.g. while starting) is replaced by piscina; it must not crash the server.
      pool.on('error', (error: unknown) => console.error(error))
    }
    this.maxThreadWaitMs = options.maxThreadWaitMs ?? MAX_THREAD_WAIT_MS
    this.answers = new AnswerCache(options.answerCache)
    this.budgets = {
      ...(Object.fromEntries(Object.entries(JOB_SPECS).map(([name, spec]) => [name, spec.budgetMs])) as Record<JobName, number>),
      ...options.budgets,
    }
    this.stepBudgets = {
      ...Object.fromEntries(Object.entries(JOB_SPECS).flatMap(([name, spec]: [string, JobSpec]) => (spec.budgetPerStepMs ? [[name, spec.budgetPerStepMs]] : []))),
      ...options.stepBudgets,
    }
  }

  async run<Name extends JobName>(name: Name, request: JobRequest<Name>, options: { signal?: AbortSignal } = {}): Promise<JobOutput<Name>> {
    if (this.closed) throw new UserError('server_closing', messages.closed, 503)
    const spec: JobSpec = JOB_SPECS[name]
    if (!spec.pure || !('json' in request)) return this.runInLane(name, request, options)
    // The same request already answered or running: its answer, without taking a thread or a place in the queue. The
    // job runs to its end even when this client leaves (it is short, and its answer is kept for the next one).
    const key = AnswerCache.keyOf(name, request.json)
    const answer = this.answers.answer(key, async () => {
      const output: unknown = await this.runInLane(name, request)
      if (typeof output !== 'string') throw new Error(`the pure job ${name} must answer a string`)
      return output
    })
    return (await (options.signal ? untilAborted(answer, options.signal) : answer)) as JobOutput<Name>
  }

  private async runInLane<Name extends JobName>(name: Name, request: JobRequest<Name>, options: { signal?: AbortSignal } = {}): Promise<JobOutput<Name>> {
    const spec: JobSpec = JOB_SPECS[name]
    const lane = this.lanes[spec.lane]
    const bytes = payloadBytes(request)
    const refusal = this.admission(lane, bytes)
    if (refusal) throw refusal
    const budgetMs = this.budgets[name]
    const watch = watchJob({ budgetMs, perStepMs: this.stepBudgets[name] ?? 0 }, this.maxThreadWaitMs)
    const task: WorkerTask = { job: name, payload: request, started: watch.started, ...(spec.usesCorpus ? { uploads: this.uploads } : {}) }
    lane.inFlight += 1
    lane.inFlightBytes += bytes
    try {
      const reply = await lane.pool.run(task, {
        signal: options.signal ? AbortSignal.any([options.signal, watch.signal]) : watch.signal,
        transferList: transferablesOf(request),
      })
      if (!reply.ok) throw fromWireError(reply.error)
      return reply.output as JobOutput<Name>
    } catch (error) {
      throw this.explain(error, watch.overrun(), watch.allowedMs(), lane)
    } finally {
      lane.inFlight -= 1
      lane.inFlightBytes -= bytes
      watch.stop()
      const reportedMicros = Atomics.load(task.started, 2)
      if (reportedMicros > 0) lane.runTimes.add(reportedMicros / 1000)
    }
  }

  setUploads(documents: readonly PolicyDocument[]): void {
    this.uploads = { version: this.uploads.version + 1, documents }
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(Object.values(this.lanes).map(({ pool }) => pool.destroy()))
  }

  /** Counts for tests and the bench: threads, jobs running and waiting per lane, their typical run time, kept answers. */
  stats(): {
    threads: number
    running: Record<JobLane, number>
    waiting: Record<JobLane, number>
    typicalRunMs: Record<JobLane, number | undefined>
    answers: ReturnType<AnswerCache['stats']>
  } {
    const lanes = Object.entries(this.lanes) as [JobLane, Lane][]
    return {
      typicalRunMs: Object.fromEntries(lanes.map(([name, lane]) => [name, lane.runTimes.typicalMs()])) as Record<JobLane, number | undefined>,
      answers: this.answers.stats(),
      threads: lanes.reduce((sum, [, lane]) => sum + lane.pool.threads.length, 0),
      running: Object.fromEntries(lanes.map(([name, lane]) => [name, lane.inFlight - lane.pool.queueSize])) as Record<JobLane, number>,
      waiting: Object.fromEntries(lanes.map(([name, lane]) => [name, lane.pool.queueSize])) as Record<JobLane, number>,
    }
  }

  /**
   * How long a new job would wait: the lane's jobs beyond its threads at their typical recent run time; 0 while the
   * lane has too few run times to say (then only the waiting room's size bounds it).
   */
  private expectedWaitMs(lane: Lane): number {
    const ahead = Math.max(0, lane.inFlight - lane.limits.maxRunning + 1)
    return ((lane.runTimes.typicalMs() ?? 0) * ahead) / lane.limits.maxRunning
  }

  /** The 503 for a job the lane cannot take now (waiting room full, or the wait would be too long), else nothing. */
  private admission(lane: Lane, bytes: number): RetryLaterError | undefined {
    const { maxRunning, maxWaiting, maxWaitMs, maxWaitingBytes = Infinity } = lane.limits
    const mustWait = lane.inFlight >= maxRunning
    const full = lane.inFlight >= maxRunning + maxWaiting || (mustWait && lane.inFlightBytes + bytes > maxWaitingBytes)
    if (!full && !(mustWait && this.expectedWaitMs(lane) > maxWaitMs)) return undefined
    return new RetryLaterError('server_busy', messages.busy, 503, this.retryAfterSeconds(lane))
  }

  /** When a refused client may expect a place: after the jobs ahead of it, in whole seconds, at most a minute. */
  private retryAfterSeconds(lane: Lane): number {
    return Math.min(60, Math.max(1, Math.ceil(this.expectedWaitMs(lane) / 1000)))
  }

  /** The Chinese answer for a job that did not finish: over budget, cancelled, out of memory, or its thread died. */
  private explain(error: unknown, overrun: 'ran' | 'waited' | undefined, budgetMs: number, lane: Lane): Error {
    if (error instanceof UserError) return error
    // Closing terminates the threads under the jobs still running: their ends are expected, not errors to log.
    if (this.closed) return new UserError('server_closing', messages.closed, 503)
    if (error instanceof Error && error.name === 'AbortError') {
      if (overrun === 'ran') return new UserError('too_slow', messages.tooSlow(Math.round(budgetMs / 1000)), 422)
      if (overrun === 'waited') return new RetryLaterError('server_busy', messages.busy, 503, this.retryAfterSeconds(lane))
      return new UserError('request_aborted', messages.aborted, 400)
    }
    if ((error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return new UserError('too_much_memory', messages.tooBig, 422)
    // A job that threw a plain Error is a bug of ours: it stays an error (500, logged by the app).
    if (error instanceof Error && error.message.startsWith(WORKER_JOB_FAILED)) return error
    console.error(error)
    return new UserError('job_crashed', messages.crashed, 422)
  }
}

/** `answer`, or a 400 as soon as the client's request is aborted. */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new UserError('request_aborted', messages.aborted, 400))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new UserError('request_aborted', messages.aborted, 400))
    signal.addEventListener('abort', onAbort, { once: true })
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** The jobs that run in a lane (catalog.ts), whose code its threads load as they start. */
function jobsOfLane(lane: JobLane): JobName[] {
  return (Object.keys(JOB_SPECS) as JobName[]).filter((name) => JOB_SPECS[name].lane === lane)
}

/** Atomics.waitAsync (Node 16+), typed here because the project's lib is ES2023. */
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> }
}).waitAsync

/**
 * The clock of one job: the worker flags `started[0]` (and notifies) when it begins, which starts the run budget; each
 * step of work it reports (`started[1]`) adds `perStepMs` to it. A job still waiting after `maxWaitMs`, or running past
 * its budget, is aborted through `signal`. When it ends, the worker reports its run time in `started[2]` (µs).
 */
function watchJob(budget: { budgetMs: number; perStepMs: number }, maxWaitMs: number) {
  const started = new Int32Array(new SharedArrayBuffer(12))
  const controller = new AbortController()
  let overrun: 'ran' | 'waited' | undefined
  let startedAt: number | undefined
  let budgetTimer: NodeJS.Timeout | undefined
  let done = false
  const allowedMs = () => budget.budgetMs + Atomics.load(started, 1) * budget.perStepMs
  const abort = (why: 'ran' | 'waited') => {
    overrun = why
    controller.abort()
  }
  /** At the end of the budget as it stood: stop the job, unless the steps it reported since earned it more time. */
  const checkBudget = () => {
    if (done || startedAt === undefined) return
    const left = allowedMs() - (performance.now() - startedAt)
    if (left > 0) budgetTimer = setTimeout(checkBudget, left)
    else abort('ran')
  }
  const onStart = () => {
    if (done) return
    if (Atomics.load(started, 0) === 0) return abort('waited')
    startedAt = performance.now()
    budgetTimer = setTimeout(checkBudget, budget.budgetMs)
  }
  const waiting = waitAsync(started, 0, 0, maxWaitMs)
  if (waiting.async) void waiting.value.then(onStart)
  else onStart()
  return {
    started,
    signal: controller.signal,
    overrun: () => overrun,
    /** The budget as the job's reported steps have made it. */
    allowedMs,
    /** Ends the clock. */
    stop: (): void => {
      done = true
      clearTimeout(budgetTimer)
    },
  }
}

/** What a request holds in memory while it waits: its JSON text, or the bytes of an uploaded file. */
function payloadBytes(request: JobRequest<JobName>): number {
  if ('json' in request) return request.json.length
  const data = typeof request.value === 'object' && request.value !== null ? (request.value as { data?: unknown }).data : undefined
  return data instanceof Uint8Array ? data.byteLength : 0
}

/** The bytes of a value input move to the worker rather than being copied, when they own their whole buffer. */
function transferablesOf(request: JobRequest<JobName>): ArrayBuffer[] {
  if (!('value' in request) || typeof request.value !== 'object' || request.value === null) return []
  const data = (request.value as { data?: unknown }).data
  return data instanceof Uint8Array && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
    ? [data.buffer]
    : []
}
