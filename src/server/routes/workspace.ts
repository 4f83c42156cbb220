import { extname } from 'node:path'
import { Hono } from 'hono'
import { z } from 'zod'
import { UserError } from '../../errors.js'
import { decodeText } from '../../ingest/extract-text.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import { parseJsonText } from '../../json-text.js'
import { listSampleParks, readSamplePark } from '../../park/sample-parks.js'
import { validateParkData } from '../../park/validate-park.js'
import type { Workspace } from '../../store/workspace.js'
import { fileResponse } from '../file-response.js'
import { parseRequest, readJsonBody, readUpload } from '../validation.js'
import { limitBody } from '../body-limit.js'
import { UploadedFile } from '../multipart.js'
import { indicatorTemplate, indicatorWorkbook } from '../../export/indicator-workbook.js'
import { mergeIndicators, type ImportedCell } from '../../ingest/indicator-workbook.js'
import { KindIdSchema } from '../../kinds/kind-id.js'

/**
 * The persistent workspace's parks: list, create, read, update with optimistic concurrency (a stale `version` →
 * 409), delete, import (park-data JSON or the indicator workbook), and the indicator template. Validation is the
 * park-data validator's: 422 with every issue and its JSON path, which the page shows beside the field.
 */


const messages = {
  missingData: '缺少园区数据（字段 data）。',
  noFile: '请在表单字段“file”中上传园区资料：JSON 文件（.json）或指标 Excel 表（.xlsx）。',
  unsupported: (name: string) => `不支持的文件“${name}”：请上传园区资料 JSON 文件（.json）或指标 Excel 表（.xlsx）。`,
  importedFile: (name: string) => `文件“${name}”`,
  tooLarge: (mb: number) => `上传的文件超过 ${mb} MB 的大小限制。`,
  kindForWorkbook: '导入 Excel 指标表时请指定报告类型（kind），或指定要导入的园区（parkId）。',
  badVersion: '版本号（version）应为正整数。',
  cellValues: (count: number) => `Excel 指标表中有 ${count} 处内容需要修改，本次没有导入。`,
  inCell: (message: string, cell: string) => `${message}（Excel 单元格 ${cell}）`,
  badFlag: '参数应为 true 或 false。',
}

const DataField = z.unknown().refine((value) => value !== undefined, { message: messages.missingData })
const CreateParkSchema = z.object({ data: DataField })
const UpdateParkSchema = z.object({ data: DataField, version: z.number({ error: messages.badVersion }).int(messages.badVersion).min(1, messages.badVersion) })
const Flag = z.enum(['true', 'false', '1', '0'], { error: messages.badFlag }).transform((value) => value === 'true' || value === '1')
const DeleteQuerySchema = z.object({
  version: z.coerce.number({ error: messages.badVersion }).int(messages.badVersion).min(1, messages.badVersion).optional(),
  withDrafts: Flag.optional(),
})
const TemplateQuerySchema = z.object({ kind: KindIdSchema, parkId: z.string().max(64).optional() })
const ImportFieldsSchema = z.object({
  parkId: z.string().max(64).optional(),
  version: z.coerce.number({ error: messages.badVersion }).int(messages.badVersion).min(1, messages.badVersion).optional(),
  kind: KindIdSchema.optional(),
  dryRun: Flag.optional(),
})

const textField = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)
const isZip = (data: Uint8Array) => data[0] === 0x50 && data[1] === 0x4b

export function workspaceParkRoutes(deps: { workspace: Workspace; maxUploadBytes: number; jobs: JobRunner }) {
  const { parks } = deps.workspace
  const app = new Hono()
  const uploadLimit = limitBody(deps.maxUploadBytes + 64 * 1024, () => new UserError('file_too_large', messages.tooLarge(Math.round(deps.maxUploadBytes / 1024 / 1024)), 413))

  app.get('/parks', async (c) => c.json({ parks: await parks.list() }))

  // The bundled sample parks, for a first visit: listed, and stored as a new park on request.
  app.get('/sample-parks', (c) => c.json({ samples: listSampleParks() }))
  app.post('/sample-parks/:id', async (c) => c.json({ park: await parks.create(readSamplePark(c.req.param('id'))) }, 201))

  app.post('/parks', async (c) => {
    const { data } = parseRequest(CreateParkSchema, await readJsonBody(c))
    return c.json({ park: await parks.create(data) }, 201)
  })

  app.get('/parks/:id', async (c) => c.json({ park: await parks.get(c.req.param('id')) }))

  app.put('/parks/:id', async (c) => {
    const { data, version } = parseRequest(UpdateParkSchema, await readJsonBody(c))
    return c.json({ park: await parks.update(c.req.param('id'), data, version) })
  })

  app.delete('/parks/:id', async (c) => {
    const query = parseRequest(DeleteQuerySchema, c.req.query())
    await parks.remove(c.req.param('id'), {
      ...(query.version !== undefined ? { expectedVersion: query.version } : {}),
      ...(query.withDrafts ? { withDrafts: true } : {}),
    })
    return c.body(null, 204)
  })

  /**
   * Multipart `file`: park-data JSON (a new park; with `parkId` and `version`, replaces that park's data) or the
   * indicator workbook (with `parkId` and `version`, its values are written into that park). `dryRun=true` stores
   * nothing and answers what would be imported, so the page can merge it into a form with unsaved edits.
   */
  app.post('/parks/import', uploadLimit, async (c) => {
    const body = await readUpload(c)
    const file = body['file']
    if (!(file instanceof UploadedFile)) throw new UserError('missing_file', messages.noFile, 400)
    const fields = parseRequest(ImportFieldsSchema, {
      parkId: textField(body['parkId']),
      version: textField(body['version']),
      kind: textField(body['kind']),
      dryRun: textField(body['dryRun']),
    })
    const data = file.bytes
    const extension = extname(file.name).toLowerCase()

    if (extension === '.xlsx' || (extension !== '.json' && isZip(data))) {
      const target = fields.parkId ? await parks.get(fields.parkId) : undefined
      const kind = fields.kind ?? target?.kind
      if (!kind) throw new UserError('missing_kind', messages.kindForWorkbook, 400)
      const { cells, issues, warnings } = await deps.jobs.run('readWorkbook', { value: { data, kind } }, { signal: c.req.raw.signal })
      if (issues.length) throw new UserError('invalid_workbook_values', messages.cellValues(issues.length), 422, { issues })
      if (!target || fields.dryRun) return c.json({ cells, warnings })
      if (fields.version === undefined) throw new UserError('park_version_required', messages.badVersion, 400, { path: 'version' })
      try {
        const park = await parks.update(target.id, mergeIndicators(target.data, cells), fields.version)
        return c.json({ park, cells, warnings })
      } catch (error) {
        throw withCells(error, cells)
      }
    }

    if (extension !== '.json' && extension !== '') throw new UserError('unsupported_file', messages.unsupported(file.name), 415)
    const raw = parseJsonText(decodeText(data), messages.importedFile(file.name), 'park_not_json')
    if (fields.dryRun) return c.json(validateParkData(raw))
    if (fields.parkId) {
      if (fields.version === undefined) throw new UserError('park_version_required', messages.badVersion, 400, { path: 'version' })
      return c.json({ park: await parks.update(fields.parkId, raw, fields.version) })
    }
    return c.json({ park: await parks.create(raw) }, 201)
  })

  app.get('/templates/indicators', (c) => {
    const { kind } = parseRequest(TemplateQuerySchema, c.req.query())
    return c.json(indicatorTemplate(kind))
  })

  app.get('/templates/indicators.xlsx', async (c) => {
    const query = parseRequest(TemplateQuerySchema, c.req.query())
    const park = query.parkId ? (await parks.get(query.parkId)).data : undefined
    const { data, fileName } = await indicatorWorkbook(query.kind, park)
    return fileResponse({ format: 'xlsx', data, fileName }, 'indicators')
  })

  return app
}

/** A validation error of merged park data, with the Excel cell named beside each issue that came from one. */
function withCells(error: unknown, cells: readonly ImportedCell[]): unknown {
  if (!(error instanceof UserError) || error.code !== 'invalid_park' || !error.details?.issues) return error
  const byPath = new Map(cells.map((cell) => [cell.path, cell.cell]))
  const issues = (error.details.issues as { path: string; code: string; message: string }[]).map((issue) => {
    const cell = byPath.get(issue.path)
    return cell ? { ...issue, cell, message: messages.inCell(issue.message, cell) } : issue
  })
  return new UserError(error.code, error.message, error.status, { ...error.details, issues })
}
