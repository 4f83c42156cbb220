import { ITEM_MARKER_LENGTH, itemMarkersOf, markerRuns } from '../check/enumerations.js'
import { findNameMentions } from '../check/name-mentions.js'
import { occurrences } from '../occurrences.js'
import { normalizePolicyText } from '../ingest/normalize.js'
import { entityNameForms } from '../park/entity-names.js'
import type { Entity, ParkData } from '../park/park-schema.js'
import { extractChanges, extractNumbers, type TextChange } from '../park/text-numbers.js'

/**
 * Deterministic reading and reshaping of the short Chinese texts in park data (problems, measures, results), shared
 * by the planner (which proposes sub-headings) and the offline composer (which writes them): top-level clauses,
 * the short name of a problem, a verb-phrase heading for a measure, a 领句 for a result, and official full names
 * (000/001 填写要求1: 专有名词应使用规范完整的官方全称).
 */

export const OPENERS = '（(“‘《【「'
export const CLOSERS = '）)”’》】」'

/** Splits at `separators` that are not inside brackets, quotes or book-title marks. Pieces are trimmed, empty ones dropped. */
export function splitTopLevel(text: string, separators = '，；。：'): string[] {
  const pieces: string[] = []
  let depth = 0
  let current = ''
  for (const ch of text) {
    if (OPENERS.includes(ch)) depth += 1
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1)
    if (depth === 0 && separators.includes(ch)) {
      pieces.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  pieces.push(current)
  return pieces.map((p) => p.trim()).filter(Boolean)
}

/** Index of the first `separator` outside brackets and quotes, or -1. */
export function topLevelIndex(text: string, separator: string): number {
  let depth = 0
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!
    if (OPENERS.includes(ch)) depth += 1
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && ch === separator) return i
  }
  return -1
}

/** The text without its closing sentence mark: “…成本高。” → “…成本高”. */
export function withoutFinalStop(text: string): string {
  return text.trim().replace(/[。；，、\s]+$/u, '')
}

const MAX_PROBLEM_NAME = 32

/**
 * The name of a problem, as a report lists it: the part before its colon (“能源结构偏煤、碳排放强度偏高：2023年…”),
 * else its first clause. Park data writes problems as “name：evidence”, the way 000/001 背景介绍 guidance lists
 * 制约因素 (数智化转型覆盖率不高、数据价值挖掘不充分……).
 */
export function problemName(text: string): string {
  const colon = topLevelIndex(text, '：')
  if (colon > 0 && colon <= MAX_PROBLEM_NAME) return text.slice(0, colon).trim()
  return splitTopLevel(text)[0] ?? withoutFinalStop(text)
}

// What makes a piece of a problem's name a statement of its own (能源结构偏煤, 危化品分散储存, 安全风险叠加), not a
// thing the next piece's statement is about (压铸、热处理工序能耗高; 燃煤、燃气锅炉): how it ends (偏煤, 点多, 不高) or a
// predicate inside it (分散储存, 依赖纸质记录).
const STATEMENT_END = /[高低多少大小弱慢长短难差缺重贵杂乱散]$/u
const STATEMENT_WORD =
  /偏[\p{Script=Han}]|不[足高强够畅全清]|不充分|不完善|分散|集中|薄弱|滞后|突出|缺失|短缺|欠缺|缺乏|落后|单一|匮乏|困难|紧张|老化|粗放|有限|严重|频繁|林立|断层|断链|外流|流失|空白|瓶颈|叠加|依赖|依靠|靠人工/u
const isStatement = (piece: string) => STATEMENT_END.test(piece) || STATEMENT_WORD.test(piece.slice(1))

/**
 * The shortest complete name of a problem for a list of several: the first of the problems its name joins when
 * both its first and its last piece are statements (“能源结构偏煤、碳排放强度偏高” → “能源结构偏煤”), else the whole name
 * with its last 、 written 和 so that it reads as one item of the list (“压铸、热处理工序能耗高” → “压铸和热处理工序能耗高”,
 * not “压铸”; “食品企业分散自建燃煤、燃气锅炉” → “食品企业分散自建燃煤和燃气锅炉”).
 */
export function problemKeyword(text: string): string {
  const name = problemName(text)
  const pieces = splitTopLevel(name, '、')
  const first = pieces[0]
  if (pieces.length > 1 && first && first.length >= MIN_HEADING && isStatement(first) && isStatement(pieces.at(-1)!)) return first
  if (pieces.length < 2) return name
  const cut = name.lastIndexOf(pieces.at(-1)!) - 1
  return name[cut] === '、' ? `${name.slice(0, cut)}和${name.slice(cut + 1)}` : name
}

// A time phrase a sentence may open with before its subject: 2025年开展… → 2025年，园区开展….
const OPENING_TIME = /^(?:\d{4}年(?:以来|底|末|初|上半年|下半年)?|近年来|目前|截至\d{4}年(?:底|末)?)，?/u

/**
 * A sentence of the park's data taken out of its context (an indicator row without the clause that named what it
 * speaks of) with the park as its subject: “推广熔炉智能测温装置210套。” → “园区推广熔炉智能测温装置210套。”, after an
 * opening time phrase (“2025年，园区开展…”). When its first clause already names 园区 (落实园区安全风险评估), the subject
 * is the park's name, not a second 园区 (园区 inside one of `names` does not count). A sentence that has a subject of
 * its own is returned as it is. `inClause`: the sentence goes on from a clause before it (针对…的问题，), and the
 * subject comes before the time phrase (“园区2025年开展…”).
 */
export function withSubject(
  text: string,
  parkName: string,
  { subject = '园区', names = [], inClause = false }: { subject?: string; names?: readonly string[]; inClause?: boolean } = {},
): string {
  const trimmed = text.trim()
  const time = OPENING_TIME.exec(trimmed)?.[0] ?? ''
  const rest = trimmed.slice(time.length)
  if (!rest || rest.startsWith(subject) || rest.startsWith(parkName)) return trimmed
  // 园区 inside a proper name (嘉澜经济技术开发区数字园区综合管理服务平台) is not a second 园区.
  const first = [parkName, ...names].sort((a, b) => b.length - a.length).reduce((t, name) => t.split(name).join('＃'), splitTopLevel(rest)[0] ?? rest)
  const who = first.includes(subject) ? parkName : subject
  if (!time) return `${who}${rest}`
  return inClause ? `${who}${trimmed}` : `${time.replace(/，$/u, '')}，${who}${rest}`
}

/**
 * A list of problem names ends in a word that 等 would fuse with (…本地服务器中等问题 reads 中等; 上等, 同等, 平等, 不等):
 * the list is then followed by 的问题 instead.
 */
export function fusesWithDeng(names: string): boolean {
  return /[中上下高低同平对均相初优次头特超劣何此等不]$/u.test(names)
}

/**
 * A problem as one clause of a “一是……；二是……” enumeration: name, then evidence, joined by a comma (the name ends at
 * a colon, “能源结构偏煤：2023年…”, or is a short sentence of its own, “木粉尘涉爆安全隐患突出。园区…”), without inner
 * semicolons (they would break the enumeration) or a final stop.
 *
 * `inList`: the clause is an item of the composer's own list. A problem that carries its own 一是/二是 list would
 * nest it there (二是木粉尘涉爆安全隐患突出，一是企业数量多…，二是除尘系统不规范…；三是…), so its markers are
 * rewritten: two items become 一方面……；另一方面……, more are joined by ； without markers — the only 一是/二是 left
 * are the list's own. Its other sentence stops become commas: an item of a ； list is one sentence.
 */
export function problemClause(text: string, { inList = false }: { inList?: boolean } = {}): string {
  const body = withoutFinalStop(nameThenEvidence(text))
  const flat = (part: string) => {
    const commas = part.replace(/；/g, '，')
    return inList ? commas.replace(/[。！？]/g, '，') : commas
  }
  const run = inList ? markerRuns(itemMarkersOf(body)).find((r) => r.length >= 2) : undefined
  if (!run) return flat(body)
  const items = run.map((marker, i) => flat(withoutFinalStop(body.slice(marker.index + ITEM_MARKER_LENGTH, run[i + 1]?.index ?? body.length))))
  const before = withoutFinalStop(body.slice(0, run[0]!.index).replace(/[：:]\s*$/u, ''))
  const lead = before ? `${flat(before)}，` : ''
  return items.length === 2 ? `${lead}一方面${items[0]}；另一方面${items[1]}` : `${lead}${items.join('；')}`
}

/** “name：evidence” and “name。evidence” (a short first sentence without commas) as “name，evidence”. */
function nameThenEvidence(text: string): string {
  const colon = topLevelIndex(text, '：')
  if (colon > 0 && colon <= MAX_PROBLEM_NAME) return `${text.slice(0, colon)}，${text.slice(colon + 1)}`
  const stop = topLevelIndex(text, '。')
  const first = text.slice(0, stop)
  const named = stop > 0 && stop <= MAX_PROBLEM_NAME && topLevelIndex(first, '，') < 0 && topLevelIndex(first, '；') < 0
  return named && withoutFinalStop(text.slice(stop + 1)) ? `${first}，${text.slice(stop + 1)}` : text
}

// Verbs a measure starts with (建设…、实施…): the heading of a 创新举措 item is a verb–object phrase.
const MEASURE_VERBS = [
  '建设', '建成', '新建', '搭建', '打造', '构建', '建立', '健全', '完善', '实施', '推行', '推广', '推动', '推进', '打通', '引进',
  '引育', '培育', '制定', '出台', '编制', '发布', '设立', '成立', '组建', '创建', '开展', '组织', '探索', '创新', '深化', '强化',
  '加强', '优化', '提升', '淘汰', '布局', '部署', '改造', '升级', '整合', '拓展', '应用', '开发', '研发', '启动', '遴选', '实行',
  '运用', '设立', '上线', '落实', '创设', '开通', '谋划', '聚焦', '围绕', '牵头', '集成',
] as const
// A clause that opens with a preposition (由X建设Y, 依托X打造Y) is read from its verb on.
const PREPOSITIONS = /^(?:由|以|依托|联合|通过|借助|围绕|面向|针对|按照|对|在|与|会同)/
const MAX_HEADING = 30
const MIN_HEADING = 4
// A heading never ends on a particle or conjunction that needs what follows (…的, …和, …并).
const DANGLING_END = /(?:的|和|及|与|或|并|至|到)$/u
// Nor, once a quantity is taken off its end, on what only that quantity completed: 建设年产(15万吨), 日处理能力(2万吨),
// 总投资(4.3亿元), 达到(…).
const BEFORE_QUANTITY = /(?:年产|日产|月产|年处理|日处理|能力|容量|产能|规模|投资|累计|共计|合计|共|约|达到|达|超过|超|近|逾|新增|为|[年日月])$/u
// Measure words the unit list of text-numbers.ts leaves out, ending a quantity: 卡口9处, 专项整治3轮.
const LOOSE_MEASURE_WORD = /^(?:[处轮只间把张道]|（套）)$/u
// Words that end a proper name (the agent of a pivot: 引进X有限公司建设Y): a phrase boundary when a verb follows.
const NAME_END = /(?:公司|集团|企业|中心|研究院|研究所|大学|学院|医院|平台|协会|联盟|基金)$/u
// Verbs whose object is the agent of the next verb (引进X建设Y, 推动X实施Y): Y is the substance of the measure.
const PIVOT_VERBS = /^(?:引进|引育|支持|推动|引导|鼓励|组织|指导|督促|帮助|带动|吸引)/u
// 并 as a conjunction of two verb phrases, not inside 合并, 兼并, 并购, 并网.
const CONJUNCTION = /(?<![合兼吞归])并(?![购网联行轨列存发])(?:且)?/gu

/** Parenthesised remarks holding figures (“（屋顶光伏86兆瓦、储能40兆瓦时）”) unless they belong to a full name. */
function withoutFigureRemarks(text: string, names: readonly string[]): string {
  return text.replace(/（[^（）]*\d[^（）]*）/gu, (remark, offset: number) => {
    const inName = names.some((name) => {
      const at = text.indexOf(name)
      return at >= 0 && at <= offset && offset + remark.length <= at + name.length
    })
    return inName ? remark : ''
  })
}

/** Where in `clause` its verb phrase starts: 0 for a verb-first clause; after the prepositional phrase otherwise. */
function verbStart(clause: string, names: readonly string[]): number | undefined {
  const startsWithVerb = MEASURE_VERBS.some((verb) => clause.startsWith(verb))
  if (startsWithVerb && !PREPOSITIONS.test(clause)) return 0
  if (!PREPOSITIONS.test(clause)) return undefined
  // 由绫江协盛热电有限公司建设… : the first verb that is not inside a proper noun.
  const protectedRanges = names.flatMap((name) => occurrences(clause, name).map((at) => [at, at + name.length] as const))
  let best: number | undefined
  for (const verb of MEASURE_VERBS) {
    for (const at of occurrences(clause, verb)) {
      if (at === 0 || protectedRanges.some(([from, to]) => at >= from && at < to)) continue
      if (best === undefined || at < best) best = at
    }
  }
  return best
}

/**
 * The phrase without a quantity that ends it and is only digits and a unit (“建设蒸汽管网38公里” → “建设蒸汽管网”,
 * “淘汰落后设备31台（套）”); a quantity followed by a noun (“年产15万吨再生铝项目”) is the attribute of that noun and stays.
 */
function withoutTrailingQuantity(phrase: string): string {
  const last = extractNumbers(phrase).at(-1)
  if (!last) return phrase
  const tail = phrase.slice(last.index + last.raw.length)
  const unitOnly = tail === '' || tail === '（套）' || (last.unit === '' && LOOSE_MEASURE_WORD.test(tail))
  if (!unitOnly) return phrase
  const rest = phrase.slice(0, last.index).trim()
  // 建设年产15万吨 without its quantity is no phrase: kept whole (its digits then keep it from being a heading).
  return BEFORE_QUANTITY.test(rest) ? phrase : rest
}

/** Opening and closing marks of the phrase pair up: a heading never cuts a quotation or a remark in two. */
function balanced(phrase: string): boolean {
  let depth = 0
  for (const ch of phrase) {
    if (OPENERS.includes(ch)) depth += 1
    else if (CLOSERS.includes(ch)) depth -= 1
    if (depth < 0) return false
  }
  return depth === 0
}

/** A heading as written: 4–30 characters, no digits, complete (no dangling 年产 or 的, no half a quotation). */
function completeHeading(phrase: string): boolean {
  return phrase.length >= MIN_HEADING && phrase.length <= MAX_HEADING && !/\d/.test(phrase) && !DANGLING_END.test(phrase) && balanced(phrase)
}

/** Index ranges of `names` in `text`. */
function nameRanges(text: string, names: readonly string[]): (readonly [number, number])[] {
  return names.flatMap((name) => occurrences(text, name).map((at) => [at, at + name.length] as const))
}

/** Offsets inside quotation marks or brackets. */
function quotedOffsets(text: string): boolean[] {
  const out: boolean[] = []
  let depth = 0
  for (const ch of text) {
    if (OPENERS.includes(ch)) depth += 1
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1)
    out.push(depth > 0)
  }
  return out
}

/**
 * Shorter complete phrases of a verb–object phrase, best first: the parts of “X并Y” and of a pivot “引进X有限公司建设Y”
 * (cut where a verb follows a proper name). After a pivot verb the second verb phrase comes first (建设Y is what the
 * measure does); otherwise the first one (建设X并Y → 建设X).
 */
function phraseParts(phrase: string, names: readonly string[]): string[] {
  const quoted = quotedOffsets(phrase)
  const ranges = nameRanges(phrase, names)
  const inName = (at: number) => ranges.some(([from, to]) => at > from && at < to)
  const prefixes: string[] = []
  const suffixes: string[] = []
  for (const m of phrase.matchAll(CONJUNCTION)) {
    if (quoted[m.index] || inName(m.index)) continue
    prefixes.push(phrase.slice(0, m.index))
    suffixes.push(phrase.slice(m.index + m[0].length))
  }
  for (const verb of MEASURE_VERBS) {
    for (const at of occurrences(phrase, verb)) {
      if (at === 0 || quoted[at] || inName(at) || at + verb.length >= phrase.length) continue
      const before = phrase.slice(0, at)
      if (!ranges.some(([, to]) => to === at) && !NAME_END.test(before)) continue
      prefixes.push(before)
      suffixes.push(phrase.slice(at))
    }
  }
  const byLength = (a: string, b: string) => b.length - a.length
  const ordered = PIVOT_VERBS.test(phrase) ? [...suffixes.sort(byLength), ...prefixes.sort(byLength)] : [...prefixes.sort(byLength), ...suffixes.sort(byLength)]
  return ordered.map((part) => withoutTrailingQuantity(part.trim()))
}

/**
 * A short verb–object heading for a 创新举措 item, e.g. “建设“源网荷储”一体化绿色微电网”, that ends where a phrase
 * ends. First choice: the first clause of the measure that starts with a verb (after any prepositional phrase),
 * without figure remarks or a trailing quantity, if it is 4–30 characters without digits. Then the shorter complete
 * phrases of those clauses (phraseParts). Failing both, the first clause whole — a long heading is better than one
 * cut in the middle of a word (“…有机废弃物资”) or on a dangling verb (“…建设年产”).
 */
export function measureHeading(text: string, entities: readonly Entity[] = []): string {
  const names = entities.map((e) => e.name)
  const clauses = splitTopLevel(text)
  const phrases = clauses.flatMap((clause) => {
    const start = verbStart(clause, names)
    return start === undefined ? [] : [withoutFigureRemarks(clause.slice(start), names).trim()]
  })
  for (const phrase of phrases) {
    const whole = withoutTrailingQuantity(phrase)
    if (completeHeading(whole)) return whole
  }
  for (const phrase of phrases) {
    const part = phraseParts(phrase, names).find(completeHeading)
    if (part) return part
  }
  const first = withoutFigureRemarks(clauses[0] ?? withoutFinalStop(text), names).trim()
  const short = withoutTrailingQuantity(first)
  return short.length >= MIN_HEADING ? short : first
}

/** The verb of a 由A…至B change as a report restates it: 降至 → 下降, 缩短至 → 缩短, 提升至 → 提升. */
export function changeVerb(change: TextChange): string {
  const verb = /(降低|下降|减少|缩短|压缩|压减|提升|提高|增加|增长|上升|扩大|跃升|攀升|延长|降|减|升|增)(?:至|到|为)/.exec(change.raw)?.[1]
  switch (verb) {
    case '缩短':
    case '压减':
    case '减少':
    case '扩大':
    case '延长':
    case '增长':
      return verb
    case '压缩':
      return '压减'
    case '减':
      return '减少'
    case '增加':
    case '增':
      return '增长'
    case '提高':
    case '提升':
    case '上升':
    case '跃升':
    case '攀升':
    case '升':
      return '提升'
    case '降低':
    case '下降':
    case '降':
      return '下降'
    default:
      if (change.direction === 'down') return '下降'
      if (change.direction === 'up') return '提升'
      return change.to.value < change.from.value ? '下降' : '提升'
  }
}

// A change of a third or more is “大幅”; smaller ones are “明显”. Headings are 领句 announcing what the body proves
// with figures (003 附件2: 领句为概况性的一句话); the adverb follows the size of the change, never a guess.
const LARGE_CHANGE = 30

/**
 * A 领句 for a 实践成效 item from its first before/after change: “工业固体废弃物综合利用率大幅提升”. Without a change,
 * the first clause of the result without its date and figures (“实现生产安全事故零发生”), else its first clause.
 */
export function resultHeading(text: string): string {
  const change = extractChanges(text).find((c) => c.subject)
  if (change) {
    const relative = change.from.value === 0 ? Infinity : Math.abs((change.to.value - change.from.value) / change.from.value) * 100
    return `${change.subject}${relative >= LARGE_CHANGE ? '大幅' : '明显'}${changeVerb(change)}`
  }
  // A whole clause, even a long one: cut at MAX_HEADING characters it would end in the middle of a word.
  const clauses = splitTopLevel(text).map((c) => c.replace(/^\d{4}年(?:底|末|以来)?，?/u, '')).filter(Boolean)
  return clauses.find((c) => !/\d/.test(c)) ?? clauses[0] ?? withoutFinalStop(text)
}

// ---------------------------------------------------------------------------------------------
// Park texts as the composer reads them
// ---------------------------------------------------------------------------------------------

// A line that opens an item (一是, （一）, 一、, 1.) after a line without a stop: the line before it was a heading.
const ITEM_OPENING = /^(?:[一二三四五六七八九十]是|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.．、])/u
const OPEN_END = /[\p{Script=Han}A-Za-z0-9%”’）)》]$/u

/**
 * A park text as one paragraph. Texts pasted from Word keep its hard line breaks and full-width indents
 * (“以中小微企业为主，⏎大部分企业自建喷漆房”, “\u3000\u3000一是统一规划布局。”); the policy normalizer (src/ingest/normalize.ts)
 * already undoes these in converted documents — lines joined inside a sentence, indents and spaces between Chinese
 * characters dropped, half-width punctuation after Chinese made full-width — and its paragraphs are joined here into
 * the one paragraph a park text is: directly, or after a 。 where a line without a stop (a heading of the note) comes
 * before an item (推动木材废料综合利用⏎一是引进…). A text without whitespace is returned as it is.
 */
export function tidyParkText(text: string): string {
  if (!/\s/u.test(text)) return text
  const paragraphs = normalizePolicyText(text).split('\n\n').filter((p) => p.trim())
  // The normalizer drops a line that is only a number (a page number); a park text of one number is kept.
  if (!paragraphs.length) return text.trim()
  return paragraphs.reduce((out, p) => {
    if (OPEN_END.test(out) && ITEM_OPENING.test(p)) return `${out}。${p}`
    return /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(p) ? `${out} ${p}` : out + p
  })
}

/**
 * How the composer reads every text of the park's data (problems, measures, results, the introduction, the title,
 * the descriptive indicator rows): tidied (tidyParkText), with official full names (useFullNames). The planner and
 * the composer share it, so that a text is read the same way wherever it is written.
 */
export function parkTextReader(park: Pick<ParkData, 'entities' | 'park'>): (text: string) => string {
  return (text) => useFullNames(tidyParkText(text), park.entities, park.park.name)
}

// ---------------------------------------------------------------------------------------------
// Official full names
// ---------------------------------------------------------------------------------------------

/**
 * Replaces short and unofficial names by official full names: the registered aliases and implied short forms of the
 * park's entities, and the glossary's wrong forms (工信部 → 工业和信息化部). The matching is the checker's own
 * (findNameMentions), so a composed draft never holds what rule `proper-noun` reports, and the same near-misses are
 * left alone: a short form inside a full name, inside a longer word (华服 in 华服县), or after another level (省级).
 */
export function useFullNames(text: string, entities: readonly Entity[], parkName?: string): string {
  // A “（以下简称……）” declaration is deleted too: the template wants the full name at every mention.
  const mentions = findNameMentions(text, entityNameForms(entities, parkName))
  let out = text
  for (const m of [...mentions].reverse()) out = out.slice(0, m.start) + m.replacement + out.slice(m.end)
  return out
}
