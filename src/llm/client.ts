/**
 * The chat client for drafting and rewriting: any OpenAI-compatible `/chat/completions` endpoint, configured by
 * OPENAI_API_KEY, OPENAI_BASE_URL and LLM_MODEL (src/config.ts `AppConfig.llm`).
 *
 * Why the `openai` SDK directly and not LangChain's ChatOpenAI: ChatOpenAI wraps this same SDK and adds its own
 * retry layer (AsyncCaller) that re-wraps errors and hides the status and Retry-After we need for the Chinese
 * messages and the backoff; its `withStructuredOutput` chooses json_schema or function calling by model-name
 * heuristics, while we need one predictable path with a plain-JSON fallback for endpoints that ignore or reject
 * `response_format` (PITFALLS “LLM drafting”); and usage figures per call come straight from the answer. Nothing
 * here needs chains or callbacks; LangChain stays where it pays (the retriever interface).
 *
 * Behaviour:
 * - Structured output: `response_format: json_schema` (strict, from a zod schema) and, in every mode, a JSON
 *   instruction in the prompt; the first JSON object of the answer is validated with zod. A 400 to a json_schema
 *   request switches this client to prompt-only JSON for good. Invalid JSON gets one corrective retry.
 * - Each attempt has a timeout, and a streamed one a first-byte and an idle timeout too (an endpoint that accepts the
 *   connection and never answers is given up on in a minute, not held for eight). 429, 5xx, malformed answers and
 *   network cuts (a reset connection, a body that ends before its announced length, a stream that stops before its
 *   finish_reason) are retried with exponential backoff (Retry-After / retry-after-ms respected); a timeout is retried
 *   once (a stuck endpoint rarely recovers within the minute); 400/401/403/404 are not retried, except that a 400 naming
 *   `temperature` or `max_tokens` resends the request without that parameter (reasoning models refuse both).
 * - Every answered call records its token usage (the endpoint's figures, else estimated).
 */
import OpenAI from 'openai'
import { zodResponseFormat } from 'openai/helpers/zod'
import type { z } from 'zod'
import type { AppConfig } from '../config.js'
import { UserError } from '../errors.js'
import { jsonObjects } from './json.js'
import { llmError, llmMessages, TIMEOUT_STATUS, upstreamDetail } from './llm-errors.js'
import { renderPrompt } from './prompts.js'
import { estimateTokens, type TokenUsage, type UsageMeter } from './usage.js'

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatCallOptions {
  /** What the call is for, recorded with its usage (draft:二、创新举措). */
  label?: string
  temperature?: number
  maxTokens?: number
  signal?: AbortSignal
  /** Streams the answer (SSE) and reports each piece: the text so far, for progress display. */
  onDelta?: (delta: string, soFar: string) => void
  meter?: UsageMeter
}

export interface StructuredCallOptions extends ChatCallOptions {
  /** The json_schema name: letters, digits, _ and - only. */
  name: string
  /** A short JSON example of the expected answer, shown to the model in every mode. */
  shape: string
}

export interface ChatAnswer {
  text: string
  finishReason: string | null
  usage: TokenUsage
}

export type StructuredMode = 'json_schema' | 'prompt'

export interface StructuredAnswer<T> {
  value: T
  usage: TokenUsage
  /** How the JSON was obtained. */
  mode: StructuredMode
  /** Whether the corrective retry was needed. */
  corrected: boolean
}

export interface ChatClient {
  readonly model: string
  readonly baseURL: string
  complete(messages: readonly ChatMessage[], options?: ChatCallOptions): Promise<ChatAnswer>
  structured<T>(messages: readonly ChatMessage[], schema: z.ZodType<T>, options: StructuredCallOptions): Promise<StructuredAnswer<T>>
}

export interface ChatClientOptions {
  /** Per attempt, including reading a stream. A 3000-字 section takes a slow model about a minute. */
  timeoutMs?: number
  /** Streamed attempts: the wait for the first chunk (headers and first data). */
  firstByteTimeoutMs?: number
  /** Streamed attempts: the longest silence between two chunks. */
  idleTimeoutMs?: number
  /** Retries after the first attempt, for 429/5xx/network cuts. */
  maxRetries?: number
  /** Retries after a timed-out attempt (counted within maxRetries). */
  maxTimeoutRetries?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** A Retry-After longer than this is not waited for: the call fails with the wait in the message. */
  maxRetryAfterMs?: number
  /** 'auto': json_schema first, prompt-only JSON after the endpoint rejected it once. */
  structuredOutput?: 'auto' | StructuredMode
  temperature?: number
  /** Injected in tests to observe backoff without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /**
   * The clock behind the attempt's timeouts (total, first byte, idle). Injected in tests, which then decide when a
   * wait has lasted too long instead of racing real milliseconds against a loaded machine.
   */
  timers?: AttemptTimers
}

export interface AttemptTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const SYSTEM_TIMERS: AttemptTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
}

const DEFAULTS = {
  timeoutMs: 180_000,
  firstByteTimeoutMs: 60_000,
  idleTimeoutMs: 45_000,
  maxRetries: 3,
  maxTimeoutRetries: 1,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  temperature: 0.3,
} as const

/** The client for the configured endpoint; a UserError when none is configured. */
export function chatClientFromConfig(config: Pick<AppConfig, 'llm'>, options: ChatClientOptions = {}): ChatClient {
  if (!config.llm) throw llmError('llm_not_configured', llmMessages.notConfigured, 400)
  return createChatClient(config.llm, options)
}

export function createChatClient(llm: NonNullable<AppConfig['llm']>, options: ChatClientOptions = {}): ChatClient {
  return new OpenAIChatClient(llm, options)
}

type Failure =
  | { kind: 'rate-limited' | 'server' | 'timeout' | 'malformed' | 'cut'; status?: number; retryAfterMs?: number; wait?: TimeoutKind }
  | { kind: 'unsupported'; param: OptionalParam }
  | { kind: 'final'; error: UserError }

/**
 * Request parameters some models refuse with a 400 (reasoning models take no `temperature` and want
 * `max_completion_tokens`; some compatible servers reject one or the other). Refused once, they are left out for good.
 */
type OptionalParam = 'temperature' | 'max_tokens'
const OPTIONAL_PARAMS: readonly OptionalParam[] = ['max_tokens', 'temperature']

type TimeoutKind = 'total' | 'first-byte' | 'idle'

/** Thrown by an attempt that our own timer aborted. */
class AttemptTimeout extends Error {
  constructor(readonly wait: TimeoutKind) {
    super(`attempt timed out (${wait})`)
  }
}

/** A stream that ended before its finish_reason: the connection was cut by a proxy or the server. */
class CutStream extends Error {}

// Connection errors that mean nothing listens at the address (a wrong OPENAI_BASE_URL, a stopped service): final,
// and what `auto` mode falls back on. Every other network error (a reset, a body cut short) is worth a retry.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
const CUT_MESSAGE = /terminated|other side closed|socket hang up|ECONNRESET|EPIPE|premature close|aborted/i

/** The error codes along an error's cause chain (undici nests them: TypeError: fetch failed → cause → code). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
    current = (current as { cause?: unknown }).cause
  }
  return codes
}

function errorMessages(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const message = (current as { message?: unknown }).message
    if (typeof message === 'string') parts.push(message)
    current = (current as { cause?: unknown }).cause
  }
  return parts.join(' / ')
}

class OpenAIChatClient implements ChatClient {
  readonly model: string
  readonly baseURL: string
  private readonly sdk: OpenAI
  private readonly settings: Required<Omit<ChatClientOptions, 'sleep' | 'structuredOutput' | 'timers'>>
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly timers: AttemptTimers
  /** Learnt from the endpoint: false after it rejected a json_schema request. */
  private jsonSchemaSupported: boolean
  /** Learnt from the endpoint: parameters it refused. */
  private readonly refused = new Set<OptionalParam>()

  constructor(llm: NonNullable<AppConfig['llm']>, options: ChatClientOptions) {
    this.model = llm.model
    // The SDK's own retries are off: the loop below owns retries, backoff and the messages.
    this.sdk = new OpenAI({ apiKey: llm.apiKey, ...(llm.baseURL ? { baseURL: llm.baseURL } : {}), maxRetries: 0 })
    this.baseURL = this.sdk.baseURL
    this.settings = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? Math.min(DEFAULTS.firstByteTimeoutMs, options.timeoutMs ?? Infinity),
      idleTimeoutMs: options.idleTimeoutMs ?? Math.min(DEFAULTS.idleTimeoutMs, options.timeoutMs ?? Infinity),
      maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
      maxTimeoutRetries: options.maxTimeoutRetries ?? DEFAULTS.maxTimeoutRetries,
      baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
      temperature: options.temperature ?? DEFAULTS.temperature,
    }
    this.sleep = options.sleep ?? abortableSleep
    this.timers = options.timers ?? SYSTEM_TIMERS
    this.jsonSchemaSupported = options.structuredOutput !== 'prompt'
  }

  async complete(messages: readonly ChatMessage[], options: ChatCallOptions = {}): Promise<ChatAnswer> {
    return this.send(messages, options, undefined)
  }

  async structured<T>(messages: readonly ChatMessage[], schema: z.ZodType<T>, options: StructuredCallOptions): Promise<StructuredAnswer<T>> {
    // Endpoints that silently ignore response_format still get told, in words, what to answer.
    const asked = appendToLastUser(messages, renderPrompt('json-output', { shape: options.shape }))
    let mode: StructuredMode = this.jsonSchemaSupported ? 'json_schema' : 'prompt'
    let first: ChatAnswer
    if (mode === 'json_schema') {
      try {
        first = await this.send(asked, options, zodResponseFormat(schema as z.ZodType<T> & { _zod: { output: T } }, options.name))
      } catch (error) {
        if (!(error instanceof UserError && error.code === 'llm_bad_request')) throw error
        // PITFALLS: some compatible endpoints reject json_schema; the prompt already asks for JSON.
        this.jsonSchemaSupported = false
        mode = 'prompt'
        first = await this.send(asked, options, undefined)
      }
    } else {
      first = await this.send(asked, options, undefined)
    }

    const parsed = parseStructured(first, schema)
    if (parsed.ok) return { value: parsed.value, usage: first.usage, mode, corrected: false }

    // One corrective retry: the model sees its answer and what was wrong with it.
    const retryMessages: ChatMessage[] = [
      ...asked,
      { role: 'assistant', content: first.text },
      { role: 'user', content: renderPrompt('json-retry', { reason: parsed.reason, shape: options.shape }) },
    ]
    const retryOptions = { ...options, label: `${options.label ?? options.name}:json-retry` }
    const second = await this.send(retryMessages, retryOptions, mode === 'json_schema' ? zodResponseFormat(schema as z.ZodType<T> & { _zod: { output: T } }, options.name) : undefined)
    const usage = sumUsage(first.usage, second.usage)
    const reparsed = parseStructured(second, schema)
    if (reparsed.ok) return { value: reparsed.value, usage, mode, corrected: true }
    throw llmError('llm_bad_output', llmMessages.badOutput(reparsed.reason))
  }

  /** One logical call: attempts with backoff until an answer or a final error. */
  private async send(messages: readonly ChatMessage[], options: ChatCallOptions, responseFormat: unknown): Promise<ChatAnswer> {
    const { maxRetries, maxTimeoutRetries } = this.settings
    let timeouts = 0
    for (let attempt = 1; ; attempt++) {
      const started = Date.now()
      try {
        const answer = await this.attempt(messages, options, responseFormat)
        options.meter?.record({ ...answer.usage, label: options.label ?? 'chat', model: this.model, ms: Date.now() - started })
        return answer
      } catch (error) {
        const failure = this.classify(error, options.signal, this.sentParams(options))
        if (failure.kind === 'final') throw failure.error
        if (failure.kind === 'unsupported') {
          // Not a retry: the same request without the refused parameter.
          this.refused.add(failure.param)
          attempt -= 1
          continue
        }
        const delay = failure.retryAfterMs ?? this.backoff(attempt)
        if (failure.kind === 'timeout') timeouts += 1
        if (attempt > maxRetries || timeouts > maxTimeoutRetries) throw this.exhausted(failure, attempt)
        if (failure.retryAfterMs !== undefined && failure.retryAfterMs > this.settings.maxRetryAfterMs) {
          throw llmError('llm_rate_limited', llmMessages.rateLimitedWait(Math.ceil(failure.retryAfterMs / 1000)), 429)
        }
        await this.sleep(delay, options.signal)
        if (options.signal?.aborted) throw llmError('llm_cancelled', llmMessages.cancelled, 400)
      }
    }
  }

  private async attempt(messages: readonly ChatMessage[], options: ChatCallOptions, responseFormat: unknown): Promise<ChatAnswer> {
    const controller = new AbortController()
    let timedOut: TimeoutKind | undefined
    const streamed = options.onDelta !== undefined
    // The whole attempt is capped; a streamed one also may not wait long for its first chunk or between chunks.
    const timers = this.timers
    const total = timers.setTimeout(() => {
      timedOut ??= 'total'
      controller.abort()
    }, this.settings.timeoutMs)
    let silence: unknown
    const arm = (wait: TimeoutKind, ms: number) => {
      timers.clearTimeout(silence)
      silence = timers.setTimeout(() => {
        timedOut ??= wait
        controller.abort()
      }, ms)
    }
    if (streamed) arm('first-byte', this.settings.firstByteTimeoutMs)
    const onAbort = () => controller.abort()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const body = {
      model: this.model,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      ...(this.refused.has('temperature') ? {} : { temperature: options.temperature ?? this.settings.temperature }),
      ...(options.maxTokens !== undefined && !this.refused.has('max_tokens') ? { max_tokens: options.maxTokens } : {}),
      ...(responseFormat !== undefined ? { response_format: responseFormat as OpenAI.ResponseFormatJSONSchema } : {}),
    }
    const requestOptions = { signal: controller.signal, maxRetries: 0, timeout: this.settings.timeoutMs + 1_000 }
    try {
      if (options.onDelta) return await this.streamed(body, requestOptions, messages, options.onDelta, () => arm('idle', this.settings.idleTimeoutMs))
      const completion = await this.sdk.chat.completions.create({ ...body, stream: false }, requestOptions)
      const choice = completion.choices?.[0]
      if (!choice) throw new SyntaxError('no choices in the answer')
      const text = answerText(choice.message)
      return { text, finishReason: choice.finish_reason ?? null, usage: usageOf(completion.usage, messages, text) }
    } catch (error) {
      if (timedOut) throw new AttemptTimeout(timedOut)
      throw error
    } finally {
      timers.clearTimeout(total)
      timers.clearTimeout(silence)
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  private async streamed(
    body: OpenAI.ChatCompletionCreateParamsNonStreaming,
    requestOptions: { signal: AbortSignal; maxRetries: number; timeout: number },
    messages: readonly ChatMessage[],
    onDelta: (delta: string, soFar: string) => void,
    alive: () => void,
  ): Promise<ChatAnswer> {
    const stream = await this.sdk.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, requestOptions)
    let chunks = 0
    let text = ''
    let toolArguments = ''
    let finishReason: string | null = null
    let usage: OpenAI.CompletionUsage | undefined
    for await (const chunk of stream) {
      // Any chunk (reasoning, role, usage) shows the endpoint is alive.
      alive()
      chunks += 1
      if (chunk.usage) usage = chunk.usage
      const choice = chunk.choices?.[0]
      if (!choice) continue
      const delta = choice.delta?.content ?? ''
      for (const call of choice.delta?.tool_calls ?? []) toolArguments += call.function?.arguments ?? ''
      if (choice.finish_reason) finishReason = choice.finish_reason
      if (delta) {
        text += delta
        onDelta(delta, text)
      }
    }
    const answer = text || toolArguments
    // A stream that stops without saying why was cut on the way (a proxy's idle limit, a restarted server).
    if (finishReason === null && usage === undefined) throw new CutStream(`stream ended after ${chunks} chunks without finish_reason`)
    return { text: answer, finishReason, usage: usageOf(usage, messages, answer) }
  }

  private sentParams(options: ChatCallOptions): OptionalParam[] {
    return OPTIONAL_PARAMS.filter((p) => !this.refused.has(p) && (p === 'temperature' || options.maxTokens !== undefined))
  }

  private classify(error: unknown, signal: AbortSignal | undefined, sent: readonly OptionalParam[]): Failure {
    if (error instanceof UserError) return { kind: 'final', error }
    if (signal?.aborted) return { kind: 'final', error: llmError('llm_cancelled', llmMessages.cancelled, 400) }
    if (error instanceof AttemptTimeout) return { kind: 'timeout', wait: error.wait }
    if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout', wait: 'total' }
    if (error instanceof CutStream) return { kind: 'cut' }
    if (error instanceof OpenAI.APIConnectionError) {
      if (errorCodes(error).some((code) => UNREACHABLE_CODES.has(code))) {
        return { kind: 'final', error: llmError('llm_unreachable', llmMessages.unreachable(this.baseURL)) }
      }
      return { kind: 'cut' }
    }
    if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
      const status = error.status
      const detail = upstreamDetail(upstreamMessage(error))
      if (status === 429) return { kind: 'rate-limited', status, ...retryAfter(error.headers) }
      if (status >= 500 || status === 408) return { kind: 'server', status, ...retryAfter(error.headers) }
      if (status === 401) return { kind: 'final', error: llmError('llm_unauthorized', llmMessages.unauthorized(detail)) }
      if (status === 403) return { kind: 'final', error: llmError('llm_forbidden', llmMessages.forbidden(this.model, detail)) }
      if (status === 404) return { kind: 'final', error: llmError('llm_model_not_found', llmMessages.modelNotFound(this.model)) }
      const refused = status === 400 ? sent.find((p) => (upstreamMessage(error) ?? '').includes(p)) : undefined
      if (refused) return { kind: 'unsupported', param: refused }
      return { kind: 'final', error: llmError('llm_bad_request', llmMessages.badRequest(status, detail)) }
    }
    // A 200 whose body is not JSON, or an answer without choices: a proxy hiccup more often than not.
    if (error instanceof SyntaxError) return { kind: 'malformed' }
    // A body or stream cut short surfaces as undici's TypeError: terminated (cause: other side closed).
    if (CUT_MESSAGE.test(errorMessages(error)) || errorCodes(error).some((code) => code.startsWith('UND_ERR') || code === 'ECONNRESET')) return { kind: 'cut' }
    return { kind: 'final', error: llmError('llm_error', llmMessages.unexpected(error instanceof Error ? error.message : String(error))) }
  }

  private exhausted(failure: Extract<Failure, { status?: number }>, attempts: number): UserError {
    switch (failure.kind) {
      case 'rate-limited':
        return llmError('llm_rate_limited', llmMessages.rateLimited(attempts), 429)
      case 'timeout': {
        const ms = failure.wait === 'first-byte' ? this.settings.firstByteTimeoutMs : failure.wait === 'idle' ? this.settings.idleTimeoutMs : this.settings.timeoutMs
        const seconds = Number((ms / 1000).toFixed(2))
        const message = failure.wait === 'first-byte' ? llmMessages.noAnswer(seconds, attempts) : failure.wait === 'idle' ? llmMessages.stalled(seconds, attempts) : llmMessages.timeout(seconds, attempts)
        return llmError('llm_timeout', message, TIMEOUT_STATUS)
      }
      case 'cut':
        return llmError('llm_connection_lost', llmMessages.connectionLost(attempts))
      case 'server':
        return llmError('llm_server_error', llmMessages.server(failure.status ?? 500, attempts))
      case 'malformed':
        return llmError('llm_bad_output', llmMessages.badOutput(llmMessages.emptyAnswer))
    }
  }

  /** 1 s, 2 s, 4 s … capped, with ±20 % jitter so parallel section calls do not retry in step. */
  private backoff(attempt: number): number {
    const base = Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** (attempt - 1))
    return Math.round(base * (0.8 + Math.random() * 0.4))
  }
}

function appendToLastUser(messages: readonly ChatMessage[], addition: string): ChatMessage[] {
  const out = messages.map((m) => ({ ...m }))
  const last = [...out].reverse().find((m) => m.role === 'user')
  if (last) last.content = `${last.content}\n\n${addition}`
  else out.push({ role: 'user', content: addition })
  return out
}

function parseStructured<T>(answer: ChatAnswer, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reason: string } {
  const truncated = answer.finishReason === 'length' ? '（回答因长度上限被截断，请写得更简短）' : ''
  // The first object that fits the schema: an example quoted before the answer ({"a":1}，正式回答：{…}) is passed over.
  const objects = jsonObjects(answer.text)
  let firstMismatch: z.ZodError | undefined
  for (let next = objects.next(); ; next = objects.next()) {
    if (next.done) {
      if (!firstMismatch) return { ok: false, reason: next.value.reason + truncated }
      break
    }
    const result = schema.safeParse(next.value.value)
    if (result.success) return { ok: true, value: result.data }
    firstMismatch ??= result.error
  }
  const issues = firstMismatch.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '（根）'}：${issue.message}`)
    .join('；')
  return { ok: false, reason: `JSON 字段不符合要求：${issues}${truncated}` }
}

function answerText(message: OpenAI.ChatCompletionMessage | undefined): string {
  if (!message) return ''
  if (message.content) return message.content
  // An endpoint that answers structured requests with a tool call: its arguments are the JSON.
  const call = message.tool_calls?.find((c) => c.type === 'function')
  return call && call.type === 'function' ? call.function.arguments : ''
}

function usageOf(usage: OpenAI.CompletionUsage | undefined | null, messages: readonly ChatMessage[], text: string): TokenUsage {
  if (usage && typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number') {
    return { calls: 1, promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, estimated: false }
  }
  return {
    calls: 1,
    promptTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0),
    completionTokens: estimateTokens(text),
    estimated: true,
  }
}

function sumUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    calls: a.calls + b.calls,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimated: a.estimated || b.estimated,
  }
}

function upstreamMessage(error: InstanceType<typeof OpenAI.APIError>): string | undefined {
  const inner = error.error as { message?: unknown } | undefined
  return typeof inner?.message === 'string' ? inner.message : error.message
}

/** Retry-After as seconds or an HTTP date, or retry-after-ms (OpenAI's own header). */
export function retryAfter(headers: Headers | undefined): { retryAfterMs?: number } {
  const ms = headers?.get('retry-after-ms')
  if (ms && Number.isFinite(Number(ms))) return { retryAfterMs: Math.max(0, Number(ms)) }
  const value = headers?.get('retry-after')
  if (!value) return {}
  if (/^\d+(\.\d+)?$/.test(value.trim())) return { retryAfterMs: Math.round(Number(value) * 1000) }
  const date = Date.parse(value)
  return Number.isNaN(date) ? {} : { retryAfterMs: Math.max(0, date - Date.now()) }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
