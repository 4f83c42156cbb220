/**
 * Tracked-changes export benchmark (issue 18, item 2): a 3,000-字 report whose 二、（二） was rewritten (heading
 * reworded, a phrase changed, a paragraph added, an inline point of （一） dropped) exported with the changes from
 * the previous version as tracked changes. Timed interleaved: the merge of the two exports alone (trackRevisions),
 * the whole export with `previous` (two exports + merge, what a person waits for), and as baseline the plain export
 * of the same report.
 */
import { exportDraft } from '../src/export/export-draft.js'
import { exportReportDocx } from '../src/export/report-docx.js'
import { getKind } from '../src/kinds/registry.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { trackRevisions } from '../src/review/track-revisions.js'
import { draftOf3000 } from './annotate.js'
import { inProcess, interleave, timingRow, type BenchRow } from './bench-kit.js'

const ROUNDS = 20
const GROUP = '修订稿'

function rewritten(text: string): string {
  return text
    .replace('2. 能碳智管。南岭经济技术开发区数字化能碳管理中心按企业、工序核算碳排放，为企业提供节能诊断。\n', '')
    .replace('打通副产硫酸钠循环链条', '打通副产硫酸钠资源化循环链条')
    .replace('建设年处理12万吨硫酸钠资源化项目', '建成年处理12万吨的硫酸钠资源化利用项目')
    .replace('实现副产固废就地转化。\n', '实现副产固废就地转化。\n园区同步建立固废产生、贮存、利用全过程台账，对32家产废企业实行“一企一档”管理。\n')
}

export async function benchRevisions(): Promise<BenchRow[]> {
  const kind = getKind('innovation-green')
  const previous = parseReport(draftOf3000())
  const current = parseReport(rewritten(previous.source))
  const [before, after] = [await exportReportDocx(previous, kind), await exportReportDocx(current, kind)]
  const zishu = reportZishu(current).total
  const baseline = `export the ${zishu}-字 report`
  const samples = await interleave(
    [
      { name: baseline, run: () => inProcess(() => exportReportDocx(current, kind)) },
      { name: 'merge', run: () => inProcess(() => trackRevisions(before, after)) },
      { name: 'export', run: () => inProcess(() => exportDraft({ doc: current, previous, kindId: kind.id })) },
    ],
    { rounds: ROUNDS },
  )
  const base = { name: baseline, samples: samples.get(baseline)! }
  return [
    timingRow({ group: GROUP, name: baseline, samples: base.samples }),
    timingRow({ group: GROUP, name: 'track the changes of two exports (trackRevisions)', samples: samples.get('merge')!, baseline: base, target: 'p50 ≤ 100 ms', meets: ({ wall }) => wall.p50 <= 100 }),
    timingRow({ group: GROUP, name: 'export with previous (2 exports + merge + check)', samples: samples.get('export')!, baseline: base }),
  ]
}
