import { afterAll, describe, expect, it } from 'vitest'
import { startupGate, type ReadyApp } from '../../src/server/startup-gate.js'
import { answer, json, openTestWorkspace, parkFixture, type TestWorkspace } from './workspace-helpers.js'

/**
 * `npm start` listens before the database is open and the policy index built (issue 16: first answer ≤ 1 s). The
 * gate answers health and the page at once, holds every other request until the full application is ready, and
 * answers a Chinese 503 with Retry-After when that takes too long.
 */

const request = (path: string, init?: RequestInit) => new Request(`http://127.0.0.1${path}`, init)
const offline = { llm: undefined, auth: undefined }

/** A promise the test resolves or rejects by hand: the database "opening". */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Whether `promise` is still pending after the event loop has run everything else it can. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending')
  const first = await Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(marker), 20))])
  return first === marker
}

describe('start-up gate', () => {
  let ws: TestWorkspace | undefined
  afterAll(async () => {
    await ws?.close()
  })

  it('answers /api/health and the page at once while the database is not open yet', async () => {
    const opening = deferred<ReadyApp>()
    const gate = startupGate({ ready: opening.promise, config: offline })
    expect(await answer(gate(request('/api/health')))).toEqual({ status: 200, body: { status: 'starting', version: '0.1.0', llm: false, auth: false } })
    const page = await gate(request('/'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<script type="module" src="/app.js"></script>')
    expect((await gate(request('/app.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('holds a park saved during start-up and stores it once the database is open', async () => {
    const opening = deferred<ReadyApp>()
    // Opening a PGlite workspace takes tens of seconds on a loaded machine: this test is about holding, not the bound.
    const gate = startupGate({ ready: opening.promise, config: offline, maxWaitMs: 600_000 })
    const jialan = parkFixture('jialan-digital')
    const saving = answer<{ park: { name: string; version: number } }>(gate(request('/api/parks', json('POST', { data: jialan }))))
    expect(await isPending(saving)).toBe(true)

    ws = await openTestWorkspace()
    opening.resolve(ws.app)
    expect(await saving).toMatchObject({ status: 201, body: { park: { name: '嘉澜经济技术开发区', version: 1 } } })
    const list = await answer<{ parks: { name: string }[] }>(gate(request('/api/parks')))
    expect(list.body.parks.map((park) => park.name)).toEqual(['嘉澜经济技术开发区'])
    expect(await answer(gate(request('/api/health')))).toMatchObject({ status: 200, body: { status: 'ok', documents: 5 } })
  })

  it('answers 503 in Chinese with Retry-After when start-up takes longer than the wait it allows', async () => {
    const gate = startupGate({ ready: new Promise<ReadyApp>(() => {}), config: offline, maxWaitMs: 30 })
    const response = await gate(request('/api/check', json('POST', { text: '【摘要】园区概况。' })))
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('5')
    expect(await response.json()).toEqual({
      error: { code: 'server_starting', message: '园区报告助手正在启动（正在打开数据库、建立政策条款索引），请稍等几秒后重试。' },
    })
  })

  it('answers 503 without Retry-After, and health "failed", when start-up failed', async () => {
    const gate = startupGate({ ready: Promise.reject(new Error('数据目录已被占用')), config: offline })
    expect(await answer(gate(request('/api/parks')))).toEqual({
      status: 503,
      body: { error: { code: 'server_failed', message: '园区报告助手未能启动，请查看运行窗口中的提示，处理后重新启动。' } },
    })
    expect((await gate(request('/api/kinds'))).headers.get('retry-after')).toBeNull()
    expect(await answer(gate(request('/api/health')))).toMatchObject({ status: 200, body: { status: 'failed' } })
  })
})
