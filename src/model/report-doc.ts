import type { HeadingLevel, HeadingMarker } from './heading-markers.js'

/**
 * The parsed report every step shares (parse → check → rewrite → export). Every node keeps its
 * `[start, end)` range in the source text so a finding can point at exact characters and one section can
 * be replaced without touching the rest. `text` is the clean text of the node (Markdown decorations
 * removed); for plain text `source.slice(start, end) === text`.
 */
export interface TextSpan {
  text: string
  start: number
  end: number
}

/** One physical line of the source: what serialization writes back. */
export interface SourceLine {
  /** The line exactly as written, without its line break. */
  raw: string
  /** '\n', '\r\n', '\r' or '' for the last line. */
  eol: string
  start: number
}

export interface Section {
  level: HeadingLevel
  marker: HeadingMarker & { start: number; end: number }
  /** Heading text without marker and without the sentence end that closes an inline heading. */
  heading: TextSpan
  /**
   * The body that follows an inline heading on the same line — “1. 建设平台底座。园区统筹……” has heading
   * 建设平台底座 and lead 园区统筹…… (template 000: level-3/4 headings are usually written this way).
   */
  lead?: TextSpan
  /** The whole heading line (marker, heading, inline lead), clean text. */
  headingLine: TextSpan
  /** Body paragraphs below the heading line and before the first child section. */
  paragraphs: TextSpan[]
  children: Section[]
  /** Path used by findings and rewrites: “二、创新举措/（二）/1.”. */
  path: string
  /** From the first character of the marker to the last character of the last line of the section. */
  start: number
  end: number
  /** Index range of the section's lines in `ReportDoc.lines`, [firstLine, lastLine]. */
  lines: [number, number]
}

export interface Abstract {
  /** The label as written, usually 【摘要】. */
  label: TextSpan
  paragraphs: TextSpan[]
  start: number
  end: number
}

export type SourceFormat = 'text' | 'markdown' | 'docx'

export interface ReportDoc {
  source: string
  format: SourceFormat
  title?: TextSpan
  /** Lines between the title and the abstract or first section that are neither (rare: a subtitle, a note). */
  preamble: TextSpan[]
  abstract?: Abstract
  sections: Section[]
  lines: SourceLine[]
}
