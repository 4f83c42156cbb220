import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { UserError } from '../../errors.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import { readJsonText, readUpload } from '../validation.js'

const messages = {
  noDraft: '请提交草稿：JSON 的 text 字段，或表单字段 file 上传 .docx/.txt/.md 文件。',
  tooLarge: '上传的草稿超过 10 MB 的大小限制。草稿正文应在 3000 字左右，请删去文件中的图片或附件后另存再上传。',
  badPark: '表单字段 park 应为园区数据 JSON 文本。',
}
const MAX_DRAFT_UPLOAD_BYTES = 10 * 1024 * 1024

/** POST /api/check: JSON `{text, format?, kind?, park?, materials?, config?}` or a multipart .docx/.txt/.md upload. */
export function checkRoutes(jobs: JobRunner) {
  const app = new Hono()
  app.post(
    '/check',
    bodyLimit({
      maxSize: MAX_DRAFT_UPLOAD_BYTES,
      onError: () => {
        throw new UserError('file_too_large', messages.tooLarge, 413)
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? ''
      const signal = c.req.raw.signal
      if (type.startsWith('multipart/form-data')) {
        const body = await readUpload(c)
        const file = body['file']
        if (!(file instanceof File)) throw new UserError('missing_file', messages.noDraft, 400)
        const parkField = body['park']
        if (parkField !== undefined && typeof parkField !== 'string') throw new UserError('invalid_park', messages.badPark, 400)
        const kind = typeof body['kind'] === 'string' && body['kind'] ? body['kind'] : undefined
        const { result } = await jobs.run(
          'checkUpload',
          {
            value: {
              fileName: file.name,
              data: new Uint8Array(await file.arrayBuffer()),
              ...(kind ? { kind } : {}),
              ...(parkField ? { park: { json: parkField } } : {}),
            },
          },
          { signal },
        )
        return c.json(result)
      }
      // The worker parses and validates the JSON: the event loop only moves the text.
      const answer = await jobs.run('check', { json: await readJsonText(c) }, { signal })
      return c.body(answer, 200, { 'content-type': 'application/json; charset=utf-8' })
    },
  )
  return app
}
