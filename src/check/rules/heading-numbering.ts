import { z } from 'zod'
import { canonicalMarker, type HeadingLevel } from '../../model/heading-markers.js'
import type { ReportDoc, Section } from '../../model/report-doc.js'
import type { RuleFinding, TextFix } from '../finding.js'
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
 */

// 公文 practice (GB/T 9704, followed by 000/001): a level-1 or level-2 heading on its own line has no closing
// punctuation; level-3/4 headings are usually run into their paragraph (“1. 绿电直供。光伏……”) and end with 。.
const STANDALONE_PUNCTUATION = /[。．.，,；;：:、]+$/u
const STANDALONE_LEVELS: ReadonlySet<HeadingLevel> = new Set([1, 2])
const TEMPLATE_ORDER = '一、（一）1.（1）'

const messages = {
  form: (written: string, wanted: string) => `标题序号“${written}”不规范，应写作“${wanted}”。`,
  formSuggestion: `各级标题依次使用“一、”“（一）”“1.”“（1）”（填写要求5），括号用全角，“1.”用半角圆点。`,
  first: (written: string, wanted: string) => `同级标题应从“${wanted}”开始，此处为“${written}”。`,
  gap: (previous: string, written: string, missing: string[]) =>
    `标题序号不连续：“${previous}”之后是“${written}”，缺少${missing.map((m) => `“${m}”`).join('')}。`,
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
}

export const headingNumberingRule = defineRule({
  meta: {
    id: 'heading-numbering',
    description: '标题序号：格式（一、（一）1.（1））、连续性、层级是否跳级、标题末尾标点',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    const findings: RuleFinding[] = []
    checkSiblings(doc, undefined, doc.sections, findings)
    return findings.sort((a, b) => a.start - b.start)
  },
})

function checkSiblings(doc: ReportDoc, parent: Section | undefined, siblings: readonly Section[], findings: RuleFinding[]): void {
  const renumbered = new Map<Section, number>()
  for (const level of [1, 2, 3, 4] as const) {
    const run = siblings.filter((section) => section.level === level)
    findings.push(...sequenceFindings(run, renumbered))
  }

  const skipped = siblings.find((section) => section.level > (parent ? parent.level + 1 : 1))
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
    checkSiblings(doc, section, section.children, findings)
  }
}

/**
 * Findings for one run of same-level siblings. Levels 2–4 are renumbered by position: every heading whose
 * number is not its position gets a finding and a fix, so one pass of fixes leaves a clean sequence.
 * Level 1 is judged against the previous heading only and not fixed (see the module comment).
 */
function sequenceFindings(run: readonly Section[], renumbered: Map<Section, number>): RuleFinding[] {
  const findings: RuleFinding[] = []
  run.forEach((section, i) => {
    const { level, ordinal, text } = section.marker
    const previous = run[i - 1]?.marker
    const position = i + 1
    let message: string | undefined
    if (!previous) {
      if (ordinal !== 1) message = messages.first(text, canonicalMarker(level, 1))
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
