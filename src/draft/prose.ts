import type { Entity } from '../park/park-schema.js'
import { extractChanges, type TextChange } from '../park/text-numbers.js'

/**
 * Deterministic reading and reshaping of the short Chinese texts in park data (problems, measures, results), shared
 * by the planner (which proposes sub-headings) and the offline composer (which writes them): top-level clauses,
 * the short name of a problem, a verb-phrase heading for a measure, a 领句 for a result, and official full names
 * (000/001 填写要求1: 专有名词应使用规范完整的官方全称).
 */

const OPENERS = '（(“‘《【「'
const CLOSERS = '）)”’》】」'

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

/** The shortest form of a problem's name for a list of several (“能源结构偏煤、碳排放强度偏高” → “能源结构偏煤”). */
export function problemKeyword(text: string): string {
  const name = problemName(text)
  return splitTopLevel(name, '、')[0] ?? name
}

/**
 * A problem as one clause of a “一是……；二是……” enumeration: name, then evidence, joined by a comma, without inner
 * semicolons (they would break the enumeration) or a final stop.
 */
export function problemClause(text: string): string {
  const colon = topLevelIndex(text, '：')
  const joined = colon > 0 && colon <= MAX_PROBLEM_NAME ? `${text.slice(0, colon)}，${text.slice(colon + 1)}` : text
  return withoutFinalStop(joined).replace(/；/g, '，')
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
// A measured quantity at the end of a clause: “38公里”, “42台”, “312台（套）”.
const TRAILING_QUANTITY = /\d+(?:\.\d+)?(?:万|亿|千|百)?[^\d\s，。；、（）]{0,6}(?:（套）)?$/u

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
 * A short verb–object heading for a 创新举措 item, e.g. “建设“源网荷储”一体化绿色微电网”: the first clause of the
 * measure that starts with a verb (after any prepositional phrase), without figure remarks or a trailing quantity,
 * and without digits at all (a heading names the action; the figures go in the body). Falls back to the first clause.
 */
export function measureHeading(text: string, entities: readonly Entity[] = []): string {
  const names = entities.map((e) => e.name)
  const clauses = splitTopLevel(text)
  for (const clause of clauses) {
    const start = verbStart(clause, names)
    if (start === undefined) continue
    const phrase = withoutFigureRemarks(clause.slice(start), names).replace(TRAILING_QUANTITY, '').trim()
    if (phrase.length >= MIN_HEADING && phrase.length <= MAX_HEADING && !/\d/.test(phrase)) return phrase
  }
  const first = withoutFigureRemarks(clauses[0] ?? text, names).replace(TRAILING_QUANTITY, '').trim()
  return first.length > MAX_HEADING ? first.slice(0, MAX_HEADING) : first
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
 * the first clause of the result without its date and figures (“实现生产安全事故零发生”).
 */
export function resultHeading(text: string): string {
  const change = extractChanges(text).find((c) => c.subject)
  if (change) {
    const relative = change.from.value === 0 ? Infinity : Math.abs((change.to.value - change.from.value) / change.from.value) * 100
    return `${change.subject}${relative >= LARGE_CHANGE ? '大幅' : '明显'}${changeVerb(change)}`
  }
  const clause = splitTopLevel(text).map((c) => c.replace(/^\d{4}年(?:底|末|以来)?，?/u, '')).find((c) => !/\d/.test(c))
  return (clause ?? withoutFinalStop(text)).slice(0, MAX_HEADING)
}

// ---------------------------------------------------------------------------------------------
// Official full names
// ---------------------------------------------------------------------------------------------

function occurrences(text: string, needle: string): number[] {
  const out: number[] = []
  if (!needle) return out
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at)
  return out
}

/**
 * Short forms to replace by each entity's official name: its aliases, and — for names that start with the park's
 * name (南岭经济技术开发区智慧安全应急管理平台) — the name without that prefix, which materials often write alone.
 */
function shortForms(entities: readonly Entity[], parkName: string | undefined): { form: string; name: string }[] {
  const forms: { form: string; name: string }[] = []
  for (const entity of entities) {
    for (const alias of entity.aliases) forms.push({ form: alias, name: entity.name })
    if (parkName && entity.name.startsWith(parkName) && entity.name.length - parkName.length >= 4) {
      forms.push({ form: entity.name.slice(parkName.length), name: entity.name })
    }
  }
  return forms.sort((a, b) => b.form.length - a.form.length)
}

/**
 * Replaces aliases and park-less short forms by official full names. Text already inside a full name is left
 * alone (“国家级绿色工厂” contains the alias “绿色工厂”), and so is a short form right after “级” (省级绿色工厂 is
 * another honour than 国家级绿色工厂).
 */
export function useFullNames(text: string, entities: readonly Entity[], parkName?: string): string {
  const names = [...entities.map((e) => e.name), ...(parkName ? [parkName] : [])].sort((a, b) => b.length - a.length)
  const taken: boolean[] = new Array<boolean>(text.length).fill(false)
  for (const name of names) for (const at of occurrences(text, name)) taken.fill(true, at, at + name.length)
  const replacements: { at: number; length: number; name: string }[] = []
  for (const { form, name } of shortForms(entities, parkName)) {
    for (const at of occurrences(text, form)) {
      if (taken.slice(at, at + form.length).some(Boolean)) continue
      if (text[at - 1] === '级') continue
      taken.fill(true, at, at + form.length)
      replacements.push({ at, length: form.length, name })
    }
  }
  let out = text
  for (const r of replacements.sort((a, b) => b.at - a.at)) out = out.slice(0, r.at) + r.name + out.slice(r.at + r.length)
  return out
}
