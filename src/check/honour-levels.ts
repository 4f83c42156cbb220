import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import { checkMemo } from './check-memo.js'
import type { RuleFinding } from './finding.js'
import { sentencesOf } from './sentences.js'
import { blockRange, textBlocks } from './text-blocks.js'
import { matchesOf } from '../regex-matches.js'

/**
 * An honour written at a level the park's data does not give its holder: “润达新材料……该公司获评省级绿色工厂” where the
 * data says 淮澄润达新材料股份有限公司……获评国家级绿色工厂. The registered honours are the park's `entities` of type
 * honor whose name opens with a level (国家级智能制造示范工厂, 省级数字化车间); their holders are the entities the
 * data's own sentences name next to them. A level is judged only when the draft's sentence, or the one before it
 * (该公司……), names such a holder: 园区3家企业获评省级绿色工厂 may well be true of other firms.
 * No automatic fix: the holder may have both titles without the data listing the lower one.
 */

const LEVELS = ['国家级', '省级', '市级', '县级', '区级'] as const
// How a level is written before a title: 国家绿色工厂 is 国家级, 省绿色工厂 省级.
const WRITTEN_LEVEL = /(国家级|省级|市级|县级|区级|国家|省|市|县)$/u
const PARK_SUBJECT = /^(?:本|该)?园区/u
const NORMALIZED: Readonly<Record<string, string>> = { 国家: '国家级', 省: '省级', 市: '市级', 县: '县级' }

const messages = {
  found: (written: string, registered: string) => `文中“${written}”与园区资料不一致：园区资料中该单位获评的是“${registered}”。`,
  suggestion: (registered: string) => `核对获评文件；如园区资料无误，改为“${registered}”，否则先更正园区资料。`,
}

/** Each registered title (without its level) → the levels the park registered it at. */
function registeredLevels(park: ParkData): Map<string, Set<string>> {
  const levels = new Map<string, Set<string>>()
  for (const entity of park.entities) {
    if (entity.type !== 'honor') continue
    const level = LEVELS.find((candidate) => entity.name.startsWith(candidate))
    const title = level ? entity.name.slice(level.length) : ''
    if (!level || title.length < 2) continue
    levels.set(title, (levels.get(title) ?? new Set()).add(level))
  }
  return levels
}

interface Holder {
  level: string
  /** Full names and aliases of the entities the data names with this title at this level. */
  names: string[]
}

/** Each registered title → who holds it at which level, from the data's sentences (facts, practice, intro …). */
function holders(park: ParkData, levels: Map<string, Set<string>>): Map<string, Holder[]> {
  const sentences = stringsOf(park).flatMap((text) => text.split(/[。；;！？\n]/u))
  const named = park.entities.filter((entity) => entity.type !== 'honor')
  const out = new Map<string, Holder[]>()
  for (const [title, registered] of levels) {
    for (const level of registered) {
      const names = sentences
        .filter((sentence) => sentence.includes(level + title))
        .flatMap((sentence) => [
          ...named.filter((entity) => [entity.name, ...entity.aliases].some((form) => sentence.includes(form))).flatMap((entity) => [entity.name, ...entity.aliases]),
          // 园区先后获评国家级绿色工业园区: the data's sentences about “园区” are about the park itself.
          ...(PARK_SUBJECT.test(sentence.trim()) ? [park.park.name] : []),
        ])
        .filter((form) => form.length >= 2)
      if (names.length) out.set(title, [...(out.get(title) ?? []), { level, names }])
    }
  }
  return out
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf)
  return []
}

/** The park's registered honours, their holders and a matcher of their titles: a function of the park alone. */
function registeredHonours(park: ParkData): { levels: Map<string, Set<string>>; held: Map<string, Holder[]>; titles: RegExp } {
  const levels = registeredLevels(park)
  const held = holders(park, levels)
  const titles = new RegExp([...held.keys()].toSorted((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'), 'gu')
  return { levels, held, titles }
}

export function findHonourLevels(doc: ReportDoc, park: ParkData | undefined): RuleFinding[] {
  if (!park) return []
  const { levels, held, titles } = checkMemo(park, 'honourLevels', registeredHonours)
  if (!held.size) return []
  return textBlocks(doc).flatMap((block) => {
    const sentences = sentencesOf(block.text)
    return [...matchesOf(block.text, titles)].flatMap((match): RuleFinding[] => {
      const written = WRITTEN_LEVEL.exec(block.text.slice(Math.max(0, match.index - 3), match.index))
      if (!written) return []
      const level = NORMALIZED[written[1]!] ?? written[1]!
      if (levels.get(match[0])!.has(level)) return []
      // The sentence of the mention and the one before it: 润达新材料……。该公司获评省级绿色工厂。
      const at = sentences.findIndex((sentence) => sentence.start <= match.index && match.index < sentence.end)
      const context = sentences.slice(Math.max(0, at - 1), at + 1).map((sentence) => sentence.text).join('')
      const holder = held.get(match[0])!.find((candidate) => candidate.level !== level && candidate.names.some((name) => context.includes(name)))
      if (!holder) return []
      const expected = holder.level + match[0]
      const range = blockRange(doc, block, match.index - written[1]!.length, match.index + match[0].length)
      return [{ message: messages.found(written[1]! + match[0], expected), ...range, severity: 'error', suggestion: messages.suggestion(expected) }]
    })
  })
}
