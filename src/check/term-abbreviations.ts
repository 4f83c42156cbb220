import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import { checkMemo } from './check-memo.js'
import type { RuleFinding } from './finding.js'
import { citedSpans } from './quoted-names.js'
import { fullNamesIn } from './text-names.js'
import { blockRange, textBlocks } from './text-blocks.js'
import { boundaryTest } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * 000/001 填写要求1 asks for complete, standard wording, and the templates' own indicator names write 规模以上, 危险化学品,
 * 危险废物. Colloquial abbreviations (src/check/data/term-abbreviations.json) are reported with the written-out form as
 * the fix. A match must be a whole word of the sentence (全国|标杆 holds no 国标), and is left alone inside 《》 (a
 * title is quoted as published), inside a 文号, and inside a registered name of the park's data or a legal full name the
 * text writes (淮澄市洁源固废处置有限公司 is the firm's name).
 *
 * With park data, a term the park's own data writes is not reported: the data is the park's own wording, the composer
 * copies it, and a finding on every figure label taken from it would drown the ones that matter. Without data every
 * occurrence is reported.
 */

const TermsSchema = z.object({
  terms: z
    .array(
      z.object({
        wrong: z.string().min(2),
        right: z.string().min(2),
        /** Followed by one of these, it is another word (超低排|放). */
        notBefore: z.array(z.string().min(1)).optional(),
        /** Preceded by one of these, it is already written out (党的|十八大). */
        notAfter: z.array(z.string().min(1)).optional(),
        /**
         * A regular expression the text after it must match. Then no word-boundary test: the context says it is the
         * term, where jieba joins it with a neighbour (58户规上|工业企业 is cut 户规上).
         */
        followedBy: z.string().optional(),
      }),
    )
    .min(1),
})
const TERMS = TermsSchema.parse(JSON.parse(readFileSync(new URL('./data/term-abbreviations.json', import.meta.url), 'utf8'))).terms
const BY_WRONG = new Map(TERMS.map((term) => [term.wrong, { ...term, followedBy: term.followedBy ? new RegExp(`^(?:${term.followedBy})`, 'u') : undefined }]))
const TERM = new RegExp(
  TERMS.map((term) => term.wrong)
    .toSorted((a, b) => b.length - a.length)
    .join('|'),
  'gu',
)

const messages = {
  found: (wrong: string, right: string) => `“${wrong}”是简称，正式材料应写规范全称“${right}”。`,
  suggestion: (right: string) => `改为“${right}”。`,
}

/** Colloquial term abbreviations of one draft, as warnings of the `proper-noun` rule with the written-out form as fix. */
export function findTermAbbreviations(doc: ReportDoc, park: ParkData | undefined): RuleFinding[] {
    const parkWording = parkText(park)
    const registeredNames = (park?.entities ?? []).flatMap((entity) => [entity.name, ...entity.aliases])
    return textBlocks(doc).flatMap((block) => {
      const text = block.text
      const matches = [...matchesOf(text, TERM)]
      if (matches.length === 0) return []
      const onWords = boundaryTest(text)
      // 淮澄市洁源固废处置有限公司: a legal name the text writes is the firm's registered name, abbreviations included.
      const shielded = shieldedMask(text, [...registeredNames, ...fullNamesIn(text).map((name) => name.name)])
      return matches.flatMap((m) => {
        const term = BY_WRONG.get(m[0])!
        const end = m.index + m[0].length
        if (shielded[m.index] || parkWording.includes(term.wrong)) return []
        if (term.notBefore?.some((word) => text.startsWith(word, end))) return []
        if (term.notAfter?.some((word) => text.slice(0, m.index).endsWith(word))) return []
        if (term.followedBy ? !term.followedBy.test(text.slice(end, end + 8)) : !onWords(m.index, end)) return []
        const range = blockRange(doc, block, m.index, end)
        const finding: RuleFinding = { message: messages.found(term.wrong, term.right), ...range, severity: 'warning', suggestion: messages.suggestion(term.right), fix: { ...range, text: term.right } }
        return [finding]
      })
    })
}

/** Every text of the park's data, joined once: the terms it writes are the park's own wording. */
function parkText(park: ParkData | undefined): string {
  return park ? checkMemo(park, 'parkText', (data) => JSON.stringify(data)) : ''
}

/** Characters inside a 《title》, a 文号 or a registered name, where an abbreviation is part of a name. */
function shieldedMask(text: string, names: readonly string[]): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false)
  const cover = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) mask[i] = true
  }
  for (const span of citedSpans(text)) cover(span.start, span.end)
  for (const name of names) {
    if (name.length < 2) continue
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) cover(at, at + name.length)
  }
  return mask
}
