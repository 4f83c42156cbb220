import { toChineseNumeral } from '../model/chinese-numerals.js'
import { jsonPath } from '../park/json-path.js'
import { parkDataYear } from '../park/indicator-values.js'
import { INDICATOR_FIELDS } from '../park/park-schema.js'
import { extractChanges, extractNumbers, type TextChange } from '../park/text-numbers.js'
import { phrases } from './phrases.js'
import type { PlanFact, PlanResult, PlanSection } from './plan.js'
import { changeVerb } from './prose.js'
import { derivedByFormula, ensureStop, factSeries, num, paragraph, register, registerDerived, s, type Context, type Line } from './compose-context.js'

/**
 * 三、实践成效 (and 003 发展亮点和成效 / 取得成效): one （一） per result with its 领句, the measure that led to it and
 * every before/after change followed by the change derived.ts computes (实践成效: 突出开展创新实践前后的对比变化).
 */

const BARE_CHANGE = /(提升|提高|增长|增加|上升|下降|降低|减少|缩短|压减)(至|到)(\d+(?:\.\d+)?)/gu

/**
 * Completes “绿电消费占比提升至27.8%” to “由9.5%提升至27.8%” when a fact series of that label ends in that value,
 * then follows every 由A至B with its change from derived.ts: “，提高22.3个百分点” for percentages, “，下降16.7%”
 * otherwise (实践成效: 突出开展创新实践前后的对比变化).
 */
export function completeChanges(ctx: Context, result: PlanResult): { text: string; changes: TextChange[] } {
  const series = factSeries(ctx.park)
  let text = result.text.replace(BARE_CHANGE, (match, verb: string, to: string, value: string, offset: number, whole: string) => {
    const clauseStart = Math.max(...['，', '；', '。', '：'].map((mark) => whole.lastIndexOf(mark, offset - 1) + 1))
    const clause = whole.slice(clauseStart, offset)
    if (/[由从]/.test(clause)) return match
    const unit = extractNumbers(whole.slice(offset + verb.length + to.length))[0]?.unit ?? ''
    for (const [label, points] of series) {
      if (points.length < 2 || !clause.endsWith(label)) continue
      const last = points.at(-1)!.fact
      if (last.value !== Number(value) || last.unit !== unit) continue
      const first = points[0]!.fact
      return `由${num(first.value)}${first.unit}${verb}${to}${value}`
    }
    return match
  })
  const changes = extractChanges(text)
  // Insert from the end so that earlier offsets stay valid.
  for (const change of [...changes].reverse()) {
    const end = change.index + change.raw.length
    if (/^，(?:提高|提升|下降|降低|缩短|减少|压减|增长)/.test(text.slice(end))) continue
    const addition = changeFigureText(ctx, change)
    if (addition) text = text.slice(0, end) + addition + text.slice(end)
  }
  return { text, changes: extractChanges(text) }
}

function changeFigureText(ctx: Context, change: TextChange): string | undefined {
  const a = change.from.value
  const b = change.to.value
  const sub = (n: number) => (n < 0 ? `(${n})` : String(n))
  const verb = changeVerb(change)
  const percent = change.to.unit === '%'
  const figure = percent
    ? derivedByFormula(ctx, 'pp', `${b}-${sub(a)}`)
    : derivedByFormula(ctx, 'rate', `(${b}-${sub(a)})/${sub(a)}×100%`)
  if (!figure || figure.value === 0) return undefined
  registerDerived(ctx, figure)
  const words = percent ? (figure.value > 0 ? '提高' : '下降') : verb
  return phrases.pointChange(words, num(figure.value), percent ? phrases.percentPoints : '%')
}

export function resultLines(ctx: Context, section: PlanSection): Line[] {
  if (!section.results.length) return [paragraph(s(phrases.placeholder(phrases.missing.results)))]
  const measures = new Map(ctx.plan.sections.flatMap((x) => x.measures).map((m) => [m.id, m]))
  const lines: Line[] = []
  const overall = overallParagraph(ctx, section)
  if (overall) lines.push(overall)
  const used = new Set<string>()
  section.results.forEach((r, i) => {
    lines.push({ heading: `（${toChineseNumeral(i + 1)}）${r.heading}` })
    const completed = ctx.results.get(r.id) ?? { text: r.text, changes: [] }
    const text = resultBody(r, completed.text, completed.changes.length ? [] : linkedFacts(ctx, section, completed.text, used))
    const via = r.from.map((id) => measures.get(id)?.heading).filter((h): h is string => Boolean(h))
    const figures = extractNumbers(text).filter((n) => !n.isYear)
    const body = `${via.length ? phrases.resultVia(via.join('、')) : ''}${ensureStop(text)}`
    lines.push(paragraph(s(body), !figures.length && s(phrases.placeholder(phrases.missing.resultFigures))))
  })
  return lines
}

/** A clause of a text with the mark that follows it (，；。 or ''), so that the text can be rebuilt around it. */
interface Piece {
  clause: string
  mark: string
}

function pieces(text: string): Piece[] {
  const out: Piece[] = []
  let depth = 0
  let clause = ''
  for (const ch of text) {
    if ('（(“‘《【「'.includes(ch)) depth += 1
    else if ('）)”’》】」'.includes(ch)) depth = Math.max(0, depth - 1)
    if (depth === 0 && '，；。'.includes(ch)) {
      out.push({ clause, mark: ch })
      clause = ''
    } else {
      clause += ch
    }
  }
  if (clause.trim()) out.push({ clause, mark: '' })
  return out.filter((p) => p.clause.trim())
}

const DATE_OPENING = /^\d{4}年(?:底|末|以来)?，?/u

/**
 * The body of a result under its heading. A heading taken word for word from a clause of the result (a result
 * without a before/after change: “余热回收利用量明显增加”) is not repeated: that clause gives way to the figures of the
 * facts on its subject, or is left out when the rest of the result still says something — and then what it said for
 * the clause after it goes to that clause (keptContext). Facts on the subject of another clause follow that clause.
 */
function resultBody(result: PlanResult, text: string, facts: readonly LinkedFact[]): string {
  const parts = pieces(text)
  const isHeading = (p: Piece) => p.clause.trim().replace(DATE_OPENING, '') === result.heading
  const placed = new Set<LinkedFact>()
  const out: Piece[] = []
  let left: string | undefined
  for (const part of parts) {
    const piece = left === undefined ? part : { clause: keptContext(left, part.clause), mark: part.mark }
    left = undefined
    const mine = facts.filter((f) => !placed.has(f) && piece.clause.includes(f.label))
    mine.forEach((f) => placed.add(f))
    const statements = mine.map((f) => f.statement).join('，')
    if (isHeading(piece) && statements) out.push({ clause: statements, mark: piece.mark })
    else if (isHeading(piece) && parts.length > 1) left = piece.clause.trim()
    else out.push(statements ? { clause: `${piece.clause}，${statements}`, mark: piece.mark } : piece)
  }
  return out.map((p, i) => `${p.clause}${i < out.length - 1 ? p.mark || '，' : ''}`).join('')
}

// The subject of a result clause: a noun phrase naming who (两家钢铁企业, 园区生物医药企业) before what they did or
// became (均通过…, 已完成…, 实现…, 未发生…).
const RESULT_SUBJECT =
  /^([^，；。]{1,16}?(?:企业|公司|集团|园区|工厂|单位|机构|基地|车间|项目))(?=均|都|全部|全面|已|先后|相继|分别|基本|率先|首次|连续|通过|实现|获|被|完成|达到|建成|入选|未|无|共|累计)/u
// A clause that opens with a who of its own (企业用能成本降低, 园区单位能耗…, 省药品监督管理局通报…) needs none.
const OWN_SUBJECT = /^[^，；。]{0,12}?(?:企业|公司|集团|园区|工厂|单位|机构|基地|车间|项目|平台|中心|政府|部门|[局厅委办]|我区|全区|全市)/u

/**
 * A clause of a result read after the clause before it was left out (jifeng-steel: “两家钢铁企业均通过超低排放评估
 * 监测公示，环保绩效评为A级” under the heading of its first clause): it keeps the opening period of the clause left out
 * unless it states its own (“2025年未发生…事故，煤气泄漏险情降至1起” → “2025年煤气泄漏险情降至1起”), and its subject
 * unless it names who of its own (“两家钢铁企业环保绩效评为A级”).
 */
function keptContext(leftOut: string, clause: string): string {
  const date = DATE_OPENING.exec(leftOut)?.[0] ?? ''
  const subject = RESULT_SUBJECT.exec(leftOut.slice(date.length))?.[1] ?? ''
  const trimmed = clause.trim()
  const ownDate = DATE_OPENING.exec(trimmed)?.[0] ?? ''
  const rest = trimmed.slice(ownDate.length)
  const who = subject && !rest.startsWith(subject) && !OWN_SUBJECT.test(rest) ? subject : ''
  return `${ownDate || date}${who}${rest}`
}

const MIN_LABEL = 4

interface LinkedFact {
  label: string
  statement: string
}

/**
 * The facts of the results part (plan: facts no other part states, and the 绿色安全情况 / 实数融合情况 rows) on a
 * subject the result names but gives no figure for, as statements: the change over the series when there are
 * several periods (余热回收利用量由2023年的18万吨蒸汽提升至2025年的42万吨蒸汽，提升133.3%), the value otherwise
 * (2025年余热回收利用量为42万吨蒸汽). Each subject is stated once in the part.
 */
function linkedFacts(ctx: Context, section: PlanSection, text: string, used: Set<string>): LinkedFact[] {
  const stated = new Set(extractNumbers(text).map((n) => `${n.value}|${n.unit}`))
  const groups = new Map<string, PlanFact[]>()
  for (const fact of section.facts) {
    const key = `${fact.label}|${fact.unit}`
    const list = groups.get(key) ?? []
    if (!list.some((f) => f.period === fact.period)) list.push(fact)
    groups.set(key, list)
  }
  const out: LinkedFact[] = []
  for (const [key, points] of groups) {
    const label = points[0]!.label
    // A label of a few characters (产值) would be found in results it is not about.
    if (used.has(key) || label.length < MIN_LABEL || !text.includes(label) || points.some((p) => stated.has(`${p.value}|${p.unit}`))) continue
    const sorted = [...points].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''))
    const first = sorted[0]!
    const last = sorted.at(-1)!
    // Registered with the unit as a reader of the text takes it (42万吨蒸汽 reads 42万吨), so that the figure is traced.
    const ref = (p: PlanFact) => {
      const unit = extractNumbers(`${num(p.value)}${p.unit}`)[0]?.unit ?? p.unit
      register(ctx, { value: p.value, unit, source: p.source.startsWith('$.facts') ? 'fact' : 'indicator', provenance: p.source, label })
    }
    let statement: string
    if (first !== last && first.period && last.period) {
      const down = last.value < first.value
      statement = phrases.seriesChange(label, `${num(first.value)}${first.unit}`, `${num(last.value)}${last.unit}`, down ? '降' : '提升', first.period.slice(0, 4), last.period.slice(0, 4))
      ref(first)
      ref(last)
      const percent = last.unit === '%'
      const figure = ctx.derived.find((d) => d.id === `fact:${label}:${first.period}-${last.period}:${percent ? 'pp' : 'rate'}`)
      if (figure && figure.value !== 0) {
        registerDerived(ctx, figure)
        statement += phrases.pointChange(percent ? (figure.value > 0 ? '提高' : '下降') : down ? '下降' : '提升', num(figure.value), percent ? phrases.percentPoints : '%')
      }
    } else {
      statement = phrases.factLevel(last.period?.slice(0, 4) ?? '', label, `${num(last.value)}${last.unit}`)
      ref(last)
    }
    used.add(key)
    out.push({ label, statement })
  }
  return out
}

/**
 * The park-wide indicators of the kind's 绿色安全情况 / 实数融合情况 the results do not already state: changes
 * where a fact gives the earlier year (单位能耗碳排放 2023 fact → 2025 indicator), levels otherwise. Supporting
 * detail (priority 2).
 */
function overallParagraph(ctx: Context, section: PlanSection): Line | undefined {
  const groups = new Set<string>(
    (ctx.kind.indicatorBlock?.groups ?? []).flatMap((g) => g.indicators.map((i) => i.key.split('.')[0]!)).filter((g) => g === 'green' || g === 'digital'),
  )
  const stated = section.results.map((r) => ctx.results.get(r.id)?.text ?? r.text).join('')
  const series = factSeries(ctx.park)
  const changes: string[] = []
  const levels: string[] = []
  const dataYear = parkDataYear(ctx.park)
  for (const f of INDICATOR_FIELDS) {
    if (!groups.has(f.group) || f.yearly || (f.valueType !== 'number' && f.valueType !== 'count')) continue
    if (f.key === 'digital.digitalInvestmentShare' || f.key.startsWith('green.green')) continue
    const value = (ctx.park.indicators?.[f.group] as Record<string, unknown> | undefined)?.[f.field]
    if (typeof value !== 'number' || stated.includes(f.label)) continue
    const path = jsonPath(['indicators', f.group, f.field])
    const before = series.get(f.label)?.find((p) => p.fact.unit === f.unit && p.fact.period! < dataYear)
    register(ctx, { value, unit: f.unit, source: 'indicator', provenance: path, label: f.label })
    if (before) {
      const fromYear = before.fact.period!.slice(0, 4)
      const down = value < before.fact.value
      let text = phrases.seriesChange(f.label, `${num(before.fact.value)}${f.unit}`, `${num(value)}${f.unit}`, down ? '降' : '提升', fromYear, dataYear)
      const measure = f.percent ? 'pp' : 'rate'
      const figure = ctx.derived.find((d) => d.id === `fact:${f.label}:${before.fact.period}-${dataYear}:${measure}`)
      if (figure && figure.value !== 0) {
        registerDerived(ctx, figure)
        text += phrases.pointChange(f.percent ? (figure.value > 0 ? '提高' : '下降') : down ? '下降' : '提升', num(figure.value), f.percent ? phrases.percentPoints : '%')
      }
      changes.push(text)
    } else {
      levels.push(phrases.levelIs(f.label, `${num(value)}${f.unit}`))
    }
  }
  const sentences = [
    changes.length > 0 && s(phrases.overallChanges(changes.join('；')), 2),
    levels.length > 0 && s(phrases.overallLevels(dataYear, levels.join('，'), changes.length === 0), 2),
  ]
  return sentences.some(Boolean) ? paragraph(...sentences) : undefined
}
