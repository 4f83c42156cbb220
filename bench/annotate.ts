/**
 * Annotate benchmark (issue 18): a person's 3,000-字 .docx with planted problems (工信部, a half-width (二), 93.5%
 * against the park's 93.6%) written back with a comment per finding and tracked fixes. Timed interleaved, round
 * by round: annotate alone (findings computed once), the whole check-and-annotate (reviewDocx), and as baseline
 * the parse of the same .docx that any check does anyway. min / p50 / p95 of each, CPU and wall.
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
import { inProcess, interleave, timingRow, type BenchRow } from './bench-kit.js'

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const ROUNDS = 30
const GROUP = '批注稿'
const TARGET_ZISHU = 3000

/** The example draft with its background paragraph repeated until the report is just under 3,000 字, then planted. */
export function draftOf3000(): string {
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

  const zishu = reportZishu(draft.doc).total
  const baseline = `parse the ${zishu}-字 .docx`
  const samples = await interleave(
    [
      { name: baseline, run: () => inProcess(() => loadDraft('草稿.docx', data)) },
      { name: 'annotate', run: () => inProcess(() => annotateDocx(data, findings, { checkedText: draft.doc.source })) },
      { name: 'review', run: () => inProcess(() => reviewDocx('草稿.docx', data, { park })) },
    ],
    { rounds: ROUNDS },
  )
  const base = { name: baseline, samples: samples.get(baseline)! }
  return [
    timingRow({ group: GROUP, name: baseline, samples: base.samples }),
    timingRow({
      group: GROUP,
      name: `write ${findings.length} comments + tracked fixes`,
      samples: samples.get('annotate')!,
      baseline: base,
      target: 'p50 ≤ 100 ms',
      meets: ({ wall }) => wall.p50 <= 100,
    }),
    timingRow({ group: GROUP, name: 'check and annotate (reviewDocx)', samples: samples.get('review')!, baseline: base }),
  ]
}
