import type ExcelJS from 'exceljs'
import { UserError } from '../errors.js'
import { requireSummaryTable } from '../export/summary-table-xlsx.js'
import { ROW_ID_COLUMN, summaryLayout, summaryYears, type InputCell, type LayoutRow } from '../export/summary-table-layout.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import { jsonPath, type PathSegment } from '../park/json-path.js'
import type { ParkData } from '../park/park-schema.js'
import type { SummaryTableData } from '../park/summary-table-schema.js'
import { cellContent, cellText, isBlank, openWorkbook, toBoolean, toNumber } from './xlsx-cells.js'
import type { ImportIssue } from './indicator-workbook.js'

/**
 * Reading a filled-in 汇总表 workbook (src/export/summary-table-xlsx.ts) back into park data. Each input row is found
 * by the id in its hidden column and read with the same layout that wrote it, so the two cannot drift apart; a value
 * that does not fit its cell is an issue naming the cell (E12) and the row as the template prints it. 同比% cells are
 * never read: 同比 is computed, not data.
 */

export const messages = {
  noSheet: '在工作簿中没有找到《汇总表》：请使用“下载《汇总表》”得到的文件填写后再导入，不要删除隐藏列。',
  wrongYears: (kind: string, expected: readonly string[], found: string) =>
    `工作簿的年份列（${found || '无'}）与“${kind}”的年份（${expected.map((y) => `${y}年`).join('、')}）不一致，请下载该报告类型的《汇总表》模板重新填写。`,
  notNumber: (cell: string, label: string, text: string) => `单元格 ${cell}（${label}）应填写数字，现为“${text}”。`,
  notPercent: (cell: string, label: string, text: string) => `单元格 ${cell}（${label}）应填写0—100之间的百分数（如 93.6），现为“${text}”。`,
  notBoolean: (cell: string, label: string, text: string) => `单元格 ${cell}（${label}）应填写“是”或“否”，现为“${text}”。`,
  notOption: (cell: string, label: string, text: string, options: readonly string[]) =>
    `单元格 ${cell}（${label}）应为以下之一：${options.join('、')}，现为“${text}”。`,
  formulaError: (cell: string, label: string) => `单元格 ${cell}（${label}）的公式计算出错，请改为填写数值。`,
} as const

export interface SummaryWorkbookContent {
  summaryTable: SummaryTableData
  /** Quantity rows 一–十一 as park-data year maps: { scale: { revenue: { "2025": 968.2 } } }. */
  indicators: Record<string, Record<string, Record<string, number>>>
  issues: ImportIssue[]
}

/** Every input row of the kind's 汇总表 and of each 附表, by id (a table's rows share one id). */
function rowTemplates(kind: KindSpec): Map<string, LayoutRow> {
  const spec = requireSummaryTable(kind)
  const out = new Map<string, LayoutRow>()
  const layouts = [summaryLayout(kind, spec), ...spec.annexes.map((a) => summaryLayout(kind, spec, undefined, a.baseTypes[0]))]
  for (const layout of layouts) for (const sheet of layout.sheets) for (const row of sheet.rows) if (row.id && !out.has(row.id)) out.set(row.id, row)
  return out
}

function setAt(target: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let node: Record<string | number, unknown> = target
  path.slice(0, -1).forEach((segment, i) => {
    const next = path[i + 1]
    node[segment] ??= typeof next === 'number' ? [] : {}
    node = node[segment] as Record<string | number, unknown>
  })
  node[path[path.length - 1]!] = value
}

function convert(input: InputCell, cell: ExcelJS.Cell, raw: unknown): { value: unknown } | { issue: string } {
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim()
  switch (input.type) {
    case 'number': {
      const n = toNumber(raw)
      return n === undefined ? { issue: messages.notNumber(cell.address, input.label, text) } : { value: n }
    }
    case 'percent': {
      const n = toNumber(raw, (cell.numFmt ?? '').includes('%'), true)
      return n === undefined || n < 0 || n > 100 ? { issue: messages.notPercent(cell.address, input.label, text) } : { value: n }
    }
    case 'boolean': {
      const b = toBoolean(raw)
      return b === undefined ? { issue: messages.notBoolean(cell.address, input.label, text) } : { value: b }
    }
    case 'choice': {
      const options = input.options ?? []
      return options.includes(text) ? { value: text } : { issue: messages.notOption(cell.address, input.label, text, options) }
    }
    case 'text':
      return { value: text }
  }
}

/** The years printed over the quantity table of sheet 1 (E–G of the row holding 序号). */
function printedYears(sheet: ExcelJS.Worksheet): string {
  for (let r = 1; r <= Math.min(sheet.rowCount, 60); r++) {
    const row = sheet.getRow(r)
    if (cellText(row.getCell(1)) === '序号' && /年$/.test(cellText(row.getCell(5)))) {
      return [5, 6, 7].map((c) => cellText(row.getCell(c))).join('、')
    }
  }
  return ''
}

/** Reads a filled-in 汇总表 of `kind`: its values in park-data form, and every cell that could not be read. */
export async function readSummaryWorkbook(data: Uint8Array, kind: KindSpec): Promise<SummaryWorkbookContent> {
  const templates = rowTemplates(kind)
  const workbook = await openWorkbook(data)
  const sheets = workbook.worksheets.filter((ws) => {
    for (let r = 1; r <= Math.min(ws.rowCount, 40); r++) if (templates.has(cellText(ws.getRow(r).getCell(ROW_ID_COLUMN)))) return true
    return false
  })
  if (sheets.length === 0) throw new UserError('no_summary_table_sheet', messages.noSheet, 422)
  const years = summaryYears(kind)
  const found = printedYears(sheets[0]!)
  if (found !== years.map((y) => `${y}年`).join('、')) throw new UserError('summary_years_mismatch', messages.wrongYears(kind.name, years, found), 422)

  const out: Record<string, unknown> = {}
  const issues: ImportIssue[] = []
  const tableIndex = new Map<string, number>()
  for (const sheet of sheets) {
    for (let r = 1; r <= sheet.rowCount; r++) {
      const excelRow = sheet.getRow(r)
      const id = cellText(excelRow.getCell(ROW_ID_COLUMN))
      const template = templates.get(id)
      if (!template) continue
      const isTable = id.startsWith('table:') || id.startsWith('annex-table:')
      const index = isTable ? (tableIndex.get(id) ?? 0) : 0
      const values: [PathSegment[], unknown][] = []
      for (const input of template.inputs) {
        const cell = excelRow.getCell(input.col)
        const content = cellContent(cell)
        const path = isTable ? input.path.map((s, i) => (i === input.path.length - 2 ? index : s)) : input.path
        if (content.error) {
          issues.push({ path: jsonPath(path), code: 'invalid-cell', message: messages.formulaError(cell.address, input.label), cell: cell.address })
          continue
        }
        if (isBlank(content.value)) continue
        const converted = convert(input, cell, content.value)
        if ('issue' in converted) issues.push({ path: jsonPath(path), code: 'invalid-cell', message: converted.issue, cell: cell.address })
        else values.push([path, converted.value])
      }
      if (isTable && values.length === 0) continue
      if (isTable) tableIndex.set(id, index + 1)
      for (const [path, value] of values) setAt(out, path, value)
    }
  }
  return {
    summaryTable: (out['summaryTable'] ?? {}) as SummaryTableData,
    indicators: (out['indicators'] ?? {}) as SummaryWorkbookContent['indicators'],
    issues,
  }
}

/** A copy of the park with the workbook's values: the 汇总表 part replaced, the year values of its quantity rows set. */
export function mergeSummaryWorkbook(park: ParkData, content: Pick<SummaryWorkbookContent, 'summaryTable' | 'indicators'>): ParkData {
  const next = structuredClone(park)
  const indicators = (next.indicators ??= {}) as Record<string, Record<string, unknown>>
  for (const [group, fields] of Object.entries(content.indicators)) {
    const target = (indicators[group] ??= {})
    for (const [field, years] of Object.entries(fields)) {
      const current = target[field]
      const base = current !== null && typeof current === 'object' ? (current as Record<string, unknown>) : {}
      target[field] = { ...base, ...years }
    }
  }
  next.summaryTable = content.summaryTable
  return next
}
