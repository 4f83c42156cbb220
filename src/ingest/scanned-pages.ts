import { recognizePage, type OcrPage, type OcrRun } from './ocr.js'
import { renderedPages } from './pdf-pages.js'

/**
 * Scanned pages of a PDF read by OCR, with the rules that keep a bad reading out of the corpus:
 *
 * - a short line the recogniser is unsure of (a red seal, a signature, a smudge) is left out: it is not text;
 * - a page whose text as a whole is doubtful is not used at all: the upload is refused with the page numbers, so
 *   the person can rescan them, rather than garbage clauses reaching retrieval and drafts.
 */

/** A line below this confidence and at most SEAL_MAX_CHARS long is a seal or a signature, not text. */
const NOISE_MAX_CONFIDENCE = 0.6
const NOISE_MAX_CHARS = 6
/**
 * A page is doubtful when its characters' mean confidence is below this. PP-OCRv4 reads a clean 150-dpi page of
 * 仿宋 at 0.97–0.99 per line; a 75-dpi or blurred page falls to 0.7–0.8 with one character in ten wrong.
 */
export const MIN_PAGE_CONFIDENCE = 0.9

export interface ScanProgress {
  /** Pages read so far, of `total` scanned pages. */
  done: number
  total: number
  page: number
}

export interface ScannedPagesResult {
  pages: OcrPage[]
  /** Pages whose reading was too doubtful to use. */
  doubtful: number[]
}

export async function readScannedPages(
  data: Uint8Array,
  pages: readonly { page: number; width: number; height: number }[],
  onProgress?: (progress: ScanProgress) => void,
): Promise<ScannedPagesResult> {
  const read: OcrPage[] = []
  const doubtful: number[] = []
  let done = 0
  for await (const rendered of renderedPages(data, pages)) {
    const size = pages.find((p) => p.page === rendered.page)
    const page = await recognizePage(rendered.png, { page: rendered.page, width: size?.width ?? 0, height: size?.height ?? 0, scale: rendered.scale })
    const runs = page.runs.filter((run) => !isNoise(run))
    if (runs.length > 0 && pageConfidence(runs) < MIN_PAGE_CONFIDENCE) doubtful.push(page.page)
    read.push({ ...page, runs })
    onProgress?.({ done: ++done, total: pages.length, page: page.page })
  }
  return { pages: read, doubtful }
}

function isNoise(run: OcrRun): boolean {
  return run.confidence < NOISE_MAX_CONFIDENCE && [...run.text.replace(/\s/g, '')].length <= NOISE_MAX_CHARS
}

/** Mean confidence of the page's characters (each line weighted by its length). */
export function pageConfidence(runs: readonly OcrRun[]): number {
  let chars = 0
  let sum = 0
  for (const run of runs) {
    const n = [...run.text].length
    chars += n
    sum += run.confidence * n
  }
  return chars === 0 ? 0 : sum / chars
}
