import { z } from 'zod'
import type { KindSpec } from '../../kinds/kind-spec.js'
import type { DocxParagraph, DocxRun, LineSpacing } from '../../model/docx-typography.js'
import type { ReportDoc } from '../../model/report-doc.js'
import { walkSections } from '../../model/sections.js'
import type { RuleFinding, Severity } from '../finding.js'
import { lineColumnAt } from '../locate.js'
import { defineRule } from '../rule.js'

/**
 * The typography of a Word draft against the kind's (000/001 填写要求 5): 全文行间距22磅（固定值）、无段间距、小四；
 * headings 一、黑体 （一）楷体_GB2312 1. 仿宋_GB2312 （1）仿宋_GB2312; body 仿宋_GB2312.
 *
 * One finding per paragraph and property (size, line spacing, paragraph spacing, body font, heading font), never
 * one per run. When every checked paragraph has the same wrong value — a draft typed with the wrong defaults —
 * one summary finding replaces them. The title's font and the 【摘要】 label's font are not checked: the
 * template prescribes neither. Empty paragraphs are skipped (they have no text to format), and so are table cells
 * (tables are usually set smaller and single-spaced; 填写要求 5 is about the prose). The Latin font and the
 * first-line indent are not checked: the kind marks them as derived, not template rules.
 */

type HeadingLevel = 1 | 2 | 3 | 4
type Property = 'size' | 'line-spacing' | 'spacing' | 'font-body' | `font-heading-${HeadingLevel}`

interface Issue {
  property: Property
  /** The wrong value as described to the user: equal keys across paragraphs allow a summary. */
  found: string
  paragraph: number
  start: number
  end: number
  partial: boolean
  severity: Severity
}

/** A part of a paragraph whose Chinese text must be in one font (line-relative offsets). */
interface FontSegment {
  from: number
  to: number
  property: Property
  level?: HeadingLevel
}

const LEVEL_NAMES = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' } as const

const messages = {
  size: (n: number, partial: boolean, found: string, required: string) => `第${n}段${partial ? '部分文字' : ''}字号为${found}，模板要求${required}`,
  sizeAll: (found: string, required: string) => `全文字号均为${found}，模板要求${required}`,
  lineSpacing: (n: number, found: string, required: string) => `第${n}段行距为${found}，模板要求${required}`,
  lineSpacingAll: (found: string, required: string) => `全文行距均为${found}，模板要求${required}`,
  spacing: (n: number, found: string, required: string) => `第${n}段${found}，模板要求${required}`,
  spacingAll: (found: string, required: string) => `全文各段${found}，模板要求${required}`,
  bodyFont: (n: number, partial: boolean, found: string, required: string) => `第${n}段${partial ? '部分' : ''}正文字体为${found}，模板要求${required}`,
  bodyFontAll: (found: string, required: string) => `全文正文字体均为${found}，模板要求${required}`,
  headingFont: (n: number, level: HeadingLevel, found: string, required: string) => `第${n}段${LEVEL_NAMES[level]}标题字体为${found}，模板要求${required}`,
  headingFontAll: (level: HeadingLevel, count: number, found: string, required: string) =>
    `全部${LEVEL_NAMES[level]}标题（${count}处）字体均为${found}，模板要求${required}`,
  nearMiss: (found: string, required: string) => `（${found}与${required}字形相近，但不是同一字体）`,
  noSpacing: '无段间距（段前、段后均为0）',
  spacingValues: (before: string, after: string) => `段前${before}、段后${after}`,
  suggestSize: (required: string) => `选中文字，将字号设为${required}。`,
  suggestExactLineSpacing: (pt: number) => `段落设置 → 行距选“固定值”，设置值${pt}磅。`,
  suggestLineSpacing: (required: string) => `段落设置 → 行距设为${required}。`,
  suggestSpacing: (before: number, after: number) => `段落设置 → 段前设为${before}、段后设为${after}。`,
  suggestFont: (required: string) => `将中文字体设为${required}。`,
  suggestAll: '可按 Ctrl+A 全选后统一设置，或修改“正文”样式。',
  suggestAllHeadings: '可修改该级标题使用的样式，或用格式刷统一各处标题。',
}

// Word names fonts in Chinese or English; both spellings are the same font.
const FONT_ALIASES: Readonly<Record<string, string>> = {
  simhei: '黑体',
  simsun: '宋体',
  nsimsun: '新宋体',
  fangsong: '仿宋',
  fangsong_gb2312: '仿宋_GB2312',
  kaiti: '楷体',
  kaiti_gb2312: '楷体_GB2312',
  'microsoft yahei': '微软雅黑',
  dengxian: '等线',
  stfangsong: '华文仿宋',
  stkaiti: '华文楷体',
}
// Fonts that look the same but are not the font the template names: a warning, not an error.
const NEAR_MISSES: Readonly<Record<string, readonly string[]>> = { '仿宋_GB2312': ['仿宋'], '楷体_GB2312': ['楷体'] }
const SIZE_NAMES: readonly [number, string][] = [
  [42, '初号'], [36, '小初'], [26, '一号'], [24, '小一'], [22, '二号'], [18, '小二'], [16, '三号'], [15, '小三'],
  [14, '四号'], [12, '小四'], [10.5, '五号'], [9, '小五'], [7.5, '六号'], [6.5, '小六'], [5.5, '七号'], [5, '八号'],
]
// Characters shown in the East Asian font: CJK ideographs and full-width punctuation (the ideographic space excluded).
const EAST_ASIAN = /[\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffee]/

export const formatRule = defineRule({
  meta: {
    id: 'format',
    description: 'Word 文档排版：字体、字号（小四）、行距（固定值22磅）、段间距（无）是否符合模板',
    defaultSeverity: 'error',
    kinds: 'all',
    needsDocx: true,
    options: z.object({}).strict(),
  },
  check({ doc, kind, docxParagraphs }) {
    if (!docxParagraphs) return []
    if (docxParagraphs.length !== doc.lines.length || docxParagraphs.some((p, i) => p.text !== doc.lines[i]!.raw)) {
      throw new Error('format rule: docxParagraphs do not belong to this document (paragraph i must be line i)')
    }
    const segments = fontSegments(doc)
    const issues: Issue[] = []
    const checked = new Map<Property, number>()
    const count = (property: Property) => checked.set(property, (checked.get(property) ?? 0) + 1)

    for (const paragraph of docxParagraphs) {
      if (paragraph.text.trim() === '' || paragraph.inTable) continue
      const lineStart = doc.lines[paragraph.index]!.start
      const whole = { paragraph: paragraph.index, start: lineStart, end: lineStart + paragraph.text.length, partial: false, severity: 'error' as const }
      for (const property of ['size', 'line-spacing', 'spacing'] as const) count(property)

      const wrongSize = paragraph.runs.filter((run) => run.text.trim() !== '' && !samePt(run.sizePt, kind.typography.sizePt))
      if (wrongSize.length) {
        const sized = paragraph.runs.filter((run) => run.text.trim() !== '')
        issues.push({ ...whole, ...runRange(lineStart, wrongSize), property: 'size', found: distinct(wrongSize.map((r) => describeSize(r.sizePt))), partial: wrongSize.length < sized.length })
      }
      const required = requiredLineSpacing(kind)
      if (paragraph.lineSpacing.rule !== required.rule || Math.abs(paragraph.lineSpacing.value - required.value) > 0.05) {
        issues.push({ ...whole, property: 'line-spacing', found: describeLineSpacing(paragraph.lineSpacing) })
      }
      if (!samePt(paragraph.spaceBeforePt, kind.typography.spaceBeforePt) || !samePt(paragraph.spaceAfterPt, kind.typography.spaceAfterPt)) {
        issues.push({ ...whole, property: 'spacing', found: describeSpacing(paragraph) })
      }

      for (const segment of segments.get(paragraph.index) ?? []) {
        const requiredFont = segment.level ? kind.headingLevels[segment.level - 1]!.font : kind.typography.bodyFont
        const clipped = clipRuns(paragraph.runs, segment).filter((run) => EAST_ASIAN.test(run.text))
        if (!clipped.length) continue
        count(segment.property)
        const wrong = clipped.filter((run) => fontName(run.eastAsiaFont) !== fontName(requiredFont))
        if (!wrong.length) continue
        const nearMiss = wrong.every((run) => NEAR_MISSES[fontName(requiredFont)]?.includes(fontName(run.eastAsiaFont)))
        issues.push({
          ...whole,
          ...runRange(lineStart, wrong),
          property: segment.property,
          found: distinct(wrong.map((run) => run.eastAsiaFont)),
          partial: wrong.length < clipped.length,
          severity: nearMiss ? 'warning' : 'error',
        })
      }
    }
    return report(issues, checked, kind)
  },
})

/** Which parts of which paragraph must be in which font: heading parts per level, body text, nothing for the title. */
function fontSegments(doc: ReportDoc): Map<number, FontSegment[]> {
  const lineOf = (offset: number) => lineColumnAt(doc, offset).line - 1
  const segments = new Map<number, FontSegment[]>()
  doc.lines.forEach((line, i) => segments.set(i, [{ from: 0, to: line.raw.length, property: 'font-body' }]))
  if (doc.title) segments.set(lineOf(doc.title.start), [])
  if (doc.abstract) {
    const label = doc.abstract.label
    const line = doc.lines[lineOf(label.start)]!
    segments.set(lineOf(label.start), [{ from: label.end - line.start, to: line.raw.length, property: 'font-body' }])
  }
  for (const section of walkSections(doc.sections)) {
    const index = section.lines[0]
    const line = doc.lines[index]!
    const headingEnd = section.lead ? section.lead.start - line.start : line.raw.length
    const level = section.level as HeadingLevel
    segments.set(index, [
      { from: 0, to: headingEnd, property: `font-heading-${level}`, level },
      ...(section.lead ? [{ from: headingEnd, to: line.raw.length, property: 'font-body' as const }] : []),
    ])
  }
  return segments
}

/** How a property is told to the user: what is required, one paragraph's finding, the summary, the fix. */
interface PropertyText {
  required: string
  one(issue: Issue): string
  all(issue: Issue, total: number): string
  suggestion: string
  /** Added to the suggestion of a summary finding. */
  suggestionAll: string
}

function propertyText(property: Property, kind: KindSpec): PropertyText {
  const t = kind.typography
  const n = (issue: Issue) => issue.paragraph + 1
  if (property === 'size') {
    const required = describeSize(t.sizePt, t.sizeName)
    return {
      required,
      one: (issue) => messages.size(n(issue), issue.partial, issue.found, required),
      all: (issue) => messages.sizeAll(issue.found, required),
      suggestion: messages.suggestSize(required),
      suggestionAll: messages.suggestAll,
    }
  }
  if (property === 'line-spacing') {
    const spacing = requiredLineSpacing(kind)
    const required = describeLineSpacing(spacing)
    return {
      required,
      one: (issue) => messages.lineSpacing(n(issue), issue.found, required),
      all: (issue) => messages.lineSpacingAll(issue.found, required),
      suggestion: spacing.rule === 'exact' ? messages.suggestExactLineSpacing(spacing.value) : messages.suggestLineSpacing(required),
      suggestionAll: messages.suggestAll,
    }
  }
  if (property === 'spacing') {
    const required = t.spaceBeforePt === 0 && t.spaceAfterPt === 0 ? messages.noSpacing : messages.spacingValues(`${t.spaceBeforePt}磅`, `${t.spaceAfterPt}磅`)
    return {
      required,
      one: (issue) => messages.spacing(n(issue), issue.found, required),
      all: (issue) => messages.spacingAll(issue.found, required),
      suggestion: messages.suggestSpacing(t.spaceBeforePt, t.spaceAfterPt),
      suggestionAll: messages.suggestAll,
    }
  }
  const level = headingLevelOf(property)
  const required = level ? kind.headingLevels[level - 1]!.font : t.bodyFont
  const nearMiss = (issue: Issue) => (issue.severity === 'warning' ? messages.nearMiss(issue.found, required) : '')
  return {
    required,
    one: (issue) =>
      (level ? messages.headingFont(n(issue), level, issue.found, required) : messages.bodyFont(n(issue), issue.partial, issue.found, required)) +
      nearMiss(issue),
    all: (issue, total) =>
      (level ? messages.headingFontAll(level, total, issue.found, required) : messages.bodyFontAll(issue.found, required)) + nearMiss(issue),
    suggestion: messages.suggestFont(required),
    suggestionAll: level ? messages.suggestAllHeadings : messages.suggestAll,
  }
}

/** Per-paragraph findings, or one summary per property when every checked paragraph is wrong the same way. */
function report(issues: readonly Issue[], checked: ReadonlyMap<Property, number>, kind: KindSpec): RuleFinding[] {
  const findings: RuleFinding[] = []
  for (const property of new Set(issues.map((issue) => issue.property))) {
    const group = issues.filter((issue) => issue.property === property)
    const text = propertyText(property, kind)
    const total = checked.get(property) ?? 0
    const first = group[0]!
    const uniform = group.every((issue) => !issue.partial && issue.found === first.found && issue.severity === first.severity)
    if (group.length === total && total >= 2 && uniform) {
      findings.push({ message: text.all(first, total), start: first.start, end: first.end, severity: first.severity, suggestion: text.suggestion + text.suggestionAll })
      continue
    }
    for (const issue of group) {
      findings.push({ message: text.one(issue), start: issue.start, end: issue.end, severity: issue.severity, suggestion: text.suggestion })
    }
  }
  return findings
}

function headingLevelOf(property: Property): HeadingLevel | undefined {
  const match = /^font-heading-([1-4])$/.exec(property)
  return match ? (Number(match[1]) as HeadingLevel) : undefined
}

function requiredLineSpacing(kind: KindSpec): LineSpacing {
  return { rule: kind.typography.lineRule, value: kind.typography.lineSpacingPt }
}

/** The runs' parts inside the segment, with offsets kept paragraph-relative. */
function clipRuns(runs: readonly DocxRun[], segment: FontSegment): DocxRun[] {
  return runs
    .filter((run) => run.end > segment.from && run.start < segment.to)
    .map((run) => {
      const start = Math.max(run.start, segment.from)
      const end = Math.min(run.end, segment.to)
      return { ...run, start, end, text: run.text.slice(start - run.start, end - run.start) }
    })
}

function runRange(lineStart: number, runs: readonly DocxRun[]): { start: number; end: number } {
  return { start: lineStart + Math.min(...runs.map((r) => r.start)), end: lineStart + Math.max(...runs.map((r) => r.end)) }
}

function fontName(name: string): string {
  const trimmed = name.trim()
  return FONT_ALIASES[trimmed.toLowerCase()] ?? trimmed
}

function samePt(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.01
}

function distinct(values: readonly string[]): string {
  return [...new Set(values)].join('、')
}

export function describeSize(pt: number, name = SIZE_NAMES.find(([size]) => samePt(size, pt))?.[1]): string {
  return name ? `${name}（${pt}磅）` : `${pt}磅`
}

/** As Word's paragraph dialog says it: 单倍行距, 1.5倍行距, 多倍行距1.2倍, 固定值22磅, 最小值12磅. */
export function describeLineSpacing(spacing: LineSpacing): string {
  if (spacing.rule === 'exact') return `固定值${spacing.value}磅`
  if (spacing.rule === 'atLeast') return `最小值${spacing.value}磅`
  if (spacing.value === 1) return '单倍行距'
  if (spacing.value === 1.5 || spacing.value === 2) return `${spacing.value}倍行距`
  return `多倍行距${spacing.value}倍`
}

function describeSpacing(paragraph: DocxParagraph): string {
  const side = (pt: number, lines: number | undefined) => (lines !== undefined ? `${lines}行` : `${pt}磅`)
  const parts: string[] = []
  if (paragraph.spaceBeforePt) parts.push(`段前${side(paragraph.spaceBeforePt, paragraph.spaceBeforeLines)}`)
  if (paragraph.spaceAfterPt) parts.push(`段后${side(paragraph.spaceAfterPt, paragraph.spaceAfterLines)}`)
  return parts.length ? parts.join('、') : messages.spacingValues('0磅', '0磅')
}
