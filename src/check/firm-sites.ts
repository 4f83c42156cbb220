import { firmLikeItem } from './company-lists.js'
import { COMPANY_LEGAL_SUFFIX, SHORT_NAMES } from './text-names.js'
import { taggedWords } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * A firm named by one of its sites: a branch (长城汽车荆门分公司), a numbered factory (引进美利达第二工厂) or a base in a
 * place (远景能源鄂尔多斯基地). The words before the site word are the firm's trade name — a short name when no legal
 * form (……有限公司) stands there. Read from the words, not from a list of firms:
 * - the name opens its phrase (a clause start, or a lead word such as 引进, 其中, 我市: `opensPhrase`);
 * - a place may stand between the name and a branch or a base (荆门, 鄂尔多斯), read from jieba's place tags;
 * - the name is 2–6 characters of nouns, names or words jieba does not know (美利|达 keeps a one-character last piece),
 *   not a category or a count (firmLikeItem), and holds no legal form;
 * - before 基地 the name must end in a firm's sector word (能源, 电子) or hold a word jieba does not know: 产业基地,
 *   研发基地, 国家级示范基地 are no firm's.
 * A branch is reported whole (the branch's legal name is the parent's full name and the branch); a factory or a base
 * by the firm's name.
 */

export interface FirmSite {
  /** The span to report: the trade name, or for a branch the trade name with the branch. */
  start: number
  end: number
}

// 分公司, 子公司, 第二工厂, 鄂尔多斯基地: what a firm has.
const SITE = /(?:分公司|子公司|第[一二三四五六七八九十]{1,2}(?:工厂|分厂)|基地)/gu
const BRANCH = /^(?:分公司|子公司)$/u
const MAX_NAME = 10
const SECTOR_WORDS: ReadonlySet<string> = new Set(SHORT_NAMES.companyShortTails)
const NAME_TAGS: ReadonlySet<string> = new Set(['n', 'ns', 'nr', 'nrt', 'nz', 'x', 'j', 'ng'])
const UNKNOWN_TAGS: ReadonlySet<string> = new Set(['x', 'nz', 'nr', 'nrt'])
const NOT_NAMES: ReadonlySet<string> = new Set(SHORT_NAMES.notNames)
const HAS_LEGAL_SUFFIX = new RegExp(COMPANY_LEGAL_SUFFIX.source, 'u')
const FUNCTION_START = /^[的了是在和与及等对把被将从向为以由于其该此各我]/u

/** The firms named by their sites in `text` (block offsets). */
export function firmSites(text: string, opensPhrase: (text: string, start: number) => boolean): FirmSite[] {
  if (!text.includes('公司') && !text.includes('厂') && !text.includes('基地')) return []
  const found: FirmSite[] = []
  for (const m of matchesOf(text, SITE)) {
    const site = m[0]
    // The phrase before the site word, from where it opens (the nearest start that does).
    let start = -1
    for (let length = 2; length <= MAX_NAME && m.index - length >= 0; length += 1) {
      if (!/^[\u4e00-\u9fa5]+$/u.test(text.slice(m.index - length, m.index))) break
      if (opensPhrase(text, m.index - length)) {
        start = m.index - length
        break
      }
    }
    if (start < 0) continue
    const tokens = taggedWords(text.slice(start, m.index))
    // A place right before a branch or a base (荆门|分公司, 鄂尔多斯|基地) belongs to the site, not to the name.
    let nameTokens = tokens
    if (!site.startsWith('第') && tokens.length > 1 && tokens.at(-1)!.tag === 'ns') nameTokens = tokens.slice(0, -1)
    if (site === '基地' && nameTokens === tokens) continue
    const name = nameTokens.map((t) => t.word).join('')
    if (name.length < 2 || name.length > 6 || !firmLikeItem(name) || HAS_LEGAL_SUFFIX.test(name)) continue
    const first = nameTokens[0]!
    if (NOT_NAMES.has(first.word) || FUNCTION_START.test(first.word)) continue
    const isName = (t: { word: string; tag: string }, i: number) => NAME_TAGS.has(t.tag) || (i > 0 && i === nameTokens.length - 1 && t.word.length === 1 && t.tag === 'v')
    if (!nameTokens.every(isName)) continue
    if (site === '基地' && !SECTOR_WORDS.has(nameTokens.at(-1)!.word) && !nameTokens.some((t) => UNKNOWN_TAGS.has(t.tag))) continue
    found.push({ start, end: BRANCH.test(site) ? m.index + site.length : start + name.length })
  }
  return found
}
