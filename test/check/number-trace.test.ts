import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { numberTraceRule } from '../../src/check/rules/number-trace.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseReport } from '../../src/model/parse-report.js'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'
import { nanlingDraft, nanlingPark } from './parks.js'
import { runRule, describeCases, testRule } from './rule-tester.js'

// 南岭经济技术开发区: indicators, facts (屋顶光伏86兆瓦, 储能40兆瓦时, 37家, 12万吨, 1.2万个, 45 → 8分钟 …), derived figures
// (营业收入2025年较2023年 +20.5%, 年均9.8%; 综合利用率 +22.3个百分点; 开发面积占管理面积 73.9% …) and the numbers of its texts.
const nanling = nanlingPark()
// The same park with an uploaded work summary among its materials.
const withMaterials: ParkData = {
  ...nanling,
  materials: [{ title: '南岭经开区2025年节能降碳工作总结（节选）', text: '2025年园区完成节能技改项目23个，节约标准煤4.6万吨。' }],
}

// 嘉澜经济技术开发区: 营业收入 2023 1326.5 / 2024 1452.8 / 2025 1587.3亿元; no indicator or fact of 工业总产值.
const jialan = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/jialan-digital.json', import.meta.url), 'utf8')))
// The same park with a statistics bulletin giving 工业总产值 (sourced numbers, but not indicators or facts).
const jialanBulletin: ParkData = {
  ...jialan,
  materials: [{ title: '嘉澜经开区2025年统计公报（节选）', text: '2025年园区实现工业总产值2150.6亿元，其中汽车零部件产业实现工业总产值781.3亿元。' }],
}

// 澧州: results text “2025年上云上平台企业达到689家，较2023年增加277家。”
const lizhou = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/lizhou-base.json', import.meta.url), 'utf8')))

// 绫江: 园区增加值占全市地区生产总值比重 2023 12.4 / 2024 12.8 / 2025 13.1 %.
const lingjiang = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/lingjiang-green.json', import.meta.url), 'utf8')))

const withSteamFact: ParkData = { ...nanling, facts: [...nanling.facts, { label: '余热回收利用量', value: 42, unit: '万吨蒸汽', period: '2025' }] }

const UNTRACED = '该数字在园区数据和上传材料中找不到来源'
const SUGGESTION = '核对数据来源，或在“园区资料”的“量化数据”中补充该数字及出处。'

const table = testRule(numberTraceRule, {
  park: nanling,
  valid: [
    // Years, dates, small counts of the text's own parts.
    '一、背景介绍\n截至2025年12月31日，园区从3个方面推进绿色转型，2014年升级为省级经济技术开发区。',
    // 12000个 = 1.2万个; a standard number and the years in a title in 《》 are not claims.
    '二、创新举措\n园区接入12000个监测点位，按GB/T 4754-2017分类，落实《南岭市“十四五”工业发展规划（2021—2025年）》。',
    // A 百分点 derived from the two figures beside it.
    '三、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。',
    // A rate and a multiple of the two figures beside it (45 → 8: −82.2%, 5.6倍).
    '三、实践成效\n预警平均响应时间由45分钟缩短至8分钟，缩短82.2%，响应速度提升至原来的5.6倍。',
    // Rounded to fewer decimals; derived growth rates of the park's indicators.
    '一、背景介绍\n2025年园区营业收入968亿元，较2023年增长20.5%，年均增长9.8%。',
    // Codes, ordinals, service patterns.
    '二、创新举措\n依托5G网络和工业4.0理念，提供7×24小时服务，园区入选第2批试点，（1）强化统筹。',
    // Another unit of the same quantity; a derived share.
    '一、背景介绍\n园区实际管理面积32.6平方公里，开发强度73.9%。',
    // A bound true of the datum its words name (营业收入 968.2亿元).
    '一、背景介绍\n2025年园区营业收入超过900亿元。',
    // Contradicting the datum it names (2025: 2.05) is number-consistency's finding, not an untraced figure.
    '三、实践成效\n单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤。',
    // A change that contradicts the before and after beside it (93.6 − 71.3 = 22.3; 45 → 8 is 82.2%) is
    // number-consistency's finding.
    '三、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%，提高23.5个百分点。',
    '三、实践成效\n预警平均响应时间由45分钟缩短至8分钟，缩短85%。',
    // Numbers of the park's uploaded materials.
    { text: '二、创新举措\n园区完成节能技改项目23个，节约标准煤4.6万吨。', park: withMaterials },
    // A fact whose unit names its material (42 万吨蒸汽) traces the figure the draft writes with it.
    { text: '三、实践成效\n2025年余热回收利用量为42万吨蒸汽。', park: withSteamFact },
    // A duration and a month.
    '二、创新举措\n近3年来，园区每年6月开展安全生产月活动。',
    // A share of a figure of its sentence in the park's indicator of the same unit and year (538.9 / 1587.3 = 34.0%),
    // though the sentence does not state the whole …
    {
      text: '一、背景介绍\n园区2025年实现营业收入1587.3亿元。\n汽车零部件是园区第一大主导产业，2025年实现营业收入538.9亿元，占园区营业收入的34.0%。',
      park: jialan,
    },
    // A figure equal to a datum its words name in other terms (增加值占全市GDP比重 ~ 园区增加值占所在城市地区生产总值比重).
    { text: '一、背景介绍\n2024年园区增加值占全市GDP比重为12.8%。', park: lingjiang },
    // A number of the park's texts whose own clause names nothing (“2025年上云上平台企业达到689家，较2023年增加277家。”):
    // its words cannot contradict the figure's, which names the subject.
    { text: '二、发展亮点和成效\n通过建设澧州工业互联网公共服务平台，2025年上云上平台企业较2023年增加277家。', park: lizhou },
    // … or in a figure of its paragraph (781.3 / 2150.6 = 36.3%).
    {
      text: '一、背景介绍\n2025年园区实现工业总产值2150.6亿元。其中，汽车零部件产业实现工业总产值781.3亿元，占全园区的36.3%。',
      park: jialanBulletin,
    },
  ],
  invalid: [
    {
      // Equal to a number of the data that is something else (12.8% is the 2024 share of the city's GDP): the words
      // around a figure must describe what the datum is.
      text: '三、实践成效\n入驻企业生产效率平均提升12.8%。',
      park: lingjiang,
      errors: [{ span: '12.8%', message: `${UNTRACED}：“入驻企业生产效率平均提升12.8%”。` }],
    },
    {
      // 27.8% is 绿电消费占比 in 2025, 37家 the 重点用能企业 on line monitoring.
      text: '三、实践成效\n企业订单交付周期缩短27.8%，培育专精特新企业37家。',
      errors: [{ span: '27.8%' }, { span: '37家' }],
    },
    {
      text: '二、创新举措\n园区完成节能技改项目23个。',
      errors: [{ span: '23个', severity: 'warning', message: `${UNTRACED}：“园区完成节能技改项目23个”。`, suggestion: SUGGESTION }],
    },
    {
      // The data has 22.3个百分点: a percent is not a 百分点.
      text: '三、实践成效\n工业固体废弃物综合利用率提高22.3%。',
      errors: [{ span: '22.3%', message: '园区数据中有22.3个百分点，注意百分比（%）与百分点不能混用。' }],
    },
    {
      // No label of the park names 研发投入强度: nothing to compare with, nothing to trace to.
      text: '三、实践成效\n规上企业研发投入强度由2.1%提高到2.8%。',
      errors: [
        { span: '2.1%', message: `${UNTRACED}：“规上企业研发投入强度由2.1%”。` },
        { span: '2.8%', message: '“企业研发投入强度由2.1%提高到2.8%”' },
      ],
    },
    {
      text: '一、背景介绍\n2023—2025年，园区累计投入专项资金2.6亿元，带动企业投资15亿元。',
      errors: [
        { span: '2.6亿元', message: '“园区累计投入专项资金2.6亿元”' },
        { span: '15亿元', message: '“带动企业投资15亿元”' },
      ],
    },
    {
      // Without its before and after beside it, a rate needs a source (82.2% would be the park's; 85% is not).
      text: '三、实践成效\n预警平均响应时间缩短85%。',
      errors: [{ span: '85%' }],
    },
    {
      text: '二、创新举措\n园区建成分布式储能电站5座、公共充电桩320个。',
      errors: [{ span: '5座' }, { span: '320个' }],
    },
    {
      // Headings state figures too.
      text: '三、实践成效\n（一）碳排放强度下降25%\n单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。',
      errors: [{ span: '25%', section: '三、实践成效/（一）' }],
    },
    {
      // 18% would be 18.4% (增加值占比) rounded: too imprecise to stand for it without a label.
      text: '三、实践成效\n（一）碳排放强度下降18%\n单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。',
      errors: [{ span: '18%' }],
    },
    {
      // A number of another park (绫江: 印染企业68家).
      text: '一、背景介绍\n园区集聚印染企业68家，带动就业3200人。',
      errors: [{ span: '68家' }, { span: '3200人' }],
    },
    {
      // A bound is traced only through the datum it names, not through any larger number.
      text: '二、创新举措\n园区培育节能服务机构超过20家。',
      errors: [{ span: '20家' }],
    },
    {
      format: 'markdown',
      text: '## 二、创新举措\n\n**1. 绿电直供。**园区建成分布式光伏电站15座。',
      errors: [{ span: '15座' }],
    },
    {
      // A share no figure of its sentence and no datum of its year gives: 538.9 / 1587.3 is 34.0%, not 36.0%.
      text: '一、背景介绍\n汽车零部件产业2025年实现营业收入538.9亿元，占园区营业收入的36.0%。',
      park: jialan,
      errors: [{ span: '36.0%', message: '“占园区营业收入的36.0%”' }],
    },
    {
      // The year counts: 412.6 is of 2023, whose 营业收入 was 1326.5 (31.1%); 34.0% is the 2025 share.
      text: '一、背景介绍\n2023年汽车零部件产业实现营业收入412.6亿元，占园区营业收入的34.0%。',
      park: jialan,
      errors: [{ span: '34.0%' }],
    },
    {
      // A percentage without share words is not read as a share (538.9 / 1587.3 = 34.0% by chance).
      text: '一、背景介绍\n2025年汽车零部件产业实现营业收入538.9亿元，研发投入强度达到34.0%。',
      park: jialan,
      errors: [{ span: '34.0%' }],
    },
    {
      // The whole must be in the paragraph: 2150.6亿元 stated in the paragraph before is no partner.
      text: '一、背景介绍\n2025年园区实现工业总产值2150.6亿元。\n其中，汽车零部件产业实现工业总产值781.3亿元，占全园区的36.3%。',
      park: jialanBulletin,
      errors: [{ span: '36.3%' }],
    },
  ],
})

describe('number-trace', () => {
  describeCases(table)

  it('is silent on the clean draft of the example park', () => {
    expect(runRule(numberTraceRule, nanlingDraft(), { park: nanling }).findings).toEqual([])
  })

  it('reports an error with the strict option', () => {
    const { findings } = runRule(numberTraceRule, '二、创新举措\n园区完成节能技改项目23个。', {
      park: nanling,
      setting: { options: { strict: true } },
    })
    expect(findings.map((f) => [f.severity, f.excerpt])).toEqual([['error', '园区完成节能技改项目23个。']])
  })

  it('finds sources in the uploaded materials passed to the checker', () => {
    const text = '二、创新举措\n园区完成节能技改项目23个，节约标准煤4.6万吨。'
    const run = (materials: string[]) =>
      checkReport({ doc: parseReport(text, 'text'), kind: getKind('innovation-green'), park: nanling, materials, rules: [numberTraceRule] })
        .findings.map((f) => text.slice(f.start, f.end))
    expect(run([])).toEqual(['23个', '4.6万吨'])
    expect(run(['2025年园区完成节能技改项目23个，节约标准煤46000吨。'])).toEqual([])
  })
})
