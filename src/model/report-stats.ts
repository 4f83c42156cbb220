import type { ReportDoc, Section, TextSpan } from './report-doc.js'
import { countZishu } from './zishu.js'

export interface SectionZishu {
  path: string
  level: number
  /** Heading, body and sub-sections. */
  zishu: number
  /**
   * The 字数 the template's length guidance is about, and the one the checker's length findings state: a part
   * (一、) without its own heading (“300字左右” is its content); an item (（一）…) with its 领句 (003: 领句+具体内容).
   */
  judged: number
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

/** A section with its heading line and everything under it. */
export function sectionFullZishu(section: Section): number {
  return section.children.reduce((sum, child) => sum + sectionFullZishu(child), spansZishu([section.headingLine, ...section.paragraphs]))
}

/** The content of a section without its own heading (an inline lead after a run-in heading is content). */
export function sectionBodyZishu(section: Section): number {
  return section.children.reduce((sum, child) => sum + sectionFullZishu(child), spansZishu([section.lead, ...section.paragraphs]))
}

function sectionZishu(section: Section, into: SectionZishu[]): number {
  const entry: SectionZishu = { path: section.path, level: section.level, zishu: 0, judged: 0 }
  into.push(entry)
  const own = spansZishu([section.headingLine, ...section.paragraphs])
  entry.zishu = section.children.reduce((sum, child) => sum + sectionZishu(child, into), own)
  entry.judged = section.level === 1 ? sectionBodyZishu(section) : entry.zishu
  return entry.zishu
}

export function reportZishu(doc: ReportDoc): ReportZishu {
  const sections: SectionZishu[] = []
  const sectionTotal = doc.sections.reduce((sum, section) => sum + sectionZishu(section, sections), 0)
  const abstract = doc.abstract ? spansZishu([doc.abstract.label, ...doc.abstract.paragraphs]) : 0
  const title = doc.title ? countZishu(doc.title.text) : 0
  return { total: spansZishu(doc.preamble) + abstract + sectionTotal, title, abstract, sections }
}
