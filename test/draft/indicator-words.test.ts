import { describe, expect, it } from 'vitest'
import { indicatorWords, labelAsWords } from '../../src/draft/indicator-words.js'
import { getKind } from '../../src/kinds/registry.js'

describe('labelAsWords: an indicator label as running text names it', () => {
  it.each([
    ['其中：主导产业总产值', '亿元', '主导产业总产值'],
    ['其中：规模以上工业企业数量', '个', '规模以上工业企业'],
    ['2025年新注册且有实际经营活动的企业数量（个）', '个', '新注册且有实际经营活动的企业'],
    ['实际开发面积（公顷）', '公顷', '实际开发面积'],
    ['基地内企业实施清洁生产审核的比例（有色金属、钢铁、化工填写）', '%', '基地内企业实施清洁生产审核的比例'],
    ['光纤入户（FTTO）企业占比', '%', '光纤入户（FTTO）企业占比'],
    ['研发人数', '人', '研发人数'],
    ['规模以上企业有效发明专利数', '个', '规模以上企业有效发明专利数'],
  ])('%s (%s) → %s', (label, unit, words) => {
    expect(labelAsWords({ label, unit })).toBe(words)
  })
})

describe('indicatorWords: each kind names a row as its own table does', () => {
  it('the 示范基地 report and the 绿色安全 template name the same water and waste rows differently', () => {
    const base = getKind('base-annual-report')
    const green = getKind('innovation-green')
    expect([indicatorWords(base, 'green.waterPerValueAdded'), indicatorWords(base, 'green.solidWasteUtilization')]).toEqual([
      '单位工业增加值用水量',
      '工业固体废物综合利用率',
    ])
    expect([indicatorWords(green, 'green.waterPerValueAdded'), indicatorWords(green, 'green.solidWasteUtilization')]).toEqual([
      '规模以上工业单位增加值水耗',
      '工业固体废弃物综合利用率',
    ])
  })

  it('a row the kind does not ask for has no words', () => {
    expect(indicatorWords(getKind('base-annual-report'), 'scale.taxPerMu')).toBeUndefined()
  })
})
