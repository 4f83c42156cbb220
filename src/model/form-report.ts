import { listKinds } from '../kinds/registry.js'
import type { Form } from '../kinds/kind-spec.js'
import type { DocxParagraph } from './docx-typography.js'

/**
 * The report inside a filled-in 经验总结材料 (the form the export writes for the 2026 创新实践 kinds): found by the
 * cover's title lines and the label of the report cell (创新实践经验总结报告). What the checker must read of such a
 * file is the report — the 创新实践名称 row as its title, then the paragraphs of the report cell — not the cover,
 * 填写说明, 承诺声明 or the tables, which follow the form's own layout. The report's paragraphs are prose set in the
 * report typography, so they are handed to the `format` rule as prose, not as table cells.
 */

/** A stretch of the report's text and where the same characters are in the whole file's text. */
export interface TextSegment {
  /** Offset in the report's text (the checked source). */
  start: number
  /** Offset in the file's text (all paragraphs joined by '\n'), which the annotator writes into. */
  fileStart: number
  length: number
}

export interface FormReport {
  /** The kind's form name, e.g. 2026年工业园区高质量发展创新实践经验总结材料. */
  formOf: string
  /** The title paragraph (when the form has one) and the report cell's paragraphs, re-indexed from 0. */
  paragraphs: DocxParagraph[]
  segments: TextSegment[]
}

/** How far into the file the cover's title lines are looked for. */
const COVER_LOOKAHEAD = 8

export function reportInsideForm(paragraphs: readonly DocxParagraph[]): FormReport | undefined {
  for (const kind of listKinds()) {
    if (!kind.form || !hasCover(paragraphs, kind.form)) continue
    const found = reportCell(paragraphs, kind.form)
    if (found) return { formOf: kind.form.cover.titleLines.join(''), ...found }
  }
  return undefined
}

function hasCover(paragraphs: readonly DocxParagraph[], form: Form): boolean {
  const opening = paragraphs.slice(0, COVER_LOOKAHEAD).map((p) => p.text.trim())
  let at = 0
  for (const line of form.cover.titleLines) {
    at = opening.indexOf(line, at)
    if (at < 0) return false
    at += 1
  }
  return true
}

function reportCell(paragraphs: readonly DocxParagraph[], form: Form): Omit<FormReport, 'formOf'> | undefined {
  const labelOf = (id: string) => form.overview.fields.find((field) => field.id === id)?.label
  const reportLabel = labelOf('report')
  const label = paragraphs.findIndex((p) => p.inTable && p.text.trim() === reportLabel)
  if (label < 0) return undefined
  let end = label + 1
  while (end < paragraphs.length && paragraphs[end]!.inTable) end += 1
  while (end > label + 1 && paragraphs[end - 1]!.text.trim() === '') end -= 1
  if (end === label + 1) return undefined
  const report = paragraphs.slice(label + 1, end)

  // The title: the cell after 创新实践名称 in the same table, before the report.
  const nameLabel = labelOf('practice-name')
  let titleIndex = -1
  for (let i = label - 1; i >= 0 && paragraphs[i]!.inTable; i -= 1) {
    if (paragraphs[i]!.text.trim() === nameLabel && paragraphs[i + 1]?.inTable && paragraphs[i + 1]!.text.trim()) titleIndex = i + 1
  }
  const chosen = titleIndex >= 0 ? [paragraphs[titleIndex]!, ...report] : report

  const fileOffset = (index: number) => paragraphs.slice(0, index).reduce((sum, p) => sum + p.text.length + 1, 0)
  const reportLength = report.reduce((sum, p) => sum + p.text.length + 1, -1)
  const segments: TextSegment[] = []
  let start = 0
  if (titleIndex >= 0) {
    segments.push({ start: 0, fileStart: fileOffset(titleIndex), length: paragraphs[titleIndex]!.text.length })
    start = paragraphs[titleIndex]!.text.length + 1
  }
  segments.push({ start, fileStart: fileOffset(label + 1), length: reportLength })
  return { paragraphs: chosen.map((p, index) => withoutTable(p, index)), segments }
}

function withoutTable(paragraph: DocxParagraph, index: number): DocxParagraph {
  const { inTable: _inTable, ...prose } = paragraph
  return { ...prose, index }
}
