import type { ReportDoc } from '../model/report-doc.js'
import { walkSections } from '../model/sections.js'

/** Where an offset is, for people: the section path, or 标题 / 【摘要】 / 全文. */
export function sectionAt(doc: ReportDoc, offset: number): string {
  let path: string | undefined
  for (const section of walkSections(doc.sections)) {
    const lineStart = doc.lines[section.lines[0]]!.start
    if (offset >= lineStart && offset <= section.end) path = section.path // deepest wins: walk is depth first
  }
  if (path) return path
  if (doc.abstract && offset >= doc.abstract.label.start && offset <= doc.abstract.end) return '【摘要】'
  if (doc.title && offset >= doc.title.start && offset <= doc.title.end) return '标题'
  return '全文'
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
export function lineColumnAt(doc: ReportDoc, offset: number): { line: number; column: number } {
  let low = 0
  let high = doc.lines.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (doc.lines[middle]!.start <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - doc.lines[low]!.start + 1 }
}

const EXCERPT_CONTEXT = 12

/** The flagged characters with a little of their line around them, so a finding reads on its own. */
export function excerptAt(doc: ReportDoc, start: number, end: number): string {
  const { line } = lineColumnAt(doc, start)
  const sourceLine = doc.lines[line - 1]!
  const lineEnd = sourceLine.start + sourceLine.raw.length
  const from = Math.max(sourceLine.start, start - EXCERPT_CONTEXT)
  const to = Math.min(Math.max(lineEnd, end), end + EXCERPT_CONTEXT)
  const text = doc.source.slice(from, to).replace(/[\r\n]+/g, ' ')
  return `${from > sourceLine.start ? '…' : ''}${text}${to < lineEnd ? '…' : ''}`
}
