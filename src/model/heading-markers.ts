import { parseChineseNumeral, toChineseNumeral } from './chinese-numerals.js'

/**
 * The four heading levels the templates prescribe (000/001 填写要求 5): 一、 （一） 1. （1）.
 * People also write near-misses — (一) with half-width brackets, 1、, 一. — which must still be read as
 * headings so the checker can point at them; `style` says whether the marker is the canonical one.
 */
export type HeadingLevel = 1 | 2 | 3 | 4

export interface HeadingMarker {
  level: HeadingLevel
  /** The marker exactly as written, e.g. '（一）' or '(一)'. */
  text: string
  ordinal: number
  canonical: boolean
}

interface MarkerPattern {
  level: HeadingLevel
  canonical: boolean
  pattern: RegExp
  ordinal: (numeral: string) => number | undefined
}

const chinese = (n: string) => parseChineseNumeral(n)
const arabic = (n: string) => Number.parseInt(n, 10)
const CN = '[一二三四五六七八九十]{1,3}'

// Order matters: the canonical form of each level is tried before its variants, and level 4 before level 3
// so that "（1）" is never read as something else. A digit marker must not be followed by another digit
// ("1.2万个" is a number, not heading 1.) and a Chinese marker must not be followed by 是 ("一是…" is prose).
const PATTERNS: readonly MarkerPattern[] = [
  { level: 1, canonical: true, pattern: new RegExp(`^(${CN})、`), ordinal: chinese },
  { level: 1, canonical: false, pattern: new RegExp(`^(${CN})[.．,，](?![0-9])`), ordinal: chinese },
  { level: 2, canonical: true, pattern: new RegExp(`^（(${CN})）(?!、)`), ordinal: chinese },
  { level: 2, canonical: false, pattern: new RegExp(`^[（(](${CN})[）)]、?`), ordinal: chinese },
  { level: 4, canonical: true, pattern: /^（(\d{1,2})）(?!、)/, ordinal: arabic },
  { level: 4, canonical: false, pattern: /^[（(](\d{1,2})[）)]、?/, ordinal: arabic },
  { level: 3, canonical: true, pattern: /^(\d{1,2})\.(?![0-9])/, ordinal: arabic },
  { level: 3, canonical: false, pattern: /^(\d{1,2})(?:[．、]|\s*\.)(?![0-9])/, ordinal: arabic },
]

/** Reads a heading marker at the start of `text`, or undefined when the text does not start with one. */
export function readHeadingMarker(text: string): HeadingMarker | undefined {
  for (const { level, canonical, pattern, ordinal } of PATTERNS) {
    const match = pattern.exec(text)
    if (!match) continue
    const value = ordinal(match[1]!)
    if (value === undefined || value < 1) continue
    // "2025年…" and "5G…" start with digits but are no markers: the patterns require a separator.
    return { level, text: match[0], ordinal: value, canonical }
  }
  return undefined
}

/** The canonical marker of `level` for `ordinal`: (2, 3) → '（三）'. */
export function canonicalMarker(level: HeadingLevel, ordinal: number): string {
  switch (level) {
    case 1:
      return `${toChineseNumeral(ordinal)}、`
    case 2:
      return `（${toChineseNumeral(ordinal)}）`
    case 3:
      return `${ordinal}.`
    case 4:
      return `（${ordinal}）`
  }
}
