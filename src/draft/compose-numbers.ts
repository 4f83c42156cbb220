import { applyFixes } from '../check/apply-fixes.js'
import { checkReport } from '../check/check-report.js'
import { numberConsistencyRule } from '../check/rules/number-consistency.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import { parseReport } from '../model/parse-report.js'
import type { ParkData } from '../park/park-schema.js'

/**
 * 承诺声明 (资料真实、准确) for the offline composer: the figures it copies from the park's own texts agree with the
 * park's indicator table. They can disagree when a park moves to next year's kind: its indicators are updated to the
 * new data year (2026: 单位能耗碳排放 1.93) while a result written for the last edition still says “由2.46降至2.05”
 * (the 2025 value, with no year in the sentence). A reader takes an unyeared “降至” as the data year, and so does the
 * checker's `number-consistency`. So after composing, that rule reads the text and its fixes are applied — the level
 * becomes the indicator's value of the data year, and in the next round the change written after it (下降16.7%)
 * becomes what the corrected pair gives (下降21.5%) — until it reports nothing it can fix. The structured indicator
 * wins over the free text because it is what the form prints under the data year's heading; what the composer writes
 * is then what the rule accepts, by construction (as compose-focus.ts does for `focus`).
 *
 * A figure the rule reports without a fix (a bound such as 超过900亿元) is left for the checker to report.
 */

/** A level fixed in one round can make the change after it wrong in the next; a third round finds nothing. */
const MAX_ROUNDS = 3

export function withDataYearFigures(text: string, park: ParkData, kind: KindSpec): string {
  let out = text
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const { findings } = checkReport({ doc: parseReport(out), kind, park, rules: [numberConsistencyRule] })
    const fixes = findings.flatMap((finding) => (finding.rule === numberConsistencyRule.meta.id && finding.fix ? [finding.fix] : []))
    if (!fixes.length) break
    const next = applyFixes(out, fixes).text
    if (next === out) break
    out = next
  }
  return out
}
