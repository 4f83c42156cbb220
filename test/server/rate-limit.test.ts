import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { errorResponse } from '../../src/server/errors.js'
import { rateLimit } from '../../src/server/rate-limit.js'

/**
 * The per-client rate limit: a token bucket per client address, 429 with Retry-After once it is empty. Behind a
 * trusted proxy the address comes from the proxy's entry in X-Forwarded-For; without one the header is not read.
 */

/** An app with the limit and one check route; each request comes from `peer` as node-server's socket would say. */
function appWith(limit: Parameters<typeof rateLimit>[0]) {
  const app = new Hono()
  app.onError(errorResponse)
  app.use('/api/*', rateLimit(limit, () => 0))
  app.post('/api/check', (c) => c.json({ ok: true }))
  return (peer: string, forwardedFor?: string) =>
    app.request('/api/check', { method: 'POST', headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }, { incoming: { socket: { remoteAddress: peer } } })
}

const statuses = async (requests: (() => Response | Promise<Response>)[]) => {
  const answered: number[] = []
  for (const request of requests) answered.push((await request()).status)
  return answered
}

describe('rateLimit', () => {
  it('answers 429 with Retry-After and a Chinese message once a client has spent its burst', async () => {
    const send = appWith({ perMinute: 60, burst: 2 })
    expect(await statuses([() => send('10.0.0.5'), () => send('10.0.0.5')])).toEqual([200, 200])
    const refused = await send('10.0.0.5')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: '请求过于频繁，请等待 1 秒后再试。如果需要批量检查，请逐份提交、等上一份完成后再提交下一份。' },
    })
    // Another address has its own bucket.
    expect((await send('10.0.0.6')).status).toBe(200)
  })

  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot name itself someone else', async () => {
    const send = appWith({ perMinute: 60, burst: 2 })
    expect(await statuses([1, 2, 3].map((i) => () => send('203.0.113.9', `198.51.100.${i}`)))).toEqual([200, 200, 429])
  })

  it('behind one trusted proxy counts the address the proxy wrote, whatever the client put before it', async () => {
    const send = appWith({ perMinute: 60, burst: 2, trustedProxies: 1 })
    // Two people behind the same proxy (its address is the peer of every request) have a bucket each.
    expect(await statuses([() => send('127.0.0.1', '198.51.100.1'), () => send('127.0.0.1', '198.51.100.1'), () => send('127.0.0.1', '198.51.100.2')])).toEqual([200, 200, 200])
    // Forged entries to the left of the proxy's own do not help the first person.
    expect(await statuses([() => send('127.0.0.1', '1.1.1.1, 198.51.100.1'), () => send('127.0.0.1', '2.2.2.2,198.51.100.1')])).toEqual([429, 429])
    // A request without the header came past the proxy: it counts for its peer.
    expect((await send('192.0.2.7')).status).toBe(200)
  })
})
