import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js'
import type { PageRuns, TextRun } from './page-layout.js'

/**
 * A PDF read with pdf.js (the engine pdf-parse wraps; used directly because pdf-parse's text API gives no
 * positions or sizes): every page's text runs with position and type size, for page-layout.ts.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let pdfjs: Promise<PdfJs> | undefined
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'))

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))

/** Why a PDF could not be opened; the caller turns it into a message for the person. */
export class PdfOpenError extends Error {
  constructor(readonly reason: 'encrypted' | 'unreadable', cause?: unknown) {
    super(`PDF ${reason}`, { cause })
    this.name = 'PdfOpenError'
  }
}

export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs()
  const task = getDocument({
    // pdf.js may detach the buffer it is given: hand it a copy so the caller's bytes stay usable.
    data: new Uint8Array(data),
    verbosity: 0,
    isEvalSupported: false,
    // Chinese PDFs made without embedded fonts name Adobe's predefined CMaps (UniGB-UCS2-H …); pdf.js ships them.
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  })
  try {
    return await task.promise
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    throw new PdfOpenError(name === 'PasswordException' ? 'encrypted' : 'unreadable', error)
  }
}

/** The text runs of one page, y measured from the top of the page. */
export async function pageRuns(page: PDFPageProxy): Promise<PageRuns> {
  const viewport = page.getViewport({ scale: 1 })
  const content = await page.getTextContent()
  const runs: TextRun[] = []
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[]
    // Horizontal text only; the vertical size is the length of the matrix's second column.
    if (Math.abs(b) > Math.abs(a)) continue
    const size = Math.hypot(c, d) || item.height
    const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number]
    runs.push({ text: item.str, x, y, width: item.width, size })
  }
  return { page: page.pageNumber, width: viewport.width, height: viewport.height, runs }
}

/** Letters and digits on a page below which it counts as an image (a scan), not text. */
export const MIN_TEXT_CHARS_PER_PAGE = 10

export function meaningfulChars(runs: readonly TextRun[]): number {
  let n = 0
  for (const run of runs) n += run.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0
  return n
}

/** Resolution scanned pages are rendered at for OCR: what a scanner's "document" setting gives, enough for 小四. */
export const OCR_DPI = 150
/** Longest side of a rendered page, whatever its paper size (an A3 page at 150 dpi is 2480 px). */
const MAX_RENDER_PIXELS = 2600

/**
 * The given pages drawn to PNG one at a time (pdf.js with @napi-rs/canvas, through pdf-parse), each with its scale:
 * image pixels per PDF point. pdf.js decodes every image codec scanners write (JPEG, JBIG2, CCITT fax, Flate).
 */
export async function* renderedPages(
  data: Uint8Array,
  pages: readonly { page: number; width: number; height: number }[],
): AsyncGenerator<{ page: number; png: Uint8Array; scale: number }> {
  const { PDFParse } = await import('pdf-parse')
  const parser = new PDFParse({ data: new Uint8Array(data), verbosity: 0 })
  try {
    for (const page of pages) {
      const scale = Math.min(OCR_DPI / 72, MAX_RENDER_PIXELS / Math.max(page.width, page.height, 1))
      const result = await parser.getScreenshot({ partial: [page.page], scale, imageBuffer: true, imageDataUrl: false })
      const shot = result.pages[0]
      if (shot) yield { page: page.page, png: shot.data, scale }
    }
  } finally {
    await parser.destroy().catch(() => undefined)
  }
}

/** Whether a page draws an image (a scanned page is one image; a blank page draws none and needs no OCR). */
export async function drawsImage(page: PDFPageProxy): Promise<boolean> {
  const { OPS } = await loadPdfJs()
  const images = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject])
  const list = await page.getOperatorList()
  return list.fnArray.some((fn) => images.has(fn))
}
