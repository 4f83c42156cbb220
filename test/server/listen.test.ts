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

  it('leave a request that arrives in time alone', async () => {
    const port = await start({ headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 })
    const response = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect([response.status, await response.text()]).toEqual([200, '{"status":"ok"}'])
  })
})
