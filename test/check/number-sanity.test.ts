import { describe } from 'vitest'
import { numberSanityRule } from '../../src/check/rules/number-sanity.js'
import { nanlingPark } from './parks.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(numberSanityRule, {
  valid: [
    // Shares below 100 %, a completion rate and a growth above 100 % (both can exceed it), a change that agrees.
    '三、实践成效\n园区64户规上企业实现工业总产值72.38亿元，占全县规上工业总产值的77.2%，完成年度目标的112%，同比增长126%。',
    '三、实践成效\n上云企业由326家增至612家，增长87.7%；单位产值能耗由1.8吨降至0.9吨，下降50%。',
    // Points of a rate: 增速, or a percentage between the amount and the points.
    '三、实践成效\n营业收入增速比上年提高3个百分点，工业增加值增长7.5%，高于全省2个百分点，数字化改造率由38.6%提升至71.2%，提高32.6个百分点。',
    // fixtures/real/dev2/77: an elasticity, and a contribution to growth, are growth rates' points.
    '三、实践成效\n县域开发区经营销售收入每提高1个百分点，平均可带动县域地区生产总值提高0.56个百分点。',
    '三、实践成效\n园区工业增加值增长9.2%，拉动全县经济增长3.1个百分点。',
    // A rank stated for something else, and a claim with a rank that supports it.
    '一、背景介绍\n园区产业数字化指数均居全国第一，绿色发展水平全国领先，综合评价居全国第2位。',
    // fixtures/real/07 and dev2/89: a share of 66 % written without 的, a rank with a space, 位居全省第一 stated as a rank.
    '三、实践成效\n园区58户规上工业企业实现工业总产值81.2亿元，占全县工业总产值66%。规模工业增加值1—7月增速11.3%，在全省园区中排名第 7。',
    '三、实践成效\n园区智能制造能力成熟度指数位居全省第一，数字化水平全省领先。',
    // A share followed by a growth above 100 %; 占据 is no share; a rank opening the next sentence as its subject.
    '三、实践成效\n新引进企业占全县新引进企业的35%，投资额同比增长120%，园区产值占据全县增长的主要部分。',
    '三、实践成效\n园区亩均税收全国领先。全国排名第8的园区亩均税收为52万元。',
    // With park data the change is number-consistency's: not reported twice.
    { text: '三、实践成效\n上云企业由326家增至612家，增长了46.7%。', park: nanlingPark() },
  ],
  invalid: [
    {
      // fixtures/real/08: a share above 100 %; planted drafts: bounded rates above 100 %.
      text: '一、背景介绍\n26个试点园区规上工业企业营收超19万亿元，占全省规上工业的305%，企业上云率达到120%，危险废物规范化处置率达到105%。',
      errors: [
        { span: '305%', severity: 'error', message: '“占全省规上工业的305%”超过100%' },
        { span: '120%', severity: 'error' },
        { span: '105%', severity: 'error' },
      ],
    },
    {
      // Planted draft 05: changes their own before and after contradict, without park data.
      text: '三、实践成效\n上云企业由326家增至612家，增长了46.7%；单位产值能耗由1.8%降至0.9%，降幅达80%。',
      errors: [
        { span: '46.7%', message: '按(612-326)/326×100%计算应为87.7%' },
        { span: '80%', message: '应为50%' },
      ],
      output: '三、实践成效\n上云企业由326家增至612家，增长了87.7%；单位产值能耗由1.8%降至0.9%，降幅达50%。',
    },
    {
      // fixtures/real/49 and 47: points for an amount; a lead claim against its own rank.
      text: '一、背景介绍\n五星示范基地平均销售收入近4000亿元，比上年增加10个百分点。我省产业数字化融合应用全国领先，2018年信息化发展综合指数80.93，居全国第5位。',
      errors: [
        { span: '10个百分点', message: '百分点只用于比率之差' },
        { span: '全国领先', message: '“全国领先”与同句的“居全国第5位”矛盾' },
      ],
    },
    {
      // fixtures/real/07 with the share mistyped: a share above 100 % without 的; a rate's value after a change.
      text: '三、实践成效\n园区58户规上工业企业实现工业总产值81.2亿元，占全县工业总产值166%，规上企业研发机构覆盖率由60%提高到105%。',
      errors: [
        { span: '166%', severity: 'error', message: '“占全县工业总产值166%”超过100%' },
        { span: '105%', severity: 'error', message: '研发机构覆盖率由60%提高到105%”超过100%' },
      ],
    },
    {
      // dev2/89 with a lead claimed: the scope before the rank (在全省园区中排名第 7, 全国排名第8).
      text: '三、实践成效\n规模工业增加值1—7月增速11.3%，增速全省领先，在全省园区中排名第 7。亩均税收处于全国领先水平，全国排名第8。',
      errors: [
        { span: '全省领先', message: '“全省领先”与同句的“全省园区中排名第7”矛盾' },
        { span: '全国领先', message: '“全国领先”与同句的“全国排名第8”矛盾' },
      ],
    },
    {
      // A rank opening the next sentence, with no subject of its own, ranks what the sentence before claimed.
      text: '三、实践成效\n园区亩均税收全国领先。在全国同类园区中排名第5位。',
      errors: [{ span: '全国领先', message: '“全国领先”与下一句的“全国同类园区中排名第5位”矛盾', suggestion: '如实写“全国同类园区中排名第5位”' }],
    },
  ],
})

describe('number-sanity', () => {
  describeCases(table)
})
