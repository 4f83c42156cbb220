import { checkDraft } from '../check/check-draft.js'
import { UserError } from '../errors.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import { getKind } from '../kinds/registry.js'
import type { ReportDoc } from '../model/report-doc.js'
import { reportZishu } from '../model/report-stats.js'
import { kindForPark } from '../park/indicator-values.js'
import type { ParkData } from '../park/park-schema.js'
import { FILE_FORMATS, safeFileStem, type ExportedFile } from './file-format.js'
import { exportFormDocx } from './form-docx.js'
import { exportReportDocx } from './report-docx.js'
import { trackRevisions } from '../review/track-revisions.js'

export interface ExportRequest {
  doc: ReportDoc
  park?: ParkData
  kindId?: string
  /** The whole filled-in 经验总结材料 rather than the report alone. */
  form?: boolean
  charts?: boolean
  fillDate?: string
  /**
   * The version `doc` was rewritten from: the report is exported with every difference against it as a tracked
   * change (修订), so a reviewer accepts or rejects each one in Word (review/track-revisions.ts).
   */
  previous?: ReportDoc
}

const DOCX = FILE_FORMATS.docx.extension

/**
 * Most non-blank lines (paragraphs in Word) of a draft that is exported. A report has one or two hundred; the Word
 * writer costs about 0.15–0.4 ms per paragraph, so 15,000 one-line headings (a 59,000-character paste of markers)
 * took 6–9 s of a thread, against 2,000 paragraphs in under a second.
 */
export const MAX_EXPORT_PARAGRAPHS = 2_000

const messages = {
  formNeedsPark: '导出整份经验总结材料需要园区数据（基本信息和发展情况表格都来自园区数据）。',
  noKind: '请指定报告类型（或提供含 kind 字段的园区数据）。',
  revisionsOfForm: '修订稿只导出报告正文：请取消“整份经验总结材料”后再导出修订稿。',
  tooManyParagraphs: (count: number) =>
    `稿件共 ${count} 段，超过导出上限 ${MAX_EXPORT_PARAGRAPHS} 段（一篇报告通常只有一两百段）：请检查是否粘贴进了表格、目录或多余的空行分段，整理成报告正文后再导出。`,
  overLimit: (total: number, limit: number) => `全文共${total}字，超出${limit}字上限${total - limit}字：文件已导出，提交前请压缩。`,
  openErrors: (count: number) => `审校仍有 ${count} 个错误未处理：文件已导出，建议先在审校中修改后再导出。`,
}

/**
 * The one export entry point of a draft the CLI and the HTTP API share: picks the kind, then the report or the form
 * (both Word), or the report with the changes from a previous version tracked. Returns the file with a Chinese name
 * (the park name, or the title, and what it is); the 汇总表 is the
 * park's other export, an Excel file (summary-table-xlsx.ts), answered through the same ExportedFile.
 */
export async function exportDraft(request: ExportRequest): Promise<ExportedFile> {
  const kindId = request.kindId ?? request.park?.kind
  if (!kindId) throw new UserError('missing_kind', messages.noKind, 400)
  const kind = request.park ? kindForPark(request.park, kindId) : getKind(kindId)
  for (const doc of [request.doc, ...(request.previous ? [request.previous] : [])]) refuseTooManyParagraphs(doc)
  const charts = request.charts ?? false
  const stem = safeFileStem(request.park?.park.name ?? request.doc.title?.text ?? '园区报告')
  if (request.previous) {
    if (request.form) throw new UserError('revisions_of_form', messages.revisionsOfForm, 400, { path: 'form' })
    const options = { charts, ...(request.park ? { park: request.park } : {}) }
    const [before, after] = await Promise.all([exportReportDocx(request.previous, kind, options), exportReportDocx(request.doc, kind, options)])
    const { data } = trackRevisions(before, after)
    return { format: 'docx', data, fileName: `${stem}-修订稿${DOCX}`, warnings: exportWarnings(request.doc, kind, request.park) }
  }
  if (request.form) {
    if (!request.park) throw new UserError('form_needs_park', messages.formNeedsPark, 422)
    const data = await exportFormDocx(request.park, request.doc, kind, { charts, ...(request.fillDate ? { fillDate: request.fillDate } : {}) })
    return { format: 'docx', data, fileName: `${stem}-经验总结材料${DOCX}`, warnings: exportWarnings(request.doc, kind, request.park) }
  }
  const data = await exportReportDocx(request.doc, kind, { charts, ...(request.park ? { park: request.park } : {}) })
  return { format: 'docx', data, fileName: `${stem}-报告${DOCX}`, warnings: exportWarnings(request.doc, kind, request.park) }
}

function refuseTooManyParagraphs(doc: ReportDoc): void {
  const paragraphs = doc.lines.filter((line) => line.raw.trim() !== '').length
  if (paragraphs > MAX_EXPORT_PARAGRAPHS) throw new UserError('too_many_paragraphs', messages.tooManyParagraphs(paragraphs), 413)
}

/**
 * What a person must hear when the file they export is not ready to submit: a report over its 字数 limit, and the
 * errors the checker still finds (the same check as 审校; the length error is said once, in its own words).
 */
export function exportWarnings(doc: ReportDoc, kind: KindSpec, park: ParkData | undefined): string[] {
  const warnings: string[] = []
  const total = reportZishu(doc).total
  if (total > kind.limits.totalZishu) warnings.push(messages.overLimit(total, kind.limits.totalZishu))
  const errors = checkDraft({ doc }, { kindId: kind.id, ...(park ? { park } : {}) }).findings.filter((f) => f.severity === 'error' && f.rule !== 'length')
  if (errors.length) warnings.push(messages.openErrors(errors.length))
  return warnings
}
