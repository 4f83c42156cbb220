/**
 * Chinese-aware analyzer for clause retrieval.
 *
 * Two token streams per text (PITFALLS "Chinese retrieval"; Dify #5076, FastGPT #2791):
 * - `words`: jieba search-mode segmentation with a user dictionary of domain terms, so that
 *   数字化能碳管理中心 yields the whole term *and* its sub-words (数字化, 管理, 中心), and a query
 *   for either matches;
 * - `bigrams`: overlapping character bigrams of every run of Han characters, so that an exact
 *   substring of a clause always matches even when jieba segments query and clause differently
 *   (上海交通大学 → 上海/交通/大学).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Jieba } from '@node-rs/jieba'

export interface AnalyzedText {
  /** Word tokens in text order (duplicates kept: term frequency matters). */
  words: string[]
  /** Han-character bigrams in text order (a lone Han character stands as a unigram). */
  bigrams: string[]
}

/**
 * 'document': whitespace between two Han characters is a PDF/Word conversion artefact
 * (seed 002 reads 关键举 措) and is removed. 'query': whitespace is the user's separator
 * (亩均税收 土地集约) and is kept, so no bigram spans it.
 */
export type AnalyzeMode = 'document' | 'query'

/**
 * 'compact' keeps every word of at most two Han characters (six UTF-8 bytes) of jieba's 349k-word dictionary and the
 * longer words with frequency ≥ 5 (≈190k words). Loading it takes about a third of the full
 * dictionary's ≈190 ms, which keeps the built-in index build under its 200 ms budget; the rare
 * long words it drops are compounds whose parts are still words, and the bigram field still
 * matches them as substrings. 'full' loads the dictionary as shipped.
 */
export type DictionaryKind = 'compact' | 'full'

/** Minimum jieba frequency of a word longer than two characters in the compact dictionary. */
const COMPACT_MIN_FREQ = 5
/** Frequency given to domain terms without an explicit one: high enough to win jieba's DAG. */
const DEFAULT_TERM_FREQ = 3000

export interface TermEntry {
  term: string
  freq?: number
}

/** Parses a term list file: one entry per line, `term [freq]`, `#` comments, blank lines ignored. */
export function parseTermList(text: string): TermEntry[] {
  const out: TermEntry[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const [term, freq] = line.split(/\s+/)
    if (term === undefined) continue
    const n = freq === undefined ? undefined : Number(freq)
    out.push(n !== undefined && Number.isFinite(n) && n > 0 ? { term, freq: n } : { term })
  }
  return out
}

function readDataFile(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')
}

let domainTerms: TermEntry[] | undefined
/** Domain terms from src/retrieve/domain-terms.txt (normalized like any text). */
export function loadDomainTerms(): TermEntry[] {
  domainTerms ??= parseTermList(readDataFile('domain-terms.txt')).map((e) => ({ ...e, term: normalizeText(e.term) }))
  return domainTerms
}

let stopWords: ReadonlySet<string> | undefined
/** Stop words from src/retrieve/stopwords.txt (normalized like any text). */
export function loadStopWords(): ReadonlySet<string> {
  stopWords ??= new Set(parseTermList(readDataFile('stopwords.txt')).map((e) => normalizeText(e.term)))
  return stopWords
}

/** jieba user-dictionary text (`word freq tag` lines) for the given terms. */
export function userDictionary(terms: readonly TermEntry[]): string {
  return terms.map((t) => `${t.term} ${t.freq ?? DEFAULT_TERM_FREQ} n\n`).join('')
}

/**
 * Filters jieba's dictionary bytes (`word freq tag` lines) to the compact dictionary, working
 * on bytes: decoding and splitting 5 MB of text would cost more than the load it saves. A word
 * of at most 6 UTF-8 bytes is a word of at most two Han characters (three bytes each).
 */
export function compactDictionary(source: Uint8Array, minFreq = COMPACT_MIN_FREQ): Uint8Array {
  const out = new Uint8Array(source.length)
  let o = 0
  let i = 0
  const n = source.length
  while (i < n) {
    let end = source.indexOf(10, i)
    if (end < 0) end = n
    let space = source.indexOf(32, i)
    if (space < 0 || space > end) space = end
    let keep = space - i <= 6
    if (!keep) {
      let freq = 0
      for (let k = space + 1; k < end; k++) {
        const c = source[k] as number
        if (c < 48 || c > 57) break
        freq = freq * 10 + (c - 48)
      }
      keep = freq >= minFreq
    }
    if (keep && space > i) {
      out.set(source.subarray(i, end), o)
      o += end - i
      out[o++] = 10
    }
    i = end + 1
  }
  return out.subarray(0, o)
}

let dictionaryKind: DictionaryKind = 'compact'
let jieba: Jieba | undefined

/**
 * Chooses the dictionary of the shared jieba instance. Changing it drops the current instance;
 * indexes built before keep their tokens, so call this before building any index.
 */
export function setDictionaryKind(kind: DictionaryKind): void {
  if (kind !== dictionaryKind) jieba = undefined
  dictionaryKind = kind
}

/** Drops the shared jieba instance so the next use loads the dictionary again (benchmarks). */
export function resetJieba(): void {
  jieba = undefined
}

/** jieba's dictionary file as shipped (`word freq tag` lines, 5 MB). */
function jiebaDictionary(): Buffer {
  return readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'))
}

/**
 * File name of the compact dictionary the build writes beside the compiled module (scripts/build.mjs), so that each
 * process and worker thread reads 2.6 MB instead of filtering 5 MB: about a third of the dictionary's load time.
 */
export const COMPACT_DICTIONARY_FILE = 'jieba-compact-dict.txt'

/** The compact dictionary the build wrote, or undefined when running from the sources (tests, tsx). */
function builtCompactDictionary(): Buffer | undefined {
  try {
    return readFileSync(new URL(`./${COMPACT_DICTIONARY_FILE}`, import.meta.url))
  } catch {
    return undefined
  }
}

/** Writes the compact dictionary into `dir` (the build's copy of this module's folder). */
export function writeCompactDictionary(dir: string): void {
  writeFileSync(join(dir, COMPACT_DICTIONARY_FILE), compactDictionary(jiebaDictionary()))
}

/** The shared jieba instance, created on first use with the domain terms loaded. */
export function getJieba(): Jieba {
  if (jieba === undefined) {
    // Read here, on first use, not at import: @node-rs/jieba/dict.js reads this 5 MB file and its IDF table when it is
    // imported, which every command that never segments (a check of a draft with no park data) would pay for.
    const instance = Jieba.withDict(dictionaryKind === 'full' ? jiebaDictionary() : (builtCompactDictionary() ?? compactDictionary(jiebaDictionary())))
    instance.loadDict(Buffer.from(userDictionary(loadDomainTerms()), 'utf8'))
    jieba = instance
  }
  return jieba
}

/**
 * Full-width ASCII → half-width (ＩＰｖ６ → IPv6, ５Ｇ → 5G, （ → (), ideographic space → space,
 * then Latin lower-casing (IPv6 → ipv6).
 */
export function normalizeText(text: string): string {
  let out = ''
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let r = -1
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0
    else if (c === 0x3000) r = 0x20
    if (r >= 0) {
      out += text.slice(start, i) + String.fromCharCode(r)
      start = i + 1
    }
  }
  out += text.slice(start)
  return out.toLowerCase()
}

const HAN = /\p{Script=Han}/u
const HAN_SPACE_HAN = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu
const HAN_RUN = /\p{Script=Han}+/gu
const WORD_CHAR = /[\p{L}\p{N}]/u
const EDGE_NON_WORD = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu

/**
 * Overlapping bigrams of each Han run; a run of one character yields that character unless it
 * is a stop word (the 和 of "IPv6和5G" carries nothing).
 */
export function cjkBigrams(normalized: string, stop: ReadonlySet<string> = loadStopWords()): string[] {
  const out: string[] = []
  for (const m of normalized.matchAll(HAN_RUN)) {
    const chars = Array.from(m[0])
    if (chars.length === 1) {
      if (!stop.has(m[0])) out.push(m[0])
      continue
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push((chars[i] as string) + (chars[i + 1] as string))
  }
  return out
}

// Whether each BMP code unit (surrogates excepted) is a letter or a number, filled in as tokens are met: the same
// answer as WORD_CHAR, which depends on the character alone (0 = not looked up yet, 1 = word character, 2 = not).
const WORD_UNIT = new Uint8Array(0x10000)

function isWordUnit(code: number): boolean {
  if (code >= 0xd800 && code <= 0xdfff) return false
  let known = WORD_UNIT[code]!
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2
    WORD_UNIT[code] = known
  }
  return known === 1
}

/** jieba search-mode words of normalized text, edge punctuation trimmed, stop words dropped. */
export function segmentWords(normalized: string): string[] {
  const stop = loadStopWords()
  const out: string[] = []
  for (const raw of getJieba().cutForSearch(normalized, true)) {
    // Most tokens begin and end with a word character: they have one and nothing to trim (a fast path, same result).
    const plain = raw.length > 0 && isWordUnit(raw.charCodeAt(0)) && isWordUnit(raw.charCodeAt(raw.length - 1))
    if (!plain && !WORD_CHAR.test(raw)) continue
    const token = plain ? raw : raw.replace(EDGE_NON_WORD, '')
    if (token === '' || stop.has(token)) continue
    out.push(token)
  }
  return out
}

/** Analyzes a clause text ('document') or a query ('query') into its two token streams. */
export function analyze(text: string, mode: AnalyzeMode = 'document'): AnalyzedText {
  let normalized = normalizeText(text)
  if (mode === 'document' && HAN.test(normalized)) normalized = normalized.replace(HAN_SPACE_HAN, '$1')
  return { words: segmentWords(normalized), bigrams: cjkBigrams(normalized) }
}
