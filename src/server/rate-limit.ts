import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { RetryLaterError } from '../errors.js'

/**
 * A per-client rate limit on the routes that cost CPU: a token bucket per client address, each route taking as many
 * tokens as it costs, answered 429 with Retry-After when the bucket is empty. Cheap reads (lists, health, the page)
 * are free. Together with the worker pool's bounded queues it keeps one client from starving the others.
 */

export interface RateLimit {
  /** Tokens a client earns per minute (one check costs one). */
  perMinute: number
  /** Tokens a client may spend at once after being idle. */
  burst: number
  /** Reverse proxies in front of the server (TRUST_PROXY); 0: the client is the socket's peer. */
  trustedProxies?: number
}

const messages = {
  tooMany: (seconds: number) => `请求过于频繁，请等待 ${seconds} 秒后再试。如果需要批量检查，请逐份提交、等上一份完成后再提交下一份。`,
}

/** Cost of a request in tokens: heavy routes (a first draft, an export, an upload) cost more than a check. */
export function requestCost(method: string, path: string): number {
  if (method !== 'POST' && method !== 'PUT') return 0
  if (path === '/api/check' || path === '/api/retrieve') return 1
  if (path === '/api/rewrite' || path === '/api/export' || path === '/api/draft') return 5
  if (/^\/api\/parks\/[^/]+\/drafts$/.test(path)) return 5
  if (path === '/api/documents' || path === '/api/parks/import' || /^\/api\/parks\/[^/]+\/drafts\/upload$/.test(path)) return 10
  return 0
}

/** Most clients remembered; past it the ones idle longest (full buckets) are forgotten. */
const MAX_CLIENTS = 10_000

/**
 * The client's address, or undefined when the request did not come over a socket (an in-process test). Behind
 * `trustedProxies` proxies, each of which appends the address it received the request from to X-Forwarded-For, the
 * client is the entry the outermost proxy wrote: the `trustedProxies`-th from the right. Entries to its left were
 * sent by the client itself and may be forged; a request without the header came past the proxies (the peer).
 */
export function clientOf(c: Context, trustedProxies = 0): string | undefined {
  let peer: string | undefined
  try {
    peer = getConnInfo(c).remote.address
  } catch {
    peer = undefined
  }
  if (!trustedProxies) return peer
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return forwarded[forwarded.length - trustedProxies] ?? peer
}

export function rateLimit(limit: RateLimit, now: () => number = () => performance.now()): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const perMs = limit.perMinute / 60_000
  return async (c, next) => {
    const cost = requestCost(c.req.method, c.req.path)
    const client = cost ? clientOf(c, limit.trustedProxies) : undefined
    if (!cost || client === undefined) return next()
    const t = now()
    const bucket = buckets.get(client) ?? { tokens: limit.burst, at: t }
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (t - bucket.at) * perMs)
    bucket.at = t
    buckets.delete(client)
    buckets.set(client, bucket)
    if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value!)
    if (bucket.tokens < cost) {
      const seconds = Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000))
      throw new RetryLaterError('rate_limited', messages.tooMany(seconds), 429, seconds)
    }
    bucket.tokens -= cost
    return next()
  }
}
