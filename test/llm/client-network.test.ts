import { afterEach, describe, expect, it } from 'vitest'
import { createChatClient, type ChatClientOptions } from '../../src/llm/client.js'
import { startScriptedLlmServer, type ScriptedLlmServer, type ScriptedServerOptions } from '../helpers/scripted-llm-server.js'
import { rejectionOf } from '../helpers/user-error.js'

/**
 * Real networks: a connection reset before the answer, a body that ends before its announced length, a stream cut
 * mid-answer or ended without its finish_reason, an endpoint that accepts the connection and never answers.
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

async function setup(options: ScriptedServerOptions, clientOptions: ChatClientOptions = {}) {
  server = await startScriptedLlmServer(options)
  const sleeps: number[] = []
  const client = createChatClient(server.llmConfig(), { baseDelayMs: 100, timeoutMs: 2_000, sleep: async (ms) => void sleeps.push(ms), ...clientOptions })
  return { server, client, sleeps }
}

const stream = { onDelta: () => {} }

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
    const stuck = { content: ANSWER, delayMs: 60_000 }
    const { server, client } = await setup({ script: [stuck, stuck, stuck] }, { firstByteTimeoutMs: 100, timeoutMs: 10_000 })
    const started = Date.now()
    const error = await rejectionOf(client.complete(messages, stream))
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(error.code).toBe('llm_timeout')
    expect(error.message).toBe('大模型服务接受了请求，但在0.1秒内没有开始回答（共尝试2次）。服务可能过载或卡住，请稍后重试，或换用其他模型服务。')
    expect(server.chatRequests()).toHaveLength(2)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.chatRequests().every((r) => r.aborted)).toBe(true)
  })

  it('gives up on a stream that falls silent, and keeps one that is slow but alive', async () => {
    const silent = { content: ANSWER, chunkChars: 4, chunkDelayMs: 400 }
    const stalled = await setup({ script: [silent, silent] }, { idleTimeoutMs: 150, firstByteTimeoutMs: 1_000 })
    const error = await rejectionOf(stalled.client.complete(messages, stream))
    expect(error.message).toBe('大模型服务回答到一半停了下来，0.15秒内没有新内容（共尝试2次）。请稍后重试，或换用响应更稳定的模型服务。')
    await stalled.server.close()

    const alive = await setup({ script: [{ content: ANSWER, chunkChars: 4, chunkDelayMs: 30 }] }, { idleTimeoutMs: 150, firstByteTimeoutMs: 1_000 })
    expect((await alive.client.complete(messages, stream)).text).toBe(ANSWER)
  })
})
