import { checkTextMemo } from './check-memo.js'
import { STARTS_WITH_PERSON_TITLE } from './person-names.js'
import { SHORT_NAMES } from './text-names.js'
import { taggedWords } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * A project named after the firm that invests in it: 华昌食品项目, 金星钛白四期技改项目, 已签约台祥表面处理设备生产项目,
 * 引进吉香居项目. Park reports name projects so, and the name before the industry words is the firm's trade name —
 * a short name whose legal name (……有限公司) the template wants written out. Read from the words of the clause that
 * ends at 项目, not from a list of firms:
 * - the clause (from a punctuation mark, a previous 项目 or a ranking such as 500强) opens with lead words only —
 *   verbs, adverbs, pronouns, numbers (已签约, 先后引进, 其中, 新开工);
 * - then a word jieba does not know or knows as a proper name (华昌, 金星钛白, 易华录), with a place or abbreviation
 *   just before it kept with it (北京|翰城, 北大|益丰);
 * - then only words that describe the product or the phase (食品, 表面处理设备生产, 四期技改) up to 项目.
 * A project named after a place is not a firm's: a name ending in a geographic word (慈湖, 仙人岛) or written before a
 * park word anywhere in the draft (慈湖高新区) is a place.
 */

export interface InvestorName {
  start: number
  end: number
}

const PROJECT = /项目/gu
// Where a clause, or the name of the project before, ends.
const CLAUSE_EDGE = /(?:[，。；：、！？!?,;:\n（）()“”《》「」\s]|项目|\d+\s*强)/gu
const MAX_CLAUSE = 18
const COUNTED_AFTER = /等[\d一二三四五六七八九十两几多]*个?$/u
// Words that may lead to the name: verbs (签约, 引进), adverbs (已, 先后), pronouns (其中), numbers and times (首期).
const LEAD_TAGS: ReadonlySet<string> = new Set(['v', 'vd', 'd', 'ad', 'p', 'r', 'c', 'm', 'q', 't', 'u', 'ul', 'uj', 'a'])
// A trade name: a word jieba does not know, or knows as a proper name.
const TRADE_TAGS: ReadonlySet<string> = new Set(['x', 'nz', 'nr', 'nrt'])
// A province-level region or an abbreviation that opens a trade name (北京|翰城电子, 北大|益丰); 高原|微藻 is a common noun jieba tags
// as a place.
const PROVINCES: ReadonlySet<string> = new Set([...SHORT_NAMES.provinces, ...SHORT_NAMES.otherProvincialRegions])
const opensName = (token: { word: string; tag: string }) => token.tag === 'j' || (token.tag === 'ns' && PROVINCES.has(token.word))
const SECTOR_FOLLOWS = /^(?:产业|行业|领域|地产|中心|板块|集群|基地|园)/u
// 四是|加大项目储备: an enumeration's marker.
const ENUMERATION = /^[一二三四五六七八九十]是/u
// What the rest of a project's name says: its product, process or phase (水产食品, 表面处理设备生产, 四期技改, 高端全合成基础油).
const DESCRIPTION_TAGS: ReadonlySet<string> = new Set(['n', 'vn', 'v', 'nz', 'x', 'j', 'nt', 'ns', 'f', 't', 'm', 'q', 'b', 'a', 'an', 'ng'])
const THING_TAGS: ReadonlySet<string> = new Set(['n', 'vn', 'nz', 'nt', 'ns', 'j', 'x', 'ng', 'an'])
// 慈湖, 仙人岛, 东山港: a name ending in a geographic word is a place.
const PLACE_END = /[岛湖港湾山江河溪洲镇乡村县市区州省旗路街]$/u
const FUNCTION_CHAR = /^[的了是在和与及等对把被将从向为以由于其该此各]/u
const NOT_NAMES: ReadonlySet<string> = new Set(SHORT_NAMES.notNames)
const PARK_WORD = new RegExp(`^(?:${[...new Set([...SHORT_NAMES.bareParkWords, ...SHORT_NAMES.parkShortSuffixes.map((s) => s.short), '园区', '工业园', '产业园', '新区'])].toSorted((a, b) => b.length - a.length).join('|')})`, 'u')
// The park as the subject of the verbs before a project: 高新区新签约…, 慈湖高新技术产业开发区引进… (a verb must follow).
const PARK_SUBJECT = new RegExp(`^[\\u4e00-\\u9fa5]{0,10}?${PARK_WORD.source.slice(1)}(?=[新已先共再又]?(?:签约|引进|落地|开工|引入|招引))`, 'u')

/**
 * The trade names of the investors of the projects named in `text` (block offsets). `draft` is the whole draft's text:
 * a name written before a park word anywhere in it (慈湖高新区) is a place.
 */
export function investorNames(text: string, draft: string): InvestorName[] {
  if (!text.includes('项目')) return []
  const found: InvestorName[] = []
  for (const project of matchesOf(text, PROJECT)) {
    const from = Math.max(0, project.index - MAX_CLAUSE)
    const edge = matchesOf(text.slice(from, project.index), CLAUSE_EDGE).at(-1)
    // A clause longer than the window has no known start, so its first word cannot be judged.
    if (!edge && from > 0) continue
    const start = edge ? from + edge.index + edge[0].length : from
    // 洁圣车辆等9个|项目: the projects counted after 等 are the named one's kind.
    const clause = text.slice(start, project.index).replace(COUNTED_AFTER, '')
    const name = investorIn(clause)
    if (name) found.push({ start: start + name.start, end: start + name.end })
    found.push(...listedInvestors(text, project.index))
  }
  const seen = new Set<number>()
  return found.filter((name) => {
    const written = text.slice(name.start, name.end)
    if (seen.has(name.start) || PLACE_END.test(written) || namesAPark(draft, written)) return false
    seen.add(name.start)
    return true
  })
}

// 北化高端全合成基础油、亘达信息教育软件开发等服务类|项目: a list of projects, each named after its investor.
const LIST_OF_PROJECTS = /等[\u4e00-\u9fa5\d]{0,8}$/u
// …等工业项目8个和|慈湖科技机电云商城、…: the list before ends where the next begins.
const LIST_EDGE = /[，。；：！？!?,;:\n（）()“”《》「」]|项目[\d一二三四五六七八九十]*[个项]?[和及与]?/gu
const MAX_LIST = 120

/** The investors of the items of a list of projects that ends at `at` (…、…等工业项目), each item read as a project name. */
function listedInvestors(text: string, at: number): InvestorName[] {
  const from = Math.max(0, at - MAX_LIST)
  const before = text.slice(from, at)
  const end = LIST_OF_PROJECTS.exec(before)
  if (!end || !before.slice(0, end.index).includes('、')) return []
  const edge = matchesOf(before.slice(0, end.index), LIST_EDGE).at(-1)
  if (!edge && from > 0) return []
  let itemStart = from + (edge ? edge.index + edge[0].length : 0)
  const found: InvestorName[] = []
  for (const item of text.slice(itemStart, from + end.index).split('、')) {
    // 北京翰城电子项目、…: an item may say 项目 itself.
    const name = investorIn(item.replace(/项目$/u, ''))
    if (name) found.push({ start: itemStart + name.start, end: itemStart + name.end })
    itemStart += item.length + 1
  }
  // 海洋生物科技、水产品精深加工、冷链物流、玻璃新材料产业等项目: a list mostly of sectors is of sectors, and its one
  // word jieba does not know (冷链) is a sector's abbreviation.
  const items = text.slice(from + (edge ? edge.index + edge[0].length : 0), from + end.index).split('、').length
  return found.length * 2 >= items ? found : []
}

/** The trade name in the words of one clause before 项目, or undefined. */
function investorIn(clause: string): InvestorName | undefined {
  if (clause.length < 2 || /[^\u4e00-\u9fa5]/u.test(clause)) return undefined
  // 高新区|新签约北化高端全合成基础油: a park word opening the clause is its subject; the lead words follow it.
  const subject = PARK_SUBJECT.exec(clause)
  if (subject) {
    const name = investorIn(clause.slice(subject[0].length))
    return name && { start: name.start + subject[0].length, end: name.end + subject[0].length }
  }
  const tokens = taggedWords(clause)
  let at = 0
  let i = 0
  while (i < tokens.length && LEAD_TAGS.has(tokens[i]!.tag) && !TRADE_TAGS.has(tokens[i]!.tag)) at += tokens[i++]!.word.length
  let start = at
  if (i < tokens.length - 1 && opensName(tokens[i]!) && TRADE_TAGS.has(tokens[i + 1]!.tag)) at += tokens[i++]!.word.length
  const first = tokens[i]
  if (!first || !TRADE_TAGS.has(first.tag) || first.word.length < 2) return undefined
  // 对洁|圣车辆: jieba joined a preposition to the name; the name starts after it.
  if (FUNCTION_CHAR.test(first.word)) {
    if (start !== at) return undefined
    start += 1
  }
  let end = at
  const nameFrom = i
  while (i < tokens.length && TRADE_TAGS.has(tokens[i]!.tag)) end += tokens[i++]!.word.length
  // 力争, 高科技, 续建: one word jieba's dictionary holds is a word, not a trade name; a trade name holds a piece it does
  // not know (华昌, 吉香居) or is two proper names (金星|钛白).
  const pieces = tokens.slice(nameFrom, i)
  if (pieces.length < 2 && !pieces.some((t) => t.tag === 'x')) return undefined
  const description = tokens.slice(i)
  if (!description.every((t) => DESCRIPTION_TAGS.has(t.tag))) return undefined
  // 压茬|推进项目, 加快|推进: a verb right after the word makes it an adverbial; a project's description names a thing.
  if (description.length > 0 && (description[0]!.tag === 'v' || !description.some((t) => THING_TAGS.has(t.tag)))) return undefined
  // 文旅|产业, 科创|中心, 康养|地产: an abbreviation before a sector or a facility names a sector, not a firm.
  if (SECTOR_FOLLOWS.test(clause.slice(end))) return undefined
  // 李东|书记要求加快推进重大项目: a name before a post is a person, the clause's subject, not the project's investor.
  if (STARTS_WITH_PERSON_TITLE.test(clause.slice(end))) return undefined
  const name = clause.slice(start, end)
  if (name.length < 2 || NOT_NAMES.has(name) || FUNCTION_CHAR.test(name) || ENUMERATION.test(name)) return undefined
  return { start, end }
}

/**
 * Whether the draft writes `name` before a park word (慈湖|高新区): then it is the park's place. Each block asks about
 * the whole draft, so the answer per name is kept for the check: a draft naming one project on each of 6,500 lines
 * scanned the draft 6,500 times. The kept map only gains answers, each a function of the draft and the name alone.
 */
function namesAPark(draft: string, name: string): boolean {
  const answers = checkTextMemo(draft, 'investor-projects:names-a-park', () => new Map<string, boolean>())
  let answer = answers.get(name)
  if (answer === undefined) {
    answer = false
    for (let at = draft.indexOf(name); at >= 0 && !answer; at = draft.indexOf(name, at + 1)) answer = PARK_WORD.test(draft.slice(at + name.length))
    answers.set(name, answer)
  }
  return answer
}
