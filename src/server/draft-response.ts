import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { draftModeOf, draftReport, type DraftDeps, type DraftOutcome, type DraftRequest } from '../draft/draft-report.js'
import { UserError } from '../errors.js'
import type { JobRunner } from '../jobs/job-runner.js'

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
 * it first); a client that disconnects aborts the LLM calls through the signal. An offline draft is CPU work and runs
 * in a worker thread (`deps.jobs`); an LLM draft waits on the network and stays on the event loop.
 */
export async function respondWithDraft<T>(
  c: Context,
  request: Omit<DraftRequest, 'onProgress' | 'signal'>,
  deps: DraftDeps & { keepAliveMs?: number; jobs?: JobRunner },
  finish: (outcome: DraftOutcome) => Promise<T> | T,
  status: 200 | 201 = 200,
): Promise<Response> {
  const jobs = deps.jobs
  const offline = jobs && draftModeOf(request.mode, deps.config) === 'offline'
  const draftOffline = () =>
    jobs!.run('draft', { value: { park: request.park, ...(request.kindId ? { kind: request.kindId } : {}) } }, { signal: c.req.raw.signal })
  if (!wantsEventStream(c)) {
    // A JSON client that goes away cancels the model calls (or the worker's job) too: the request's own signal.
    return c.json(await finish(await (offline ? draftOffline() : draftReport({ ...request, signal: c.req.raw.signal }, deps))), status)
  }

  return streamSSE(c, async (stream) => {
    const abort = new AbortController()
    stream.onAbort(() => abort.abort())
    const keepAlive = setInterval(() => {
      if (!stream.aborted && !stream.closed) void stream.write(': 仍在撰写\n\n').catch(() => abort.abort())
    }, deps.keepAliveMs ?? KEEP_ALIVE_MS)
    try {
      const onProgress = (event: { type: string }) => void stream.writeSSE({ event: event.type, data: JSON.stringify(event) })
      const outcome = offline ? await draftOffline() : await draftReport({ ...request, signal: abort.signal, onProgress }, deps)
      // The worker composes and checks in one go: the page's "composed" step is announced when it is done.
      if (offline) onProgress({ type: 'composed', text: outcome.text } as { type: string })
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
