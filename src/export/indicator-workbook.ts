import type ExcelJS from 'exceljs'
import { loadExcelJs } from '../exceljs.js'
import { indicatorRows, type Indicator } from '../kinds/kind-spec.js'
import { getKind } from '../kinds/registry.js'
import { assertParkCoversKind, indicatorValueIn } from '../park/indicator-values.js'
import { indicatorField, type ParkData } from '../park/park-schema.js'
import { xmlSafeValue } from './xml-safe.js'

/**
 * The indicator table (三、工业园区发展情况; 003 附件1 一–十一) of a kind as an Excel workbook people fill in. The
 * rows are every row of the kind's `indicatorBlock`; the columns are the years its rows ask for (2025/2024/2023 for
 * the 2026 templates, the kind's data year and the two before it in general). Column A keeps each row's park-data
 * key (hidden), so a renamed or reordered row still lands in its field when src/ingest/indicator-workbook.ts reads
 * the file back.
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

export const messages = {
  sheetTitle: '三、工业园区发展情况',
  instructions:
    '填写说明：请在年份列填写数值，灰色单元格无需填写；百分比直接填写数值（93.6 表示 93.6%）；“是否”类指标填写“是”或“否”；' +
    '空白单元格不会改动园区资料中的已有数值。请勿改动表头和隐藏的编号列。',
  header: { key: '编号', group: '分组', label: '指标', unit: '单位', note: '说明' },
  year: (year: string) => `${year}年`,
}

function valueTypeOf(key: string): IndicatorValueType {
  const field = indicatorField(key)!
  if (field.valueType === 'number') return field.percent ? 'percent' : 'number'
  return field.valueType
}

/** The year columns a row is filled in: its own year columns, or the year of its one period (截至2025年12月31日). */
function rowYears(indicator: Indicator): string[] {
  return indicator.years ?? (indicator.asOf ? [indicator.asOf.slice(0, 4)] : [])
}

/** The kind's indicator table: every row of its spec, the year columns of the table, latest first. */
export function indicatorTemplate(kindId: string): IndicatorTemplate {
  const kind = getKind(kindId)
  const rows: IndicatorTemplateRow[] = []
  for (const { group, indicator } of indicatorRows(kind)) {
    const field = indicatorField(indicator.key)!
    const note = indicator.footnote ?? indicator.description ?? field.guidance
    rows.push({
      key: field.key,
      group: group.label,
      label: indicator.label,
      unit: indicator.unit ?? field.unit,
      valueType: valueTypeOf(field.key),
      yearly: (indicator.years?.length ?? 0) > 1,
      years: rowYears(indicator),
      ...(note ? { note } : {}),
    })
  }
  const years = [...new Set(rows.flatMap((row) => row.years))].sort().reverse()
  return { kind: kind.id, kindName: kind.name, title: kind.indicatorBlock?.title ?? messages.sheetTitle, years, rows }
}

/** The value a park holds for a row and year, if any: a single value answers only for the park's data year. */
function parkValue(park: ParkData | undefined, row: IndicatorTemplateRow, year: string): unknown {
  return park ? indicatorValueIn(park, row.key, year)?.value : undefined
}

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const FIRST_YEAR_COLUMN = 5

/** The template workbook, optionally filled with a park's current values. */
export async function indicatorWorkbook(kindId: string, park?: ParkData): Promise<{ data: Uint8Array; fileName: string }> {
  const template = indicatorTemplate(kindId)
  if (park) assertParkCoversKind(park, getKind(kindId))
  const workbook = new (await loadExcelJs()).Workbook()
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
        cell.value = xmlSafeValue(value)
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

