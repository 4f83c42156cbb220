/**
 * Ingestion benchmark: PDF text extraction → normalization → clause splitting, in pages per second, over the
 * checked-in policy PDF (the same path an upload takes). Also DOCX and report parsing for scale.
 */
import { readFileSync } from 'node:fs'
import { ingestDocument } from '../src/ingest/ingest-document.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { percentile, timeMs, type BenchRow } from './bench-kit.js'

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url))
const ROUNDS = 20

export async function benchIngest(): Promise<BenchRow[]> {
  const pdf = fixture('docs/policy-excerpt.pdf')
  const docx = fixture('docs/policy-excerpt.docx')
  const first = await ingestDocument({ fileName: 'policy.pdf', data: pdf })
  const pages = first.document.pages ?? 1

  const pdfTimes: number[] = []
  for (let i = 0; i < ROUNDS; i += 1) pdfTimes.push(await timeMs(() => ingestDocument({ fileName: 'policy.pdf', data: pdf })))
  const docxTimes: number[] = []
  for (let i = 0; i < ROUNDS; i += 1) docxTimes.push(await timeMs(() => ingestDocument({ fileName: 'policy.docx', data: docx })))

  // A report about three times the 3000-字 limit, parsed and counted: the first step of every check.
  const report = fixture('drafts/nanling-green.txt').toString('utf8').repeat(3)
  const parseTimes: number[] = []
  for (let i = 0; i < 200; i += 1) parseTimes.push(await timeMs(() => reportZishu(parseReport(report))))

  const totalPdfSeconds = pdfTimes.reduce((sum, t) => sum + t, 0) / 1000
  return [
    { name: `PDF ingestion (${pages} pages, extract+normalize+split)`, value: (pages * ROUNDS) / totalPdfSeconds, unit: 'pages/s' },
    { name: 'PDF ingestion p50 per document', value: percentile(pdfTimes, 50), unit: 'ms' },
    { name: 'DOCX ingestion p50 per document', value: percentile(docxTimes, 50), unit: 'ms' },
    { name: 'report parse + 字数 (≈4500字) p50', value: percentile(parseTimes, 50), unit: 'ms' },
  ]
}
