import { connect } from 'node:net'
import type { Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { listen, REQUEST_TIMEOUTS } from '../../src/server/listen.js'

/** Like every route of the app, it reads the whole body before answering. */
const answer = async (request: Request) => {
  await request.text()
  return new Response('{"status":"ok"}', { headers: { 'content-type': 'application/json' } })
}

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

function start(timeouts = REQUEST_TIMEOUTS): Promise<number> {
  return new Promise((resolve) => {
    server = listen(answer, { port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port), timeouts)
  })
}

/** Sends `head` at once, then one byte of `trickle` every 50 ms; resolves with what the server wrote before closing. */
function slowClient(port: number, head: string, trickle: string): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now()
    let reply = ''
    let sent = 0
    let timer: NodeJS.Timeout | undefined
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head)
      timer = setInterval(() => {
        if (sent < trickle.length && socket.writable) socket.write(trickle[sent++]!)
      }, 50)
    })
    socket.on('data', (chunk) => (reply += String(chunk)))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ reply, closedAfterMs: performance.now() - started })
    })
  })
}

describe('the HTTP server’s request time limits', () => {
  it('are set on the created server: headers within 15 s, a whole request within 120 s, checked every 2 s', async () => {
    await start()
    expect([server!.headersTimeout, server!.requestTimeout]).toEqual([15_000, 120_000])
    // Node's own defaults, which the limits replace: 60 s and 300 s.
    expect(REQUEST_TIMEOUTS).toEqual({ headersTimeout: 15_000, requestTimeout: 120_000, connectionsCheckingInterval: 2_000 })
  })

  it('close a connection whose headers arrive a byte at a time (slowloris), with 408', async () => {
    const port = await start({ headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 })
    const { reply, closedAfterMs } = await slowClient(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: ' + 'a'.repeat(200))
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout')
    // Closed by the limit, long before the 200 trickled bytes (10 s) were sent.
    expect(closedAfterMs).toBeLessThan(5_000)
  })

  it('close a connection whose body arrives a byte at a time, with 408', async () => {
    const port = await start({ headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 })
    const head = 'POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n'
    const { reply, closedAfterMs } = await slowClient(port, head, '{"text":"' + '园'.repeat(190))
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout')
    expect(closedAfterMs).toBeLessThan(5_000)
  })

  it('answer the 408 with a JSON body in Chinese, like every other refusal', async () => {
    const port = await start({ headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 })
    const { reply } = await slowClient(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: ' + 'a'.repeat(200))
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'request_timeout', message: '请求在规定时间内没有发送完，连接已关闭：请检查网络后重新提交。' },
    })
  })

  it('leave a request that arrives in time alone', async () => {
    const port = await start({ headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 })
    const response = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect([response.status, await response.text()]).toEqual([200, '{"status":"ok"}'])
  })
})

describe('requests Node refuses before the app sees them', () => {
  it('headers over 16 KB (a long cookie): 431 with a JSON body that says what to do', async () => {
    const port = await start()
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { cookie: 'a'.repeat(20_000) } })
    expect([response.status, response.headers.get('content-type'), await response.json()]).toEqual([
      431,
      'application/json; charset=utf-8',
      { error: { code: 'headers_too_large', message: '请求头过长（通常是网址或浏览器保存的 Cookie 过长）：请清除本站的 Cookie 后重试，或缩短网址。' } },
    ])
  })

  it('bytes that are not HTTP: 400 with a JSON body', async () => {
    const port = await start()
    const { reply } = await slowClient(port, 'HELLO\r\n\r\n', '')
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad_request', message: '请求格式不正确，服务器无法读取：请刷新页面后重试。' },
    })
  })
})
