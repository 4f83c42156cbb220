import { Hono } from 'hono'
import { z } from 'zod'
import { exportDraft } from '../../export/export-draft.js'
import { MAX_DRAFT_CHARS, parseDraftText } from '../../model/load-draft.js'
import { requireValidPark } from '../../park/read-park.js'
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

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name, so browsers save the Chinese file name. */
export function contentDisposition(fileName: string): string {
  // toWellFormed: a lone surrogate (a broken character pasted into a title) would make encodeURIComponent throw.
  return `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(fileName.toWellFormed())}`
}

/** POST /api/export: `{text, park?, kind?, form?, charts?, fillDate?}` → the .docx file, X-Export-Warnings when not ready to submit. */
export function exportRoutes() {
  const app = new Hono()
  app.post('/export', async (c) => {
    const request = parseRequest(ExportRequestSchema, await readJsonBody(c))
    const park = request.park === undefined ? undefined : requireValidPark(request.park)
    const { data, fileName, warnings } = await exportDraft({
      doc: parseDraftText(request.text, request.format),
      ...(park ? { park } : {}),
      ...(request.kind ? { kindId: request.kind } : {}),
      form: request.form,
      charts: request.charts,
      ...(request.fillDate ? { fillDate: request.fillDate } : {}),
    })
    // Warnings (over the 字数 limit, open errors) ride along with the file: a header holds only ASCII, so each is
    // percent-encoded UTF-8, the list joined by commas.
    return c.body(data as Uint8Array<ArrayBuffer>, 200, {
      'content-type': DOCX_TYPE,
      'content-disposition': contentDisposition(fileName),
      ...(warnings.length ? { 'x-export-warnings': warnings.map((w) => encodeURIComponent(w)).join(',') } : {}),
    })
  })
  return app
}
