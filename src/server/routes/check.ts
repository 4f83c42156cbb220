import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { checkDraft, type CheckDraftOptions } from '../../check/check-draft.js'
import { RuleConfigSchema } from '../../check/rule-config.js'
import { UserError } from '../../errors.js'
import { loadDraft, MAX_DRAFT_CHARS, parseDraftText } from '../../model/load-draft.js'
import { parseParkJson } from '../../park/read-park.js'
import { reviewDocx } from '../../review/review-docx.js'
import { fileResponse } from '../file-response.js'
import { validParkOf } from '../valid-parks.js'
import { parseRequest, readJsonBody, readUpload } from '../validation.js'

const CheckRequestSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  format: z.enum(['text', 'markdown']).default('text'),
  kind: z.string().optional(),
  // Validated by the park-data validator, which lists every problem with its path.
  park: z.unknown().optional(),
  materials: z.array(z.string().max(200_000)).max(20).optional(),
  config: RuleConfigSchema.optional(),
})

const messages = {
  noDraft: '请提交草稿：JSON 的 text 字段，或表单字段 file 上传 .docx/.txt/.md 文件。',
  tooLarge: '上传的草稿超过 10 MB 的大小限制。',
  badPark: '表单字段 park 应为园区数据 JSON 文本。',
}
const MAX_DRAFT_UPLOAD_BYTES = 10 * 1024 * 1024

/**
 * POST /api/check: JSON `{text, format?, kind?, park?, materials?, config?}` or a multipart .docx/.txt/.md upload.
 * POST /api/check/annotate: a multipart .docx upload (file, park?, kind?) → the same file with every finding as a
 * comment (批注) and every fix as a tracked change (修订); X-Review-Comments and X-Review-Changes say how many.
 */
export function checkRoutes() {
  const app = new Hono()
  app.post(
    '/check',
    uploadLimit(),
    async (c) => {
      const type = c.req.header('content-type') ?? ''
      if (type.startsWith('multipart/form-data')) {
        const upload = await readDraftUpload(c)
        const draft = await loadDraft(upload.fileName, upload.data)
        return c.json(checkDraft(draft, upload.options))
      }
      const request = parseRequest(CheckRequestSchema, await readJsonBody(c))
      const park = request.park === undefined ? undefined : validParkOf(request.park)
      const result = checkDraft(
        { doc: parseDraftText(request.text, request.format) },
        {
          ...(request.kind ? { kindId: request.kind } : {}),
          ...(park ? { park } : {}),
          ...(request.materials ? { materials: request.materials } : {}),
          ...(request.config ? { config: request.config } : {}),
        },
      )
      return c.json(result)
    },
  )
  app.post('/check/annotate', uploadLimit(), async (c) => {
    const upload = await readDraftUpload(c)
    const reviewed = await reviewDocx(upload.fileName, upload.data, upload.options)
    const stem = upload.fileName.replace(/\.docx$/i, '')
    return fileResponse({ format: 'docx', data: reviewed.data, fileName: `${stem}-审校.docx` }, 'report', {
      'x-review-comments': String(reviewed.comments),
      'x-review-changes': String(reviewed.changes),
    })
  })
  return app
}

function uploadLimit() {
  return bodyLimit({
    maxSize: MAX_DRAFT_UPLOAD_BYTES,
    onError: () => {
      throw new UserError('file_too_large', messages.tooLarge, 413)
    },
  })
}

/** A multipart draft upload: field file (the draft), optional park (park data JSON text) and kind. */
async function readDraftUpload(c: Context): Promise<{ fileName: string; data: Uint8Array; options: CheckDraftOptions }> {
  const body = await readUpload(c)
  const file = body['file']
  if (!(file instanceof File)) throw new UserError('missing_file', messages.noDraft, 400)
  const parkField = body['park']
  if (parkField !== undefined && typeof parkField !== 'string') throw new UserError('invalid_park', messages.badPark, 400)
  const kind = typeof body['kind'] === 'string' && body['kind'] ? body['kind'] : undefined
  const park = parkField ? parseParkJson(parkField, '表单字段 park') : undefined
  return { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()), options: { ...(kind ? { kindId: kind } : {}), ...(park ? { park } : {}) } }
}
