import { UserError } from '../errors.js'

/**
 * What can go wrong talking to the chat endpoint, as Chinese `UserError`s that say what to check (the variable to
 * fix, whether waiting helps). One table, so the web page, the CLI and the SSE stream say the same thing.
 *
 * HTTP status towards our own client: the upstream's 401/404 are not our caller's authentication or path
 * problems, so they must not leak as 401/404. A failing upstream is a bad gateway (502), a timed-out one a gateway
 * timeout (504): the client's request was fine, so no 4xx; an exhausted rate limit is passed on as 429.
 */
export const UPSTREAM_STATUS = 502 as const
export const TIMEOUT_STATUS = 504 as const

export const llmMessages = {
  notConfigured: '未配置大模型服务，无法用大模型起草或改写。请设置 OPENAI_API_KEY（本地服务可只设 OPENAI_BASE_URL）和 LLM_MODEL，或改用离线起草。',
  unreachable: (baseURL: string) => `无法连接大模型服务（${baseURL}）。请检查 OPENAI_BASE_URL 是否正确、服务是否已启动、网络是否可达。`,
  unauthorized: (detail: string) => `大模型服务拒绝了 API Key（HTTP 401）${detail}。请检查 OPENAI_API_KEY 是否正确、是否已过期或被停用。`,
  forbidden: (model: string, detail: string) => `大模型服务拒绝访问（HTTP 403）${detail}。请确认该 API Key 有权使用模型“${model}”。`,
  modelNotFound: (model: string) => `大模型服务找不到模型“${model}”（HTTP 404）。请检查 LLM_MODEL 的拼写，并确认该服务提供此模型。`,
  rateLimited: (attempts: number) =>
    `大模型服务繁忙或已达到调用频率上限（HTTP 429），共尝试${attempts}次仍未成功。请稍后再试，或提高账户的调用额度。`,
  rateLimitedWait: (seconds: number) => `大模型服务要求等待${seconds}秒后再调用（HTTP 429）。请稍后再试，或提高账户的调用额度。`,
  timeout: (seconds: number, attempts: number) =>
    `大模型服务在${seconds}秒内没有完成回答（共尝试${attempts}次）。请稍后重试，或换用响应更快的模型。`,
  noAnswer: (seconds: number, attempts: number) =>
    `大模型服务接受了请求，但在${seconds}秒内没有开始回答（共尝试${attempts}次）。服务可能过载或卡住，请稍后重试，或换用其他模型服务。`,
  stalled: (seconds: number, attempts: number) =>
    `大模型服务回答到一半停了下来，${seconds}秒内没有新内容（共尝试${attempts}次）。请稍后重试，或换用响应更稳定的模型服务。`,
  connectionLost: (attempts: number) =>
    `与大模型服务的连接在回答过程中被中断（共尝试${attempts}次仍未成功）。网络不稳定或服务过载时会这样，请稍后重试；服务本身已启动，无需修改 OPENAI_BASE_URL。`,
  server: (status: number, attempts: number) => `大模型服务内部出错（HTTP ${status}），共尝试${attempts}次仍未成功。请稍后再试。`,
  badRequest: (status: number, detail: string) => `大模型服务拒绝了请求（HTTP ${status}）${detail}。请检查 LLM_MODEL 是否为支持对话接口的模型。`,
  badOutput: (detail: string) => `大模型的回答不符合要求的格式（${detail}），纠正重试后仍不正确。请重试，或换用支持 JSON 输出的模型。`,
  emptyAnswer: '大模型返回了空回答。',
  degenerate: (reason: string) => `${reason}，提醒后重写仍然如此。请重试，或换用能力更强的模型。`,
  cancelled: '调用大模型的操作已取消。',
  unexpected: (detail: string) => `调用大模型服务时出错：${detail}`,
} as const

export type LlmErrorCode =
  | 'llm_not_configured'
  | 'llm_unreachable'
  | 'llm_unauthorized'
  | 'llm_forbidden'
  | 'llm_model_not_found'
  | 'llm_rate_limited'
  | 'llm_timeout'
  | 'llm_connection_lost'
  | 'llm_degenerate'
  | 'llm_server_error'
  | 'llm_bad_request'
  | 'llm_bad_output'
  | 'llm_cancelled'
  | 'llm_error'

/**
 * Errors after which no other call of the same task can succeed (the key, the model, the address, the request, a
 * cancel): the task stops at once and its calls in flight are cancelled. Any other failure concerns one call only.
 */
export const FATAL_LLM_CODES: ReadonlySet<string> = new Set<LlmErrorCode>([
  'llm_not_configured',
  'llm_unreachable',
  'llm_unauthorized',
  'llm_forbidden',
  'llm_model_not_found',
  'llm_bad_request',
  'llm_cancelled',
])

export function llmError(code: LlmErrorCode, message: string, status: 400 | 422 | 429 | 502 | 504 = UPSTREAM_STATUS): UserError {
  return new UserError(code, message, status)
}

/** The upstream's own explanation, shortened, for the message: “：Incorrect API key provided…”. */
export function upstreamDetail(message: string | undefined): string {
  const text = (message ?? '').replace(/\s+/g, ' ').trim()
  if (!text) return ''
  return `：${text.length > 160 ? `${text.slice(0, 160)}…` : text}`
}
