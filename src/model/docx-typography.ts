import { readParagraphProps, readRunProps, readStyleSheet, mergeProps, WORD_DEFAULTS, type ParagraphProps, type RunProps, type StyleSheet } from './docx-styles.js'
import { paragraphNumberLabels } from '../ingest/word-numbering.js'
import { childElement, type XmlElement } from './ooxml.js'

/**
 * The paragraphs of a .docx with the formatting Word shows for them (docx-styles.ts resolves the inheritance).
 * mammoth drops fonts, sizes and spacing (PITFALLS “Reading human .docx drafts”), so this reads word/document.xml
 * itself; the same walk gives the text, so paragraph i of this list is line i of the parsed report.
 *
 * What counts as a paragraph, in document order: body paragraphs, and the paragraphs of table cells (row by row,
 * cell by cell), content controls and inserted (tracked) text. Deleted tracked text, field instructions, and text
 * boxes/shapes (w:drawing, w:pict — floating, outside the reading order, and written twice by
 * mc:AlternateContent) are left out.
 */

export type LineRule = 'exact' | 'atLeast' | 'auto'

export interface LineSpacing {
  rule: LineRule
  /** Points for 'exact' (固定值) and 'atLeast' (最小值); a multiple of single spacing for 'auto' (1.5 = 1.5倍行距). */
  value: number
}

export interface DocxRun {
  text: string
  /** Offsets of the run's text in its paragraph's text. */
  start: number
  end: number
  /** The font Chinese characters and full-width punctuation show in. */
  eastAsiaFont: string
  /** The font ASCII characters show in. */
  asciiFont: string
  /** The font other Latin characters (and, without w:hint="eastAsia", “” —— ……) show in. */
  hAnsiFont: string
  sizePt: number
}

export interface DocxParagraph {
  /** 0-based position among all paragraphs, empty ones included; = the line index in the parsed report. */
  index: number
  /**
   * The paragraph's text: tabs as '\t', line breaks (Shift+Enter) as U+2028, never '\n' or '\r'; Word's automatic
   * number (一、 （一） 1. …) first, as the reader sees it (in no run).
   */
  text: string
  styleId?: string
  /** A paragraph of a table cell: tables have their own layout (the template's typography is for the prose). */
  inTable?: true
  lineSpacing: LineSpacing
  /** Spacing before/after in points. Spacing set in lines (段前0.5行) counts 12 pt per line. */
  spaceBeforePt: number
  spaceAfterPt: number
  /** Set when the spacing is in lines (w:beforeLines / w:afterLines), as Word shows it: 0.5 = 0.5行. */
  spaceBeforeLines?: number
  spaceAfterLines?: number
  /** First-line indent in characters (negative = hanging); twips are converted at the paragraph's font size. */
  firstLineIndentChars: number
  /** Runs with text, adjacent runs of identical formatting merged. */
  runs: DocxRun[]
}

export interface DocxParts {
  document: XmlElement
  styles?: XmlElement
  theme?: XmlElement
  settings?: XmlElement
  /** word/numbering.xml: automatic numbering. */
  numbering?: XmlElement
}

const LINE_UNIT_PT = 12
const AUTOSPACING_PT = 14
// Containers whose children are read as if they were in the parent (content controls, tracked insertions, …).
const TRANSPARENT = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:smartTag', 'w:ins', 'w:moveTo', 'w:hyperlink', 'w:fldSimple', 'w:dir', 'w:bdo'])
const TABLE_PARTS = new Set(['w:tbl', 'w:tr', 'w:tc'])

export function readDocxParagraphs(parts: DocxParts): DocxParagraph[] {
  const sheet = readStyleSheet(parts.styles, parts.theme, parts.settings)
  const body = childElement(parts.document, 'w:body')
  const found: { p: XmlElement; inTable: boolean }[] = []
  collectParagraphs(body, false, found)
  const labels = paragraphNumberLabels(found.map(({ p }) => p), parts.numbering, parts.styles)
  return found.map(({ p, inTable }, index) => resolveParagraph(sheet, p, index, inTable, labels[index]!))
}

export function collectParagraphs(element: XmlElement | undefined, inTable: boolean, into: { p: XmlElement; inTable: boolean }[]): void {
  for (const child of element?.children ?? []) {
    if (child.name === 'w:p') into.push({ p: child, inTable })
    else if (TABLE_PARTS.has(child.name)) collectParagraphs(child, true, into)
    else if (TRANSPARENT.has(child.name)) collectParagraphs(child, inTable, into)
    else if (child.name === 'mc:AlternateContent') collectParagraphs(childElement(child, 'mc:Fallback'), inTable, into)
  }
}

function resolveParagraph(sheet: StyleSheet, p: XmlElement, index: number, inTable: boolean, label: string): DocxParagraph {
  const pPr = childElement(p, 'w:pPr')
  const styleId = childElement(pPr, 'w:pStyle')?.attrs['w:val']
  const base = sheet.paragraphBase(styleId)
  const props = mergeProps(base.paragraph, readParagraphProps(pPr))

  const runs: DocxRun[] = []
  let text = label
  for (const r of collectRuns(p)) {
    const runText = runTextOf(r)
    if (!runText) continue
    const rPr = childElement(r, 'w:rPr')
    const runProps: RunProps = mergeProps(mergeProps(base.run, sheet.characterStyle(childElement(rPr, 'w:rStyle')?.attrs['w:val'])), readRunProps(rPr))
    const run: DocxRun = {
      text: runText,
      start: text.length,
      end: text.length + runText.length,
      eastAsiaFont: sheet.fontOf(runProps, 'eastAsia'),
      asciiFont: sheet.fontOf(runProps, 'ascii'),
      hAnsiFont: sheet.fontOf(runProps, 'hAnsi'),
      sizePt: (runProps.sizeHalfPoints ?? WORD_DEFAULTS.sizeHalfPoints) / 2,
    }
    text += runText
    const previous = runs[runs.length - 1]
    if (previous && sameFormatting(previous, run)) {
      previous.text += run.text
      previous.end = run.end
    } else {
      runs.push(run)
    }
  }

  const paragraphSizePt = runs[0]?.sizePt ?? (base.run.sizeHalfPoints ?? WORD_DEFAULTS.sizeHalfPoints) / 2
  const before = spacingOf(props.before, props.beforeLines, props.beforeAutospacing)
  const after = spacingOf(props.after, props.afterLines, props.afterAutospacing)
  return {
    index,
    text,
    ...(styleId ? { styleId } : {}),
    ...(inTable ? { inTable: true as const } : {}),
    lineSpacing: lineSpacingOf(props),
    spaceBeforePt: before.pt,
    spaceAfterPt: after.pt,
    ...(before.lines !== undefined ? { spaceBeforeLines: before.lines } : {}),
    ...(after.lines !== undefined ? { spaceAfterLines: after.lines } : {}),
    firstLineIndentChars: firstLineIndentOf(props, paragraphSizePt),
    runs,
  }
}

/** The runs of a paragraph whose text is visible, in reading order (the same walk for typography and annotation). */
export function collectRuns(element: XmlElement): XmlElement[] {
  const runs: XmlElement[] = []
  for (const child of element.children) {
    if (child.name === 'w:r') runs.push(child)
    else if (TRANSPARENT.has(child.name)) runs.push(...collectRuns(child))
    else if (child.name === 'mc:AlternateContent') {
      const fallback = childElement(child, 'mc:Fallback')
      if (fallback) runs.push(...collectRuns(fallback))
    }
  }
  return runs
}

/** The visible text of one w:r. Deleted text (w:delText) and field instructions (w:instrText) are not visible. */
export function runTextOf(r: XmlElement): string {
  let text = ''
  for (const child of r.children) text += runChildText(child)
  return text
}

/** The visible text one child of a w:r contributes; the annotator maps offsets back to these children. */
export function runChildText(child: XmlElement): string {
  switch (child.name) {
    case 'w:t':
      // One Word paragraph must stay one source line.
      return child.text.replace(/\r\n|[\r\n]/g, ' ')
    case 'w:tab':
    case 'w:ptab':
      return '\t'
    case 'w:br':
      // A page or column break is layout, not text; a line break (Shift+Enter) stays inside the paragraph.
      return ['page', 'column'].includes(child.attrs['w:type'] ?? '') ? '' : '\u2028'
    case 'w:cr':
      return '\u2028'
    case 'w:noBreakHyphen':
      return '\u2011'
    case 'w:sym': {
      const code = Number.parseInt(child.attrs['w:char'] ?? '', 16)
      return Number.isFinite(code) && code > 0 ? String.fromCodePoint(code) : ''
    }
    default:
      return ''
  }
}

function sameFormatting(a: DocxRun, b: DocxRun): boolean {
  return a.eastAsiaFont === b.eastAsiaFont && a.asciiFont === b.asciiFont && a.hAnsiFont === b.hAnsiFont && a.sizePt === b.sizePt
}

function lineSpacingOf(props: ParagraphProps): LineSpacing {
  const line = props.line ?? 240
  if (props.lineRule === 'exact' || props.lineRule === 'atLeast') return { rule: props.lineRule, value: round(line / 20) }
  return { rule: 'auto', value: round(line / 240) }
}

/**
 * w:beforeLines (hundredths of a line) wins over w:before when it is non-zero; Word writes w:beforeLines="0" next
 * to w:before when the user switches from 行 to 磅, so a zero does not override.
 */
function spacingOf(twips: number | undefined, lines: number | undefined, auto: boolean | undefined): { pt: number; lines?: number } {
  if (auto) return { pt: AUTOSPACING_PT }
  if (lines) return { pt: round((lines / 100) * LINE_UNIT_PT), lines: round(lines / 100) }
  return { pt: round((twips ?? 0) / 20) }
}

function firstLineIndentOf(props: ParagraphProps, sizePt: number): number {
  if (props.hangingChars) return round(-props.hangingChars / 100)
  if (props.hanging) return round(-props.hanging / 20 / sizePt)
  if (props.firstLineChars) return round(props.firstLineChars / 100)
  if (props.firstLine) return round(props.firstLine / 20 / sizePt)
  return 0
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
