import { z } from 'zod'
import type { KindSpec, SectionRole } from '../../kinds/kind-spec.js'
import type { ReportDoc } from '../../model/report-doc.js'
import type { ParkData } from '../../park/park-schema.js'
import type { RuleFinding, Severity } from '../finding.js'
import { defineRule } from '../rule.js'
import { sentencesOf } from '../sentences.js'
import { blockRange, textBlocks, type TextBlock } from '../text-blocks.js'

/**
 * 000/001 填写要求 2: 全篇内容聚焦工业园区其中1个主导产业，论述集中、重点突出 (the kind's `rules.focusIndustryCount`);
 * 二、创新举措 应聚焦主导产业. The industry is `practice.focusIndustry`; the park's other `leadIndustries` — by name,
 * by a short form of the name and by their 细分领域 — must not be what the practice is about.
 *
 * The unit of judgment is the clause (between ，；。：) within its sentence (a heading or the title is one sentence):
 * - a clause that names the focus industry (or one of its subfields) together with another lead industry is
 *   context, not subject: the park's structure (已形成新能源电池材料、精细化工、先进装备制造三大主导产业) or how
 *   another industry serves the chosen one (引进精细化工企业为正极材料企业配套电解液溶剂) — not reported;
 * - so is a lead-in clause (依托/借助/结合…) in a sentence that names the focus: 依托精细化工产业基础，为正极材料
 *   企业配套溶剂 uses the other industry as a resource; but 聚焦新能源电池材料，推动精细化工企业改造 and
 *   先进装备制造产业营收增长12%，新能源电池材料产业营收增长15% each report a measure or result of another industry;
 * - any other mention of another lead industry is about that industry: an error in the parts that carry the
 *   practice (title, 摘要, sections whose role is measures/results — 二、创新举措 三、实践成效), a warning
 *   elsewhere (背景介绍 should analyse 某一主导产业 too, but it may also describe the park);
 * - a 细分领域 counts only with a producer word after it (电子化学品企业, 电子化学品中试基地): alone it is usually a
 *   product the focus industry buys (新增工业机器人320台, 新增化工专用装备12台);
 * - an industry word inside the park's own name (中国（南岭）先进装备制造产业园) names the park, not the industry;
 *   inside an enterprise's name it still counts: a measure about a 精细化工 company is about 精细化工.
 * And when the focus industry is never named at all, an info says so: the title should 突出所选择的主导产业.
 */

/** Leading qualifiers people drop when they shorten an industry name: 先进装备制造 → 装备制造. */
const DROPPABLE_PREFIXES = ['先进', '高端', '新能源', '新型', '现代'] as const
/** A short form must stay specific: 新能源汽车 → 汽车 is every car, not the industry. */
const MIN_SHORT_FORM = 4
const INDUSTRY_SUFFIX = /(?:产业|行业)$/u
/** Section roles whose text is the practice itself: another industry there is off focus (an error). */
const PRACTICE_ROLES: ReadonlySet<SectionRole> = new Set(['measures', 'results', 'highlights', 'practices'])

const messages = {
  offFocus: (term: string, industry: string, focus: string) =>
    `${term === industry ? `“${term}”是园区另一主导产业` : `“${term}”属于园区另一主导产业“${industry}”`}，` +
    `本次创新实践聚焦“${focus}”。全篇内容应聚焦1个主导产业，不写其他主导产业的做法和成效。`,
  suggestOffFocus: (industry: string, focus: string) =>
    `删去与“${industry}”有关的内容；如确与“${focus}”相关，写明它如何服务“${focus}”产业（在同一句中点明）。`,
  focusMissing: (focus: string) => `全文未出现创新实践聚焦的主导产业“${focus}”。`,
  suggestFocusMissing: (focus: string) => `在标题、摘要和背景介绍中点明“${focus}”，让读者知道创新实践围绕哪个主导产业展开。`,
}

export interface IndustryTerm {
  term: string
  /** The lead industry's name as written in the park data. */
  industry: string
  focus: boolean
  /** The industry's name or a short form of it, or one of its 细分领域. */
  kind: 'name' | 'subfield'
}

export interface Mention extends IndustryTerm {
  start: number
  end: number
}

export const focusRule = defineRule({
  meta: {
    id: 'focus',
    description: '全篇聚焦1个主导产业：创新举措、实践成效中不写园区其他主导产业',
    defaultSeverity: 'error',
    kinds: 'all',
    needsPark: true,
    options: z.object({}).strict(),
  },
  check({ doc, kind, park }) {
    // Only kinds that prescribe one focus industry (000/001); 003's reports cover the whole 示范基地.
    if (!park || kind.rules.focusIndustryCount !== 1) return []
    const terms = industryTerms(park)
    const parkNames = [park.park.name, ...park.entities.filter((e) => e.type === 'park').flatMap((e) => [e.name, ...e.aliases])]
    const roles = sectionRoles(doc, kind)
    const focus = park.practice.focusIndustry
    const findings: RuleFinding[] = []
    let focusNamed = false

    for (const block of textBlocks(doc)) {
      if (block.role === 'abstract-label') continue
      const mentions = mentionsIn(block.text, terms, parkNames)
      if (mentions.some((m) => m.focus && m.kind === 'name')) focusNamed = true
      const severity = severityOf(block, roles)
      for (const mention of offFocusMentions(block.text, mentions)) {
        findings.push({
          message: messages.offFocus(mention.term, mention.industry, focus),
          ...blockRange(doc, block, mention.start, mention.end),
          ...(severity ? { severity } : {}),
          suggestion: messages.suggestOffFocus(mention.industry, focus),
        })
      }
    }
    if (!focusNamed) {
      findings.push({ message: messages.focusMissing(focus), start: 0, end: 0, severity: 'info', suggestion: messages.suggestFocusMissing(focus) })
    }
    return findings
  },
})

/**
 * Mentions of other lead industries that are the subject of what is said. A clause (between ，；。：) naming the
 * focus industry too is context; so is a clause opening with a lead-in word in a sentence that names the focus
 * (依托精细化工产业基础，为正极材料企业配套电解液溶剂). Any other clause is about the industry it names
 * (先进装备制造产业营收增长12%，新能源电池材料产业营收增长15% — the first clause is off focus).
 */
export function offFocusMentions(text: string, mentions: readonly Mention[]): Mention[] {
  // Without mentions there is nothing to judge (most blocks): no need to split them into sentences and clauses.
  if (mentions.length === 0) return []
  const off: Mention[] = []
  for (const sentence of sentencesOf(text)) {
    const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end)
    const sentenceHasFocus = inSentence.some((m) => m.focus)
    for (const clause of clausesOf(sentence.text, sentence.start)) {
      const inClause = inSentence.filter((m) => m.start >= clause.start && m.end <= clause.end)
      if (inClause.some((m) => m.focus)) continue
      if (sentenceHasFocus && LEAD_IN.test(clause.text)) continue
      off.push(...inClause.filter((m) => !m.focus && (m.kind === 'name' || PRODUCER_AFTER.test(clause.text.slice(m.end - clause.start)))))
    }
  }
  return off
}

const CLAUSE_END = /[，,：:；;。！？!?]/u
/**
 * A 细分领域 is often a product the focus industry uses (汽车零部件企业新增工业机器人320台 — robots as equipment,
 * not the 智能装备 industry). It names the other industry only when producers follow it: 电子化学品企业/项目/基地.
 */
const PRODUCER_AFTER = /^\s*(?:产业|行业)?(?:企业|公司|工厂|厂商|项目|产能|产量|产值|营收|营业收入|领域|基地|集群|产业园|园区|链|生产线|产线|中试|研发)/u
/** Words that open a clause naming a resource the main clause uses: 依托……基础，为……. */
const LEAD_IN = /^\s*(?:依托|借助|结合|利用|立足|发挥|联合|携手)/u

function clausesOf(sentence: string, offset: number): { text: string; start: number; end: number }[] {
  const clauses: { text: string; start: number; end: number }[] = []
  let start = 0
  for (let i = 0; i <= sentence.length; i += 1) {
    if (i < sentence.length && !CLAUSE_END.test(sentence[i]!)) continue
    clauses.push({ text: sentence.slice(start, i), start: offset + start, end: offset + i })
    start = i + 1
  }
  return clauses
}

const bare = (name: string) => name.trim().replace(INDUSTRY_SUFFIX, '')

/** 先进装备制造 → [装备制造]; a name without a droppable prefix, or too short without it, has none. */
export function shortForms(name: string): string[] {
  const core = bare(name)
  return DROPPABLE_PREFIXES.filter((prefix) => core.startsWith(prefix))
    .map((prefix) => core.slice(prefix.length))
    .filter((short) => short.length >= MIN_SHORT_FORM)
}

/** Name, short forms and subfields of every lead industry, the focus one marked. */
export function industryTerms(park: ParkData): IndustryTerm[] {
  const focusName = bare(park.practice.focusIndustry)
  const industries = park.park.leadIndustries.some((industry) => bare(industry.name) === focusName)
    ? park.park.leadIndustries
    : [...park.park.leadIndustries, { name: park.practice.focusIndustry, subfields: [] }]
  const terms: IndustryTerm[] = []
  for (const industry of industries) {
    const focus = bare(industry.name) === focusName
    const named = [bare(industry.name), ...shortForms(industry.name)].map((term) => ({ term, kind: 'name' as const }))
    const subfields = industry.subfields.map((s) => ({ term: s.trim(), kind: 'subfield' as const }))
    for (const { term, kind } of [...named, ...subfields]) {
      if (term.length >= 2 && !terms.some((t) => t.term === term)) terms.push({ term, industry: industry.name, focus, kind })
    }
  }
  return terms
}

/** Industry mentions in a block, the longest winning overlaps, none inside the park's own name. */
export function mentionsIn(text: string, terms: readonly IndustryTerm[], parkNames: readonly string[]): Mention[] {
  const parkSpans = parkNames.filter((n) => n.length >= 2).flatMap((name) => occurrences(text, name).map((start) => ({ start, end: start + name.length })))
  const found: Mention[] = []
  for (const term of [...terms].sort((a, b) => b.term.length - a.term.length)) {
    for (const start of occurrences(text, term.term)) {
      const end = start + term.term.length
      if (parkSpans.some((span) => span.start <= start && end <= span.end)) continue
      if (found.some((m) => start < m.end && m.start < end)) continue
      found.push({ ...term, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/**
 * Role of each level-1 section of the report, by the kind's sections: by heading (or one of its aliases), else by
 * position (a report that writes 二、主要做法 still has its measures second).
 */
export function sectionRoles(doc: ReportDoc, kind: KindSpec): Map<string, SectionRole> {
  const roles = new Map<string, SectionRole>()
  for (const section of doc.sections) {
    const heading = section.heading.text.trim()
    const spec =
      kind.sections.find((s) => s.heading === heading || s.headingAliases.includes(heading)) ??
      (section.level === 1 ? kind.sections[section.marker.ordinal - 1] : undefined)
    if (spec) roles.set(section.path, spec.role)
  }
  return roles
}

/** undefined = the rule's severity (error): the title, the abstract and the practice sections carry the practice. */
function severityOf(block: TextBlock, roles: ReadonlyMap<string, SectionRole>): Severity | undefined {
  if (block.role === 'title' || block.role === 'abstract') return undefined
  const role = roles.get(block.section.split('/')[0]!)
  return role && PRACTICE_ROLES.has(role) ? undefined : 'warning'
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = []
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i)
  return found
}
