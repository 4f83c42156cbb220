import { expect } from 'vitest'
import type { KindSpec } from '../../src/kinds/kind-spec.js'
import type { DocxParagraph } from '../../src/model/docx-typography.js'
import type { ReportDoc, Section } from '../../src/model/report-doc.js'

/**
 * What every paragraph of an exported report must look like, derived from the kind alone (000/001 填写要求 5):
 * the text of each line split into parts with the East Asian font each part must show in.
 */
export interface ExpectedParagraph {
  role: 'title' | 'abstract' | 'heading-1' | 'heading-2' | 'heading-3' | 'heading-4' | 'body'
  text: string
  /** [text, East Asian font] parts, adjacent parts with the same font merged (as readDocxParagraphs merges runs). */
  parts: [string, string][]
  indented: boolean
}

function merge(parts: [string, string][]): [string, string][] {
  const out: [string, string][] = []
  for (const [text, font] of parts) {
    if (!text) continue
    const last = out[out.length - 1]
    if (last && last[1] === font) last[0] += text
    else out.push([text, font])
  }
  return out
}

export function expectedParagraphs(doc: ReportDoc, kind: KindSpec, options: { includeTitle: boolean }): ExpectedParagraph[] {
  const body = kind.typography.bodyFont
  const strong = kind.headingLevels[0]!.font
  const out: ExpectedParagraph[] = []
  if (options.includeTitle && doc.title) out.push({ role: 'title', text: doc.title.text, parts: [[doc.title.text, strong]], indented: false })
  for (const p of doc.preamble) out.push({ role: 'body', text: p.text, parts: [[p.text, body]], indented: true })
  if (doc.abstract) {
    const [first, ...rest] = doc.abstract.paragraphs
    const label = doc.abstract.label.text
    out.push({ role: 'abstract', text: label + (first?.text ?? ''), parts: merge([[label, strong], [first?.text ?? '', body]]), indented: true })
    for (const p of rest) out.push({ role: 'body', text: p.text, parts: [[p.text, body]], indented: true })
  }
  const walk = (section: Section) => {
    const line = section.headingLine.text
    const lead = section.lead?.text ?? ''
    const heading = lead && line.endsWith(lead) ? line.slice(0, line.length - lead.length) : line
    const font = kind.headingLevels[section.level - 1]!.font
    out.push({
      role: `heading-${section.level}` as ExpectedParagraph['role'],
      text: line,
      parts: merge([[heading, font], [line === heading ? '' : lead, body]]),
      indented: true,
    })
    for (const p of section.paragraphs) out.push({ role: 'body', text: p.text, parts: [[p.text, body]], indented: true })
    section.children.forEach(walk)
  }
  doc.sections.forEach(walk)
  return out
}

/** Asserts font, size, line spacing, paragraph spacing and indent of every paragraph, with the role in the message. */
export function expectTypography(paragraphs: readonly DocxParagraph[], expected: readonly ExpectedParagraph[], kind: KindSpec): void {
  const t = kind.typography
  expect(paragraphs.map((p) => p.text)).toEqual(expected.map((e) => e.text))
  paragraphs.forEach((p, i) => {
    const e = expected[i]!
    const where = `paragraph ${i + 1} (${e.role}): ${e.text.slice(0, 16)}`
    expect(p.runs.map((r) => [r.text, r.eastAsiaFont]), where).toEqual(e.parts)
    for (const run of p.runs) {
      expect([run.sizePt, run.asciiFont, run.hAnsiFont], `${where} — run “${run.text.slice(0, 8)}”`).toEqual([t.sizePt, t.latinFont, t.latinFont])
    }
    expect(p.lineSpacing, where).toEqual({ rule: t.lineRule, value: t.lineSpacingPt })
    expect([p.spaceBeforePt, p.spaceAfterPt], where).toEqual([t.spaceBeforePt, t.spaceAfterPt])
    expect(p.firstLineIndentChars, where).toBe(e.indented ? t.firstLineIndentChars : 0)
  })
}
