import { collectParagraphs, collectRuns, runChildText } from '../model/docx-typography.js'
import { paragraphNumberLabels } from '../ingest/word-numbering.js'
import { childElement, parseXml, type XmlElement, type XmlSourceRange } from '../model/ooxml.js'

/**
 * The map from the checker's text back to word/document.xml. parse-docx.ts gives the checker one line per Word
 * paragraph (the paragraphs joined by '\n'); this walks the same paragraphs and runs (docx-typography.ts
 * `collectParagraphs`, `collectRuns`, `runChildText` — one walk, so the two cannot disagree) with the parser's
 * source positions, so an offset in the text becomes a paragraph, a run, a child of that run (w:t, w:tab, w:sym …)
 * and a character inside it.
 */

/** One child of a w:r and the text it shows, at [start, end) in its paragraph's text. Zero-length children too. */
export interface RunAtom {
  element: XmlElement
  start: number
  end: number
  /** A w:t can be cut anywhere inside; other children (a tab, a symbol) are one unit. */
  splittable: boolean
}

export interface MappedRun {
  element: XmlElement
  start: number
  end: number
  atoms: RunAtom[]
  /** Inside mc:AlternateContent: what Word shows is another copy of the run (mc:Choice), so we never edit it. */
  locked: boolean
}

export interface MappedParagraph {
  element: XmlElement
  /** The paragraph's text exactly as parse-docx.ts gives it to the checker. */
  text: string
  /** Word's automatic number at the start of `text` ('' when none): shown, but in no run, so never cut or changed. */
  label: string
  /** Offset of the paragraph's first character in the joined text. */
  offset: number
  runs: MappedRun[]
  locked: boolean
}

export interface DocxTextMap {
  xml: string
  root: XmlElement
  paragraphs: MappedParagraph[]
  /** The paragraphs' texts joined by '\n': the `source` of the parsed draft. */
  text: string
}

/** The parts that say which automatic number Word shows before a paragraph (word-numbering.ts). */
export interface NumberingParts {
  numbering?: XmlElement
  styles?: XmlElement
}

export function mapDocxText(documentXml: string, numbering: NumberingParts = {}): DocxTextMap {
  const root = parseXml(documentXml, { positions: true })
  const lockedRanges: XmlSourceRange[] = []
  collectAlternateContent(root, lockedRanges)
  const isLocked = (element: XmlElement) => lockedRanges.some((range) => range.start <= sourceOf(element).start && sourceOf(element).end <= range.end)

  const found: { p: XmlElement; inTable: boolean }[] = []
  collectParagraphs(childElement(root, 'w:body'), false, found)
  const labels = paragraphNumberLabels(found.map(({ p }) => p), numbering.numbering, numbering.styles)
  const paragraphs: MappedParagraph[] = []
  let offset = 0
  for (const [index, { p }] of found.entries()) {
    const paragraphLocked = isLocked(p)
    const runs: MappedRun[] = []
    const label = labels[index]!
    let text = label
    for (const r of collectRuns(p)) {
      const start = text.length
      const atoms: RunAtom[] = []
      for (const child of r.children) {
        if (child.name === 'w:rPr') continue
        const shown = runChildText(child)
        atoms.push({ element: child, start: text.length, end: text.length + shown.length, splittable: child.name === 'w:t' && shown.length === child.text.length })
        text += shown
      }
      // Runs without text (a field character, a picture) are kept: they sit between the characters around them.
      runs.push({ element: r, start, end: text.length, atoms, locked: paragraphLocked || isLocked(r) })
    }
    paragraphs.push({ element: p, text, label, offset, runs, locked: paragraphLocked })
    offset += text.length + 1
  }
  return { xml: documentXml, root, paragraphs, text: paragraphs.map((p) => p.text).join('\n') }
}

export function sourceOf(element: XmlElement): XmlSourceRange {
  if (!element.source) throw new Error(`${element.name} was parsed without positions`)
  return element.source
}

function collectAlternateContent(element: XmlElement, into: XmlSourceRange[]): void {
  for (const child of element.children) {
    if (child.name === 'mc:AlternateContent') into.push(sourceOf(child))
    else collectAlternateContent(child, into)
  }
}

/** The paragraph holding global offset `at` (an offset equal to a paragraph's length is its end). */
export function paragraphAt(map: DocxTextMap, at: number): MappedParagraph | undefined {
  let low = 0
  let high = map.paragraphs.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const paragraph = map.paragraphs[middle]!
    if (at < paragraph.offset) high = middle - 1
    else if (at > paragraph.offset + paragraph.text.length) low = middle + 1
    else return paragraph
  }
  return undefined
}

/**
 * Whether a cut at paragraph offset `at` falls between two characters we can separate: not inside a locked run,
 * a tab or symbol, a w:t we cannot map one to one, or a surrogate pair.
 */
export function isCuttable(paragraph: MappedParagraph, at: number): boolean {
  if (at <= 0 || at >= paragraph.text.length) return true
  if (at < paragraph.label.length) return false
  const code = paragraph.text.charCodeAt(at)
  if (code >= 0xdc00 && code <= 0xdfff) return false
  for (const run of paragraph.runs) {
    if (at <= run.start || at >= run.end) continue
    if (run.locked) return false
    return run.atoms.every((atom) => atom.splittable || at <= atom.start || at >= atom.end)
  }
  return true
}
