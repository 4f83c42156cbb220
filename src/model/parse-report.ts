import { readHeadingMarker, type HeadingMarker } from './heading-markers.js'
import type { Abstract, ReportDoc, Section, SourceFormat, TextSpan } from './report-doc.js'
import { markdownLineView, plainLineView, spanOf, splitSourceLines, type LineView } from './source-lines.js'

// 【摘要】 is the template's label (000/001 报告框架参考); people also write 摘要： or 【摘 要】.
const ABSTRACT_LABEL = /^(?:【\s*摘\s*要\s*】|摘\s*要\s*[:：])/
// An inline heading ends at the first sentence end, or at a full-width colon that introduces its text
// (（二）打通“…”循环链条：引进……); longer than this, the “heading” is really a numbered paragraph and the whole line is body.
const MAX_HEADING_CHARS = 60
const TITLE_MAX_CHARS = 80
const SENTENCE_END = /[。！？：]/

export function parseReport(source: string, format: Exclude<SourceFormat, 'docx'> = 'text'): ReportDoc {
  const lines = splitSourceLines(source)
  const viewOf = format === 'markdown' ? markdownLineView : plainLineView
  const doc: ReportDoc = { source, format, preamble: [], sections: [], lines }
  const open: Section[] = []

  lines.forEach((line, index) => {
    const view = viewOf(line)
    if (view.clean === '') return
    const marker = readHeadingMarker(view.clean)
    const abstractLabel = ABSTRACT_LABEL.exec(view.clean)

    if (marker) {
      const section = sectionFromLine(view, marker, index)
      while (open.length && open[open.length - 1]!.level >= marker.level) open.pop()
      const parent = open[open.length - 1]
      section.path = parent ? `${parent.path}/${marker.text}` : `${marker.text}${section.heading.text}`
      ;(parent ? parent.children : doc.sections).push(section)
      open.push(section)
      extendOpenSections(open, section.end, index)
    } else if (abstractLabel && !doc.sections.length && !doc.abstract) {
      doc.abstract = abstractFromLine(view, abstractLabel[0].length)
    } else if (open.length) {
      const paragraph = spanOf(view, 0, view.clean.length)
      open[open.length - 1]!.paragraphs.push(paragraph)
      extendOpenSections(open, paragraph.end, index)
    } else if (doc.abstract) {
      const paragraph = spanOf(view, 0, view.clean.length)
      doc.abstract.paragraphs.push(paragraph)
      doc.abstract.end = paragraph.end
    } else if (!doc.title && !doc.preamble.length && view.clean.length <= TITLE_MAX_CHARS) {
      doc.title = spanOf(view, 0, view.clean.length)
    } else {
      doc.preamble.push(spanOf(view, 0, view.clean.length))
    }
  })
  return doc
}

function extendOpenSections(open: Section[], end: number, lineIndex: number): void {
  for (const section of open) {
    section.end = end
    section.lines[1] = lineIndex
  }
}

function sectionFromLine(view: LineView, marker: HeadingMarker, lineIndex: number): Section {
  const markerSpan = spanOf(view, 0, marker.text.length)
  let from = marker.text.length
  while (from < view.clean.length && /[\s\u3000]/.test(view.clean[from]!)) from += 1
  const rest = view.clean.slice(from)
  const sentenceEnd = rest.search(SENTENCE_END)
  const lineEnd = view.clean.length

  let heading: TextSpan
  let lead: TextSpan | undefined
  if (sentenceEnd < 0) {
    heading = spanOf(view, from, lineEnd)
  } else if (sentenceEnd > MAX_HEADING_CHARS) {
    heading = spanOf(view, from, from)
    lead = spanOf(view, from, lineEnd)
  } else {
    heading = spanOf(view, from, from + sentenceEnd)
    let leadFrom = from + sentenceEnd + 1
    while (leadFrom < lineEnd && /[\s\u3000]/.test(view.clean[leadFrom]!)) leadFrom += 1
    if (leadFrom < lineEnd) lead = spanOf(view, leadFrom, lineEnd)
  }

  return {
    level: marker.level,
    marker: { ...marker, start: markerSpan.start, end: markerSpan.end },
    heading,
    ...(lead ? { lead } : {}),
    headingLine: spanOf(view, 0, lineEnd),
    paragraphs: [],
    children: [],
    path: '',
    start: markerSpan.start,
    end: view.offsetOf(lineEnd - 1) + 1,
    lines: [lineIndex, lineIndex],
  }
}

function abstractFromLine(view: LineView, labelLength: number): Abstract {
  const label = spanOf(view, 0, labelLength)
  let from = labelLength
  while (from < view.clean.length && /[\s\u3000]/.test(view.clean[from]!)) from += 1
  const paragraphs = from < view.clean.length ? [spanOf(view, from, view.clean.length)] : []
  return { label, paragraphs, start: label.start, end: paragraphs[0]?.end ?? label.end }
}
