import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { loadConfig } from '../../src/config.js'
import { chatClientFromConfig, createChatClient, retryAfter, type ChatClientOptions } from '../../src/llm/client.js'
import { UsageMeter } from '../../src/llm/usage.js'
import { manualClock } from '../helpers/manual-clock.js'
import {
  arriving,
  scriptedCompletionTokens,
  scriptedPromptTokens,
  startScriptedLlmServer,
  type ScriptedLlmServer,
  type ScriptedServerOptions,
} from '../helpers/scripted-llm-server.js'
import { rejectionOf } from '../helpers/user-error.js'

const PointSchema = z.object({ heading: z.string(), figure: z.string() })
const SHAPE = '{"heading":"小标题","figure":"数字"}'
const VALID = { heading: '单位能耗碳排放明显下降', figure: '2.05吨/吨标准煤' }

const messages = [
  { role: 'system' as const, content: '你是工业园区经验总结材料的撰稿人。' },
  { role: 'user' as const, content: '请概括“三、实践成效”的第一个小标题。' },
]

let server: ScriptedLlmServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/**
 * A client against a fresh scripted server; sleeps are recorded, not waited, and its timeouts run on a manual clock
 * that only the timeout tests move (a loaded machine's slowness is never read as the endpoint's).
 */
async function setup(options: ScriptedServerOptions, clientOptions: ChatClientOptions = {}) {
  server = await startScriptedLlmServer(options)
  const sleeps: number[] = []
  const clock = manualClock()
  const client = createChatClient(server.llmConfig(), {
    baseDelayMs: 100,
    timeoutMs: 120_000,
    sleep: async (ms) => void sleeps.push(ms),
    timers: clock,
    ...clientOptions,
  })
  return { server, client, sleeps, clock }
}

describe('chat client: plain completions and usage', () => {
  it('sends the messages and model, and reports the usage the endpoint counted', async () => {
    const { server, client } = await setup({ script: [{ content: '单位能耗碳排放明显下降' }] })
    const meter = new UsageMeter()
    const answer = await client.complete(messages, { label: 'test', meter })

    expect(answer.text).toBe('单位能耗碳排放明显下降')
    expect(answer.finishReason).toBe('stop')
    const [request] = server.chatRequests()
    expect(request!.model).toBe('scripted-model')
    expect(request!.messages).toEqual(messages)
    expect(request!.headers.authorization).toBe('Bearer sk-test-park-report')
    const expected = { calls: 1, promptTokens: scriptedPromptTokens(messages), completionTokens: scriptedCompletionTokens('单位能耗碳排放明显下降'), estimated: false }
    expect(answer.usage).toEqual(expected)
    expect(meter.total()).toEqual(expected)
    expect(meter.calls[0]!.label).toBe('test')
  })

  it('estimates usage when the endpoint reports none, and says so', async () => {
    const { client } = await setup({ script: [{ content: '好的', usage: null }] })
    const answer = await client.complete(messages)
    expect(answer.usage.estimated).toBe(true)
    expect(answer.usage.completionTokens).toBe(2)
  })

  it('is built from OPENAI_BASE_URL / OPENAI_API_KEY / LLM_MODEL', async () => {
    server = await startScriptedLlmServer({ script: [{ content: '好' }], apiKey: 'sk-from-env', models: ['qwen-plus'] })
    const config = loadConfig({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-from-env', LLM_MODEL: 'qwen-plus' })
    const answer = await chatClientFromConfig(config).complete(messages)
    expect(answer.text).toBe('好')
    expect(server.chatRequests()[0]!.model).toBe('qwen-plus')
  })

  it('refuses to start without an endpoint, in Chinese', () => {
    expect(() => chatClientFromConfig(loadConfig({}))).toThrowError(/未配置大模型服务/)
  })
})

describe('chat client: structured output', () => {
  it('asks for json_schema and validates the answer with zod', async () => {
    const { server, client } = await setup({ script: [{ json: VALID }] })
    const answer = await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })

    expect(answer).toMatchObject({ value: VALID, mode: 'json_schema', corrected: false })
    const request = server.chatRequests()[0]!
    expect(request.responseFormat).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'result_heading', strict: true, schema: { type: 'object', required: ['heading', 'figure'], additionalProperties: false } },
    })
    // The JSON instruction is in the prompt too, for endpoints that ignore response_format.
    expect(request.messages.at(-1)!.content).toContain(`只输出一个 JSON 对象`)
    expect(request.messages.at(-1)!.content).toContain(SHAPE)
  })

  it('takes the first JSON object out of prose and code fences', async () => {
    const { client } = await setup({ script: [{ content: `好的，结果如下：\n\`\`\`json\n${JSON.stringify(VALID)}\n\`\`\`\n如需调整请告诉我。` }] })
    const answer = await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })
    expect(answer.value).toEqual(VALID)
  })

  it('passes over an example object quoted before the answer and a reasoning block, taking the object that fits', async () => {
    const quoted = `按照示例{"heading":"小标题"}的格式：${JSON.stringify(VALID)}`
    const reasoning = `<think>要求的格式是{"heading":"小标题","figure":"数字"}。</think>\n${JSON.stringify(VALID)}`
    const { server, client } = await setup({ script: [{ content: quoted }, { content: reasoning }] })
    expect(await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })).toMatchObject({ value: VALID, corrected: false })
    expect(await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })).toMatchObject({ value: VALID, corrected: false })
    expect(server.chatRequests()).toHaveLength(2)
  })

  it('reads a tool call’s arguments when an endpoint answers that way', async () => {
    const { client } = await setup({ script: [{ toolCalls: [{ name: 'result_heading', arguments: JSON.stringify(VALID) }] }] })
    expect((await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })).value).toEqual(VALID)
  })

  it('gives malformed JSON one corrective retry that shows the model its answer and the reason', async () => {
    const broken = '{"heading": "单位能耗碳排放明显下降", "figure": 2.05吨'
    const { server, client } = await setup({ script: [{ content: broken }, { json: VALID }] })
    const answer = await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })

    expect(answer).toMatchObject({ value: VALID, corrected: true })
    expect(answer.usage.calls).toBe(2)
    const retry = server.chatRequests()[1]!
    expect(retry.messages.at(-2)).toEqual({ role: 'assistant', content: broken })
    expect(retry.messages.at(-1)!.content).toContain('上面的回答无法使用：JSON 对象不完整')
  })

  it('retries an answer that is JSON but not of the schema, naming the field', async () => {
    const { server, client } = await setup({ script: [{ json: { heading: '单位能耗碳排放明显下降' } }, { json: VALID }] })
    await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })
    expect(server.chatRequests()[1]!.messages.at(-1)!.content).toContain('JSON 字段不符合要求：figure：')
  })

  it('fails in Chinese when the corrected answer is still not JSON', async () => {
    const { client } = await setup({ script: [{ content: '抱歉，我无法完成。' }, { content: '还是无法完成。' }] })
    const error = await rejectionOf(client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE }))
    expect(error.code).toBe('llm_bad_output')
    expect(error.message).toBe('大模型的回答不符合要求的格式（回答中没有 JSON 对象），纠正重试后仍不正确。请重试，或换用支持 JSON 输出的模型。')
  })

  it('falls back to prompt-only JSON for good when the endpoint rejects json_schema', async () => {
    const { server, client } = await setup({
      script: [
        { status: 400, message: "Invalid value for 'response_format': json_schema is not supported", type: 'invalid_request_error' },
        { json: VALID },
        { json: VALID },
      ],
    })
    const first = await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })
    const second = await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE })

    expect([first.mode, second.mode]).toEqual(['prompt', 'prompt'])
    expect(server.chatRequests().map((r) => (r.responseFormat as { type?: string } | undefined)?.type)).toEqual(['json_schema', undefined, undefined])
  })
})

describe('chat client: errors and retries', () => {
  it('does not retry a wrong key (401) and says so in Chinese', async () => {
    server = await startScriptedLlmServer({ apiKey: 'sk-right' })
    const client = createChatClient({ ...server.llmConfig(), apiKey: 'sk-wrong' }, { sleep: async () => {} })
    const error = await rejectionOf(client.complete(messages))
    expect(error.code).toBe('llm_unauthorized')
    expect(error.message).toMatch(/^大模型服务拒绝了 API Key（HTTP 401）：Incorrect API key provided.*请检查 OPENAI_API_KEY/)
    expect(error.status).toBe(502)
    expect(server.chatRequests()).toHaveLength(1)
  })

  it.each([
    [403, 'llm_forbidden', '大模型服务拒绝访问（HTTP 403）'],
    [400, 'llm_bad_request', '大模型服务拒绝了请求（HTTP 400）'],
  ])('does not retry HTTP %i', async (status, code, start) => {
    const { server, client } = await setup({ script: [{ status, message: 'denied' }, { content: '不应到达' }] })
    const error = await rejectionOf(client.complete(messages))
    expect(error.code).toBe(code)
    expect(error.message.startsWith(start)).toBe(true)
    expect(server.chatRequests()).toHaveLength(1)
  })

  it('resends without a parameter the model refuses, and leaves it out from then on', async () => {
    const { server, client } = await setup({
      script: [
        { status: 400, message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", code: 'unsupported_parameter' },
        { status: 400, message: "Unsupported value: 'temperature' does not support 0.3 with this model. Only the default (1) value is supported.", code: 'unsupported_value' },
        { content: '好' },
        { content: '好' },
      ],
    })
    expect((await client.complete(messages, { maxTokens: 800 })).text).toBe('好')
    expect((await client.complete(messages, { maxTokens: 800 })).text).toBe('好')
    expect(server.chatRequests().map((r) => [r.body!.max_tokens, r.body!.temperature])).toEqual([
      [800, 0.3],
      [undefined, 0.3],
      [undefined, undefined],
      [undefined, undefined],
    ])
  })

  it('names the model the endpoint does not know (404)', async () => {
    server = await startScriptedLlmServer({ models: ['qwen-plus'] })
    const client = createChatClient(server.llmConfig('qwen-pluss'))
    const error = await rejectionOf(client.complete(messages))
    expect(error.code).toBe('llm_model_not_found')
    expect(error.message).toBe('大模型服务找不到模型“qwen-pluss”（HTTP 404）。请检查 LLM_MODEL 的拼写，并确认该服务提供此模型。')
  })

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    const { server, client, sleeps } = await setup({ script: [{ status: 429, message: 'Rate limit reached', type: 'requests', headers: { 'retry-after': '2' } }, { content: '好' }] })
    expect((await client.complete(messages)).text).toBe('好')
    expect(sleeps).toEqual([2000])
    expect(server.chatRequests()).toHaveLength(2)
  })

  it('backs off exponentially and gives up on a lasting 429 with a Chinese message', async () => {
    const limited = { status: 429, message: 'Rate limit reached', type: 'requests' }
    const { server, client, sleeps } = await setup({ script: [limited, limited, limited, limited] }, { maxRetries: 3 })
    const error = await rejectionOf(client.complete(messages))
    expect(error.code).toBe('llm_rate_limited')
    expect(error.status).toBe(429)
    expect(error.message).toBe('大模型服务繁忙或已达到调用频率上限（HTTP 429），共尝试4次仍未成功。请稍后再试，或提高账户的调用额度。')
    expect(server.chatRequests()).toHaveLength(4)
    // 100, 200, 400 ms ± 20 % jitter
    expect(sleeps).toHaveLength(3)
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(100 * 2 ** i * 0.8)
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i * 1.2)
    })
  })

  it('does not hold a request for a Retry-After beyond the cap', async () => {
    const { client, sleeps } = await setup({ script: [{ status: 429, headers: { 'retry-after': '3600' } }] }, { maxRetryAfterMs: 60_000 })
    const error = await rejectionOf(client.complete(messages))
    expect(error.message).toBe('大模型服务要求等待3600秒后再调用（HTTP 429）。请稍后再试，或提高账户的调用额度。')
    expect(sleeps).toEqual([])
  })

  it('retries a 500, and reports a lasting one', async () => {
    const failing = { status: 500, message: 'The server had an error while processing your request.' }
    const ok = await setup({ script: [failing, { content: '好' }] })
    expect((await ok.client.complete(messages)).text).toBe('好')
    await ok.server.close()

    const bad = await setup({ script: [failing, { status: 503 }] }, { maxRetries: 1 })
    const error = await rejectionOf(bad.client.complete(messages))
    expect(error.code).toBe('llm_server_error')
    expect(error.message).toBe('大模型服务内部出错（HTTP 503），共尝试2次仍未成功。请稍后再试。')
  })

  it('retries a 200 whose body is not JSON', async () => {
    const { server, client } = await setup({ script: [{ rawBody: '{"choices": [' }, { content: '好' }] })
    expect((await client.complete(messages)).text).toBe('好')
    expect(server.chatRequests()).toHaveLength(2)
  })

  it('times out a slow answer, retries it, and reports a lasting timeout', async () => {
    const late = arriving({ content: '慢', delayMs: 600_000 })
    const slow = await setup({ script: [late.entry, { content: '快' }] }, { timeoutMs: 120_000 })
    const answered = slow.client.complete(messages)
    await late.arrived
    slow.clock.advance(120_000)
    expect((await answered).text).toBe('快')
    await expect.poll(() => slow.server.chatRequests()[0]!.aborted, { timeout: 60_000 }).toBe(true)
    await slow.server.close()

    const first = arriving({ content: '慢', delayMs: 600_000 })
    const second = arriving({ content: '慢', delayMs: 600_000 })
    const stuck = await setup({ script: [first.entry, second.entry] }, { timeoutMs: 120_000, maxRetries: 1 })
    const failing = rejectionOf(stuck.client.complete(messages))
    await first.arrived
    stuck.clock.advance(120_000)
    await second.arrived
    stuck.clock.advance(120_000)
    const error = await failing
    expect(error.code).toBe('llm_timeout')
    expect(error.message).toBe('大模型服务在120秒内没有完成回答（共尝试2次）。请稍后重试，或换用响应更快的模型。')
  })

  it('says the endpoint is unreachable, pointing at OPENAI_BASE_URL', async () => {
    const closed = await startScriptedLlmServer()
    const config = closed.llmConfig()
    await closed.close()
    const client = createChatClient(config, { sleep: async () => {} })
    const error = await rejectionOf(client.complete(messages))
    expect(error.code).toBe('llm_unreachable')
    expect(error.message).toBe(`无法连接大模型服务（${config.baseURL}）。请检查 OPENAI_BASE_URL 是否正确、服务是否已启动、网络是否可达。`)
  })

  it('stops when the caller cancels', async () => {
    const { client } = await setup({ script: [{ content: '慢', delayMs: 1_000 }] })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await rejectionOf(client.complete(messages, { signal: controller.signal }))
    expect(error.code).toBe('llm_cancelled')
  })
})

describe('chat client: streaming', () => {
  it('streams SSE chunks to onDelta and takes usage from the last chunk', async () => {
    const text = '单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。'
    const { server, client } = await setup({ script: [{ content: text, chunkChars: 5 }] })
    const pieces: string[] = []
    const answer = await client.complete(messages, { onDelta: (delta) => pieces.push(delta) })

    expect(answer.text).toBe(text)
    expect(pieces.join('')).toBe(text)
    expect(pieces.length).toBe(Math.ceil([...text].length / 5))
    expect(answer.usage).toEqual({ calls: 1, promptTokens: scriptedPromptTokens(messages), completionTokens: [...text].length, estimated: false })
    const request = server.chatRequests()[0]!
    expect(request.stream).toBe(true)
    expect(request.body!.stream_options).toEqual({ include_usage: true })
  })

  it('streams structured answers too', async () => {
    const { client } = await setup({ script: [{ json: VALID, chunkChars: 7 }] })
    let received = ''
    const answer = await client.structured(messages, PointSchema, { name: 'result_heading', shape: SHAPE, onDelta: (_, soFar) => (received = soFar) })
    expect(answer.value).toEqual(VALID)
    expect(received).toBe(JSON.stringify(VALID))
  })
})

describe('retryAfter', () => {
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after': 'soon' }, undefined],
  ])('%j → %s ms', (headers, ms) => {
    expect(retryAfter(new Headers(headers)).retryAfterMs).toBe(ms)
  })

  it('reads an HTTP date', () => {
    const at = new Date(Date.now() + 10_000).toUTCString()
    const ms = retryAfter(new Headers({ 'retry-after': at })).retryAfterMs!
    expect(ms).toBeGreaterThan(8_000)
    expect(ms).toBeLessThanOrEqual(10_000)
  })
})
