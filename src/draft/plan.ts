import { z } from 'zod'
import { SectionRoleSchema, type KindSpec, type SectionRole, type SectionSpec } from '../kinds/kind-spec.js'
import { deriveFigures, type DerivedFigure } from '../park/derived.js'
import { jsonPath } from '../park/json-path.js'
import { parkDataYear } from '../park/indicator-values.js'
import { INDICATOR_FIELDS, type ParkData } from '../park/park-schema.js'
import { extractChanges, extractNumbers } from '../park/text-numbers.js'
import { measureHeading, parkTextReader, problemName, resultHeading, tidyParkText } from './prose.js'

/**
 * The drafting plan: for each part of the report, what it must say (the kind's guidance), which problems, measures,
 * results, facts and derived figures feed it, the policy clauses each measure aligns with, and a 字数 budget.
 * Both writers start from it — the offline composer (compose.ts) and the LLM chain (llm*.ts) — so it is data, not
 * prose: every number in it carries the JSON path or derived-figure id it comes from.
 *
 * Budgets answer the pitfall that length targets given only in a prompt are not met: they are fixed here, sum to at
 * most `totalBudget` (= BUDGET_SHARE of the kind's limit, leaving a margin under “3000字以内”), and are enforced
 * after writing.
 */

/** Share of the kind's 字数 limit the plan spends, leaving room for headings and a human's edits. */
export const BUDGET_SHARE = 0.9

/** A policy clause a measure aligns with; `path` is its citation, e.g. 《工业园区高质量发展指引》二（六）14. */
export const PlanClauseSchema = z.object({ path: z.string(), text: z.string() })
export type PlanClause = z.infer<typeof PlanClauseSchema>

export const PlanProblemSchema = z.object({
  id: z.string(),
  /** The problem as the park data states it, with official full names. */
  text: z.string(),
  /** Its short name, e.g. 能源结构偏煤、碳排放强度偏高 (the part before the colon). */
  name: z.string(),
})
export type PlanProblem = z.infer<typeof PlanProblemSchema>

export const PlanMeasureSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Suggested （一） heading: a verb–object phrase taken from the measure, e.g. 建设“源网荷储”一体化绿色微电网. */
  heading: z.string(),
  /** Problem ids it addresses (问题导向). */
  addresses: z.array(z.string()),
  /** The best-matching policy clauses, at most two, best first. */
  clauses: z.array(PlanClauseSchema),
  /** Result ids it produced (实践成效). */
  results: z.array(z.string()),
})
export type PlanMeasure = z.infer<typeof PlanMeasureSchema>

export const PlanResultSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Suggested （一） heading (领句), e.g. 工业固体废弃物综合利用率大幅提升. */
  heading: z.string(),
  /** Measure ids it came from. */
  from: z.array(z.string()),
})
export type PlanResult = z.infer<typeof PlanResultSchema>

/** A number the section may state: a fact or an indicator value, with the JSON path it comes from. */
export const PlanFactSchema = z.object({
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  period: z.string().optional(),
  /** JSON path in the park data, e.g. $.facts[3].value or $.indicators.scale.revenue['2025']. */
  source: z.string(),
})
export type PlanFact = z.infer<typeof PlanFactSchema>

/** A computed comparison (src/park/derived.ts) the section may state, with its formula. */
export const PlanFigureSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Signed: a decrease is negative. */
  value: z.number(),
  unit: z.string(),
  formula: z.string(),
})
export type PlanFigure = z.infer<typeof PlanFigureSchema>

/** A descriptive indicator row (安全生产体系建设情况, 数字化管理服务平台建设运行情况 …) the section may use. */
export const PlanNoteSchema = z.object({ label: z.string(), text: z.string(), source: z.string() })
export type PlanNote = z.infer<typeof PlanNoteSchema>

export const PlanSectionSchema = z.object({
  /** Section path as the parser writes it, e.g. 一、背景介绍. */
  path: z.string(),
  marker: z.string(),
  heading: z.string(),
  /** background / measures / results (000/001); overview / highlights / practices / problems (003). */
  role: SectionRoleSchema,
  /** 字数 for the whole section, heading and sub-sections included. */
  budget: z.number().int().nonnegative(),
  /** What the section must say: the template's guidance, verbatim. */
  guidance: z.string(),
  /** The template's 一是/二是/三是 parts of 背景介绍 (000/001), when it has them. */
  parts: z.array(z.string()).default([]),
  /** How each item is written, e.g. 领句+具体内容 (003). */
  itemStyle: z.string().optional(),
  /** 背景: the problems to analyse; 举措 and 成效: the problems to answer (对应上文提出的发展问题). */
  problems: z.array(PlanProblemSchema),
  /** 举措 only. */
  measures: z.array(PlanMeasureSchema),
  /** 成效 only. */
  results: z.array(PlanResultSchema),
  /**
   * 背景: the development base (整体规模, 土地利用, 企业培育, green titles held, the focus industry's own revenue) and
   * the facts the problems state; 举措: the facts the measures state (capacities, counts); 成效: the state indicators of
   * 绿色安全情况 / 实数融合情况 and every before/after fact series.
   */
  facts: z.array(PlanFactSchema),
  /** 背景: growth of 营业收入 and the lead-industry share; 成效: the changes of the results and fact series. */
  figures: z.array(PlanFigureSchema),
  /** 背景: the introduction and the titles held; 举措: the descriptive indicator rows (安全生产体系建设情况 …). */
  notes: z.array(PlanNoteSchema).default([]),
})
export type PlanSection = z.infer<typeof PlanSectionSchema>

export const DraftPlanSchema = z.object({
  /** Kind id, e.g. innovation-green. */
  kind: z.string(),
  /** The report's title (创新实践名称, or the kind's title template filled in). */
  title: z.string(),
  parkName: z.string(),
  /** 000/001 填写要求2: 全篇内容聚焦工业园区其中1个主导产业. */
  focusIndustry: z.string(),
  /** The kind's direction (000/001 方向参考), e.g. 推动绿色安全发展 with its clause in 004. */
  direction: z.object({ name: z.string(), clause: z.string().optional() }).optional(),
  abstract: z.object({
    required: z.boolean(),
    label: z.string(),
    budget: z.number().int().nonnegative(),
    /** What the abstract must state, one point per entry (focus, problems, measures, key before/after figures). */
    points: z.array(z.string()),
  }),
  sections: z.array(PlanSectionSchema),
  /** Official full names to use, with the short forms that must not appear (000/001 填写要求1). */
  entities: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
  /** Sum of the budgets (abstract included); at most BUDGET_SHARE × limit. */
  totalBudget: z.number().int().nonnegative(),
  /** The kind's 字数 limit (000/001: 3000字以内). */
  limit: z.number().int().positive(),
})
export type DraftPlan = z.infer<typeof DraftPlanSchema>

/** What a retrieval callback returns: a RetrievalResult or a Clause will do. */
export interface ClauseLike {
  path: string
  text: string
  source?: string
}

export type ClausesFor = (query: string) => Promise<readonly ClauseLike[]>

/** Clauses kept per measure. */
export const CLAUSES_PER_MEASURE = 2

// The built-in corpus also holds the templates' own 填写要求 and 示例 (fixtures/policies/manifest.json) so that
// “what does the template ask” can be answered; a measure aligns with policy, not with the form's instructions.
const FORM_INSTRUCTIONS = /填写要求|示例|工规函/

// Relative weights of the parts of a kind without per-part length guidance (000/001 give only “3000字以内”):
// 创新举措 is 本部分是报告的核心内容; 背景 and 成效 share the rest; the abstract is 言简意赅.
const ROLE_WEIGHTS: Readonly<Record<SectionRole, number>> = {
  background: 25,
  overview: 15,
  measures: 42,
  practices: 35,
  results: 25,
  highlights: 30,
  problems: 12,
  suggestions: 8,
}
const ABSTRACT_WEIGHT = 8

const messages = {
  focus: (park: string, industry: string) => `聚焦${industry}主导产业（${park}）`,
  problems: (names: string) => `问题：${names}`,
  measures: (headings: string) => `举措：${headings}`,
  result: (text: string) => `成效：${text}`,
}

/**
 * Builds the plan. Pure apart from `clausesFor`, called once per measure with the measure's text; it should return a
 * few more than CLAUSES_PER_MEASURE, because clauses of the templates' own instructions are dropped.
 */
export async function planDraft(park: ParkData, kind: KindSpec, clausesFor: ClausesFor): Promise<DraftPlan> {
  const entities = park.entities
  const parkName = park.park.name
  // Every park text once, tidied and with full names: a note pasted from Word reads as one paragraph.
  const full = parkTextReader(park)
  const derived = deriveFigures(park)

  const problems: PlanProblem[] = park.practice.problems.map((p) => {
    const text = full(p.text)
    return { id: p.id, text, name: problemName(text) }
  })
  const results: PlanResult[] = park.practice.results.map((r) => {
    const text = full(r.text)
    return { id: r.id, text, heading: resultHeading(text), from: r.from }
  })
  const measures: PlanMeasure[] = []
  const inDirection = directionFilter(kind)
  for (const m of park.practice.measures) {
    const text = full(m.text)
    // The measure with the problems it answers: 问题导向, and the problem's words (碳排放, 隐患) name the policy area.
    const addressed = park.practice.problems.filter((p) => m.addresses.includes(p.id)).map((p) => tidyParkText(p.text))
    const found = (await clausesFor([tidyParkText(m.text), ...addressed].join('\n'))).filter((c) => !FORM_INSTRUCTIONS.test(c.source ?? c.path))
    const clauses = [...found.filter(inDirection), ...found.filter((c) => !inDirection(c))]
      .slice(0, CLAUSES_PER_MEASURE)
      .map((c) => ({ path: c.path, text: c.text }))
    measures.push({
      id: m.id,
      text,
      heading: measureHeading(text, entities),
      addresses: m.addresses,
      clauses,
      results: park.practice.results.filter((r) => r.from.includes(m.id)).map((r) => r.id),
    })
  }

  const facts = assignFacts(park)
  const limit = kind.limits.totalZishu
  const totalBudget = Math.floor(limit * BUDGET_SHARE)
  const abstractRequired = kind.abstract.required
  // 000/001 and 003 mark every part required; an optional part is left to the writer's judgment, not planned.
  const specs = kind.sections.filter((spec) => spec.required)
  const budgets = sectionBudgets(kind, specs, totalBudget, { measures: measures.length, results: results.length })

  const sections: PlanSection[] = specs.map((spec, i) => {
    const role = spec.role
    const feeds = sectionFeeds(role)
    return {
      path: `${spec.marker}${spec.heading}`,
      marker: spec.marker,
      heading: spec.heading,
      role,
      budget: budgets.sections[i]!,
      guidance: spec.guidance,
      parts: role === 'background' ? (kind.backgroundGuidance?.parts.map((p) => `${p.marker}${p.text}`) ?? []) : [],
      ...(spec.itemStyle ? { itemStyle: spec.itemStyleGuidance ?? spec.itemStyle } : {}),
      problems: feeds.problems ? problems : [],
      measures: feeds.measures ? measures : [],
      results: feeds.results ? results : [],
      facts: [
        ...(feeds.base ? indicatorFacts(park, 'base') : []),
        ...(feeds.factSection === 'results' ? indicatorFacts(park, 'outcome') : []),
        ...facts[feeds.factSection],
      ],
      figures: figuresFor(role, park, derived),
      notes: feeds.base || feeds.measures ? notesFor(park, feeds.base ? 'base' : 'measures') : [],
    }
  })

  const title = titleOf(kind, park)
  const points = abstractRequired
    ? [
        messages.focus(parkName, park.practice.focusIndustry),
        ...(problems.length ? [messages.problems(problems.map((p) => p.name).join('；'))] : []),
        ...(measures.length ? [messages.measures(measures.map((m) => m.heading).join('；'))] : []),
        ...results.slice(0, 3).map((r) => messages.result(r.text)),
      ]
    : []

  return DraftPlanSchema.parse({
    kind: kind.id,
    title,
    parkName,
    focusIndustry: park.practice.focusIndustry,
    ...(kind.directionReference?.direction ? { direction: kind.directionReference.direction } : {}),
    abstract: { required: abstractRequired, label: kind.abstract.label ?? '【摘要】', budget: budgets.abstract, points },
    sections,
    entities: entities.map((e) => ({ name: e.name, aliases: e.aliases })),
    totalBudget: budgets.abstract + budgets.sections.reduce((a, b) => a + b, 0),
    limit,
  })
}

/**
 * The title: 创新实践名称 for the innovation kinds and 003 附件3, the kind's fixed title (XX示范基地…) otherwise; with
 * official full names, since the requirement of full names makes no exception for the title. A name that already
 * holds the word after XX (国家新型工业化产业示范基地（电子信息·赣南）) stands for both: the title does not repeat 示范基地.
 */
function titleOf(kind: KindSpec, park: ParkData): string {
  const name = park.park.name
  if (kind.title.template) {
    return kind.title.template.replace(/XX(\p{Script=Han}*)/gu, (_, after: string) => {
      // The longest word of at least four characters the title puts after the name and the name already holds.
      for (let n = after.length; n >= 4; n -= 1) if (name.includes(after.slice(0, n))) return `${name}${after.slice(n)}`
      return `${name}${after}`
    })
  }
  return parkTextReader(park)(park.practice.title)
}

/**
 * Clauses of the kind's own direction (000/001 方向参考: 促进实数深度融合 = 004 二（五）, 推动绿色安全发展 = 二（六）,
 * and the clauses of its sub-directions) rank before other retrieved clauses: the practice is submitted under that
 * direction, so a measure is best aligned with a clause of it when retrieval found one.
 */
export function directionFilter(kind: KindSpec): (clause: ClauseLike) => boolean {
  const reference = kind.directionReference
  const prefixes = [
    ...(reference?.direction?.clause ? [reference.direction.clause] : []),
    ...(reference?.subDirections.flatMap((d) => d.clauses) ?? []),
  ]
  // 二（六） covers 二（六）14; 二（一）2 must not cover 二（一）20.
  return (clause) => prefixes.some((prefix) => clause.path.startsWith(prefix) && !/^\d/.test(clause.path.slice(prefix.length)))
}

interface Feeds {
  problems: boolean
  measures: boolean
  results: boolean
  /** The park's development base (indicators, honours). */
  base: boolean
  factSection: FactSection
}

/** Which park data feeds a part of the template, by its role. */
function sectionFeeds(role: SectionRole): Feeds {
  switch (role) {
    case 'background':
      return { problems: true, measures: false, results: false, base: true, factSection: 'background' }
    case 'overview':
      return { problems: false, measures: false, results: false, base: true, factSection: 'none' }
    case 'measures':
    case 'practices':
      return { problems: true, measures: true, results: false, base: false, factSection: 'measures' }
    case 'results':
    case 'highlights':
      return { problems: true, measures: false, results: true, base: false, factSection: 'results' }
    case 'problems':
    case 'suggestions':
      // 003 附件2 四、存在的问题及建议 asks for today's problems; practice.problems are the ones the practice solved.
      return { problems: false, measures: false, results: false, base: false, factSection: 'none' }
  }
}

/**
 * Budgets per part. A part with length guidance (003: 300字左右; 3-5个方面，每个方面200字左右) gets it; the others
 * share what is left by ROLE_WEIGHTS. When the parts ask for more than the total, all are scaled down.
 */
function sectionBudgets(
  kind: KindSpec,
  specs: readonly SectionSpec[],
  total: number,
  counts: { measures: number; results: number },
): { abstract: number; sections: number[] } {
  const items = (spec: SectionSpec) =>
    spec.role === 'measures' || spec.role === 'practices' ? counts.measures : spec.role === 'results' || spec.role === 'highlights' ? counts.results : 0
  const guided = specs.map((spec) => {
    const g = spec.lengthGuidance
    if (g.target) return g.target
    if (g.perItem?.target) return g.perItem.target * Math.min(g.perItem.maxItems, Math.max(g.perItem.minItems, items(spec)))
    if (g.max) return g.max
    return undefined
  })
  const abstractWeight = kind.abstract.required ? ABSTRACT_WEIGHT : 0
  const guidedSum = guided.reduce<number>((sum, g) => sum + (g ?? 0), 0)
  const freeWeights = specs.map((spec, i) => (guided[i] === undefined ? ROLE_WEIGHTS[spec.role] : 0))
  const weightSum = freeWeights.reduce((a, b) => a + b, 0) + abstractWeight
  const free = Math.max(0, total - guidedSum)
  let abstract = weightSum ? Math.floor((free * abstractWeight) / weightSum) : 0
  let sections = specs.map((_, i) => guided[i] ?? Math.floor((free * freeWeights[i]!) / weightSum))
  const sum = abstract + sections.reduce((a, b) => a + b, 0)
  if (sum > total) {
    const scale = total / sum
    abstract = Math.floor(abstract * scale)
    sections = sections.map((b) => Math.floor(b * scale))
  }
  return { abstract, sections }
}

// ---------------------------------------------------------------------------------------------
// Facts, indicators and figures per part
// ---------------------------------------------------------------------------------------------

type FactSection = 'background' | 'measures' | 'results' | 'none'

/**
 * Each fact goes where the practice text that states it is (a problem → 背景, a measure → 举措, a result → 成效).
 * A fact no text states goes by its shape: a before/after series → 成效; an earlier single period → 背景;
 * no period (a capacity, a count of what was built) → 举措.
 */
function assignFacts(park: ParkData): Record<FactSection, PlanFact[]> {
  const out: Record<FactSection, PlanFact[]> = { background: [], measures: [], results: [], none: [] }
  const stated = (texts: readonly string[]) => texts.flatMap((t) => extractNumbers(t)).map((n) => `${n.value}|${n.unit}`)
  const inProblems = new Set(stated(park.practice.problems.map((p) => p.text)))
  const inMeasures = new Set(stated(park.practice.measures.map((m) => m.text)))
  const inResults = new Set(stated(park.practice.results.map((r) => r.text)))
  const periods = new Map<string, number>()
  for (const f of park.facts) if (f.period) periods.set(f.label, (periods.get(f.label) ?? 0) + 1)
  const focusName = park.practice.focusIndustry.replace(/产业$/, '')
  const latest = park.facts.reduce((max, f) => (f.period && f.period > max ? f.period : max), parkDataYear(park))

  park.facts.forEach((fact, i) => {
    const entry: PlanFact = {
      label: fact.label, value: fact.value, unit: fact.unit, ...(fact.period ? { period: fact.period } : {}),
      source: jsonPath(['facts', i, 'value']),
    }
    const key = `${fact.value}|${fact.unit}`
    const series = (periods.get(fact.label) ?? 0) > 1
    let section: FactSection
    if (fact.label.includes(focusName) && /营业收入|营收/.test(fact.label)) section = 'background'
    else if (inResults.has(key) && (series || !inProblems.has(key))) section = 'results'
    else if (inProblems.has(key)) section = 'background'
    else if (inMeasures.has(key)) section = 'measures'
    else if (series) section = 'results'
    else if (fact.period && fact.period < latest.slice(0, fact.period.length)) section = 'background'
    else if (fact.period) section = 'results'
    else section = 'measures'
    out[section].push(entry)
  })
  return out
}

// 绿色安全情况 rows that describe the base (titles held) rather than the state the practice changed.
const BASE_ROWS: ReadonlySet<string> = new Set(['green.greenFactories', 'green.greenSupplyChain'])

/**
 * Indicator values as facts. 'base': 整体规模, 土地利用 and 企业培育 (all years) and the green titles held — the
 * development base of 背景介绍. 'outcome': the other rows of 绿色安全情况 / 实数融合情况, which describe the state
 * the practice changed and belong to 实践成效.
 */
function indicatorFacts(park: ParkData, which: 'base' | 'outcome'): PlanFact[] {
  const out: PlanFact[] = []
  for (const f of INDICATOR_FIELDS) {
    const base = ['scale', 'land', 'enterprises'].includes(f.group) || BASE_ROWS.has(f.key)
    if (base !== (which === 'base')) continue
    if (f.valueType !== 'number' && f.valueType !== 'count') continue
    const value = (park.indicators?.[f.group] as Record<string, unknown> | undefined)?.[f.field]
    if (value && typeof value === 'object') {
      for (const [year, v] of Object.entries(value as Record<string, number>).sort(([a], [b]) => b.localeCompare(a))) {
        out.push({ label: f.label, value: v, unit: f.unit, period: year, source: jsonPath(['indicators', f.group, f.field, year]) })
      }
    } else if (typeof value === 'number') {
      out.push({ label: f.label, value, unit: f.unit, period: parkDataYear(park), source: jsonPath(['indicators', f.group, f.field]) })
    }
  }
  return out
}

/** Descriptive indicator rows: the base (titles) for 背景, the system descriptions for 举措. */
function notesFor(park: ParkData, where: 'base' | 'measures'): PlanNote[] {
  const full = parkTextReader(park)
  const out: PlanNote[] = []
  for (const f of INDICATOR_FIELDS) {
    const value = (park.indicators?.[f.group] as Record<string, unknown> | undefined)?.[f.field]
    if (where === 'measures' && f.valueType === 'text' && typeof value === 'string' && value.trim()) {
      out.push({ label: f.label, text: full(value), source: jsonPath(['indicators', f.group, f.field]) })
    }
    if (where === 'base' && f.valueType === 'boolean' && value === true) {
      out.push({ label: f.label, text: '是', source: jsonPath(['indicators', f.group, f.field]) })
    }
  }
  if (where === 'base' && park.park.intro.trim()) {
    out.push({ label: '工业园区简介', text: full(park.park.intro), source: jsonPath(['park', 'intro']) })
  }
  return out
}

const toPlanFigure = (f: DerivedFigure): PlanFigure => ({ id: f.id, label: f.label, value: f.value, unit: f.unit, formula: f.formula })

/**
 * Derived figures a part states: for 背景, growth of 营业收入 and 主导产业营业收入 over the whole span and the
 * lead-industry share; for 成效, the before/after changes of the results' own texts and of every fact series.
 */
function figuresFor(role: SectionRole, park: ParkData, derived: readonly DerivedFigure[]): PlanFigure[] {
  const years = Object.keys(park.indicators?.scale?.revenue ?? {}).sort()
  const first = years[0]
  const last = years.at(-1)
  if (role === 'background' || role === 'overview') {
    const wanted = first && last && first !== last
      ? [
          `ind:scale.revenue:${first}-${last}:rate`,
          `ind:scale.leadIndustryRevenue:${first}-${last}:rate`,
          `share:scale.leadIndustryRevenue/scale.revenue:${last}`,
        ]
      : last ? [`share:scale.leadIndustryRevenue/scale.revenue:${last}`] : []
    const focusName = park.practice.focusIndustry.replace(/产业$/, '')
    const focusRevenue = derived.filter((f) => /^fact:[^:]*(?:营业收入|营收):/.test(f.id) && f.id.includes(focusName) && f.measure === 'rate')
    return [...wanted.flatMap((id) => derived.filter((f) => f.id === id)), ...focusRevenue].map(toPlanFigure)
  }
  if (role === 'results' || role === 'highlights') {
    const focusName = park.practice.focusIndustry.replace(/产业$/, '')
    const resultIds = new Set(park.practice.results.map((r) => r.id))
    const subjects = park.practice.results.flatMap((r) => extractChanges(r.text).map((c) => c.subject))
    return derived
      .filter((f) => {
        const [scheme, owner] = f.id.split(':')
        if (scheme === 'text') return resultIds.has(owner!)
        if (scheme === 'fact') return !(owner!.includes(focusName) && /营业收入|营收/.test(owner!)) || subjects.includes(owner!)
        return false
      })
      .map(toPlanFigure)
  }
  return []
}
