import { matchMarker } from './numbering.js'
import { unifyCharacters } from './unify-characters.js'

/**
 * Paragraphs from the positions of text on a page, the way a reader sees them: a PDF's text layer (pdf.js gives
 * every run of text with its position and size) and OCR (every recognised line with its box) both become lines
 * here, and one algorithm turns lines into paragraphs:
 *
 * - lines are the runs on one baseline, left to right; a wide gap inside a line is a table-cell tab;
 * - the body size is the commonest type size; page furniture — smaller type above the first or below the last
 *   body line (browser headers and footers: date, address, "1/6"), and lines repeated at the same page edge on
 *   most pages (running heads) — is dropped;
 * - a paragraph starts at an indented line (the 2-character first-line indent of Chinese documents), after a line
 *   that stops well short of the right margin, at a change of type size, or after a larger vertical gap. A page
 *   break alone does not end a paragraph: a sentence cut by it is joined again. A numbered line (（六）…) after a
 *   line ending a sentence starts one too, even flush with the margin;
 * - the title is the largest type on the first page (its lines joined), when it is larger than the body.
 */

/** One run of text as pdf.js (or OCR) gives it, in page coordinates with y growing downwards. */
export interface TextRun {
  text: string
  x: number
  /** Baseline (PDF text) or box bottom (OCR), from the top of the page. */
  y: number
  width: number
  /** Type size: the run's height. */
  size: number
}

export interface PageRuns {
  /** 1-based page number. */
  page: number
  width: number
  height: number
  runs: TextRun[]
}

export interface Line {
  page: number
  x0: number
  x1: number
  y: number
  size: number
  text: string
}

export interface LaidOutParagraph {
  /** The page the paragraph starts on. */
  page: number
  text: string
  size: number
}

export interface PageLayout {
  title?: string
  paragraphs: LaidOutParagraph[]
}

export function linesOf(page: PageRuns): Line[] {
  const runs = page.runs
    .filter((r) => r.text !== '' && r.size > 0)
    .map((r) => ({ ...r, text: unifyCharacters(r.text) }))
    .sort((a, b) => a.y - b.y || a.x - b.x)
  const lines: { runs: TextRun[]; y: number; size: number }[] = []
  for (const run of runs) {
    // Runs of one line share a baseline; superscripts and mixed fonts shift it a little.
    const line = lines.find((l) => Math.abs(l.y - run.y) <= Math.max(l.size, run.size) * 0.35)
    if (line) {
      line.runs.push(run)
      line.size = Math.max(line.size, run.size)
    } else lines.push({ runs: [run], y: run.y, size: run.size })
  }
  return lines
    .map((line) => {
      const sorted = withoutFootnoteMarks(line.runs).sort((a, b) => a.x - b.x)
      let text = ''
      let end = sorted[0]?.x ?? 0
      for (const run of sorted) {
        const gap = run.x - end
        if (text !== '' && gap > line.size * 2) text += '\t'
        else if (text !== '' && gap > line.size * 0.25 && !/\s$/.test(text)) text += ' '
        text += run.text
        end = Math.max(end, run.x + run.width)
      }
      return { page: page.page, x0: sorted[0]?.x ?? 0, x1: end, y: line.y, size: line.size, text: text.trim() }
    })
    .filter((l) => l.text !== '')
    .sort((a, b) => a.y - b.y)
}

/** A footnote reference as typeset: a small raised number, star or dagger (¹ [1] ① * †). */
const FOOTNOTE_MARK = /^[[(（]?(?:\d{1,3}|[①-⑳*†‡])[\])）]?$/u

/**
 * The runs of a line without its footnote references: small type (at most 3/4 of the line's largest) raised above
 * the line's baseline. The note itself, in small type below the body, is dropped with the page furniture.
 */
function withoutFootnoteMarks(runs: readonly TextRun[]): TextRun[] {
  const main = runs.reduce((a, b) => (b.size > a.size ? b : a))
  return runs.filter(
    (r) => !(FOOTNOTE_MARK.test(r.text.trim()) && r.size <= main.size * 0.75 && r.y < main.y - main.size * 0.12),
  )
}

/** The commonest value of `key` over the lines, weighted by their characters. */
function mode(lines: readonly Line[], key: (l: Line) => number): number {
  const weight = new Map<number, number>()
  for (const l of lines) {
    const k = Math.round(key(l) * 2) / 2
    weight.set(k, (weight.get(k) ?? 0) + l.text.length)
  }
  let best = 0
  let bestWeight = -1
  for (const [k, w] of weight) if (w > bestWeight) [best, bestWeight] = [k, w]
  return best
}

const edgeKey = (text: string): string => text.replace(/\d+/g, '#').replace(/\s+/g, '')

/** Drops headers, footers and page numbers: small type beyond the body, or the same line at the edge of most pages. */
function withoutPageFurniture(pages: readonly Line[][], bodySize: number): Line[][] {
  const isBody = (l: Line): boolean => l.size >= bodySize * 0.8
  const trimmed = pages.map((lines) => {
    const first = lines.findIndex(isBody)
    const last = lines.findLastIndex(isBody)
    if (first < 0) return []
    return lines.filter((l, i) => (i >= first && i <= last) || isBody(l))
  })
  const filled = trimmed.filter((p) => p.length > 0)
  if (filled.length < 2) return trimmed
  const count = new Map<string, number>()
  for (const lines of filled) {
    const edges = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => edgeKey(l.text)))
    for (const k of edges) count.set(k, (count.get(k) ?? 0) + 1)
  }
  const threshold = Math.max(2, Math.ceil(filled.length / 2))
  return trimmed.map((lines) =>
    lines.filter((l, i) => {
      const atEdge = i < 2 || i >= lines.length - 2
      const repeated = (count.get(edgeKey(l.text)) ?? 0) >= threshold && l.text.length <= 120
      return !(atEdge && repeated)
    }),
  )
}

/**
 * Lines that are page furniture wherever they stand at a page's top or bottom, even on a one-page file or in body
 * size (a scan read by OCR has no type sizes to tell them by): page numbers (3, - 3 -, — 3 —, 3/6, 第3页 共6页),
 * a browser's print header (date and time) and footer (the page's address).
 */
const FURNITURE_PATTERNS: readonly RegExp[] = [
  /^[-—–－\s]*\d{1,4}[-—–－\s]*$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^第\s*\d{1,4}\s*页\s*[,，]?\s*(共\s*\d{1,4}\s*页)?$/,
  /^(?:file|https?):\/\/\S+(?:\s+\d{1,4}\s*\/\s*\d{1,4})?$/i,
  /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*[,，]?\s*\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s|$)/i,
]

const isFurnitureText = (text: string): boolean => FURNITURE_PATTERNS.some((p) => p.test(text.replace(/\t/g, ' ').trim()))

function withoutFurnitureLines(pages: readonly Line[][]): Line[][] {
  return pages.map((lines) => lines.filter((l, i) => !((i < 2 || i >= lines.length - 2) && isFurnitureText(l.text))))
}

export function layOut(pages: readonly PageRuns[]): PageLayout {
  const pageLines = pages.map(linesOf)
  const all = pageLines.flat()
  if (all.length === 0) return { paragraphs: [] }
  const bodySize = mode(all, (l) => l.size)
  const kept = withoutPageFurniture(withoutFurnitureLines(pageLines), bodySize)
  const body = kept.flat().filter((l) => Math.abs(l.size - bodySize) <= bodySize * 0.1)
  const left = mode(body.length > 0 ? body : all, (l) => l.x0)
  const rights = body.map((l) => l.x1).sort((a, b) => a - b)
  const right = rights[Math.floor(rights.length * 0.9)] ?? Math.max(...all.map((l) => l.x1))
  const pitches: number[] = []
  for (const lines of kept) {
    for (let i = 1; i < lines.length; i++) {
      const d = (lines[i]?.y ?? 0) - (lines[i - 1]?.y ?? 0)
      if (d > 0) pitches.push(d)
    }
  }
  pitches.sort((a, b) => a - b)
  const pitch = pitches[Math.floor(pitches.length / 2)] ?? bodySize * 1.5

  const paragraphs: LaidOutParagraph[] = []
  let current: { page: number; lines: Line[] } | undefined
  let previous: Line | undefined
  for (const line of kept.flat()) {
    const startsParagraph =
      !previous ||
      line.x0 > left + line.size * 0.8 ||
      previous.x1 < right - previous.size * 1.5 ||
      Math.abs(line.size - previous.size) > Math.min(line.size, previous.size) * 0.1 ||
      (line.page === previous.page && line.y - previous.y > Math.max(pitch * 1.6, line.size * 2.2)) ||
      line.text.includes('\t') ||
      previous.text.includes('\t') ||
      // A numbered heading flush with the margin after a full line that ends a sentence: （六）推动绿色安全发展.
      (matchMarker(line.text) !== null && /[。；：！？]$/.test(previous.text))
    if (startsParagraph || !current) {
      if (current) paragraphs.push(paragraphOf(current.lines, current.page))
      current = { page: line.page, lines: [line] }
    } else current.lines.push(line)
    previous = line
  }
  if (current) paragraphs.push(paragraphOf(current.lines, current.page))
  const title = titleOf(kept[0] ?? [], bodySize)
  return { ...(title ? { title } : {}), paragraphs }
}

function paragraphOf(lines: readonly Line[], page: number): LaidOutParagraph {
  let text = ''
  for (const line of lines) {
    // Latin words wrapped at a line end need their space back; Chinese text joins directly.
    text += /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(line.text) ? ` ${line.text}` : line.text
  }
  return { page, text, size: Math.max(...lines.map((l) => l.size)) }
}

/** The largest type on the first page, when larger than the body, its consecutive lines joined. */
function titleOf(firstPage: readonly Line[], bodySize: number): string | undefined {
  const largest = Math.max(...firstPage.map((l) => l.size))
  if (!(largest > bodySize * 1.15)) return undefined
  const start = firstPage.findIndex((l) => l.size >= largest * 0.95)
  const parts: string[] = []
  for (let i = start; i < firstPage.length && (firstPage[i]?.size ?? 0) >= largest * 0.95; i++) parts.push(firstPage[i]?.text ?? '')
  const title = parts.join('').replace(/\s+/g, '')
  return title.length >= 2 && title.length <= 80 ? title : undefined
}
