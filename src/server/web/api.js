// The JSON API, with the access token (AUTH_TOKEN) a person enters once and the page keeps in localStorage.

const TOKEN_KEY = 'park-report:token'

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `请求失败（${status}）`)
    this.status = status
    this.code = body?.error?.code ?? `http_${status}`
    this.issues = body?.error?.issues ?? []
  }
}

let onUnauthorized = () => {}
/** Called on every 401, e.g. to ask for the token. */
export function whenUnauthorized(fn) {
  onUnauthorized = fn
}

export const getToken = () => window.localStorage.getItem(TOKEN_KEY) ?? ''
export function setToken(token) {
  if (token) window.localStorage.setItem(TOKEN_KEY, token)
  else window.localStorage.removeItem(TOKEN_KEY)
}

function headersWith(extra = {}) {
  const token = getToken()
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra
}

const NETWORK_ERROR = '无法连接园区报告助手服务，请确认程序仍在运行后重试。您的输入仍保留在页面上。'
const CANCELLED = '已取消。'

/** The error of a request the person cancelled (an AbortController's signal): code 'cancelled'. */
const cancelled = () => new ApiError(0, { error: { code: 'cancelled', message: CANCELLED } })
const isAbort = (error) => error?.name === 'AbortError'

async function send(path, options = {}) {
  let response
  try {
    response = await fetch(path, { ...options, headers: headersWith(options.headers) })
  } catch (error) {
    if (isAbort(error)) throw cancelled()
    throw new ApiError(0, { error: { code: 'network', message: NETWORK_ERROR } })
  }
  if (response.ok) return response
  const body = await response.json().catch(() => undefined)
  const error = new ApiError(response.status, body)
  if (response.status === 401) onUnauthorized(error)
  throw error
}

/** GET/POST/PUT/DELETE JSON; answers the parsed body (undefined for 204). */
export async function api(path, { method = 'GET', body, form, signal } = {}) {
  const options = signal ? { method, signal } : { method }
  if (form) options.body = form
  else if (body !== undefined) {
    options.body = JSON.stringify(body)
    options.headers = { 'content-type': 'application/json' }
  }
  const response = await send(path, options)
  if (response.status === 204) return undefined
  return response.json()
}

/** A file answer (a .docx or .xlsx) as a Blob with the file name from Content-Disposition; `form` posts a FormData. */
export async function download(path, { method = 'GET', body, form } = {}) {
  const options = { method }
  if (form) options.body = form
  else if (body !== undefined) {
    options.body = JSON.stringify(body)
    options.headers = { 'content-type': 'application/json' }
  }
  const response = await send(path, options)
  const disposition = response.headers.get('content-disposition') ?? ''
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1]
  let fileName = plain ?? 'download'
  try {
    if (encoded) fileName = decodeURIComponent(encoded)
  } catch {
    // keep the ASCII name
  }
  // X-Export-Warnings: percent-encoded messages joined by commas (an HTTP header holds only ASCII).
  const warnings = (response.headers.get('x-export-warnings') ?? '').split(',').filter(Boolean).map((w) => {
    try {
      return decodeURIComponent(w)
    } catch {
      return ''
    }
  }).filter(Boolean)
  return { blob: await response.blob(), fileName, warnings }
}

/**
 * POST with `Accept: text/event-stream`: calls onEvent(name, data) for each SSE message and answers the data of
 * the `result` event; an `error` event becomes an ApiError.
 */
export async function postStream(path, body, onEvent, { signal } = {}) {
  const response = await send(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    ...(signal ? { signal } : {}),
  })
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response.json()
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let result
  for (;;) {
    let chunk
    try {
      chunk = await reader.read()
    } catch (error) {
      if (isAbort(error)) throw cancelled()
      throw new ApiError(0, { error: { code: 'stream_ended', message: '连接中断，初稿没有生成完成，请重试。' } })
    }
    const { value, done } = chunk
    if (value) buffer += decoder.decode(value, { stream: true })
    let boundary
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary)
      buffer = buffer.slice(boundary + 2)
      let event = 'message'
      const data = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim()
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
      }
      if (!data.length) continue
      const parsed = JSON.parse(data.join('\n'))
      if (event === 'error') throw new ApiError(422, parsed)
      if (event === 'result') result = parsed
      else onEvent(event, parsed)
    }
    if (done) break
  }
  if (!result) throw new ApiError(0, { error: { code: 'stream_ended', message: '连接中断，初稿没有生成完成，请重试。' } })
  return result
}
