import { describe, expect, it } from 'vitest'
import { derivationsBetween, shareOf, type Derivation } from '../../src/park/derivations.js'
import { round } from '../../src/park/derived.js'

const rounded = (list: Derivation[]) => list.map((d) => [d.measure, round(d.value, 2), d.unit, d.formula])

describe('derivationsBetween (before, after)', () => {
  it('percentages: 由71.3%提升至93.6% → +22.3个百分点, +31.3%, 1.31倍', () => {
    expect(rounded(derivationsBetween({ value: 71.3, unit: '%' }, { value: 93.6, unit: '%' }))).toEqual([
      ['pp', 22.3, '百分点', '93.6-71.3'],
      ['rate', 31.28, '%', '(93.6-71.3)/71.3×100%'],
      ['multiple', 1.31, '倍', '93.6/71.3'],
      ['increase-multiple', 0.31, '倍', '(93.6-71.3)/71.3'],
    ])
  })

  it('quantities: 由45分钟缩短至8分钟 → −37分钟, −82.2%, share 562.5%', () => {
    expect(rounded(derivationsBetween({ value: 45, unit: '分钟' }, { value: 8, unit: '分钟' }))).toEqual([
      ['diff', -37, '分钟', '8-45'],
      ['rate', -82.22, '%', '(8-45)/45×100%'],
      ['multiple', 0.18, '倍', '8/45'],
      ['increase-multiple', -0.82, '倍', '(8-45)/45'],
      ['share', 562.5, '%', '45/8×100%'],
    ])
  })

  it('a part of a whole: 37家 of 214家 = 17.3%', () => {
    const share = derivationsBetween({ value: 37, unit: '个' }, { value: 214, unit: '个' }).find((d) => d.measure === 'share')
    expect(round(share!.value, 1)).toBe(17.3)
  })

  it('shareOf: a part of a whole in one base unit, nothing for percentages, other units or a zero whole', () => {
    expect(round(shareOf({ value: 538.9, unit: '亿元' }, { value: 1587.3, unit: '亿元' })!.value, 1)).toBe(34)
    expect(shareOf({ value: 38.6, unit: '%' }, { value: 71.2, unit: '%' })).toBeUndefined()
    expect(shareOf({ value: 5, unit: '个' }, { value: 5, unit: '天' })).toBeUndefined()
    expect(shareOf({ value: 5, unit: '个' }, { value: 0, unit: '个' })).toBeUndefined()
  })

  it('nothing between different units; no rate from zero', () => {
    expect(derivationsBetween({ value: 45, unit: '分钟' }, { value: 8, unit: '%' })).toEqual([])
    expect(derivationsBetween({ value: 0, unit: '个' }, { value: 9, unit: '个' }).map((d) => d.measure)).toEqual(['diff', 'share'])
  })
})
