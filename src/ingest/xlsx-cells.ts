import type ExcelJS from 'exceljs'
import { loadExcelJs } from '../exceljs.js'
import { UserError } from '../errors.js'
import { checkZipArchive, ZipCheckError } from './zip-check.js'

/**
 * Reading what a person typed into an Excel workbook: the shared ground of every workbook import (the indicator
 * table, the 示范基地 汇总表). A cell's value as shown, numbers and 是/否 read the way people write them, blanks
 * recognised however they are marked, and the archive checked before ExcelJS opens it.
 */

export const messages = {
  notWorkbook: '上传的文件不是有效的 Excel 工作簿（.xlsx），请使用“下载 Excel 模板”得到的文件填写后再导入。',
  zipTooLarge: 'Excel 文件解压后过大或结构异常，已拒绝导入：请删去其中的图片、附件和其他工作表，另存后再导入。',
  tooManyRows: (maxRows: number) =>
    `工作簿的行数过多（超过 ${maxRows} 行），请只保留指标表：删去其他工作表和多余的行后另存，再重新导入。`,
  tooManyCells: (maxCells: number) =>
    `工作簿填写的单元格过多（超过 ${maxCells} 个），请只保留模板中的表格：删去其他工作表和多余的行列后另存，再重新导入。`,
} as const

/** What a workbook may hold before ExcelJS builds an object for each of its rows and cells. */
export interface WorkbookLimits {
  /** Rows of any one worksheet (empty rows included: ExcelJS makes an object of each). */
  maxRows: number
  /** Cells of all worksheets together. */
  maxCells: number
}

/** Far above any template of ours (the 汇总表 with its 附表 has a few hundred rows), far below what stalls ExcelJS. */
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = { maxRows: 5_000, maxCells: 200_000 }

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i
/** A row or cell element in SpreadsheetML, with or without a namespace prefix (`<row r="1">`, `<x:c r="A1">`). */
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g

const countTags = (xml: string, tag: RegExp) => xml.match(tag)?.length ?? 0

/** What people write in a cell that has nothing to report. */
const BLANK_MARKS = new Set(['', '-', '—', '－', '/', '／', '无', 'N/A', 'n/a'])

/**
 * Opens an uploaded workbook; a zip bomb, a sheet of too many rows or cells, or a file that is not .xlsx is a Chinese
 * 422. Every entry is inflated by the zip check within its declared size, and the rows and cells of each worksheet are
 * counted in its XML there, before ExcelJS turns a million-row sheet into a million objects.
 */
export async function openWorkbook(data: Uint8Array, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<ExcelJS.Workbook> {
  let cells = 0
  const countSheet = (name: string, bytes: Uint8Array) => {
    if (!WORKSHEET_PART.test(name)) return
    const xml = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    if (countTags(xml, ROW_TAG) > limits.maxRows) throw new UserError('workbook_too_large', messages.tooManyRows(limits.maxRows), 422)
    cells += countTags(xml, CELL_TAG)
    if (cells > limits.maxCells) throw new UserError('workbook_too_large', messages.tooManyCells(limits.maxCells), 422)
  }
  try {
    checkZipArchive(data, { maxEntries: 500, maxUnzippedBytes: 50 * 1024 * 1024 }, countSheet)
  } catch (error) {
    if (error instanceof ZipCheckError) {
      const malformed = error.problem === 'malformed'
      throw new UserError(malformed ? 'invalid_workbook' : 'workbook_too_large', malformed ? messages.notWorkbook : messages.zipTooLarge, 422)
    }
    throw error
  }
  const workbook = new (await loadExcelJs()).Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    throw new UserError('invalid_workbook', messages.notWorkbook, 422)
  }
  return workbook
}

/** The value a person sees in a cell (a formula's cached result, rich text joined); `error` for #DIV/0! and the like. */
export function cellContent(cell: ExcelJS.Cell): { value: unknown; error?: boolean } {
  const raw = cell.value
  if (raw === null || raw === undefined) return { value: undefined }
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    if ('error' in raw) return { value: undefined, error: true }
    if ('richText' in raw) return { value: raw.richText.map((part) => part.text).join('') }
    if ('formula' in raw || 'sharedFormula' in raw) {
      const result = (raw as { result?: unknown }).result
      if (result && typeof result === 'object' && 'error' in result) return { value: undefined, error: true }
      return { value: result }
    }
    if ('text' in raw) return { value: (raw as { text: unknown }).text }
    return { value: undefined }
  }
  return { value: raw }
}

/** A cell's text, trimmed ('' when empty). */
export function cellText(cell: ExcelJS.Cell): string {
  const { value } = cellContent(cell)
  if (value === undefined || value === null) return ''
  return (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)).trim()
}

/** Blank, or one of the marks people use for “nothing here” (—, /, 无). */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && BLANK_MARKS.has(value.trim()))
}

/**
 * A number as typed: 1,234.5 / １２３ / 93.6% all read. A cell formatted as a percentage holds 0.936 for 93.6 %:
 * `percentFormat` and `isPercent` together turn it back into the 93.6 park data keeps.
 */
export function toNumber(value: unknown, percentFormat = false, isPercent = false): number | undefined {
  if (typeof value === 'number') return percentFormat && isPercent ? Math.round(value * 100 * 1e9) / 1e9 : value
  if (typeof value !== 'string') return undefined
  const text = value.normalize('NFKC').replace(/[\s,，]/g, '').replace(/%$/, '')
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined
  return Number(text)
}

/** 是/否 as people write it (是, √, yes, 1 …); undefined when it is neither. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  const text = String(value).normalize('NFKC').replace(/[()（）\s]/g, '').toLowerCase()
  if (['是', 'true', 'yes', 'y', '1', '√', '是√', '√是'].includes(text)) return true
  if (['否', 'false', 'no', 'n', '0', '×', '否√', '√否'].includes(text)) return false
  return undefined
}

/** Label text compared loosely: full-width forms folded, whitespace dropped. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '')
}
