import { z } from 'zod'
import { draftFigures, isClaimKind, quoteFigure, type DraftFigure } from '../draft-figures.js'
import { bindFigure, changeVerdicts, compareWithData, dataSeries, inFigureUnit, type DataPoint, type DataSeries } from '../figure-binding.js'
import { changeFinding, formatNumber } from '../change-finding.js'
import { defineRule } from '../rule.js'
import { blockRange } from '../text-blocks.js'

/**
 * 000/001 承诺声明: 提供的全部资料完整、真实、准确. A figure the draft ties to an indicator or fact of the park data
 * (by the words naming it, its unit and its year) must agree with it: 数字化改造率85.6% where the data says 82.6% is an
 * error, and so is 单位能耗碳排放由2.46降至2.15 when 2025 is 2.05.
 *
 * Periods: a year in the figure's clause fixes it (2023年……2.46); a year carried over from an earlier clause of the
 * sentence is used when the data has that year and ignored otherwise (园区始建于2006年，……管理面积3260公顷). In
 * 由A降至B, A is an earlier period than B: A is compared with every period but the latest, B with every period but
 * the earliest. Changes (提高22.3个百分点) and increments (新增35家) are not levels; a change written right after its
 * 由A至B must be what A and B give (由38.6%提升至71.2%，提高33.5个百分点 is an error: 32.6), or what they give once a
 * level this rule corrects is corrected — figure-binding.ts changeVerdicts. Other changes are left to number-trace.
 */

const OptionsSchema = z
  .object({
    /** 968亿元 for 968.2: a figure written with fewer decimals agrees when it is the data value rounded. */
    rounding: z.boolean().default(true),
    /** 约/近/左右: the relative difference still accepted. */
    approxTolerance: z.number().min(0).max(0.5).default(0.05),
  })
  .strict()

const messages = {
  mismatch: (written: string, where: string, data: string, source?: string) =>
    `文中“${written}”与园区数据不一致：${where}为${data}${source ? `（来源：${source}）` : ''}。`,
  indicatorAt: (label: string, period: string) => `发展情况表“${label}”${period}`,
  factAt: (index: number, label: string, period: string) => `量化数据第${index}项“${label}”${period}`,
  suggestion: (data: string) => `改为${data}；如园区数据有误，请先更正园区数据再审校。`,
  period: (period: string) => {
    const [year, month] = period.split('-')
    return month ? `${year}年${Number(month)}月` : `${year}年`
  },
}

/** A quotation longer than this is shortened to its label and figure. */
const MAX_QUOTE = 40

export const numberConsistencyRule = defineRule({
  meta: {
    id: 'number-consistency',
    description: '正文数字与园区数据（指标、量化数据）不一致',
    defaultSeverity: 'error',
    kinds: 'all',
    needsPark: true,
    options: OptionsSchema,
  },
  check({ doc, park, options }) {
    if (!park) return []
    const catalog = dataSeries(park)
    const figures = draftFigures(doc)
    const changes = changeVerdicts(figures, catalog, options)
    return figures.flatMap((figure) => {
      const change = changes.get(figure)
      if (change) return change.agrees ? [] : [changeFinding(doc, figure, change)]
      if (!isClaimKind(figure.kind) || figure.role === 'delta' || figure.role === 'increment') return []
      const binding = bindFigure(figure, catalog)
      if (!binding) return []
      const verdicts = compareWithData(figure, binding, options)
      if (!verdicts.length || verdicts.some((v) => v.agrees)) return []
      const { series, expected } = verdicts[0]!
      const data = `${formatNumber(inFigureUnit(expected.value, series, figure))}${figure.unit}`
      const range = blockRange(doc, figure.block, figure.start, figure.end)
      const written = quotation(figure, binding.term)
      return [{
        message: messages.mismatch(written, where(series, expected), data, expected.source),
        ...range,
        suggestion: messages.suggestion(data),
        // A bound (超过900亿元, 约1000亿元) is not replaced by an exact value: the sentence needs rewriting.
        ...(figure.bound ? {} : { fix: { ...range, text: data } }),
      }]
    })
  },
})

/**
 * A change written after its before and after (由38.6%提升至71.2%，提高33.5个百分点) that they do not give: the value
 * they give, rounded to the decimals the text writes, as the fix (百分点, %, 天 as written; 倍 too, the nearer of 是……的
 * N倍 and 增长N倍).
 */
/**
 * What the text says: from the words that tie the figure to the figure (单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤),
 * or from the figure to the words after it (214家国家高新技术企业); for a label matched in other words, or a long
 * stretch, the figure with the words before it.
 */
function quotation(figure: DraftFigure, term: { start: number; end: number }): string {
  const text = figure.block.text
  const quoted =
    term.start < figure.start ? text.slice(term.start, figure.end) : term.start >= figure.end ? text.slice(figure.start, term.end) : ''
  return quoted && quoted.length <= MAX_QUOTE ? quoted : quoteFigure(figure)
}

/**
 * Where the datum is, in the words of the park-data form rather than its JSON path (the finding is read by park
 * staff): 发展情况表“营业收入”（2025年）, 量化数据第3项“单位能耗碳排放”（2023年).
 */
function where(series: DataSeries, point: DataPoint): string {
  const period = point.period ? `（${messages.period(point.period)}）` : ''
  const fact = /^\$\.facts\[(\d+)\]/.exec(point.provenance)
  return fact ? messages.factAt(Number(fact[1]) + 1, series.label, period) : messages.indicatorAt(series.label, period)
}
