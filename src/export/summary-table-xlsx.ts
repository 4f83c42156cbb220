import type ExcelJS from 'exceljs'
import { loadExcelJs } from '../exceljs.js'
import { UserError } from '../errors.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import { kindForPark } from '../park/indicator-values.js'
import { indicatorValueIn } from '../park/indicator-values.js'
import type { PathSegment } from '../park/json-path.js'
import type { ParkData } from '../park/park-schema.js'
import { getKind } from '../kinds/registry.js'
import type { ExportedFile } from './file-format.js'
import { ROW_ID_COLUMN, summaryLayout, yoyPercent, type InputCell, type LayoutSheet, type SummaryLayout, type TextCell } from './summary-table-layout.js'
import { xmlSafeValue } from './xml-safe.js'

/**
 * The 汇总表 (003 附件1) as the Excel workbook a 示范基地 fills in: laid out as the template (src/export/
 * summary-table-layout.ts), filled from the park data when one is given. 同比% cells are formulas over the year
 * cells with the value computed here as their cached result, so Excel shows the right figure at once and keeps it
 * right when a person changes a year's value. src/ingest/summary-table-xlsx.ts reads the file back.
 */

export const messages = {
  noSummaryTable: (name: string) => `报告类型“${name}”没有《汇总表》。《汇总表》属于示范基地的年度发展情况报告，请选择示范基地的报告类型。`,
  fileName: (stem: string) => `${stem}-汇总表.xlsx`,
} as const

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const COMPUTED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }

/** The kind's 汇总表 spec, or a Chinese 422 for a kind that has none. */
export function requireSummaryTable(kind: KindSpec) {
  if (!kind.summaryTable) throw new UserError('no_summary_table', messages.noSummaryTable(kind.name), 422)
  return kind.summaryTable
}

/** The park value at a layout path; indicator years go through indicator-values (a single value is its data year). */
export function valueAtPath(park: ParkData | undefined, path: readonly PathSegment[]): unknown {
  if (!park) return undefined
  if (path[0] === 'indicators') return indicatorValueIn(park, `${String(path[1])}.${String(path[2])}`, String(path[3]))?.value
  let node: unknown = park
  for (const s of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined
  return node
}

/** What a value cell shows: 是/否 for yes/no, numbers as numbers, text as text. */
export function displayValue(input: Pick<InputCell, 'type'>, value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined
  if (input.type === 'boolean') return value === true ? '是' : value === false ? '否' : undefined
  if (typeof value === 'number' || typeof value === 'string') return value
  return undefined
}

function columnLetter(col: number): string {
  let out = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out
  return out
}

function styleText(cell: ExcelJS.Cell, text: TextCell): void {
  cell.alignment = { wrapText: true, vertical: 'middle', horizontal: text.style === 'title' || text.style === 'header' ? 'center' : 'left' }
  if (text.style === 'title') cell.font = { bold: true, size: 14, name: '宋体' }
  if (text.style === 'header' || text.style === 'section') cell.font = { bold: true }
  if (text.style === 'header') cell.fill = HEADER_FILL
  if (text.note) cell.note = text.note
}

function writeSheet(workbook: ExcelJS.Workbook, sheet: LayoutSheet, park: ParkData | undefined): void {
  // A4 landscape, one page wide: the template is printed and stamped (加盖示范基地管理机构公章).
  const ws = workbook.addWorksheet(sheet.name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  ws.columns = [...sheet.columns.map((width) => ({ width })), ...Array.from({ length: ROW_ID_COLUMN - 1 - sheet.columns.length }, () => ({ width: 4, hidden: true })), { width: 24, hidden: true }]
  const merged = (r: number, c: { col: number; toCol?: number; toRow?: number }) => {
    const toCol = c.toCol ?? c.col
    const toRow = r + (c.toRow ?? 0)
    if (toCol > c.col || toRow > r) ws.mergeCells(r, c.col, toRow, toCol)
    for (let rr = r; rr <= toRow; rr++) for (let cc = c.col; cc <= toCol; cc++) ws.getCell(rr, cc).border = BORDER
  }
  sheet.rows.forEach((layoutRow, index) => {
    const r = index + 1
    const excelRow = ws.getRow(r)
    if (layoutRow.height) excelRow.height = layoutRow.height
    if (layoutRow.id) excelRow.getCell(ROW_ID_COLUMN).value = layoutRow.id
    for (const text of layoutRow.cells) {
      merged(r, text)
      const cell = ws.getCell(r, text.col)
      cell.value = text.text
      styleText(cell, text)
    }
    for (const input of layoutRow.inputs) {
      merged(r, input)
      const cell = ws.getCell(r, input.col)
      const value = displayValue(input, valueAtPath(park, input.path))
      if (value !== undefined) cell.value = xmlSafeValue(value)
      cell.alignment = { wrapText: true, vertical: 'middle' }
      if (input.options) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${input.options.join(',')}"`] }
      if (input.note) cell.note = input.note
    }
    for (const yoy of layoutRow.yoy) {
      merged(r, yoy)
      const current = `${columnLetter(yoy.current)}${r}`
      const previous = `${columnLetter(yoy.previous)}${r}`
      const number = (col: number) => {
        const v = ws.getCell(r, col).value
        return typeof v === 'number' ? v : undefined
      }
      const result = yoyPercent(number(yoy.current), number(yoy.previous))
      const cell = ws.getCell(r, yoy.col)
      cell.value = {
        formula: `IF(OR(${current}="",${previous}="",${previous}=0),"",ROUND((${current}-${previous})/ABS(${previous})*100,1))`,
        result: result ?? '',
      } as ExcelJS.CellFormulaValue
      cell.fill = COMPUTED_FILL
    }
  })
}

/** The workbook of a layout, filled from `park` when given. */
export async function summaryWorkbookOf(layout: SummaryLayout, park?: ParkData): Promise<Uint8Array> {
  const workbook = new (await loadExcelJs()).Workbook()
  workbook.creator = '园区报告助手'
  for (const sheet of layout.sheets) writeSheet(workbook, sheet, park)
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

/**
 * The 汇总表 workbook of a kind (`base-annual-report`), blank or filled from a park whose data covers the kind's
 * years. Unknown kind: 404; a kind without a 汇总表: 422; a park missing the kind's years: 422 naming them.
 */
export async function exportSummaryWorkbook(kindId: string, park?: ParkData): Promise<ExportedFile> {
  const kind = park ? kindForPark(park, kindId) : getKind(kindId)
  const spec = requireSummaryTable(kind)
  const layout = summaryLayout(kind, spec, park)
  const stem = (park?.summaryTable?.header?.['name'] as string | undefined) ?? park?.park.name ?? '示范基地'
  return { format: 'xlsx', data: await summaryWorkbookOf(layout, park), fileName: messages.fileName(stem.replace(/[\\/:*?"<>|\r\n]+/g, '').slice(0, 40)), warnings: [] }
}
