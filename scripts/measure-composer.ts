/**
 * The offline composer on parks: the fixture parks, the shared example, the checker team's planted parks and any
 * other park files given. Prints per park: 字数 / limit, measure openings (distinct of all), data items used of
 * those available (facts, numeric indicators, figures written in the descriptive indicator rows), checker errors and
 * warnings. The numbers go into the drafting report (before / after).
 *
 *   npx tsx scripts/measure-composer.ts [park.json …] [--text]
 */
import { readFileSync } from 'node:fs'
import { checkReport } from '../src/check/check-report.js'
import { composeReport } from '../src/draft/compose.js'
import { planDraft } from '../src/draft/plan.js'
import { loadBuiltinCorpus } from '../src/ingest/builtin-corpus.js'
import { parseReport } from '../src/model/parse-report.js'
import { reportZishu } from '../src/model/report-stats.js'
import { kindForPark } from '../src/park/indicator-values.js'
import { INDICATOR_FIELDS, type ParkData } from '../src/park/park-schema.js'
import { extractNumbers } from '../src/park/text-numbers.js'
import { validateParkData } from '../src/park/validate-park.js'
import { ClauseRetriever } from '../src/retrieve/retriever.js'

const args = process.argv.slice(2)
const showText = args.includes('--text')
const files = args.filter((a) => !a.startsWith('--'))
const defaults = [
  'fixtures/parks/nanling-green.json',
  'fixtures/parks/jialan-digital.json',
  'fixtures/parks/lingjiang-green.json',
  'fixtures/parks/lizhou-base.json',
  '/work/shared/examples/park-nanling-green.json',
  'fixtures/real/planted/park-huaicheng-chemical-green.json',
  'fixtures/real/planted/park-tingzhou-digital.json',
  'fixtures/real/derived/park-dongyinggang-digital.json',
  'fixtures/real/derived/park-zhuhai-xincailiao-green.json',
]
const retriever = new ClauseRetriever(loadBuiltinCorpus().clauses)

/** Every datum a report could state: facts, numeric indicator values (per year), numbers of the descriptive rows. */
function available(park: ParkData): { key: string; value: number; unit: string }[] {
  const out: { key: string; value: number; unit: string }[] = []
  park.facts.forEach((f, i) => out.push({ key: `facts[${i}] ${f.label}`, value: f.value, unit: f.unit }))
  for (const f of INDICATOR_FIELDS) {
    const value = (park.indicators?.[f.group] as Record<string, unknown> | undefined)?.[f.field]
    if (typeof value === 'number' && (f.valueType === 'number' || f.valueType === 'count')) out.push({ key: f.key, value, unit: f.unit })
    else if (value && typeof value === 'object') for (const [year, v] of Object.entries(value as Record<string, number>)) out.push({ key: `${f.key}[${year}]`, value: v, unit: f.unit })
    else if (typeof value === 'string') for (const n of extractNumbers(value).filter((x) => !x.isYear)) out.push({ key: `${f.key}: ${n.raw}`, value: n.value, unit: n.unit })
  }
  return out
}

for (const file of files.length ? files : defaults) {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown
  const valid = validateParkData(raw)
  if (!valid.ok) {
    console.log(JSON.stringify({ park: file, invalid: valid.issues.slice(0, 3) }))
    continue
  }
  const park = valid.park
  const kind = kindForPark(park)
  const plan = await planDraft(park, kind, async (q) => retriever.retrieve(q, { top: 6 }))
  const { text } = composeReport(plan, park)
  const doc = parseReport(text)
  const findings = checkReport({ doc, kind, park }).findings
  const written = extractNumbers(text).filter((n) => !n.isYear)
  const data = available(park)
  const used = data.filter((d) => written.some((n) => n.value === d.value && (n.unit === d.unit || !d.unit || d.unit.startsWith(n.unit) || n.unit.startsWith(d.unit) || (d.unit === '个' && n.unit === '家'))))
  const measures = doc.sections.find((x) => /举措|做法/.test(x.path))
  const openings = (measures?.children ?? []).map((c) => {
    const first = c.paragraphs[0]
    return first ? text.slice(first.start, first.end).slice(0, 8) : ''
  })
  console.log(
    JSON.stringify({
      park: file.split('/').pop(),
      kind: kind.id,
      zishu: `${reportZishu(doc).total}/${kind.limits.totalZishu}`,
      openings: `${new Set(openings.map((o) => o.slice(0, 2))).size}/${openings.length}`,
      openingText: openings,
      used: `${used.length}/${data.length}`,
      unused: data.filter((d) => !used.includes(d)).map((d) => d.key),
      errors: findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.section}: ${f.excerpt.slice(0, 40)}`),
      warnings: findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.section}: ${f.excerpt.slice(0, 40)}`),
    }),
  )
  if (showText) console.log(text)
}
