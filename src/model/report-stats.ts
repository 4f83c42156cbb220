import type { ReportDoc, Section, TextSpan } from './report-doc.js'
import { countZishu } from './zishu.js'

export interface SectionZishu {
  path: string
  level: number
  /** Heading, body and sub-sections. */
  zishu: number
}

export interface ReportZishu {
  /** Everything but the title: the figure the 3000-字 limit applies to (the title is the form's 创新实践名称). */
  total: number
  title: number
  abstract: number
  sections: SectionZishu[]
  /** Sections left out of `sections` by the checker's answer (check-report.ts, MAX_STATS_SECTIONS). */
  sectionsOmitted?: number
}

const spansZishu = (spans: readonly (TextSpan | undefined)[]) =>
  spans.reduce((sum, span) => sum + (span ? countZishu(span.text) : 0), 0)

function sectionZishu(section: Section, into: SectionZishu[]): number {
  const entry: SectionZishu = { path: section.path, level: section.level, zishu: 0 }
  into.push(entry)
  const own = spansZishu([section.headingLine, ...section.paragraphs])
  entry.zishu = section.children.reduce((sum, child) => sum + sectionZishu(child, into), own)
  return entry.zishu
}

export function reportZishu(doc: ReportDoc): ReportZishu {
  const sections: SectionZishu[] = []
  const sectionTotal = doc.sections.reduce((sum, section) => sum + sectionZishu(section, sections), 0)
  const abstract = doc.abstract ? spansZishu([doc.abstract.label, ...doc.abstract.paragraphs]) : 0
  const title = doc.title ? countZishu(doc.title.text) : 0
  return { total: spansZishu(doc.preamble) + abstract + sectionTotal, title, abstract, sections }
}
