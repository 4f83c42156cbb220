import type { ZipArchive } from '../model/docx-zip.js'
import { childElement, parseXml, type XmlElement } from '../model/ooxml.js'
import { NumberingCounter, readNumberingDefinitions, readStyleNumbering } from './word-numbering.js'

/**
 * The text of a .docx as a reader sees it: one paragraph per block (separated by a blank line), with
 *
 * - Word automatic numbering written out (一、 （一） 1. …, see word-numbering.ts), from the paragraph's own
 *   w:numPr or its style's; this must happen before clause splitting, which reads the markers;
 * - footnotes kept as text: the note's body follows its reference as （注：…）, the form the normalizer already
 *   gives converted footnotes;
 * - tables kept as text: one line per row, cells separated by a tab (the normalizer keeps rows apart);
 * - deleted revisions, field codes and the fallback copy of text boxes left out; headers and footers too (they
 *   repeat on every page and carry no clause text).
 */
export function readDocxText(archive: ZipArchive): string {
  const xml = (name: string): XmlElement | undefined => {
    const bytes = archive.read(name)
    return bytes ? parseXml(new TextDecoder().decode(bytes)) : undefined
  }
  const document = xml('word/document.xml')
  if (!document) throw new Error('word/document.xml missing')
  const styles = readStyleNumbering(xml('word/styles.xml'))
  const counter = new NumberingCounter(readNumberingDefinitions(xml('word/numbering.xml')))
  const footnotes = readNotes(xml('word/footnotes.xml'), 'w:footnote')

  const blocks: string[] = []
  const context: WalkContext = { footnotes }

  const paragraph = (p: XmlElement): string => {
    const pPr = childElement(p, 'w:pPr')
    const numPr = childElement(pPr, 'w:numPr')
    const styleId = childElement(pPr, 'w:pStyle')?.attrs['w:val']
    const styleNum = styleId ? styles.get(styleId) : undefined
    const numId = childElement(numPr, 'w:numId')?.attrs['w:val'] ?? styleNum?.numId
    const ilvl = Number(childElement(numPr, 'w:ilvl')?.attrs['w:val'] ?? styleNum?.ilvl ?? 0)
    const text = inlineText(p, context)
    const marker = numId !== undefined ? counter.next(numId, Number.isInteger(ilvl) ? ilvl : 0) : ''
    return marker + text
  }

  const walk = (element: XmlElement): void => {
    for (const child of element.children) {
      if (child.name === 'w:p') blocks.push(paragraph(child))
      else if (child.name === 'w:tbl') {
        for (const row of child.children.filter((c) => c.name === 'w:tr')) {
          const cells = row.children
            .filter((c) => c.name === 'w:tc')
            .map((cell) => cellParagraphs(cell).map(paragraph).join(' ').trim())
          blocks.push(cells.join('\t'))
        }
      } else if (child.name === 'w:sdt') walk(childElement(child, 'w:sdtContent') ?? child)
      else if (child.name === 'w:body' || child.name === 'w:customXml') walk(child)
    }
  }
  walk(childElement(document, 'w:body') ?? document)
  return blocks.join('\n\n')
}

interface WalkContext {
  footnotes: Map<string, string>
}

function cellParagraphs(cell: XmlElement): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of cell.children) {
    if (child.name === 'w:p') out.push(child)
    else if (child.name === 'w:sdt') out.push(...cellParagraphs(childElement(child, 'w:sdtContent') ?? child))
    // A table nested in a cell: its paragraphs, in order.
    else if (child.name === 'w:tbl') for (const tc of descendants(child, 'w:tc')) out.push(...cellParagraphs(tc))
  }
  return out
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children) {
    if (child.name === name) out.push(child)
    else out.push(...descendants(child, name))
  }
  return out
}

const SKIPPED = new Set(['w:pPr', 'w:rPr', 'w:del', 'w:delText', 'w:instrText', 'w:moveFrom', 'mc:Fallback', 'w:fldData'])

/** The visible text inside a paragraph: runs, hyperlinks, inserted revisions, fields' results, text boxes. */
function inlineText(element: XmlElement, context: WalkContext): string {
  let out = ''
  for (const child of element.children) {
    if (SKIPPED.has(child.name)) continue
    switch (child.name) {
      case 'w:t':
        out += child.text
        break
      case 'w:tab':
      case 'w:ptab':
        out += '\t'
        break
      case 'w:br':
      case 'w:cr':
        out += '\n'
        break
      case 'w:noBreakHyphen':
        out += '-'
        break
      case 'w:footnoteReference': {
        const note = context.footnotes.get(child.attrs['w:id'] ?? '')
        if (note) out += `（注：${note}）`
        break
      }
      case 'w:p':
        // A paragraph inside a text box within this paragraph.
        out += `${inlineText(child, context)}\n`
        break
      default:
        out += inlineText(child, context)
    }
  }
  return out
}

/** Footnote (or endnote) bodies by id, separators left out. */
function readNotes(notes: XmlElement | undefined, name: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const note of notes?.children ?? []) {
    if (note.name !== name) continue
    const type = note.attrs['w:type']
    if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue
    const text = note.children
      .filter((c) => c.name === 'w:p')
      .map((p) => inlineText(p, { footnotes: new Map() }).trim())
      .filter((t) => t !== '')
      .join('')
    if (text) map.set(note.attrs['w:id'] ?? '', text)
  }
  return map
}
