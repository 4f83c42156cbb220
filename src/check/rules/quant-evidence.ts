import { z } from 'zod'
import type { ReportDoc, Section } from '../../model/report-doc.js'
import { draftFigures, type DraftFigure } from '../draft-figures.js'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { partsByRole, sectionForRoles } from '../section-match.js'
import { sentencesOf } from '../sentences.js'
import { blockRange, textBlocks, type TextBlock } from '../text-blocks.js'

/**
 * 000/001 三、实践成效: “优先采用量化数据予以支撑；……突出开展创新实践前后的对比变化”. The results section (实践成效,
 * or 发展亮点和成效 / 取得成效 in the 003 kinds) must state figures (an error when it has none) and compare before with
 * after (a warning when it does not): 由A至B, 从A到B, 较……提高, 同比, 提升X个百分点, 缩短X, 实施前……实施后. Each of its
 * level-2 parts is one result, and a part without a single figure is a claim without support (a warning).
 */

const OptionsSchema = z
  .object({
    /** Also check each level-2 part of the results section for a figure. */
    perSubsection: z.boolean().default(true),
  })
  .strict()

const messages = {
  noFigures: (heading: string) =>
    `“${heading}”部分没有量化数据。实践成效应优先采用量化数据予以支撑，直观体现创新实践的实质效果。`,
  noFiguresSuggestion: '补充反映成效的关键指标数值（如综合利用率、响应时间、覆盖企业数），并写明统计口径和年份。',
  noComparison: (heading: string) =>
    `“${heading}”部分没有开展创新实践前后的对比。实践成效应突出前后对比变化（如“由71.3%提升至93.6%”“较2023年下降16.7%”）。`,
  noComparisonSuggestion: '对应背景介绍中提出的问题，写明实施前后的数值变化，或较基准年的提高、下降幅度。',
  partWithoutFigure: (heading: string) => `“${heading}”没有任何数字，这一方面的成效缺少量化支撑。`,
  partSuggestion: '补充这一方面的具体数据（指标数值、前后对比或覆盖范围）；确无数据的，写明可核实的具体事实。',
}

// Chinese numerals that count (三家, 两成, 翻一番) and 零 results (生产安全事故零发生) are quantities too.
const CHINESE_QUANTITY =
  /(?:[两二三四五六七八九十百千万亿][一二三四五六七八九十百千万亿两]*|一(?=[个家项座台套件条名位处款所种类批]))[余多]?(?:个百分点|个月|个|家|项|座|台|套|件|条|名|位|处|款|所|种|类|倍|成|批|次|吨|亩|公顷|天|小时|分钟|万|亿)|零(?:发生|事故|伤亡|死亡|排放|污染|投诉|缺陷)|翻[一两二三四]番/u
// Comparisons written in words, around or without Arabic figures.
const COMPARISON = [
  /同比|环比/u,
  /较[^，,。；;]{0,20}?(提高|提升|增长|增加|上升|下降|降低|减少|缩短|压减|压缩|扩大|翻)/u,
  /(由|从)[^，,。；;]{0,20}?(降|减|缩短|压|提|增|升|扩)[^，,。；;]{0,3}?(至|到|为)/u,
  /(实施|改造|建设|应用|投用|运行|上线|开展|推行)前[^。；;]*?(实施|改造|建设|应用|投用|运行|上线|开展|推行)?后/u,
  /翻[一两二三四]番/u,
]

export const quantEvidenceRule = defineRule({
  meta: {
    id: 'quant-evidence',
    description: '实践成效缺少量化数据或前后对比',
    defaultSeverity: 'error',
    kinds: 'all',
    options: OptionsSchema,
  },
  check({ doc, kind, options }) {
    const results = sectionForRoles(partsByRole(doc, kind), ['results', 'highlights'])
    if (!results) return []
    const section = results.section
    const blocks = textBlocks(doc).filter((b) => within(b, section))
    const figures = draftFigures(doc).filter((f) => within(f.block, section))
    const findings: RuleFinding[] = []
    // A part found in a draft without headings (prose-parts.ts) is named by the template part it stands for.
    const heading = headingText(section) || unheadedName(results.spec.heading)
    if (!hasFigure(blocks, figures)) {
      findings.push({
        message: messages.noFigures(heading),
        ...headingRange(doc, section),
        severity: 'error',
        suggestion: messages.noFiguresSuggestion,
      })
    } else if (!hasComparison(blocks, figures)) {
      findings.push({
        message: messages.noComparison(heading),
        ...headingRange(doc, section),
        severity: 'warning',
        suggestion: messages.noComparisonSuggestion,
      })
    }
    if (!options.perSubsection) return findings
    for (const part of section.children.filter((child) => child.level === 2)) {
      const partBlocks = blocks.filter((b) => within(b, part))
      if (hasFigure(partBlocks, figures.filter((f) => within(f.block, part)))) continue
      findings.push({
        message: messages.partWithoutFigure(headingText(part)),
        ...headingRange(doc, part),
        severity: 'warning',
        suggestion: messages.partSuggestion,
      })
    }
    return findings
  },
})

/** By offsets, not by section path: a part found in a draft without headings is paragraphs of its preamble. */
function within(block: TextBlock, section: Section): boolean {
  return block.start >= section.start && block.end <= section.end
}

const unheadedName = (templateHeading: string) => `${templateHeading.replace(/^[一二三四五六七八九十]+、/u, '')}（按段落内容识别）`

/** From the marker to the end of the heading: an inline lead after it (（一）标题。正文……) is not pointed at. */
function headingRange(doc: ReportDoc, section: Section): { start: number; end: number } {
  // Without a heading: the first sentence of the part.
  const first = section.paragraphs[0]
  if (!section.heading.text && first) {
    const sentence = sentencesOf(first.text)[0]
    if (sentence) return blockRange(doc, first, sentence.start, sentence.end)
  }
  return { start: section.marker.start, end: blockRange(doc, section.heading, 0, section.heading.text.length).end }
}

function headingText(section: Section): string {
  return `${section.marker.text}${section.heading.text}`
}

/** A figure with a unit (a quantity) or a counted Chinese numeral; years, dates and ordinals are not. */
function hasFigure(blocks: readonly TextBlock[], figures: readonly DraftFigure[]): boolean {
  return figures.some((f) => f.kind === 'quantity') || blocks.some((b) => CHINESE_QUANTITY.test(b.text))
}

function hasComparison(blocks: readonly TextBlock[], figures: readonly DraftFigure[]): boolean {
  if (figures.some((f) => f.kind === 'quantity' && (f.role === 'from' || f.role === 'to' || f.role === 'delta'))) return true
  return blocks.some((b) => COMPARISON.some((re) => re.test(b.text)))
}
