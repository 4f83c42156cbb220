import { AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, type ParagraphChild, type Table, type TableRow } from 'docx'
import { UserError } from '../errors.js'
import type { Form, Indicator, IndicatorGroup, KindSpec } from '../kinds/kind-spec.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import { CHART_WIDTH_PX } from './charts.js'
import {
  bodyParagraph,
  documentDefaults,
  docxTypography,
  emptyFooter,
  pageNumberFooter,
  pageProperties,
  pageStart,
  TEXT_WIDTH_TWIPS,
  textRun,
  titleFont,
  toUint8Array,
  type DocxTypography,
} from './docx-style.js'
import { xmlSafe } from './xml-safe.js'
import { Footnotes, row, table, TableGrid, type CellSpec } from './docx-table.js'
import { choices, formatIndicator, indicatorValue, provinceCity, rowDecimals, textLines } from './form-values.js'
import { finishPackage } from './finish-package.js'
import { lineOfEachChar } from './page-estimate.js'
import { reportBlocks, type ReportBlock } from './report-body.js'
import { resolveCharts, type ExportOptions } from './report-docx.js'

/**
 * The whole 经验总结材料 of the 2026 创新实践 templates (000/001) as one Word file, laid out as the template:
 *
 *   cover (title lines; 创新实践名称, 工业园区名称, 填写单位名称（加盖单位公章）, 填写日期) — no page number;
 *   填写说明 and 承诺声明;
 *   一、基本信息 (a table: 工业园区名称, 主导产业及细分领域 rows 1–3, 所在地区, 填写单位 with 填写单位类别 ticked,
 *     负责人/联系人, 工业园区简介), the template's footnotes as Word footnotes;
 *   二、…创新实践概述 (创新实践聚焦主导产业, 创新实践名称, 创新实践经验总结报告: the report in the report typography);
 *   三、工业园区发展情况 (the kind's indicator block: year columns 2025/2024/2023 or label/value pairs, units in the
 *     labels, the formulas as footnotes, 是/否 ticked, text rows as paragraphs).
 *
 * Every label, note and footnote comes from the kind (`form`, `indicatorBlock`); every value from the park data or
 * the report. A value the data does not have leaves its cell empty (a yes/no row shows both choices unticked, as the
 * blank template does). The template's instructions inside the cells (填写要求, 报告框架参考, 工业园区简介's guidance)
 * are replaced by the content, as a filled-in form has them.
 *
 * Kinds without a form (the 示范基地 kinds of 003): `exportFormDocx` refuses with EXPORT_NO_FORM (422) — the form
 * is the 2026 templates' fill-in form, and 003 has none; their report is exported with `exportReportDocx`, which
 * lays out title and sections.
 */

export interface FormExportOptions extends ExportOptions {
  /** 填写日期 and the date under the pledge, YYYY-MM-DD. Without it both are left blank for the hand-written date. */
  fillDate?: string
}

export const messages = {
  noForm: (name: string) => `报告类型“${name}”没有填报表格，无法导出完整材料。请改为导出报告正文（Word）。`,
  badDate: (value: string) => `填写日期“${value}”格式不正确，应为“2026-03-15”这样的年-月-日。`,
  date: (y: number, m: number, d: number) => `${y}年${m}月${d}日`,
  blankDate: '年\u3000\u3000月\u3000\u3000日',
  year: (y: string) => `${y}年`,
} as const

/**
 * Sizes and spacing of the form's own parts. The template (a plain-text conversion) does not show them; these
 * follow Chinese government forms: cover title 二号, its category line 三号, cover fields 三号, page titles (填写说明,
 * 承诺声明) 三号, footnotes 小五. Fonts are the kind's: titles in the level-1 heading font, text in the body font.
 */
export const FORM_LAYOUT = {
  coverTitlePt: 22,
  coverSubtitlePt: 16,
  coverFieldPt: 16,
  pageTitlePt: 16,
  footnotePt: 9,
  /** Space above the cover title and above the cover fields, in points. */
  coverTopPt: 96,
  coverFieldsTopPt: 150,
  /** Left indent of the cover fields block, in twips (2 cm). */
  coverFieldsIndent: 1134,
  /** Column widths (relative) of the tables' row shapes; each table spans the text block. */
  basicInfo: { row: [1800, 1900, 1700, 1700, 1745], industries: [1800, 900, 2700, 3445] },
  overview: { row: [2700, 6145] },
  indicators: { pair: [1800, 2200, 1300, 2245, 1300], years: [1800, 2800, 1415, 1415, 1415] },
} as const

/**
 * Rows the template prints on a line of their own although the rule would pair them: 001 三 prints
 * 单位能耗碳排放（吨/吨标准煤） alone and pairs the rows after it. Otherwise single-period rows pair up in order, and text
 * rows (and an odd last row) take the whole line.
 */
export const FULL_ROW_INDICATORS: ReadonlySet<string> = new Set(['green.carbonPerEnergy'])

export function hasForm(kind: KindSpec): boolean {
  return kind.form !== undefined
}

export async function exportFormDocx(park: ParkData, report: ReportDoc, kind: KindSpec, options: FormExportOptions = {}): Promise<Uint8Array> {
  const form = kind.form
  if (!form) throw new UserError('EXPORT_NO_FORM', messages.noForm(kind.name), 422, { path: 'kind' })
  const date = options.fillDate === undefined ? undefined : parseDate(options.fillDate)
  const t = docxTypography(kind)
  const notes = new Footnotes(t, { font: t.bodyFont, sizePt: FORM_LAYOUT.footnotePt })
  const charts = await resolveCharts(options.charts, park, kind)
  const practiceName = report.title?.text ?? park.practice.title

  const children: (Paragraph | Table)[] = [
    ...cover(form, park, practiceName, date, t),
    ...instructionsAndPledge(form, park, date, t),
    basicInfoTable(form, park, t, notes),
    spacer(t),
    overviewTable(form, park, practiceName, t, (grid) =>
      reportBlocks(report, kind, t, { includeTitle: false, charts, chartWidthPx: Math.min(CHART_WIDTH_PX, cellWidthPx(grid.width)) }),
    ),
  ]
  // 三 starts on a new page: its first group would otherwise be cut between its header row and its values.
  if (kind.indicatorBlock?.embedded) children.push(pageStart(), indicatorTable(kind, park, t, notes))

  // The document properties name the filling unit, as a file it wrote itself would.
  const author = options.creator ?? park.park.filler.name
  const document = new Document({
    creator: xmlSafe(author),
    lastModifiedBy: xmlSafe(author),
    title: xmlSafe(practiceName),
    subject: kind.name,
    ...documentDefaults(t),
    footnotes: notes.options(),
    sections: [
      {
        properties: pageProperties({ titlePage: true }),
        footers: { default: pageNumberFooter(t), first: emptyFooter() },
        children,
      },
    ],
  })
  return finishPackage(toUint8Array(await Packer.toBuffer(document)), { company: park.park.filler.name })
}

function parseDate(value: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0]
  const check = new Date(Date.UTC(y, mo - 1, d))
  if (!m || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new UserError('EXPORT_BAD_DATE', messages.badDate(value), 400, { path: 'fillDate' })
  }
  return { y, m: mo, d }
}

/** Text width of a full-width cell in px at 96 dpi (cell margins 108 twips each side). */
function cellWidthPx(widthTwips: number): number {
  return Math.floor(((widthTwips - 216) / 1440) * 96)
}

function spacer(t: DocxTypography): Paragraph {
  return new Paragraph({ spacing: { line: t.line, lineRule: t.lineRule, before: 0, after: 0 }, children: [] })
}

const pt = (points: number) => Math.round(points * 20)
/** Single-ish spacing for text larger than the report size (an exact 22 pt line would clip a 二号 title). */
const LOOSE = (sizePt: number) => ({ line: Math.round(sizePt * 1.6 * 20), lineRule: LineRuleType.EXACT })

// ---------------------------------------------------------------------------------------------
// Cover, 填写说明, 承诺声明
// ---------------------------------------------------------------------------------------------

function cover(form: Form, park: ParkData, practiceName: string, date: { y: number; m: number; d: number } | undefined, t: DocxTypography): Paragraph[] {
  const out: Paragraph[] = []
  form.cover.titleLines.forEach((line, i) => {
    const subtitle = /^[（(]/.test(line)
    const size = subtitle ? FORM_LAYOUT.coverSubtitlePt : FORM_LAYOUT.coverTitlePt
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...LOOSE(size), before: i === 0 ? pt(FORM_LAYOUT.coverTopPt) : 0, after: 0 },
        children: [textRun(line, t, { font: subtitle ? t.bodyFont : titleFont(t), sizePt: size })],
      }),
    )
  })
  const values: Record<string, string> = {
    'practice-name': practiceName,
    'park-name': park.park.name,
    'filler-name': park.park.filler.name,
  }
  const size = FORM_LAYOUT.coverFieldPt
  form.cover.fields.forEach((field, i) => {
    const runs: ParagraphChild[] = [textRun(`${field.label}：`, t, { sizePt: size })]
    if (field.valueType === 'date') {
      runs.push(...dateRuns(date, t, size))
    } else {
      const value = values[field.id] ?? ''
      runs.push(textRun(value || '\u3000'.repeat(12), t, { sizePt: size, underline: true }))
      if (field.suffix) runs.push(textRun(field.suffix, t, { sizePt: size }))
    }
    out.push(
      new Paragraph({
        spacing: { ...LOOSE(size), before: i === 0 ? pt(FORM_LAYOUT.coverFieldsTopPt) : pt(8), after: 0 },
        indent: { left: FORM_LAYOUT.coverFieldsIndent, hanging: 0 },
        children: runs,
      }),
    )
  })
  return out
}

/** 2026年3月15日, or blanks to write the date by hand (the template's “    年    月    日”). */
function dateRuns(date: { y: number; m: number; d: number } | undefined, t: DocxTypography, sizePt: number): ParagraphChild[] {
  if (date) return [textRun(messages.date(date.y, date.m, date.d), t, { sizePt, underline: true })]
  const blank = (n: number) => textRun('\u3000'.repeat(n), t, { sizePt, underline: true })
  return [blank(4), textRun('年', t, { sizePt }), blank(3), textRun('月', t, { sizePt }), blank(3), textRun('日', t, { sizePt })]
}

function pageTitle(text: string, t: DocxTypography, beforePt = 0, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    ...options,
    keepNext: true,
    alignment: AlignmentType.CENTER,
    spacing: { ...LOOSE(FORM_LAYOUT.pageTitlePt), before: pt(beforePt), after: pt(12) },
    children: [textRun(text, t, { font: titleFont(t), sizePt: FORM_LAYOUT.pageTitlePt })],
  })
}

function instructionsAndPledge(form: Form, park: ParkData, date: { y: number; m: number; d: number } | undefined, t: DocxTypography): Paragraph[] {
  const out: Paragraph[] = [pageTitle(form.instructions.title, t, 0, { pageBreakBefore: true })]
  form.instructions.items.forEach((item, i) => out.push(bodyParagraph([textRun(`${i + 1}. ${item}`, t)], t)))
  out.push(pageTitle(form.pledge.title, t, 24))
  out.push(bodyParagraph([textRun(form.pledge.text, t)], t))
  // Signature and date flush right, as the template sets them under the pledge.
  const right = { alignment: AlignmentType.RIGHT, indent: { right: pt(24), firstLine: 0 } }
  out.push(
    bodyParagraph([textRun(form.pledge.signature, t), textRun(park.park.filler.name, t)], t, {
      ...right,
      spacing: { line: t.line, lineRule: t.lineRule, before: pt(36), after: 0 },
    }),
  )
  out.push(bodyParagraph([textRun(date ? messages.date(date.y, date.m, date.d) : form.pledge.dateLine, t)], t, right))
  // 一、基本信息 starts on a new page; a table cannot carry the break, so an empty 1-pt paragraph does.
  out.push(pageStart())
  return out
}

// ---------------------------------------------------------------------------------------------
// 一、基本信息
// ---------------------------------------------------------------------------------------------

const LABEL = { align: 'center' as const }
const VALUE_CENTER = { align: 'center' as const }

/** A section title row spanning the table (一、基本信息), in the level-1 heading font. */
function titleRow(grid: TableGrid, layout: string, text: string, t: DocxTypography) {
  return row(grid, [{ layout, from: 0, to: grid.slots(layout), content: text, align: 'left', style: { font: titleFont(t) } }], t, { cantSplit: true })
}

/** A label with the template's footnote on it. */
function labelRuns(text: string, t: DocxTypography, notes: Footnotes, footnote?: string): ParagraphChild[] {
  return [textRun(text, t), ...(footnote ? [notes.reference(footnote)] : [])]
}

function basicInfoTable(form: Form, park: ParkData, t: DocxTypography, notes: Footnotes): Table {
  const grid = new TableGrid(TEXT_WIDTH_TWIPS, FORM_LAYOUT.basicInfo)
  const R = 'row'
  const rows = [titleRow(grid, R, form.basicInfo.title, t)]
  const p = park.park
  for (const field of form.basicInfo.fields) {
    const footnote = form.basicInfo.footnotes[field.id]
    const label = (rowSpan = 1): CellSpec => ({ layout: R, from: 0, content: { runs: labelRuns(field.label, t, notes, footnote) }, rowSpan, ...LABEL })
    const sub = (i: number) => field.subfields?.[i] ?? ''
    switch (field.id) {
      case 'park-name':
        rows.push(row(grid, [label(), { layout: R, from: 1, to: 5, content: p.name }], t, { cantSplit: true }))
        break
      case 'lead-industries': {
        const I = 'industries'
        const columns = field.columns ?? []
        const count = Math.max(field.rows ?? 0, p.leadIndustries.length)
        rows.push(
          row(grid, [
            { ...label(count + 1), layout: I },
            ...columns.slice(0, 3).map((c, i): CellSpec => ({ layout: I, from: i + 1, content: c, ...LABEL })),
          ], t, { cantSplit: true }),
        )
        for (let i = 0; i < count; i += 1) {
          const industry = p.leadIndustries[i]
          rows.push(
            row(grid, [
              { layout: I, from: 1, content: String(i + 1), ...VALUE_CENTER },
              { layout: I, from: 2, content: industry?.name ?? '', ...VALUE_CENTER },
              { layout: I, from: 3, content: industry?.subfields.join('、') ?? '', ...VALUE_CENTER },
            ], t, { cantSplit: true }),
          )
        }
        break
      }
      case 'region':
        rows.push(
          row(grid, [
            label(),
            { layout: R, from: 1, content: sub(0), ...LABEL },
            { layout: R, from: 2, content: provinceCity(park), ...VALUE_CENTER },
            { layout: R, from: 3, content: sub(1), ...LABEL },
            { layout: R, from: 4, content: p.county, ...VALUE_CENTER },
          ], t, { cantSplit: true }),
        )
        break
      case 'filler':
        rows.push(
          row(grid, [label(2), { layout: R, from: 1, content: sub(0), ...LABEL }, { layout: R, from: 2, to: 5, content: p.filler.name }], t, { cantSplit: true }),
          row(grid, [
            { layout: R, from: 1, content: sub(1), ...LABEL },
            { layout: R, from: 2, to: 5, content: choices(field.options ?? [], p.filler.category) },
          ], t, { cantSplit: true }),
        )
        break
      case 'leader':
      case 'contact': {
        const person = field.id === 'leader' ? p.leader : p.contact
        rows.push(
          row(grid, [
            label(2),
            { layout: R, from: 1, content: sub(0), ...LABEL },
            { layout: R, from: 2, content: person.name, ...VALUE_CENTER },
            { layout: R, from: 3, content: sub(1), ...LABEL },
            { layout: R, from: 4, content: person.title, ...VALUE_CENTER },
          ], t, { cantSplit: true }),
          row(grid, [
            { layout: R, from: 1, content: sub(2), ...LABEL },
            { layout: R, from: 2, content: person.mobile, ...VALUE_CENTER },
            { layout: R, from: 3, content: sub(3), ...LABEL },
            { layout: R, from: 4, content: person.email, ...VALUE_CENTER },
          ], t, { cantSplit: true }),
        )
        break
      }
      case 'park-intro':
        rows.push(
          row(grid, [label(), { layout: R, from: 1, to: 5, content: { paragraphs: textLines(p.intro).map((line) => bodyParagraph([textRun(line, t)], t)) } }], t),
        )
        break
      default:
        // A field a future template adds: its label, and an empty cell until park data carries it.
        rows.push(row(grid, [label(), { layout: R, from: 1, to: 5, content: '' }], t, { cantSplit: true }))
    }
  }
  return table(grid, rows)
}

// ---------------------------------------------------------------------------------------------
// 二、…创新实践概述
// ---------------------------------------------------------------------------------------------

function overviewTable(form: Form, park: ParkData, practiceName: string, t: DocxTypography, report: (grid: TableGrid) => ReportBlock[]): Table {
  const grid = new TableGrid(TEXT_WIDTH_TWIPS, FORM_LAYOUT.overview)
  const R = 'row'
  const rows = [titleRow(grid, R, form.overview.title, t)]
  const values: Record<string, string> = { 'focus-industry': park.practice.focusIndustry, 'practice-name': practiceName }
  for (const field of form.overview.fields) {
    if (field.id === 'report') {
      rows.push(row(grid, [{ layout: R, from: 0, to: 2, content: field.label, ...LABEL }], t, { cantSplit: true }))
      rows.push(...reportRows(grid, R, report(grid), t))
    } else {
      rows.push(row(grid, [{ layout: R, from: 0, content: field.label, ...LABEL }, { layout: R, from: 1, content: values[field.id] ?? '' }], t, { cantSplit: true }))
    }
  }
  return table(grid, rows)
}

const NO_LINE = { style: BorderStyle.NIL, size: 0, color: 'auto' } as const

/**
 * The report under its label as one table row per paragraph, with no line between the rows, so it reads as the one
 * cell of the template. One cell would hold it all, but inside a cell neither Word nor LibreOffice keeps a heading
 * with the paragraph after it: a heading could end a page. As rows, a heading's row is never split and keeps with
 * the next row (its paragraph's keep-with-next, which is how Word keeps rows together), like a heading of the report.
 */
function reportRows(grid: TableGrid, layout: string, blocks: readonly ReportBlock[], t: DocxTypography): TableRow[] {
  return blocks.map((block, i) => {
    const borders = { ...(i > 0 ? { top: NO_LINE } : {}), ...(i < blocks.length - 1 ? { bottom: NO_LINE } : {}) }
    const keep = block.flow.keepNext === true
    return row(grid, [{ layout, from: 0, to: 2, content: { paragraphs: [block.paragraph] }, borders }], t, keep ? { cantSplit: true } : {})
  })
}

// ---------------------------------------------------------------------------------------------
// 三、工业园区发展情况
// ---------------------------------------------------------------------------------------------

type IndicatorLine = { kind: 'single'; indicator: Indicator } | { kind: 'pair'; left: Indicator; right: Indicator }

/** Rows of a single-period group: pairs in order; text rows, FULL_ROW_INDICATORS and an odd last row alone. */
export function pairIndicators(indicators: readonly Indicator[]): IndicatorLine[] {
  const lines: IndicatorLine[] = []
  let pending: Indicator | undefined
  const alone = (i: Indicator) => i.valueType === 'text' || FULL_ROW_INDICATORS.has(i.key)
  for (const indicator of indicators) {
    if (alone(indicator)) {
      if (pending) lines.push({ kind: 'single', indicator: pending })
      pending = undefined
      lines.push({ kind: 'single', indicator })
    } else if (pending) {
      lines.push({ kind: 'pair', left: pending, right: indicator })
      pending = undefined
    } else {
      pending = indicator
    }
  }
  if (pending) lines.push({ kind: 'single', indicator: pending })
  return lines
}

function indicatorTable(kind: KindSpec, park: ParkData, t: DocxTypography, notes: Footnotes): Table {
  const block = kind.indicatorBlock!
  const grid = new TableGrid(TEXT_WIDTH_TWIPS, FORM_LAYOUT.indicators)
  const rows = [titleRow(grid, 'pair', block.title, t)]
  for (const group of block.groups) {
    const years = group.years ?? block.years
    rows.push(...(years && years.length > 1 ? yearGroupRows(group, years, park, grid, t, notes) : pairGroupRows(group, park, grid, t, notes)))
  }
  return table(grid, rows)
}

/** The group label cell: label (with its footnote) and the period note (（截至2025年12月31日）) below. */
function groupCell(group: IndicatorGroup, layout: string, rowSpan: number, t: DocxTypography, notes: Footnotes): CellSpec {
  const paragraphs = [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: t.line, lineRule: t.lineRule, before: 0, after: 0 }, children: labelRuns(group.label, t, notes, group.footnote) })]
  if (group.note) {
    paragraphs.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: t.line, lineRule: t.lineRule, before: 0, after: 0 }, children: [textRun(group.note, t)] }))
  }
  return { layout, from: 0, content: { paragraphs }, rowSpan }
}

function indicatorLabel(indicator: Indicator, layout: string, from: number, t: DocxTypography, notes: Footnotes, grid: TableGrid): CellSpec {
  const widthEm = (grid.span(layout, from).width - CELL_MARGINS_TWIPS) / (t.sizePt * 20)
  const [name, unit] = splitBeforeUnit(indicator.label, widthEm)
  const runs = unit ? [textRun(name, t), textRun(unit, t, {}, { break: 1 })] : [textRun(name, t)]
  return { layout, from, content: { runs: [...runs, ...(indicator.footnote ? [notes.reference(indicator.footnote)] : [])] }, ...LABEL }
}

/** Word's default left + right cell margins (0.19 cm each). */
const CELL_MARGINS_TWIPS = 216

/**
 * A label whose unit in brackets would be broken across two lines of its cell (主导产业营业收入（亿⏎元）) is broken
 * before the bracket instead: [name, unit]. A label that fits, or whose unit falls whole on one line, stays [label].
 */
export function splitBeforeUnit(label: string, widthEm: number): [string] | [string, string] {
  const open = label.lastIndexOf('（')
  if (open <= 0 || !label.endsWith('）')) return [label]
  const lines = lineOfEachChar(label, 0, widthEm)
  return lines[open] === lines[label.length - 1] ? [label] : [label.slice(0, open), label.slice(open)]
}

function valueCell(indicator: Indicator, value: unknown, layout: string, from: number, to: number, t: DocxTypography, decimals = 0): CellSpec {
  const lines = formatIndicator(indicator, value, decimals)
  if (indicator.valueType === 'text') {
    return { layout, from, to, content: { paragraphs: lines.map((line) => bodyParagraph([textRun(line, t)], t)) } }
  }
  return { layout, from, to, content: lines, align: 'center' }
}

function yearGroupRows(group: IndicatorGroup, years: readonly string[], park: ParkData, grid: TableGrid, t: DocxTypography, notes: Footnotes) {
  const Y = 'years'
  const columns = years.slice(0, 3)
  const header = row(grid, [
    groupCell(group, Y, group.indicators.length + 1, t, notes),
    { layout: Y, from: 1, content: '' },
    ...columns.map((y, i): CellSpec => ({ layout: Y, from: i + 2, content: messages.year(y), ...LABEL })),
  ], t, { cantSplit: true, keepNext: true })
  const body = group.indicators.map((indicator, i) => {
    const values = columns.map((y) => indicatorValue(park, indicator, y))
    // A row's years share its precision: 22.0 beside 22.8 and 21.3, not 22.
    const decimals = rowDecimals(values)
    return row(grid, [
      indicatorLabel(indicator, Y, 1, t, notes, grid),
      ...values.map((value, i) => valueCell(indicator, value, Y, i + 2, i + 3, t, decimals)),
    ], t, { cantSplit: true, keepNext: i < group.indicators.length - 1 })
  })
  return [header, ...body]
}

function pairGroupRows(group: IndicatorGroup, park: ParkData, grid: TableGrid, t: DocxTypography, notes: Footnotes) {
  const P = 'pair'
  const lines = pairIndicators(group.indicators)
  return lines.map((line, i) => {
    const cells: CellSpec[] = i === 0 ? [groupCell(group, P, lines.length, t, notes)] : []
    if (line.kind === 'pair') {
      cells.push(
        indicatorLabel(line.left, P, 1, t, notes, grid),
        valueCell(line.left, indicatorValue(park, line.left), P, 2, 3, t),
        indicatorLabel(line.right, P, 3, t, notes, grid),
        valueCell(line.right, indicatorValue(park, line.right), P, 4, 5, t),
      )
    } else {
      cells.push(indicatorLabel(line.indicator, P, 1, t, notes, grid), valueCell(line.indicator, indicatorValue(park, line.indicator), P, 2, 5, t))
    }
    return row(grid, cells, t, { cantSplit: line.kind === 'pair' || line.indicator.valueType !== 'text', keepNext: i < lines.length - 1 })
  })
}
