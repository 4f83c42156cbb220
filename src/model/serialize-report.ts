import type { ReportDoc, Section } from './report-doc.js'
import { requireSection } from './sections.js'

/**
 * Writes the document back as text. The model keeps every source line (decorations, blank lines and line
 * breaks included), so serialize(parse(text)) === text for text and Markdown alike.
 */
export function serializeReport(doc: ReportDoc): string {
  return doc.lines.map((line) => line.raw + line.eol).join('')
}

/** The whole lines a section occupies, from the start of its heading line to the end of its last line. */
export function sectionLineRange(doc: ReportDoc, section: Section): { start: number; end: number } {
  const first = doc.lines[section.lines[0]]!
  const last = doc.lines[section.lines[1]]!
  return { start: first.start, end: last.start + last.raw.length }
}

/**
 * Replaces one section (heading, body and sub-sections) with `replacement` and returns the new source.
 * Everything outside the section's lines stays byte-for-byte the same — the contract a rewrite relies on.
 */
export function replaceSectionText(doc: ReportDoc, path: string, replacement: string): string {
  const { start, end } = sectionLineRange(doc, requireSection(doc, path))
  return doc.source.slice(0, start) + replacement.replace(/[\r\n]+$/, '') + doc.source.slice(end)
}
