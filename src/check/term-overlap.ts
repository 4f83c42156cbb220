import { analyze } from '../retrieve/tokenize.js'

/**
 * Whether two passages of one report are about the same thing, judged by the key terms they share: jieba words
 * and Han character bigrams (src/retrieve/tokenize.ts — bigrams keep a match when jieba segments the two texts
 * differently), plus figures, since a result repeats the baseline the background gave (71.3% → 93.6%).
 * Each term is weighted by its rarity among the passages compared (a report-local IDF: 园区 and 企业 are
 * everywhere and weigh little), and the score is the overlap coefficient — shared weight over the weight of the
 * smaller passage — so that a short result sentence can fully match a long measure section.
 */

/** Key terms of a passage with their base weight (words 1, bigrams BIGRAM_WEIGHT). */
export type TermBag = ReadonlyMap<string, number>

export interface Passage {
  terms: TermBag
}

// Character bigrams make a substring match robust to segmentation; words are the stronger evidence.
const BIGRAM_WEIGHT = 0.5
const HAN_WORD = /^\p{Script=Han}{2,}$/u
// A figure is a strong link; a year or a lone digit is not.
const FIGURE = /^(?:\d+\.\d+|\d{2,})$/
const YEAR = /^(?:19|20)\d{2}$/

/** Key terms of `text`, leaving out `ignored` words (terms every passage has, problem cues …). */
export function keyTerms(text: string, ignored: ReadonlySet<string> = new Set()): TermBag {
  const { words, bigrams } = analyze(text)
  const terms = new Map<string, number>()
  for (const word of words) {
    if (ignored.has(word)) continue
    if (HAN_WORD.test(word) || (FIGURE.test(word) && !YEAR.test(word))) terms.set(word, 1)
  }
  for (const bigram of bigrams) {
    if (bigram.length === 2 && !ignored.has(bigram) && !terms.has(bigram)) terms.set(bigram, BIGRAM_WEIGHT)
  }
  return terms
}

/** A score function (0–1, symmetric) over `passages`, whose term frequencies weight the terms. */
export function overlapScorer(passages: readonly Passage[]): (a: Passage, b: Passage) => number {
  const df = new Map<string, number>()
  for (const passage of passages) for (const term of passage.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  const n = Math.max(passages.length, 1)
  const weight = (term: string, base: number) => base * Math.log(1 + n / (df.get(term) ?? 1))
  const masses = new Map<Passage, number>()
  const massOf = (passage: Passage) => {
    let mass = masses.get(passage)
    if (mass === undefined) {
      mass = [...passage.terms].reduce((sum, [term, base]) => sum + weight(term, base), 0)
      masses.set(passage, mass)
    }
    return mass
  }
  return (a, b) => {
    const smaller = Math.min(massOf(a), massOf(b))
    if (smaller === 0) return 0
    let shared = 0
    for (const [term, base] of a.terms) if (b.terms.has(term)) shared += weight(term, base)
    return shared / smaller
  }
}
