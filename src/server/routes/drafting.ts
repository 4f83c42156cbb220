import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { AppConfig } from '../../config.js'
import type { PolicyCorpus } from '../../corpus/policy-corpus.js'
import { draftReport } from '../../draft/draft-report.js'
import { rewriteReport, type RewriteAction } from '../../draft/rewrite-report.js'
import { UserError } from '../../errors.js'
import { MAX_DRAFT_CHARS } from '../../model/load-draft.js'
import { requireValidPark } from '../../park/read-park.js'
import { parseRequest, readJsonBody } from '../validation.js'

const DraftRequestSchema = z.object({
  park: z.unknown(),
  kind: z.string().optional(),
  mode: z.enum(['auto', 'offline', 'llm']).default('auto'),
})

const RewriteRequestSchema = z
  .object({
    text: z.string().max(MAX_DRAFT_CHARS),
    format: z.enum(['text', 'markdown']).default('text'),
    section: z.string().max(200).optional(),
    instruction: z.string().trim().min(1).max(500).optional(),
    applyFixes: z.boolean().optional(),
    maxZishu: z.number().int().min(20).max(5000).optional(),
    kind: z.string().optional(),
    park: z.unknown().optional(),
  })
  .refine((r) => [r.instruction, r.applyFixes, r.maxZishu].filter((v) => v !== undefined && v !== false).length === 1, {
    message: '请只选择一种改写方式：instruction（按指令改写）、applyFixes（应用修改建议）或 maxZishu（压缩到指定字数）',
  })

const errorEvent = (error: unknown) =>
  error instanceof UserError ? error.toJSON() : { code: 'internal', message: '生成初稿时出错，请稍后重试。' }

/** POST /api/draft (JSON, or SSE progress with `Accept: text/event-stream`) and POST /api/rewrite. */
export function draftingRoutes(deps: { config: AppConfig; corpus: PolicyCorpus }) {
  const app = new Hono()

  app.post('/draft', async (c) => {
    const request = parseRequest(DraftRequestSchema, await readJsonBody(c))
    const park = requireValidPark(request.park)
    const draftRequest = { park, mode: request.mode, ...(request.kind ? { kindId: request.kind } : {}) }
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) return c.json(await draftReport(draftRequest, deps))

    // Long drafts stream: each progress event is one SSE message; the last is `done` (or `error`).
    return streamSSE(c, async (stream) => {
      const abort = new AbortController()
      stream.onAbort(() => abort.abort())
      try {
        const outcome = await draftReport(
          { ...draftRequest, signal: abort.signal, onProgress: (event) => void stream.writeSSE({ event: event.type, data: JSON.stringify(event) }) },
          deps,
        )
        await stream.writeSSE({ event: 'result', data: JSON.stringify(outcome) })
      } catch (error) {
        if (!(error instanceof UserError)) console.error(error)
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: errorEvent(error) }) })
      }
    })
  })

  app.post('/rewrite', async (c) => {
    const request = parseRequest(RewriteRequestSchema, await readJsonBody(c))
    const action: RewriteAction = request.instruction
      ? { instruction: request.instruction }
      : request.applyFixes
        ? { applyFixes: true }
        : { maxZishu: request.maxZishu! }
    const park = request.park === undefined ? undefined : requireValidPark(request.park)
    const outcome = await rewriteReport(
      {
        text: request.text,
        format: request.format,
        action,
        ...(request.section ? { path: request.section } : {}),
        ...(park ? { park } : {}),
        ...(request.kind ? { kindId: request.kind } : {}),
      },
      deps,
    )
    return c.json(outcome)
  })

  return app
}
