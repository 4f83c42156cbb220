import { describe, expect, it } from 'vitest'
import { checkReport, MAX_FINDINGS_PER_RULE, MAX_STATS_SECTIONS } from '../../src/check/check-report.js'
import type { Finding } from '../../src/check/finding.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseReport } from '../../src/model/parse-report.js'
import { nanlingPark } from './parks.js'

/**
 * Texts that made the checker quadratic (issue 15: 59,000 heading markers took 21.6 s on /api/check, 59,000 × 【
 * answered 21.5 MB): each is checked by every rule with the example park, and the answer is stated exactly — which
 * rules speak, how often, and the closing finding that counts what is not listed. Their timings are rows of
 * `npm run bench` (bench/check.ts), not assertions here.
 */

const kind = getKind('innovation-green')

/** A well-formed report frame around one pasted body, so that only the body is adversarial. */
const framed = (body: string) =>
  `【摘要】园区聚焦绿色低碳转型。\n一、背景介绍\n${body}\n二、创新举措\n园区建设能碳管理平台。\n三、实践成效\n园区单位工业增加值能耗下降。\n`

const more = (count: number) => `另有 ${count} 处同类问题未逐条列出（从此处起）。请先按上面的提示修改，再重新审校，其余问题会依次列出。`

function check(text: string) {
  const result = checkReport({ doc: parseReport(text), kind, park: nanlingPark() })
  const perRule: Record<string, number> = {}
  for (const finding of result.findings) perRule[finding.rule] = (perRule[finding.rule] ?? 0) + 1
  const summaries = result.findings.filter((f) => f.message.startsWith('另有')).map((f) => pick(f))
  return { result, perRule, summaries, bytes: JSON.stringify(result).length }
}

const pick = (f: Finding) => ({ rule: f.rule, severity: f.severity, line: f.line, column: f.column, message: f.message })

describe('adversarial inputs: every rule answers, each with at most 50 findings and one count of the rest', () => {
  it('59,000 characters of heading markers (一、 （一） 1. （1） repeated)', () => {
    const { result, perRule, summaries, bytes } = check('一、\n（一）\n1.\n（1）\n'.repeat(3933))
    expect(perRule).toEqual({ length: 1, structure: 51, 'park-data': 1, focus: 1, 'heading-numbering': 51 })
    expect(summaries).toEqual([
      { rule: 'structure', severity: 'error', line: 197, column: 1, message: more(3887) },
      { rule: 'heading-numbering', severity: 'error', line: 205, column: 1, message: more(3882) },
    ])
    expect(result.findings.filter((f) => f.rule === 'heading-numbering').slice(0, 2).map(pick)).toEqual([
      { rule: 'heading-numbering', severity: 'error', line: 5, column: 1, message: '标题序号“一、”重复。' },
      { rule: 'heading-numbering', severity: 'error', line: 9, column: 1, message: '标题序号“一、”重复。' },
    ])
    // 15,732 sections: the stats list the first 300 and count the rest.
    expect(result.stats.sections).toHaveLength(MAX_STATS_SECTIONS)
    expect(result.stats.sectionsOmitted).toBe(15732 - MAX_STATS_SECTIONS)
    expect(bytes).toBeLessThan(40_000)
  })

  it.each([
    ['【', '“【”没有配对的“】”，请检查是否漏写或多写。'],
    ['（', '“（”没有配对的“）”，请检查是否漏写或多写。'],
  ])('59,000 × %s alone', (mark, message) => {
    const { result, perRule, summaries, bytes } = check(mark.repeat(59000))
    expect(perRule).toEqual({ length: 1, punctuation: MAX_FINDINGS_PER_RULE + 1, structure: 2, 'park-data': 1, focus: 1 })
    expect(summaries).toEqual([{ rule: 'punctuation', severity: 'error', line: 1, column: 51, message: more(58950) }])
    const punctuation = result.findings.filter((f) => f.rule === 'punctuation')
    expect(punctuation.slice(0, 2).map(pick)).toEqual([
      { rule: 'punctuation', severity: 'error', line: 1, column: 1, message },
      { rule: 'punctuation', severity: 'error', line: 1, column: 2, message },
    ])
    // A finding about the whole text quotes its beginning only.
    expect(result.findings.find((f) => f.rule === 'length')!.excerpt).toBe(`${mark.repeat(80)}…`)
    expect(bytes).toBeLessThan(15_000)
  })

  it.each([
    ['“', '左双引号没有配对的右双引号，请检查是否漏写或多写。'],
    ['《', '“《”没有配对的“》”，请检查是否漏写或多写。'],
  ])('59,000 × %s inside a report', (mark, message) => {
    const { result, perRule, summaries } = check(framed(mark.repeat(59000)))
    expect(perRule).toEqual({ length: 2, 'park-data': 1, focus: 1, punctuation: 51, 'logic-chain': 1, 'quant-evidence': 1 })
    expect(summaries).toEqual([{ rule: 'punctuation', severity: 'error', line: 3, column: 51, message: more(58950) }])
    expect(pick(result.findings.find((f) => f.rule === 'punctuation')!)).toEqual({ rule: 'punctuation', severity: 'error', line: 3, column: 1, message })
  })

  it('6,500 × 引进华昌食品项目， on one line: the investor of each project is a short name, 50 listed and the rest counted', () => {
    // Was quadratic in the short-name reader (every span found asked with Array.some): 8.9 s through the CLI.
    const { result, perRule, summaries } = check('引进华昌食品项目，'.repeat(6500))
    expect(perRule).toEqual({ length: 1, 'park-data': 1, structure: 2, focus: 1, 'proper-noun': 51 })
    const shortName = '“华昌食品”是企业简称，应写企业的规范全称（营业执照上的名称，通常以“有限公司”“股份有限公司”结尾）。'
    expect(result.findings.filter((f) => f.rule === 'proper-noun').slice(0, 2).map(pick)).toEqual([
      { rule: 'proper-noun', severity: 'warning', line: 1, column: 3, message: shortName },
      { rule: 'proper-noun', severity: 'warning', line: 1, column: 12, message: shortName },
    ])
    expect(summaries).toEqual([{ rule: 'proper-noun', severity: 'warning', line: 1, column: 453, message: more(6450) }])
  })

  it('59,000 Chinese numerals (二二二…) with no measure word: no figure, no vague phrase', () => {
    const { perRule, summaries } = check(framed('二'.repeat(59000)))
    expect(perRule).toEqual({ length: 2, 'park-data': 1, focus: 1, 'logic-chain': 1, 'quant-evidence': 1 })
    expect(summaries).toEqual([])
  })

  it('a 10,000-digit number is quoted by its beginning', () => {
    const { result, perRule } = check(framed(`园区工业总产值达到${'9'.repeat(10000)}亿元。`))
    expect(perRule).toEqual({ 'park-data': 1, focus: 1, 'number-trace': 1, 'logic-chain': 1, 'quant-evidence': 1 })
    expect(pick(result.findings.find((f) => f.rule === 'number-trace')!)).toEqual({
      rule: 'number-trace',
      severity: 'warning',
      line: 3,
      column: 10,
      message: `该数字在园区数据和上传材料中找不到来源：“园区工业总产值达到${'9'.repeat(22)}…亿元”。`,
    })
  })

  it('one line of 100,000 characters with 5,000 figures and no full stop', () => {
    const { result, perRule, summaries, bytes } = check(framed('园区企业产值增长12.5%，节能降耗成效明显，'.repeat(5000)))
    expect(perRule).toEqual({ length: 2, 'park-data': 1, focus: 1, 'number-trace': 51, 'logic-chain': 1, 'quant-evidence': 1 })
    expect(summaries).toEqual([{ rule: 'number-trace', severity: 'warning', line: 3, column: 1159, message: more(4950) }])
    expect(pick(result.findings.find((f) => f.rule === 'number-trace')!)).toEqual({
      rule: 'number-trace',
      severity: 'warning',
      line: 3,
      column: 9,
      message: '该数字在园区数据和上传材料中找不到来源：“园区企业产值增长12.5%”。',
    })
    expect(bytes).toBeLessThan(20_000)
  })
})
