import type { Jieba } from '@node-rs/jieba'
import { analyze, getJieba } from '../retrieve/tokenize.js'
import { forgetTaggedWords } from './words.js'

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

/** The words and bigrams of a text that can be key terms, in text order, before any are ignored. */
interface Candidates {
  words: readonly string[]
  bigrams: readonly string[]
}

/** How many texts' candidates are kept: a report's passages and its park's practice texts, with room to spare. */
const CANDIDATES_MAX = 512
// Candidates of recently seen texts, least recently used first. The key is the text itself, and the candidates are a
// function of the text and jieba's dictionary only, so an entry is never stale: it also records the jieba instance
// (the dictionary) it came from and is recomputed when that changed (setDictionaryKind). It saves segmenting the
// park's practice texts on every check, and the unchanged passages when a draft is checked again (the repair loop).
const recent = new Map<string, { jieba: Jieba; candidates: Candidates }>()

function candidatesOf(text: string): Candidates {
  const jieba = getJieba()
  const hit = recent.get(text)
  recent.delete(text)
  if (hit && hit.jieba === jieba) {
    recent.set(text, hit)
    return hit.candidates
  }
  const { words, bigrams } = analyze(text)
  const candidates = {
    words: words.filter((word) => HAN_WORD.test(word) || (FIGURE.test(word) && !YEAR.test(word))),
    bigrams: bigrams.filter((bigram) => bigram.length === 2),
  }
  recent.set(text, { jieba, candidates })
  if (recent.size > CANDIDATES_MAX) recent.delete(recent.keys().next().value!)
  return candidates
}

/** Empties the memos of analysed and tagged texts (benchmarks measure a first check with it). */
export function forgetAnalyzedTexts(): void {
  recent.clear()
  forgetTaggedWords()
}

/** Key terms of `text`, leaving out `ignored` words (terms every passage has, problem cues …). */
export function keyTerms(text: string, ignored: ReadonlySet<string> = new Set()): TermBag {
  const { words, bigrams } = candidatesOf(text)
  const terms = new Map<string, number>()
  for (const word of words) if (!ignored.has(word)) terms.set(word, 1)
  for (const bigram of bigrams) {
    if (!ignored.has(bigram) && !terms.has(bigram)) terms.set(bigram, BIGRAM_WEIGHT)
  }
  return terms
}

/** A score function (0–1, symmetric) over `passages`, whose term frequencies weight the terms. */
export function overlapScorer(passages: readonly Passage[]): (a: Passage, b: Passage) => number {
  const df = new Map<string, number>()
  for (const passage of passages) for (const term of passage.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  const n = Math.max(passages.length, 1)
  // Each passage's terms with their weights, in the passage's order, and its mass (their sum): computed once, since
  // a scorer compares every passage with many others. Passages' terms are read-only.
  const weighted = new Map<Passage, { terms: readonly string[]; weights: readonly number[]; mass: number }>()
  const weightedOf = (passage: Passage) => {
    let entry = weighted.get(passage)
    if (!entry) {
      const terms: string[] = []
      const weights: number[] = []
      let mass = 0
      for (const [term, base] of passage.terms) {
        const weight = base * Math.log(1 + n / (df.get(term) ?? 1))
        terms.push(term)
        weights.push(weight)
        mass += weight
      }
      entry = { terms, weights, mass }
      weighted.set(passage, entry)
    }
    return entry
  }
  // Scores by ordered pair (a term's base weight is a's): callers ask for the same pair many times (logic-chain
  // compares a unit with every target for each target).
  const scores = new Map<Passage, Map<Passage, number>>()
  const scoreOf = (a: Passage, b: Passage) => {
    const left = weightedOf(a)
    const smaller = Math.min(left.mass, weightedOf(b).mass)
    if (smaller === 0) return 0
    let shared = 0
    for (let i = 0; i < left.terms.length; i += 1) if (b.terms.has(left.terms[i]!)) shared += left.weights[i]!
    return shared / smaller
  }
  return (a, b) => {
    let row = scores.get(a)
    if (!row) {
      row = new Map()
      scores.set(a, row)
    }
    let score = row.get(b)
    if (score === undefined) {
      score = scoreOf(a, b)
      row.set(b, score)
    }
    return score
  }
}
