import { z } from 'zod'

/**
 * The parts of the 示范基地 汇总表 (003 附件1, 工规函〔2022〕530号) that are not the quantity rows 一–十一 (those are the
 * kind's `indicatorBlock`): the header block, the contacts, the text rows 十二–二十五 and the 附表1–6 a base of some
 * types adds. As data, so that the workbook, its reader, the park-data schema and the tests all read one definition.
 *
 * Every `key` is a park-data path below `summaryTable` (src/park/summary-table-schema.ts builds the schema from here):
 * header fields → summaryTable.header.<key>, rows → summaryTable.rows.<key>, annex rows → summaryTable.annex.<key>.
 */

const Text = z.string().min(1)
const Key = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase key like industryChain')

/** A cell a person fills in: a number (a percentage is 0–100), free text, 是/否, or one of fixed options. */
export const CellTypeSchema = z.enum(['number', 'percent', 'text', 'boolean', 'choice'])
export type CellType = z.infer<typeof CellTypeSchema>

export const HeaderFieldSchema = z.strictObject({
  key: Key,
  /** The label exactly as the template prints it. */
  label: Text,
  type: CellTypeSchema,
  options: z.array(Text).optional(),
  /** 'derived': not in the template, asked because the product needs it (the base type picks the 附表). */
  basis: z.enum(['template', 'derived']).default('template'),
})
export type HeaderField = z.infer<typeof HeaderFieldSchema>

export const TableColumnSchema = z.strictObject({
  key: Key,
  label: Text,
  type: CellTypeSchema.default('text'),
  options: z.array(Text).optional(),
})
export type TableColumn = z.infer<typeof TableColumnSchema>

/** A row of 十二–二十五: a text cell, a 是/否 answer with its 详细情况说明, or a small table. */
export const TextRowSchema = z.strictObject({
  /** The row number as printed, e.g. 13.1. */
  code: z.string().regex(/^\d+\.\d+$/),
  key: Key,
  label: Text,
  type: z.enum(['text', 'yesNo', 'table']),
  /** The 项目 printed beside this row when it differs from its group's (19.2 数字化、网络化、智能化情况). */
  project: Text.optional(),
  /** A sub-header printed before the row (18.2 绿色生产相应指标 | 是否完成 | 详细情况说明). */
  sectionLabel: Text.optional(),
  /** The 指标说明 of the row, verbatim. */
  guidance: Text.optional(),
  /** The template's 示例 for the 详细情况说明, verbatim. */
  example: Text.optional(),
  columns: z.array(TableColumnSchema).optional(),
  /** Table rows printed blank for filling in, each labelled, e.g. 产品1 … 产品5. */
  blankRows: z.strictObject({ count: z.number().int().positive(), label: Text }).optional(),
})
export type TextRow = z.infer<typeof TextRowSchema>

export const TextGroupSchema = z.strictObject({
  code: Text,
  label: Text,
  rows: z.array(TextRowSchema).min(1),
})
export type TextGroup = z.infer<typeof TextGroupSchema>

/** One row of a 附表: a quantity by year (the three year columns), a text, or a table. */
export const AnnexRowSchema = z.strictObject({
  key: Key,
  label: Text,
  type: z.enum(['yearly', 'text', 'table']),
  /** For yearly rows: a percentage (0–100) or a number. */
  valueType: z.enum(['number', 'percent']).default('number'),
  unit: Text.optional(),
  guidance: Text.optional(),
  columns: z.array(TableColumnSchema).optional(),
})
export type AnnexRow = z.infer<typeof AnnexRowSchema>

export const AnnexSectionSchema = z.strictObject({
  /** The section heading as printed, e.g. 近三年软件和信息服务产业主要经济指标. */
  label: Text,
  rows: z.array(AnnexRowSchema).min(1),
})

export const AnnexSchema = z.strictObject({
  /** 附表 number, 1–6. */
  number: z.number().int().min(1).max(6),
  title: Text,
  /** The base types that fill this 附表 in (注1). */
  baseTypes: z.array(Text).min(1),
  sections: z.array(AnnexSectionSchema).min(1),
  /** The 附表's 指标说明, verbatim. */
  notes: z.array(Text).default([]),
})
export type Annex = z.infer<typeof AnnexSchema>

export const SummaryTableSpecSchema = z
  .strictObject({
    title: Text,
    header: z.array(HeaderFieldSchema).min(1),
    contacts: z.strictObject({
      label: Text,
      columns: z.array(TableColumnSchema).min(1),
      people: z.array(z.strictObject({ key: Key, label: Text })).min(1),
    }),
    /** The column headings of the quantity table: 序号, 项目, 指标名称, 计量单位. */
    columns: z.strictObject({ code: Text, project: Text, label: Text, unit: Text }),
    /** “以下内容请结合要求填写2021年度发展情况…” before 十二. */
    textPartNote: Text,
    /** The heading of the text part's value column, e.g. 2025年发展情况. */
    textPartHeading: Text,
    textGroups: z.array(TextGroupSchema).min(1),
    /** 注1 under the table. */
    footnote: Text.optional(),
    /** The header field holding the base type, which picks the 附表. */
    baseTypeKey: Key,
    annexes: z.array(AnnexSchema).default([]),
  })
  .superRefine((table, ctx) => {
    const keys = [
      ...table.header.map((f) => f.key),
      ...table.textGroups.flatMap((g) => g.rows.map((r) => r.key)),
      ...table.annexes.flatMap((a) => a.sections.flatMap((s) => s.rows.map((r) => r.key))),
    ]
    const seen = new Set<string>()
    for (const key of keys) {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [], message: `duplicate summary-table key ${key}` })
      seen.add(key)
    }
    if (!table.header.some((f) => f.key === table.baseTypeKey && f.type === 'choice')) {
      ctx.addIssue({ code: 'custom', path: ['baseTypeKey'], message: 'baseTypeKey must name a choice field of the header' })
    }
    for (const group of table.textGroups) {
      for (const row of group.rows) {
        if ((row.type === 'table') !== (row.columns !== undefined)) {
          ctx.addIssue({ code: 'custom', path: ['textGroups'], message: `${row.code}: columns go with type table` })
        }
      }
    }
  })
export type SummaryTableSpec = z.infer<typeof SummaryTableSpecSchema>

/** Every numbered row of the 汇总表's text part (十二–二十五), in order. */
export function summaryTextRows(table: SummaryTableSpec): { group: TextGroup; row: TextRow }[] {
  return table.textGroups.flatMap((group) => group.rows.map((row) => ({ group, row })))
}

/** The 附表 a base of this type fills in; none for 装备制造, 原材料, 消费品, 电子信息 (注1). */
export function annexFor(table: SummaryTableSpec, baseType: string | undefined): Annex | undefined {
  return baseType === undefined ? undefined : table.annexes.find((a) => a.baseTypes.includes(baseType))
}
