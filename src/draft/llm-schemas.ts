import { z } from 'zod'
import { canonicalMarker, readHeadingMarker, type HeadingLevel } from '../model/heading-markers.js'

/**
 * What the model answers, and how an answer becomes report text. The model writes headings and prose; the markers
 * 一、（一）1.（1） are ours (000/001 填写要求5), assigned by position, so a model that numbers badly, skips a level or
 * writes Markdown cannot break the structure the checker, the rewrite and the exporter rely on.
 *
 * Schemas are strict-JSON-Schema friendly (every field required, no unions): `ref` is "" when a sub-section answers
 * no plan item.
 */

export const ItemSchema = z.object({
  /** 领句, e.g. 绿电直供. */
  heading: z.string(),
  text: z.string(),
})

export const SubsectionSchema = z.object({
  /** The plan item it writes about (M1, R2), or "". */
  ref: z.string(),
  heading: z.string(),
  paragraphs: z.array(z.string()),
  items: z.array(ItemSchema),
})
export type Subsection = z.infer<typeof SubsectionSchema>

/** A level-1 part of the report without its heading (the heading is the template's). */
export const SectionBodySchema = z.object({
  paragraphs: z.array(z.string()),
  subsections: z.array(SubsectionSchema),
})
export type SectionBody = z.infer<typeof SectionBodySchema>

/** A section of any level with its heading: what a rewrite answers. */
export const HeadedSectionSchema = SectionBodySchema.extend({ heading: z.string() })
export type HeadedSection = z.infer<typeof HeadedSectionSchema>

export const AbstractSchema = z.object({ text: z.string() })
export type AbstractAnswer = z.infer<typeof AbstractSchema>

/** The JSON examples shown to the model (src/llm/client.ts appends them to the prompt). */
export const shapes = {
  section: '{"paragraphs":["段落正文"],"subsections":[{"ref":"M1","heading":"小标题","paragraphs":["段落正文"],"items":[{"heading":"领句","text":"具体内容"}]}]}',
  headed: '{"heading":"本节标题","paragraphs":["段落正文"],"subsections":[{"ref":"","heading":"小标题","paragraphs":["段落正文"],"items":[{"heading":"领句","text":"具体内容"}]}]}',
  abstract: '{"text":"摘要正文"}',
} as const

// ---------------------------------------------------------------------------------------------
// Cleaning what the model wrote
// ---------------------------------------------------------------------------------------------

const MARKDOWN = /\*\*|__|`|^#+\s*/gmu
const TRAILING_MARKS = /[\s。．.，,；;：:、！!？?]+$/u
const SENTENCE_END_INSIDE = /[。！？]/gu

/** A marker the model wrote anyway (“（一）”, “1.”, “一、”) is removed: ours are assigned by position. */
function withoutMarker(text: string): string {
  let out = text.trim()
  for (let i = 0; i < 2; i++) {
    const marker = readHeadingMarker(out)
    if (!marker) break
    out = out.slice(marker.text.length).trim()
  }
  return out
}

/** A heading: one line, no marker, no Markdown, no closing mark, no sentence end inside (the parser splits there). */
export function cleanHeading(text: string): string {
  return withoutMarker(text.replace(MARKDOWN, '').replace(/\s*\n+\s*/g, ''))
    .replace(TRAILING_MARKS, '')
    .replace(SENTENCE_END_INSIDE, '，')
    .trim()
}

/**
 * Paragraph lines: a paragraph with line breaks becomes several lines; a line that would read as a heading (starts
 * with a marker) loses the marker; empty lines are dropped.
 */
export function cleanParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs
    .flatMap((p) => p.replace(MARKDOWN, '').split(/\n+/))
    .map((line) => withoutMarker(line.trim()).replace(/^【摘要】/, '').trim())
    .filter((line) => line.length > 0)
}

// ---------------------------------------------------------------------------------------------
// Rendering with canonical markers
// ---------------------------------------------------------------------------------------------

/** Levels 1–2 stand alone on their line; levels 3–4 run into their first paragraph (“1.绿电直供。光伏……”). */
function headingLine(level: HeadingLevel, ordinal: number, heading: string, lead: string | undefined): string {
  const marker = canonicalMarker(level, ordinal)
  const text = cleanHeading(heading)
  if (level <= 2) return `${marker}${text}`
  if (!text) return `${marker}${lead ?? ''}`
  return lead ? `${marker}${text}。${lead}` : `${marker}${text}`
}

/** Item text folded into a paragraph when the level below does not exist (items of a level-3 rewrite). */
const foldItem = (item: { heading: string; text: string }) => {
  const heading = cleanHeading(item.heading)
  const text = cleanParagraphs([item.text]).join('')
  return heading ? `${heading}。${text}` : text
}

/**
 * The lines of a section at `level` with `ordinal` among its siblings. Sub-sections go one level down, items two;
 * below level 4 they are folded into paragraphs.
 */
export function renderSectionLines(level: HeadingLevel, ordinal: number, heading: string, body: SectionBody): string[] {
  const paragraphs = cleanParagraphs(body.paragraphs)
  const lines: string[] = []
  if (level <= 2) {
    lines.push(headingLine(level, ordinal, heading, undefined), ...paragraphs)
  } else {
    lines.push(headingLine(level, ordinal, heading, paragraphs[0]), ...paragraphs.slice(1))
  }
  const subsections = body.subsections.filter((s) => cleanHeading(s.heading) || cleanParagraphs(s.paragraphs).length || s.items.length)
  if (level === 4) {
    for (const sub of subsections) lines.push(...cleanParagraphs([foldItem({ heading: sub.heading, text: [...sub.paragraphs, ...sub.items.map(foldItem)].join('') })]))
    return lines
  }
  subsections.forEach((sub, i) => {
    const childLevel = (level + 1) as HeadingLevel
    const items = childLevel === 4 ? [] : sub.items
    const folded = childLevel === 4 ? sub.items.map(foldItem) : []
    lines.push(...renderSectionLines(childLevel, i + 1, sub.heading, { paragraphs: [...sub.paragraphs, ...folded], subsections: [] }))
    items.forEach((item, j) => {
      const text = cleanParagraphs([item.text])
      lines.push(headingLine((childLevel + 1) as HeadingLevel, j + 1, item.heading, text[0]), ...text.slice(1))
    })
  })
  return lines
}

export function renderSection(level: HeadingLevel, ordinal: number, heading: string, body: SectionBody): string {
  return renderSectionLines(level, ordinal, heading, body).join('\n')
}

/** 【摘要】 and its text on one line, as the template's 报告框架参考 writes it. */
export function renderAbstract(label: string, text: string): string {
  return `${label}${cleanParagraphs([text]).join('')}`
}

/** Title, abstract and sections, separated by blank lines, ending with a line break. */
export function assembleDraft(parts: { title?: string; abstract?: string; sections: readonly string[] }): string {
  return [parts.title, parts.abstract, ...parts.sections].filter((p): p is string => !!p && p.length > 0).join('\n\n') + '\n'
}
