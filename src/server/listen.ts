import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { serve } from '@hono/node-server'

/**
 * The HTTP server itself, with the time limits that keep one client from holding a connection (and its memory) open.
 * A client that sends its headers or body a byte at a time (slowloris) could otherwise keep a connection for Node's
 * defaults of 60 s (headers) and 300 s (whole request). The largest upload (20 MB) arrives well within 120 s on any
 * real line; answers that stream for longer (drafts) are not bound by these, which cover the request only. Node checks
 * the limits on a timer (default every 30 s, so a 15 s limit could hold for 45 s): every 2 s keeps them close to their
 * stated values at the cost of a walk over the open connections.
 */
export interface RequestTimeouts {
  headersTimeout: number
  requestTimeout: number
  connectionsCheckingInterval: number
}

export const REQUEST_TIMEOUTS: RequestTimeouts = { headersTimeout: 15_000, requestTimeout: 120_000, connectionsCheckingInterval: 2_000 }

/**
 * A request Node refuses before the app sees it (headers over 16 KB, a request past its time limit, bytes that are not
 * HTTP) gets an empty answer from Node; here it gets the JSON error body every other refusal has, in Chinese.
 */
const CLIENT_ERRORS = {
  HPE_HEADER_OVERFLOW: { status: '431 Request Header Fields Too Large', code: 'headers_too_large', message: '请求头过长（通常是网址或浏览器保存的 Cookie 过长）：请清除本站的 Cookie 后重试，或缩短网址。' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: '408 Request Timeout', code: 'request_timeout', message: '请求在规定时间内没有发送完，连接已关闭：请检查网络后重新提交。' },
  other: { status: '400 Bad Request', code: 'bad_request', message: '请求格式不正确，服务器无法读取：请刷新页面后重试。' },
} as const

function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A connection the client already closed has nobody to read an answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const refusal = CLIENT_ERRORS[error.code as keyof typeof CLIENT_ERRORS] ?? CLIENT_ERRORS.other
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } })
  socket.end(
    `HTTP/1.1 ${refusal.status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

export function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  address: { port: number; hostname: string },
  onListening: (info: AddressInfo) => void,
  timeouts: RequestTimeouts = REQUEST_TIMEOUTS,
): Server {
  // @hono/node-server creates a node:http server (no TLS or HTTP/2 options are passed), so this is that server.
  const server = serve({ fetch, port: address.port, hostname: address.hostname, serverOptions: timeouts }, onListening) as Server
  server.on('clientError', answerClientError)
  return server
}
