/**
 * HTTP load on 127.0.0.1 with autocannon: the real server (Hono on @hono/node-server), in-process, on a
 * random port; bounded by duration, so it always stops by itself.
 */
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'
import type { BenchRow } from './bench-kit.js'

export interface LoadTarget {
  name: string
  path: string
  method: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
}

export async function loadTest(app: Hono, target: LoadTarget, options = { connections: 8, durationSeconds: 5 }): Promise<BenchRow[]> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const rssBefore = process.memoryUsage().rss
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${target.path}`,
      method: target.method,
      ...(target.body ? { body: target.body } : {}),
      headers: { 'content-type': 'application/json', ...target.headers },
      connections: options.connections,
      duration: options.durationSeconds,
    })
    const failures = result.errors + result.timeouts + result.non2xx
    return [
      { name: `${target.name}: requests/s (${options.connections} connections)`, value: result.requests.average, unit: 'req/s' },
      { name: `${target.name}: latency p50`, value: result.latency.p50, unit: 'ms' },
      { name: `${target.name}: latency p99`, value: result.latency.p99, unit: 'ms' },
      { name: `${target.name}: errors + timeouts + non-2xx`, value: failures, unit: 'count', target: '0' },
      { name: `${target.name}: RSS growth during load`, value: (process.memoryUsage().rss - rssBefore) / 1024 / 1024, unit: 'MiB' },
    ]
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}
