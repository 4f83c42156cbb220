// The HTTP baseline of `npm run bench`: a bare Hono route on @hono/node-server that parses the same JSON body as
// /api/check and answers a small JSON object — the ceiling the framework allows on this machine. Plain JavaScript,
// run in its own process; prints its port on the first line.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.post('/api/check', async (c) => {
  const body = await c.req.json()
  return c.json({ ok: true, length: typeof body.text === 'string' ? body.text.length : 0 })
})
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port))
