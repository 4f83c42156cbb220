import { afterEach, describe, expect, it } from 'vitest'
import { createChatClient, type ChatClientOptions } from '../../src/llm/client.js'
import { manualClock } from '../helpers/manual-clock.js'
import { arriving, startScriptedLlmServer, type ScriptedLlmServer, type ScriptedServerOptions } from '../helpers/scripted-llm-server.js'
import { rejectionOf } from '../helpers/user-error.js'

/**
 * Real networks: a connection reset before the answer, a body that ends before its announced length, a stream cut
 * mid-answer or ended without its finish_reason, an endpoint that accepts the connection and never answers.
 * The client's timeouts run on a manual clock: the test moves it on once the server has seen the request, or
 * between chunks, so what is tested is the client's reaction to a silence, not how fast this machine is.
 */

const messages = [
  { role: 'system' as const, content: '你是工业园区经验总结材料的撰稿人。' },
  { role: 'user' as const, content: '请用一句话概括园区绿色微电网的建设成效。' },
]
const ANSWER = '园区建成屋顶光伏86兆瓦、储能40兆瓦时，绿电消费占比由9.5%提升至27.8%。'

let server: ScriptedLlmServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

// Virtual milliseconds: the total cap of an attempt is never reached unless a test moves the clock that far.
const TOTAL_MS = 180_000

async function setup(options: ScriptedServerOptions, clientOptions: ChatClientOptions = {}) {
  server = await startScriptedLlmServer(options)
  const sleeps: number[] = []
  const clock = manualClock()
  const client = createChatClient(server.llmConfig(), { baseDelayMs: 100, timeoutMs: TOTAL_MS, sleep: async (ms) => void sleeps.push(ms), timers: clock, ...clientOptions })
  return { server, client, sleeps, clock }
}

const stream = { onDelta: () => {} }

/** Counts chunks the client has read; the server awaits `reached(n)` before sending chunk n. */
function turnstile() {
  let passed = 0
  const waiting = new Map<number, () => void>()
  return {
    pass() {
      passed += 1
      waiting.get(passed)?.()
      waiting.delete(passed)
    },
    reached: (count: number) => (passed >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(count, resolve))),
  }
}

describe('chat client: network cuts are retried, not reported as a wrong address', () => {
  it.each([
    ['a reset before the answer', { destroy: true as const }, {}],
    ['a body cut at half its announced length', { content: ANSWER, cutAt: 0.5 }, {}],
    ['a stream cut mid-answer', { content: ANSWER, cutAt: 0.5, chunkChars: 4 }, stream],
    ['a stream that ends without finish_reason', { content: ANSWER, endAt: 0.5, chunkChars: 4 }, stream],
  ])('%s, then the full answer', async (_, first, options) => {
    const { server, client, sleeps } = await setup({ script: [first, { content: ANSWER }] })
    const answer = await client.complete(messages, options)
    expect(answer.text).toBe(ANSWER)
    expect(server.chatRequests()).toHaveLength(2)
    expect(sleeps).toHaveLength(1)
  })

  it('reports a lasting cut in words a park administrator can act on', async () => {
    const cut = { content: ANSWER, cutAt: 0.3 }
    const { server, client } = await setup({ script: [cut, cut, cut] }, { maxRetries: 2 })
    const error = await rejectionOf(client.complete(messages))
    expect(error.code).toBe('llm_connection_lost')
    expect(error.status).toBe(502)
    expect(error.message).toBe('与大模型服务的连接在回答过程中被中断（共尝试3次仍未成功）。网络不稳定或服务过载时会这样，请稍后重试；服务本身已启动，无需修改 OPENAI_BASE_URL。')
    expect(server.chatRequests()).toHaveLength(3)
  })
})

describe('chat client: first-byte and idle timeouts', () => {
  it('gives up on an endpoint that accepts the connection and never answers after one retry', async () => {
    const stuck = { content: ANSWER, delayMs: 600_000 }
    const first = arriving(stuck)
    const second = arriving(stuck)
    const { server, client, clock, sleeps } = await setup({ script: [first.entry, second.entry] }, { firstByteTimeoutMs: 30_000 })
    const failing = rejectionOf(client.complete(messages, stream))

    await first.arrived
    clock.advance(30_000)
    await second.arrived
    expect(sleeps).toHaveLength(1)
    clock.advance(30_000)
    const error = await failing

    expect(error.code).toBe('llm_timeout')
    expect(error.message).toBe('大模型服务接受了请求，但在30秒内没有开始回答（共尝试2次）。服务可能过载或卡住，请稍后重试，或换用其他模型服务。')
    expect(server.chatRequests()).toHaveLength(2)
    expect(clock.pending()).toBe(0)
    // Both requests are abandoned on the wire, not left running on the endpoint.
    await expect.poll(() => server.chatRequests().map((r) => r.aborted), { timeout: 60_000 }).toEqual([true, true])
  })

  it('gives up on a stream that falls silent part-way, after one retry', async () => {
    const silent = { content: ANSWER, chunkChars: 4, stallAt: 0.5 }
    const heard = [...ANSWER].slice(0, 4 * Math.floor(Math.ceil([...ANSWER].length / 4) * 0.5)).join('')
    const { server, client, clock } = await setup({ script: [silent, silent] }, { idleTimeoutMs: 45_000 })
    // Each attempt goes silent after the first half; the test then lets 45 s of silence pass.
    const error = await rejectionOf(client.complete(messages, { onDelta: (_, soFar) => soFar === heard && clock.advance(45_000) }))
    expect(error.code).toBe('llm_timeout')
    expect(error.message).toBe('大模型服务回答到一半停了下来，45秒内没有新内容（共尝试2次）。请稍后重试，或换用响应更稳定的模型服务。')
    expect(server.chatRequests()).toHaveLength(2)
  })

  it('keeps a stream that is slow but alive: each chunk restarts the wait', async () => {
    // The server sends chunk n only after the client has read chunk n−1 and the clock has moved 30 s on: 11 chunks,
    // far longer in all than one idle wait, never 45 s without a chunk.
    const read = turnstile()
    const slow = { content: ANSWER, chunkChars: 4, beforeChunk: (index: number) => read.reached(index) }
    const { server, client, clock } = await setup({ script: [slow] }, { idleTimeoutMs: 45_000, timeoutMs: 600_000 })
    const answer = await client.complete(messages, {
      onDelta: () => {
        clock.advance(30_000)
        read.pass()
      },
    })
    expect(answer.text).toBe(ANSWER)
    expect(clock.now()).toBe(11 * 30_000)
    expect(server.chatRequests()).toHaveLength(1)
  })
})
