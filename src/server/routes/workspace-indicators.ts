import ExcelJS from 'exceljs'
import { UserError } from '../../errors.js'
import { checkZipArchive, ZipCheckError } from '../../ingest/zip-check.js'
import { indicatorRows } from '../../kinds/kind-spec.js'
import { getKind } from '../../kinds/registry.js'
import { jsonPath } from '../../park/json-path.js'
import { indicatorField, REPORT_YEAR, type IndicatorGroup, type ParkData } from '../../park/park-schema.js'

/**
 * The indicator table (三、工业园区发展情况) of a kind as an Excel workbook people fill in, and reading it back into
 * park data. The rows are the kind's `indicatorBlock`, limited to the rows park data can hold (the 示范基地 summary
 * table has rows such as 工业总产值 that the park-data format has no field for); the columns are the template's three
 * years. Column A keeps each row's park-data key (hidden), so a renamed or reordered row still lands in its field;
 * a row without it is matched by its label.
 */

export type IndicatorValueType = 'number' | 'count' | 'percent' | 'boolean' | 'text'

export interface IndicatorTemplateRow {
  /** Park-data key, e.g. scale.revenue. */
  key: string
  /** The kind's group label, e.g. 整体规模情况. */
  group: string
  /** The row label as the kind's template prints it. */
  label: string
  unit: string
  valueType: IndicatorValueType
  /** true: a value per year (`{"2025": …}`); false: one value (as of the data year). */
  yearly: boolean
  /** The year columns this row is filled in (the others are greyed out). */
  years: string[]
  /** The template's footnote (a formula) or what to describe. */
  note?: string
}

export interface IndicatorTemplate {
  kind: string
  kindName: string
  title: string
  /** The table's year columns, latest first: 2025, 2024, 2023. */
  years: string[]
  rows: IndicatorTemplateRow[]
}

/** One value read from a workbook, with where it came from. */
export interface ImportedCell {
  key: string
  year?: string
  value: number | boolean | string
  /** The JSON path it goes to, e.g. $.indicators.scale.revenue['2025']. */
  path: string
  /** The Excel cell, e.g. E4. */
  cell: string
}

export interface ImportIssue {
  path: string
  code: string
  message: string
  cell?: string
}

const MAX_ROWS = 500

const messages = {
  sheetTitle: '三、工业园区发展情况',
  instructions:
    '填写说明：请在年份列填写数值，灰色单元格无需填写；百分比直接填写数值（93.6 表示 93.6%）；“是否”类指标填写“是”或“否”；' +
    '空白单元格不会改动园区资料中的已有数值。请勿修改 A 列（字段代码）和表头。',
  header: { key: '字段代码', group: '分组', label: '指标', unit: '单位', note: '说明' },
  year: (year: string) => `${year}年`,
  notWorkbook: '上传的文件不是有效的 Excel 工作簿（.xlsx），请使用“下载 Excel 模板”得到的文件填写后再导入。',
  zipTooLarge: 'Excel 文件解压后过大或结构异常，已拒绝导入。',
  noTable: '在工作簿中没有找到指标表：表头应包含“指标”列和“2025年”等年份列。请使用下载的模板填写。',
  notNumber: (label: string, year: string, cell: string, text: string) => `单元格 ${cell}（${label}，${year}年）的内容“${text}”不是数字。`,
  notCount: (label: string, cell: string, text: string) => `单元格 ${cell}（${label}）应填写非负整数，现为“${text}”。`,
  notBoolean: (label: string, cell: string, text: string) => `单元格 ${cell}（${label}）应填写“是”或“否”，现为“${text}”。`,
  formulaError: (label: string, cell: string) => `单元格 ${cell}（${label}）的公式计算出错，请改为填写数值。`,
  ignoredRow: (row: number, label: string) => `第 ${row} 行“${label}”不是本模板的指标，已忽略。`,
  ignoredYear: (label: string, year: string, cell: string) => `单元格 ${cell}（${label}，${year}年）无需填写，已忽略。`,
  tooManyRows: `工作簿的行数过多（超过 ${MAX_ROWS} 行），请只保留指标表：删去其他工作表和多余的行后另存，再重新导入。`,
}

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i
/** A row element in SpreadsheetML, with or without a namespace prefix (`<row r="1">`, `<x:row>`). */
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g

/** Row elements in a worksheet part (empty rows included: exceljs makes an object of each). */
function countRows(xml: Uint8Array): number {
  return Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1').match(ROW_TAG)?.length ?? 0
}
const BLANK_MARKS = new Set(['', '-', '—', '－', '/', '／', '无', 'N/A', 'n/a'])

function valueTypeOf(key: string): IndicatorValueType {
  const field = indicatorField(key)!
  if (field.valueType === 'number') return field.percent ? 'percent' : 'number'
  return field.valueType
}

/** The kind's indicator table as rows park data can hold. Unknown kind: 404 (from getKind). */
export function indicatorTemplate(kindId: string): IndicatorTemplate {
  const kind = getKind(kindId)
  const columns = [0, 1, 2].map((offset) => String(kind.dataYear - offset))
  const rows: IndicatorTemplateRow[] = []
  for (const { group, indicator } of indicatorRows(kind)) {
    const field = indicatorField(indicator.key)
    if (!field) continue
    const years = field.yearly ? (indicator.years ?? [String(kind.dataYear)]).filter((y) => columns.includes(y)) : [REPORT_YEAR]
    const note = indicator.footnote ?? indicator.description ?? field.guidance
    rows.push({
      key: field.key,
      group: group.label,
      label: indicator.label,
      unit: indicator.unit ?? field.unit,
      valueType: valueTypeOf(field.key),
      yearly: field.yearly,
      years,
      ...(note ? { note } : {}),
    })
  }
  return { kind: kind.id, kindName: kind.name, title: kind.indicatorBlock?.title ?? messages.sheetTitle, years: columns, rows }
}

/** The value a park holds for a row and year, if any. */
function parkValue(park: ParkData | undefined, row: IndicatorTemplateRow, year: string): unknown {
  const [group, field] = row.key.split('.') as [IndicatorGroup, string]
  const value = (park?.indicators?.[group] as Record<string, unknown> | undefined)?.[field]
  if (row.yearly) return (value as Record<string, unknown> | undefined)?.[year]
  return year === REPORT_YEAR ? value : undefined
}

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const FIRST_YEAR_COLUMN = 5

/** The template workbook, optionally filled with a park's current values. */
export async function indicatorWorkbook(kindId: string, park?: ParkData): Promise<{ data: Uint8Array; fileName: string }> {
  const template = indicatorTemplate(kindId)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '园区报告助手'
  const sheet = workbook.addWorksheet(messages.sheetTitle, { views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }] })
  const lastColumn = FIRST_YEAR_COLUMN + template.years.length
  sheet.columns = [
    { width: 30, hidden: true },
    { width: 16 },
    { width: 44 },
    { width: 12 },
    ...template.years.map(() => ({ width: 14 })),
    { width: 60 },
  ]
  sheet.mergeCells(1, 1, 1, lastColumn)
  sheet.getCell(1, 1).value = `${template.title}（${template.kindName}）`
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.mergeCells(2, 1, 2, lastColumn)
  sheet.getCell(2, 1).value = messages.instructions
  sheet.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' }
  sheet.getRow(2).height = 48

  const header = sheet.getRow(3)
  header.values = [
    messages.header.key,
    messages.header.group,
    messages.header.label,
    messages.header.unit,
    ...template.years.map(messages.year),
    messages.header.note,
  ]
  header.font = { bold: true }
  header.eachCell((cell) => (cell.fill = HEADER_FILL))

  template.rows.forEach((row, index) => {
    const excelRow = sheet.getRow(4 + index)
    excelRow.getCell(1).value = row.key
    excelRow.getCell(2).value = row.group
    excelRow.getCell(3).value = row.label
    excelRow.getCell(4).value = row.unit || '—'
    template.years.forEach((year, i) => {
      const cell = excelRow.getCell(FIRST_YEAR_COLUMN + i)
      if (!row.years.includes(year)) {
        cell.fill = GREY
        return
      }
      const value = parkValue(park, row, year)
      if (row.valueType === 'boolean') {
        cell.dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] }
        if (typeof value === 'boolean') cell.value = value ? '是' : '否'
      } else if (typeof value === 'number' || typeof value === 'string') {
        cell.value = value
      }
      if (row.valueType === 'text') cell.alignment = { wrapText: true, vertical: 'top' }
    })
    if (row.note) {
      const note = excelRow.getCell(lastColumn)
      note.value = row.note
      note.alignment = { wrapText: true, vertical: 'top' }
      note.font = { color: { argb: 'FF595959' }, size: 9 }
    }
  })
  const buffer = await workbook.xlsx.writeBuffer()
  return { data: new Uint8Array(buffer as ArrayBuffer), fileName: `${messages.sheetTitle}-${template.kindName}.xlsx` }
}

const normalizeLabel = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')

/** The text a person sees in a cell, and its number/boolean when it is one. */
function cellContent(cell: ExcelJS.Cell): { value: unknown; error?: boolean } {
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

function toNumber(value: unknown, percentFormat: boolean, isPercent: boolean): number | undefined {
  if (typeof value === 'number') return percentFormat && isPercent ? Math.round(value * 100 * 1e9) / 1e9 : value
  if (typeof value !== 'string') return undefined
  const text = value.normalize('NFKC').replace(/[\s,，]/g, '').replace(/%$/, '')
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined
  return Number(text)
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  const text = String(value).trim().toLowerCase()
  if (['是', 'true', 'yes', 'y', '1', '√'].includes(text)) return true
  if (['否', 'false', 'no', 'n', '0', '×'].includes(text)) return false
  return undefined
}

/**
 * Reads the values of a filled-in template. Empty cells are skipped (they leave the park's value as it is); a value
 * that is not what its row needs is an issue with its cell and JSON path. Answers the values and the notes (ignored
 * rows and cells) — nothing is stored here.
 */
export async function readIndicatorWorkbook(
  data: Uint8Array,
  kindId: string,
): Promise<{ cells: ImportedCell[]; issues: ImportIssue[]; warnings: string[] }> {
  try {
    // Rows are counted in each worksheet's XML as the archive is checked: a million-row sheet is refused before
    // exceljs builds a million row objects.
    checkZipArchive(data, { maxEntries: 500, maxUnzippedBytes: 50 * 1024 * 1024 }, (name, bytes) => {
      if (WORKSHEET_PART.test(name) && countRows(bytes) > MAX_ROWS) throw new UserError('workbook_too_large', messages.tooManyRows, 422)
    })
  } catch (error) {
    if (error instanceof ZipCheckError) {
      throw new UserError(error.problem === 'malformed' ? 'invalid_workbook' : 'workbook_too_large', error.problem === 'malformed' ? messages.notWorkbook : messages.zipTooLarge, 422)
    }
    throw error
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    throw new UserError('invalid_workbook', messages.notWorkbook, 422)
  }
  const template = indicatorTemplate(kindId)
  const byKey = new Map(template.rows.map((row) => [row.key, row]))
  const byLabel = new Map<string, IndicatorTemplateRow>()
  for (const row of template.rows) {
    byLabel.set(normalizeLabel(row.label), row)
    const field = indicatorField(row.key)!
    byLabel.set(normalizeLabel(field.templateLabel), row)
    byLabel.set(normalizeLabel(field.label), row)
  }

  for (const sheet of workbook.worksheets) {
    if (sheet.rowCount > MAX_ROWS) throw new UserError('workbook_too_large', messages.tooManyRows, 422)
    const located = locateHeader(sheet)
    if (!located) continue
    const cells: ImportedCell[] = []
    const issues: ImportIssue[] = []
    const warnings: string[] = []
    for (let r = located.row + 1; r <= sheet.rowCount; r++) {
      const excelRow = sheet.getRow(r)
      const keyText = located.keyColumn ? String(cellContent(excelRow.getCell(located.keyColumn)).value ?? '').trim() : ''
      const labelText = String(cellContent(excelRow.getCell(located.labelColumn)).value ?? '').trim()
      const row = byKey.get(keyText) ?? (labelText ? byLabel.get(normalizeLabel(labelText)) : undefined)
      const yearCells = located.years.map(({ year, column }) => ({ year, cell: excelRow.getCell(column) }))
      const filled = yearCells.filter(({ cell }) => !isBlank(cellContent(cell).value))
      if (!row) {
        if (filled.length && (labelText || keyText)) warnings.push(messages.ignoredRow(r, labelText || keyText))
        continue
      }
      for (const { year, cell } of yearCells) {
        const content = cellContent(cell)
        if (content.error) {
          issues.push({ path: pathOf(row, year), code: 'invalid-cell', message: messages.formulaError(row.label, cell.address), cell: cell.address })
          continue
        }
        if (isBlank(content.value)) continue
        if (!row.years.includes(year)) {
          warnings.push(messages.ignoredYear(row.label, year, cell.address))
          continue
        }
        const converted = convert(row, year, content.value, cell)
        if ('issue' in converted) issues.push(converted.issue)
        else cells.push({ key: row.key, ...(row.yearly ? { year } : {}), value: converted.value, path: pathOf(row, year), cell: cell.address })
      }
    }
    return { cells, issues, warnings }
  }
  throw new UserError('no_indicator_table', messages.noTable, 422)
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && BLANK_MARKS.has(value.trim()))
}

function locateHeader(sheet: ExcelJS.Worksheet): { row: number; keyColumn?: number; labelColumn: number; years: { year: string; column: number }[] } | undefined {
  for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++) {
    const row = sheet.getRow(r)
    let keyColumn: number | undefined
    let labelColumn: number | undefined
    const years: { year: string; column: number }[] = []
    row.eachCell((cell, column) => {
      const text = String(cellContent(cell).value ?? '').trim()
      if (text === messages.header.key) keyColumn = column
      else if (text === messages.header.label || text === '指标名称') labelColumn = column
      else {
        const year = /^(\d{4})\s*年?$/.exec(text)?.[1]
        if (year) years.push({ year, column })
      }
    })
    if (labelColumn && years.length) return { row: r, ...(keyColumn ? { keyColumn } : {}), labelColumn, years }
  }
  return undefined
}

function pathOf(row: IndicatorTemplateRow, year: string): string {
  return jsonPath(['indicators', ...row.key.split('.'), ...(row.yearly ? [year] : [])])
}

function convert(row: IndicatorTemplateRow, year: string, value: unknown, cell: ExcelJS.Cell): { value: number | boolean | string } | { issue: ImportIssue } {
  const issue = (message: string) => ({ issue: { path: pathOf(row, year), code: 'invalid-cell', message, cell: cell.address } })
  const shown = value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
  switch (row.valueType) {
    case 'text':
      return { value: shown.trim() }
    case 'boolean': {
      const b = toBoolean(value)
      return b === undefined ? issue(messages.notBoolean(row.label, cell.address, shown)) : { value: b }
    }
    case 'count': {
      const n = toNumber(value, false, false)
      return n === undefined || !Number.isInteger(n) || n < 0 ? issue(messages.notCount(row.label, cell.address, shown)) : { value: n }
    }
    default: {
      const n = toNumber(value, (cell.numFmt ?? '').includes('%'), row.valueType === 'percent')
      return n === undefined ? issue(messages.notNumber(row.label, year, cell.address, shown)) : { value: n }
    }
  }
}

/** A copy of the park data with the imported values written into `indicators`. */
export function mergeIndicators(park: ParkData, cells: readonly ImportedCell[]): ParkData {
  const next = structuredClone(park)
  const indicators = (next.indicators ??= {}) as Record<string, Record<string, unknown>>
  for (const cell of cells) {
    const [group, field] = cell.key.split('.') as [string, string]
    const target = (indicators[group] ??= {})
    if (cell.year === undefined) target[field] = cell.value
    else target[field] = { ...((target[field] as Record<string, unknown> | undefined) ?? {}), [cell.year]: cell.value }
  }
  return next
}
