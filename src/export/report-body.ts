import { AlignmentType, ImageRun, LineRuleType, Paragraph } from 'docx'
import type { KindSpec, SectionRole } from '../kinds/kind-spec.js'
import type { ReportDoc, Section, TextSpan } from '../model/report-doc.js'
import type { RenderedChart } from './charts.js'
import { bodyParagraph, plainParagraph, TEXT_WIDTH_TWIPS, textRun, titleFont, type DocxTypography } from './docx-style.js'
import { paragraphLines, usedOnLastPage, type FlowParagraph, type PageGeometry } from './page-estimate.js'

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
  /** The page the report flows on, for sizing charts to the room left on their page (not inside the form's cell). */
  page?: PageGeometry
}

/** Sections charts go after, in order of preference. */
const CHART_SECTION_ROLES: readonly SectionRole[] = ['results', 'highlights']
const IMAGE_LINE = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }

export function reportParagraphs(doc: ReportDoc, kind: KindSpec, t: DocxTypography, options: ReportBodyOptions): Paragraph[] {
  return reportBlocks(doc, kind, t, options).map((b) => b.paragraph)
}

/**
 * The same paragraphs, each with what keeps it on its page: the form lays them out one table row each, and a row
 * that must stay with the next one (a heading, a chart above its caption) says so on the row.
 */
export function reportBlocks(doc: ReportDoc, kind: KindSpec, t: DocxTypography, options: ReportBodyOptions): ReportBlock[] {
  const blocks: ReportBlock[] = []
  const body = (text: string, paragraph: Paragraph, keep: Keep = {}) => blocks.push({ paragraph, flow: { text, indentEm: t.firstLineChars / 100, ...keep } })
  if (options.includeTitle && doc.title) {
    const paragraph = plainParagraph([textRun(doc.title.text, t, { font: titleFont(t) })], t, { alignment: AlignmentType.CENTER })
    blocks.push({ paragraph, flow: { text: doc.title.text, indentEm: 0 } })
  }
  for (const line of doc.preamble) body(line.text, bodyParagraph([textRun(line.text, t)], t))
  if (doc.abstract) {
    const [first, ...rest] = doc.abstract.paragraphs
    const label = textRun(doc.abstract.label.text, t, { font: titleFont(t) })
    body(doc.abstract.label.text + (first?.text ?? ''), bodyParagraph(first ? [label, textRun(first.text, t)] : [label], t))
    for (const p of rest) body(p.text, bodyParagraph([textRun(p.text, t)], t))
  }

  const charts = options.charts ?? []
  const chartSection = charts.length ? chartAnchor(doc, kind) : undefined
  const placeCharts = () => {
    const used = options.page ? usedOnLastPage(blocks.map((b) => b.flow), options.page) : undefined
    const sizes = chartSizes(charts, options.chartWidthPx, used, options.page)
    blocks.push(...chartParagraphs(charts, sizes, t).map((paragraph, i) => ({ paragraph, flow: { text: '', indentEm: 0, ...(i % 2 === 0 ? { keepNext: true } : {}) } })))
  }
  for (const section of doc.sections) {
    sectionBlocks(section, t, blocks)
    if (section === chartSection) placeCharts()
  }
  if (charts.length && !chartSection) placeCharts()
  return blocks
}

type Keep = Pick<FlowParagraph, 'keepNext' | 'keepLines'>
export interface ReportBlock {
  paragraph: Paragraph
  /** What the page estimate needs to know of the paragraph (page-estimate.ts). */
  flow: FlowParagraph
}

function sectionBlocks(section: Section, t: DocxTypography, into: ReportBlock[]): void {
  const indentEm = t.firstLineChars / 100
  const { heading, lead } = splitHeadingLine(section.headingLine, section.lead)
  // A heading stays on the page of the text it heads (keepNext) and is never cut between pages (keepLines); a run-in
  // heading carries its own text.
  const headingKeep: Keep = lead ? { keepLines: true } : { keepLines: true, keepNext: true }
  into.push({ paragraph: headingParagraph(section.level, heading, lead, t, headingKeep), flow: { text: section.headingLine.text, indentEm, ...headingKeep } })
  for (const p of section.paragraphs) {
    const keep = keepShortTogether(p.text, t)
    into.push({ paragraph: bodyParagraph([textRun(p.text, t)], t, keep), flow: { text: p.text, indentEm, ...keep } })
  }
  for (const child of section.children) sectionBlocks(child, t, into)
}

function headingParagraph(level: number, heading: string, lead: string | undefined, t: DocxTypography, keep: Keep): Paragraph {
  const runs = [textRun(heading, t, { font: t.headingFonts[level - 1]! })]
  if (lead) runs.push(textRun(lead, t))
  // outlineLevel puts the heading in Word's navigation pane; it changes no formatting.
  return bodyParagraph(runs, t, { outlineLevel: level - 1, ...keep })
}

/** Paragraphs of up to this many lines are not cut between pages (a one-line remnant reads as a lost line). */
export const KEEP_TOGETHER_LINES = 3

/** keepLines for a body paragraph short enough to move whole to the next page. */
function keepShortTogether(text: string, t: DocxTypography): Keep {
  return paragraphLines(text, t.firstLineChars / 100, TEXT_WIDTH_TWIPS / (t.sizeHalfPoints * 10)) <= KEEP_TOGETHER_LINES ? { keepLines: true } : {}
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

/** Display size of a chart in px at 96 dpi (1 px = 15 twips). */
export interface ChartSize {
  width: number
  height: number
}

const TWIPS_PER_PX = 15
/** Room a chart block needs besides the picture: its caption line and the picture paragraph's own leading. */
const CAPTION_TWIPS = 440
const PICTURE_LEADING_TWIPS = 120
/** Lines of margin for the estimate's error before a chart is shrunk to the space left on a page. */
const ESTIMATE_MARGIN_LINES = 2
/** A chart is shrunk to fit the rest of a page down to this share of its size; smaller, it goes whole to the next page. */
export const MIN_CHART_SCALE = 0.7

/**
 * Each chart at the full width, unless the page it would start on has too little room: then shrunk to the room
 * left (down to MIN_CHART_SCALE), so a chart that cannot split does not leave half a page empty before it. Without
 * a page estimate (the form's report cell) every chart is full size.
 */
export function chartSizes(charts: readonly RenderedChart[], widthPx: number, usedTwips: number | undefined, page: PageGeometry | undefined): ChartSize[] {
  let used = usedTwips
  return charts.map((chart) => {
    const full = { width: widthPx, height: Math.round((widthPx * chart.heightPx) / chart.widthPx) }
    if (used === undefined || !page) return full
    const block = (size: ChartSize) => size.height * TWIPS_PER_PX + CAPTION_TWIPS + PICTURE_LEADING_TWIPS
    const free = page.heightTwips - used - ESTIMATE_MARGIN_LINES * page.lineTwips
    let size = full
    if (block(full) > free) {
      const scale = (free - CAPTION_TWIPS - PICTURE_LEADING_TWIPS) / (full.height * TWIPS_PER_PX)
      if (scale >= MIN_CHART_SCALE && used > 0) size = { width: Math.floor(full.width * scale), height: Math.floor(full.height * scale) }
      else used = 0
    }
    used = (used + block(size)) % page.heightTwips
    return size
  })
}

function chartParagraphs(charts: readonly RenderedChart[], sizes: readonly ChartSize[], t: DocxTypography): Paragraph[] {
  return charts.flatMap((chart, i) => {
    const image = new ImageRun({
      type: 'png',
      data: chart.png,
      transformation: sizes[i]!,
      altText: { name: chart.id, title: chart.title, description: chart.description },
    })
    return [
      // Exact 22 pt line spacing would crop the picture to one line: the image paragraph is single-spaced. It stays
      // on the page of its caption.
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: IMAGE_LINE, keepNext: true, keepLines: true, children: [image] }),
      plainParagraph([textRun(chartCaption(i + 1, chart), t)], t, { alignment: AlignmentType.CENTER, keepLines: true }),
    ]
  })
}
