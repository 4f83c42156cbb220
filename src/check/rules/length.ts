import { z } from 'zod'
import { sectionHeadingLine, type LengthGuidance, type SectionSpec } from '../../kinds/kind-spec.js'
import type { ReportDoc, Section } from '../../model/report-doc.js'
// The counts are report-stats.ts's, so a finding states the 字数 the page's table shows (`judged`).
import { reportZishu, sectionBodyZishu, sectionFullZishu } from '../../model/report-stats.js'
import { countZishu } from '../../model/zishu.js'
import { enumerationsOf, ITEM_MARKER_LENGTH } from '../enumerations.js'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { matchSections } from '../section-match.js'
import { blockRange } from '../text-blocks.js'

/**
 * 字数: 000/001 填写要求1 “原则上控制在3000字以内” (limits.hard: an error), the derived totals of the 003 kinds (a
 * warning), and the per-part guidance of 003 附件2 (“300字左右”, “总结3-5个方面，每个方面200字左右”).
 * 字数 is counted as Word does (src/model/zishu.ts) over everything but the title (reportZishu().total).
 */

const messages = {
  total: (total: number, limit: number) => `全文共${total}字，超出${limit}字上限${total - limit}字，请压缩。`,
  totalSuggestion: '删减背景中的泛泛介绍和重复表述，保留问题、举措和量化成效。',
  belowMin: (line: string, zishu: number, min: number) => `“${line}”共${zishu}字，少于建议的${min}字。`,
  aboveMax: (line: string, zishu: number, max: number) => `“${line}”共${zishu}字，超过建议的${max}字。`,
  offTarget: (line: string, zishu: number, target: number) =>
    `“${line}”共${zishu}字，与模板建议的${target}字左右相差${Math.round((Math.abs(zishu - target) / target) * 100)}%。`,
  lengthen: '补充具体做法、数据或典型案例。',
  shorten: '压缩泛泛表述，突出关键词、数字和典型案例。',
  itemCount: (line: string, count: number, min: number, max: number) =>
    count === 0
      ? `“${line}”未分条目，模板要求总结${min}—${max}个方面。`
      : `“${line}”共${count}个方面，模板要求总结${min}—${max}个方面。`,
  itemCountSuggestion: (min: number, max: number) => `按“领句+具体内容”的形式分${min}—${max}条撰写。`,
  item: (line: string, zishu: number, target: number) => `“${line}”共${zishu}字，模板要求每个方面${target}字左右。`,
  // Guidance the template does not state (003 附件3 sets no 字数): a reference, said as one.
  referenceOffTarget: (line: string, zishu: number, target: number) =>
    `“${line}”共${zishu}字，参考篇幅约${target}字（模板未规定字数，仅供参考）。`,
  referenceItem: (line: string, zishu: number, target: number) =>
    `“${line}”共${zishu}字，每个方面参考篇幅约${target}字（模板未规定字数，仅供参考）。`,
  referenceItemCount: (line: string, count: number, min: number, max: number) =>
    `“${line}”共${count}个方面，模板示例为${min}—${max}个方面。`,
  unbalanced: (background: string, backgroundZishu: number, core: string, coreZishu: number) =>
    `“${background}”共${backgroundZishu}字，远多于“${core}”（${coreZishu}字）；模板称创新举措是“报告的核心内容”，背景宜简明扼要。`,
  unbalancedSuggestion: '压缩背景中的历史沿革和泛泛形势分析，保留与问题直接相关的内容，把篇幅留给具体做法。',
}

/** 背景介绍 over this many times 创新举措 is reported. */
const UNBALANCED_RATIO = 1.5

/** An item's label in a message: its 领句 up to the first mark, at most this long. */
const MAX_ITEM_LABEL = 20

const ITEM_START = /^[一二三四五六七八九十]+是/

export const lengthRule = defineRule({
  meta: {
    id: 'length',
    description: '字数：全文是否超出上限，各部分、各条目是否明显偏离模板建议的字数',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z
      .object({
        /** Allowed deviation from a `target`, as a share of it: 0.5 = 300字左右 accepts 150–450. */
        tolerance: z.number().min(0).max(10).default(0.5),
        /** Overrides the kind's `limits.totalZishu`. */
        maxTotal: z.number().int().positive().optional(),
      })
      .strict(),
  },
  check({ doc, kind, options }) {
    const findings: RuleFinding[] = []
    const limit = options.maxTotal ?? kind.limits.totalZishu
    const total = reportZishu(doc).total
    if (total > limit) {
      findings.push({
        message: messages.total(total, limit),
        ...bodyRange(doc),
        severity: kind.limits.hard ? 'error' : 'warning',
        suggestion: messages.totalSuggestion,
      })
    }

    const pairs = matchSections(doc, kind).pairs
    for (const { spec, section } of pairs) {
      const line = sectionHeadingLine(spec)
      const reference = spec.lengthGuidance.basis === 'derived'
      findings.push(...guidanceFindings(line, section, sectionBodyZishu(section), spec.lengthGuidance, options.tolerance))
      const perItem = spec.lengthGuidance.perItem
      if (!perItem) continue
      const items = itemsOf(doc, section)
      if (items.length < perItem.minItems || items.length > perItem.maxItems) {
        findings.push({
          message:
            reference && items.length > 0
              ? messages.referenceItemCount(line, items.length, perItem.minItems, perItem.maxItems)
              : messages.itemCount(line, items.length, perItem.minItems, perItem.maxItems),
          ...headingRange(section),
          suggestion: messages.itemCountSuggestion(perItem.minItems, perItem.maxItems),
          ...(reference ? { severity: 'info' as const } : {}),
        })
      }
      if (perItem.target === undefined) continue
      for (const item of items) {
        if (item.inline) continue
        const { low, high } = window(perItem.target, options.tolerance)
        if (item.zishu >= low && item.zishu <= high) continue
        findings.push({
          message: (reference ? messages.referenceItem : messages.item)(item.label, item.zishu, perItem.target),
          start: item.start,
          end: item.end,
          suggestion: item.zishu < low ? messages.lengthen : messages.shorten,
          ...(reference ? { severity: 'info' as const } : {}),
        })
      }
    }
    findings.push(...balanceFindings(pairs))
    return findings
  },
})

/**
 * 000/001: 创新举措 “本部分是报告的核心内容”, so a 背景介绍 longer than it has the weight in the wrong place (the
 * usual cause: pages of history and general situation). Only for kinds with both parts.
 */
function balanceFindings(pairs: readonly { spec: SectionSpec; section: Section }[]): RuleFinding[] {
  const background = pairs.find((p) => p.spec.role === 'background')
  const measures = pairs.find((p) => p.spec.role === 'measures')
  if (!background || !measures) return []
  const backgroundZishu = sectionBodyZishu(background.section)
  const measuresZishu = sectionBodyZishu(measures.section)
  // Well-written reports run close to even (clean drafts measured 0.6–1.3 times); half as long again is lopsided.
  if (backgroundZishu <= measuresZishu * UNBALANCED_RATIO) return []
  return [{
    message: messages.unbalanced(sectionHeadingLine(background.spec), backgroundZishu, sectionHeadingLine(measures.spec), measuresZishu),
    ...headingRange(background.section),
    suggestion: messages.unbalancedSuggestion,
  }]
}

function guidanceFindings(line: string, section: Section, zishu: number, guidance: LengthGuidance, tolerance: number): RuleFinding[] {
  const at = headingRange(section)
  if (guidance.min !== undefined && zishu < guidance.min) {
    return [{ message: messages.belowMin(line, zishu, guidance.min), ...at, suggestion: messages.lengthen }]
  }
  if (guidance.max !== undefined && zishu > guidance.max) {
    return [{ message: messages.aboveMax(line, zishu, guidance.max), ...at, suggestion: messages.shorten }]
  }
  if (guidance.target !== undefined) {
    const { low, high } = window(guidance.target, tolerance)
    if (zishu < low || zishu > high) {
      const suggestion = zishu < low ? messages.lengthen : messages.shorten
      if (guidance.basis === 'derived') {
        return [{ message: messages.referenceOffTarget(line, zishu, guidance.target), ...at, suggestion, severity: 'info' }]
      }
      return [{ message: messages.offTarget(line, zishu, guidance.target), ...at, suggestion }]
    }
  }
  return []
}

function window(target: number, tolerance: number): { low: number; high: number } {
  return { low: target * (1 - tolerance), high: target * (1 + tolerance) }
}

interface Item {
  label: string
  zishu: number
  start: number
  end: number
  /** An item written inside a paragraph (“……。一是……；二是……”): counted, but its 字数 is not judged. */
  inline?: boolean
}

/**
 * The 方面 of a part: its sub-sections; without sub-sections, the paragraphs that open with 一是/二是 (003 附件3's
 * 示例), each with the unnumbered paragraphs that follow it. An item counts its 领句 (003: 领句+具体内容).
 *
 * Fewer than two such paragraphs, and the items are written inline — “园区……。一是……；二是……；三是……” in one
 * paragraph — read as logic-chain reads them (src/check/enumerations.ts). Inline items are only counted: the
 * per-item 字数 (derived from 003, about 300字 for a 方面 of its own) does not fit a clause of a paragraph.
 * With two or more opening paragraphs, 一是 inside them lists the points of one item, not further items.
 */
function itemsOf(doc: ReportDoc, section: Section): Item[] {
  if (section.children.length) {
    return section.children.map((child) => ({
      label: `${child.marker.text}${child.heading.text}`,
      zishu: sectionFullZishu(child),
      ...headingRange(child),
    }))
  }
  const items: Item[] = []
  for (const paragraph of section.paragraphs) {
    const marker = ITEM_START.exec(paragraph.text)
    if (marker) {
      items.push({ label: leadOf(paragraph.text), zishu: 0, ...blockRange(doc, paragraph, 0, marker[0].length) })
    }
    const current = items[items.length - 1]
    if (current) current.zishu += countZishu(paragraph.text)
  }
  if (items.length >= 2) return items
  const blocks = [...(section.lead ? [section.lead] : []), ...section.paragraphs]
  const inline = blocks.flatMap((block) =>
    enumerationsOf(block.text).flatMap((run) =>
      run.items.map((item) => ({
        label: leadOf(item.text),
        zishu: countZishu(item.text),
        ...blockRange(doc, block, item.start, item.start + ITEM_MARKER_LENGTH),
        inline: true,
      })),
    ),
  )
  return inline.length ? inline : items
}

/** 三是统一储存、统一配送。…… → 三是统一储存、统一配送: the 领句, cut at its first mark or MAX_ITEM_LABEL. */
function leadOf(text: string): string {
  const end = text.search(/[，,。；;：:！？]/u)
  const lead = end < 0 ? text : text.slice(0, end)
  return lead.length > MAX_ITEM_LABEL ? `${lead.slice(0, MAX_ITEM_LABEL)}……` : lead
}

function headingRange(section: Section): { start: number; end: number } {
  return { start: section.marker.start, end: section.heading.text ? section.heading.end : section.marker.end }
}

/** The whole body: from the first line after the title (normally 【摘要】) to the end of the last section. */
function bodyRange(doc: ReportDoc): { start: number; end: number } {
  const starts = [doc.preamble[0]?.start, doc.abstract?.start, doc.sections[0]?.start].filter((n): n is number => n !== undefined)
  const ends = [doc.preamble[doc.preamble.length - 1]?.end, doc.abstract?.end, doc.sections[doc.sections.length - 1]?.end].filter(
    (n): n is number => n !== undefined,
  )
  return starts.length ? { start: Math.min(...starts), end: Math.max(...ends) } : { start: 0, end: doc.source.length }
}
