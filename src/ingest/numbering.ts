import { parseChineseNumeral } from '../model/chinese-numerals.js'

/**
 * Numbering markers of Chinese policy documents, shared by the normalizer (a marker starts a new paragraph)
 * and the clause splitter (a marker starts a new clause).
 *
 * The hierarchy follows the official-document convention (GB/T 9704, and the typography rule of seed 000/001:
 * 一、 → （一） → 1. → （1））, extended with what the seeds and ordinary regulations use: 附件N (seed 003),
 * 第X章 / 第X条 (regulations), ① (sub-items) and the "——" dash items of seed 002's 三、建设标准.
 */

export type MarkerKind =
  | 'annex' // 附件2
  | 'chapter' // 第一章
  | 'part' // 第一部分
  | 'cn-comma' // 一、
  | 'article' // 第一条
  | 'cn-paren' // （一）
  | 'arabic' // 1. or 1、
  | 'arabic-paren' // （1）
  | 'circled' // ①
  | 'dash' // ——

/** Depth rank of each kind: a marker closes every open item of the same or a deeper rank. */
export const MARKER_RANK: Readonly<Record<MarkerKind, number>> = {
  annex: 0,
  chapter: 1,
  part: 2,
  'cn-comma': 3,
  article: 4,
  'cn-paren': 5,
  arabic: 6,
  'arabic-paren': 7,
  circled: 8,
  dash: 9,
}

export interface Marker {
  kind: MarkerKind
  /** 1-based number of the item; null for dash items, which are unnumbered. */
  ordinal: number | null
  /** The marker as it appears in a citation path: 二, （五）, 11, （1）, ①, 第三条, 第一章, 第一部分, 附件2; '' for dash. */
  label: string
  /** The paragraph after the marker, trimmed. */
  rest: string
}

const CN_NUM = '[零〇一二三四五六七八九十百]'

/** 一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105; null when the string is not a positive Chinese numeral. */
export function chineseNumeralToInt(s: string): number | null {
  return parseChineseNumeral(s) ?? null
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

interface Rule {
  kind: MarkerKind
  re: RegExp
  label: (m: RegExpExecArray) => string
  ordinal: (m: RegExpExecArray) => number | null
}

const cn = (m: RegExpExecArray): number | null => chineseNumeralToInt(m[1] ?? '')
const ar = (m: RegExpExecArray): number | null => Number(m[1])

// Order matters: the more specific patterns come first. Every pattern is anchored at the paragraph start.
const RULES: readonly Rule[] = [
  // 附件2 / 附件 3 (seed 003), but not 附件1.国家… or 附件：1.… (a list of attachments).
  { kind: 'annex', re: /^附件\s?(\d{1,2})(?![\d.．、])/, label: (m) => `附件${m[1]}`, ordinal: ar },
  { kind: 'chapter', re: new RegExp(`^第(${CN_NUM}{1,4})章`), label: (m) => `第${m[1]}章`, ordinal: cn },
  // 第一部分 总体要求 is a part heading; 第一部分：开展… (seed 003 附件3's outline) is a labelled line of text.
  { kind: 'part', re: new RegExp(`^第(${CN_NUM}{1,3})部分(?![：:])`), label: (m) => `第${m[1]}部分`, ordinal: cn },
  { kind: 'article', re: new RegExp(`^第(${CN_NUM}{1,5})条`), label: (m) => `第${m[1]}条`, ordinal: cn },
  { kind: 'cn-comma', re: new RegExp(`^(${CN_NUM}{1,3})、`), label: (m) => m[1] ?? '', ordinal: cn },
  { kind: 'cn-paren', re: new RegExp(`^[（(](${CN_NUM}{1,3})[）)]`), label: (m) => `（${m[1]}）`, ordinal: cn },
  // 1. / 1、 / 1． but not 1.1 (an indicator number, seed 003) and not 2026年.
  { kind: 'arabic', re: /^(\d{1,3})(?:[.．](?![\d])|、)/, label: (m) => String(Number(m[1])), ordinal: ar },
  { kind: 'arabic-paren', re: /^[（(](\d{1,3})[）)]/, label: (m) => `（${Number(m[1])}）`, ordinal: ar },
  {
    kind: 'circled',
    re: new RegExp(`^([${CIRCLED}])`),
    label: (m) => m[1] ?? '',
    ordinal: (m) => CIRCLED.indexOf(m[1] ?? '') + 1,
  },
  // Exactly two em dashes (seed 002 三、建设标准); a longer run is a rule line, not an item.
  { kind: 'dash', re: /^——(?!—)(?=\S)/, label: () => '', ordinal: () => null },
]

/** The numbering marker a paragraph starts with, or null. */
export function matchMarker(paragraph: string): Marker | null {
  const text = paragraph.trimStart()
  for (const rule of RULES) {
    const m = rule.re.exec(text)
    if (!m) continue
    const ordinal = rule.ordinal(m)
    if (rule.kind !== 'dash' && (ordinal === null || ordinal <= 0)) continue
    return { kind: rule.kind, ordinal, label: rule.label(m), rest: text.slice(m[0].length).trim() }
  }
  return null
}

/** Characters that make a line read as running text rather than a heading. */
const CLAUSE_PUNCTUATION = /[，。；：！？、,;:!?]/

/**
 * A heading is a short line without running-text punctuation: 一、总体要求, （一）做强特色优势产业, 附件2.
 * Used by the normalizer (never join the next line onto a heading) and by the splitter (a heading that only
 * groups numbered children is not a clause of its own).
 */
export function isHeadingText(text: string, maxChars = 30): boolean {
  return text.length <= maxChars && !CLAUSE_PUNCTUATION.test(text)
}
