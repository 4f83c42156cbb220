import { z } from 'zod'
import { canonicalMarker, type HeadingLevel } from '../../model/heading-markers.js'
import type { DocxParagraph } from '../../model/docx-typography.js'
import type { ReportDoc, Section, TextSpan } from '../../model/report-doc.js'
import { countZishu } from '../../model/zishu.js'
import type { RuleFinding, TextFix } from '../finding.js'
import { lineColumnAt } from '../locate.js'
import { defineRule } from '../rule.js'
import { blockRange } from '../text-blocks.js'

/**
 * 000/001 填写要求5: 各级标题依次使用“一、”“（一）”“1.”“（1）”标注排序. Checked per heading: the marker's form
 * (half-width brackets, 1、, 一., （一）、 and the full-width dot are read by the parser but are not the template's
 * form), the sequence among siblings (starts at 1, no gaps, no repeats), the nesting (no level skipped) and, for
 * levels 1–2 standing alone on their line, no closing punctuation.
 *
 * Fixes: the form is always fixable. A broken sequence is renumbered by position at levels 2–4; at level 1 the
 * numbers belong to the kind's parts (一、背景介绍 …) and a gap usually means a missing part (the structure rule's
 * finding), so level-1 sequence findings carry no fix.
 *
 * A heading written without its marker is read as a paragraph; within a level-1 part, a short line standing alone
 * between body paragraphs (“织密一张监测网” above the paragraph that explains it) is one. It gets a warning with the
 * （N） it would take, and no fix: it may also be a sentence that lost its 。.
 */

// 公文 practice (GB/T 9704, followed by 000/001): a level-1 or level-2 heading on its own line has no closing
// punctuation; level-3/4 headings are usually run into their paragraph (“1. 绿电直供。光伏……”) and end with 。.
const STANDALONE_PUNCTUATION = /[。．.，,；;：:、]+$/u
const STANDALONE_LEVELS: ReadonlySet<HeadingLevel> = new Set([1, 2])
const TEMPLATE_ORDER = '一、（一）1.（1）'

// An unnumbered sub-heading is short (the template's level-2 headings are phrases: 建设绿色微电网), has no sentence
// mark inside or at its end (a closing quote or 》 may end it: 织密“一张智能网”; a closing bracket ends a table label
// such as 利润总额（亿元） rather than a heading), and has enough Chinese to be a phrase. Lines that open with 一是, 【,
// （, ——, 图1/表1 or 注 are items, labels, remarks, captions and notes.
const SUBHEADING_MAX_ZISHU = 20
const SUBHEADING_MIN_HAN = 4
const SENTENCE_MARK = /[。！？；!?;…]/u
const CLOSING_MARK = /[”’」』》]$/u
const ENDS_WITH_PUNCTUATION = /\p{P}$/u
const NOT_A_HEADING_START = /^(?:[一二三四五六七八九十]+是|[【（(—「]|[图表]\s*\d|注[:：\d]|附[件表图])/u
const HAN = /\p{Script=Han}/gu
// A body paragraph: longer than a heading, or ending as a sentence ends.
const SENTENCE_END = /[。！？；!?;…][”’」』）)]*$/u

const messages = {
  form: (written: string, wanted: string) => `标题序号“${written}”不规范，应写作“${wanted}”。`,
  formSuggestion: `各级标题依次使用“一、”“（一）”“1.”“（1）”（填写要求5），括号用全角，“1.”用半角圆点。`,
  first: (written: string, wanted: string) => `同级标题应从“${wanted}”开始，此处为“${written}”。`,
  gap: (previous: string, written: string, missing: string[]) =>
    `标题序号不连续：“${previous}”之后是“${written}”，缺少${missing.length > 3 ? `“${missing[0]}”至“${missing.at(-1)}”共 ${missing.length} 个序号` : missing.map((m) => `“${m}”`).join('')}。`,
  repeat: (written: string) => `标题序号“${written}”重复。`,
  backwards: (previous: string, written: string) => `标题序号倒退：“${previous}”之后是“${written}”。`,
  renumber: (written: string, wanted: string) => `标题序号“${written}”应为“${wanted}”（前面的同级序号有缺漏或重复）。`,
  sequenceSuggestion: '同级标题按顺序连续编号。',
  levelOneSuggestion: '一级标题按模板依次编号；缺少的部分请补充，多出的部分请合并或删去。',
  skipped: (child: string, parent: string, missing: string) =>
    `“${child}”直接位于“${parent}”之下，跳过了“${missing}”一级；标题层级应依次为${TEMPLATE_ORDER}。`,
  orphan: (child: string) => `“${child}”前面没有一级标题“一、”；标题层级应依次为${TEMPLATE_ORDER}。`,
  skippedSuggestion: (missing: string) => `补充“${missing}”级标题，或将该标题改为上一级的序号。`,
  punctuation: (mark: string) => `单独成行的标题末尾不加“${mark}”。`,
  punctuationSuggestion: '删去标题末尾的标点。',
  unnumbered: (line: string) => `“${line}”单独成行、没有序号，可能是漏标序号的小标题。`,
  unnumberedSuggestion: (marker: string, line: string) => `如是小标题，加上序号写作“${marker}${line}”；如是正文，补全句末标点。`,
}

export const headingNumberingRule = defineRule({
  meta: {
    id: 'heading-numbering',
    description: '标题序号：格式（一、（一）1.（1））、连续性、层级是否跳级、标题末尾标点、疑似漏标序号的小标题',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc, docxParagraphs }) {
    const findings: RuleFinding[] = []
    checkSiblings(doc, undefined, doc.sections, findings, levelsUsed(doc.sections))
    const inTable = tableTest(doc, docxParagraphs)
    for (const section of doc.sections) if (section.level === 1) findings.push(...unnumberedFindings(section, inTable))
    return findings.sort((a, b) => a.start - b.start)
  },
})

/** The heading levels a draft uses anywhere: a level it never uses is not part of its numbering scheme. */
function levelsUsed(sections: readonly Section[]): ReadonlySet<HeadingLevel> {
  return new Set(sections.flatMap((section) => [section.level, ...levelsUsed(section.children)]))
}

/**
 * The number the run of same-level headings is expected to start with: 1, unless the text before the run holds its
 * earlier items — a paragraph starting with the number before (“1.2025年6月……”, which reads as a decimal, then 2.
 * and 3.) — or the text is an excerpt that starts inside a numbered part (no 一、 anywhere, body text before 3.).
 */
function expectedFirst(doc: ReportDoc, parent: Section | undefined, run: readonly Section[], levels: ReadonlySet<HeadingLevel>): number {
  const first = run[0]?.marker.ordinal ?? 1
  if (first <= 1) return 1
  const before = parent ? parent.paragraphs : doc.preamble
  const earlier = new RegExp(`^${first - 1}[.．、]`, 'u')
  if (before.some((paragraph) => earlier.test(paragraph.text))) return first
  return !parent && !levels.has(1) && doc.source.slice(0, run[0]!.start).trim() !== '' ? first : 1
}

function checkSiblings(doc: ReportDoc, parent: Section | undefined, siblings: readonly Section[], findings: RuleFinding[], levels: ReadonlySet<HeadingLevel>): void {
  const renumbered = new Map<Section, number>()
  for (const level of [1, 2, 3, 4] as const) {
    const run = siblings.filter((section) => section.level === level)
    findings.push(...sequenceFindings(run, renumbered, expectedFirst(doc, parent, run, levels)))
  }

  // A level the draft never uses is not skipped at one place: the draft numbers 一、 then 1. throughout (a list of
  // projects under 一、, a 汇报 with its own scheme), and a text with no 一、 at all is an excerpt or another genre.
  const skipped = siblings.find((section) => section.level > (parent ? parent.level + 1 : 1) && levels.has((parent ? parent.level + 1 : 1) as HeadingLevel))
  if (skipped) {
    const missing = canonicalMarker((parent ? parent.level + 1 : 1) as HeadingLevel, 1)
    findings.push({
      message: parent ? messages.skipped(skipped.marker.text, headingText(parent), missing) : messages.orphan(skipped.marker.text),
      ...markerRange(skipped),
      severity: 'warning',
      suggestion: messages.skippedSuggestion(missing),
    })
  }

  for (const section of siblings) {
    const wanted = canonicalMarker(section.level, renumbered.get(section) ?? section.marker.ordinal)
    if (!section.marker.canonical) {
      findings.push({
        message: messages.form(section.marker.text, canonicalMarker(section.level, section.marker.ordinal)),
        ...markerRange(section),
        suggestion: messages.formSuggestion,
        fix: markerFix(section, wanted),
      })
    }
    const mark = standalonePunctuation(doc, section)
    if (mark) {
      findings.push({
        message: messages.punctuation(mark.text),
        start: mark.start,
        end: mark.end,
        severity: 'warning',
        suggestion: messages.punctuationSuggestion,
        fix: { start: mark.start, end: mark.end, text: '' },
      })
    }
    checkSiblings(doc, section, section.children, findings, levels)
  }
}

/**
 * Findings for one run of same-level siblings. Levels 2–4 are renumbered by position: every heading whose
 * number is not its position gets a finding and a fix, so one pass of fixes leaves a clean sequence.
 * Level 1 is judged against the previous heading only and not fixed (see the module comment).
 */
function sequenceFindings(run: readonly Section[], renumbered: Map<Section, number>, firstNumber: number): RuleFinding[] {
  const findings: RuleFinding[] = []
  run.forEach((section, i) => {
    const { level, ordinal, text } = section.marker
    const previous = run[i - 1]?.marker
    const position = i + firstNumber
    let message: string | undefined
    if (!previous) {
      if (ordinal !== firstNumber) message = messages.first(text, canonicalMarker(level, 1))
    } else if (ordinal === previous.ordinal) {
      message = messages.repeat(text)
    } else if (ordinal < previous.ordinal) {
      message = messages.backwards(previous.text, text)
    } else if (ordinal > previous.ordinal + 1) {
      const missing = Array.from({ length: ordinal - previous.ordinal - 1 }, (_, k) => canonicalMarker(level, previous.ordinal + 1 + k))
      message = messages.gap(previous.text, text, missing)
    } else if (level > 1 && ordinal !== position) {
      message = messages.renumber(text, canonicalMarker(level, position))
    }
    if (!message) return
    if (level === 1) {
      findings.push({ message, ...markerRange(section), suggestion: messages.levelOneSuggestion })
      return
    }
    if (ordinal === position) {
      findings.push({ message, ...markerRange(section), suggestion: messages.sequenceSuggestion })
      return
    }
    renumbered.set(section, position)
    // A non-canonical marker gets one fix, carried by its form finding (two fixes of one range cannot both apply).
    findings.push({
      message,
      ...markerRange(section),
      suggestion: messages.sequenceSuggestion,
      ...(section.marker.canonical ? { fix: markerFix(section, canonicalMarker(level, position)) } : {}),
    })
  })
  return findings
}

function markerRange(section: Section): { start: number; end: number } {
  return { start: section.marker.start, end: section.marker.end }
}

function markerFix(section: Section, text: string): TextFix {
  return { start: section.marker.start, end: section.marker.end, text }
}

function headingText(section: Section): string {
  return `${section.marker.text}${section.heading.text}`
}

/** The closing punctuation of a level-1/2 heading that stands alone on its line (no inline lead). */
function standalonePunctuation(doc: ReportDoc, section: Section): { text: string; start: number; end: number } | undefined {
  if (!STANDALONE_LEVELS.has(section.level) || section.lead || !section.heading.text) return undefined
  const line = section.headingLine
  const match = STANDALONE_PUNCTUATION.exec(line.text)
  if (!match) return undefined
  return { text: match[0], ...blockRange(doc, line, match.index, line.text.length) }
}

/**
 * Short lines standing alone between body paragraphs of a level-1 part: unnumbered sub-headings. When there is one,
 * a heading-like first paragraph right under the part's heading is the first of them (the usual layout: 二、主要做法,
 * then 织密一张监测网, its paragraph, the next sub-heading …), and the markers are suggested in that order.
 */
function unnumberedFindings(section: Section, inTable: (span: TextSpan) => boolean): RuleFinding[] {
  if (section.lead) return []
  const paragraphs = section.paragraphs
  // A table cell is neither: a row of a .docx table (label cell, explanation cell) is no heading over its body.
  const headingLike = (span: TextSpan) => isHeadingLike(span.text) && !inTable(span)
  const body = (span: TextSpan | undefined) => span !== undefined && isBody(span.text) && !inTable(span)
  const between = paragraphs.flatMap((paragraph, i) => (i > 0 && headingLike(paragraph) && body(paragraphs[i - 1]) && body(paragraphs[i + 1]) ? [paragraph] : []))
  if (!between.length) return []
  const first = paragraphs[0]!
  const lines = headingLike(first) && body(paragraphs[1]) ? [first, ...between] : between
  return lines.map((line: TextSpan, i) => ({
    message: messages.unnumbered(line.text),
    start: line.start,
    end: line.end,
    severity: 'warning' as const,
    suggestion: messages.unnumberedSuggestion(canonicalMarker(2, i + 1), line.text),
  }))
}

function isHeadingLike(text: string): boolean {
  if (countZishu(text) > SUBHEADING_MAX_ZISHU || SENTENCE_MARK.test(text) || NOT_A_HEADING_START.test(text)) return false
  if (ENDS_WITH_PUNCTUATION.test(text) && !CLOSING_MARK.test(text)) return false
  return (text.match(HAN)?.length ?? 0) >= SUBHEADING_MIN_HAN
}

function isBody(text: string): boolean {
  return countZishu(text) > SUBHEADING_MAX_ZISHU || SENTENCE_END.test(text)
}

/** Whether a paragraph of the draft is a table cell of its .docx (paragraph i of the .docx is line i). */
function tableTest(doc: ReportDoc, docxParagraphs: readonly DocxParagraph[] | undefined): (span: TextSpan) => boolean {
  const lines = new Set(docxParagraphs?.filter((paragraph) => paragraph.inTable).map((paragraph) => paragraph.index))
  if (!lines.size) return () => false
  return (span) => lines.has(lineColumnAt(doc, span.start).line - 1)
}
