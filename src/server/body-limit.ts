import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { UserError } from '../errors.js'

/**
 * One body limit for every API request, counted in bytes actually received whatever the Content-Type says and
 * whether or not the body is chunked: a file upload route may take the upload limit, everything else (JSON) 5 MB.
 * Routes may set tighter limits of their own.
 */

/** Largest JSON request body: a 3000-字 draft is ~10 KB and a park with its materials well under 1 MB. */
export const MAX_JSON_BODY_BYTES = 5 * 1024 * 1024
/** Multipart framing adds a little to the file itself; the extractor enforces the exact file limit. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

const messages = {
  jsonTooLarge: '请求内容超过 5 MB 的大小限制。草稿正文应在 3000 字左右；园区材料过长时，请删去与报告无关的部分，或分多次上传。',
  uploadTooLarge: (mb: number) => `上传的文件超过 ${mb} MB 的大小限制。请删去文件中的图片或附件后另存，或把文件拆成几份分别上传。`,
}

/** Routes that take a file upload (multipart/form-data). */
const UPLOAD_ROUTES = [/^\/api\/documents$/, /^\/api\/parks\/import$/, /^\/api\/check(\/annotate)?$/, /^\/api\/parks\/[^/]+\/drafts\/upload$/, /^\/api\/parks\/[^/]+\/summary-table$/]

/**
 * A limit of `maxBytes` on the body, answered with `refusal` (a 413) as soon as the Content-Length says more or, for a
 * body without one, as soon as more has arrived. Nothing more of the body is kept. The connection is not cut at once:
 * a client still sending (fetch/undici does not read an answer before its body is sent) would get a broken pipe
 * instead of the Chinese message; @hono/node-server reads and drops the rest for at most 500 ms and 64 MB, then
 * closes the connection. (Measured: with an immediate close, a 60 MB text/plain upload through fetch ended in EPIPE.)
 */
export function limitBody(maxBytes: number, refusal: () => UserError): MiddlewareHandler {
  const counted = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw refusal()
    },
  })
  return (c, next) => {
    // A body with a Content-Length (and no Transfer-Encoding) is judged by that header, as bodyLimit itself does: Node's
    // parser never reads past it. Asking here rather than through bodyLimit keeps `c.req.raw.body` untouched, which
    // would make @hono/node-server build a full Request with a web stream of the body: the route then read the body
    // through that stream instead of its direct buffer, for every /api/check (twice limited, app-wide and per route).
    // A body over the limit still goes through bodyLimit: it reaches for `c.req.raw`, and only a request whose Request
    // was built has the rest of its body dropped for a bounded time and its connection closed by @hono/node-server;
    // refused without it, Node read a 200 MB body to its end (test/server/body-limit.test.ts).
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && Number.parseInt(length, 10) <= maxBytes) return next()
    return counted(c, next)
  }
}

export function requestBodyLimit(maxUploadBytes: number): MiddlewareHandler {
  const json = limitBody(MAX_JSON_BODY_BYTES, () => new UserError('body_too_large', messages.jsonTooLarge, 413))
  const upload = limitBody(
    Math.max(maxUploadBytes, MAX_JSON_BODY_BYTES) + MULTIPART_OVERHEAD_BYTES,
    () => new UserError('file_too_large', messages.uploadTooLarge(Math.round(maxUploadBytes / 1024 / 1024)), 413),
  )
  return (c, next) => {
    const isUpload = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data') && UPLOAD_ROUTES.some((route) => route.test(c.req.path))
    return (isUpload ? upload : json)(c, next)
  }
}
