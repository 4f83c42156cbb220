import { Hono } from 'hono'
import { z } from 'zod'
import type { AppConfig } from '../../config.js'
import type { PolicyCorpus } from '../../corpus/policy-corpus.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import { rewriteReport, type RewriteAction } from '../../draft/rewrite-report.js'
import { MAX_DRAFT_CHARS } from '../../model/load-draft.js'
import { requireValidPark } from '../../park/read-park.js'
import { respondWithDraft } from '../draft-response.js'
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

/** POST /api/draft (JSON, or SSE progress with `Accept: text/event-stream`) and POST /api/rewrite. */
export function draftingRoutes(deps: { config: AppConfig; corpus: PolicyCorpus; jobs: JobRunner }) {
  const app = new Hono()

  app.post('/draft', async (c) => {
    const request = parseRequest(DraftRequestSchema, await readJsonBody(c))
    const park = requireValidPark(request.park)
    const draftRequest = { park, mode: request.mode, ...(request.kind ? { kindId: request.kind } : {}) }
    return respondWithDraft(c, draftRequest, deps, (outcome) => outcome)
  })

  app.post('/rewrite', async (c) => {
    const request = parseRequest(RewriteRequestSchema, await readJsonBody(c))
    if (!request.instruction) {
      // Applying the checker's fixes or compressing to a 字数 is CPU work: a worker thread does it.
      const action = request.applyFixes ? { applyFixes: true as const } : { maxZishu: request.maxZishu! }
      const { instruction: _instruction, applyFixes: _applyFixes, maxZishu: _maxZishu, ...rest } = request
      return c.json(await deps.jobs.run('rewrite', { value: { ...rest, action } }, { signal: c.req.raw.signal }))
    }
    const action: RewriteAction = { instruction: request.instruction }
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
