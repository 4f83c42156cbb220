import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A scripted OpenAI-compatible server for tests: node:http on 127.0.0.1, a random port, no network beyond the
 * loopback. It answers `POST /v1/chat/completions` (JSON, or SSE `data: {…}` chunks ending in `data: [DONE]` when
 * the request says `stream: true`) and `POST /v1/embeddings`, from a script: a queue of steps consumed in order,
 * or handlers that look at the request and decide. Every request is recorded (messages, response_format, …) so a
 * test can assert what the client sent.
 *
 * Token usage is what a test can predict: every message costs its length in characters (Unicode code points) plus
 * MESSAGE_OVERHEAD_TOKENS, a completion costs its length in characters. Chinese prose runs close to one token per
 * character in current tokenizers, so the figures are of the right order for the bench.
 */

export const MESSAGE_OVERHEAD_TOKENS = 4

export interface ScriptedMessage {
  role: string
  content: string
}

export interface RecordedRequest {
  /** Order of arrival, from 0. */
  index: number
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: Record<string, unknown> | undefined
  messages: ScriptedMessage[]
  /** Every message's content, joined by blank lines: what `includes` assertions read. */
  text: string
  model: string | undefined
  stream: boolean
  responseFormat: unknown
  tools: unknown
  /** Embeddings input, as a list. */
  input: string[]
  /** Whether the client went away before the answer (a timeout on its side). */
  aborted: boolean
}

export interface ToolCallStep {
  name: string
  arguments: string
}

/** One answer of the script. */
export type ScriptStep =
  | {
      /** The assistant message content; `json` is stringified into it. */
      content?: string
      json?: unknown
      toolCalls?: ToolCallStep[]
      finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter'
      /** Wait this long before answering (a slow model; longer than the client's timeout = a timeout). */
      delayMs?: number
      /** Overrides the computed usage; `null` leaves usage out of the answer. */
      usage?: { prompt_tokens: number; completion_tokens: number } | null
      /** Characters per SSE chunk when streaming (default 8). */
      chunkChars?: number
      /** Wait between SSE chunks. */
      chunkDelayMs?: number
      /**
       * A network cut part-way: this share (0–1) of the answer is sent, then the socket is destroyed — a truncated
       * body (the full content-length was announced) or, when streaming, a stream cut mid-answer.
       */
      cutAt?: number
      /** Streaming only: the stream ends cleanly after this share of the answer, with no finish_reason and no [DONE]. */
      endAt?: number
      /** Streaming only: after this share of the answer the stream falls silent, the connection open, until the client leaves. */
      stallAt?: number
      /** Streaming only: awaited before each content chunk (0, 1, …) is sent, so a test can pace the stream itself. */
      beforeChunk?: (index: number) => Promise<void>
    }
  | {
      /** An HTTP error with an OpenAI-style body `{error: {message, type, code}}`. */
      status: number
      message?: string
      type?: string
      code?: string | null
      headers?: Record<string, string>
      delayMs?: number
    }
  | {
      /** A 200 answer whose body is this text, verbatim (malformed JSON at the HTTP level). */
      rawBody: string
      contentType?: string
      delayMs?: number
    }
  | {
      /** Close the connection without answering. */
      destroy: true
      delayMs?: number
    }

export type ScriptHandler = (request: RecordedRequest) => ScriptStep | Promise<ScriptStep>
export type ScriptEntry = ScriptStep | ScriptHandler

export interface ScriptedServerOptions {
  /** Chat steps, consumed in order. */
  script?: ScriptEntry[]
  /** Answers a chat request when the queue is empty; without it an empty queue answers 500 “script exhausted”. */
  fallback?: ScriptHandler
  /** Embeddings steps; when empty, deterministic vectors of `embeddingDimensions` are returned. */
  embeddings?: ScriptEntry[]
  embeddingDimensions?: number
  /** When set, a request with another bearer token is answered 401 like api.openai.com does. */
  apiKey?: string
  /** When set, a request for another model is answered 404 model_not_found. */
  models?: string[]
}

export interface ScriptedLlmServer {
  /** Base URL including /v1, as OPENAI_BASE_URL expects it. */
  baseURL: string
  port: number
  requests: RecordedRequest[]
  /** Chat-completion requests only. */
  chatRequests(): RecordedRequest[]
  push(...entries: ScriptEntry[]): void
  /** Steps still queued. */
  pending(): number
  /** AppConfig.llm for a client pointed at this server. */
  llmConfig(model?: string): { apiKey: string; baseURL: string; model: string }
  close(): Promise<void>
}

export const DEFAULT_TEST_KEY = 'sk-test-park-report'
export const DEFAULT_TEST_MODEL = 'scripted-model'

/** Token count of messages as this server reports it (see the file comment). */
export function scriptedPromptTokens(messages: readonly ScriptedMessage[]): number {
  return messages.reduce((sum, message) => sum + codePoints(message.content) + MESSAGE_OVERHEAD_TOKENS, 0)
}

export function scriptedCompletionTokens(text: string): number {
  return codePoints(text)
}

const codePoints = (text: string) => [...text].length

/** A script step that also tells the test when the server has read the request. */
export function arriving(step: ScriptStep): { entry: () => ScriptStep; arrived: Promise<void> } {
  let signal!: () => void
  const arrived = new Promise<void>((resolve) => (signal = resolve))
  return {
    entry: () => {
      signal()
      return step
    },
    arrived,
  }
}

export async function startScriptedLlmServer(options: ScriptedServerOptions = {}): Promise<ScriptedLlmServer> {
  const queue: ScriptEntry[] = [...(options.script ?? [])]
  const embeddingQueue: ScriptEntry[] = [...(options.embeddings ?? [])]
  const requests: RecordedRequest[] = []
  const sockets = new Set<import('node:net').Socket>()

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`scripted server failure: ${String(error)}`, 'server_error', null))
      else res.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req)
    const record = recordOf(requests.length, req, raw)
    requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true
    })

    const path = record.path.replace(/\?.*$/, '')
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, errorBody('Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key'))
    }
    if (options.models && record.model !== undefined && !options.models.includes(record.model)) {
      return sendJson(res, 404, errorBody(`The model \`${record.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'))
    }

    if (path.endsWith('/chat/completions')) {
      const entry = queue.shift()
      const step = entry === undefined ? await (options.fallback?.(record) ?? exhausted()) : await resolve(entry, record)
      return answerChat(res, record, step)
    }
    if (path.endsWith('/embeddings')) {
      const entry = embeddingQueue.shift()
      if (entry !== undefined) return answerEmbeddings(res, record, await resolve(entry, record), options.embeddingDimensions ?? 8)
      return sendJson(res, 200, embeddingsBody(record, options.embeddingDimensions ?? 8))
    }
    return sendJson(res, 404, errorBody(`Unknown path ${path}`, 'invalid_request_error', 'unknown_url'))
  }

  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen))
  const port = (server.address() as AddressInfo).port
  const baseURL = `http://127.0.0.1:${port}/v1`

  return {
    baseURL,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path.includes('/chat/completions')),
    push: (...entries) => void queue.push(...entries),
    pending: () => queue.length,
    llmConfig: (model = DEFAULT_TEST_MODEL) => ({ apiKey: options.apiKey ?? DEFAULT_TEST_KEY, baseURL, model }),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolveClose())
      }),
  }
}

function exhausted(): ScriptStep {
  return { status: 500, message: 'scripted server: the script is exhausted (no step left for this request)', type: 'server_error' }
}

async function resolve(entry: ScriptEntry, record: RecordedRequest): Promise<ScriptStep> {
  return typeof entry === 'function' ? entry(record) : entry
}

function recordOf(index: number, req: IncomingMessage, raw: string): RecordedRequest {
  let body: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>
  } catch {
    body = undefined
  }
  const messages = Array.isArray(body?.messages)
    ? (body.messages as { role?: unknown; content?: unknown }[]).map((m) => ({ role: String(m.role), content: contentText(m.content) }))
    : []
  const input = body?.input === undefined ? [] : Array.isArray(body.input) ? body.input.map(String) : [String(body.input)]
  return {
    index,
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: req.headers,
    body,
    messages,
    text: messages.map((m) => m.content).join('\n\n'),
    model: typeof body?.model === 'string' ? body.model : undefined,
    stream: body?.stream === true,
    responseFormat: body?.response_format,
    tools: body?.tools,
    input,
    aborted: false,
  }
}

/** Message content may be a string or a list of parts ({type: 'text', text}). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : '')).join('')
  return ''
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Waits, unless the client goes away first (then the answer is never written). */
function wait(ms: number | undefined, res: ServerResponse): Promise<boolean> {
  if (!ms) return Promise.resolve(true)
  return new Promise((resolveWait) => {
    const timer = setTimeout(() => {
      res.off('close', onClose)
      resolveWait(true)
    }, ms)
    const onClose = () => {
      clearTimeout(timer)
      resolveWait(false)
    }
    res.once('close', onClose)
  })
}

function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

async function answerChat(res: ServerResponse, record: RecordedRequest, step: ScriptStep): Promise<void> {
  if (!(await wait(step.delayMs, res))) return
  if ('destroy' in step) {
    res.socket?.destroy()
    return
  }
  if ('status' in step) {
    return sendJson(res, step.status, errorBody(step.message ?? `scripted error ${step.status}`, step.type ?? 'server_error', step.code ?? null), step.headers)
  }
  if ('rawBody' in step) {
    res.writeHead(200, { 'content-type': step.contentType ?? 'application/json' })
    res.end(step.rawBody)
    return
  }

  const content = step.json !== undefined ? JSON.stringify(step.json) : (step.content ?? (step.toolCalls ? null : ''))
  const toolCalls = step.toolCalls?.map((call, i) => ({ id: `call_${record.index}_${i}`, type: 'function', function: { name: call.name, arguments: call.arguments } }))
  const finishReason = step.finishReason ?? (toolCalls ? 'tool_calls' : 'stop')
  const completionText = (content ?? '') + (step.toolCalls?.map((c) => c.arguments).join('') ?? '')
  const usage =
    step.usage === null
      ? undefined
      : (() => {
          const counted = step.usage ?? { prompt_tokens: scriptedPromptTokens(record.messages), completion_tokens: scriptedCompletionTokens(completionText) }
          return { ...counted, total_tokens: counted.prompt_tokens + counted.completion_tokens }
        })()
  const id = `chatcmpl-scripted-${record.index}`
  const created = Math.floor(Date.now() / 1000)
  const model = record.model ?? DEFAULT_TEST_MODEL

  if (!record.stream) {
    if (step.cutAt !== undefined) {
      const text = JSON.stringify({ id, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }] })
      const bytes = Buffer.from(text, 'utf8')
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length })
      res.write(bytes.subarray(0, Math.floor(bytes.length * step.cutAt)))
      await new Promise((r) => setTimeout(r, 5))
      res.socket?.destroy()
      return
    }
    return sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}), refusal: null }, logprobs: null, finish_reason: finishReason }],
      ...(usage ? { usage } : {}),
    })
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`)
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    send({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })

  chunk({ role: 'assistant', content: '' }, null)
  const pieces = splitChars(content ?? '', step.chunkChars ?? 8)
  const stopAt = step.cutAt ?? step.endAt ?? step.stallAt
  const sent = stopAt === undefined ? pieces.length : Math.floor(pieces.length * stopAt)
  for (const [index, piece] of pieces.slice(0, sent).entries()) {
    await step.beforeChunk?.(index)
    if (!(await wait(step.chunkDelayMs, res))) return
    chunk({ content: piece }, null)
  }
  if (step.cutAt !== undefined) {
    await new Promise((r) => setTimeout(r, 5))
    res.socket?.destroy()
    return
  }
  if (step.endAt !== undefined) return void res.end()
  if (step.stallAt !== undefined) return void (await new Promise((resolveClose) => res.once('close', resolveClose)))
  toolCalls?.forEach((call, i) => chunk({ tool_calls: [{ index: i, id: call.id, type: 'function', function: call.function }] }, null))
  chunk({}, finishReason)
  const includeUsage = (record.body?.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
  if (usage && includeUsage) send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })
  res.write('data: [DONE]\n\n')
  res.end()
}

function splitChars(text: string, size: number): string[] {
  const chars = [...text]
  const out: string[] = []
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''))
  return out
}

async function answerEmbeddings(res: ServerResponse, record: RecordedRequest, step: ScriptStep, dimensions: number): Promise<void> {
  if (!(await wait(step.delayMs, res))) return
  if ('destroy' in step) return void res.socket?.destroy()
  if ('status' in step) {
    return sendJson(res, step.status, errorBody(step.message ?? `scripted error ${step.status}`, step.type ?? 'server_error', step.code ?? null), step.headers)
  }
  if ('rawBody' in step) {
    res.writeHead(200, { 'content-type': step.contentType ?? 'application/json' })
    return void res.end(step.rawBody)
  }
  if (step.json !== undefined) return sendJson(res, 200, step.json)
  return sendJson(res, 200, embeddingsBody(record, dimensions))
}

/** Deterministic vectors: character counts hashed into `dimensions` buckets. */
function embeddingsBody(record: RecordedRequest, dimensions: number) {
  const data = record.input.map((text, index) => {
    const vector = new Array<number>(dimensions).fill(0)
    for (const char of text) vector[char.codePointAt(0)! % dimensions]! += 1
    return { object: 'embedding', index, embedding: vector }
  })
  const tokens = record.input.reduce((sum, text) => sum + codePoints(text), 0)
  return { object: 'list', data, model: record.model ?? 'scripted-embeddings', usage: { prompt_tokens: tokens, total_tokens: tokens } }
}
