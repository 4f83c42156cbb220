import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { numberConsistencyRule } from '../../src/check/rules/number-consistency.js'
import { withDataYearFigures } from '../../src/draft/compose-numbers.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseReport } from '../../src/model/parse-report.js'
import { ParkDataSchema } from '../../src/park/park-schema.js'

const nanling = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/nanling-green.json', import.meta.url), 'utf8')))
const green = getKind('innovation-green')
const report = (result: string) =>
  `题目\n\n【摘要】南岭经济技术开发区聚焦新能源电池材料产业。\n\n一、背景介绍\n园区始建于2006年。\n\n二、创新举措\n（一）建设绿色微电网\n建设屋顶光伏86兆瓦。\n\n三、实践成效\n（一）碳排放下降\n${result}\n`

describe('withDataYearFigures (the composer’s figures agree with the indicators of the data year)', () => {
  it('replaces a level the indicator contradicts, then the change after it', () => {
    // nanling-green (data year 2025): 单位能耗碳排放 2.05, the 2023 fact 2.46.
    const stale = report('单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤，下降12.6%。')
    expect(withDataYearFigures(stale, nanling, green)).toBe(report('单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，下降16.7%。'))
  })

  it('leaves a text that agrees with the data as it is, byte for byte', () => {
    const agreeing = report('单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，下降16.7%。')
    expect(withDataYearFigures(agreeing, nanling, green)).toBe(agreeing)
  })

  it('leaves a bound (超过) for the checker to report: there is no exact value to write', () => {
    const bound = report('园区营业收入超过1200亿元。')
    const { findings } = checkReport({ doc: parseReport(bound), kind: green, park: nanling, rules: [numberConsistencyRule] })
    expect(findings.map((f) => [f.message, f.fix])).toEqual([['文中“营业收入超过1200亿元”与园区数据不一致：发展情况表“营业收入”（2025年）为968.2亿元。', undefined]])
    expect(withDataYearFigures(bound, nanling, green)).toBe(bound)
  })
})
