import type { ReportDoc } from '../model/report-doc.js'
import { round } from '../park/derived.js'
import { quoteFigure, type DraftFigure } from './draft-figures.js'
import type { ChangeVerdict } from './figure-binding.js'
import type { RuleFinding } from './finding.js'
import { blockRange } from './text-blocks.js'

/**
 * The finding for a change that its own 由A至B contradicts (增至612家，增长了46.7% where 326 → 612 is 87.7%). One
 * wording for number-consistency (which also corrects A and B from the park data) and number-sanity (without data).
 */
const messages = {
  change: (written: string, pair: string, formula: string, value: string) =>
    `文中“${written}”与同句的“${pair}”不一致：按${formula}计算应为${value}。`,
  changeSuggestion: (value: string) => `改为${value}；如前后数值有误，先改正前后数值再核算变化量。`,
}

export function changeFinding(doc: ReportDoc, figure: DraftFigure, change: ChangeVerdict): RuleFinding {
  const value = `${formatNumber(round(Math.abs(change.expected.value), figure.decimals))}${figure.unit}`
  // The before's label window ends where 由/从 opens the pair.
  const { labelBefore } = change.from
  const pair = figure.block.text.slice(labelBefore.start + labelBefore.text.length, change.to.end)
  const range = blockRange(doc, figure.block, figure.start, figure.end)
  return {
    message: messages.change(quoteFigure(figure), pair, change.expected.formula, value),
    ...range,
    suggestion: messages.changeSuggestion(value),
    ...(figure.bound ? {} : { fix: { ...range, text: value } }),
  }
}

export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(12)))
}
