/**
 * Annotate benchmark (issue 18): a person's 3,000-字 .docx with planted problems (工信部, a half-width (二), 93.5%
 * against the park's 93.6%) written back with a comment per finding and tracked fixes. Timed interleaved, round
 * by round: annotate alone (findings computed once), the whole check-and-annotate (reviewDocx), and as baseline
 * the parse of the same .docx that any check does anyway. min / p50 / p95 of each.
 */
import { readFileSync } from 'node:fs'
import { checkDraft } from '../src/check/check-draft.js'
import { exportReportDocx } from '../src/export/report-docx.js'
import { getKind } from '../src/kinds/registry.js'
import { loadDraft } from '../src/model/load-draft.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { ParkDataSchema } from '../src/park/park-schema.js'
import { annotateDocx } from '../src/review/annotate-docx.js'
import { reviewDocx } from '../src/review/review-docx.js'
import { percentile, timeMs, type BenchRow } from './bench-kit.js'

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const ROUNDS = 30
const TARGET_ZISHU = 3000

/** The example draft with its background paragraph repeated until the report is just under 3,000 字, then planted. */
function draftOf3000(): string {
  const lines = fixture('drafts/nanling-green.txt').split('\n')
  let copies = 0
  const build = (n: number) => [...lines.slice(0, 6), ...Array<string>(n).fill(lines[5]!), ...lines.slice(6)].join('\n')
  while (reportZishu(parseReport(build(copies + 1))).total <= TARGET_ZISHU) copies += 1
  return build(copies)
    .replace('园区先后获评国家级绿色工业园区', '园区先后获评工信部国家级绿色工业园区')
    .replace('\n（二）打通', '\n(二)打通')
    .replace('综合利用率由71.3%提升至93.6%，提高', '综合利用率由71.3%提升至93.5%，提高')
}

export async function benchAnnotate(): Promise<BenchRow[]> {
  const park = ParkDataSchema.parse(JSON.parse(fixture('parks/nanling-green.json')))
  const kind = getKind('innovation-green')
  const text = draftOf3000()
  const data = await exportReportDocx(parseReport(text), kind)
  const draft = await loadDraft('草稿.docx', data)
  const { findings } = checkDraft(draft, { park })

  const samples = { parse: [] as number[], annotate: [] as number[], review: [] as number[] }
  for (let round = -1; round < ROUNDS; round += 1) {
    const parse = await timeMs(() => loadDraft('草稿.docx', data))
    const annotate = await timeMs(() => annotateDocx(data, findings, { checkedText: draft.doc.source }))
    const review = await timeMs(() => reviewDocx('草稿.docx', data, { park }))
    // Round -1 warms up.
    if (round < 0) continue
    samples.parse.push(parse)
    samples.annotate.push(annotate)
    samples.review.push(review)
  }
  const zishu = reportZishu(draft.doc).total
  const rows = (name: string, values: number[], target?: string): BenchRow[] =>
    [0, 50, 95].map((p) => ({ name: `annotate: ${name} ${p === 0 ? 'min' : `p${p}`}`, value: percentile(values, p), unit: 'ms', ...(target && p === 50 ? { target } : {}) }))
  return [
    ...rows(`baseline, parse the ${zishu}-字 .docx`, samples.parse),
    ...rows(`write ${findings.length} comments + fixes`, samples.annotate, '≤ 100 ms'),
    ...rows('check and annotate (reviewDocx)', samples.review),
  ]
}
