import { entityNameForms } from '../park/entity-names.js'
import type { ParkData } from '../park/park-schema.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { RuleFinding } from './finding.js'
import { growAlongName } from './name-mentions.js'
import { blockRange, textBlocks, type TextBlock } from './text-blocks.js'
import {
  DECLARATION,
  declaredShortNames,
  fullNamesIn,
  nameBefore,
  SHORT_NAMES,
  type ShortNamePolicy,
  type TextName,
} from './text-names.js'
import { getJieba } from '../retrieve/tokenize.js'
import { boundaryTest } from './words.js'

/**
 * 000/001 填写要求1: 企业名称、技术名称、荣誉称号等专有名词，应使用规范完整的官方全称 — read from the draft alone, so
 * it works before anyone types the park's data in:
 * - short forms of a park or company whose full name the draft writes elsewhere (南岭经开区 after
 *   南岭经济技术开发区, 龙盛集团 after 浙江龙盛集团股份有限公司): the fix is that full name;
 * - park short names (宜都高新区, 上虞经开区) and company short names (岭峰科技, 龙盛集团) with no full name anywhere:
 *   only the writer knows the full name, so no fix;
 * - numbered institutes (七一六所, 中科院过程所).
 * Per kind (src/check/data/short-names.json): the innovation kinds want the full name at every mention; the 示范基地
 * kinds accept a short form the text declares with “（以下简称“……”）”, after the declaration.
 * Names the park's data registers are left to `proper-noun`, which knows them better.
 */

const PARK_SHORT = new RegExp(SHORT_NAMES.parkShortSuffixes.map((s) => s.short).join('|'), 'gu')
const COMPANY_TAIL = new RegExp(SHORT_NAMES.companyShortTails.toSorted((a, b) => b.length - a.length).join('|'), 'gu')
// 集团/股份/公司 name a firm after any name; 科技/化工/能源… after a place are an industry (宜都化工), so they need a
// word jieba does not know or a proper noun that is not a place (岭峰|科技, 宝丰|能源).
const FIRM_WORDS: ReadonlySet<string> = new Set(['集团', '股份', '公司'])
const TRADE_NAME_TAGS: ReadonlySet<string> = new Set(['x', 'nz', 'nr', 'nrt', 'j'])
// What follows a company word inside a full name or a longer word: 集团股份有限公司, 公司（, 科技园.
const COMPANY_CONTINUES = /^(?:股份|集团)?(?:有限|股份|责任|[（(][^）)]{1,8}[）)](?:股份|集团|有限|公司))/u
const INSTITUTE = /(?<![第\d一二三四五六七八九〇零])(?:[一二三四五六七八九〇零]{3}|\d{3})所(?![属在有以得需谓])|(?<=(?:中科院|中国科学院))[\u4e00-\u9fa5]{1,4}?(?<!研究)所(?![属在有以得需谓])/gu
const TAIL_AFTER = new RegExp(`^(?:${SHORT_NAMES.companyShortTails.toSorted((a, b) => b.length - a.length).join('|')})`, 'u')
const PARK_EXPANSION = new Map(SHORT_NAMES.parkShortSuffixes.map((s) => [s.short, s.full]))
// 迁入|开发区, 在|经济开发区的…: a park word with no name before it stands for a park the reader must guess.
const BARE_PARK = new RegExp(`(?:${SHORT_NAMES.bareParkWords.toSorted((a, b) => b.length - a.length).join('|')})`, 'gu')
// 到|园区调研: the bare 园区 standing for the park, after a verb or preposition or at a clause start; 示范|园区 and
// 工业|园区 are names or kinds of park.
const BARE_YUANQU = /(?<=^|[，。；：、“”（）\s到在对入驻进户至赴])园区(?![内外区域级])/gu
// 省商务厅 with no province: 山东省商务厅 is the name.
const PROVINCE_AGENCY = new RegExp(`省(?:${SHORT_NAMES.provincialAgencies.join('|')})(?:厅|委员会|委|局)`, 'gu')
const PROVINCE_BEFORE = new RegExp(`(?:${SHORT_NAMES.provinces.join('|')})$`, 'u')
const GENERIC_BEFORE = new RegExp(`(?:${SHORT_NAMES.notNames.toSorted((a, b) => b.length - a.length).join('|')})$`, 'u')

const messages = {
  alias: (short: string, full: string, policy: ShortNamePolicy) =>
    `“${short}”是“${full}”的简称。` +
    (policy === 'full-name-everywhere'
      ? '专有名词每次出现都应写规范全称。'
      : '示范基地材料中简称须在首次写全称时用“（以下简称“……”）”说明，之后才能使用。'),
  park: (short: string, example: string) => `“${short}”是园区简称，应写园区批准设立时的规范全称（如“${example}”）。`,
  barePark: (word: string) => `“${word}”前没有写园区名称，读者不知道指哪个园区，应写园区批准设立时的规范全称（如“南岭经济技术开发区”）。`,
  bareYuanqu: '全文第一次提到本园区时没有写名称，应写园区批准设立时的规范全称，后文才可用“园区”指代。',
  provinceAgency: (found: string) => `“${found}”没有写明是哪个省，应写机构全称（如“山东${found}”）。`,
  suggestProvince: '在“省”前补上省份名称，并写机构的规范全称。',
  company: (short: string) => `“${short}”是企业简称，应写企业的规范全称（营业执照上的名称，通常以“有限公司”“股份有限公司”结尾）。`,
  institute: (short: string) => `“${short}”是研究所的简称，应写全称（如“中国船舶集团有限公司第七一六研究所”“中国科学院过程工程研究所”）。`,
  suggestFull: (full: string) => `改为“${full}”。`,
  suggestUnknown: '补充规范全称；示范基地材料可在首次出现时写全称并注明“（以下简称“……”）”。',
}

interface Candidate {
  start: number
  end: number
  message: string
  suggestion: string
  replacement?: string
}

/**
 * The short names of one draft, as findings of the `proper-noun` rule: an alias of a full name the text writes is
 * an error with that full name as its fix; a short name whose full name only the writer knows is a warning.
 */
export function findShortNames(doc: ReportDoc, park: ParkData | undefined, policy: ShortNamePolicy): RuleFinding[] {
    const blocks = textBlocks(doc)
    const named = blocks.map((block) => fullNamesIn(block.text))
    const owners = aliasOwners(named.flat())
    const declared = blocks.map((block) => declaredShortNames(block.text))
    // Names the park's data registers (and their short forms) are `proper-noun`'s to report.
    const registered = new Set(park ? entityNameForms(park.entities, park.park.name).flatMap((e) => [e.name, ...e.aliases]) : [])
    const registeredNames = park ? park.entities.map((e) => e.name) : []
    let declaredSoFar = new Set<string>()
    const findings = blocks.flatMap((block, b) => {
      const blockDeclared = declared[b]!
      const candidates = candidatesIn(block.text, named[b]!, owners, policy)
      const kept = candidates.filter((c) => {
        const found = block.text.slice(c.start, c.end)
        if (registered.has(found) || registeredNames.some((name) => name.includes(found) && block.text.includes(name))) return false
        if (policy === 'declared-short-name' && (declaredSoFar.has(found) || (blockDeclared.get(found) ?? Infinity) <= c.start)) return false
        return true
      })
      declaredSoFar = new Set([...declaredSoFar, ...blockDeclared.keys()])
      return kept.map((c) => toFinding(doc, block, c))
    })
    // With park data the park's name is known, and check-report says once when the draft does not name it.
    return park ? findings : [...findings, ...firstBareYuanqu(doc, blocks, named)]
}

/**
 * 到|园区调研 in a text that has not yet named its park: the first bare 园区 before the first full park name (or
 * anywhere in a text that never names it). Later ones read as “the park” once it is named; the title is left alone.
 */
function firstBareYuanqu(doc: ReportDoc, blocks: readonly TextBlock[], named: readonly (readonly TextName[])[]): RuleFinding[] {
  for (let b = 0; b < blocks.length; b += 1) {
    const block = blocks[b]!
    const firstName = named[b]!.find((name) => name.kind === 'park')
    if (block.role !== 'title') {
      BARE_YUANQU.lastIndex = 0
      const m = BARE_YUANQU.exec(block.text)
      if (m && (!firstName || m.index < firstName.start)) {
        return [toFinding(doc, block, { start: m.index, end: m.index + m[0].length, message: messages.bareYuanqu, suggestion: messages.suggestUnknown })]
      }
    }
    if (firstName) return []
  }
  return []
}

function toFinding(doc: ReportDoc, block: TextBlock, c: Candidate): RuleFinding {
  const range = blockRange(doc, block, c.start, c.end)
  return c.replacement
    ? { message: c.message, ...range, suggestion: c.suggestion, fix: { ...range, text: c.replacement } }
    : { message: c.message, ...range, suggestion: c.suggestion, severity: 'warning' }
}

/** Each short form and the one full name it stands for; a short form two names share stands for none. */
function aliasOwners(names: readonly TextName[]): Map<string, TextName | null> {
  const owners = new Map<string, TextName | null>()
  for (const name of names) {
    for (const alias of name.aliases) {
      const owner = owners.get(alias)
      owners.set(alias, owner === undefined || owner?.name === name.name ? name : null)
    }
  }
  return owners
}

function candidatesIn(text: string, names: readonly TextName[], owners: Map<string, TextName | null>, policy: ShortNamePolicy): Candidate[] {
  const onWords = boundaryTest(text)
  // Inside a full name, or inside a “（以下简称“……”）” declaration, which `proper-noun` judges.
  const declarations = [...text.matchAll(DECLARATION)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const insideName = (start: number, end: number) => [...names, ...declarations].some((n) => n.start <= start && end <= n.end)
  const found: Candidate[] = []
  for (const [alias, owner] of owners) {
    if (!owner) continue
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + alias.length)) {
      const end = at + alias.length
      if (insideName(at, end) || COMPANY_CONTINUES.test(text.slice(end)) || !onWords(at, end)) continue
      const span = growAlongName(text, at, end, alias, owner.name, owner.kind === 'company')
      found.push({ ...span, message: messages.alias(text.slice(span.start, span.end), owner.name, policy), suggestion: messages.suggestFull(owner.name), replacement: owner.name })
    }
  }
  for (const m of text.matchAll(PARK_SHORT)) {
    const { start } = nameBefore(text, m.index, false)
    const end = m.index + m[0].length
    if (start < 0 || insideName(start, end)) continue
    const short = text.slice(start, end)
    found.push({ start, end, message: messages.park(short, `${text.slice(start, m.index)}${PARK_EXPANSION.get(m[0])}`), suggestion: messages.suggestUnknown })
  }
  for (const m of text.matchAll(COMPANY_TAIL)) {
    let end = m.index + m[0].length
    // 宝丰|能源|集团, 绿源|环保|科技|有限公司: the name runs on over further company words.
    for (let more = TAIL_AFTER.exec(text.slice(end)); more; more = TAIL_AFTER.exec(text.slice(end))) end += more[0].length
    if (COMPANY_CONTINUES.test(text.slice(end))) continue
    const firmWord = FIRM_WORDS.has(text.slice(end - 2, end))
    // 嘉澜|汽车|零部件产业链: an industry word followed by a noun is an industry, not a firm.
    if (!firmWord && nounFollows(text, end)) continue
    const { start, lastTag } = nameBefore(text, m.index, false)
    if (start < 0 || insideName(start, end)) continue
    if (!firmWord && !TRADE_NAME_TAGS.has(lastTag)) continue
    if (!onWords(start, end)) continue
    found.push({ start, end, message: messages.company(text.slice(start, end)), suggestion: messages.suggestUnknown })
  }
  for (const m of text.matchAll(BARE_PARK)) {
    const end = m.index + m[0].length
    if (insideName(m.index, end) || nameBefore(text, m.index, false).start >= 0 || GENERIC_BEFORE.test(text.slice(0, m.index))) continue
    // A longer park word ends here (经济开发区 holds 开发区): it was judged at its own start.
    if (/[\u4e00-\u9fa5]$/u.test(text.slice(0, m.index)) && found.some((c) => c.end === end)) continue
    found.push({ start: m.index, end, message: messages.barePark(m[0]), suggestion: messages.suggestUnknown })
  }
  for (const m of text.matchAll(PROVINCE_AGENCY)) {
    if (PROVINCE_BEFORE.test(text.slice(0, m.index))) continue
    found.push({ start: m.index, end: m.index + m[0].length, message: messages.provinceAgency(m[0]), suggestion: messages.suggestProvince })
  }
  for (const m of text.matchAll(INSTITUTE)) {
    found.push({ start: m.index, end: m.index + m[0].length, message: messages.institute(m[0]), suggestion: messages.suggestUnknown })
  }
  return longestFirst(found)
}

/** Whether the word right after `at` is a noun (零部件, 产业链, 创新): the words before it then modify it. */
function nounFollows(text: string, at: number): boolean {
  const next = getJieba().tag(text.slice(at, at + 4), true)[0]
  return next !== undefined && /^(?:n|vn|an)/u.test(next.tag)
}

/** Non-overlapping candidates, the longest winning an overlap (a text-derived alias over a generic short name). */
function longestFirst(candidates: readonly Candidate[]): Candidate[] {
  const chosen: Candidate[] = []
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || Number(Boolean(b.replacement)) - Number(Boolean(a.replacement)) || a.start - b.start)
  for (const c of sorted) {
    if (chosen.some((other) => c.start < other.end && other.start < c.end)) continue
    chosen.push(c)
  }
  return chosen.sort((a, b) => a.start - b.start)
}
