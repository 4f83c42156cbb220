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
