import { z } from 'zod'
import type { KindSpec, SectionRole } from '../../kinds/kind-spec.js'
import type { ReportDoc } from '../../model/report-doc.js'
import { occurrences } from '../../occurrences.js'
import { parkNamesOf } from '../../park/entity-names.js'
import type { ParkData } from '../../park/park-schema.js'
import type { RuleFinding, Severity } from '../finding.js'
import { checkMemo } from '../check-memo.js'
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
 *   企业配套溶剂 uses the other industry as a resource; and so is another industry cast as a supplier (智能装备企业
 *   以服务商身份参与改造);
 * - in a sentence that names the focus, another industry counts only as the subject or topic of its clause — the
 *   clause opens with it, a measure serves it (推动/支持/培育 + 精细化工企业), or its own figures follow it: 聚焦新能源
 *   电池材料，推动精细化工企业改造 and 先进装备制造产业营收增长12%，新能源电池材料产业营收增长15% each report a measure
 *   or result of another industry, while 建设年产15万吨再生铝项目，回收园区压铸企业铝屑 (an object) serves the focus;
 *   in a sentence that does not name the focus, any mention counts (nothing says whom it serves);
 * - a mention that counts is an error in the parts that carry the practice (title, 摘要, sections whose role is
 *   measures/results — 二、创新举措 三、实践成效), a warning elsewhere (背景介绍 should analyse 某一主导产业 too, but
 *   it may also describe the park);
 * - a 细分领域 counts only with a producer word after it (电子化学品企业, 电子化学品中试基地): alone it is usually a
 *   product the focus industry buys (新增工业机器人320台, 新增化工专用装备12台);
 * - an industry word inside the park's own name (中国（南岭）先进装备制造产业园) names the park, not the industry, and
 *   so does one inside a registered technology, honour or agency (AS9100航空航天质量管理体系 is a quality standard
 *   the focus industry adopts); inside an enterprise's or a platform's name it still counts: a measure about a
 *   精细化工 company is about 精细化工.
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

/** Entity types, besides the park, whose names contain industry words without being about the industry. */
const NAMES_NOT_INDUSTRIES: ReadonlySet<string> = new Set(['technology', 'honor', 'agency'])

/** Names in which an industry word is not a mention of the industry: the park's, and its technologies', honours', agencies'. */
export function namesNotIndustries(park: ParkData): string[] {
  return [...parkNamesOf(park), ...park.entities.filter((e) => NAMES_NOT_INDUSTRIES.has(e.type)).flatMap((e) => [e.name, ...e.aliases])]
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
    const vocabulary = checkMemo(park, 'industryVocabulary', industryVocabulary)
    const roles = sectionRoles(doc, kind)
    const focus = park.practice.focusIndustry
    const findings: RuleFinding[] = []
    let focusNamed = false

    for (const block of textBlocks(doc)) {
      if (block.role === 'abstract-label') continue
      const mentions = mentionsIn(block.text, vocabulary)
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
 * Mentions of other lead industries that are the subject of what is said (填写要求2: 全篇聚焦1个主导产业 — another
 * industry may appear, but not as what the practice is about). A clause (between ，；。：) naming the focus industry
 * too is context; so is a clause opening with a lead-in word in a sentence that names the focus (依托精细化工产业基础，
 * 为正极材料企业配套电解液溶剂), and another industry cast as a supplier (智能装备企业以服务商身份参与改造, 精细化工企业
 * 为……配套). Otherwise a mention is about its industry when it is the subject or topic of its clause:
 * - the clause opens with it (先进装备制造产业营收增长12%, 园区18家装备制造企业建成数字化车间);
 * - it is what a measure serves (推动/支持/培育/为 + 精细化工企业 …);
 * - its figures follow it (精细化工产业产值120亿元);
 * and, in a sentence that does not name the focus industry at all, wherever it stands (园区建设电子化学品中试基地,
 * 服务集成电路企业 — nothing says whom it serves). In a sentence about the focus industry, another industry as the
 * object of a clause (建设年产15万吨再生铝项目，回收园区压铸企业铝屑; 优先采购园区智能装备企业生产的工业机器人) is
 * how the focus industry is served, not reported.
 */
export function offFocusMentions(text: string, mentions: readonly Mention[]): Mention[] {
  // Without mentions there is nothing to judge (most blocks): no need to split them into sentences and clauses.
  if (mentions.length === 0) return []
  const off: Mention[] = []
  for (const sentence of sentencesOf(text)) {
    const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end)
    // A sentence without mentions has nothing to judge: no need to split it into clauses.
    if (inSentence.length === 0) continue
    const sentenceHasFocus = inSentence.some((m) => m.focus)
    for (const clause of clausesOf(sentence.text, sentence.start)) {
      const inClause = inSentence.filter((m) => m.start >= clause.start && m.end <= clause.end)
      if (inClause.some((m) => m.focus)) continue
      if (sentenceHasFocus && LEAD_IN.test(clause.text)) continue
      for (const mention of inClause) {
        const after = clause.text.slice(mention.end - clause.start)
        if (mention.kind === 'subfield' && !PRODUCER_AFTER.test(after)) continue
        if (SUPPLIER_AFTER.test(after)) continue
        if (!sentenceHasFocus || isSubject(clause, mention, inClause)) off.push(mention)
      }
    }
  }
  return off
}

// As character codes: the scan reads every character of a sentence, and a Chinese character read as text[i] is a new string.
const CLAUSE_END_CODES: ReadonlySet<number> = new Set(Array.from('，,：:；;。！？!?', (mark) => mark.charCodeAt(0)))
/**
 * A 细分领域 is often a product the focus industry uses (汽车零部件企业新增工业机器人320台 — robots as equipment,
 * not the 智能装备 industry). It names the other industry only when producers follow it: 电子化学品企业/项目/基地.
 */
const PRODUCER_AFTER = /^\s*(?:产业|行业)?(?:企业|公司|工厂|厂商|项目|产能|产量|产值|营收|营业收入|领域|基地|集群|产业园|园区|链|生产线|产线|中试|研发)/u
/** Words that open a clause naming a resource the main clause uses: 依托……基础，为……. */
const LEAD_IN = /^\s*(?:依托|借助|结合|利用|立足|发挥|联合|携手)/u
/**
 * Words that may come before the subject of a clause: where and when (园区, 2025年), how many (18家, 一批), and the
 * other industries of a list (精细化工、先进装备制造企业 — the mentions themselves are taken out first).
 */
const QUALIFIER =
  '(?:[\\s、和与及]|以及|同时|此外|另外|其中|目前|现有|全年|累计|共|并|还|也|园区(?:内)?|全园区?|区内|园内|本地|当地|全部|所有|部分|重点|骨干|龙头|规上|规模以上|中小|一批|多家|各类?|\\d+(?:\\.\\d+)?(?:家|个|户)|\\d{4}(?:—\\d{4})?年(?:底|以来)?|截至\\d{4}年底?|近\\d+年|的)'
const SUBJECT_START = new RegExp(`^${QUALIFIER}*$`, 'u')
/** A measure that serves the industry it names: 推动精细化工企业…, 培育电子信息产业集群, 为精细化工企业提供…. */
const SERVES = new RegExp(
  `(?:推动|推进|支持|扶持|培育|引育|引进|招引|促进|帮助|鼓励|指导|引导|带动|服务|发展|壮大|做强|做大|做优|做精|打造|提升|助力|赋能|为|向|对|给)${QUALIFIER}*$`,
  'u',
)
/** The industry's own figures right after it: 精细化工产业2025年营业收入120亿元, 装备制造产业营收增长12%. */
const OWN_FIGURES =
  /^(?:产业|行业|企业|集群|板块|领域)?(?:\d{4}年)?(?:实现|完成)?(?:营业收入|营收|主营业务收入|产值|工业总产值|产量|产能|增加值|利润|利税|税收|出口|投资|规模|销售)[^，,；;。]*\d/u
/** The industry cast as a supplier of what is done: ……企业以服务商身份参与改造, ……企业为正极材料企业配套. */
const SUPPLIER_AFTER =
  /^(?:产业|行业)?(?:企业|公司|厂商)?[^，,；;。]{0,12}?(?:以[^，,；;。]{0,8}?身份|作为[^，,；;。]{0,10}?(?:服务商|供应商|配套商|合作伙伴)|为[^，,；;。]{1,20}?(?:提供|配套|供应|供货)|向[^，,；;。]{1,20}?(?:提供|供应|供货)|参与[^，,；;。]{0,12}?(?:改造|建设|服务|配套))/u

/** Whether a mention is the subject or topic of its clause (the other mentions of the clause taken out). */
function isSubject(clause: { text: string; start: number }, mention: Mention, inClause: readonly Mention[]): boolean {
  let before = ''
  for (let i = clause.start; i < mention.start; i += 1) {
    if (!inClause.some((m) => m !== mention && i >= m.start && i < m.end)) before += clause.text[i - clause.start]!
  }
  const after = clause.text.slice(mention.end - clause.start)
  return SUBJECT_START.test(before) || SERVES.test(before) || OWN_FIGURES.test(after)
}

function clausesOf(sentence: string, offset: number): { text: string; start: number; end: number }[] {
  const clauses: { text: string; start: number; end: number }[] = []
  let start = 0
  for (let i = 0; i <= sentence.length; i += 1) {
    if (i < sentence.length && !CLAUSE_END_CODES.has(sentence.charCodeAt(i))) continue
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

/** What mentionsIn looks for: the industry terms, longest first, and the names an industry word inside is no mention. */
export interface IndustryVocabulary {
  terms: readonly IndustryTerm[]
  parkNames: readonly string[]
}

/**
 * The vocabulary of a park (industryTerms, namesNotIndustries), ordered once: the rule reads every block of a draft
 * with it, and sorting the terms again for each block was a fifth of the rule's time.
 */
export function industryVocabulary(park: ParkData): IndustryVocabulary {
  return {
    terms: industryTerms(park).toSorted((a, b) => b.term.length - a.term.length),
    parkNames: namesNotIndustries(park).filter((name) => name.length >= 2),
  }
}

/** Industry mentions in a block, the longest winning overlaps, none inside the park's own name. */
export function mentionsIn(text: string, { terms, parkNames }: IndustryVocabulary): Mention[] {
  const parkSpans = parkNames.flatMap((name) => occurrences(text, name).map((start) => ({ start, end: start + name.length })))
  const found: Mention[] = []
  for (const term of terms) {
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

