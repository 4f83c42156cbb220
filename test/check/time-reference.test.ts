import { describe } from 'vitest'
import { timeReferenceRule } from '../../src/check/rules/time-reference.js'
import { describeCases, testRule } from './rule-tester.js'

// Sentences from published park texts (宜都高新区 2024-11-11 融媒报道, 中化新网 绿色化工园区名录, 智慧化工园区试点示范
// 报道), with the park names left as published.
const table = testRule(timeReferenceRule, {
  valid: [
    // A number of days is a span, not a date; 每月5日 is a habit.
    '二、创新举措\n企业应在30日内完成整改，园区每月5日发布监测数据，整改期限为15日。',
    // The sentence states its year: its months and days are dated.
    '二、创新举措\n2025年3月，园区启动中水回用中心二期建设，6月底建成投运，8月1日起全面运行。',
    '三、实践成效\n截至2025年9月，全国化工园区认定工作已基本完成。',
    '三、实践成效\n园区2025年上半年实现规上工业总产值312亿元。',
    // A duration and a habit are not dates.
    '二、创新举措\n项目建设周期压缩至3个月，园区每年3月组织一次应急演练。',
    // 后年 and 前年 inside other words: 投产后|年产值, 三年前|年均.
    '三、实践成效\n项目投产后年产值可达12亿元。',
    // 10日前 is “before the 10th” of a dated month.
    '二、创新举措\n2025年起，企业须在每月10日前报送能耗数据。',
    // 近年来 names a period, not a moment the reader must place.
    '一、背景介绍\n近年来，园区着力推进化工产业转型升级。',
    // fixtures/real/33: the sentence names the year it speaks of, so its 今年 is that year.
    '一、背景介绍\n2022年是全面贯彻党的二十大精神的开局之年，今年以来，开发区坚持稳中求进工作总基调。',
    // fixtures/real/12: a year heading an event's name dates the sentence's days; the clause's own year dates 目前.
    '三、实践成效\n10月29日至31日，2024中国化工园区发展大会在成都举行。园区目前已建成15个智慧园区（截至2025年6月底）。',
  ],
  invalid: [
    {
      // N years before the writing, the past year, the new year (fixtures/real/dev2/58, 62, 83); 近3年 and 前期 are not.
      text:
        '一、背景介绍\n与3年前的认定工作方案相比，约束性指标和内容显著增多。过去一年，经开区共签约项目52个。新年伊始，招商一局签约项目8个。' +
        '近3年园区项目前期工作加快。',
      errors: [
        { span: '3年前', message: '“3年前”没有写明年份', suggestion: '改为具体年份（如“2022年”），以实际年份为准。' },
        { span: '过去一年', message: '“过去一年”是相对时间' },
        { span: '新年伊始' },
      ],
    },
    {
      // A news item's 5日 and 8月22-27日, a speech's 今天 (fixtures/real/54, 55, 42).
      text: '三、实践成效\n5日，中国绿色新材料（珠海）产业园揭牌。在8月22-27日的招商周里，客商纷至沓来。今天的会议很重要。',
      errors: [
        { span: '5日', message: '“5日”没有写明年份', suggestion: '改为“2025年×月5日”这样带年份的写法（以实际年份为准）。' },
        { span: '8月22-27日' },
        { span: '今天', message: '“今天”是相对时间' },
      ],
    },
    {
      text: '三、实践成效\n今年，化工园清洁生产审核创新试点项目通过国家级清洁生产审核创新试点评估。',
      errors: [{ span: '今年', severity: 'warning', message: '相对时间', suggestion: '具体年份' }],
    },
    {
      text: '三、实践成效\n截至目前，全国共有37家化工园区被列入“绿色化工园区名录”。',
      errors: [{ span: '截至目前', message: '“截至目前”是相对时间' }],
    },
    {
      text: '三、实践成效\n截止目前，已开展了三批“智慧化工园区试点示范（创建）单位”的申报工作。就在前段时间，园区启动化工产业改造提升2.0版。',
      errors: [{ span: '截止目前' }, { span: '前段时间' }],
    },
    {
      // The longest word wins; a month without its year is reported once, with its end.
      text: '三、实践成效\n今年以来，园区新增规上企业12家，6月底前完成全部危险化学品储存点位整治。',
      errors: [{ span: '今年以来' }, { span: '6月底', message: '“6月底”没有写明年份', suggestion: '改为“2025年6月底”' }],
    },
    {
      // The year of one sentence does not date the next.
      text: '二、创新举措\n2024年园区启动智慧园区建设。目前平台已接入企业86家，8月1日起实行线上审批，力争年底前全面建成，明年3月通过验收。',
      // 明年3月 is one place to fix: its month follows 年.
      errors: [{ span: '目前' }, { span: '8月1日' }, { span: '年底' }, { span: '明年' }],
    },
    {
      text: '三、实践成效\n上半年，园区实现工业总产值156亿元，1—6月新增入园项目9个。',
      errors: [{ span: '上半年' }, { span: '1—6月' }],
    },
    {
      // fixtures/real/02: the year of an earlier clause is when the platform was built, not when 目前 is.
      text: '二、创新举措\n园区于2024年7月完成基本建设，同年8月正式上线运行，目前正在完善运行机制。',
      errors: [{ span: '目前', message: '“目前”是相对时间，报告在次年评审和存档时读者无法确定具体年份，应写明年份。', suggestion: '写明是哪一年哪一月的情况' }],
    },
    {
      // fixtures/real/15 and 38: 前面5个月, 当前 and 全年 without a year.
      text: '三、实践成效\n前面5个月，园区主要经济指标稳步推进。当前，园区着重抓好10个在建重大项目，为全年目标的实现打好基础。',
      errors: [{ span: '前面5个月', message: '“前面5个月”没有写明年份' }, { span: '当前' }, { span: '全年' }],
    },
  ],
})

describe('time-reference', () => describeCases(table))
