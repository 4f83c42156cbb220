import { indicatorRows, type KindSpec } from '../kinds/kind-spec.js'
import { annexFor, type Annex, type CellType, type SummaryTableSpec, type TableColumn } from '../kinds/summary-table-spec.js'
import type { PathSegment } from '../park/json-path.js'
import { labelWithUnit } from '../park/indicator-catalogue.js'
import type { ParkData } from '../park/park-schema.js'

/**
 * The 汇总表 (003 附件1) as a grid, computed once from the kind's spec and shared by the Excel writer, the Excel
 * reader and the Word writer: which text goes in which cell, which cells merge, which cell holds which park-data
 * value, where 同比 is computed. A row that takes input carries a row id (`ind:scale.revenue`, `table:products`),
 * printed in a hidden column, so the reader finds each row's values even when a person moved rows around.
 *
 * Sheet 1 has ten columns A–J: 序号 | 项目 | 指标名称 | 计量单位 | three year columns | 同比% (year 1) | 同比% (year 2,
 * J merged in). The text part uses A–C for 序号/项目/指标 and D–J for the answer. A 附表 sheet has its label in A and
 * up to eleven value columns B–L.
 */

export const MAIN_COLUMNS = 10
export const ANNEX_COLUMNS = 12
/** The hidden column holding each input row's id. */
export const ROW_ID_COLUMN = 13

export type InputType = CellType
export interface InputCell {
  col: number
  toCol?: number
  /** Where the value goes in park data. */
  path: PathSegment[]
  type: InputType
  options?: readonly string[]
  /** The cell's name in messages: 销售收入（2025年）. */
  label: string
  note?: string
}

export interface TextCell {
  col: number
  toCol?: number
  /** Rows down to which the cell merges (序号 and 项目 of a group). */
  toRow?: number
  text: string
  style: 'title' | 'header' | 'label' | 'note' | 'section'
  note?: string
}

export interface YoyCell {
  col: number
  toCol?: number
  /** Columns of the year and of the year before it. */
  current: number
  previous: number
}

export interface LayoutRow {
  /** Row id for the reader; absent for rows without input. */
  id?: string
  cells: TextCell[]
  inputs: InputCell[]
  yoy: YoyCell[]
  /** A numbered row of the template (1.1 … 25.1): its number, label and unit as printed. */
  numbered?: { code: string; label: string; unit?: string }
  height?: number
}

export interface LayoutSheet {
  name: string
  columns: number[]
  rows: LayoutRow[]
}

export interface SummaryLayout {
  title: string
  years: string[]
  sheets: LayoutSheet[]
  annex?: Annex
}

const row = (init: Partial<LayoutRow>): LayoutRow => ({ cells: [], inputs: [], yoy: [], ...init })

/** Splits `width` columns starting at `from` among `n` table columns, the first ones one wider when it does not divide. */
export function spreadColumns(n: number, from: number, width: number): { col: number; toCol: number }[] {
  const base = Math.floor(width / n)
  const extra = width - base * n
  const out: { col: number; toCol: number }[] = []
  let col = from
  for (let i = 0; i < n; i++) {
    const w = base + (i < extra ? 1 : 0)
    out.push({ col, toCol: col + w - 1 })
    col += w
  }
  return out
}

/** 2025年 2024年 2023年: the kind's data year and the two before it. */
export function summaryYears(kind: KindSpec): string[] {
  return [0, 1, 2].map((offset) => String(kind.dataYear - offset))
}

function headerRows(spec: SummaryTableSpec): LayoutRow[] {
  const out: LayoutRow[] = []
  for (let i = 0; i < spec.header.length; i += 2) {
    const pair = spec.header.slice(i, i + 2)
    const slots = [
      { label: { col: 1, toCol: 2 }, value: { col: 3, toCol: 4 } },
      { label: { col: 5, toCol: 6 }, value: { col: 7, toCol: 10 } },
    ]
    const r = row({ id: `header:${pair.map((f) => f.key).join(',')}`, height: 32 })
    pair.forEach((field, j) => {
      const slot = slots[j]!
      r.cells.push({ ...slot.label, text: field.label, style: 'label' })
      r.inputs.push({
        ...slot.value,
        ...(pair.length === 1 ? { toCol: 10 } : {}),
        path: ['summaryTable', 'header', field.key],
        type: field.type,
        ...(field.options ? { options: field.options } : field.type === 'boolean' ? { options: ['是', '否'] } : {}),
        label: field.label,
      })
    })
    out.push(r)
  }
  return out
}

function contactRows(spec: SummaryTableSpec): LayoutRow[] {
  const { label, columns, people } = spec.contacts
  const last = people.length
  const head = row({
    cells: [
      { col: 1, toCol: 2, toRow: last, text: label, style: 'label' },
      { col: 3, text: '', style: 'header' },
      ...columns.map((c, i) => ({ col: 4 + i, text: c.label, style: 'header' as const })),
    ],
  })
  const rows = people.map((p) =>
    row({
      id: `contact:${p.key}`,
      cells: [{ col: 3, text: p.label, style: 'label' }],
      inputs: columns.map((c, i) => ({ col: 4 + i, path: ['summaryTable', 'contacts', p.key, c.key], type: 'text' as const, label: `${p.label}${c.label}` })),
    }),
  )
  return [head, ...rows]
}

function quantityRows(kind: KindSpec, spec: SummaryTableSpec, years: string[]): LayoutRow[] {
  const header = row({
    cells: [
      { col: 1, text: spec.columns.code, style: 'header' },
      { col: 2, text: spec.columns.project, style: 'header' },
      { col: 3, text: spec.columns.label, style: 'header' },
      { col: 4, text: spec.columns.unit, style: 'header' },
      ...years.map((y, i) => ({ col: 5 + i, text: `${y}年`, style: 'header' as const })),
      { col: 8, text: `${years[0]}年同比%`, style: 'header' },
      { col: 9, toCol: 10, text: `${years[1]}年同比%`, style: 'header' },
    ],
  })
  const out = [header]
  for (const group of kind.indicatorBlock?.groups ?? []) {
    group.indicators.forEach((indicator, i) => {
      const label = indicator.code ? `${indicator.code} ${indicator.label}` : indicator.label
      const r = row({
        id: `ind:${indicator.key}`,
        cells: [
          { col: 3, text: label, style: 'label', ...(indicator.footnote ? { note: indicator.footnote } : {}) },
          { col: 4, text: indicator.unit ?? '', style: 'label' },
        ],
        inputs: years.map((year, y) => ({
          col: 5 + y,
          path: ['indicators', ...indicator.key.split('.'), year],
          type: indicator.valueType === 'percent' ? 'percent' : 'number',
          label: `${labelWithUnit(indicator)}（${year}年）`,
        })),
        yoy: [
          { col: 8, current: 5, previous: 6 },
          { col: 9, toCol: 10, current: 6, previous: 7 },
        ],
        ...(indicator.code ? { numbered: { code: indicator.code, label: indicator.label, ...(indicator.unit ? { unit: indicator.unit } : {}) } } : {}),
      })
      if (i === 0) {
        const span = group.indicators.length - 1
        r.cells.unshift(
          { col: 1, toRow: span, text: group.code ?? '', style: 'label' },
          { col: 2, toRow: span, text: group.label, style: 'label' },
        )
      }
      out.push(r)
    })
  }
  return out
}

function tableBlock(
  id: string,
  path: PathSegment[],
  columns: readonly TableColumn[],
  count: number,
  spread: { col: number; toCol: number }[],
  prefix: string,
  rowLabel?: string,
): LayoutRow[] {
  const out: LayoutRow[] = []
  out.push(row({ cells: columns.map((c, i) => ({ ...spread[i]!, text: c.label, style: 'header' as const })) }))
  for (let n = 0; n < count; n++) {
    out.push(
      row({
        id,
        inputs: columns.map((c, i) => ({
          ...spread[i]!,
          path: [...path, n, c.key],
          type: c.type,
          ...(c.options ? { options: c.options } : {}),
          label: `${prefix}第${n + 1}行${c.label}`,
          ...(i === 0 && rowLabel ? { note: rowLabel.replace('{n}', String(n + 1)) } : {}),
        })),
      }),
    )
  }
  return out
}

function tableLength(park: ParkData | undefined, path: PathSegment[]): number {
  let node: unknown = park
  for (const s of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined
  return Array.isArray(node) ? node.length : 0
}

function textRows(spec: SummaryTableSpec, park: ParkData | undefined, years: string[]): LayoutRow[] {
  const out: LayoutRow[] = [
    row({ cells: [{ col: 1, toCol: MAIN_COLUMNS, text: spec.textPartNote, style: 'note' }], height: 30 }),
    row({
      cells: [
        { col: 1, text: spec.columns.code, style: 'header' },
        { col: 2, text: spec.columns.project, style: 'header' },
        { col: 3, text: '指标', style: 'header' },
        { col: 4, toCol: MAIN_COLUMNS, text: spec.textPartHeading.replace(/\d{4}年/, `${years[0]}年`), style: 'header' },
      ],
    }),
  ]
  for (const group of spec.textGroups) {
    const start = out.length
    let projectStart = out.length
    let project = group.label
    const closeProject = () => {
      const first = out[projectStart]
      if (first) first.cells.unshift({ col: 2, toRow: out.length - 1 - projectStart, text: project, style: 'label' })
    }
    for (const r of group.rows) {
      if (r.project && r.project !== project) {
        closeProject()
        projectStart = out.length
        project = r.project
      }
      const label = `${r.code} ${r.label}`
      const numbered = { code: r.code, label: r.label }
      const path: PathSegment[] = ['summaryTable', 'rows', r.key]
      if (r.type === 'text') {
        out.push(
          row({
            id: `text:${r.key}`,
            numbered,
            cells: [{ col: 3, text: label, style: 'label' }],
            inputs: [{ col: 4, toCol: MAIN_COLUMNS, path, type: 'text', label, ...(r.guidance ? { note: r.guidance } : {}) }],
            height: 60,
          }),
        )
      } else if (r.type === 'yesNo') {
        if (r.sectionLabel) {
          out.push(
            row({
              cells: [
                { col: 3, text: r.sectionLabel, style: 'section' },
                { col: 4, text: '是否完成', style: 'header' },
                { col: 5, toCol: MAIN_COLUMNS, text: '详细情况说明', style: 'header' },
              ],
            }),
          )
        }
        out.push(
          row({
            id: `yesno:${r.key}`,
            numbered,
            cells: [{ col: 3, text: label, style: 'label' }],
            inputs: [
              { col: 4, path: [...path, 'done'], type: 'boolean', options: ['是', '否'], label: `${r.code}（是否完成）` },
              { col: 5, toCol: MAIN_COLUMNS, path: [...path, 'detail'], type: 'text', label: `${r.code}（详细情况说明）`, ...(r.example ? { note: r.example } : {}) },
            ],
            height: 45,
          }),
        )
      } else {
        const columns = r.columns ?? []
        const count = Math.max(r.blankRows?.count ?? 1, tableLength(park, path))
        const block = tableBlock(`table:${r.key}`, path, columns, count, spreadColumns(columns.length, 4, MAIN_COLUMNS - 3), `${r.code} `, r.blankRows?.label)
        block[0]!.cells.unshift({ col: 3, toRow: block.length - 1, text: label, style: 'label' })
        block[0]!.numbered = numbered
        out.push(...block)
      }
    }
    closeProject()
    out[start]!.cells.unshift({ col: 1, toRow: out.length - 1 - start, text: group.code, style: 'label' })
  }
  if (spec.footnote) out.push(row({ cells: [{ col: 1, toCol: MAIN_COLUMNS, text: spec.footnote, style: 'note' }] }))
  return out
}

function annexSheet(annex: Annex, park: ParkData | undefined, years: string[]): LayoutSheet {
  const rows: LayoutRow[] = [row({ cells: [{ col: 1, toCol: ANNEX_COLUMNS, text: `附表${annex.number}\u3000${annex.title}`, style: 'title' }], height: 28 })]
  for (const section of annex.sections) {
    const yearly = section.rows.some((r) => r.type === 'yearly')
    rows.push(
      row({
        cells: [
          { col: 1, text: section.label, style: 'section' },
          ...(yearly ? years.map((y, i) => ({ col: 2 + i, text: `${y}年`, style: 'header' as const })) : []),
        ],
      }),
    )
    for (const r of section.rows) {
      const path: PathSegment[] = ['summaryTable', 'annex', r.key]
      const label = `附表${annex.number} ${r.label}`
      if (r.type === 'yearly') {
        rows.push(
          row({
            id: `annex-year:${r.key}`,
            cells: [{ col: 1, text: r.label, style: 'label' }],
            inputs: years.map((year, i) => ({ col: 2 + i, path: [...path, year], type: r.valueType, label: `${label}（${year}年）` })),
          }),
        )
      } else if (r.type === 'text') {
        rows.push(
          row({
            id: `annex-text:${r.key}`,
            cells: [{ col: 1, text: r.label, style: 'label' }],
            inputs: [{ col: 2, toCol: ANNEX_COLUMNS, path, type: 'text', label, ...(r.guidance ? { note: r.guidance } : {}) }],
            height: 60,
          }),
        )
      } else {
        const columns = r.columns ?? []
        if (r.label !== section.label) rows.push(row({ cells: [{ col: 1, toCol: ANNEX_COLUMNS, text: r.label, style: 'section', ...(r.guidance ? { note: r.guidance } : {}) }] }))
        rows.push(...tableBlock(`annex-table:${r.key}`, path, columns, Math.max(3, tableLength(park, path)), spreadColumns(columns.length, 1, ANNEX_COLUMNS), `${label} `))
      }
    }
  }
  if (annex.notes.length) rows.push(row({ cells: [{ col: 1, toCol: ANNEX_COLUMNS, text: `指标说明：${annex.notes.join('')}`, style: 'note' }], height: 45 }))
  return { name: `附表${annex.number}`, columns: [46, ...Array.from({ length: ANNEX_COLUMNS - 1 }, () => 14)], rows }
}

/** The base type the park gives in the header, if any. */
export function parkBaseType(park: ParkData | undefined, spec: SummaryTableSpec): string | undefined {
  const value = park?.summaryTable?.header?.[spec.baseTypeKey]
  return typeof value === 'string' ? value : undefined
}

/**
 * The whole 汇总表 of a kind: sheet 1 (title, header block, contacts, quantities 一–十一 with 同比, text rows
 * 十二–二十五) and the 附表 of the base's type. Tables get the template's blank rows, or as many as the park has.
 */
export function summaryLayout(kind: KindSpec, spec: SummaryTableSpec, park?: ParkData, baseType = parkBaseType(park, spec)): SummaryLayout {
  const years = summaryYears(kind)
  const title = spec.title
  const main: LayoutRow[] = [
    row({ cells: [{ col: 1, toCol: MAIN_COLUMNS, text: title, style: 'title' }], height: 30 }),
    ...headerRows(spec),
    ...contactRows(spec),
    ...quantityRows(kind, spec, years),
    ...textRows(spec, park, years),
  ]
  const annex = annexFor(spec, baseType)
  const sheets: LayoutSheet[] = [{ name: '汇总表', columns: [7, 16, 46, 12, 12, 12, 12, 12, 12, 12], rows: main }]
  if (annex) sheets.push(annexSheet(annex, park, years))
  return { title, years, sheets, ...(annex ? { annex } : {}) }
}

/** The numbered rows (1.1 … 25.1) in sheet order: what the template's 76 numbered rows become. */
export function numberedRows(layout: SummaryLayout): { code: string; label: string; unit?: string }[] {
  return layout.sheets[0]!.rows.flatMap((r) => (r.numbered ? [r.numbered] : []))
}

/** 同比% = (this year − last year) / last year × 100, to one decimal; none without both years or with last year 0. */
export function yoyPercent(current: number | undefined, previous: number | undefined): number | undefined {
  if (current === undefined || previous === undefined || previous === 0) return undefined
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10
}

/** All quantity rows of the kind, for readers that need them by key. */
export function quantityKeys(kind: KindSpec): string[] {
  return indicatorRows(kind).map((r) => r.indicator.key)
}
