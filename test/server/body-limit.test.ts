import type { Server } from 'node:http'
import { connect } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { requestBodyLimit } from '../../src/server/body-limit.js'
import { errorResponse } from '../../src/server/errors.js'
import { listen } from '../../src/server/listen.js'

const MB = 1024 * 1024

/** The app's body limit in front of a route that reads its body, on a real socket. */
function start(): Promise<number> {
  const app = new Hono()
  app.onError(errorResponse)
  app.use('/api/*', requestBodyLimit(20 * MB))
  app.post('/api/check', async (c) => c.json({ length: (await c.req.text()).length }))
  return new Promise((resolve) => {
    server = listen(app.fetch, { port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
  })
}

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
})

/**
 * Announces a body of `declaredBytes` (or sends it chunked) and keeps writing 256 KB pieces of it until the server
 * closes the connection: what it answered, and how much of the body it had to take.
 */
function sendUntilClosed(port: number, head: string, framing: 'length' | 'chunked'): Promise<{ reply: string; sentBytes: number }> {
  return new Promise((resolve) => {
    const piece = Buffer.alloc(256 * 1024, 0x41)
    const frame = framing === 'chunked' ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece
    let reply = ''
    let sentBytes = 0
    let closed = false
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head)
      const pump = () => {
        // 60 MB at most: a server that reads it all has not stopped reading.
        while (!closed && sentBytes < 60 * MB) {
          sentBytes += piece.length
          if (!socket.write(frame)) return void socket.once('drain', pump)
        }
      }
      pump()
    })
    socket.on('data', (chunk) => (reply += String(chunk)))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      closed = true
      resolve({ reply, sentBytes })
    })
  })
}

describe('a body over the limit', () => {
  it('is answered 413 as soon as its Content-Length says so, and the connection is closed instead of read to its end', async () => {
    const port = await start()
    const head = `POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${60 * MB}\r\n\r\n`
    const { reply, sentBytes } = await sendUntilClosed(port, head, 'length')
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large')
    expect(reply.toLowerCase()).toContain('connection: close')
    expect(reply).toContain('"code":"body_too_large"')
    // What the kernel's buffers took before the close, far from the 60 MB announced.
    expect(sentBytes).toBeLessThan(30 * MB)
  })

  it('sent in chunks with no Content-Length, is refused once 5 MB have arrived, and the rest is not read', async () => {
    const port = await start()
    const head = 'POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
    const { reply, sentBytes } = await sendUntilClosed(port, head, 'chunked')
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large')
    expect(reply.toLowerCase()).toContain('connection: close')
    expect(sentBytes).toBeLessThan(30 * MB)
  })
})
