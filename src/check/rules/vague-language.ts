import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { EntityType, ParkData } from '../../park/park-schema.js'
import { defineRule } from '../rule.js'
import { clauseAt, clauseStart, claimContext, sentencesOf } from '../sentences.js'
import { phraseMatcher } from '../phrase-matcher.js'
import { SpanCover } from '../span-index.js'
import { blockRange, textBlocks, type BlockRole } from '../text-blocks.js'
import { matchesOf } from '../../regex-matches.js'

/**
 * 000/001 填写要求 4: 创新实践内容应生动具体、条理清晰，避免空泛笼统; 三、实践成效: 优先采用量化数据、前后对比.
 * A formula like 取得显著成效 is empty only when nothing around it says what the effect was, so the unit of
 * judgment is the sentence: the phrase is flagged when its sentence has no figure and no concrete fact.
 */

const VaguePhrasesSchema = z.object({
  phrases: z.array(z.object({ phrase: z.string().min(2), suggestion: z.string().min(1) })).min(1),
  /** Families of one formula as regular expressions: 取得(了)(非常好/明显/可喜)的(成效/成绩/效果), (大大/极大地)提高了. */
  /** `clause`: judged by its own clause — 年回收蒸汽23万吨，极大地提升了能源利用效率 is still empty. */
  patterns: z.array(z.object({ pattern: z.string().min(2), suggestion: z.string().min(1), clause: z.boolean().optional() })).min(1),
  /** Read on the clause before a match: a condition, an aim or a noun phrase (随着……的不断完善, 推动……不断提升) claims nothing. */
  notClaim: z.string().min(1),
  /** An adverb-led phrase after a causative or an aim (推动示范基地不断提升) is a goal, not a claimed result. */
  aim: z.object({ before: z.string().min(1), claimStartsWith: z.string().min(1) }),
  /** A clause that opens with an action verb and takes 一批 as its object (培育一批……) states a task, not a result. */
  task: z.object({ quantity: z.string().min(1), clause: z.string().min(1) }),
})
interface VaguePhrase {
  phrase: string
  suggestion: string
}

const VAGUE_DATA = VaguePhrasesSchema.parse(JSON.parse(readFileSync(new URL('../data/vague-phrases.json', import.meta.url), 'utf8')))
// The list is data a domain expert edits (src/check/data/vague-phrases.json); longest first, so that
// 高质量发展取得新突破 is reported once rather than as 取得新突破 inside it.
const PHRASES: readonly VaguePhrase[] = VAGUE_DATA.phrases.toSorted((a, b) => b.phrase.length - a.phrase.length)
// Every sentence is read once for all the phrases (phrase-matcher.ts), not once per phrase.
const PHRASE_MATCHER = phraseMatcher(PHRASES.map((entry) => entry.phrase))
const NOT_CLAIM = new RegExp(VAGUE_DATA.notClaim, 'u')
const AIM_BEFORE = new RegExp(VAGUE_DATA.aim.before, 'u')
const DEGREE_LED = new RegExp(VAGUE_DATA.aim.claimStartsWith, 'u')
const QUANTITY = new RegExp(VAGUE_DATA.task.quantity, 'u')
const TASK_CLAUSE = new RegExp(VAGUE_DATA.task.clause, 'u')
const PATTERNS = VAGUE_DATA.patterns.map((entry) => ({ pattern: new RegExp(entry.pattern, 'gu'), suggestion: entry.suggestion, clause: entry.clause ?? false }))
// A plan says what will be done (下一步……不断提升, 力争……, 计划年底建成, 拟投资): it cannot carry a result's figures yet.
// 计划 and 拟 as verbs only: a programme's name (实施产业倍增计划，……) is a noun that closes its phrase, and 拟 inside
// 模拟/虚拟 is no intention.
// 一是经济实力明显增强。 followed by more is a 领句 (003 “领句+具体内容”): the sentences after it carry the figures.
const LEAD_SENTENCE = /^(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十][）)])[^，,；;。]{0,16}[。；;]?$/u
// A clause that opens with 要/要求/希望 (a speech's 要打造……，不断增强……; 要求各单位……不断提升) states a demand, not a result.
const PLAN =
  /下一步|今后|未来|力争|计划(?![，,、。；;：:）)》”]|安排)|(?<![模虚比])拟|将(?:继续|进一步|不断|持续|全面|着力|加快|重点)|要(?:进一步|不断|持续|切实)|(?:^|[，,；;：:])\s*(?:要求|希望|务必|必须|要(?![素点闻害件])|需要)/u

// 李东强调，一是……二是通过延链招商，精准落地一批互补性企业。: once a speaker's demand opens in a paragraph, what
// follows in it is what was demanded (a plan), not a result the text claims.
// The speaker opens its clause: an official's title (and name), 他/她, the meeting, or a name alone (李东强调，). 落实重点
// 任务要求， and 按照产业定位要求， name a demand as a noun.
const DEMAND =
  /(?:^|[，,])(?:[^，,。；;的“”]{0,8}?(?:书记|主任|市长|县长|区长|镇长|局长|省长|部长|厅长|会长|经理|负责人|同志)[\u4e00-\u9fa5]{0,3}|[他她]|会议|会上|(?!落实|按照|根据|围绕|对照|符合|达到|满足|工作|目标|任务|相关|有关)[\u4e00-\u9fa5]{2,3})(?:还|也|进一步|同时|再次)?(?:强调|要求|希望)[，,：:]/u
/** Sentences of a block up to and excluding the one where a speaker's demand opens; the rest are plans. */
function beforeDemand<T extends { text: string }>(sentences: readonly T[]): T[] {
  const at = sentences.findIndex((sentence) => DEMAND.test(sentence.text))
  return at < 0 ? [...sentences] : sentences.slice(0, at)
}

// 取得明显的成效：一是经济规模持续扩大。 — the lead after a colon announces the sentences that follow it.
function leadAfterColon(sentence: string): number {
  const from = Math.max(sentence.lastIndexOf('：'), sentence.lastIndexOf(':')) + 1
  return from > 0 && LEAD_SENTENCE.test(sentence.slice(from).trim()) ? from : sentence.length
}
// A short line with no sentence mark (我省产业数字化融合应用走在全国前列) is an unnumbered sub-heading of a news item or
// a 汇报: a 领句 like the numbered ones.
const UNNUMBERED_HEADING = /^[^。！？；!?;]{1,30}$/u

// Headings and the title are 领句: “（三）安全生产形势持续向好” announces what its paragraphs prove, and the
// templates (000/001 标题层级, 003 示范性做法 “领句+具体内容”) put the figures in the body, not in the heading.
// So headings are exempt and the body under them is judged.
const CHECKED_ROLES: ReadonlySet<BlockRole> = new Set(['abstract', 'preamble', 'lead', 'paragraph'])

// Dates and periods say when, not how much: “2025年以来，园区发展取得显著成效” and “近3年来……” are still empty.
const DATE =
  /\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|近\s*\d{1,2}\s*年|\d{1,2}\s*年(?:来|以来)/gu
// An Arabic number that is a figure: not part of a Latin token such as 5G, IPv6 or A3 (names, not amounts).
const ARABIC_FIGURE = /(?<![A-Za-z0-9.])[0-9０-９]+(?:[.．][0-9０-９]+)?(?![A-Za-z])/u
// A Chinese numeral followed by a measure word or unit: 三家, 两个, 十余项, 五成, 翻一番. Time words (年/月/天) are
// left out for the same reason as dates, and 一 alone is too common in prose (进一步, 一体化, 一批) to count
// unless it precedes a counting unit.
// A run must start with a digit numeral: 万亿元级市场, 百亿级产业 name an order of magnitude, not a figure.
// It is read from the start of a run of numerals only (the lookbehind): tried from every numeral of a pasted run of
// 二二二…, the greedy run made the check quadratic.
const CHINESE_FIGURE =
  /(?<![一二三四五六七八九十百千万亿零〇两几数])(?:(?:[两二三四五六七八九十零〇]|一(?=[十百千万亿]))[一二三四五六七八九十百千万亿零〇两]*|(?<![又另这那每同某唯统])一(?=[个家项座台套件名位处款所种类番]))[余多]?(?:个百分点|个|家|项|座|台|套|件|条|名|位|处|款|所|种|类|倍|番|成|批次|次|吨|亩|公顷|平方米|万|亿|千|百)/u
// Proper nouns people quote: 《南岭市数字经济促进条例》, “链长制”. A quotation ends before the next opening mark of
// its kind (quotes nest as “‘’”, titles as 《〈〉》), so a pasted run of 《《《… is read once, not once per mark.
const QUOTED_NAME = /《[^《》]{2,}》|“([^“”]{2,})”|「([^「」]{2,})」/gu
// A quote holding only numerals and joiners is a plan period (“十四五”) or a slogan's code (“2+4”产业布局, “1114”工程,
// “1+N”): it names a time or a programme, not what changed.
const CODE_ONLY = /^[\s0-9０-９一二三四五六七八九十百千万两零〇+＋\-－—×*xXNnＮ、·.．]+$/u
// Digits inside a document title or a short quoted slogan are part of the name (《2025年行动方案》, “2+4”), not a
// figure of the sentence. A quotation with sentence marks (他说：“营收增长12%。”) keeps its figures.
const NAMED_TEXT = /《[^《》]*》|“[^“”，,。；;！？!?：:]{1,16}”/gu
// Naming the park itself or a supervising agency (在工业和信息化部指导下) says nothing about what changed;
// naming an enterprise, platform, honour or technology does.
const CONCRETE_ENTITY_TYPES: ReadonlySet<EntityType> = new Set(['enterprise', 'platform', 'honor', 'technology', 'other'])

const messages = {
  vague: (phrase: string) => `“${phrase}”是空泛表述，所在句子没有数字或具体事实支撑。`,
  suggestion: (advice: string) => `${advice}没有可靠数据时，改写为具体做法，或删去该句。`,
}

export const vagueLanguageRule = defineRule({
  meta: {
    id: 'vague-language',
    description: '空泛笼统的表述（显著成效、跨越式发展等）出现在没有数字和具体事实的句子中',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc, park }) {
    const names = entityNames(park)
    return textBlocks(doc)
      .filter((block) => CHECKED_ROLES.has(block.role) && !UNNUMBERED_HEADING.test(block.text))
      .flatMap((block) =>
        beforeDemand(sentencesOf(block.text))
          // A lead is followed by the sentences that prove it; the last sentence of a paragraph is no lead.
          .filter((sentence, i, all) => !PLAN.test(sentence.text) && !(i < all.length - 1 && LEAD_SENTENCE.test(sentence.text.trim())))
          .flatMap((sentence, i, all) =>
            phrasesIn(sentence.text, names, i < all.length - 1 ? leadAfterColon(sentence.text) : sentence.text.length).map(({ index, entry }) => ({
              message: messages.vague(entry.phrase),
              ...blockRange(doc, block, sentence.start + index, sentence.start + index + entry.phrase.length),
              suggestion: messages.suggestion(entry.suggestion),
            })),
          ),
      )
  },
})

/**
 * Official full names of the park's registered entities (专有名词用官方全称, 000 填写要求 1): naming one is a
 * concrete fact. Aliases do not count — many are common nouns (绿色工厂, 能碳中心) that any vague sentence uses.
 */
function entityNames(park: ParkData | undefined): string[] {
  return (park?.entities ?? [])
    .filter((entity) => CONCRETE_ENTITY_TYPES.has(entity.type))
    .map((entity) => entity.name)
    .filter((name) => name.length >= 2)
}

/** A sentence is concrete when it carries a figure or names something specific. */
export function isConcrete(sentence: string, entityNames: readonly string[] = []): boolean {
  const bare = sentence.replace(NAMED_TEXT, '').replace(DATE, '')
  if (ARABIC_FIGURE.test(bare) || CHINESE_FIGURE.test(bare)) return true
  if (quotesName(sentence)) return true
  return entityNames.some((name) => sentence.includes(name))
}

/** Whether the sentence quotes a proper noun: a 《》 title, or a quote that is more than a numeral code. */
function quotesName(sentence: string): boolean {
  for (const match of matchesOf(sentence, QUOTED_NAME)) {
    const inner = match[1] ?? match[2]
    if (inner === undefined || !CODE_ONLY.test(inner)) return true
  }
  return false
}

/**
 * Non-overlapping occurrences of listed phrases (longest first), then of the patterns, in sentence order. A claim is
 * empty when the clause before it and the rest of its sentence carry no figure and name nothing; a
 * clause-judged pattern (极大地提升, 跨越式) only when its own clause does not.
 */
function phrasesIn(sentence: string, names: readonly string[], leadFrom: number): { index: number; entry: VaguePhrase }[] {
  const found: { index: number; entry: VaguePhrase }[] = []
  // Made when the first phrase is taken: most sentences hold none.
  let taken: SpanCover | undefined
  const take = (index: number, entry: VaguePhrase, ownClause: boolean) => {
    const end = index + entry.phrase.length
    if (index >= leadFrom || taken?.overlaps(index, end)) return
    const before = clauseBefore(sentence, index)
    if (NOT_CLAIM.test(before) || (DEGREE_LED.test(entry.phrase) && (AIM_BEFORE.test(before) || isPurpose(sentence, before, entry.phrase, end)))) return
    // 拓展融合应用，培育一批典型应用场景: the clause opens with the action (no subject, no 了), so it says what is to be done.
    if (QUANTITY.test(entry.phrase) && TASK_CLAUSE.test(before)) return
    const context = ownClause ? clauseAt(sentence, index, end) : claimContext(sentence, index)
    if (isConcrete(context, names)) return
    taken ??= new SpanCover(sentence.length)
    taken.add({ start: index, end })
    found.push({ index, entry })
  }
  // In the list's order (longest first), each phrase's occurrences in text order.
  const occurrences = PHRASE_MATCHER.find(sentence)
  for (const phrase of [...occurrences.keys()].sort((a, b) => a - b)) {
    for (const index of occurrences.get(phrase)!) take(index, PHRASES[phrase]!, false)
  }
  for (const { pattern, suggestion, clause } of PATTERNS) {
    for (const m of matchesOf(sentence, pattern)) if (m[0]) take(m.index, { phrase: m[0], suggestion }, clause)
  }
  return found.sort((a, b) => a.index - b.index)
}

/**
 * 对平台转派事件实行实时调度，进一步提高响应、办结效率: an ongoing degree-led verb (进一步, 不断, 持续, 逐步) that opens
 * its clause (no subject before it) and takes an object, without 了, says what a measure is for. A claim has its subject (产业结构进一步优化) or
 * its 了 (大大提高了工作效率).
 */
function isPurpose(sentence: string, before: string, phrase: string, end: number): boolean {
  if (phrase.endsWith('了') || !ONGOING.test(phrase) || !OPENS_CLAUSE.test(before)) return false
  return sentence.slice(end).search(CLAUSE_END) > 1 && !sentence.startsWith('了', end)
}
// 进一步/不断/持续/逐步 say where a measure is heading; 有效减少碳排放量 and 显著提升 claim what it achieved.
const ONGOING = /^(?:进一步|不断|持续|逐步)/u
const OPENS_CLAUSE = /^\s*(?:并|从而|进而|以|可|能|有效|切实)?\s*$/u
const CLAUSE_END = /[，,；;。！？!?：:]|$/u

/** The part of a match's clause before it: 随着成本的 in 随着成本的持续下降. */
const clauseBefore = (sentence: string, index: number) => sentence.slice(clauseStart(sentence, index, Math.max(0, index - 40)), index)
