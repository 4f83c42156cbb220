import { z } from 'zod'
import type { CellType, SummaryTableSpec, TableColumn } from '../kinds/summary-table-spec.js'
import { summaryTextRows } from '../kinds/summary-table-spec.js'
import { listKinds } from '../kinds/registry.js'
import { figure } from './figure.js'

/**
 * `summaryTable` in park data: what a 示范基地 fills into the 汇总表 (003 附件1) beyond the quantity rows, which live
 * in `indicators` like every kind's rows. Built from the registered kinds' `summaryTable` specs and nothing else:
 * header fields → `summaryTable.header.<key>`, contacts → `summaryTable.contacts.<person>.<column>`, the rows
 * 十二–二十五 → `summaryTable.rows.<key>` (text, `{done, detail}` for 是/否 rows, a list of table rows) and the 附表 →
 * `summaryTable.annex.<key>` (year map, text or table rows). 同比 is never stored: it is computed from the years.
 */

export type SummaryCell = string | number | boolean
export type SummaryTableRow = Record<string, SummaryCell>
export interface YesNoAnswer {
  done?: boolean
  detail?: string
}
export interface SummaryTableData {
  header?: Record<string, SummaryCell>
  contacts?: Record<string, Record<string, string>>
  rows?: Record<string, string | YesNoAnswer | SummaryTableRow[]>
  annex?: Record<string, string | Record<string, number> | SummaryTableRow[]>
}

const YEAR_KEY = z.string().regex(/^\d{4}$/)

function cellSchema(type: CellType, options: readonly string[] | undefined): z.ZodType {
  switch (type) {
    case 'number':
      return figure()
    case 'percent':
      return figure().min(0).max(100)
    case 'boolean':
      return z.boolean()
    case 'choice':
      return options && options.length ? z.enum(options as [string, ...string[]]) : z.string()
    case 'text':
      return z.string()
  }
}

function tableSchema(columns: readonly TableColumn[]): z.ZodType {
  return z.array(z.strictObject(Object.fromEntries(columns.map((c) => [c.key, cellSchema(c.type, c.options).optional().meta({ title: c.label })]))))
}

/** The schema of one kind's 汇总表 data, with the template's labels as titles (messages and JSON Schema use them). */
function summaryShape(spec: SummaryTableSpec) {
  return {
    header: Object.fromEntries(spec.header.map((f) => [f.key, cellSchema(f.type, f.options).optional().meta({ title: f.label })])),
    contacts: Object.fromEntries(
      spec.contacts.people.map((p) => [
        p.key,
        z.strictObject(Object.fromEntries(spec.contacts.columns.map((c) => [c.key, z.string().optional().meta({ title: c.label })]))).optional().meta({ title: p.label }),
      ]),
    ),
    rows: Object.fromEntries(
      summaryTextRows(spec).map(({ row }) => {
        const title = `${row.code} ${row.label}`
        if (row.type === 'table') return [row.key, tableSchema(row.columns ?? []).optional().meta({ title })]
        if (row.type === 'yesNo') {
          return [row.key, z.strictObject({ done: z.boolean().optional().meta({ title: '是否完成' }), detail: z.string().optional().meta({ title: '详细情况说明' }) }).optional().meta({ title })]
        }
        return [row.key, z.string().optional().meta({ title })]
      }),
    ),
    annex: Object.fromEntries(
      spec.annexes.flatMap((a) =>
        a.sections.flatMap((s) =>
          s.rows.map((row) => {
            const title = `附表${a.number} ${row.label}`
            if (row.type === 'yearly') return [row.key, z.record(YEAR_KEY, cellSchema(row.valueType, undefined)).optional().meta({ title })]
            if (row.type === 'table') return [row.key, tableSchema(row.columns ?? []).optional().meta({ title })]
            return [row.key, z.string().optional().meta({ title })]
          }),
        ),
      ),
    ),
  }
}

/** The 汇总表 spec of the registered kinds (the first that has one: the 示范基地 kinds share theirs). */
export function summaryTableSpec(): SummaryTableSpec | undefined {
  return listKinds().find((k) => k.summaryTable)?.summaryTable
}

const spec = summaryTableSpec()

/** Chinese names of the summaryTable paths, in the form FIELD_LABELS uses (array items as `[]`). */
export const SUMMARY_FIELD_LABELS: Readonly<Record<string, string>> = spec ? Object.freeze(fieldLabels(spec)) : {}

function fieldLabels(table: SummaryTableSpec): Record<string, string> {
  const out: Record<string, string> = {
    summaryTable: '汇总表',
    'summaryTable.header': '汇总表表头',
    'summaryTable.contacts': table.contacts.label,
    'summaryTable.rows': '汇总表发展情况',
    'summaryTable.annex': '汇总表附表',
  }
  for (const f of table.header) out[`summaryTable.header.${f.key}`] = f.label
  for (const p of table.contacts.people) {
    out[`summaryTable.contacts.${p.key}`] = p.label
    for (const c of table.contacts.columns) out[`summaryTable.contacts.${p.key}.${c.key}`] = `${p.label}${c.label}`
  }
  const table_ = (path: string, label: string, columns: readonly TableColumn[] | undefined) => {
    out[path] = label
    out[`${path}[]`] = label
    for (const c of columns ?? []) out[`${path}[].${c.key}`] = c.label
  }
  for (const { row } of summaryTextRows(table)) {
    const path = `summaryTable.rows.${row.key}`
    const label = `${row.code} ${row.label}`
    if (row.type === 'table') table_(path, label, row.columns)
    else out[path] = label
    if (row.type === 'yesNo') {
      out[`${path}.done`] = `${row.code}（是否完成）`
      out[`${path}.detail`] = `${row.code}（详细情况说明）`
    }
  }
  for (const a of table.annexes) {
    for (const s of a.sections) {
      for (const row of s.rows) {
        const path = `summaryTable.annex.${row.key}`
        if (row.type === 'table') table_(path, `附表${a.number} ${row.label}`, row.columns)
        else out[path] = `附表${a.number} ${row.label}`
      }
    }
  }
  return out
}

/** `summaryTable` of park data; absent when no registered kind has a 汇总表. */
export const SummaryTableDataSchema: z.ZodType<SummaryTableData> = (spec
  ? (() => {
      const shape = summaryShape(spec)
      return z.strictObject({
        header: z.strictObject(shape.header).optional().meta({ title: '汇总表表头' }),
        contacts: z.strictObject(shape.contacts).optional().meta({ title: spec.contacts.label }),
        rows: z.strictObject(shape.rows).optional().meta({ title: '汇总表发展情况' }),
        annex: z.strictObject(shape.annex).optional().meta({ title: '汇总表附表' }),
      })
    })()
  : z.strictObject({})) as unknown as z.ZodType<SummaryTableData>
