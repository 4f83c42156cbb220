/**
 * `npm run -s eval:real [-- --verbose] [-- --set dev|holdout|dev2|holdout2|holdout3|dev3|holdout4|planted]`: the checker's recall and precision on the
 * real-text set (fixtures/real), per category and per rule, for each set and in total. Prints, never fails: the
 * thresholds are the checker's business (issue 12), this only measures.
 */
import { parseArgs } from 'node:util'
import { CATEGORY_RULES, MARK_CATEGORIES } from './expected-schema.js'
import { SETS, loadRealTexts, type SetName } from './load-real-texts.js'
import { scoreText, summarize, type SetSummary, type TextScore } from './evaluate.js'

const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, set: { type: 'string', multiple: true } } })
// The later held-out batches are printed only when asked for (`--set holdout2`, `--set holdout3`, `--set holdout4`): their numbers are the
// lead's to report, and a default run that shows them invites tuning to them.
const ASKED_FOR_ONLY: readonly SetName[] = ['holdout2', 'holdout3', 'holdout4']
const DEFAULT_SETS = SETS.filter((set) => !ASKED_FOR_ONLY.includes(set))
const sets = (values.set?.length ? values.set : DEFAULT_SETS).filter((s): s is SetName => (SETS as readonly string[]).includes(s))

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : '—')
const pad = (s: string | number, n: number) => String(s).padEnd(n)
const padL = (s: string | number, n: number) => String(s).padStart(n)

function printSummary(title: string, summary: SetSummary): void {
  const { total } = summary
  console.log(`\n## ${title}: ${summary.texts} texts, ${total.marks} marks, ${total.findings} error/warning findings`)
  console.log(`recall ${pct(total.found, total.marks)} (${total.found}/${total.marks}; any rule at the place: ${pct(total.foundByAny, total.marks)})  ` +
    `precision ${pct(total.true + total.otherMark, total.findings)} (${total.true} at a mark of their category + ${total.otherMark} at another mark / ${total.findings}; ` +
    `false alarms on leaveAlone spans: ${total.leaveAlone}, unmarked: ${total.unmarked})`)
  console.log(`\n${pad('category', 18)}${pad('rules', 34)}${padL('marks', 6)}${padL('found', 7)}${padL('recall', 8)}${padL('any', 6)}`)
  for (const category of MARK_CATEGORIES) {
    const t = summary.byCategory.get(category)!
    if (!t.marks) continue
    console.log(`${pad(category, 18)}${pad(CATEGORY_RULES[category].join(','), 34)}${padL(t.marks, 6)}${padL(t.found, 7)}${padL(pct(t.found, t.marks), 8)}${padL(pct(t.foundByAny, t.marks), 6)}`)
  }
  console.log(`\n${pad('rule', 20)}${padL('findings', 9)}${padL('true', 6)}${padL('other', 7)}${padL('leaveAlone', 11)}${padL('unmarked', 9)}${padL('precision', 10)}`)
  for (const [rule, t] of [...summary.byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`${pad(rule, 20)}${padL(t.findings, 9)}${padL(t.true, 6)}${padL(t.otherMark, 7)}${padL(t.leaveAlone, 11)}${padL(t.unmarked, 9)}${padL(pct(t.true + t.otherMark, t.findings), 10)}`)
  }
}

function printDetails(score: TextScore): void {
  const missed = score.marks.filter((m) => !m.found)
  const wrong = score.findings.filter((f) => f.verdict === 'leave-alone' || f.verdict === 'unmarked')
  if (!missed.length && !wrong.length) return
  console.log(`\n### ${score.text.name}${score.text.expected.park ? (score.withData ? ' with park data' : ' without park data') : ''} (kind ${score.text.expected.kind ?? `none → checker chose ${score.kind}`})`)
  for (const { mark, foundByAny, by } of missed) {
    console.log(`  missed  [${mark.category}] ${mark.quote ?? '(document)'}${foundByAny ? `  (pointed at by ${by.join(',')})` : ''}`)
  }
  for (const { finding, verdict } of wrong) {
    console.log(`  ${verdict === 'leave-alone' ? 'FALSE  ' : 'unmarked'} [${finding.rule}/${finding.severity}] ${score.text.body.slice(finding.start, Math.min(finding.end, finding.start + 30)) || '(at ' + finding.start + ')'} — ${finding.message.slice(0, 60)}`)
  }
}

const texts = loadRealTexts(sets)
const broken = texts.filter((text) => text.problems.length)
for (const text of broken) console.error(`${text.name}: ${text.problems.join('; ')}`)
// Real texts are checked as a user without park data checks them; planted drafts come with a park file and are
// checked both ways, since most users start without typing their park's data in.
const withoutData = texts.map((text) => scoreText(text, { withData: false }))
const withData = texts.filter((text) => text.expected.park).map((text) => scoreText(text, { withData: true }))
console.log('# Checker on real texts (fixtures/real)')
for (const set of sets) {
  if (set === 'planted') {
    printSummary('planted, with park data', summarize(withData.filter((s) => s.text.set === set)))
    printSummary('planted, without park data', summarize(withoutData.filter((s) => s.text.set === set)))
  } else printSummary(`${set} (no park data)`, summarize(withoutData.filter((s) => s.text.set === set)))
}
const realSets: SetName[] = sets.filter((s) => s !== 'planted')
if (realSets.length > 1) printSummary(`total (${realSets.join(' + ')})`, summarize(withoutData.filter((s) => realSets.includes(s.text.set))))
if (values.verbose) for (const score of [...withoutData, ...withData]) printDetails(score)
