import { matchesOf } from '../regex-matches.js'
import { RECEIVES_HONOUR } from './honour-verbs.js'
import { STARTS_WITH_PERSON_TITLE } from './person-names.js'
/**
 * Lists of names joined by 、 within one clause (银欣、越众、越鑫、鑫海祥瑞等光伏企业; 第三代半导体、碳基新材料、
 * 消防安全材料) and what a list says about its items. The short-name reader asks two things of them:
 * - a list the text says is of firms (…等光伏企业11家, 龙头企业——荣德新能源、通灵电器, 博世、强生、亿滋获评……)
 *   makes every item a firm, written here by a short name, even one without a company word (绿洲制衣, 银欣);
 * - a word with a company-like ending (碳基新材料) listed beside items that are no firm is an industry, not a firm.
 * An enumeration of 一是……二是 is another thing (enumerations.ts).
 */

export interface ListItem {
  text: string
  start: number
  end: number
}

export interface NameList {
  items: ListItem[]
  /** Whether the text says the items are firms: …等企业 after, 企业—— before, or 获评/入选 + an honour after. */
  ofFirms: boolean
}

// A clause holding a list: up to the marks that end a clause. Quotes and book-title marks stay inside (an item may be
// “小巨人” or 《……》).
const CLAUSE = /[^，。；：！？\n,;:!?（）()]+/gu
const ITEM_SEPARATOR = '、'
// …等光伏企业11家, …等一批传统企业, …等9家公司: the list's own noun says its items are firms.
// (…等地企业, …等重点领域企业: places or sectors, whose firms are not the items.)
const FIRMS_AFTER = /^等(?![\u4e00-\u9fa5\d]{0,8}?(?:地|领域|行业|方面|城市|国家|省|市|县))[\u4e00-\u9fa5\d]{0,8}?(?:企业|公司|厂商|厂家|集团)/u
// 龙头企业——荣德新能源、通灵电器: the firms are announced before the list.
const FIRMS_BEFORE = /(?:企业|公司|厂商|厂家)(?:——|—|有|包括|如)$/u
// The longest text FIRMS_BEFORE matches: it is tried on that much before a list, not on the whole text before it
// (an anchored-at-the-end pattern is tried from every character of what it is given).
const FIRMS_BEFORE_MAX = 4
// 博世、强生、亿滋获评全球灯塔工厂: a list of subjects that received an honour is a list of firms (a place or a park
// would be named as one; those are left out by the item test below).
const HONOURED_AFTER = new RegExp(`^${RECEIVES_HONOUR}`, 'u')
// What an item of a list of firms does not look like: a word of prose or a category of things.
const NOT_FIRM_ITEM = /(?:企业|项目|产业|行业|领域|工厂|车间|园区|基地|中心|平台|集群|市|县|区|省|镇|乡|村|路|街|段|河|桥|会|论坛|庆典|仪式|活动|展|赛|节)$|^(?:其中|以及|及|和|与|等|各|该|本|我|其|全|多|一批|首批|请|所属)|[0-9０-９%％的或]|企业|项目|产业/u
const HAN_ONLY = /^[\u4e00-\u9fa5·]+$/u

/** Every list of two or more items in `text` (offsets in `text`), with whether it is said to be a list of firms. */
export function nameLists(text: string): NameList[] {
  const lists: NameList[] = []
  for (const clause of matchesOf(text, CLAUSE)) {
    if (!clause[0].includes(ITEM_SEPARATOR)) continue
    const items: ListItem[] = []
    let at = clause.index
    for (const piece of clause[0].split(ITEM_SEPARATOR)) {
      items.push({ text: piece, start: at, end: at + piece.length })
      at += piece.length + ITEM_SEPARATOR.length
    }
    const first = items[0]!
    const last = items.at(-1)!
    // …鑫海祥瑞等光伏企业11家, …亿滋获评全球灯塔工厂: the last item ends where the words about the list start.
    const tail = LIST_GOES_ON.exec(last.text)
    if (tail) last.end = last.start + tail.index
    last.text = text.slice(last.start, last.end)
    // 新能源产业的龙头企业——荣德新能源, 已入驻银欣: the first item starts after the words that lead to the list.
    const lead = matchesOf(first.text, LEAD).at(-1)
    const leadEnd = lead ? first.start + lead.index + lead[0].length : first.start
    const ofFirms = FIRMS_AFTER.test(text.slice(last.end)) || HONOURED_AFTER.test(text.slice(last.end)) || FIRMS_BEFORE.test(text.slice(Math.max(0, leadEnd - FIRMS_BEFORE_MAX), leadEnd))
    first.start = leadEnd
    first.text = text.slice(first.start, first.end)
    lists.push({ items, ofFirms })
  }
  return lists
}

// The last item ends at 等 or at the honour its subjects received.
const LIST_GOES_ON = new RegExp(`(?:等|${RECEIVES_HONOUR})`, 'u')
// 龙头企业——|荣德新能源, 已入驻|银欣, 其中|博世, 签约|润滑油: the words before the first item that lead to the list.
const LEAD = /(?:——|—|[东西南北]至|其中|包括|主要有|入驻|引进了?|签约了?|落户了?|企业有|如)/gu

/**
 * Whether a list item can be a firm's short name: 2–8 characters of Chinese, and not a category, place or count, nor
 * a person by post and name (产投集团党委书记、董事长周船: the item after a firm is its chairman).
 */
export function firmLikeItem(name: string): boolean {
  const text = name.trim()
  return text.length >= 2 && text.length <= 8 && HAN_ONLY.test(text) && !NOT_FIRM_ITEM.test(text) && !STARTS_WITH_PERSON_TITLE.test(text)
}

/** The list (if any) that holds the span [start, end) as one of its items. */
export function listHolding(lists: readonly NameList[], start: number, end: number): { list: NameList; item: ListItem } | undefined {
  for (const list of lists) {
    const item = list.items.find((i) => i.start <= start && end <= i.end)
    if (item) return { list, item }
  }
  return undefined
}
