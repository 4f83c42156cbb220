import { z } from 'zod'
import { sectionHeadingLine, type SectionSpec } from '../../kinds/kind-spec.js'
import type { ReportDoc, Section, TextSpan } from '../../model/report-doc.js'
import { walkSections } from '../../model/sections.js'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { matchSections, type SectionMatch } from '../section-match.js'
import { blockRange, textBlocks } from '../text-blocks.js'

/**
 * The frame of the kind's template: 000/001 报告框架参考 【摘要】 then 一、背景介绍 二、创新举措 三、实践成效; 003 附件2
 * 一、…四、 and 附件3 (loose headings). Required parts are matched to the draft's level-1 sections by heading
 * (src/check/section-match.ts), so a missing part is reported once and the parts after it are still recognised.
 */

// The parser takes 【摘要】 only before the first section; one written later is a body paragraph starting so.
const ABSTRACT_LABEL = /^(?:【\s*摘\s*要\s*】|摘\s*要\s*[:：])/

const messages = {
  missingAbstract: (label: string) => `缺少${label}。模板要求在标题之后、正文一级标题之前用${label}概述全篇核心内容。`,
  emptyAbstract: (label: string) => `${label}没有内容。`,
  lateAbstract: (label: string, first: string) => `${label}应放在标题之后、“${first}”之前，不能出现在正文章节中。`,
  abstractSuggestion: '用3—5句话概述问题、主要举措和量化成效，言简意赅、重点突出。',
  noSections: (frame: string) => `未识别到一级标题。报告应依次包含：${frame}。`,
  implicitSections:
    '未识别到章节标题，检查内容的规则（quant-evidence 量化成效、logic-chain 逻辑链条）无法定位背景、做法和成效，未作检查。',
  implicitSectionsSuggestion: (frame: string) => `按模板加上一级标题：${frame}，以便逐部分审校。`,
  missing: (line: string) => `缺少“${line}”部分。`,
  missingSuggestion: (line: string, after: string | undefined) =>
    after ? `在“${after}”之后补充“${line}”。` : `在正文开头补充“${line}”。`,
  wrongHeading: (written: string, wanted: string) => `一级标题“${written}”与模板不符，应为“${wanted}”。`,
  wrongHeadingSuggestion: (frame: string) => `一级标题按模板依次为：${frame}。`,
  extra: (line: string) => `“${line}”不是模板规定的一级标题。`,
  extraBetween: (line: string, before: string, after: string) =>
    `“${line}”不是模板规定的一级标题，位于“${before}”与“${after}”之间。`,
  numberedAbstract: (line: string) => `“${line}”不应作为编号的一级标题。`,
  extraSuggestion: (frame: string) => `将其内容并入相邻部分或删去。模板结构为：${frame}。`,
  numberedAbstractSuggestion: (label: string) => `删去该标题，改为在标题之后以${label}开头写摘要。`,
  outOfOrder: (line: string, frame: string) => `“${line}”的位置与模板顺序不符（${frame}）。`,
  outOfOrderSuggestion: '按模板顺序调整各部分。',
  emptySection: (line: string) => `“${line}”下没有内容。`,
  emptySectionSuggestion: (guidance: string) => `补充本部分内容：${guidance}`,
  emptySubsection: (line: string) => `小标题“${line}”下没有内容。`,
  emptySubsectionSuggestion: '在小标题下补充具体内容，或删去该小标题。',
}

const GUIDANCE_CHARS = 60

export const structureRule = defineRule({
  meta: {
    id: 'structure',
    description: '报告结构：【摘要】、一级标题是否齐全、顺序和名称是否符合模板、章节是否为空',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc, kind }) {
    const findings: RuleFinding[] = []
    const frame = kind.sections.map(sectionHeadingLine).join(' ')
    const abstractLabel = kind.abstract.label ?? '【摘要】'
    const match = matchSections(doc, kind)

    // 【摘要】 (000/001 报告框架参考: 【摘要】概述全篇…, before 一、).
    const late = textBlocks(doc).filter((block) => (block.role === 'paragraph' || block.role === 'lead') && ABSTRACT_LABEL.test(block.text))
    for (const block of late) {
      const label = ABSTRACT_LABEL.exec(block.text)![0]
      findings.push({
        message: messages.lateAbstract(abstractLabel, headingLineText(match.sections[0])),
        ...blockRange(doc, block, 0, label.length),
        suggestion: messages.abstractSuggestion,
      })
    }
    if (kind.abstract.required && !doc.abstract && !late.length) {
      findings.push({ message: messages.missingAbstract(abstractLabel), ...bodyStart(doc), suggestion: messages.abstractSuggestion })
    }
    if (doc.abstract && !doc.abstract.paragraphs.length) {
      findings.push({ message: messages.emptyAbstract(abstractLabel), ...range(doc.abstract.label), suggestion: messages.abstractSuggestion })
    }

    if (!match.sections.length) {
      // 003 附件3: a case may be prose (背景, 一是…二是…, 成效) without any heading. That is no mistake, but the rules
      // that read the parts (quant-evidence, logic-chain) find none and say nothing, so one note says why.
      if (!kind.sectionMatching.implicitAllowed) findings.push({ message: messages.noSections(frame), ...bodyStart(doc) })
      else findings.push({ message: messages.implicitSections, start: 0, end: 0, severity: 'info', suggestion: messages.implicitSectionsSuggestion(frame) })
      return findings
    }

    findings.push(...partFindings(doc, match, frame, kind.sectionMatching.mode === 'loose', abstractLabel))
    findings.push(...emptyFindings(match))
    return findings
  },
})

function partFindings(doc: ReportDoc, match: SectionMatch, frame: string, loose: boolean, abstractLabel: string): RuleFinding[] {
  const findings: RuleFinding[] = []
  for (const { spec, specIndex } of match.missing) {
    if (!spec.required) continue
    const before = [...match.pairs].reverse().find((pair) => pair.specIndex < specIndex)
    const after = match.pairs.find((pair) => pair.specIndex > specIndex)
    const anchor = after?.section ?? before?.section ?? match.sections[match.sections.length - 1]!
    findings.push({
      message: messages.missing(sectionHeadingLine(spec)),
      ...headingLineRange(anchor),
      suggestion: messages.missingSuggestion(sectionHeadingLine(spec), before ? headingLineText(before.section) : undefined),
    })
  }

  for (const pair of match.pairs) {
    if (pair.how === 'exact' || (loose && pair.how === 'alias')) continue
    // Exact kinds (000/001) prescribe the heading text; loose kinds (003 附件3) only suggest one.
    findings.push({
      message: messages.wrongHeading(pair.section.heading.text, pair.spec.heading),
      ...range(pair.section.heading.text ? pair.section.heading : pair.section.marker),
      severity: loose ? 'warning' : 'error',
      suggestion: messages.wrongHeadingSuggestion(frame),
      fix: pair.section.heading.text
        ? { ...range(pair.section.heading), text: pair.spec.heading }
        : { start: pair.section.marker.end, end: pair.section.marker.end, text: pair.spec.heading },
    })
  }

  for (const pair of match.outOfOrder) {
    findings.push({ message: messages.outOfOrder(headingLineText(pair.section), frame), ...headingLineRange(pair.section), suggestion: messages.outOfOrderSuggestion })
  }

  for (const { section, sectionIndex } of match.extra) {
    const line = headingLineText(section)
    const before = match.pairs.filter((pair) => pair.sectionIndex < sectionIndex).pop()
    const after = match.pairs.find((pair) => pair.sectionIndex > sectionIndex)
    const isAbstract = /摘\s*要/.test(section.heading.text)
    findings.push({
      message: isAbstract
        ? messages.numberedAbstract(line)
        : before && after
          ? messages.extraBetween(line, headingLineText(before.section), headingLineText(after.section))
          : messages.extra(line),
      ...headingLineRange(section),
      severity: 'warning',
      suggestion: isAbstract ? messages.numberedAbstractSuggestion(abstractLabel) : messages.extraSuggestion(frame),
    })
  }
  return findings
}

function emptyFindings(match: SectionMatch): RuleFinding[] {
  const findings: RuleFinding[] = []
  const required = new Map(match.pairs.filter((pair) => pair.spec.required).map((pair) => [pair.section, pair.spec]))
  for (const section of match.sections) {
    const spec = required.get(section)
    if (spec && !hasText(section)) {
      findings.push({
        message: messages.emptySection(headingLineText(section)),
        ...headingLineRange(section),
        suggestion: messages.emptySectionSuggestion(shorten(spec)),
      })
    }
  }
  for (const section of walkSections(match.sections)) {
    if (section.level !== 2 || section.lead || section.paragraphs.length || section.children.length) continue
    findings.push({
      message: messages.emptySubsection(headingLineText(section)),
      ...headingLineRange(section),
      severity: 'warning',
      suggestion: messages.emptySubsectionSuggestion,
    })
  }
  return findings
}

function hasText(section: Section): boolean {
  return Boolean(section.lead?.text || section.paragraphs.some((p) => p.text) || section.children.length)
}

function shorten(spec: SectionSpec): string {
  return spec.guidance.length > GUIDANCE_CHARS ? `${spec.guidance.slice(0, GUIDANCE_CHARS)}……` : spec.guidance
}

const range = (span: { start: number; end: number }) => ({ start: span.start, end: span.end })

/** Marker and heading, without the inline lead: what a reader sees as the heading. */
function headingLineRange(section: Section): { start: number; end: number } {
  return { start: section.marker.start, end: section.heading.text ? section.heading.end : section.marker.end }
}

function headingLineText(section: Section | undefined): string {
  return section ? `${section.marker.text}${section.heading.text}` : ''
}

/** The first line after the title: where a missing 【摘要】 or heading belongs. */
function bodyStart(doc: ReportDoc): { start: number; end: number } {
  const first: TextSpan | undefined = doc.preamble[0] ?? doc.abstract?.label ?? doc.sections[0]?.headingLine
  if (first) return range(first)
  return doc.title ? range(doc.title) : { start: 0, end: 0 }
}
