import { describe, expect, it } from 'vitest'
import { checkMemo, checkScope, freezeForChecks } from '../../src/check/check-memo.js'
import { checkReport } from '../../src/check/check-report.js'
import { draftFigures } from '../../src/check/draft-figures.js'
import { textBlocks } from '../../src/check/text-blocks.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseReport } from '../../src/model/parse-report.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { nanlingPark } from './parks.js'

/** A counter of calls, to see what was computed again. */
function counted<T>(value: (owner: { name: string }) => T) {
  const calls: string[] = []
  return { calls, compute: (owner: { name: string }) => (calls.push(owner.name), value(owner)) }
}

describe('checkMemo', () => {
  it('computes once per owner and key within one check, and again in the next check', () => {
    const owner = { name: '南岭' }
    const { calls, compute } = counted((o) => `${o.name}经开区`)
    const first = checkScope(() => [checkMemo(owner, 'label', compute), checkMemo(owner, 'label', compute), checkMemo(owner, 'other', compute)])
    expect(first).toEqual(['南岭经开区', '南岭经开区', '南岭经开区'])
    expect(calls).toEqual(['南岭', '南岭'])
    // The owner changed between two checks: the next check reads it afresh.
    owner.name = '岭江'
    expect(checkScope(() => checkMemo(owner, 'label', compute))).toBe('岭江经开区')
    expect(calls).toEqual(['南岭', '南岭', '岭江'])
  })

  it('memoizes nothing outside a check', () => {
    const owner = { name: '南岭' }
    const { calls, compute } = counted((o) => o.name)
    checkMemo(owner, 'label', compute)
    checkMemo(owner, 'label', compute)
    expect(calls).toEqual(['南岭', '南岭'])
  })

  it('keeps what is computed from a frozen owner across checks, and the owner cannot change', () => {
    const owner = freezeForChecks({ name: '南岭', parts: [{ name: '东区' }] })
    const { calls, compute } = counted((o) => o.name)
    checkScope(() => checkMemo(owner, 'label', compute))
    checkScope(() => checkMemo(owner, 'label', compute))
    checkMemo(owner, 'label', compute)
    expect(calls).toEqual(['南岭'])
    expect(Object.isFrozen(owner)).toBe(true)
    expect(Object.isFrozen(owner.parts)).toBe(true)
    expect(Object.isFrozen(owner.parts[0])).toBe(true)
    expect(() => {
      ;(owner as { name: string }).name = '岭江'
    }).toThrow(TypeError)
  })

  it('shares text blocks and draft figures between the rules of a check only', () => {
    const doc = parseReport('一、背景介绍\n园区2025年实现营业收入968.2亿元。\n二、创新举措\n建成能碳管理平台。')
    const [blocks, figures] = checkScope(() => {
      expect(textBlocks(doc)).toBe(textBlocks(doc))
      expect(draftFigures(doc)).toBe(draftFigures(doc))
      return [textBlocks(doc), draftFigures(doc)]
    })
    expect(figures.map((f) => [f.raw, f.kind])).toEqual([['2025年', 'year'], ['968.2亿元', 'quantity']])
    expect(figures[0]!.block).toBe(blocks[1])
    expect(textBlocks(doc)).not.toBe(blocks)
    expect(textBlocks(doc)).toEqual(blocks)
  })
})

describe('checkReport with a frozen park', () => {
  it('gives the same findings as with the park as parsed, check after check', () => {
    const text = '一、背景介绍\n2025年园区实现营业收入900亿元，绿电消费占比27.5%。\n二、创新举措\n建成能碳管理平台。\n三、实践成效\n单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤。'
    const park = nanlingPark()
    const run = (p: ParkData) => checkReport({ doc: parseReport(text), kind: getKind('innovation-green'), park: p }).findings
    const expected = run(park)
    const frozen = freezeForChecks(structuredClone(park))
    expect(run(frozen)).toEqual(expected)
    expect(run(frozen)).toEqual(expected)
    expect(expected.filter((f) => f.rule === 'number-consistency').map((f) => [text.slice(f.start, f.end), f.message])).toEqual([
      ['900亿元', '文中“营业收入900亿元”与园区数据不一致：发展情况表“营业收入”（2025年）为968.2亿元。'],
      ['27.5%', '文中“绿电消费占比27.5%”与园区数据不一致：量化数据第2项“绿电消费占比”（2025年）为27.8%。'],
      [
        '2.15吨/吨标准煤',
        '文中“单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤”与园区数据不一致：发展情况表“单位能耗碳排放”（2025年）为2.05吨/吨标准煤。',
      ],
    ])
  })
})
