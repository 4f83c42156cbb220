/**
 * Where on its page the report is, estimated the way Word lays it out, so a chart can be sized to the space left on
 * the page instead of leaving half a page empty before it. Every report paragraph has the same exact line height
 * (22 pt), so a page holds a fixed number of lines, and a line holds about as many characters as the text block is
 * wide in ems: a Chinese character or full-width mark is 1 em, a Latin letter or digit about ½ em (Times New Roman),
 * a space ¼ em. The estimate is for sizing only — a chart is shrunk only when what is left is comfortably more than
 * it needs — and Word's own pagination (keep-with-next on headings, keep-lines on short paragraphs) is followed.
 */

export interface FlowParagraph {
  text: string
  /** First-line indent in ems (2 for the body and headings, 0 for the title and captions). */
  indentEm: number
  keepNext?: boolean
  keepLines?: boolean
}

export interface PageGeometry {
  /** Height of the text block, twips. */
  heightTwips: number
  /** Width of the text block, twips. */
  widthTwips: number
  /** Exact line height of every paragraph, twips. */
  lineTwips: number
  /** Font size, twips (1 em). */
  emTwips: number
}

/** The width of one character in ems. */
export function charEm(char: string): number {
  const code = char.codePointAt(0)!
  if (code === 0x20) return 0.25
  if (code < 0x7f) return 0.5
  // Latin-1 and general punctuation that Word sets in the Latin font (× ° ·) but “” —— … are full width in Chinese text.
  if (code < 0x2000 && code !== 0xd7 && code !== 0xb7) return 0.5
  return 1
}

/** The line (0-based) each character of `text` falls on: greedy filling of lines `widthEm` wide after an indent. */
export function lineOfEachChar(text: string, indentEm: number, widthEm: number): number[] {
  const lines: number[] = []
  let line = 0
  let used = indentEm
  for (const char of text) {
    const em = charEm(char)
    if (used + em > widthEm + 1e-9 && used > 0) {
      line += 1
      used = 0
    }
    used += em
    for (let i = 0; i < char.length; i += 1) lines.push(line)
  }
  return lines
}

/** Lines a paragraph takes (an empty paragraph takes one). */
export function paragraphLines(text: string, indentEm: number, widthEm: number): number {
  return (lineOfEachChar(text, indentEm, widthEm).at(-1) ?? 0) + 1
}

/** Twips used on the page where the last paragraph ends (0 = that paragraph filled its page exactly). */
export function usedOnLastPage(paragraphs: readonly FlowParagraph[], page: PageGeometry): number {
  const widthEm = page.widthTwips / page.emTwips
  const linesPerPage = Math.floor(page.heightTwips / page.lineTwips)
  let used = 0
  paragraphs.forEach((paragraph, i) => {
    const lines = paragraphLines(paragraph.text, paragraph.indentEm, widthEm)
    const free = linesPerPage - used
    const next = paragraphs[i + 1]
    // Keep with next: this paragraph and the first line of the next one share a page.
    const needed = paragraph.keepLines || paragraph.keepNext ? lines + (paragraph.keepNext && next ? 1 : 0) : 1
    if (needed <= linesPerPage && needed > free && used > 0) used = 0
    used = (used + lines) % linesPerPage
  })
  return used * page.lineTwips
}
