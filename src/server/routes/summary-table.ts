import { Hono } from 'hono'
import { z } from 'zod'
import { UserError } from '../../errors.js'
import type { ExportedFile } from '../../export/file-format.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import { mergeSummaryWorkbook } from '../../ingest/summary-table-xlsx.js'
import { KindIdSchema } from '../../kinds/kind-id.js'
import type { Workspace } from '../../store/workspace.js'
import { fileResponse } from '../file-response.js'
import { parseRequest, readJsonBody, readUpload } from '../validation.js'
import { limitBody } from '../body-limit.js'
import { UploadedFile } from '../multipart.js'

/**
 * The 示范基地 汇总表 (003 附件1) as an Excel workbook: download it blank or filled from a stored park, export it from
 * park data sent in the request, and import a filled-in copy into a stored park (cell-level Chinese errors; nothing
 * is stored when a cell cannot be read). The layout, writer and reader live in src/export and src/ingest.
 */

const messages = {
  noFile: '请在表单字段“file”中上传填写好的《汇总表》Excel 文件（.xlsx）。',
  badVersion: '版本号（version）应为正整数。',
  cellValues: (count: number) => `《汇总表》中有 ${count} 处内容需要修改，本次没有导入。`,
  tooLarge: (mb: number) => `上传的文件超过 ${mb} MB 的大小限制。`,
} as const

const TemplateQuerySchema = z.object({ kind: KindIdSchema.default('base-annual-report'), parkId: z.string().max(64).optional() })
const ExportRequestSchema = z.object({ park: z.unknown(), kind: KindIdSchema.optional() })
const ImportFieldsSchema = z.object({
  version: z.coerce.number({ error: messages.badVersion }).int(messages.badVersion).min(1, messages.badVersion).optional(),
  kind: KindIdSchema.optional(),
  dryRun: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
})

const workbookResponse = (file: ExportedFile) => fileResponse(file, 'summary-table')

/** POST /api/export/summary-table: `{park, kind?}` → the filled-in workbook; needs no workspace. */
export function summaryTableExportRoutes(jobs: JobRunner) {
  const app = new Hono()
  app.post('/export/summary-table', async (c) => {
    const request = parseRequest(ExportRequestSchema, await readJsonBody(c))
    // Validating the park and writing the workbook run in a worker thread (the export lane).
    const workbook = await jobs.run('summaryWorkbook', { value: { park: request.park, ...(request.kind ? { kind: request.kind } : {}) } }, { signal: c.req.raw.signal })
    return workbookResponse(workbook)
  })
  return app
}

/** The workspace side: the template (blank or from a stored park) and importing a filled-in copy into a park. */
export function summaryTableWorkspaceRoutes(deps: { workspace: Workspace; maxUploadBytes: number; jobs: JobRunner }) {
  const { parks } = deps.workspace
  const app = new Hono()

  app.get('/templates/summary-table.xlsx', async (c) => {
    const query = parseRequest(TemplateQuerySchema, c.req.query())
    const park = query.parkId ? (await parks.get(query.parkId)).data : undefined
    return workbookResponse(await deps.jobs.run('summaryWorkbook', { value: { kind: query.kind, ...(park ? { park } : {}) } }, { signal: c.req.raw.signal }))
  })

  app.post(
    '/parks/:id/summary-table',
    limitBody(deps.maxUploadBytes, () => new UserError('file_too_large', messages.tooLarge(Math.round(deps.maxUploadBytes / 1024 / 1024)), 413)),
    async (c) => {
      const body = await readUpload(c)
      const file = body['file']
      if (!(file instanceof UploadedFile)) throw new UserError('missing_file', messages.noFile, 400)
      const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
      const fields = parseRequest(ImportFieldsSchema, { version: text(body['version']), kind: text(body['kind']), dryRun: text(body['dryRun']) })
      const target = await parks.get(c.req.param('id'))
      // The archive is checked and its rows counted before exceljs loads it, in a worker thread (the upload lane).
      const content = await deps.jobs.run(
        'readSummaryWorkbook',
        { value: { data: file.bytes, kind: fields.kind ?? target.data.kind, park: target.data } },
        { signal: c.req.raw.signal },
      )
      if (content.issues.length) throw new UserError('invalid_workbook_values', messages.cellValues(content.issues.length), 422, { issues: content.issues })
      const merged = mergeSummaryWorkbook(target.data, content)
      if (fields.dryRun) return c.json({ data: merged })
      if (fields.version === undefined) throw new UserError('park_version_required', messages.badVersion, 400, { path: 'version' })
      return c.json({ park: await parks.update(target.id, merged, fields.version) })
    },
  )
  return app
}
