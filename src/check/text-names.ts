import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { taggedWords } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * The names a draft gives itself, read from its text alone (no park data): the full names of parks
 * (南岭经济技术开发区) and companies (浙江龙盛集团股份有限公司) it writes, the short forms derived from them
 * (南岭经开区, 龙盛集团), the per-kind policy on short names and the “（以下简称“……”）” declarations. Data:
 * src/check/data/short-names.json.
 */

export const ShortNamePolicySchema = z.enum(['full-name-everywhere', 'declared-short-name'])
export type ShortNamePolicy = z.infer<typeof ShortNamePolicySchema>

const ShortNamesSchema = z.object({
  policy: z.record(z.string(), ShortNamePolicySchema),
  defaultPolicy: ShortNamePolicySchema,
  parkShortSuffixes: z.array(z.object({ short: z.string().min(2), full: z.string().min(3) })).min(1),
  parkFullSuffixes: z.array(z.string().min(2)).min(1),
  companyLegalSuffixes: z.array(z.string().min(3)).min(1),
  companyShortTails: z.array(z.string().min(2)).min(1),
  notNames: z.array(z.string().min(1)).min(1),
  genericParkMarkers: z.array(z.string().min(1)).min(1),
  bareParkWords: z.array(z.string().min(2)).min(1),
  universityShortSuffixes: z.array(z.object({ short: z.string().min(2), full: z.string().min(4) })).min(1),
  committeeShortNamesAccepted: z.array(z.string().min(1)).min(1),
  otherProvincialRegions: z.array(z.string().min(2)).min(1),
  provinces: z.array(z.string().min(2)).min(1),
  provincialAgencies: z.array(z.string().min(2)).min(1),
})
export const SHORT_NAMES = ShortNamesSchema.parse(JSON.parse(readFileSync(new URL('./data/short-names.json', import.meta.url), 'utf8')))

/** What a kind allows: every mention in full (000/001), or a declared short form after the full name (003). */
export const shortNamePolicy = (kindId: string): ShortNamePolicy => SHORT_NAMES.policy[kindId] ?? SHORT_NAMES.defaultPolicy

const NOT_NAMES: ReadonlySet<string> = new Set(SHORT_NAMES.notNames)
const byLength = (words: readonly string[]) => words.toSorted((a, b) => b.length - a.length)
export const PARK_FULL_SUFFIX = new RegExp(byLength(SHORT_NAMES.parkFullSuffixes).join('|'), 'gu')
export const COMPANY_LEGAL_SUFFIX = new RegExp(byLength(SHORT_NAMES.companyLegalSuffixes).join('|'), 'gu')

// Parts of speech that end a name when walking back from its suffix: verbs (引进|浙江龙盛…), prepositions (由|南岭…),
// conjunctions, particles, pronouns, adverbs, locatives, numerals, measure words, distinguishing words (国家级).
const STOP_TAGS: ReadonlySet<string> = new Set(['v', 'p', 'c', 'u', 'uj', 'ul', 'uz', 'ug', 'uv', 'ud', 'r', 'd', 'f', 'm', 'q', 'b', 'a', 'ad', 'vd', 'y', 'e', 'o', 'w', 't', 's', 'z', 'zg', 'l', 'i'])
// A place name is a proper noun or a string jieba does not know; 汽车/材料 (n) may be part of a company's name only.
const PLACE_TAGS: ReadonlySet<string> = new Set(['ns', 'nr', 'nrt', 'nz', 'nt', 'x', 'j', 'eng'])
// A word jieba does not know that holds a function character was joined across a word edge (一是, 以龙盛): not a name.
const FUNCTION_CHAR = /[的了是在和与及等对把被将从向为以由于其该此各]|^[一二三四五六七八九十]/u
// A character of a name: a Chinese character or a full-width bracket, read as a code (text[i] of a Chinese character
// makes a new string, and the walk back reads up to MAX_NAME of them for every suffix found).
const isNameChar = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || code === 0xff08 || code === 0xff09
const MAX_NAME = 24

/**
 * Where the name that ends at `end` begins (the 南岭 of 南岭|经开区, the 浙江龙盛 of 浙江龙盛|集团股份有限公司), or -1 when
 * the words before the suffix are not a name (国家级|经开区, 该|公司, 龙头企业|集团). `company`: industry nouns and a
 * verb right before the suffix belong to the name (华驰汽车制造|有限公司).
 */
export function nameStartBefore(text: string, end: number, company: boolean): number {
  return nameBefore(text, end, company).start
}

/** The name before `end` and the part of speech of its last word (ns for a place, x for a word jieba does not know). */
export function nameBefore(text: string, end: number, company: boolean): { start: number; lastTag: string } {
  let from = end
  while (from > 0 && end - from < MAX_NAME && isNameChar(text.charCodeAt(from - 1))) from -= 1
  if (from === end) return { start: -1, lastTag: '' }
  const tokens = taggedWords(text.slice(from, end))
  let start = end
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const { word, tag } = tokens[i]!
    const last = i === tokens.length - 1
    const nameLike = company ? !STOP_TAGS.has(tag) || (last && tag === 'v') : PLACE_TAGS.has(tag)
    if (tag === 'x' && FUNCTION_CHAR.test(word)) {
      // 以|嘉澜华驰: jieba joined a preposition to an unknown name; the name is what follows it.
      const rest = word.slice(1)
      if (FUNCTION_CHAR.test(word[0]!) && rest.length >= 2 && !FUNCTION_CHAR.test(rest)) start -= rest.length
      break
    }
    // 金乡|经济开发区, 调研|联众|钢铁公司: a place or trade name jieba knows as a common noun, when it is the only word.
    const soleNoun = !company && last && tag === 'n' && word.length >= 2 && word.length <= 3
    if ((!nameLike && !soleNoun) || NOT_NAMES.has(word) || /[（）]/u.test(word)) break
    start -= word.length
    if (soleNoun && !nameLike) break
  }
  return { start: start < end && end - start >= 2 ? start : -1, lastTag: tokens.at(-1)?.tag ?? '' }
}

export interface TextName {
  /** A park, a company, or a facility of a park named after it (南岭经济技术开发区能碳管理中心). */
  kind: 'park' | 'company' | 'facility'
  /** The full name as written. */
  name: string
  start: number
  end: number
  /** Short forms that stand for it (南岭经开区; 龙盛集团, 龙盛股份, 龙盛公司). */
  aliases: string[]
}

/** Full park and company names written in one text, in text order. */
export function fullNamesIn(text: string): TextName[] {
  const names: TextName[] = []
  for (const m of matchesOf(text, PARK_FULL_SUFFIX)) {
    const start = nameStartBefore(text, m.index, false)
    if (start < 0) continue
    const place = text.slice(start, m.index)
    names.push({ kind: 'park', name: text.slice(start, m.index + m[0].length), start, end: m.index + m[0].length, aliases: parkAliases(place, m[0]) })
    const facility = nameOpensPhrase(text, start) ? facilityAfter(text, m.index + m[0].length) : undefined
    if (facility) names.push({ kind: 'facility', name: text.slice(start, facility.end), start, end: facility.end, aliases: [facility.name] })
  }
  for (const m of matchesOf(text, COMPANY_LEGAL_SUFFIX)) {
    const start = nameStartBefore(text, m.index, true)
    if (start < 0) continue
    const core = text.slice(start, m.index)
    names.push({ kind: 'company', name: text.slice(start, m.index + m[0].length), start, end: m.index + m[0].length, aliases: companyAliases(core) })
  }
  return names.sort((a, b) => a.start - b.start)
}

// 南岭经济技术开发区|能碳管理中心, …产业园区|智慧安全风险管控平台: a facility the park names after itself. Written without
// the park's name elsewhere in the draft (建设能碳管理中心), it is that facility's short form.
const FACILITY = /^[\u4e00-\u9fa5]{3,14}?(?:平台|中心|系统|大脑|驾驶舱|实验室)/u
const MIN_FACILITY = 5

// 建成|汀州高新技术产业开发区…, 依托|…, 以|…: the park's name opens its phrase, so the whole name was read (化工新|材料产业园区
// was not: the name read there is the tail of a longer one, and a fix built on it would be wrong).
const LEAD_TAGS: ReadonlySet<string> = new Set(['v', 'p', 'c'])
function nameOpensPhrase(text: string, start: number): boolean {
  if (start === 0 || !isNameChar(text.charCodeAt(start - 1))) return true
  const before = taggedWords(text.slice(Math.max(0, start - 4), start)).at(-1)
  return before !== undefined && LEAD_TAGS.has(before.tag)
}

/** The facility whose name follows a park's full name at `end` (能碳管理中心), when its first word is no verb (建成|…). */
function facilityAfter(text: string, end: number): { name: string; end: number } | undefined {
  const name = FACILITY.exec(text.slice(end))?.[0]
  if (!name || name.length < MIN_FACILITY || STOP_TAGS.has(taggedWords(name)[0]!.tag)) return undefined
  return { name, end: end + name.length }
}

function parkAliases(place: string, suffix: string): string[] {
  const shorts = SHORT_NAMES.parkShortSuffixes.filter((s) => s.full === suffix).map((s) => `${place}${s.short}`)
  const industrial = suffix.startsWith('工业') ? [`${place}工业区`] : []
  return [...shorts, ...(suffix.endsWith('开发区') && suffix !== '开发区' ? [`${place}开发区`] : []), ...industrial, `${place}园区`]
}

const ORG_TAILS = ['集团', '股份', '公司']
const TRADE_TAGS: ReadonlySet<string> = new Set(['x', 'nz', 'nr', 'nrt', 'nt', 'j', 'ns'])

/**
 * Short forms of a company from its name without the legal suffix: without its place (浙江|龙盛), its trade name with
 * 集团/股份/公司 (龙盛集团), and trade name with its first industry word (宝丰能源, 新能锂电). A bare trade name (龙盛)
 * is not listed: two characters are too often another word.
 */
function companyAliases(core: string): string[] {
  const tokens = taggedWords(core)
  let i = 0
  let place = ''
  while (i < tokens.length - 1 && tokens[i]!.tag === 'ns') place += tokens[i++]!.word
  const rest = tokens.slice(i).map((t) => t.word)
  const trade = rest[0] ?? ''
  // A name whose first word after the place is a common noun was cut wrong (汽车零部件 of …华驰汽车零部件): no aliases.
  if (!TRADE_TAGS.has(tokens[i]?.tag ?? '')) return []
  const withoutPlace = rest.join('')
  const aliases = new Set<string>()
  if (trade.length >= 2 && !NOT_NAMES.has(trade)) {
    for (const tail of ORG_TAILS) aliases.add(`${trade}${tail}`)
    if (rest[1]) aliases.add(`${trade}${rest[1]}`)
  }
  if (place && withoutPlace.length >= 3) aliases.add(withoutPlace)
  if (core.length >= 4) {
    aliases.add(core)
    for (const tail of ORG_TAILS) if (!core.endsWith(tail)) aliases.add(`${core}${tail}`)
  }
  return [...aliases].filter((alias) => alias.length >= 3)
}

// “（以下简称“南岭经开区”）”, “(下称'岭峰科技')”, “（简称：能碳中心）”.
export const DECLARATION = /[（(]\s*(?:(?:以下|下文)?简称|(?:以下|下文|下)称)\s*[：:]?\s*[“"‘'「]?([^”"’'」）)]{1,30}?)[”"’'」]?\s*[）)]/gu

/** Short forms the text declares, with where each declaration ends (a short form counts from there on). */
export function declaredShortNames(text: string): Map<string, number> {
  const declared = new Map<string, number>()
  for (const m of matchesOf(text, DECLARATION)) {
    const short = m[1]!.trim()
    if (!declared.has(short)) declared.set(short, m.index + m[0].length)
  }
  return declared
}
