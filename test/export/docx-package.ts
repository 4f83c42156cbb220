import { openZip, type ZipArchive } from '../../src/model/docx-zip.js'
import { readDocxParagraphs, type DocxParagraph } from '../../src/model/docx-typography.js'
import { childElement, childElements, parseXml, type XmlElement } from '../../src/model/ooxml.js'

/**
 * Reads an exported .docx back for the tests: the zip (src/model/docx-zip.ts), the XML parts (src/model/ooxml.ts),
 * the paragraphs with their effective typography (src/model/docx-typography.ts, the same resolution the checker's
 * `format` rule uses) and the tables as grids of cell texts.
 */
export interface DocxPackage {
  zip: ZipArchive
  xml(name: string): XmlElement
  text(name: string): string
  paragraphs: DocxParagraph[]
  tables: TableView[]
}

export function readDocx(bytes: Uint8Array): DocxPackage {
  const zip = openZip(bytes, { maxEntries: 1000, maxUncompressedBytes: 100 * 1024 * 1024 })
  const text = (name: string) => {
    const data = zip.read(name)
    if (!data) throw new Error(`no part ${name}`)
    return new TextDecoder().decode(data)
  }
  const xml = (name: string) => parseXml(text(name))
  const document = xml('word/document.xml')
  const paragraphs = readDocxParagraphs({
    document,
    styles: xml('word/styles.xml'),
    theme: xml('word/theme/theme1.xml'),
    settings: xml('word/settings.xml'),
  })
  const body = childElement(document, 'w:body')!
  return { zip, xml, text, paragraphs, tables: childElements(body, 'w:tbl').map(readTable) }
}

/** All elements named `name` below `element`, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children) {
    if (child.name === name) out.push(child)
    out.push(...descendants(child, name))
  }
  return out
}

/** The text of an element's w:t descendants. */
export function textOf(element: XmlElement): string {
  return descendants(element, 'w:t').map((t) => t.text).join('')
}

export interface CellView {
  /** Paragraph texts joined by '\n'. */
  text: string
  /** First grid column (0-based) and number of grid columns. */
  column: number
  span: number
  /** w:vMerge: 'restart' starts a vertical merge, 'continue' is a covered cell. */
  vMerge?: 'restart' | 'continue'
  element: XmlElement
}

export interface TableView {
  width: number
  gridColumns: number[]
  rows: CellView[][]
}

function readTable(tbl: XmlElement): TableView {
  const tblPr = childElement(tbl, 'w:tblPr')
  const width = Number(childElement(tblPr, 'w:tblW')?.attrs['w:w'])
  const gridColumns = childElements(childElement(tbl, 'w:tblGrid'), 'w:gridCol').map((c) => Number(c.attrs['w:w']))
  const rows = childElements(tbl, 'w:tr').map((tr) => {
    let column = 0
    return childElements(tr, 'w:tc').map((tc) => {
      const tcPr = childElement(tc, 'w:tcPr')
      const span = Number(childElement(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1)
      const merge = childElement(tcPr, 'w:vMerge')
      const cell: CellView = {
        text: childElements(tc, 'w:p').map(textOf).join('\n'),
        column,
        span,
        ...(merge ? { vMerge: merge.attrs['w:val'] === 'restart' ? 'restart' : 'continue' } : {}),
        element: tc,
      }
      column += span
      return cell
    })
  })
  return { width, gridColumns, rows }
}

/** The texts of the cells after the cell whose text is `label` (the first such row in the table). */
export function cellsAfter(table: TableView, label: string): string[] {
  for (const row of table.rows) {
    const at = row.findIndex((c) => c.vMerge !== 'continue' && c.text === label)
    if (at >= 0) return row.slice(at + 1).map((c) => c.text)
  }
  throw new Error(`no cell “${label}” in the table`)
}

/** The cell right after `label` (for rows with label/value pairs). */
export function valueAfter(table: TableView, label: string): string {
  const cells = cellsAfter(table, label)
  if (!cells.length) throw new Error(`no value after “${label}”`)
  return cells[0]!
}
