import type { SourceLine, TextSpan } from './report-doc.js'

/** Splits text into lines, keeping each line's break so that joining them gives the text back. */
export function splitSourceLines(source: string): SourceLine[] {
  const lines: SourceLine[] = []
  const lineBreak = /\r\n|\n|\r/g
  let start = 0
  for (let match = lineBreak.exec(source); match; match = lineBreak.exec(source)) {
    lines.push({ raw: source.slice(start, match.index), eol: match[0], start })
    start = match.index + match[0].length
  }
  lines.push({ raw: source.slice(start), eol: '', start })
  return lines
}

/**
 * A line's content with its decoration removed (indentation, Markdown marks) and a map from each clean
 * character back to its source offset, so spans found in the clean text point at the source.
 */
export interface LineView {
  clean: string
  /** Source offset of clean character `i`; `i === clean.length` maps to just after the last one. */
  offsetOf(i: number): number
}

export function spanOf(view: LineView, from: number, to: number): TextSpan {
  const start = view.offsetOf(from)
  const end = to > from ? view.offsetOf(to - 1) + 1 : start
  return { text: view.clean.slice(from, to), start, end }
}

// Indentation people type: ASCII spaces, tabs, the ideographic space U+3000 and NBSP.
const EDGE_SPACE = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g

/** Plain text: the clean text is the line without leading and trailing spaces. */
export function plainLineView(line: SourceLine): LineView {
  const leading = line.raw.length - line.raw.replace(/^[\s\u3000\u00a0]+/, '').length
  const clean = line.raw.replace(EDGE_SPACE, '')
  return { clean, offsetOf: (i) => line.start + leading + i }
}

/**
 * Markdown: drops heading hashes, block quotes, emphasis marks (** __) and backslash escapes
 * (“1\. 建设…” is what editors write for a numbered paragraph that is not a list).
 */
export function markdownLineView(line: SourceLine): LineView {
  const raw = line.raw
  const prefix = /^[\s\u3000]*(?:>\s*)*(?:#{1,6}\s+)?/.exec(raw)
  let i = prefix ? prefix[0].length : 0
  const chars: string[] = []
  const offsets: number[] = []
  while (i < raw.length) {
    const two = raw.slice(i, i + 2)
    if (two === '**' || two === '__') {
      i += 2
      continue
    }
    if (raw[i] === '\\' && i + 1 < raw.length && /[\\`*_{}[\]()#+\-.!]/.test(raw[i + 1]!)) {
      i += 1
    }
    chars.push(raw[i]!)
    offsets.push(line.start + i)
    i += 1
  }
  // Trailing spaces (Markdown hard breaks) and closing hashes of an ATX heading are decoration too.
  let length = chars.length
  while (length > 0 && /[\s\u3000]/.test(chars[length - 1]!)) length -= 1
  let first = 0
  while (first < length && /[\s\u3000]/.test(chars[first]!)) first += 1
  const clean = chars.slice(first, length).join('')
  const kept = offsets.slice(first, length)
  const after = kept.length ? kept[kept.length - 1]! + 1 : line.start + i
  return { clean, offsetOf: (index) => (index < kept.length ? kept[index]! : after) }
}
