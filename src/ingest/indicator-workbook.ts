import type ExcelJS from 'exceljs'
import { UserError } from '../errors.js'
import { indicatorTemplate, messages as templateMessages, type IndicatorTemplateRow } from '../export/indicator-workbook.js'
import { indicatorField, type ParkData } from '../park/park-schema.js'
import { jsonPath } from '../park/json-path.js'
import { cellContent, DEFAULT_WORKBOOK_LIMITS, isBlank, normalizeLabel, openWorkbook, toBoolean, toNumber } from './xlsx-cells.js'

/**
 * Reading a filled-in indicator workbook (src/export/indicator-workbook.ts) back into park data: each value with its
 * cell and JSON path, or a Chinese issue naming the cell. Nothing is stored here; `mergeIndicators` makes the copy
 * of the park data the caller saves.
 */

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

const messages = {
  noTable: (year: string) => `在工作簿中没有找到指标表：表头应包含“指标”列和“${year}年”等年份列。请使用下载的模板填写。`,
  notNumber: (label: string, year: string, cell: string, text: string) => `单元格 ${cell}（${label}，${year}年）的内容“${text}”不是数字。`,
  notCount: (label: string, cell: string, text: string) => `单元格 ${cell}（${label}）应填写非负整数，现为“${text}”。`,
  notBoolean: (label: string, cell: string, text: string) => `单元格 ${cell}（${label}）应填写“是”或“否”，现为“${text}”。`,
  formulaError: (label: string, cell: string) => `单元格 ${cell}（${label}）的公式计算出错，请改为填写数值。`,
  ignoredRow: (row: number, label: string) => `第 ${row} 行“${label}”不是本模板的指标，已忽略。`,
  ignoredYear: (label: string, year: string, cell: string) => `单元格 ${cell}（${label}，${year}年）无需填写，已忽略。`,
}

/** The indicator template has a few dozen rows: a sheet of more is not one, and is refused before ExcelJS loads it. */
const LIMITS = { ...DEFAULT_WORKBOOK_LIMITS, maxRows: 500 }

/**
 * Reads the values of a filled-in template. Empty cells are skipped (they leave the park's value as it is); a value
 * that is not what its row needs is an issue with its cell and JSON path. Answers the values and the notes (ignored
 * rows and cells) — nothing is stored here.
 */
export async function readIndicatorWorkbook(
  data: Uint8Array,
  kindId: string,
): Promise<{ cells: ImportedCell[]; issues: ImportIssue[]; warnings: string[] }> {
  const workbook = await openWorkbook(data, LIMITS)
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
  throw new UserError('no_indicator_table', messages.noTable(template.years[0] ?? ''), 422)
}

function locateHeader(sheet: ExcelJS.Worksheet): { row: number; keyColumn?: number; labelColumn: number; years: { year: string; column: number }[] } | undefined {
  for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++) {
    const row = sheet.getRow(r)
    let keyColumn: number | undefined
    let labelColumn: number | undefined
    const years: { year: string; column: number }[] = []
    row.eachCell((cell, column) => {
      const text = String(cellContent(cell).value ?? '').trim()
      // 字段代码: the key column's header in templates downloaded before it was renamed 编号.
      if (text === templateMessages.header.key || text === '字段代码') keyColumn = column
      else if (text === templateMessages.header.label || text === '指标名称') labelColumn = column
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
