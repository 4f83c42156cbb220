import type { ReportDoc } from '../model/report-doc.js'
import type { RuleFinding } from './finding.js'
import { citedSpans } from './quoted-names.js'
import { blockRange, textBlocks } from './text-blocks.js'
import { SHORT_NAMES } from './text-names.js'
import { taggedWords } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * 000/001 填写要求1 for institutions, read from the draft alone: two shapes of short name that have one certain full
 * form, so the fix can write it.
 * - A committee named by its subject and 委 (工业互联网战略咨询专家委, 市政协经济委): 委 stands for 委员会. Short forms
 *   that are themselves the usual name (党工委, 国家发展改革委, 政法委; src/check/data/short-names.json
 *   committeeShortNamesAccepted) and the level committees (市委, 县委: one character before 委) are left alone.
 * - A university by its place and a two-character short form (西安交大, 大连理工, 中国矿大): the place and the
 *   form's full suffix (西安交通大学). Short forms of one character's place (哈工大, 北航) are glossary entries.
 * - A trade fair or expo by a one-character short form (厦洽会, 西博会, 青洽会, 投洽会): its full name (中国国际投资贸易
 *   洽谈会) is not in the short form, so the finding has no fix. 进博会 and 广交会 are term entries with their fix.
 * Names cited in a 《title》, a 文号 or “quotes” are left as written.
 */

// 委 that is not the start of 委员/委托/委派…: the character ends a name there.
const COMMITTEE = /委(?![员会托屈婉派任身曲以实靡过])/gu
const HAN = /[\u4e00-\u9fa5]/u
const ACCEPTED_COMMITTEES: ReadonlySet<string> = new Set(SHORT_NAMES.committeeShortNamesAccepted)
const UNIVERSITY_FULL = new Map(SHORT_NAMES.universityShortSuffixes.map((s) => [s.short, s.full]))
// 大连理工|大学, 理工|科, 交大|学生: the short form is part of a longer word there.
const UNIVERSITY_SOURCE = `(?:${[...UNIVERSITY_FULL.keys()].join('|')})(?!大学|学院|学|科|类|生|专业)`
const UNIVERSITY = new RegExp(UNIVERSITY_SOURCE, 'gu')
const HAS_UNIVERSITY = new RegExp(UNIVERSITY_SOURCE, 'u')
const QUOTED = /“[^“”]{1,30}”/gu
// 厦|洽会, 西|博会, 服|贸会: one character before 洽会/博会/贸会 (洽谈会, 博览会, 交易会 written out hold none of them).
const EVENT = /[\u4e00-\u9fa5](?:洽会|博会|贸会)/gu
const PLACE_TAGS: ReadonlySet<string> = new Set(['ns'])

const messages = {
  committee: (found: string, full: string) => `“${found}”是机构简称，应写机构全称（“${full}”，并写明所属单位）。`,
  university: (found: string, full: string) => `“${found}”是高校简称，应写学校全称“${full}”。`,
  event: (found: string) => `“${found}”是展会简称，应写展会全称（如“中国国际投资贸易洽谈会”“中国西部国际博览会”）。`,
  suggestEvent: '写出展会全称，并写明届次。',
  suggest: (full: string) => `改为“${full}”。`,
}

interface Candidate {
  start: number
  end: number
  message: string
  /** The certain full form; none for an event whose full name only the writer knows. */
  replacement?: string
}

/** Committee and university short names of one draft, as warnings of the `proper-noun` rule with the full form as fix. */
export function findInstitutionShortNames(doc: ReportDoc): RuleFinding[] {
  return textBlocks(doc).flatMap((block) => {
    const text = block.text
    if (!text.includes('委') && !text.includes('会') && !HAS_UNIVERSITY.test(text)) return []
    const cited = [...citedSpans(text), ...[...matchesOf(text, QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length }))]
    const free = (c: Candidate) => !cited.some((span) => span.start <= c.start && c.end <= span.end)
    return [...committeesIn(text), ...universitiesIn(text), ...eventsIn(text)].filter(free).map((c): RuleFinding => {
      const range = blockRange(doc, block, c.start, c.end)
      return c.replacement
        ? { message: c.message, ...range, severity: 'warning', suggestion: messages.suggest(c.replacement), fix: { ...range, text: c.replacement } }
        : { message: c.message, ...range, severity: 'warning', suggestion: messages.suggestEvent }
    })
  })
}

function committeesIn(text: string): Candidate[] {
  const found: Candidate[] = []
  for (const m of matchesOf(text, COMMITTEE)) {
    let from = m.index
    while (from > 0 && m.index - from < 6 && HAN.test(text[from - 1]!)) from -= 1
    if (m.index - from < 2) continue
    // 战略|咨询|专家|委: jieba leaves 委 alone after a noun it knows (专家, 经济); 党工委, 管委会, 政法委 are words.
    const tokens = taggedWords(text.slice(from, m.index + 1))
    const last = tokens.at(-1)
    const subject = tokens.at(-2)
    if (last?.word !== '委' || !subject || subject.tag !== 'n' || subject.word.length < 2 || ACCEPTED_COMMITTEES.has(subject.word)) continue
    const start = m.index - subject.word.length
    const short = text.slice(start, m.index + 1)
    const full = `${subject.word}委员会`
    found.push({ start, end: m.index + 1, message: messages.committee(short, full), replacement: full })
  }
  return found
}

function isInstitution(name: string): boolean {
  const tokens = taggedWords(name)
  return tokens.length === 1 && tokens[0]!.tag === 'nt'
}

function universitiesIn(text: string): Candidate[] {
  const found: Candidate[] = []
  for (const m of matchesOf(text, UNIVERSITY)) {
    let from = m.index
    while (from > 0 && m.index - from < 4 && HAN.test(text[from - 1]!)) from -= 1
    // The place is the last words before the short form, all place names (西安, 中国, 华南): 推动理工 is no school.
    const tokens = taggedWords(text.slice(from, m.index))
    let place = ''
    for (let i = tokens.length - 1; i >= 0 && PLACE_TAGS.has(tokens[i]!.tag); i -= 1) place = tokens[i]!.word + place
    // 大连|理工: jieba tags 大连 as an adverb, but knows 大连理工大学 as an institution's name.
    const full = UNIVERSITY_FULL.get(m[0])!
    if (place.length < 2) place = [3, 2].map((n) => text.slice(Math.max(from, m.index - n), m.index)).find((word) => word.length === 2 || word.length === 3 ? isInstitution(`${word}${full}`) : false) ?? ''
    if (place.length < 2) continue
    const start = m.index - place.length
    found.push({ start, end: m.index + m[0].length, message: messages.university(text.slice(start, m.index + m[0].length), `${place}${full}`), replacement: `${place}${full}` })
  }
  return found
}

function eventsIn(text: string): Candidate[] {
  return [...matchesOf(text, EVENT)].map((m) => ({ start: m.index, end: m.index + m[0].length, message: messages.event(m[0]) }))
}
