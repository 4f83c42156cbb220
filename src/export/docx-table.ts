import {
  AlignmentType,
  FootnoteReferenceRun,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type ITableCellBorders,
  type ParagraphChild,
} from 'docx'
import { plainParagraph, textRun, textRuns, type DocxTypography, type RunStyle } from './docx-style.js'

/**
 * Tables of the form. The 000/001 form is one grid of label and value cells whose rows split differently
 * (label | value | label | value, or label | 2025年 | 2024年 | 2023年, or 序号 | 主导产业 | 对应细分领域). Each row
 * shape is a *layout*: a list of column widths adding up to the table width. `TableGrid` lays all layouts of a table
 * over one grid — the union of their column boundaries — so every cell is a whole number of grid columns
 * (w:gridSpan) and the w:gridCol widths add up to the table width exactly, as WPS needs (PITFALLS, docx #272).
 */
export class TableGrid {
  /** w:gridCol widths in twips; they add up to `width`. */
  readonly columns: number[]
  private readonly boundaries: number[]
  private readonly layouts: Map<string, number[]>

  constructor(
    readonly width: number,
    layouts: Readonly<Record<string, readonly number[]>>,
  ) {
    this.layouts = new Map()
    const all = new Set<number>([0, width])
    for (const [name, weights] of Object.entries(layouts)) {
      const total = weights.reduce((sum, w) => sum + w, 0)
      let acc = 0
      const edges = [0]
      weights.forEach((w, i) => {
        acc += w
        // The last edge is the table width exactly, whatever the rounding of the others.
        edges.push(i === weights.length - 1 ? width : Math.round((acc / total) * width))
      })
      edges.forEach((e) => all.add(e))
      this.layouts.set(name, edges)
    }
    this.boundaries = [...all].sort((a, b) => a - b)
    this.columns = this.boundaries.slice(1).map((b, i) => b - this.boundaries[i]!)
  }

  /** The grid columns and width covered by slots [from, to) of a layout. */
  span(layout: string, from: number, to = from + 1): { columnSpan: number; width: number } {
    const edges = this.layouts.get(layout)
    if (!edges) throw new Error(`unknown table layout ${layout}`)
    const start = edges[from]
    const end = edges[to]
    if (start === undefined || end === undefined || end <= start) throw new Error(`bad slots ${from}–${to} of layout ${layout}`)
    return { columnSpan: this.boundaries.indexOf(end) - this.boundaries.indexOf(start), width: end - start }
  }

  /** The last slot index + 1 of a layout, for “to the end of the row”. */
  slots(layout: string): number {
    return this.layouts.get(layout)!.length - 1
  }
}

export type Align = 'left' | 'center' | 'justify' | 'right'

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  justify: AlignmentType.JUSTIFIED,
  right: AlignmentType.RIGHT,
} as const

/** Cell content: lines of text (one paragraph each), or paragraphs built by the caller (the report). */
export type CellContent = string | readonly string[] | { paragraphs: readonly Paragraph[] } | { runs: readonly ParagraphChild[] }

export interface CellSpec {
  layout: string
  from: number
  to?: number
  content: CellContent
  rowSpan?: number
  align?: Align
  style?: RunStyle
  /** Edges drawn otherwise than the table's thin single lines (the report's rows have no line between them). */
  borders?: ITableCellBorders
}

/** A paragraph in a cell: the report's line spacing, no first-line indent. */
export function cellParagraph(text: string, t: DocxTypography, align: Align = 'left', style: RunStyle = {}, keepNext = false): Paragraph {
  return plainParagraph(text ? textRuns(text, t, style) : [], t, { alignment: ALIGNMENT[align], ...(keepNext ? { keepNext } : {}) })
}

/**
 * `keepNext` marks the cell's paragraphs “keep with next”, which is how Word keeps table rows on one page with the
 * row after them (a group of indicator rows is not cut from its label).
 */
export function cell(grid: TableGrid, spec: CellSpec, t: DocxTypography, keepNext = false): TableCell {
  const { columnSpan, width } = grid.span(spec.layout, spec.from, spec.to)
  const align = spec.align ?? 'left'
  const content = spec.content
  let children: Paragraph[]
  if (typeof content === 'string') children = [cellParagraph(content, t, align, spec.style, keepNext)]
  else if (Array.isArray(content)) {
    const lines = content as readonly string[]
    children = lines.length ? lines.map((line) => cellParagraph(line, t, align, spec.style, keepNext)) : [cellParagraph('', t, align, {}, keepNext)]
  } else if ('paragraphs' in (content as object)) {
    const paragraphs = (content as { paragraphs: readonly Paragraph[] }).paragraphs
    children = paragraphs.length ? [...paragraphs] : [cellParagraph('', t, align, {}, keepNext)]
  } else {
    const runs = [...(content as { runs: readonly ParagraphChild[] }).runs]
    children = [plainParagraph(runs, t, { alignment: ALIGNMENT[align], ...(keepNext ? { keepNext } : {}) })]
  }
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(columnSpan > 1 ? { columnSpan } : {}),
    ...(spec.rowSpan && spec.rowSpan > 1 ? { rowSpan: spec.rowSpan } : {}),
    ...(spec.borders ? { borders: spec.borders } : {}),
  })
}

export function row(grid: TableGrid, cells: readonly CellSpec[], t: DocxTypography, options: { cantSplit?: boolean; keepNext?: boolean } = {}): TableRow {
  return new TableRow({ children: cells.map((c) => cell(grid, c, t, options.keepNext)), ...(options.cantSplit ? { cantSplit: true } : {}) })
}

/** A fixed-layout table as wide as the grid, with thin single borders (docx's default). */
export function table(grid: TableGrid, rows: readonly TableRow[]): Table {
  return new Table({
    rows: [...rows],
    width: { size: grid.width, type: WidthType.DXA },
    columnWidths: grid.columns,
    layout: TableLayoutType.FIXED,
  })
}

/**
 * The form's footnotes: the template's notes on labels (规范填写工业园区全称; the indicator formulas), as real Word
 * footnotes. Word numbers footnote references by their position in the document, so ids are handed out in
 * document order.
 */
export class Footnotes {
  private readonly notes: string[] = []

  constructor(private readonly t: DocxTypography, private readonly style: { font: string; sizePt: number }) {}

  /** A reference run to a new footnote with this text. */
  reference(text: string): FootnoteReferenceRun {
    this.notes.push(text)
    return new FootnoteReferenceRun(this.notes.length)
  }

  get count(): number {
    return this.notes.length
  }

  /** For `new Document({ footnotes })`: single-spaced, in the body font at the footnote size. */
  options(): Record<string, { children: Paragraph[] }> {
    const out: Record<string, { children: Paragraph[] }> = {}
    this.notes.forEach((text, i) => {
      out[String(i + 1)] = {
        children: [
          new Paragraph({
            spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
            alignment: AlignmentType.JUSTIFIED,
            children: [textRun(` ${text}`, this.t, { font: this.style.font, sizePt: this.style.sizePt })],
          }),
        ],
      }
    })
    return out
  }
}
