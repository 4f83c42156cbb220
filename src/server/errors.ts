import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { RetryLaterError, UserError } from '../errors.js'

/** Every error leaves the API as JSON `{error: {code, message, …}}` with a Chinese message. */
export function errorResponse(error: Error, c: Context): Response {
  // A busy server or a client over its rate says when to come back (RFC 9110 §10.2.3).
  if (error instanceof RetryLaterError) c.header('Retry-After', String(error.retryAfterSeconds))
  if (error instanceof UserError) return c.json({ error: error.toJSON() }, error.status)
  if (error instanceof HTTPException) {
    const message =
      error.status === 413 ? "上传内容超过大小限制。" : error.status === 400 ? "请求内容格式不正确，请提交有效的 JSON。" : "请求无法处理。"
    return c.json({ error: { code: `http_${error.status}`, message } }, error.status)
  }
  console.error(error)
  return c.json({ error: { code: 'internal', message: '服务器内部错误，请稍后重试；如果问题持续，请联系管理员。' } }, 500)
}
