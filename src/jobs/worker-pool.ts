import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { RetryLaterError, UserError } from '../errors.js'
import type { PolicyDocument } from '../ingest/clause.js'
import { defaultLaneLimits, JOB_SPECS, type JobLane, type JobName, type JobPayload, type LaneLimits } from './catalog.js'
import type { JobRequest, JobRunner } from './job-runner.js'
import type { JobOutput } from './registry.js'
import { fromWireError, type JobMessage, type JobReply, type ReadyMessage } from './wire.js'
import type { WorkerOptions } from './worker-entry.js'

/**
 * A pool of worker threads for the server's CPU-heavy jobs, so the event loop only moves bytes and `/api/health`
 * answers at once whatever runs. Each lane (route family) has a bounded queue and a cap on the workers it may hold;
 * a full queue is answered 503 with Retry-After immediately. A job that overruns its budget (catalog.ts) has its
 * worker terminated — the only way to stop synchronous code — and answered with a Chinese 422; a worker that dies
 * (out of memory) likewise; the pool starts a fresh worker in its place.
 */

const messages = {
  busy: '服务器正忙，排队的请求已满。请稍等几秒后重试。',
  tooSlow: (seconds: number) =>
    `这份内容处理超过 ${seconds} 秒仍未完成，已停止处理。请检查是否混入了大量重复符号、表格或非正文内容，删去后重试；如果是正常稿件，请分章节提交。`,
  tooBig: '这份内容处理时占用内存过多，已停止处理。请删去图片、附件或与报告无关的内容后重试，或把文件拆小后分别上传。',
  crashed: '处理这份内容时出错，已停止处理。请检查文件能否在 Word 或 Excel 中正常打开，另存后重新上传；如果问题持续，请联系管理员。',
  unavailable: '后台处理服务未能启动，请重启园区报告助手后重试；如果问题持续，请联系管理员。',
}

export interface WorkerPoolOptions extends WorkerOptions {
  /** Worker threads; default one per core. */
  size?: number
  lanes?: Partial<Record<JobLane, LaneLimits>>
  /** Per-job budgets; default JOB_SPECS (tests shorten them). */
  budgets?: Partial<Record<JobName, number>>
  /** Heap cap of each worker: a job past it kills only its worker. */
  maxHeapMb?: number
}

interface Task {
  id: number
  job: JobName
  lane: JobLane
  payload: JobPayload
  transfer: ArrayBuffer[]
  resolve: (output: unknown) => void
  reject: (error: Error) => void
  signal?: AbortSignal
  onAbort?: () => void
}

interface Slot {
  worker: Worker
  ready: boolean
  task?: Task
  timer?: NodeJS.Timeout
  startedAt?: number
}

/** After this many workers in a row die before they are ready, queued jobs are refused instead of waiting forever. */
const MAX_FAILED_STARTS = 3

export class WorkerPool implements JobRunner {
  private readonly slots: Slot[] = []
  private readonly queues = new Map<JobLane, Task[]>()
  private readonly running = new Map<JobLane, number>()
  private readonly lanes: Record<JobLane, LaneLimits>
  private readonly budgets: Record<JobName, number>
  /** Recent run time per lane (ms, moving average), to tell a refused client when to come back. */
  private readonly averageMs = new Map<JobLane, number>()
  private uploads: readonly PolicyDocument[] = []
  private nextId = 1
  private failedStarts = 0
  private closed = false

  constructor(private readonly options: WorkerPoolOptions) {
    const size = options.size ?? availableParallelism()
    this.lanes = { ...defaultLaneLimits(size), ...options.lanes }
    this.budgets = { ...(Object.fromEntries(Object.entries(JOB_SPECS).map(([name, spec]) => [name, spec.budgetMs])) as Record<JobName, number>), ...options.budgets }
    for (let i = 0; i < size; i += 1) this.slots.push(this.spawn())
  }

  /** Resolves when every worker has loaded the job code (the server may take requests before: they queue). */
  async ready(): Promise<void> {
    while (!this.closed && this.slots.some((slot) => !slot.ready)) {
      if (this.failedStarts >= MAX_FAILED_STARTS) throw new UserError('workers_unavailable', messages.unavailable, 503)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  run<Name extends JobName>(name: Name, request: JobRequest<Name>, options: { signal?: AbortSignal } = {}): Promise<JobOutput<Name>> {
    if (this.closed) return Promise.reject(new UserError('workers_unavailable', messages.unavailable, 503))
    const lane = JOB_SPECS[name].lane
    const queue = this.queueOf(lane)
    if (queue.length >= this.lanes[lane].maxWaiting) {
      return Promise.reject(new RetryLaterError('server_busy', messages.busy, 503, this.retryAfterSeconds(lane)))
    }
    if (this.failedStarts >= MAX_FAILED_STARTS) return Promise.reject(new UserError('workers_unavailable', messages.unavailable, 503))
    return new Promise<JobOutput<Name>>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        job: name,
        lane,
        payload: request as JobPayload,
        transfer: transferablesOf(request),
        resolve: resolve as (output: unknown) => void,
        reject,
        ...(options.signal ? { signal: options.signal } : {}),
      }
      if (options.signal) {
        // A client that went away while its job waited: the job is dropped, not run for nobody.
        task.onAbort = () => {
          const at = queue.indexOf(task)
          if (at >= 0) {
            queue.splice(at, 1)
            reject(new UserError('request_aborted', '请求已取消。', 400))
          }
        }
        options.signal.addEventListener('abort', task.onAbort, { once: true })
      }
      queue.push(task)
      this.dispatch()
    })
  }

  setUploads(documents: readonly PolicyDocument[]): void {
    this.uploads = documents
    for (const slot of this.slots) slot.worker.postMessage({ uploads: documents })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const queue of this.queues.values()) {
      for (const task of queue.splice(0)) task.reject(new UserError('workers_unavailable', messages.unavailable, 503))
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  /** Counts for tests and the bench: workers, jobs running and waiting per lane. */
  stats(): { workers: number; ready: number; running: Record<string, number>; waiting: Record<string, number> } {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((slot) => slot.ready).length,
      running: Object.fromEntries(this.running),
      waiting: Object.fromEntries([...this.queues].map(([lane, queue]) => [lane, queue.length])),
    }
  }

  private queueOf(lane: JobLane): Task[] {
    let queue = this.queues.get(lane)
    if (!queue) this.queues.set(lane, (queue = []))
    return queue
  }

  private retryAfterSeconds(lane: JobLane): number {
    const waiting = this.queueOf(lane).length
    const estimate = ((this.averageMs.get(lane) ?? 1000) * waiting) / this.lanes[lane].maxRunning / 1000
    return Math.min(60, Math.max(1, Math.ceil(estimate)))
  }

  /** Hands waiting jobs to idle workers, taking lanes in turn so one busy lane cannot starve another. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue
      const task = this.nextTask()
      if (!task) return
      this.start(slot, task)
    }
  }

  private laneTurn = 0
  private nextTask(): Task | undefined {
    const lanes = [...this.queues.keys()]
    for (let i = 0; i < lanes.length; i += 1) {
      const lane = lanes[(this.laneTurn + i) % lanes.length]!
      const queue = this.queues.get(lane)!
      if (queue.length && (this.running.get(lane) ?? 0) < this.lanes[lane].maxRunning) {
        this.laneTurn = (this.laneTurn + i + 1) % lanes.length
        return queue.shift()
      }
    }
    return undefined
  }

  private start(slot: Slot, task: Task): void {
    if (task.signal && task.onAbort) task.signal.removeEventListener('abort', task.onAbort)
    slot.task = task
    slot.startedAt = performance.now()
    this.running.set(task.lane, (this.running.get(task.lane) ?? 0) + 1)
    const budget = this.budgets[task.job]
    slot.timer = setTimeout(() => this.fail(slot, new UserError('too_slow', messages.tooSlow(Math.round(budget / 1000)), 422)), budget)
    slot.worker.postMessage({ id: task.id, job: task.job, payload: task.payload } satisfies JobMessage, task.transfer)
  }

  /** The job of a slot is over (answered or failed): free the slot and its lane's place. */
  private finish(slot: Slot): Task | undefined {
    const task = slot.task
    if (!task) return undefined
    clearTimeout(slot.timer)
    const elapsed = performance.now() - (slot.startedAt ?? performance.now())
    this.averageMs.set(task.lane, 0.8 * (this.averageMs.get(task.lane) ?? elapsed) + 0.2 * elapsed)
    this.running.set(task.lane, (this.running.get(task.lane) ?? 1) - 1)
    slot.task = undefined
    return task
  }

  /** The job failed in a way that leaves its worker unusable (overrun, out of memory, crash): answer, replace, go on. */
  private fail(slot: Slot, error: Error): void {
    const task = this.finish(slot)
    task?.reject(error)
    const index = this.slots.indexOf(slot)
    slot.worker.removeAllListeners()
    slot.worker.on('error', () => undefined)
    void slot.worker.terminate()
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn()
    this.dispatch()
  }

  private spawn(): Slot {
    const worker = startWorker(
      { corpusConfig: this.options.corpusConfig },
      { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    )
    const slot: Slot = { worker, ready: false }
    worker.on('message', (message: JobReply | ReadyMessage) => {
      if ('ready' in message) {
        slot.ready = true
        this.failedStarts = 0
        if (this.uploads.length) worker.postMessage({ uploads: this.uploads })
        this.dispatch()
        return
      }
      if (slot.task?.id !== message.id) return
      const task = this.finish(slot)!
      if (message.ok) task.resolve(message.output)
      else task.reject(fromWireError(message.error))
      this.dispatch()
    })
    worker.on('error', (error: Error & { code?: string }) => {
      if (!slot.ready) this.noteFailedStart(error)
      else if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') console.error(error)
      this.fail(slot, new UserError(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_much_memory' : 'job_crashed', error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? messages.tooBig : messages.crashed, 422))
    })
    worker.on('exit', () => {
      if (this.closed || !this.slots.includes(slot)) return
      if (!slot.ready) this.noteFailedStart(new Error('worker exited before it was ready'))
      this.fail(slot, new UserError('job_crashed', messages.crashed, 422))
    })
    return slot
  }

  private noteFailedStart(error: Error): void {
    this.failedStarts += 1
    console.error(error)
    if (this.failedStarts < MAX_FAILED_STARTS) return
    for (const queue of this.queues.values()) {
      for (const task of queue.splice(0)) task.reject(new UserError('workers_unavailable', messages.unavailable, 503))
    }
  }
}

/** The bytes of a value input move to the worker rather than being copied, when they own their whole buffer. */
function transferablesOf(request: JobRequest<JobName>): ArrayBuffer[] {
  if (!('value' in request) || typeof request.value !== 'object' || request.value === null) return []
  const data = (request.value as { data?: unknown }).data
  return data instanceof Uint8Array && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
    ? [data.buffer]
    : []
}

/**
 * The worker's code: the compiled worker-entry.js beside this module when there is one (the build in dist/), else
 * the TypeScript source loaded through tsx's loader, which a worker does not inherit from the thread that starts it.
 */
function startWorker(workerData: WorkerOptions, resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  const compiled = new URL('./worker-entry.js', import.meta.url)
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData, resourceLimits })
  const source = new URL('./worker-entry.ts', import.meta.url).href
  const bootstrap = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}))`
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits })
}
