import { entityNameForms } from '../park/entity-names.js'
import type { Entity, ParkData } from '../park/park-schema.js'
import { checkMemo } from './check-memo.js'
import { OFFICIAL_NAMES, type GlossaryEntry } from './official-names.js'
import { phraseMatcher, type PhraseMatcher } from './phrase-matcher.js'
import { citedSpans, documentNumberSpans } from './quoted-names.js'
import { longestFirst } from './span-index.js'
import { fullNamesIn } from './text-names.js'
import { taggedWords, wordBoundaries } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * Where a text names a proper noun by a short or unofficial form, and which full name replaces it: the matching
 * half of the `proper-noun` rule, shared with the composer (useFullNames) so that a composed draft never contains
 * what the checker reports.
 *
 * Two sources of names: the park's registered `entities` (full name + the aliases seen in its materials) and the
 * curated glossary src/check/data/official-names.json (agencies, honours, laws and policy documents — Vale's
 * `substitution` rules as data). Every mention is checked, headings included: the template makes no exception for
 * later mentions, and a 3000-字 report read by evaluators gains nothing from 以下简称; so a “（以下简称“…”）”
 * declaration is itself reported (fix: delete it) rather than honoured.
 *
 * Near-misses, and how they are told apart:
 * - a short form inside a correct name (能碳管理中心 in 南岭经济技术开发区数字化能碳管理中心, 小巨人 in
 *   专精特新“小巨人”企业, 税务总局 in 国家税务总局) → every full name, glossary `right` and `accepted` form is
 *   protected, and a match lying inside a protected occurrence is dropped;
 * - a short form that is part of a longer ordinary word (新能锂电 in 新能锂电池, 科技部 in 科技部门, 应急部 in
 *   应急部署, 环保法 in 环保法规) → the match must start and end on a word boundary of jieba's segmentation of the
 *   block (dictionary only, no HMM: unknown names fall apart into single characters, which never block a match,
 *   while dictionary words such as 电池/部门/部署/法规 that straddle the match's edge do);
 * - a fragment of the full name around the short form (数字化能碳管理中心, 岭峰科技有限公司, 国家绿色工厂) → the
 *   span grows along the full name (and over a company suffix) so the fix replaces the whole fragment instead of
 *   producing 数字化南岭经济技术开发区数字化能碳管理中心;
 * - an honour of another level (省级绿色工厂 when the registered honour is 国家级绿色工厂) → not reported: it is
 *   a different title, and “fixing” it would claim an honour the enterprise may not have;
 * - overlapping matches → the longest wins (国家发改委 rather than 发改委).
 */

const messages = {
  entity: (found: string, name: string) =>
    `“${found}”是“${name}”的简称或不完整写法。专有名词应使用规范完整的官方全称，每次出现（包括标题）都应写全称。`,
  glossary: (found: string, right: string) => `“${found}”不是规范的官方名称，应使用规范完整的官方全称“${right}”。`,
  declaration: (found: string) =>
    `“${found}”：材料中的专有名词每次出现都应使用规范完整的官方全称，不设简称。`,
  suggestEntity: (name: string) => `改为“${name}”。`,
  suggestGlossary: (right: string, note?: string) => `改为“${right}”。${note ?? ''}`,
  suggestDeclaration: (short: string) => `删去该说明，并将后文的“${short}”改为全称。`,
}

// “（以下简称“南岭经开区”）”, “(下称'岭峰科技')”, “（简称：能碳中心）”.
const DECLARATION = /[（(]\s*(?:(?:以下|下文)?简称|(?:以下|下文|下)称)\s*[：:]?\s*[“"‘'「]?([^”"’'」）)]{1,30}?)[”"’'」]?\s*[）)]/gu
const COMPANY_SUFFIX = /^(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|股份公司|集团|公司)/u
/** A prefix of the full name written just before the short form counts only from this length (南岭能碳中心). */
const MIN_PREFIX = 2

export interface NameMention {
  /** The matched short form, in block offsets. */
  matchStart: number
  matchEnd: number
  /** The span to replace (the match grown along the full name), in block offsets. */
  start: number
  end: number
  replacement: string
  message: string
  suggestion: string
  /** Declarations are not words: they skip the protection and boundary checks. */
  declaration?: boolean
}

/** entityNameForms of a park's entities (none without park data): once per check, or once per frozen park. */
export function parkNameForms(park: ParkData | undefined): readonly Entity[] {
  return park ? checkMemo(park, 'entityNameForms', (data) => entityNameForms(data.entities, data.park.name)) : []
}

/** The glossary's correct forms, which a wrong form inside them does not make wrong (once, not per text block). */
const GLOSSARY_RIGHT_FORMS = OFFICIAL_NAMES.entries.flatMap((entry) => [entry.right, ...(entry.accepted ?? [])])
const GLOSSARY_RIGHT_MATCHER = phraseMatcher(GLOSSARY_RIGHT_FORMS)

/**
 * Every short form in one block of clean text, non-overlapping, in text order. `entities` are the forms to look
 * for (entityNameForms: registered aliases and implied short forms); the glossary is always applied. `declarations`:
 * whether a “（以下简称“…”）” is itself reported (the innovation kinds, which want the full name everywhere).
 */
export function findNameMentions(text: string, entities: readonly Entity[], { declarations = true }: { declarations?: boolean } = {}): NameMention[] {
  const matchers = entityMatchers(entities)
  const candidates = [...(declarations ? declarationsIn(text) : []), ...entityMentions(text, entities, matchers.aliases), ...glossaryMentions(text)]
  if (candidates.length === 0) return []
  const protectedSpans = [matchers.fullNames, GLOSSARY_RIGHT_MATCHER].flatMap((matcher) => {
    const starts = matcher.find(text)
    return matcher.phrases.flatMap((name, index) => (starts.get(index) ?? []).map((start) => ({ start, end: start + name.length })))
  })
  // Strictly inside a longer correct name: a park may register a glossary form itself as an alias
  // (绿色供应链管理企业 for its 国家级绿色供应链管理企业), and its data wins over the level-neutral glossary.
  const inside = (start: number, end: number) =>
    protectedSpans.some((p) => p.start <= start && end <= p.end && p.end - p.start > end - start)
  let boundaries: ReadonlySet<number> | undefined
  const onWordBoundaries = (c: NameMention) => {
    boundaries ??= wordBoundaries(text)
    return boundaries.has(c.start) && boundaries.has(c.end)
  }
  const kept = candidates.filter(
    (c) => c.declaration || (!inside(c.matchStart, c.matchEnd) && !inside(c.start, c.end) && onWordBoundaries(c)),
  )
  return longestFirst(kept)
}

function declarationsIn(text: string): NameMention[] {
  return [...matchesOf(text, DECLARATION)].map((match) => ({
    matchStart: match.index,
    matchEnd: match.index + match[0].length,
    start: match.index,
    end: match.index + match[0].length,
    replacement: '',
    message: messages.declaration(match[0]),
    suggestion: messages.suggestDeclaration(match[1]!.trim()),
    declaration: true,
  }))
}

interface EntityMatchers {
  /** Every alias of every entity, in the entities' order. */
  aliases: PhraseMatcher
  /** The entities' full names (protected like the glossary's correct forms). */
  fullNames: PhraseMatcher
}

/** Matchers of one list of entities, built once for it: the rules ask about every block of a draft with the same list. */
const matchersOf = new WeakMap<readonly Entity[], EntityMatchers>()

function entityMatchers(entities: readonly Entity[]): EntityMatchers {
  let matchers = matchersOf.get(entities)
  if (!matchers) {
    matchers = {
      aliases: phraseMatcher(entities.flatMap((entity) => entity.aliases)),
      fullNames: phraseMatcher(entities.map((entity) => entity.name)),
    }
    matchersOf.set(entities, matchers)
  }
  return matchers
}

function entityMentions(text: string, entities: readonly Entity[], aliases: PhraseMatcher): NameMention[] {
  const found: NameMention[] = []
  const starts = aliases.find(text)
  if (starts.size === 0) return found
  const parkEntity = entities.find((entity) => entity.type === 'park')
  const park = parkEntity ? { name: parkEntity.name, forms: [...parkEntity.aliases].sort((a, b) => b.length - a.length) } : undefined
  let index = 0
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      const aliasStarts = starts.get(index)
      index += 1
      for (const at of aliasStarts ?? []) {
        const span = growAlongName(text, at, at + alias.length, alias, entity.name, entity.type === 'enterprise', park)
        const before = text.slice(0, span.start)
        const after = text.slice(span.end)
        if (entity.type === 'honor' && (otherLevelBefore(before, entity.name) || isProgrammeMention(before, after))) continue
        if (PLACE_SUFFIX.test(after)) continue
        found.push({
          matchStart: at,
          matchEnd: at + alias.length,
          ...span,
          replacement: entity.name,
          message: messages.entity(text.slice(span.start, span.end), entity.name),
          suggestion: messages.suggestEntity(entity.name),
        })
      }
    }
  }
  return found
}

// Every wrong form of the glossary, found in one pass over a block (phrase-matcher.ts), in the glossary's order.
const GLOSSARY_FORMS = OFFICIAL_NAMES.entries.flatMap((entry) => entry.wrong.map((wrong) => ({ entry, wrong })))
const GLOSSARY_MATCHER = phraseMatcher(GLOSSARY_FORMS.map((form) => form.wrong))

function glossaryMentions(text: string): NameMention[] {
  const found: NameMention[] = []
  const starts = GLOSSARY_MATCHER.find(text)
  if (starts.size === 0) return found
  // 工信厅信管〔2022〕23号 is a 文号, 《工信部关于……的通知》 a title: both are cited as issued. A law's short title in
  // 《》 (《安全生产法》) is still reported: its full title is the fix the writer wants.
  const numbers = documentNumberSpans(text)
  const cited = citedSpans(text)
  // 三峡新能源山东昌邑发电有限公司: a legal company name the text writes is that firm's registered name.
  let legalNames: readonly { start: number; end: number }[] | undefined
  const insideLegalName = (start: number, end: number) =>
    (legalNames ??= fullNamesIn(text).filter((name) => name.kind === 'company')).some((name) => name.start <= start && end <= name.end)
  const quoted = (entry: GlossaryEntry, start: number, end: number) =>
    (entry.type === 'policy' ? numbers : cited).some((span) => span.start <= start && end <= span.end) || insideLegalName(start, end)
  for (const [index, { entry, wrong }] of GLOSSARY_FORMS.entries()) {
    for (const at of starts.get(index) ?? []) {
      const end = at + wrong.length
      if (quoted(entry, at, end)) continue
      const before = text.slice(0, at)
      const after = text.slice(end)
      if (entry.notBefore?.some((word) => after.startsWith(word))) continue
      if (entry.notAfter?.some((word) => before.endsWith(word))) continue
      if (entry.onlyIf && !inContext(entry.onlyIf, before, after)) continue
      // 中石化镇海炼化: a group's short name before a place or a name is one of its subsidiaries, whose legal name only
      // the writer knows; the group's name there would be a wrong fix.
      if (entry.type === 'enterprise' && subsidiaryFollows(after)) continue
      const span = growAlongName(text, at, end, wrong, entry.right, false)
      found.push({
        matchStart: at,
        matchEnd: end,
        ...span,
        replacement: entry.right,
        message: messages.glossary(text.slice(span.start, span.end), entry.right),
        suggestion: messages.suggestGlossary(entry.right, entry.note),
      })
    }
  }
  return found
}

const SUBSIDIARY_TAGS: ReadonlySet<string> = new Set(['ns', 'nr', 'nrt', 'nz', 'nt', 'x', 'j'])
const subsidiaryFollows = (after: string) => {
  const next = /^[\u4e00-\u9fa5]{1,6}/u.exec(after)?.[0]
  return next !== undefined && SUBSIDIARY_TAGS.has(taggedWords(next)[0]!.tag)
}

function inContext(onlyIf: NonNullable<GlossaryEntry['onlyIf']>, before: string, after: string): boolean {
  return (
    (onlyIf.precededBy !== undefined && new RegExp(onlyIf.precededBy, 'u').test(before)) ||
    (onlyIf.followedBy !== undefined && new RegExp(onlyIf.followedBy, 'u').test(after))
  )
}

/**
 * Grows a matched short form over the parts of the full name written around it, so that the fix replaces the
 * whole fragment: 数字化|能碳管理中心 → the characters before the alias in the full name; 南岭|能碳中心 → a prefix
 * of the full name; 岭峰科技|有限公司 → a company suffix of an enterprise.
 */
export function growAlongName(
  text: string,
  start: number,
  end: number,
  matched: string,
  fullName: string,
  enterprise: boolean,
  park?: ParkNames,
): { start: number; end: number } {
  let from = start
  let to = end
  let reachedNameStart = false
  let reachedNameEnd = false
  const at = fullName.indexOf(matched)
  if (at >= 0) {
    let k = at
    while (k > 0 && from > 0 && text[from - 1] === fullName[k - 1]) {
      from -= 1
      k -= 1
    }
    reachedNameStart = k === 0
    // Growth that stops inside the name keeps whole words of it: 岷阳经开|区工业互联网…节点 matched the 区 of 开发区 by
    // chance, and replacing from there would leave 岷阳经开 in front of the full name.
    if (!reachedNameStart) {
      const words = nameWordStarts(fullName)
      while (k < at && !words.has(k)) {
        from += 1
        k += 1
      }
      // 岷阳经开区|工业互联网…节点: the park's short name where the full name has the park's name.
      const parkForm = park && fullName.startsWith(park.name) && k === park.name.length ? park.forms.find((f) => text.slice(0, from).endsWith(f)) : undefined
      if (parkForm) {
        from -= parkForm.length
        reachedNameStart = true
      }
    }
    let m = at + matched.length
    while (m < fullName.length && to < text.length && text[to] === fullName[m]) {
      to += 1
      m += 1
    }
    reachedNameEnd = m === fullName.length
  }
  if (!reachedNameStart) {
    for (let n = Math.min(from, fullName.length - 1); n >= MIN_PREFIX; n -= 1) {
      if (text.slice(from - n, from) === fullName.slice(0, n)) {
        from -= n
        break
      }
    }
  }
  if (enterprise && !reachedNameEnd) {
    const suffix = COMPANY_SUFFIX.exec(text.slice(to))
    if (suffix) to += suffix[0].length
  }
  return { start: from, end: to }
}

/** The park's official name and its short forms, which names of the park's platforms may start with. */
export interface ParkNames {
  name: string
  forms: readonly string[]
}

const wordStartsByName = new Map<string, ReadonlySet<number>>()

/** Offsets in a full name where one of its words starts (jieba, dictionary only), cached: names repeat. */
function nameWordStarts(fullName: string): ReadonlySet<number> {
  let starts = wordStartsByName.get(fullName)
  if (!starts) {
    if (wordStartsByName.size > 10_000) wordStartsByName.clear()
    starts = wordBoundaries(fullName)
    wordStartsByName.set(fullName, starts)
  }
  return starts
}

/**
 * 对标创建|绿色工厂, 开展绿色工厂、绿色园区|创建: the honour's name as the name of its programme (001 writes
 * 绿色工厂及绿色园区创建), not a claim to the title; its full name there would read 创建国家级绿色工厂, a level the
 * sentence does not aim at. A claim (获评, 认定, 新增…家) is still reported.
 */
const PROGRAMME_BEFORE = /(?:创建|建设|对标|打造|争创|申报|开展)$/u
const PROGRAMME_AFTER = /^(?:[、和及与][^，。；：！？]{1,12}?)?(?:创建|建设|培育|申报|评价)/u
const isProgrammeMention = (before: string, after: string) => PROGRAMME_BEFORE.test(before) || PROGRAMME_AFTER.test(after)

/**
 * 地处|华服|县: a short form followed by an administrative suffix is the place the firm is named after, not the firm
 * (the alias 华服 of 锦城华服智造科技有限公司 in 华服县). 市场/市值/区域 are ordinary words, not places.
 */
const PLACE_SUFFIX = /^(?:[县镇乡村旗省州]|市(?![值场])|区(?!域))/u

/** 省级|绿色工厂: a level word the registered honour does not carry makes it another title. */
function otherLevelBefore(before: string, fullName: string): boolean {
  return OFFICIAL_NAMES.levelQualifiers.some((level) => before.endsWith(level) && !fullName.startsWith(level))
}
