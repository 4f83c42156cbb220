import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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

export function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  address: { port: number; hostname: string },
  onListening: (info: AddressInfo) => void,
  timeouts: RequestTimeouts = REQUEST_TIMEOUTS,
): Server {
  // @hono/node-server creates a node:http server (no TLS or HTTP/2 options are passed), so this is that server.
  return serve({ fetch, port: address.port, hostname: address.hostname, serverOptions: timeouts }, onListening) as Server
}
