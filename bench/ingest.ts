/**
 * Ingestion benchmark, the path an upload takes (extract → normalize → split):
 * - text PDFs (a 6-page Chromium print, a 2-page LibreOffice export) read by layout, in pages per second, against
 *   a baseline measured in the same rounds: pdf-parse's plain text of the same file (what ingestion used before
 *   it read positions and type sizes);
 * - scanned PDFs read by OCR, in seconds per page, against drawing the same pages without OCR;
 * - DOCX with Word automatic numbering, and report parsing for scale.
 * Rounds are interleaved (each round runs every case once) so a busy machine slows all cases alike.
 */
import { readFileSync } from 'node:fs'
import { PDFParse } from 'pdf-parse'
import { ingestDocument } from '../src/ingest/ingest-document.js'
import { renderedPages } from '../src/ingest/pdf-pages.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { percentile, timeMs, type BenchRow } from './bench-kit.js'

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)))
const ROUNDS = 10
/** OCR takes seconds per page: few rounds (BENCH_OCR_ROUNDS to change). */
const OCR_ROUNDS = Number(process.env.BENCH_OCR_ROUNDS ?? 2)

async function plainText(data: Uint8Array): Promise<void> {
  const parser = new PDFParse({ data: new Uint8Array(data) })
  try {
    await parser.getText()
  } finally {
    await parser.destroy()
  }
}

function spread(name: string, samples: readonly number[], unit: string, per = 1): BenchRow[] {
  return [
    { name: `${name} min`, value: percentile(samples, 0) / per, unit },
    { name: `${name} p50`, value: percentile(samples, 50) / per, unit },
    { name: `${name} p95`, value: percentile(samples, 95) / per, unit },
  ]
}

export async function benchIngest(): Promise<BenchRow[]> {
  const printed = fixture('docs/zhiyin-chromium.pdf')
  const exported = fixture('docs/zhinan-libreoffice.pdf')
  const docx = fixture('docs/zhinan-autonumber.docx')
  const scan = fixture('docs/zhiyin-scan.pdf')
  const printedPages = (await ingestDocument({ fileName: 'printed.pdf', data: printed })).document.pages ?? 1
  const exportedPages = (await ingestDocument({ fileName: 'exported.pdf', data: exported })).document.pages ?? 1

  const layout: number[] = []
  const baseline: number[] = []
  const docxTimes: number[] = []
  for (let i = 0; i < ROUNDS; i += 1) {
    baseline.push(await timeMs(() => plainText(printed)))
    layout.push(await timeMs(() => ingestDocument({ fileName: 'printed.pdf', data: printed })))
    baseline.push(await timeMs(() => plainText(exported)))
    layout.push(await timeMs(() => ingestDocument({ fileName: 'exported.pdf', data: exported })))
    docxTimes.push(await timeMs(() => ingestDocument({ fileName: 'numbered.docx', data: docx })))
  }
  const pagesPerRun = (printedPages + exportedPages) / 2
  const pagesPerSecond = (samples: readonly number[]) => (pagesPerRun * samples.length * 1000) / samples.reduce((a, b) => a + b, 0)

  const scanPages = [1, 2].map((page) => ({ page, width: 612, height: 792 }))
  const ocr: number[] = []
  const drawOnly: number[] = []
  for (let i = 0; i < OCR_ROUNDS; i += 1) {
    drawOnly.push(
      await timeMs(async () => {
        for await (const _page of renderedPages(scan, scanPages)) void _page
      }),
    )
    ocr.push(await timeMs(() => ingestDocument({ fileName: 'scan.pdf', data: scan })))
  }

  // A report about three times the 3000-字 limit, parsed and counted: the first step of every check.
  const report = new TextDecoder().decode(fixture('drafts/nanling-green.txt')).repeat(3)
  const parseTimes: number[] = []
  for (let i = 0; i < 200; i += 1) parseTimes.push(await timeMs(() => reportZishu(parseReport(report))))

  return [
    { name: 'text PDF by layout (pdf.js positions), mean', value: pagesPerSecond(layout), unit: 'pages/s' },
    { name: 'text PDF, baseline: pdf-parse plain text, mean', value: pagesPerSecond(baseline), unit: 'pages/s' },
    ...spread('text PDF by layout, per page', layout, 'ms', pagesPerRun),
    ...spread('text PDF baseline, per page', baseline, 'ms', pagesPerRun),
    ...spread('scanned PDF by OCR, per page', ocr, 's', 2 * 1000),
    ...spread('scanned PDF, baseline: drawing the page only', drawOnly, 's', 2 * 1000),
    ...spread('DOCX with automatic numbering, per document', docxTimes, 'ms'),
    { name: 'report parse + 字数 (≈4500字) p50', value: percentile(parseTimes, 50), unit: 'ms' },
  ]
}
