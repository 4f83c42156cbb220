import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RetryLaterError } from '../../src/errors.js'
import { defaultLaneLimits } from '../../src/jobs/catalog.js'
import { WorkerPool, type WorkerPoolOptions } from '../../src/jobs/worker-pool.js'
import { rejectionOf } from '../helpers/user-error.js'

/**
 * The pool itself, with a scripted worker (fixtures/scripted-worker.mjs) whose tasks answer, spin the CPU or fill
 * their heap on request: budgets, bounded waiting rooms, thread replacement and the Chinese answers for each.
 */

const workerFile = fileURLToPath(new URL('./fixtures/scripted-worker.mjs', import.meta.url))
const corpusConfig = { env: {}, dataDir: '/nonexistent', limits: { maxUploadBytes: 1, maxPdfPages: 1 } }
type Script = { echo?: string; spinMs?: number; fillHeap?: boolean; userError?: boolean; steps?: { count: number; everyMs: number } }

let pool: WorkerPool | undefined
afterEach(async () => {
  await pool?.close()
  pool = undefined
})

function startPool(options: Partial<WorkerPoolOptions> = {}): WorkerPool {
  pool = new WorkerPool({ corpusConfig, workerFile, size: 1, ...options })
  return pool
}
const run = (p: WorkerPool, script: Script, job: 'check' | 'checkUpload' | 'ingest' = 'check', signal?: AbortSignal) =>
  p.run(job, { value: script as never }, signal ? { signal } : {})

describe('WorkerPool', () => {
  it('runs a job in a worker thread and rebuilds the UserError a job threw', async () => {
    const p = startPool()
    expect(await run(p, { echo: '园区' })).toEqual({ echo: '园区' })
    const error = await rejectionOf(run(p, { userError: true }))
    expect([error.code, error.message, error.status]).toEqual(['bad_input', '输入有误。', 400])
  })

  it('stops a job past its budget with a Chinese 422 while the event loop stays free, then runs the next job on a fresh thread', async () => {
    const p = startPool({ budgets: { check: 600 } })
    await run(p, { echo: '预热' })
    const slow = run(p, { spinMs: 60_000 })
    // The event loop is not blocked by the spinning job: a macrotask runs before the job is answered.
    const first = await Promise.race([slow.then(() => 'job', () => 'job'), new Promise((resolve) => setImmediate(() => resolve('event loop')))])
    expect(first).toBe('event loop')
    const error = await rejectionOf(slow)
    expect(error.toJSON()).toEqual({
      code: 'too_slow',
      message: '这份内容处理超过 1 秒仍未完成，已停止处理。请检查是否混入了大量重复符号、表格或非正文内容，删去后重试；如果是正常稿件，请分章节提交。',
    })
    expect(error.status).toBe(422)
    expect(await run(p, { echo: '下一份' })).toEqual({ echo: '下一份' })
  })

  it('gives a job more time for each step of work it reports done, and stops it once the steps stop coming', async () => {
    // 1 s of budget and 1 s more per step: six steps of 0.6 s (3.6 s) finish; a job that then spins without a step
    // is stopped when its earned budget (1 s + 2 × 1 s) runs out.
    const p = startPool({ budgets: { ingest: 1_000 }, stepBudgets: { ingest: 1_000 } })
    expect(await run(p, { steps: { count: 6, everyMs: 600 }, echo: '六页' }, 'ingest')).toEqual({ echo: '六页' })
    const error = await rejectionOf(run(p, { steps: { count: 2, everyMs: 100 }, spinMs: 60_000 }, 'ingest'))
    expect([error.code, error.status, error.message]).toEqual([
      'too_slow',
      422,
      '这份内容处理超过 3 秒仍未完成，已停止处理。请检查是否混入了大量重复符号、表格或非正文内容，删去后重试；如果是正常稿件，请分章节提交。',
    ])
  })

  it('refuses a job at once with 503 and Retry-After when the lane is running and its waiting room is full', async () => {
    const p = startPool({ lanes: { check: { maxRunning: 1, maxWaiting: 1, maxWaitMs: 60_000 } } })
    const running = run(p, { spinMs: 400, echo: '一' })
    const waiting = run(p, { echo: '二' })
    const refused = await rejectionOf(run(p, { echo: '三' }))
    expect(refused).toBeInstanceOf(RetryLaterError)
    expect(refused.toJSON()).toEqual({ code: 'server_busy', message: '服务器正忙，排队的请求已满。请稍等几秒后重试。' })
    expect(refused.status).toBe(503)
    expect((refused as RetryLaterError).retryAfterSeconds).toBeGreaterThanOrEqual(1)
    expect(await Promise.all([running, waiting])).toEqual([{ echo: '一' }, { echo: '二' }])
  })

  it('refuses a job with 503 when the requests already in the lane hold more bytes than its waiting room allows', async () => {
    // Places for ten jobs, but 1,000 bytes: the running job (~600 bytes of JSON) and one more of that size fit no more.
    const p = startPool({ lanes: { check: { maxRunning: 1, maxWaiting: 10, maxWaitMs: 60_000, maxWaitingBytes: 1_000 } } })
    const request = (answer: string) => ({ json: JSON.stringify({ spinMs: 400, answer, padding: '园'.repeat(550) }) })
    const running = p.run('check', request('一'))
    const refused = await rejectionOf(p.run('check', request('二')))
    expect([refused.code, refused.status]).toEqual(['server_busy', 503])
    expect((refused as RetryLaterError).retryAfterSeconds).toBeGreaterThanOrEqual(1)
    // A small request still has room.
    const small = p.run('check', { json: JSON.stringify({ answer: '小' }) })
    expect([await running, await small]).toEqual([expect.stringMatching(/^一 @/), expect.stringMatching(/^小 @/)])
  })

  it('answers the jobs still running when it closes 503 server_closing, without logging their threads’ end as an error', async () => {
    const p = startPool()
    await run(p, { echo: '预热' })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      // Its rejection is awaited from the start: it comes while close() is awaited.
      const running = rejectionOf(run(p, { spinMs: 10_000 }))
      await new Promise((resolve) => setTimeout(resolve, 200))
      await p.close()
      const error = await running
      expect([error.code, error.status, error.message]).toEqual(['server_closing', 503, '园区报告助手正在关闭，请稍后重新打开后再试。'])
      expect(logged).not.toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
  })

  it('sizes the check lane for 200 people checking at once: 512 places, a 10 s wait, 64 MB of waiting requests', () => {
    expect(defaultLaneLimits(2).check).toEqual({ maxRunning: 2, maxWaiting: 512, maxWaitMs: 10_000, maxWaitingBytes: 64 * 1024 * 1024 })
  })

  it('refuses a job with 503 when the jobs ahead of it would take longer than the lane allows to wait', async () => {
    const p = startPool({ lanes: { check: { maxRunning: 1, maxWaiting: 100, maxWaitMs: 200 } } })
    // A thread's first job is not counted (it runs cold); the lane judges waits once eight more taught it that its jobs
    // take about 250 ms. Before that, nothing is refused for the wait.
    for (const echo of ['冷', '一', '二', '三', '四', '五', '六', '七']) expect(await run(p, { spinMs: 250, echo })).toEqual({ echo })
    expect(p.stats().typicalRunMs.check).toBeUndefined()
    expect(await Promise.all([run(p, { spinMs: 250, echo: '八' }), run(p, { echo: '不等' })])).toEqual([{ echo: '八' }, { echo: '不等' }])
    expect(p.stats().typicalRunMs.check).toBeGreaterThanOrEqual(250)
    const running = run(p, { spinMs: 250, echo: '长' })
    const refused = await rejectionOf(run(p, { echo: '短' }))
    expect([refused.code, refused.status, (refused as RetryLaterError).retryAfterSeconds]).toEqual(['server_busy', 503, 1])
    expect(await running).toEqual({ echo: '长' })
  })

  it('judges the wait by the typical run time: one slow job among quick ones does not make the lane refuse the next', async () => {
    // With a moving average, one 1.5 s job among 20 ms ones predicted ~0.3 s per job ahead: four jobs waiting passed
    // the 1 s bound and every new one was refused (issue 15, after the 59,000-character floods).
    const p = startPool({ lanes: { check: { maxRunning: 1, maxWaiting: 100, maxWaitMs: 1_000 } }, budgets: { check: 60_000 } })
    for (const echo of ['冷', '一', '二', '三', '四', '五', '六', '七']) await run(p, { spinMs: 20, echo })
    await run(p, { spinMs: 1_500, echo: '长' })
    const quick = ['甲', '乙', '丙', '丁', '戊', '己'].map((echo) => run(p, { spinMs: 20, echo }))
    expect(await Promise.all(quick)).toEqual(['甲', '乙', '丙', '丁', '戊', '己'].map((echo) => ({ echo })))
  })

  it('answers 422 when a job fills its heap, and only that thread dies', async () => {
    // A budget far above the time filling the heap takes on a loaded machine: the heap cap, not the clock, stops it.
    const p = startPool({ maxHeapMb: 32, budgets: { check: 120_000 } })
    const error = await rejectionOf(run(p, { fillHeap: true }))
    expect(error.toJSON()).toEqual({
      code: 'too_much_memory',
      message: '这份内容处理时占用内存过多，已停止处理。请删去图片、附件或与报告无关的内容后重试，或把文件拆小后分别上传。',
    })
    expect(await run(p, { echo: '还在' })).toEqual({ echo: '还在' })
  })

  it('answers identical check requests once: those arriving while it runs wait for it, later ones get the kept answer', async () => {
    // One thread and no waiting room: a second job would be refused 503, so only a shared run can answer all three.
    const p = startPool({ lanes: { check: { maxRunning: 1, maxWaiting: 0, maxWaitMs: 60_000 } } })
    const json = JSON.stringify({ spinMs: 300, answer: '审校结果' })
    const answers = await Promise.all([1, 2, 3].map(() => p.run('check', { json })))
    expect(new Set(answers).size).toBe(1)
    expect(answers[0]).toMatch(/^审校结果 @\d+$/)
    // The lane is busy with another text; the kept answer still comes at once, identical.
    const busy = p.run('check', { json: JSON.stringify({ spinMs: 400, answer: '另一份' }) })
    expect(await p.run('check', { json })).toBe(answers[0])
    expect((await rejectionOf(p.run('check', { json: JSON.stringify({ answer: '第三份' }) }))).code).toBe('server_busy')
    await busy
    expect(p.stats().answers).toMatchObject({ answers: 2, running: 0 })
  })

  it('runs a check again after a failure, and answers an aborted client at once while the others still get the answer', async () => {
    const p = startPool({ lanes: { check: { maxRunning: 1, maxWaiting: 0, maxWaitMs: 60_000 } } })
    const failing = JSON.stringify({ userError: true })
    expect((await rejectionOf(p.run('check', { json: failing }))).code).toBe('bad_input')
    expect((await rejectionOf(p.run('check', { json: failing }))).code).toBe('bad_input')
    const json = JSON.stringify({ spinMs: 300, answer: '共用' })
    const client = new AbortController()
    const leaving = p.run('check', { json }, { signal: client.signal })
    const staying = p.run('check', { json })
    client.abort()
    expect((await rejectionOf(leaving)).code).toBe('request_aborted')
    expect(await staying).toMatch(/^共用 @/)
  })

  it('drops the job of a client that went away', async () => {
    const p = startPool()
    const client = new AbortController()
    const job = run(p, { spinMs: 60_000 }, 'check', client.signal)
    setTimeout(() => client.abort(), 100)
    const error = await rejectionOf(job)
    expect([error.code, error.message, error.status]).toEqual(['request_aborted', '请求已取消。', 400])
  })
})
