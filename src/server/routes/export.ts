import { Hono } from 'hono'
import { z } from 'zod'
import { exportDraft } from '../../export/export-draft.js'
import { MAX_DRAFT_CHARS, parseDraftText } from '../../model/load-draft.js'
import { requireValidPark } from '../../park/read-park.js'
import { fileResponse } from '../file-response.js'
import { parseRequest, readJsonBody } from '../validation.js'

const ExportRequestSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  format: z.enum(['text', 'markdown']).default('text'),
  kind: z.string().optional(),
  park: z.unknown().optional(),
  form: z.boolean().default(false),
  charts: z.boolean().default(false),
  fillDate: z.string().optional(),
})

/** POST /api/export: `{text, park?, kind?, form?, charts?, fillDate?}` → the .docx file, X-Export-Warnings when not ready to submit. */
export function exportRoutes() {
  const app = new Hono()
  app.post('/export', async (c) => {
    const request = parseRequest(ExportRequestSchema, await readJsonBody(c))
    const park = request.park === undefined ? undefined : requireValidPark(request.park)
    const file = await exportDraft({
      doc: parseDraftText(request.text, request.format),
      ...(park ? { park } : {}),
      ...(request.kind ? { kindId: request.kind } : {}),
      form: request.form,
      charts: request.charts,
      ...(request.fillDate ? { fillDate: request.fillDate } : {}),
    })
    // Warnings (over the 字数 limit, open errors) ride along with the file (X-Export-Warnings).
    return fileResponse(file, 'report')
  })
  return app
}
