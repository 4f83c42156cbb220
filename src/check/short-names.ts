import type { ParkData } from '../park/park-schema.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { RuleFinding } from './finding.js'
import { firmLikeItem, listHolding, nameLists, type ListItem, type NameList } from './company-lists.js'
import { firmSites } from './firm-sites.js'
import { investorNames } from './investor-projects.js'
import { insideOneOf, longestFirst, SpanCover } from './span-index.js'
import { growAlongName, parkNameForms } from './name-mentions.js'
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
import { boundaryTest, taggedWords } from './words.js'
import { matchesNear, matchesOf } from '../regex-matches.js'
import { RECEIVES_HONOUR } from './honour-verbs.js'

/**
 * 000/001 填写要求1: 企业名称、技术名称、荣誉称号等专有名词，应使用规范完整的官方全称 — read from the draft alone, so
 * it works before anyone types the park's data in:
 * - short forms of a park or company whose full name the draft writes elsewhere (南岭经开区 after
 *   南岭经济技术开发区, 龙盛集团 after 浙江龙盛集团股份有限公司): the fix is that full name;
 * - park short names (宜都高新区, 上虞经开区) and company short names (岭峰科技, 龙盛集团) with no full name anywhere:
 *   only the writer knows the full name, so no fix;
 * - numbered institutes (七一六所, 中科院过程所).
 * - a firm named by one of its sites (长城汽车荆门分公司, 引进美利达第二工厂, 远景能源鄂尔多斯基地; firm-sites.ts).
 * Per kind (src/check/data/short-names.json): the innovation kinds want the full name at every mention; the 示范基地
 * kinds accept a short form the text declares with “（以下简称“……”）”, after the declaration.
 * Names the park's data registers are left to `proper-noun`, which knows them better.
 */

const PARK_SHORT = new RegExp(SHORT_NAMES.parkShortSuffixes.map((s) => s.short).join('|'), 'gu')
const COMPANY_TAIL = new RegExp(SHORT_NAMES.companyShortTails.toSorted((a, b) => b.length - a.length).join('|'), 'gu')
// 集团/股份/公司 name a firm after any name; 科技/化工/能源… after a place are an industry (宜都化工), so they need a
// word jieba does not know or a proper noun that is not a place (岭峰|科技, 宝丰|能源).
const FIRM_WORDS: ReadonlySet<string> = new Set(['集团', '股份', '公司'])
const FIRM_WORD_IN = /集团|股份|公司/u
const TRADE_NAME_TAGS: ReadonlySet<string> = new Set(['x', 'nz', 'nr', 'nrt', 'j'])
// What follows a company word inside a full name or a longer word: 集团股份有限公司, 公司（, 科技园.
const COMPANY_CONTINUES = /^(?:股份|集团)?(?:有限|股份|责任|[（(][^）)]{1,8}[）)](?:股份|集团|有限|公司))/u
const INSTITUTE = /(?<![第\d一二三四五六七八九〇零])(?:[一二三四五六七八九〇零]{3}|\d{3})所(?![属在有以得需谓])|(?<=(?:中科院|中国科学院))[\u4e00-\u9fa5]{1,4}?(?<!研究)所(?![属在有以得需谓])/gu
const TAIL_AFTER = new RegExp(`^(?:${SHORT_NAMES.companyShortTails.toSorted((a, b) => b.length - a.length).join('|')})`, 'u')
const PARK_EXPANSION = new Map(SHORT_NAMES.parkShortSuffixes.map((s) => [s.short, s.full]))
// 迁入|开发区, 在|经济开发区的…: a park word with no name before it stands for a park the reader must guess.
const BARE_PARK = new RegExp(`(?:${SHORT_NAMES.bareParkWords.toSorted((a, b) => b.length - a.length).join('|')})`, 'gu')
// 到|园区调研: the bare 园区 standing for the park, after a verb or preposition or at a clause start; 示范|园区 and
// 工业|园区 are names or kinds of park; 园区企业 is the common noun for the firms of any park.
const BARE_YUANQU = /(?<=^|[，。；：、“”（）\s到在对入驻户至赴])园区(?![内外区域级东西南北、）)和及与]|企业)/gu
const LEVEL_PARK = new RegExp(`(?<=^|[^\\u4e00-\\u9fa5]|[在由与和及同向对到赴从据经])[市县区州](?:${SHORT_NAMES.parkFullSuffixes.filter((s) => s.endsWith('园区') || s.endsWith('集中区')).join('|')})`, 'gu')
// 县（市、区）、园区、企业, 企业（园区）, 区县和园区: 园区 as one item of a list of kinds of place is a kind, not this park.
const LISTED_BEFORE = /[、（(和及与]$/u
// 省商务厅 with no province: 山东省商务厅 is the name. 区商务局, 市应急管理局 with no city or district: a place written
// before 市/区/县/州 makes it a name (潍坊市工业和信息化局), so only a level word at a clause start or after a
// preposition is reported (，区商务局委派, 由市应急管理局).
const LEVEL_AGENCY = new RegExp(`[省市区县州](?:${SHORT_NAMES.provincialAgencies.join('|')})(?:厅|委员会|委|局)`, 'gu')
const PLACE_BEFORE_LEVEL = /[\u4e00-\u9fa5]$/u
const LEAD_BEFORE_LEVEL = /(?:^|[^\u4e00-\u9fa5]|[在由与和及同向经据对被请经])$/u
const LEVEL_NAMES: Readonly<Record<string, string>> = { 省: '省', 市: '市', 区: '区', 县: '县', 州: '州' }
const LEVEL_EXAMPLES: Readonly<Record<string, string>> = { 省: '山东', 市: '潍坊', 区: '南岭', 县: '金乡', 州: '湘西土家族苗族自治' }
const PROVINCE_NAMES: ReadonlySet<string> = new Set(SHORT_NAMES.provinces)
const PROVINCE_BEFORE = new RegExp(`(?:${SHORT_NAMES.provinces.join('|')})$`, 'u')
// 各类开发区、高新区, 多数开发区, 中国开发区: the words name a category of parks.
const GENERIC_PARK_USE = new RegExp(`(?:${SHORT_NAMES.genericParkMarkers.join('|')})(?:${SHORT_NAMES.bareParkWords.toSorted((a, b) => b.length - a.length).join('|')})`, 'u')
const NOT_NAME_WORDS: ReadonlySet<string> = new Set(SHORT_NAMES.notNames)
// 我县|伍星生化: jieba joins 我 and a level into one unknown word before a trade name; no name starts with 我.
const FUNCTION_START = /^[的了是在和与及等对把被将从向为以由于其该此各我一二三四五六七八九十]/u
const GENERIC_YUANQU_USE = /(?:各类|各地|各个|多数|一些|部分|我国|中国|[0-9]{2,}个|某市|某县|某区)[\u4e00-\u9fa5]{0,5}?园区/u
// 59家县域省级以上开发区, 2个国家级园区: parks counted are many parks; 开发区是县域经济的重要载体: a statement about what
// parks are. A text that writes either is about parks in general, and its bare park words name no one park.
const PARK_WORDS = '(?:园区|开发区|经开区|高新区)'
// (3个专业化园区 are the sub-parks of one park: a count of 园区 says many parks only with a level, 2个国家级园区.)
const COUNTED_PARKS = /[0-9０-９两几多十百]+[家个所][^，。；：、\d]{0,10}?(?:开发区|经开区|高新区|(?:国家级|省级)[^，。；：、\d]{0,4}园区)/u
const PARKS_DEFINED = new RegExp(`(?:^|[^\u4e00-\u9fa5]|[而但且即])${PARK_WORDS}(?:无疑|已经|正)?(?:是|作为)[^，。；]{0,20}?(?:载体|平台|引擎|阵地|主战场|抓手|力量|增长极)`, 'u')
const aboutParksInGeneral = (text: string) => GENERIC_PARK_USE.test(text) || COUNTED_PARKS.test(text) || PARKS_DEFINED.test(text)
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
  levelAgency: (found: string, level: string, example: string) => `“${found}”没有写明是哪个${level}，应写机构全称（如“${example}${found}”）。`,
  suggestPlace: (level: string) => `在“${level}”前补上地名，并写机构的规范全称。`,
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
  /** A park word with no name before it (开发区, 高新区): judged once per text, see firstBarePark. */
  bare?: boolean
  /** A company short name: with 集团/公司/股份 (`firm`), or a trade name with an industry word (`trade`). */
  company?: 'firm' | 'trade'
  /** The investor of a project (investor-projects.ts), whose lists of projects that reader judges itself. */
  investor?: true
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
    const registered = new Set(parkNameForms(park).flatMap((e) => [e.name, ...e.aliases]))
    const registeredNames = park ? park.entities.map((e) => e.name) : []
    let declaredSoFar = new Set<string>()
    const draft = blocks.map((block) => block.text).join('\n')
    const found = blocks.map((block, b) => candidatesIn(block.text, named[b]!, owners, policy, draft))
    const tradeNames = firmNamesOf(blocks, found)
    const findings = blocks.flatMap((block, b) => {
      const blockDeclared = declared[b]!
      const candidates = [...found[b]!, ...otherMentions(block.text, tradeNames, found[b]!, named[b]!)]
      const kept = candidates.filter((c) => {
        const found = block.text.slice(c.start, c.end)
        if (registered.has(found) || registeredNames.some((name) => name.includes(found) && block.text.includes(name))) return false
        if (policy === 'declared-short-name' && (declaredSoFar.has(found) || (blockDeclared.get(found) ?? Infinity) <= c.start)) return false
        return true
      })
      declaredSoFar = new Set([...declaredSoFar, ...blockDeclared.keys()])
      return kept.filter((c) => !c.bare).map((c) => toFinding(doc, block, c))
    })
    const barePark = firstBarePark(doc, blocks, named)
    // With park data the park's name is known, and check-report says once when the draft does not name it.
    const sorted = (more: RuleFinding[]) => [...findings, ...barePark, ...more].sort((a, b) => a.start - b.start)
    return sorted(park ? [] : firstBareYuanqu(doc, blocks, named))
}

/**
 * The short names the draft shows to be firms somewhere (a company word, a list of firms, a project named after its
 * investor): 吉香居 in 引进吉香居项目 is the same firm in 新开工吉香居等5亿元以上项目.
 */
function firmNamesOf(blocks: readonly TextBlock[], found: readonly (readonly Candidate[])[]): ReadonlySet<string> {
  const names = new Set<string>()
  blocks.forEach((block, b) => {
    for (const c of found[b]!) if (c.company && !c.replacement) names.add(block.text.slice(c.start, c.end))
  })
  return names
}

/**
 * A firm's short name wherever else the draft writes it (an editor marks a short name at every use), on word edges
 * (jieba's dictionary segmentation: 北化 in 北化工 is another word), outside a full name and not opening a longer name.
 */
function otherMentions(text: string, firms: ReadonlySet<string>, found: readonly Candidate[], names: readonly TextName[]): Candidate[] {
  if (firms.size === 0) return []
  const onWords = boundaryTest(text)
  const more: Candidate[] = []
  const cover = new SpanCover(text.length)
  for (const c of found) cover.add(c)
  const insideName = insideOneOf(names, text.length)
  const taken = (start: number, end: number) => cover.overlaps(start, end) || insideName(start, end)
  for (const firm of firms) {
    for (let at = text.indexOf(firm); at >= 0; at = text.indexOf(firm, at + firm.length)) {
      const end = at + firm.length
      // 嘉澜汽车|零部件产业链协同云平台: a noun right after it makes the words a longer name (a platform, a chain).
      if (taken(at, end) || !onWords(at, end) || COMPANY_CONTINUES.test(text.slice(end)) || nameGoesOn(text, end)) continue
      const mention: Candidate = { start: at, end, message: messages.company(firm), suggestion: messages.suggestUnknown, company: 'trade' }
      more.push(mention)
      cover.add(mention)
    }
  }
  return more
}

// 零部件 is tagged mq (a measure word) by jieba, 汽配 j: nouns all the same.
const NAME_GOES_ON = /^(?:n|vn|an|mq|j)/u
const nameGoesOn = (text: string, at: number) => {
  const next = taggedWords(text.slice(at, at + 4))[0]
  return next !== undefined && NAME_GOES_ON.test(next.tag)
}

/**
 * 开发区/高新区 with no name before it, judged once per text as an editor does: only the first one, and only before
 * the text names its park (吉凤经济开发区 … 关心支持开发区建设, 慈湖高新区 … 高新区与北化 read as that park).
 * A text that uses the word for parks in general (各类开发区, 多数开发区, 中国开发区) is about parks, not one park.
 */
function firstBarePark(doc: ReportDoc, blocks: readonly TextBlock[], named: readonly (readonly TextName[])[]): RuleFinding[] {
  if (blocks.some((block) => aboutParksInGeneral(block.text))) return []
  // The title is read on its own: an editor marks 经济开发区2023年度工作总结 and then the body's first 经开区 — each
  // form at its first use, so the body's 开发区 after a title's 开发区 is not marked again. A title that names the
  // park (济宁高新区2020年……) makes the body's bare 高新区 a back-reference.
  const title = blocks.filter((block) => block.role === 'title')
  const inTitle = firstBareParkIn(doc, title, title.map((block) => named[blocks.indexOf(block)]!))
  if (inTitle.named) return []
  const body = blocks.filter((block) => block.role !== 'title')
  const inBody = firstBareParkIn(doc, body, body.map((block) => named[blocks.indexOf(block)]!))
  return [...inTitle.findings, ...(inBody.word === inTitle.word ? [] : inBody.findings)]
}

/** The first bare park word of `blocks` before any park name (`word`, its finding), or that a park is named first. */
function firstBareParkIn(doc: ReportDoc, blocks: readonly TextBlock[], named: readonly (readonly TextName[])[]): { findings: RuleFinding[]; word?: string; named: boolean } {
  for (let b = 0; b < blocks.length; b += 1) {
    const block = blocks[b]!
    const first = candidatesIn(block.text, named[b]!, new Map(), 'full-name-everywhere').find((c) => c.bare)
    const word = first ? block.text.slice(first.start, first.end) : ''
    // 兴原工业园区在经济开发区的领导下: a park of another kind named before does not say which 开发区 is meant.
    const expansion = PARK_EXPANSION.get(word)
    const sameKind = (name: string) => !first || name.endsWith(word) || (expansion !== undefined && name.endsWith(expansion)) || (word === '开发区' && name.endsWith('开发区'))
    const parkNames = named[b]!.filter((name) => name.kind === 'park' && sameKind(name.name)).map((name) => name.start)
    const firstName = Math.min(...parkNames, firstNamedShortPark(block.text, word))
    if (first && first.start < firstName) return { findings: [toFinding(doc, block, first)], word, named: false }
    if (firstName < Infinity) return { findings: [], named: true }
  }
  return { findings: [], named: false }
}

/** Where a park short name with a real place name (慈湖高新区, not 市经开区) first stands in `text`. */
function firstNamedShortPark(text: string, word: string): number {
  for (const m of matchesOf(text, PARK_SHORT)) {
    if (word && m[0] !== word && word !== '开发区') continue
    const { start } = nameBefore(text, m.index, false)
    if (start >= 0 && m.index - start >= 2) return start
  }
  return Infinity
}

/**
 * 到|园区调研 in a text that has not yet named its park: the first bare 园区 before the first full park name (or
 * anywhere in a text that never names it). Later ones read as “the park” once it is named; the title is left alone.
 */
function firstBareYuanqu(doc: ReportDoc, blocks: readonly TextBlock[], named: readonly (readonly TextName[])[]): RuleFinding[] {
  // A text about parks in general (各类产业园区, 约100个国家级零碳园区, 各类开发区) has no one park to name; 3个专业化园区
  // are the sub-parks of one park.
  if (blocks.some((block) => aboutParksInGeneral(block.text) || GENERIC_YUANQU_USE.test(block.text))) return []
  for (let b = 0; b < blocks.length; b += 1) {
    const block = blocks[b]!
    // 常州高新区 … 目前，园区拥有: a park named by its short name (itself reported) is named all the same; the bare
    // 园区 after it is a back-reference to it.
    const firstName = Math.min(named[b]!.find((name) => name.kind === 'park')?.start ?? Infinity, firstNamedShortPark(block.text, ''))
    if (block.role !== 'title') {
      BARE_YUANQU.lastIndex = 0
      let m = BARE_YUANQU.exec(block.text)
      while (m && LISTED_BEFORE.test(block.text.slice(0, m.index))) m = BARE_YUANQU.exec(block.text)
      if (m && m.index < firstName) {
        return [toFinding(doc, block, { start: m.index, end: m.index + m[0].length, message: messages.bareYuanqu, suggestion: messages.suggestUnknown })]
      }
    }
    if (firstName < Infinity) return []
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

function candidatesIn(text: string, names: readonly TextName[], owners: Map<string, TextName | null>, policy: ShortNamePolicy, draft?: string): Candidate[] {
  const onWords = boundaryTest(text)
  // Inside a full name, or inside a “（以下简称“……”）” declaration, which `proper-noun` judges.
  const declarations = [...matchesOf(text, DECLARATION)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const insideName = insideOneOf([...names, ...declarations], text.length)
  const found: Candidate[] = []
  // What is found so far, for the readers below that leave a place already found alone.
  const cover = new SpanCover(text.length)
  const endsFound = new Set<number>()
  const add = (candidate: Candidate) => {
    found.push(candidate)
    cover.add(candidate)
    endsFound.add(candidate.end)
  }
  for (const [alias, owner] of owners) {
    if (!owner) continue
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + alias.length)) {
      const end = at + alias.length
      if (insideName(at, end) || COMPANY_CONTINUES.test(text.slice(end)) || !onWords(at, end)) continue
      const span = growAlongName(text, at, end, alias, owner.name, owner.kind === 'company')
      // The full name written where it was not read as one (after a word that is no lead word): no short form.
      if (text.slice(span.start, span.end) === owner.name) continue
      add({ ...span, message: messages.alias(text.slice(span.start, span.end), owner.name, policy), suggestion: messages.suggestFull(owner.name), replacement: owner.name })
    }
  }
  for (const m of matchesOf(text, PARK_SHORT)) {
    const { start } = nameBefore(text, m.index, false)
    const end = m.index + m[0].length
    // 全市项目建设主战场|经开区, 将助力|经开区: one common noun is a place's name only where it opens the phrase.
    if (start >= 0 && soleCommonNoun(text.slice(start, m.index)) && !(start === 0 || !HAN.test(text[start - 1]!) || PARK_LEAD.test(text.slice(0, start)))) continue
    // 汉东省开发区, 安徽开发区: a province's parks, not one park's name.
    if (start < 0 || insideName(start, end) || text[m.index - 1] === '省' || PROVINCE_NAMES.has(text.slice(start, m.index))) continue
    const short = text.slice(start, end)
    add({ start, end, message: messages.park(short, `${text.slice(start, m.index)}${PARK_EXPANSION.get(m[0])}`), suggestion: messages.suggestUnknown })
  }
  for (const m of matchesOf(text, COMPANY_TAIL)) {
    let end = m.index + m[0].length
    // 宝丰|能源|集团, 绿源|环保|科技|有限公司: the name runs on over further company words.
    for (let more = TAIL_AFTER.exec(text.slice(end)); more; more = TAIL_AFTER.exec(text.slice(end))) end += more[0].length
    // 玉皇化工|片区, 曹妃甸化学|工业园区: a company word before an area word names a place, not a firm.
    if (COMPANY_CONTINUES.test(text.slice(end)) || AREA_FOLLOWS.test(text.slice(end))) continue
    const firmWord = FIRM_WORDS.has(text.slice(end - 2, end))
    // 嘉澜|汽车|零部件产业链: an industry word followed by a noun is an industry, not a firm (judged below).
    const before = nameBefore(text, m.index, false)
    // Without 集团/公司/股份 the name must stand on its own (，荣德新能源; 引进宝丰能源): 完成|印证材料 and 集团|广元电子
    // are a word inside a longer phrase.
    const named = before.start >= 0 && (firmWord || (TRADE_NAME_TAGS.has(before.lastTag) && standsAlone(text, before.start) && !nounFollows(text, end)))
    // 、金人电气, 其中名士达新材料, ，吉凤投资公司: a trade name jieba splits into pieces, standing alone in its clause.
    // 淮澄化工新材料|产业园区, 光伏|产业: an industry before a park or a sector word, not a firm.
    // 华昌食品|加工产业链: a verbal noun after the sector word makes it that process's object, an industry.
    const start = named ? before.start : INDUSTRY_FOLLOWS.test(text.slice(end)) || processFollows(text, end) ? -1 : tradeNameBefore(text, m.index, firmWord)
    if (start < 0 || insideName(start, end) || !onWords(start, end)) continue
    add({ start, end, message: messages.company(text.slice(start, end)), suggestion: messages.suggestUnknown, company: FIRM_WORD_IN.test(text.slice(start, end)) ? 'firm' : 'trade' })
  }
  // ，县|工业园区管委会: a park named by its level alone, at the start of its phrase, is one park whose name is missing
  // (全市工业园区, 我市工业园区 are the parks of a city).
  for (const m of matchesOf(text, LEVEL_PARK)) {
    if (insideName(m.index, m.index + m[0].length)) continue
    add({ start: m.index, end: m.index + m[0].length, message: messages.barePark(m[0]), suggestion: messages.suggestUnknown, bare: true })
  }
  for (const m of matchesOf(text, BARE_PARK)) {
    const end = m.index + m[0].length
    if (insideName(m.index, end) || nameBefore(text, m.index, false).start >= 0 || GENERIC_BEFORE.test(text.slice(0, m.index))) continue
    // ，仙人|岛|经开区: a place jieba reads as common nouns, right after a clause start, is still the park's name;
    // xx经开区: a place left as a placeholder is too.
    const place = nounPlaceBefore(text, m.index) || (PLACEHOLDER_PLACE.exec(text.slice(0, m.index))?.[0].length ?? 0)
    if (place > 0 && !insideName(m.index - place, end)) {
      const start = m.index - place
      add({ start, end, message: messages.park(text.slice(start, end), `${text.slice(start, m.index)}${PARK_EXPANSION.get(m[0]) ?? m[0]}`), suggestion: messages.suggestUnknown })
      continue
    }
    // A longer park word ends here (经济开发区 holds 开发区): it was judged at its own start.
    if (/[\u4e00-\u9fa5]$/u.test(text.slice(0, m.index)) && endsFound.has(end)) continue
    add({ start: m.index, end, message: messages.barePark(m[0]), suggestion: messages.suggestUnknown, bare: true })
  }
  for (const m of matchesOf(text, LEVEL_AGENCY)) {
    const before = text.slice(0, m.index)
    const level = LEVEL_NAMES[m[0][0]!]!
    if (level === '省' ? PROVINCE_BEFORE.test(before) : PLACE_BEFORE_LEVEL.test(before) && !LEAD_BEFORE_LEVEL.test(before)) continue
    add({ start: m.index, end: m.index + m[0].length, message: messages.levelAgency(m[0], level, LEVEL_EXAMPLES[level]!), suggestion: messages.suggestPlace(level) })
  }
  // Every match ends in 所, at most four characters after its start: tried only there (regex-matches.ts).
  for (const m of matchesNear(text, INSTITUTE, '所', 4)) {
    add({ start: m.index, end: m.index + m[0].length, message: messages.institute(m[0]), suggestion: messages.suggestUnknown })
  }
  for (const m of matchesOf(text, HONOURED_SUBJECT)) {
    const start = m.index + m[0].length - m[1]!.length
    const end = start + m[1]!.length
    if (honouredFirm(m[1]!) && !insideName(start, end) && !cover.overlaps(start, end)) {
      add({ start, end, message: messages.company(m[1]!), suggestion: messages.suggestUnknown, company: 'trade' })
    }
  }
  // 长城汽车荆门分公司, 引进美利达第二工厂, 远景能源鄂尔多斯基地: a firm named by one of its sites.
  for (const site of firmSites(text, standsAlone)) {
    if (insideName(site.start, site.end) || cover.overlaps(site.start, site.end)) continue
    add({ ...site, message: messages.company(text.slice(site.start, site.end)), suggestion: messages.suggestUnknown, company: 'trade' })
  }
  // 华昌食品项目, 已签约台祥表面处理设备生产项目: a project named after its investor, by the investor's trade name.
  for (const name of draft === undefined ? [] : investorNames(text, draft)) {
    if (insideName(name.start, name.end) || cover.overlaps(name.start, name.end)) continue
    add({ ...name, message: messages.company(text.slice(name.start, name.end)), suggestion: messages.suggestUnknown, company: 'trade', investor: true })
  }
  return longestFirst(judgeLists(text, found, insideName), aliasFirst)
}

// 华兴源创获评国家级5G工厂: the subject of 获评/入选 + an honour, alone in its clause, received the honour — a firm,
// written by its trade name, when it is a name jieba does not know (a park, a city or 园区 would be a known word).
const HONOURED_SUBJECT = new RegExp(`(?:^|[，。；：\\s])([\\u4e00-\\u9fa5]{3,6})(?=${RECEIVES_HONOUR})`, 'gu')
const NOT_FIRM_SUBJECT = /(?:市|县|区|省|镇|园|基地|企业|项目|平台|中心|工厂|车间|集群|产业|行业|部门|单位|学校|大学|医院)$/u
function honouredFirm(subject: string): boolean {
  if (NOT_FIRM_SUBJECT.test(subject) || FUNCTION_START.test(subject)) return false
  const tokens = taggedWords(subject)
  return !NOT_NAME_WORDS.has(tokens[0]!.word) && tokens.some((t) => t.tag === 'x' && t.word.length >= 2) && tokens.every((t) => TRADE_NAME_NOUN_TAGS.has(t.tag) || t.tag === 'x')
}

/**
 * What the lists of a text say about company short names (company-lists.ts): a trade name listed only beside
 * industries is an industry (第三代半导体、碳基新材料、消防安全材料); the items of a list of firms (…等光伏企业, a
 * list beside 星河集团) are firms' short names even without a company word (兴隆防腐、星河集团、绿洲制衣).
 */
// 华祥石化东边界、瑞森公司东边界: the place by a firm, named after it; the firm's name is what comes before.
// In a list, an abbreviation jieba knows (中小企业, 工信部) is no trade name; an unknown word or a name is.
const LIST_NAME_TAGS: ReadonlySet<string> = new Set(['x', 'nz', 'nr', 'nrt'])
const COMMON_TAGS: ReadonlySet<string> = new Set(['n', 'vn', 'v', 'a', 'an', 'ad', 'b', 'm', 'q', 'd', 'f', 'ng', 'u', 'uj', 'c', 'p'])
const LOCATIVE_END = /(?:[东西南北](?:边界|侧|面|部|边)|以[东西南北]|边界|周边|一带)$/u
const itemName = (item: ListItem, list: NameList) => {
  const name = item.text.trim().replace(LOCATIVE_END, '')
  return item === list.items[0] ? afterLastVerb(name) : name
}

/**
 * 有力推动|杰嘉电子: the first item of a list may carry the verb that leads to it; the name is what follows the verb,
 * when that holds a trade name (联创|制药 keeps its 联创, which jieba reads as a verb: 制药 alone is no name).
 */
function afterLastVerb(text: string): string {
  const tokens = taggedWords(text)
  const verb = tokens.findLastIndex((t) => t.tag === 'v' && t.word.length >= 2)
  if (verb < 0) return text
  const rest = tokens.slice(verb + 1)
  return rest.some((t) => LIST_NAME_TAGS.has(t.tag)) ? rest.map((t) => t.word).join('') : text
}

function judgeLists(text: string, found: readonly Candidate[], insideName: (start: number, end: number) => boolean): Candidate[] {
  if (!text.includes('、')) return [...found]
  const lists = nameLists(text)
  const companyAt = (item: ListItem) => found.find((c) => c.company && item.start <= c.start && c.end <= item.end)
  // An item that holds a word jieba does not know or knows as a name (皇家万喜汇, 三江生物), unlike 消防安全材料.
  const tradeLike = (item: ListItem, list: NameList) => Boolean(companyAt(item)) || taggedWords(itemName(item, list)).some((t) => LIST_NAME_TAGS.has(t.tag))
  const mostlyTradeNames = (list: NameList) => list.items.filter((item) => tradeLike(item, list)).length * 2 >= list.items.length
  // An item of common words only (第三代半导体, 消防安全材料, 润滑油): an industry or a product.
  const industryLike = (item: ListItem, list: NameList) => !companyAt(item) && taggedWords(itemName(item, list)).every((t) => COMMON_TAGS.has(t.tag))
  const kept = found.filter((c) => {
    if (c.company !== 'trade') return true
    const held = listHolding(lists, c.start, c.end)
    if (!held || held.list.ofFirms) return true
    // 北化高端全合成基础油、高品质钢门窗幕墙系统产品等工业项目: the items are projects, each named by its product or its
    // investor; a product beside the investor's project does not make the investor an industry. (An item short enough
    // to be a name, 洁圣车辆, is judged as one below.)
    if (c.investor && !firmLikeItem(itemName(held.item, held.list))) return true
    const others = held.list.items.filter((item) => item !== held.item)
    return others.filter((item) => industryLike(item, held.list)).length * 2 <= others.length
  })
  for (const list of lists) {
    const besideFirm = list.items.some((item) => companyAt(item)?.company === 'firm')
    if (!list.ofFirms && !besideFirm && !(list.items.some(companyAt) && mostlyTradeNames(list))) continue
    // Beside a firm's name only (no word saying the list is of firms), an item must look like a trade name: a word
    // jieba does not know or knows as a name (润滑油 listed beside 国瑞药业 is a product); beside 集团/公司 an
    // abbreviation jieba knows may be one too (香港新亚行).
    const nameTags = besideFirm ? TRADE_NAME_PIECE_TAGS : LIST_NAME_TAGS
    const holdsFirm = list.items.some(companyAt)
    for (const item of list.items) {
      const name = itemName(item, list)
      const start = item.start + item.text.indexOf(name)
      const end = start + name.length
      if (!firmLikeItem(name) || kept.some((c) => c.start < end && start < c.end) || insideName(start, end)) continue
      const tokens = taggedWords(name)
      if (!list.ofFirms && !tokens.some((t) => nameTags.has(t.tag)) && !(holdsFirm && tradeNameWithSector(tokens))) continue
      // 深圳、广州、北京: places, whatever the list says.
      if (tokens.every((t) => t.tag === 'ns')) continue
      kept.push({ start, end, message: messages.company(name), suggestion: messages.suggestUnknown, company: 'trade' })
    }
  }
  return kept
}

// 联创|制药, 三江|生物, 西澳|电梯 listed beside a firm: a trade name jieba reads as a common word, a verb or a place,
// then the firm's sector word. A sector word or an attribute before the sector word makes an industry (生物|制药,
// 精细|化工, 新型|建材), and one word jieba knows whole (润滑油, 电子信息) is a product or an industry.
const SECTOR_WORDS: ReadonlySet<string> = new Set(SHORT_NAMES.companyShortTails)
const TRADE_HEAD_TAGS: ReadonlySet<string> = new Set(['n', 'ns', 'nr', 'nrt', 'nz', 'x', 'v', 'j'])
function tradeNameWithSector(tokens: readonly { word: string; tag: string }[]): boolean {
  if (tokens.length !== 2) return false
  const [head, sector] = tokens as [{ word: string; tag: string }, { word: string; tag: string }]
  return SECTOR_WORDS.has(sector.word) && head.word.length >= 2 && head.word.length <= 4 && TRADE_HEAD_TAGS.has(head.tag) && !SECTOR_WORDS.has(head.word) && !NOT_NAME_WORDS.has(head.word) && !FUNCTION_CHAR_START.test(head.word)
}
// (A numeral may open a trade name jieba tags as one word: 三江|生物; a count is tagged m and fails the tags above.)
const FUNCTION_CHAR_START = /^[的了是在和与及等对把被将从向为以由于其该此各]/u

const HAN = /[\u4e00-\u9fa5]/u
const AREA_FOLLOWS = /^(?:片区|园区|工业园|产业园|工业区|化工区|集中区|开发区|高新区|经开区|基地)/u
// Words after which a park's name starts its own phrase: 在|南岭经开区, 由|金乡经济开发区.
const PARK_LEAD = /(?:[在由与和及同向对到赴从据经]|其中|包括|位于|入驻|落户|迁入|支持|推动)$/u
const soleCommonNoun = (name: string) => {
  const tokens = taggedWords(name)
  return tokens.length === 1 && tokens[0]!.tag === 'n'
}
/** Whether the name at `start` opens its phrase: at a clause start or after a word that leads a name (其中, 与). */
const standsAlone = (text: string, start: number) => start === 0 || !HAN.test(text[start - 1]!) || TRADE_NAME_LEAD.test(text.slice(0, start))

const PLACEHOLDER_PLACE = /(?:[xX×]{2,3}|[Ｘｘ]{2,3})$/u
const NOUN_TAGS: ReadonlySet<string> = new Set(['n', 'nr', 'nz', 'ns', 'x', 'j'])

/**
 * The length of a place written as common nouns right before `at` (仙人岛 in “，仙人岛经开区”): nouns from a clause
 * start (punctuation or the start of the text), 2–5 characters, none of them a word that is not a name (国家级, 各).
 */
function nounPlaceBefore(text: string, at: number): number {
  const from = Math.max(0, at - 5)
  const run = /[\u4e00-\u9fa5]*$/u.exec(text.slice(from, at))![0]
  if (run.length < 2 || run.length > 5 || (at - run.length > 0 && /[\u4e00-\u9fa5]/u.test(text[at - run.length - 1]!))) return 0
  const tokens = taggedWords(run)
  return tokens.every((t) => NOUN_TAGS.has(t.tag) && !NOT_NAME_WORDS.has(t.word) && !FUNCTION_START.test(t.word)) ? run.length : 0
}

// Words after which a trade name starts its own phrase: 其中|名士达新材料, 借助|博浪热能, 与|北化.
// 我县|伍星生化: a trade name after the writer's own place (我县, 我市) opens its phrase.
const TRADE_NAME_LEAD = /(?:其中|借助|包括|引进|落户|携手|支持|依托|与|和|及|同|由|对|在|将|把|以|我[省市县区州镇])$/u
const INDUSTRY_FOLLOWS = /^(?:产业|行业|领域|园|基地|开发区|高新区|集群|企业|板块|赛道|链)/u
// 做强|玻璃新材料, 并网|光伏: words jieba does not know that start with a verb of official prose are actions.
const VERB_START = /^[并做抓促推加建打强搞创抢实提扩育培引稳保]/u
const TRADE_NAME_PIECE_TAGS: ReadonlySet<string> = new Set(['x', 'nr', 'nrt', 'nz', 'j'])
const TRADE_NAME_NOUN_TAGS: ReadonlySet<string> = new Set([...TRADE_NAME_PIECE_TAGS, 'n', 'ng', 'ns'])

/**
 * Where a trade name of 2–4 characters before a company word starts, when jieba does not read it as one name
 * (金|人|电气, 名士|达|新材料, 吉凤|投资|公司): it stands at a clause start or after a lead word (其中, 与), it holds a
 * piece jieba does not know or knows as a name, and it does not start with a word that is not a name (国家, 各类).
 * A common word there (清洁|能源, 精细|化工, 生物|科技) is an industry, so -1. `firm`: before 公司/集团/股份 an
 * industry word may follow the trade name (吉凤|投资|公司).
 */
function tradeNameBefore(text: string, at: number, firm: boolean): number {
  for (let length = 2; length <= 4 && at - length >= 0; length += 1) {
    const start = at - length
    const head = text.slice(0, start)
    if (!/[\u4e00-\u9fa5]/u.test(text.slice(start, at)) || /[^\u4e00-\u9fa5]/u.test(text.slice(start, at))) return -1
    // 8处|屋顶光伏: after a figure the words are a count of things, not a name.
    if (/[\u4e00-\u9fa5]$/u.test(head) ? !TRADE_NAME_LEAD.test(head) : /[0-9０-９]$/u.test(head)) continue
    const tokens = taggedWords(text.slice(start, at))
    const first = tokens[0]!
    if (NOT_NAME_WORDS.has(first.word) || FUNCTION_START.test(first.word) || VERB_START.test(first.word) || (!firm && tokens.some((t) => NOT_NAME_WORDS.has(t.word)))) return -1
    // 并|确保, 做强|玻璃, 集中式, 可再生: a verb, adverb or attribute is not part of a trade name.
    // 名士|达: a one-character verb ending a three-character run is the last piece of a trade name.
    const namePiece = (t: { word: string; tag: string }, i: number) =>
      TRADE_NAME_NOUN_TAGS.has(t.tag) || (firm && i > 0 && t.tag === 'vn') || (i > 0 && i === tokens.length - 1 && t.word.length === 1 && t.tag === 'v')
    if (!tokens.every(namePiece)) return -1
    const pieces = tokens.length > 1 && tokens.some((t) => t.word.length === 1 && !FUNCTION_START.test(t.word))
    return TRADE_NAME_PIECE_TAGS.has(first.tag) || pieces ? start : -1
  }
  return -1
}

/** Whether the word right after `at` is a verbal noun (加工, 制造, 研发). */
function processFollows(text: string, at: number): boolean {
  return taggedWords(text.slice(at, at + 4))[0]?.tag === 'vn'
}

/** Whether the word right after `at` is a noun (零部件, 产业链, 创新): the words before it then modify it. */
function nounFollows(text: string, at: number): boolean {
  const next = taggedWords(text.slice(at, at + 4))[0]
  return next !== undefined && /^(?:n|vn|an)/u.test(next.tag)
}

/** A text-derived alias (it carries the full name to write) wins over a generic short name of the same length. */
const aliasFirst = (a: Candidate, b: Candidate) => Number(Boolean(b.replacement)) - Number(Boolean(a.replacement))
