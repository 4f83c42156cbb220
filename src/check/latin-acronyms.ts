import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import type { RuleFinding } from './finding.js'
import { citedSpans } from './quoted-names.js'
import { blockRange, textBlocks } from './text-blocks.js'
import { matchesOf } from '../regex-matches.js'

/**
 * 000/001 填写要求1 for Latin acronyms: a reader at the 工信厅 is not assumed to know DCS, SIS or PPP, so the first use
 * writes the Chinese name with the acronym in brackets (分散控制系统（DCS）, 政府和社会资本合作（PPP）) and later uses may
 * be the acronym alone. Only the first use of each acronym in the draft is judged: it is reported unless the Chinese
 * name stands right before its bracket (…合作（PPP）) or in a bracket right after it (PPP（政府和社会资本合作）).
 * Acronyms everyone reads (GDP, LED, AI, 5G, units, standard codes; src/check/data/latin-acronyms.json), acronyms inside
 * a 《title》 or a 文号, inside Latin text (Co.,Ltd.), after a figure (24.8MW) and — with park data — the ones the
 * park's own data writes are left alone.
 */

const AcronymsSchema = z.object({ common: z.array(z.string().min(1)).min(1) })
const COMMON: ReadonlySet<string> = new Set(
  AcronymsSchema.parse(JSON.parse(readFileSync(new URL('./data/latin-acronyms.json', import.meta.url), 'utf8'))).common,
)
// Two to eight Latin letters, at least two capitals, not part of Latin text, a code or a number with its unit.
const ACRONYM = /(?<![A-Za-z0-9.\-/_@&\s]|[0-9.]\s)[A-Z][A-Za-z]{1,7}(?![A-Za-z0-9\-/_@&]|\s[A-Za-z])/gu
const CAPITALS = /[A-Z]/gu
const SMALL = /[a-z]/gu
// Capitals with at most one small letter (DCS, VOCs, IoT); a word in capitals and small letters is a name (DeepSeek).
const isAcronym = (word: string) => (word.match(CAPITALS)?.length ?? 0) >= 2 && (word.match(SMALL)?.length ?? 0) <= 1
const CHINESE_BEFORE_BRACKET = /[\u4e00-\u9fa5][（(]\s*$/u
const CHINESE_IN_BRACKET_AFTER = /^\s*[（(][^）)]*[\u4e00-\u9fa5][^）)]*[）)]/u

const messages = {
  acronym: (acronym: string) => `“${acronym}”是外文缩写，首次出现时应写中文全称，并在括号中注明缩写（如“中文全称（${acronym}）”）。`,
  suggestion: (acronym: string) => `在“${acronym}”前写出中文全称，把缩写放进括号；后文可只写“${acronym}”。`,
}

/** The first use of each unexplained Latin acronym in one draft, as warnings of the `proper-noun` rule. */
export function findLatinAcronyms(doc: ReportDoc, park: ParkData | undefined): RuleFinding[] {
  const parkWording = park ? JSON.stringify(park) : ''
  const seen = new Set<string>()
  const findings: RuleFinding[] = []
  for (const block of textBlocks(doc)) {
    const text = block.text
    if (!/[A-Z]/u.test(text)) continue
    const cited = citedSpans(text)
    for (const m of matchesOf(text, ACRONYM)) {
      const acronym = m[0]
      const end = m.index + acronym.length
      if (!isAcronym(acronym) || COMMON.has(acronym) || seen.has(acronym)) continue
      if (cited.some((span) => span.start <= m.index && end <= span.end)) continue
      seen.add(acronym)
      if (parkWording.includes(acronym)) continue
      if (CHINESE_BEFORE_BRACKET.test(text.slice(Math.max(0, m.index - 4), m.index)) || CHINESE_IN_BRACKET_AFTER.test(text.slice(end, end + 40))) continue
      const range = blockRange(doc, block, m.index, end)
      findings.push({ message: messages.acronym(acronym), ...range, severity: 'warning', suggestion: messages.suggestion(acronym) })
    }
  }
  return findings
}
