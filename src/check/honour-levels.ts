import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import type { RuleFinding } from './finding.js'
import { blockRange, textBlocks } from './text-blocks.js'

/**
 * An honour written at a level the park's data does not give it: 省级绿色工厂 where the park registered
 * 国家级绿色工厂 (and no 省级 one). The registered honours are the park's `entities` of type honor whose name opens
 * with a level (国家级智能制造示范工厂, 省级数字化车间); a title the park registered at no level is not judged.
 * No automatic fix: another enterprise may hold the lower title without the data listing it.
 */

const LEVELS = ['国家级', '省级', '市级', '县级', '区级'] as const
// How a level is written before a title: 国家绿色工厂 is 国家级, 省绿色工厂 省级.
const WRITTEN_LEVEL = /(国家级|省级|市级|县级|区级|国家|省|市|县)$/u
const NORMALIZED: Readonly<Record<string, string>> = { 国家: '国家级', 省: '省级', 市: '市级', 县: '县级' }

const messages = {
  found: (written: string, registered: string) => `文中“${written}”与园区资料不一致：园区资料登记的是“${registered}”。`,
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

export function findHonourLevels(doc: ReportDoc, park: ParkData | undefined): RuleFinding[] {
  if (!park) return []
  const levels = registeredLevels(park)
  if (!levels.size) return []
  const titles = new RegExp([...levels.keys()].toSorted((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'), 'gu')
  return textBlocks(doc).flatMap((block) =>
    [...block.text.matchAll(titles)].flatMap((match): RuleFinding[] => {
      const written = WRITTEN_LEVEL.exec(block.text.slice(Math.max(0, match.index - 3), match.index))
      if (!written) return []
      const level = NORMALIZED[written[1]!] ?? written[1]!
      const registered = levels.get(match[0])!
      if (registered.has(level)) return []
      const expected = `${[...registered][0]}${match[0]}`
      const range = blockRange(doc, block, match.index - written[1]!.length, match.index + match[0].length)
      return [{ message: messages.found(written[1]! + match[0], expected), ...range, severity: 'error', suggestion: messages.suggestion(expected) }]
    }),
  )
}
