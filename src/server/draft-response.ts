import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { draftReport, type DraftDeps, type DraftOutcome, type DraftRequest } from '../draft/draft-report.js'
import { UserError } from '../errors.js'

const INTERNAL_ERROR = { code: 'internal', message: '生成初稿时出错，请稍后重试。' }

/**
 * How often an SSE draft sends a comment line while it waits on the model: proxies and browsers close a connection
 * silent for a minute or so, and a person should see the page is still working.
 */
export const KEEP_ALIVE_MS = 15_000

const wantsEventStream = (c: Context) => (c.req.header('accept') ?? '').includes('text/event-stream')

/**
 * Answers a draft request the way the client asked: one JSON body, or — with `Accept: text/event-stream` — each
 * progress event as an SSE message (named by its type), then `result` or `error`. An LLM draft takes tens of
 * seconds, so the web page streams; scripts take the JSON. `finish` turns the outcome into the answer (e.g. saves
 * it first); a client that disconnects aborts the LLM calls through the signal.
 */
export async function respondWithDraft<T>(
  c: Context,
  request: Omit<DraftRequest, 'onProgress' | 'signal'>,
  deps: DraftDeps & { keepAliveMs?: number },
  finish: (outcome: DraftOutcome) => Promise<T> | T,
  status: 200 | 201 = 200,
): Promise<Response> {
  if (!wantsEventStream(c)) {
    // A JSON client that goes away cancels the model calls too (the request's own signal).
    return c.json(await finish(await draftReport({ ...request, signal: c.req.raw.signal }, deps)), status)
  }

  return streamSSE(c, async (stream) => {
    const abort = new AbortController()
    stream.onAbort(() => abort.abort())
    const keepAlive = setInterval(() => {
      if (!stream.aborted && !stream.closed) void stream.write(': 仍在撰写\n\n').catch(() => abort.abort())
    }, deps.keepAliveMs ?? KEEP_ALIVE_MS)
    try {
      const outcome = await draftReport(
        { ...request, signal: abort.signal, onProgress: (event) => void stream.writeSSE({ event: event.type, data: JSON.stringify(event) }) },
        deps,
      )
      await stream.writeSSE({ event: 'result', data: JSON.stringify(await finish(outcome)) })
    } catch (error) {
      if (!(error instanceof UserError)) console.error(error)
      const body = error instanceof UserError ? error.toJSON() : INTERNAL_ERROR
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: body }) })
    } finally {
      clearInterval(keepAlive)
    }
  })
}
