import { Hono, type Context } from 'hono'
import { UserError } from '../../errors.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import { fileResponse } from '../file-response.js'
import { readJsonText, readUpload } from '../validation.js'
import { limitBody } from '../body-limit.js'
import { UploadedFile } from '../multipart.js'

const messages = {
  noDraft: '请提交草稿：JSON 的 text 字段，或表单字段 file 上传 .docx/.txt/.md 文件。',
  tooLarge: '上传的草稿超过 10 MB 的大小限制。草稿正文应在 3000 字左右，请删去文件中的图片或附件后另存再上传。',
  badPark: '表单字段 park 应为园区数据 JSON 文本。',
}
const MAX_DRAFT_UPLOAD_BYTES = 10 * 1024 * 1024

/**
 * POST /api/check: JSON `{text, format?, kind?, park?, materials?, config?}` or a multipart .docx/.txt/.md upload.
 * POST /api/check/annotate: a multipart .docx upload (file, park?, kind?) → the same file with every finding as a
 * comment (批注) and every fix as a tracked change (修订); X-Review-Comments and X-Review-Changes say how many.
 * Reading, checking and annotating run in worker threads (`jobs`).
 */
export function checkRoutes(jobs: JobRunner) {
  const app = new Hono()
  app.post('/check', uploadLimit(), async (c) => {
    const type = c.req.header('content-type') ?? ''
    const signal = c.req.raw.signal
    if (type.startsWith('multipart/form-data')) {
      const { result } = await jobs.run('checkUpload', { value: await readDraftUpload(c) }, { signal })
      return c.json(result)
    }
    // The worker parses and validates the JSON: the event loop only moves the text.
    const answer = await jobs.run('check', { json: await readJsonText(c) }, { signal })
    return c.body(answer, 200, { 'content-type': 'application/json; charset=utf-8' })
  })
  app.post('/check/annotate', uploadLimit(), async (c) => {
    const upload = await readDraftUpload(c)
    const reviewed = await jobs.run('annotate', { value: upload }, { signal: c.req.raw.signal })
    const stem = upload.fileName.replace(/\.docx$/i, '')
    return fileResponse({ format: 'docx', data: reviewed.data, fileName: `${stem}-审校.docx` }, 'report', {
      'x-review-comments': String(reviewed.comments),
      'x-review-changes': String(reviewed.changes),
    })
  })
  return app
}

function uploadLimit() {
  return limitBody(MAX_DRAFT_UPLOAD_BYTES, () => new UserError('file_too_large', messages.tooLarge, 413))
}

/** A multipart draft upload: field file (the draft), optional park (park data JSON text, read by the job) and kind. */
async function readDraftUpload(c: Context): Promise<{ fileName: string; data: Uint8Array<ArrayBuffer>; kind?: string; park?: { json: string } }> {
  const body = await readUpload(c)
  const file = body['file']
  if (!(file instanceof UploadedFile)) throw new UserError('missing_file', messages.noDraft, 400)
  const parkField = body['park']
  if (parkField !== undefined && typeof parkField !== 'string') throw new UserError('invalid_park', messages.badPark, 400)
  const kind = typeof body['kind'] === 'string' && body['kind'] ? body['kind'] : undefined
  return {
    fileName: file.name,
    data: file.bytes,
    ...(kind ? { kind } : {}),
    ...(parkField ? { park: { json: parkField } } : {}),
  }
}
