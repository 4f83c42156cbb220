import { describe, expect, it } from 'vitest'
import { decimalsOf, inUnit, sameDimension, toBase, unitFactor } from '../../src/park/units.js'

describe('unitFactor: a written unit → base unit and factor', () => {
  it.each([
    ['万个', ['个', 1e4]],
    ['亿元', ['元', 1e8]],
    ['万元', ['元', 1e4]],
    ['万', ['', 1e4]],
    ['家', ['个', 1]],
    ['个百分点', ['百分点', 1]],
    ['%', ['%', 1]],
    ['兆瓦时', ['千瓦时', 1e3]],
    ['万千瓦', ['千瓦', 1e4]],
    ['平方公里', ['平方米', 1e6]],
    ['公顷', ['平方米', 1e4]],
    ['千克', ['千克', 1]],
    ['万吨', ['千克', 1e7]],
    ['小时', ['分钟', 60]],
    ['台（套）', ['台', 1]],
    // Rates are atomic, magnitude included.
    ['万元/亩', ['万元/亩', 1]],
    ['吨/吨标准煤', ['吨/吨标准煤', 1]],
    ['千克标准煤/百米布', ['千克标准煤/百米布', 1]],
    ['个月', ['个月', 1]],
    ['', ['', 1]],
  ])('%s', (unit, expected) => {
    expect(unitFactor(unit)).toEqual(expected)
  })
})

describe('toBase / inUnit / sameDimension', () => {
  it('1.2万个 = 12000个, without binary noise', () => {
    expect(toBase(1.2, '万个')).toEqual({ value: 12000, unit: '个' })
    expect(toBase(12000, '个')).toEqual({ value: 12000, unit: '个' })
    expect(inUnit(12000, '万个')).toBe(1.2)
  })

  it('32.6平方公里 = 3260公顷; 3.5天 = 84小时', () => {
    expect(inUnit(toBase(32.6, '平方公里').value, '公顷')).toBe(3260)
    expect(inUnit(toBase(3.5, '天').value, '小时')).toBe(84)
  })

  it('% and 百分点 are different things; 万元 and 亿元 are not', () => {
    expect(sameDimension('%', '个百分点')).toBe(false)
    expect(sameDimension('万元', '亿元')).toBe(true)
    expect(sameDimension('家', '个')).toBe(true)
    expect(sameDimension('万元/亩', '万元')).toBe(false)
  })

  it('decimalsOf counts decimals as written', () => {
    expect([decimalsOf('968'), decimalsOf('968.2'), decimalsOf('0.41'), decimalsOf('1260')]).toEqual([0, 1, 2, 0])
  })
})
