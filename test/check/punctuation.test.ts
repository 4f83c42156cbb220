import { describe } from 'vitest'
import { punctuationRule } from '../../src/check/rules/punctuation.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(punctuationRule, {
  valid: [
    '三、实践成效\n园区单位工业增加值能耗下降2.46%，工业固废综合利用率达到96.8%。',
    // Numbers keep their marks: a scale, a time, a thousands separator.
    '二、创新举措\n按照1:500比例尺完成园区三维建模，每日8:30自动生成能耗日报，接入企业1,200家。',
    // Latin tokens and a standard number in Latin context.
    '二、创新举措\n建成IPv6规模部署和5G-A基站48个。园区统计口径参照英文版 Industrial Classification for National Economic Activities (GB/T 4754-2017) 执行。',
    // URLs keep their ? : . and the dot after a URL is not a Chinese sentence end.
    '二、创新举措\n企业可通过https://zwfw.nanling.gov.cn/service?id=12在线申报，详见www.nanling.gov.cn.',
    // Heading markers 1. and （1） are not prose; decimals are not sentence ends.
    '二、创新举措\n（一）建设平台底座\n1. 建设能碳管理平台。园区接入重点用能企业63家，覆盖率达到100%。\n（1）数据采集。累计采集数据2.3亿条。',
    // Paired marks, and a list written 1）2）.
    '三、实践成效\n“链长制”推动产业链上下游配套率由42%提升至61%（见表1），入选《2025年湖南省绿色制造典型案例》。主要做法包括：1）建设能碳平台；2）推行合同能源管理。',
    // ？！ is an accepted combination; an ellipsis written …… is right; a nested quotation uses ‘’.
    '一、背景介绍\n中小企业“不敢转、不会转”怎么办？！园区推出‘上云用数赋智’等“‘一企一策’服务包”……',
    // Runs of spaces are the blanks of a form, not PDF artefacts.
    '一、背景介绍\n填写日期：2026年    月    日',
    // A comma after 一是, 特别是, 的是, 行为, 作为, 理由 is normal: those are other words than the bare 是, 为, 由.
    '二、创新举措\n一是，建立链长制；二是，推行亩均评价改革。特别是，园区对违法排污行为，一律从严查处。值得一提的是，园区要求干部敢于担当、有所作为，服务企业不讲理由，办事不拖延。',
    // Spaces that separate parts: slogan halves, a news headline's parts, a byline's names (fixtures/real/13, 33, 37).
    '东山：筑巢引凤添动力 招商引资促发展\n一、背景介绍\n园区围绕“项目攻坚年 作风建设年”工作部署推进招商。（吴建军 王齐）',
    // A paragraph that spaces every figure is typeset that way (a web page's style), not slipped.
    '三、实践成效\n园区 2024 年新增企业 12 家，实现产值 3.5 亿元，同比增长 8.6 %。',
    '“智慧平台的建设，有效提升了安全风险管理的信息化水平，”仙人岛经济开发区管委会副主任陈福昊说。\n',
    '重庆启动智慧园区管理服务平台建设 今年已建成15个智慧园区\n一、背景介绍\n园区建成智慧平台。\n01 以管委会为核心，建立应急指挥体系。',
    // A Latin token keeps its space; a telephone number, a date and a standard number keep their hyphens; 依次使用“一、”
    // quotes a heading mark.
    '二、创新举措\n园区完成IPv6 地址改造，服务电话0571-88886666，2024-10-24上线，执行GB/T 4754-2017。标题依次使用“一、”“（一）”。',
    { text: '# 标题\n\n## 一、背景介绍\n\n**园区**规模以上工业企业**218家**，*2025年*营收968.2亿元。', format: 'markdown' },
  ],
  invalid: [
    {
      // Spaces around a figure (a 汇报 as published, fixtures/real/07, 16): 总产值 72.38亿元, 27.77 %, 1500万元 用于.
      text: '三、实践成效\n园区规上企业实现工业总产值 72.38亿元，高新技术产业产值同比增长27.77 %，其中1500万元 用于技改。',
      errors: [
        { span: ' ', message: '数字与汉字、单位或百分号之间多出空格' },
        { span: ' ', message: '数字与汉字、单位或百分号之间多出空格' },
        { span: ' ', message: '汉字之间多出空格' },
      ],
      output: '三、实践成效\n园区规上企业实现工业总产值72.38亿元，高新技术产业产值同比增长27.77%，其中1500万元用于技改。',
    },
    {
      // Hyphens for chains and ranges, a doubled dash between figures, a comma inside a closing quote (GB/T 15834 4.13;
      // fixtures/real/04, 11, 17, 16).
      text:
        '二、创新举措\n园区通过“绿电生产-绿电消纳-绿色产品输出”的内循环体系推进。1-9月，园区于10月11日-13日举办展会，填写1-3个主导产业，' +
        '配套率达50%——60%。老百姓常说“致富靠谁，”园区答：靠产业。',
      errors: [
        { span: '-', message: '一字线' },
        { span: '-', message: '一字线' },
        { span: '-', message: '标示时间的起止' },
        { span: '-', message: '标示时间的起止' },
        { span: '-', message: '浪纹线' },
        { span: '——', message: '浪纹线' },
        { span: '，”', message: '逗号应放在引号之外' },
      ],
      output:
        '二、创新举措\n园区通过“绿电生产—绿电消纳—绿色产品输出”的内循环体系推进。1—9月，园区于10月11日—13日举办展会，填写1～3个主导产业，' +
        '配套率达50%～60%。老百姓常说“致富靠谁”，园区答：靠产业。',
    },
    {
      text: '二、创新举措\n园区建成能碳管理平台,接入企业63家;平台功能包括:能耗监测、碳排放核算.企业满意度达到98%.',
      errors: [
        { span: ',', severity: 'error', message: '半角“,”应改为全角“，”' },
        { span: ';', severity: 'error' },
        { span: ':', severity: 'error' },
        { span: '.', severity: 'error', message: '句号' },
        { span: '.', severity: 'error' },
      ],
      output: '二、创新举措\n园区建成能碳管理平台，接入企业63家；平台功能包括：能耗监测、碳排放核算。企业满意度达到98%。',
    },
    {
      // English-style spacing after a comma goes with the comma; ? and ! next to Chinese too.
      text: '一、背景介绍\n如何破解“不敢转”难题? 园区决定, 从平台入手!',
      errors: [{ span: '? ' }, { span: ', ' }, { span: '!' }],
      output: '一、背景介绍\n如何破解“不敢转”难题？园区决定，从平台入手！',
    },
    {
      // Chinese inside half-width brackets is an error, a mixed pair too; Latin inside next to Chinese is style.
      text: '一、背景介绍\n园区主导产业为锂电新材料(含正极材料、电解液)，推广制造执行系统(MES)，企业共86家（含规上企业41家)。',
      errors: [
        { span: '(', severity: 'error' },
        { span: ')', severity: 'error' },
        { span: '(', severity: 'warning', message: '即使括号内没有汉字' },
        { span: ')', severity: 'warning' },
        { span: ')', severity: 'error' },
      ],
      output: '一、背景介绍\n园区主导产业为锂电新材料（含正极材料、电解液），推广制造执行系统（MES），企业共86家（含规上企业41家）。',
    },
    {
      text: '二、创新举措\n园区推行"链长制",建立「一企一策」和\'数治园区\'机制，打造“\'智慧安监\'平台”。',
      errors: [
        { span: '"', severity: 'warning', message: '左双引号' },
        { span: '"', severity: 'warning', message: '右双引号' },
        { span: ',', severity: 'error' },
        { span: '「', severity: 'warning', message: '直角引号是港台及日文用法' },
        { span: '」', severity: 'warning' },
        { span: "'", severity: 'warning', message: '左双引号' },
        { span: "'", severity: 'warning', message: '右双引号' },
        { span: "'", severity: 'warning', message: '左单引号' },
        { span: "'", severity: 'warning', message: '右单引号' },
      ],
      output: '二、创新举措\n园区推行“链长制”，建立“一企一策”和“数治园区”机制，打造“‘智慧安监’平台”。',
    },
    {
      // Unpaired marks are pointed at, not fixed (output unchanged): only the writer knows where the other half goes.
      text: '三、实践成效\n园区获评“国家绿色工业园区，单位产值能耗下降18.6%（2023—2025年。编制《湖南省绿色制造体系建设实施方案，设立【绿色工厂专栏。',
      errors: [
        { span: '“', severity: 'error', message: '左双引号没有配对的右双引号' },
        { span: '（', severity: 'error', message: '“（”没有配对的“）”', suggestion: '补上缺少的另一半' },
        { span: '《', severity: 'error', message: '“《”没有配对的“》”' },
        { span: '【', severity: 'error', message: '“【”没有配对的“】”' },
      ],
      output: '三、实践成效\n园区获评“国家绿色工业园区，单位产值能耗下降18.6%（2023—2025年。编制《湖南省绿色制造体系建设实施方案，设立【绿色工厂专栏。',
    },
    {
      // A closing mark with no opening one, inside a bracket pair: the bracket pair is still matched.
      text: '三、实践成效\n园区入选国家绿色工业园区”名单（工业和信息化部2024年公布》）。',
      errors: [{ span: '”', message: '右双引号没有配对的左双引号' }, { span: '》' }],
    },
    {
      text: '三、实践成效\n园区累计培育绿色工厂12家，，绿色供应链管理企业3家。。危废处置率100%，。',
      errors: [
        { span: '，，', severity: 'error', message: '重复' },
        { span: '。。', severity: 'error' },
        { span: '，。', severity: 'error', message: '应只保留“。”' },
      ],
      output: '三、实践成效\n园区累计培育绿色工厂12家，绿色供应链管理企业3家。危废处置率100%。',
    },
    {
      // Traces of a deletion are pointed at, not fixed: 、、 has lost a list item, 由， 为， 是， their object.
      text:
        '一、背景介绍\n园区先后获评国家新型工业化产业示范基地、、省级绿色园区等称号。该称号由，旨在引导园区绿色低碳发展。' +
        '专项行动牵头单位为，各成员单位按职责分工推进。首批获奖企业是，南岭新能锂电材料股份有限公司。',
      errors: [
        { span: '、、', severity: 'error', message: '列举中可能缺少一项', suggestion: '补上漏掉的一项' },
        { span: '由，', severity: 'warning', message: '“由”后直接接逗号，可能漏写了内容' },
        { span: '为，', severity: 'warning' },
        { span: '是，', severity: 'warning' },
      ],
      output:
        '一、背景介绍\n园区先后获评国家新型工业化产业示范基地、、省级绿色园区等称号。该称号由，旨在引导园区绿色低碳发展。' +
        '专项行动牵头单位为，各成员单位按职责分工推进。首批获奖企业是，南岭新能锂电材料股份有限公司。',
    },
    {
      // Spaces left by PDF line wrapping, as in the seed 003 conversion (“市场占有 率”).
      text: '一、背景介绍\n园区工业固废综合 利用率达到96.8%， 市场占有　率居全省第一。',
      errors: [
        { span: ' ', severity: 'warning', message: '汉字之间多出空格' },
        { span: ' ', severity: 'warning' },
        { span: '　', severity: 'warning' },
      ],
      output: '一、背景介绍\n园区工业固废综合利用率达到96.8%，市场占有率居全省第一。',
    },
    {
      text: '二、创新举措\n推广光伏、储能、氢能等...建成分布式光伏电站、充电桩等…',
      errors: [
        { span: '...', severity: 'warning', message: '省略号应写作“……”' },
        { span: '…', severity: 'warning' },
      ],
      output: '二、创新举措\n推广光伏、储能、氢能等……建成分布式光伏电站、充电桩等……',
    },
    {
      // Markdown: the finding points at the source character between ** decorations.
      text: '## 二、创新举措\n\n**园区**建成能碳平台,接入**企业63家**.',
      format: 'markdown',
      errors: [{ span: ',' }, { span: '.' }],
      output: '## 二、创新举措\n\n**园区**建成能碳平台，接入**企业63家**。',
    },
    {
      // Titles and headings are checked too.
      text: '铜都智脑、物联数枢,"数治园区"推动铜基新材料数智升级\n一、背景介绍\n园区营收968.2亿元。',
      errors: [{ span: ',', section: '标题' }, { span: '"' }, { span: '"' }],
      output: '铜都智脑、物联数枢，“数治园区”推动铜基新材料数智升级\n一、背景介绍\n园区营收968.2亿元。',
    },
  ],
})

describe('punctuation', () => {
  describeCases(table)
})
