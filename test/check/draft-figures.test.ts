import { describe, expect, it } from 'vitest'
import { draftFigures, quoteFigure, type DraftFigure } from '../../src/check/draft-figures.js'
import { parseReport } from '../../src/model/parse-report.js'

function figures(body: string): DraftFigure[] {
  return draftFigures(parseReport(`二、创新举措\n${body}`, 'text')).filter((f) => f.block.role === 'paragraph')
}
const kinds = (body: string) => figures(body).map((f) => [f.raw, f.kind])

describe('draftFigures: what kind of number', () => {
  it.each([
    ['截至2025年12月31日', [['2025年', 'year'], ['12月', 'date'], ['31', 'date']]],
    ['2023—2025年累计投入2.6亿元', [['2023', 'year'], ['2025年', 'year'], ['2.6亿元', 'quantity']]],
    ['入选第2批试点，（1）强化统筹', [['2批', 'ordinal'], ['1', 'ordinal']]],
    ['依托5G网络，推广3D打印，对标工业4.0', [['5G', 'code'], ['3', 'code'], ['4.0', 'unitless']]],
    ['执行GB/T 4754-2017，落实《南岭市“十四五”规划（2021—2025年）》', [['4754', 'name'], ['2017', 'name'], ['2021', 'name'], ['2025年', 'name']]],
    ['构建“1+N”政策体系，提供7×24小时服务', [['1', 'name'], ['7', 'name'], ['24小时', 'name']]],
    ['从3个方面推进，实施5项任务，近3年来', [['3个', 'item-count'], ['5项', 'item-count'], ['3年', 'duration']]],
    ['接入1.2万个监测点位，亩均税收35.6万元/亩', [['1.2万个', 'quantity'], ['35.6万元/亩', 'quantity']]],
    ['接入12个监测点位', [['12个', 'quantity']]],
  ])('%s', (body, expected) => {
    expect(kinds(body)).toEqual(expected)
  })
})

describe('draftFigures: role, bound, period and label', () => {
  it('由A降至B: from and to share the subject before 由; a year in the clause is the period of B only', () => {
    const [from, to] = figures('2025年单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。').filter((f) => f.kind === 'quantity')
    expect([from!.role, from!.period, from!.labelBefore.text]).toEqual(['from', undefined, '2025年单位能耗碳排放'])
    expect([to!.role, to!.period, to!.labelBefore.text]).toEqual(['to', { year: '2025', strength: 'clause' }, '2025年单位能耗碳排放'])
  })

  it('explicit years of 从2023年的A提升到2025年的B', () => {
    const [from, to] = figures('改造率从2023年的41%提升到2025年的78%。').filter((f) => f.kind === 'quantity')
    expect([from!.period, to!.period]).toEqual([{ year: '2023', strength: 'clause' }, { year: '2025', strength: 'clause' }])
  })

  it('changes, increments and levels', () => {
    const roles = figures('提高22.3个百分点，同比增长9.1%，新增绿色工厂3家，智能工厂新增9家，提升至93.6%，是2023年的2.1倍。')
      .filter((f) => f.kind === 'quantity')
      .map((f) => [f.raw, f.role])
    expect(roles).toEqual([
      ['22.3个百分点', 'delta'], ['9.1%', 'delta'], ['3家', 'increment'], ['9家', 'increment'], ['93.6%', 'level'], ['2.1倍', 'delta'],
    ])
  })

  it('bounds before and after the number', () => {
    const bounds = figures('超过900亿元，约1000亿元，30%以上，不到10家，1020万吨左右。').map((f) => [f.raw, f.bound])
    expect(bounds).toEqual([['900亿元', 'lower'], ['1000亿元', 'approx'], ['30%', 'lower'], ['10家', 'upper'], ['1020万吨', 'approx']])
  })

  it('a year carries over to later clauses, but a comparison base (较2023年) is no period', () => {
    const [a, b] = figures('2023年园区碳排放2.46吨/吨标准煤，绿电消费占比仅9.5%。')
      .filter((f) => f.kind === 'quantity')
    expect([a!.period, b!.period]).toEqual([{ year: '2023', strength: 'clause' }, { year: '2023', strength: 'sentence' }])
    expect(figures('绿电消费占比较2023年提高18.3个百分点。').find((f) => f.kind === 'quantity')!.period).toBeUndefined()
  })

  it('labels: the words back to the previous figure, and after it up to the next', () => {
    const [a, b] = figures('集聚国家高新技术企业486家和国家级专精特新“小巨人”企业31家。')
    expect([a!.labelBefore.text, b!.labelBefore.text]).toEqual(['集聚国家高新技术企业', '和国家级专精特新“小巨人”企业'])
    const [c] = figures('对37家重点用能企业实施能耗在线监测。')
    expect([c!.labelBefore.text, c!.labelAfter.text]).toEqual(['对', '重点用能企业实施能耗在线监测'])
    expect(quoteFigure(c!)).toBe('对37家重点用能企业实施能耗在线监测')
  })
})
