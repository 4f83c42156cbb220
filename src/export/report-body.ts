import { AlignmentType, ImageRun, LineRuleType, Paragraph } from 'docx'
import type { KindSpec, SectionRole } from '../kinds/kind-spec.js'
import type { ReportDoc, Section, TextSpan } from '../model/report-doc.js'
import type { RenderedChart } from './charts.js'
import { bodyParagraph, plainParagraph, textRun, titleFont, type DocxTypography } from './docx-style.js'

/**
 * The report as Word paragraphs, in the kind's typography: one paragraph per line of the report (title, 【摘要】,
 * heading lines, body paragraphs), no empty paragraphs (the template asks for 无段间距, so parts are not separated by
 * blank lines), so `parseDocxReport` of the result gives back the same report. Shared by the report export and by
 * the 二、创新实践概述 cell of the form.
 *
 * - Title: centred, no indent, level-1 heading font (docx-style.ts `titleFont`), body size.
 * - 【摘要】: the label in the level-1 heading font, the rest in the body font.
 * - Headings: the heading part (marker, heading and the 。 closing an inline heading) in the level's font, an inline
 *   lead (“1. 绿电直供。光伏电量……”) in the body font; indented like the body.
 * - Charts: after the last paragraph of the results section (实践成效; for the 示范基地 kinds the section whose role is
 *   results or highlights), each an image paragraph and a centred caption “图1 …” below it (Chinese convention).
 */

export interface ReportBodyOptions {
  /** The form prints the title in its own 创新实践名称 row, so it leaves it out here. */
  includeTitle: boolean
  charts?: readonly RenderedChart[]
  /** Display width of a chart in pixels at 96 dpi; fits the text block (or the table cell). */
  chartWidthPx: number
}

/** Sections charts go after, in order of preference. */
const CHART_SECTION_ROLES: readonly SectionRole[] = ['results', 'highlights']
const IMAGE_LINE = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }

export function reportParagraphs(doc: ReportDoc, kind: KindSpec, t: DocxTypography, options: ReportBodyOptions): Paragraph[] {
  const out: Paragraph[] = []
  if (options.includeTitle && doc.title) {
    out.push(plainParagraph([textRun(doc.title.text, t, { font: titleFont(t) })], t, { alignment: AlignmentType.CENTER }))
  }
  for (const line of doc.preamble) out.push(bodyParagraph([textRun(line.text, t)], t))
  if (doc.abstract) {
    const [first, ...rest] = doc.abstract.paragraphs
    const label = textRun(doc.abstract.label.text, t, { font: titleFont(t) })
    out.push(bodyParagraph(first ? [label, textRun(first.text, t)] : [label], t))
    for (const p of rest) out.push(bodyParagraph([textRun(p.text, t)], t))
  }

  const charts = options.charts ?? []
  const chartSection = charts.length ? chartAnchor(doc, kind) : undefined
  for (const section of doc.sections) {
    out.push(...sectionParagraphs(section, t))
    if (section === chartSection) out.push(...chartParagraphs(charts, t, options.chartWidthPx))
  }
  if (charts.length && !chartSection) out.push(...chartParagraphs(charts, t, options.chartWidthPx))
  return out
}

function sectionParagraphs(section: Section, t: DocxTypography): Paragraph[] {
  const out = [headingParagraph(section, t)]
  for (const p of section.paragraphs) out.push(bodyParagraph([textRun(p.text, t)], t))
  for (const child of section.children) out.push(...sectionParagraphs(child, t))
  return out
}

function headingParagraph(section: Section, t: DocxTypography): Paragraph {
  const font = t.headingFonts[section.level - 1]!
  const { heading, lead } = splitHeadingLine(section.headingLine, section.lead)
  const runs = [textRun(heading, t, { font })]
  if (lead) runs.push(textRun(lead, t))
  // outlineLevel puts the heading in Word's navigation pane; it changes no formatting.
  return bodyParagraph(runs, t, { outlineLevel: section.level - 1 })
}

/** The heading part and the inline lead of a heading line, as the checker's format rule divides them. */
export function splitHeadingLine(line: TextSpan, lead: TextSpan | undefined): { heading: string; lead?: string } {
  if (!lead || !lead.text || !line.text.endsWith(lead.text)) return { heading: line.text }
  return { heading: line.text.slice(0, line.text.length - lead.text.length), lead: lead.text }
}

/** The level-1 section the charts belong to: the kind's results section, found by heading, alias or marker. */
function chartAnchor(doc: ReportDoc, kind: KindSpec): Section | undefined {
  for (const role of CHART_SECTION_ROLES) {
    const spec = kind.sections.find((s) => s.role === role)
    if (!spec) continue
    const names = new Set([spec.heading, ...spec.headingAliases])
    const found = doc.sections.find((s) => names.has(s.heading.text.trim())) ?? doc.sections.find((s) => s.marker.text === spec.marker)
    if (found) return found
  }
  return undefined
}

export function chartCaption(n: number, chart: RenderedChart): string {
  return `图${n} ${chart.title}`
}

function chartParagraphs(charts: readonly RenderedChart[], t: DocxTypography, widthPx: number): Paragraph[] {
  return charts.flatMap((chart, i) => {
    const height = Math.round((widthPx * chart.heightPx) / chart.widthPx)
    const image = new ImageRun({
      type: 'png',
      data: chart.png,
      transformation: { width: widthPx, height },
      altText: { name: chart.id, title: chart.title, description: chart.description },
    })
    return [
      // Exact 22 pt line spacing would crop the picture to one line: the image paragraph is single-spaced.
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: IMAGE_LINE, keepNext: true, children: [image] }),
      plainParagraph([textRun(chartCaption(i + 1, chart), t)], t, { alignment: AlignmentType.CENTER }),
    ]
  })
}
