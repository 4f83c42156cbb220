import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { numberConsistencyRule } from '../../src/check/rules/number-consistency.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { validateParkData } from '../../src/park/validate-park.js'
import { nanlingDraft, nanlingPark } from './parks.js'
import { runRule, describeCases, testRule } from './rule-tester.js'

function loadPark(name: string): ParkData {
  const result = validateParkData(JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')))
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.park
}

// 南岭经济技术开发区 (innovation-green): 营业收入 2025 968.2 / 2024 887.5 / 2023 803.6亿元, 主导产业营业收入 2025 512.4亿元,
// 实际管理面积 3260公顷, 容积率 1.12, 国家高新技术企业 214, 绿色工厂 9, 单位能耗碳排放 2.05 (2025; fact 2023: 2.46),
// 综合利用率 93.6% (2025; fact 2023: 71.3%), facts: 安全监测点位 1.2万个, 预警平均响应时间 45 → 8分钟.
const nanling = nanlingPark()
// 嘉澜经济技术开发区 (innovation-digital) with 规上工业企业数字化改造率 set to 82.6%; its facts hold the 汽车零部件 series
// 数字化改造率 38.6% (2023) → 71.2% (2025), 订单交付周期 21 → 12天, 库存周转次数 6.2 → 9.8次/年.
const jialan = loadPark('jialan-digital')
jialan.indicators!.digital!.digitalTransformationRate = 82.6
const lingjiang = loadPark('lingjiang-green')

// The 南岭 park with the output of a biomass-fuel plant (16.8万吨 in 2025), to tell output from capacity.
const withFuelOutput: ParkData = {
  ...nanling,
  facts: [...nanling.facts, { label: '生物质成型燃料年产量', value: 16.8, unit: '万吨', period: '2025' }],
}

const table = testRule(numberConsistencyRule, {
  park: nanling,
  valid: [
    // A label before the figure that names something else: a part of its set (……企业中……的仅21家), the maker of
    // what the figure counts (服务商推出的58个方案包), a capacity (年产20万吨) where the data counts output.
    '一、背景介绍\n2023年，园区国家高新技术企业中自建研发中心的仅21家。',
    { text: '二、创新举措\n园区23家数字化服务商推出的58个方案包在典型工序落地应用。', park: jialan },
    { text: '二、创新举措\n园区引进企业建设年产20万吨生物质成型燃料项目。', park: withFuelOutput },
    // Rounded to fewer decimals than the data: 968 for 968.2.
    '一、背景介绍\n2025年，园区实现营业收入968亿元。',
    // Other years of a yearly indicator.
    '一、背景介绍\n2024年，园区实现营业收入887.5亿元，利润总额55.2亿元。',
    // Dates and ordinals are not figures; 家 counts what the template counts in 个.
    '一、背景介绍\n截至2025年12月31日，园区实际管理面积3260公顷，集聚国家高新技术企业214家、国家级专精特新“小巨人”企业13家。',
    // A derived 百分点 next to its inputs is a change, not a level.
    '三、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。',
    // 1.2万个 and 12000个 are the same number; 32.6平方公里 is 3260公顷.
    '二、创新举措\n园区建成智慧安全应急管理平台，接入12000个监测点位，覆盖实际管理面积32.6平方公里。',
    // The year in the clause fixes the period; it carries over to the next clause of the sentence.
    '一、背景介绍\n2023年园区单位能耗碳排放2.46吨/吨标准煤，工业固体废弃物综合利用率仅为71.3%。',
    // The year of an earlier clause that the data does not have (2014) does not block the comparison.
    '一、背景介绍\n园区始建于2006年，2014年升级为省级经济技术开发区，实际管理面积3260公顷。',
    // An industry's revenue is not the park's total.
    '一、背景介绍\n新能源电池材料是园区第一主导产业，2025年营业收入512.4亿元。',
    // Increments and provincial titles are not the park's count of 国家级绿色工厂.
    '一、背景介绍\n2025年园区新增国家级绿色工厂3家，另有省级绿色工厂12家。',
    // A bound that the data satisfies; a growth rate is a change.
    '一、背景介绍\n2025年园区营业收入超过900亿元，年均增长9.8%。',
    // The unit decides: 万吨 of CO2 is not 吨/吨标准煤.
    '三、实践成效\n园区年减少二氧化碳排放约3万吨。',
    // The most specific label wins: the 汽车零部件 series, not the park-wide indicator.
    { text: '三、实践成效\n汽车零部件规上企业数字化改造率由38.6%提升至71.2%，全园区规上工业企业数字化改造率达82.6%。', park: jialan },
    // A fact label written verbatim (年减少二氧化碳排放) beats the indicator short form 碳排放.
    { text: '三、实践成效\n年减少二氧化碳排放约18.5万吨，单位能耗碳排放降至2.31吨/吨标准煤。', park: lingjiang },
    // Without a label of the park nearby, a number is left to number-trace.
    '二、创新举措\n园区组织企业开展节能诊断126家次。',
    // Changes that follow from the before and after beside them (42.9% and 95.2% rounded; 降幅 is a change, not a level).
    {
      text: '三、实践成效\n配套企业平均订单交付周期由21天缩短至12天，缩短9天、降幅42.9%；批次质量问题平均追溯时间由84小时缩短至4小时，降幅95.2%。',
      park: jialan,
    },
    '三、实践成效\n预警平均响应时间由45分钟缩短至8分钟，缩短82.2%，响应速度提升至原来的5.6倍。',
    // A change with a subject (物流成本) or a base (同比, 较2023年) of its own is not the change of the pair before it.
    { text: '三、实践成效\n库存周转次数由6.2次/年提升至9.8次/年，提高58.1%，配套企业平均物流成本下降15.3%。', park: jialan },
    '一、背景介绍\n园区营业收入由2023年的803.6亿元增长至2025年的968.2亿元，同比增长9.1%。',
    '一、背景介绍\n园区营业收入由2024年的887.5亿元增长至2025年的968.2亿元，较2023年增长20.5%。',
  ],
  invalid: [
    {
      text: '三、实践成效\n2025年，园区生物质成型燃料年产量达到20万吨。',
      park: withFuelOutput,
      errors: [{ span: '20万吨', message: '量化数据第' }],
    },
    {
      text: '一、背景介绍\n园区规上工业企业数字化改造率85.6%，双千兆网络覆盖率96.5%。',
      park: jialan,
      kind: 'innovation-digital',
      errors: [{
        span: '85.6%',
        severity: 'error',
        message: '文中“数字化改造率85.6%”与园区数据不一致：发展情况表“规模以上工业企业数字化改造率”（2025年）为82.6%。',
        suggestion: '改为82.6%',
      }],
      output: '一、背景介绍\n园区规上工业企业数字化改造率82.6%，双千兆网络覆盖率96.5%。',
    },
    {
      text: '一、背景介绍\n2025年，园区实现营业收入986.2亿元。',
      errors: [{ span: '986.2亿元', message: '发展情况表“营业收入”（2025年）为968.2亿元', section: '一、背景介绍' }],
      output: '一、背景介绍\n2025年，园区实现营业收入968.2亿元。',
    },
    {
      // The after of 由A降至B is the latest period (2025: the indicator).
      text: '三、实践成效\n单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤。',
      errors: [{
        span: '2.15吨/吨标准煤',
        message: '文中“单位能耗碳排放由2.46吨/吨标准煤降至2.15吨/吨标准煤”与园区数据不一致：发展情况表“单位能耗碳排放”（2025年）为2.05吨/吨标准煤。',
      }],
      output: '三、实践成效\n单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。',
    },
    {
      // The before is an earlier period (2023: the fact).
      text: '三、实践成效\n工业固体废弃物综合利用率由73.1%提升至93.6%。',
      errors: [{ span: '73.1%', message: '量化数据第4项“工业固体废弃物综合利用率”（2023年）为71.3%' }],
      output: '三、实践成效\n工业固体废弃物综合利用率由71.3%提升至93.6%。',
    },
    {
      // The 2025 value written for 2023.
      text: '一、背景介绍\n2023年园区单位能耗碳排放2.05吨/吨标准煤。',
      errors: [{ span: '2.05吨/吨标准煤', message: '（2023年）为2.46吨/吨标准煤' }],
      output: '一、背景介绍\n2023年园区单位能耗碳排放2.46吨/吨标准煤。',
    },
    {
      text: '一、背景介绍\n园区集聚国家高新技术企业241家、国家级专精特新“小巨人”企业13家。',
      errors: [{ span: '241家', message: '发展情况表“国家高新技术企业数量”（2025年）为214家' }],
      output: '一、背景介绍\n园区集聚国家高新技术企业214家、国家级专精特新“小巨人”企业13家。',
    },
    {
      // 主导产业营业收入 is the more specific label: the park total does not excuse it.
      text: '一、背景介绍\n2025年园区主导产业营业收入968.2亿元。',
      errors: [{ span: '968.2亿元', message: '发展情况表“主导产业营业收入”（2025年）为512.4亿元' }],
      output: '一、背景介绍\n2025年园区主导产业营业收入512.4亿元。',
    },
    {
      // A fact label in other words (安全监测点位), compared in the unit written.
      text: '二、创新举措\n园区建成智慧安全应急管理平台，接入1.3万个监测点位。',
      errors: [{ span: '1.3万个', message: '文中“接入1.3万个监测点位”与园区数据不一致：量化数据第9项“安全监测点位”为1.2万个。' }],
      output: '二、创新举措\n园区建成智慧安全应急管理平台，接入1.2万个监测点位。',
    },
    {
      // An undated fact is compared whatever the year: 屋顶光伏装机 86兆瓦.
      text: '二、创新举措\n2025年园区建成屋顶光伏96兆瓦、储能40兆瓦时。',
      errors: [{ span: '96兆瓦', message: '文中“园区建成屋顶光伏96兆瓦”与园区数据不一致：量化数据第5项“屋顶光伏装机”为86兆瓦。' }],
      output: '二、创新举措\n2025年园区建成屋顶光伏86兆瓦、储能40兆瓦时。',
    },
    {
      // 2023年以来 starts a span: the count is today's (2025: 9).
      text: '一、背景介绍\n2023年以来，园区累计培育国家级绿色工厂10家。',
      errors: [{ span: '10家', message: '发展情况表“国家级绿色工厂数量”（2025年）为9家' }],
      output: '一、背景介绍\n2023年以来，园区累计培育国家级绿色工厂9家。',
    },
    {
      // A unitless indicator (容积率) and a conversion (3620公顷 vs 3260).
      text: '一、背景介绍\n园区实际管理面积3620公顷，工业用地综合容积率1.21。',
      errors: [{ span: '3620公顷' }, { span: '1.21', message: '发展情况表“工业用地综合容积率”（2025年）为1.12' }],
      output: '一、背景介绍\n园区实际管理面积3260公顷，工业用地综合容积率1.12。',
    },
    {
      // A bound the data does not satisfy is reported but not fixed: the sentence needs rewriting.
      text: '一、背景介绍\n2025年园区营业收入超过1000亿元。',
      errors: [{ span: '1000亿元', message: '文中“营业收入超过1000亿元”与园区数据不一致' }],
      output: '一、背景介绍\n2025年园区营业收入超过1000亿元。',
    },
    {
      text: '三、实践成效\n2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至10分钟。',
      errors: [{ span: '10分钟', message: '量化数据第13项“预警平均响应时间”（2025年）为8分钟' }],
      output: '三、实践成效\n2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。',
    },
    {
      text: '三、实践成效\n配套企业平均订单交付周期由21天缩短至15天，库存周转次数由6.2次/年提升至9.6次/年。',
      park: jialan,
      kind: 'innovation-digital',
      errors: [
        { span: '15天', message: '“配套企业平均订单交付周期”（2025年）为12天' },
        { span: '9.6次/年', message: '“库存周转次数”（2025年）为9.8次/年' },
      ],
      output: '三、实践成效\n配套企业平均订单交付周期由21天缩短至12天，库存周转次数由6.2次/年提升至9.8次/年。',
    },
    {
      // A fact's source is named.
      text: '一、背景介绍\n2023年园区印染企业单位产品水耗1.28吨水/百米布。',
      park: lingjiang,
      errors: [{ span: '1.28吨水/百米布', message: '（2023年）为1.82吨水/百米布（来源：绫江高新区生态环境和安全生产监管局）' }],
      output: '一、背景介绍\n2023年园区印染企业单位产品水耗1.82吨水/百米布。',
    },
    {
      // A 百分点 that contradicts the before and after beside it (71.2 − 38.6 = 32.6).
      text: '三、实践成效\n汽车零部件规上企业数字化改造率由38.6%提升至71.2%，提高33.5个百分点。',
      park: jialan,
      errors: [{
        span: '33.5个百分点',
        severity: 'error',
        message: '文中“提高33.5个百分点”与同句的“由38.6%提升至71.2%”不一致：按71.2-38.6计算应为32.6个百分点。',
      }],
      output: '三、实践成效\n汽车零部件规上企业数字化改造率由38.6%提升至71.2%，提高32.6个百分点。',
    },
    {
      // A rate that is some other number of the park (54.6%: 主导产业营收占比) is still no rate of 21 → 12 days.
      text: '三、实践成效\n配套企业平均订单交付周期由21天缩短至12天，缩短54.6%。',
      park: jialan,
      errors: [{ span: '54.6%', message: '按(12-21)/21×100%计算应为42.9%' }],
      output: '三、实践成效\n配套企业平均订单交付周期由21天缩短至12天，缩短42.9%。',
    },
    {
      // 降幅 states a change like 下降 does (84 → 4 hours: 95.2%).
      text: '三、实践成效\n批次质量问题平均追溯时间由84小时缩短至4小时，降幅59.2%。',
      park: jialan,
      errors: [{ span: '59.2%', message: '按(4-84)/84×100%计算应为95.2%' }],
      output: '三、实践成效\n批次质量问题平均追溯时间由84小时缩短至4小时，降幅95.2%。',
    },
    {
      // The 百分点 agrees with the data (71.2 − 38.6); the after does not: only the after is reported, and its fix
      // makes the sentence add up.
      text: '三、实践成效\n汽车零部件规上企业数字化改造率由2023年的38.6%提升至2025年的72.1%，提高32.6个百分点。',
      park: jialan,
      errors: [{ span: '72.1%', message: '（2025年）为71.2%' }],
      output: '三、实践成效\n汽车零部件规上企业数字化改造率由2023年的38.6%提升至2025年的71.2%，提高32.6个百分点。',
    },
    {
      format: 'markdown',
      text: '## 三、实践成效\n\n**单位能耗碳排放**由2.46吨/吨标准煤降至2.15吨/吨标准煤。',
      errors: [{ span: '2.15吨/吨标准煤', section: '三、实践成效' }],
      output: '## 三、实践成效\n\n**单位能耗碳排放**由2.46吨/吨标准煤降至2.05吨/吨标准煤。',
    },
  ],
})

describe('number-consistency', () => {
  describeCases(table)

  it('is silent on the clean draft of the example park', () => {
    expect(runRule(numberConsistencyRule, nanlingDraft(), { park: nanling }).findings).toEqual([])
  })

  it('accepts rounding only when the option allows it', () => {
    const text = '一、背景介绍\n2025年，园区实现营业收入968亿元。'
    const { findings } = runRule(numberConsistencyRule, text, { park: nanling, setting: { options: { rounding: false } } })
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['968亿元'])
  })
})
