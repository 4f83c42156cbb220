import { readFileSync } from 'node:fs'
import { describe } from 'vitest'
import { vagueLanguageRule } from '../../src/check/rules/vague-language.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { validateParkData } from '../../src/park/validate-park.js'
import { describeCases, testRule } from './rule-tester.js'

function loadPark(name: string): ParkData {
  const result = validateParkData(JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')))
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.park
}

// 南岭经济技术开发区: entities include 南岭新能锂电材料股份有限公司 (enterprise, alias 南岭新能) and
// 国家级绿色工厂 (honor, alias 绿色工厂).
const nanling = loadPark('nanling-green')

const table = testRule(vagueLanguageRule, {
  park: nanling,
  valid: [
    // A plan cannot carry a result's figures yet; a lead sentence is followed by the ones that prove it.
    '三、实践成效\n下一步，园区将不断提升安全监管能力。',
    '三、实践成效\n一是经济实力明显增强。2024年园区实现营业收入312亿元，同比增长12.5%。',
    // A figure in the sentence supports the phrase.
    '三、实践成效\n园区单位工业增加值能耗由0.52吨标准煤/万元降至0.43吨标准煤/万元，绿色发展取得显著成效。',
    // A Chinese numeral with a measure word is a figure too.
    '三、实践成效\n培育国家级绿色工厂五家，产业链配套能力大幅提升。',
    // The official full name of a registered enterprise is a concrete fact.
    '三、实践成效\n南岭新能锂电材料股份有限公司建成零碳工厂，能碳管理水平全面提升。',
    '三、实践成效\n南岭新能锂电材料股份有限公司的研发能力显著增强。',
    // A proper noun in “” or 《》 is a concrete fact.
    '二、创新举措\n“链长制”推动上下游协同稳步推进；《南岭市新能源电池材料产业链发展行动方案》落地见效。',
    // Headings are 领句: the figures belong in the paragraph below them.
    '三、实践成效\n（三）安全生产形势持续向好\n2025年园区未发生较大及以上生产安全事故，隐患整改率达到100%。',
    // An inline heading (1. 领句。正文) is exempt too; only its lead sentence is judged.
    '二、创新举措\n1. 能碳管理水平全面提升。能碳管理平台接入重点用能企业63家。',
    // A quoted statement keeps its figures (only a short slogan's code is masked).
    '三、实践成效\n园区负责人介绍：“今年园区规上工业增加值增长12.5%，发展态势持续向好。”',
    // A condition, an aim or a noun phrase claims nothing: 随着……的持续下降, 为推动……不断提升, ……等多个市州 (listed before).
    '一、背景介绍\n随着光伏、风电成本的持续下降，园区正从被动减排转向主动消纳。',
    '一、背景介绍\n为推动示范基地不断提升发展水平，工业和信息化部组织开展示范基地发展质量评价工作。',
    '三、实践成效\n攀枝花、雅安、甘孜、凉山等多个市州实现5G工厂零的突破。',
    // Problems emerge too: 显现 of a 矛盾 is no claimed result.
    '一、背景介绍\n但热潮之下，标准混战、资金困局、技术适配等深层矛盾正逐步显现。',
    // Figures later in the same sentence support the claim before them.
    '三、实践成效\n五星示范基地发展成效突出，产业实力雄厚，平均销售收入近4000亿元。',
    // An unnumbered sub-heading (a short line without a sentence mark) is a 领句 like a numbered one.
    '三、实践成效\n我省产业数字化融合应用走在全国前列\n截至2024年底，全省已建成5G工厂126家。',
    // A ranking, comparison or superlative with its figure in the clause is evidence; 不少于 is a threshold; a problem
    // that 不少地区 share claims no result; an aim to 取得实效 is a plan.
    '三、实践成效\n园区综合排名居全省第3位，位居全省前列；工业增加值增速高于全省平均水平2.3个百分点；建成全国最大的单体储能电站，装机容量200兆瓦。',
    '一、背景介绍\n受疫情影响，不少地区产业发展陷入停滞状态。园区要求每家企业配备安全员不少于2名，确保整改取得实效。',
    // Phrases not in the list are not this rule's business.
    '二、创新举措\n园区坚持问题导向，聚焦新能源电池材料产业链的薄弱环节。',
    // A speaker's demand (李东强调，) opens a plan: the paragraph's sentences from there on say what was demanded
    // (fixtures/real/dev3/135).
    '二、创新举措\n7月29日，园区召开项目推进会。李东强调，一是紧抓招商工作。二是通过延链招商，精准落地一批互补性企业，推动园区竞争力不断提升。',
    // An ongoing degree-led verb opening its clause with an object says what a measure is for (fixtures/real/dev2/92,
    // 57); 为 right before it is an aim (dev2/99).
    '二、创新举措\n园区对平台转派事件实行实时调度，进一步提高响应、办结效率。项目投产后，将为进一步优化产业结构注入动能。',
    // 第一批 is a batch's ordinal, the name of a list (fixtures/real/dev2/101, 57, 63); 计划 and 拟 as verbs still make a plan.
    '三、实践成效\n园区企业入选湖北省第一批5G全连接工厂名单。园区计划年底前形成一批特色产业集群，拟引进一批配套企业。',
    // A clause that opens with its action and takes 一批 as object states a task (fixtures/real/45, dev3/135).
    '二、创新举措\n拓展融合应用，培育一批典型应用场景和解决方案。园区紧抓项目投资建设，积极推进一批重大产业项目落地建成。',
  ],
  invalid: [
    {
      // 一批 as a result: after 通过 (a means the text claims it took), with 了, or with a result verb (fixtures/real/43, 08).
      text: '三、实践成效\n园区通过引进一批龙头企业，吸引了多家配套企业入驻，新建和改造了一批道路、供水、供电设施。',
      errors: [{ span: '一批' }, { span: '多家' }, { span: '一批' }],
    },
    {
      // A programme's name (产业倍增计划，, fixtures/real/08) and 虚拟/模拟 hold 计划 and 拟 as nouns: no plan, the claim stands.
      text: '三、实践成效\n园区实施产业倍增计划，推动先进制造业和现代服务业融合发展，形成一批战略性新兴产业集群。园区建成虚拟电厂，调峰能力显著提升。',
      errors: [{ span: '一批', message: '“一批”是空泛表述，所在句子没有数字或具体事实支撑。' }, { span: '显著提升' }],
    },
    {
      // A claim keeps its subject (产业结构进一步优化), an evaluative adverb (有效减少, fixtures/real/39) or its 了.
      text: '三、实践成效\n园区产业结构进一步优化，光伏项目投运后有效减少碳排放量，持续提升了服务效率。',
      errors: [{ span: '进一步优化' }, { span: '有效减少' }, { span: '持续提升了', message: '“持续提升了”是空泛表述，所在句子没有数字或具体事实支撑。' }],
    },
    {
      // Evaluative predicates and propaganda formulas without their figure (fixtures/real/dev3/139, 143, 145, 146): any
      // modifier between 取得了 and 的成效, 成绩 as the subject of 显著, 卓有成效, 历史性突破, 大好局面, a metaphor
      // (奏响……华章) and 做出了重要贡献 judged by their clause.
      text:
        '三、实践成效\n全区各级各部门加油实干，取得了实实在在的成效，成绩显著。园区建设卓有成效，工业经济实现了历史性突破，形成了大好发展局面。' +
        '经过30年发展，园区奏响了高质量发展的精彩华章，为当地经济做出了重要贡献。',
      errors: [
        { span: '取得了实实在在的成效', message: '“取得了实实在在的成效”是空泛表述，所在句子没有数字或具体事实支撑。' },
        { span: '成绩显著' },
        { span: '卓有成效' },
        { span: '实现了历史性突破' },
        { span: '大好发展局面' },
        { span: '奏响了高质量发展的精彩华章', message: '“奏响了高质量发展的精彩华章”是空泛表述' },
        { span: '做出了重要贡献' },
      ],
    },
    {
      // 按照……定位要求， names a demand as a noun: it opens no plan, the claims after it are judged.
      text: '三、实践成效\n按照园区产业定位要求，园区引进一批企业，产业链竞争力显著增强。',
      errors: [{ span: '一批' }, { span: '显著增强' }],
    },
    {
      // Families of one formula, matched as patterns (fixtures/real/16, 08, 43).
      text: '一、背景介绍\n园区在工业园区建设方面取得了可喜的成绩。试点园区通过标准化建设，取得明显的成效。通过引进一批龙头企业，奠定了坚实基础。',
      errors: [
        { span: '取得了可喜的成绩', message: '“取得了可喜的成绩”是空泛表述，所在句子没有数字或具体事实支撑。' },
        { span: '取得明显的成效' },
        { span: '一批' },
        { span: '奠定了坚实基础' },
      ],
    },
    {
      // An intensifier or a 跨越式/可复制 claim is judged by its own clause: a figure elsewhere in the sentence does
      // not say how much (fixtures/real/planted/03, 04).
      text: '三、实践成效\n园区实施蒸汽余热回收项目，年回收蒸汽23万吨，极大地提升了能源利用效率。园区数字化水平实现了跨越式提升，探索出一条可复制、可推广的路子。',
      errors: [{ span: '极大地提升了' }, { span: '实现了跨越式提升' }, { span: '可复制、可推广的路子', suggestion: '写明哪项做法可复制推广、适用于哪类园区。' }],
    },
    {
      text: '三、实践成效\n园区数字化转型取得显著成效，绿色低碳发展迈上新台阶。',
      errors: [
        { span: '显著成效', severity: 'warning', message: '“显著成效”是空泛表述', suggestion: '具体数字' },
        { span: '迈上新台阶', severity: 'warning', suggestion: '没有可靠数据时' },
      ],
    },
    {
      // Dates and periods are not figures: they say when, not how much.
      text: '三、实践成效\n2025年以来，园区高质量发展取得新突破；近3年来产业规模实现跨越式发展。',
      errors: [{ span: '高质量发展取得新突破' }, { span: '跨越式发展' }],
    },
    {
      // The sentence is the unit: the figure in the first sentence does not support the second.
      text: '三、实践成效\n园区工业固废综合利用率达到96.8%。危废处置能力大幅提升，营商环境持续优化。',
      errors: [{ span: '大幅提升' }, { span: '持续优化' }],
    },
    {
      // ；ends a clause: 一是 has a figure, 二是 has none.
      text: '二、创新举措\n一是建成分布式光伏电站12座；二是安全监管能力不断加强。',
      errors: [{ span: '不断加强' }],
    },
    {
      // Naming the park itself, a quoted plan period or a Latin name like 5G is not a concrete fact; nor is an alias.
      text: '三、实践成效\n南岭经济技术开发区“十四五”以来蓬勃发展，5G网络建设稳步推进，绿色工厂创建初见成效。',
      errors: [{ span: '蓬勃发展' }, { span: '稳步推进' }, { span: '初见成效' }],
    },
    {
      // The abstract is judged like the body; the longest listed phrase wins (取得明显成效, not 明显成效).
      text: '【摘要】园区坚持绿色发展，各项工作取得明显成效，效果良好。\n一、背景介绍\n园区营收968.2亿元。',
      errors: [{ span: '取得明显成效', section: '【摘要】' }, { span: '效果良好' }],
    },
    {
      // Without park data only figures and quoted names count: the enterprise name alone does not save the sentence.
      text: '三、实践成效\n南岭新能锂电材料股份有限公司的研发能力显著增强。',
      park: undefined,
      errors: [{ span: '显著增强' }],
    },
    {
      // Digits of a slogan's code (“2+4”, “1114”) are part of a name, not a figure of the sentence, and such a code
      // is not a proper noun either.
      text:
        '三、实践成效\n园区紧扣“2+4”产业布局，数字经济产业呈现良好发展态势。\n' +
        '园区深入实施“1114”工程，企业创新能力快速提升，为稳增长提供了强有力的支撑。\n' +
        '园区以“1+N”政策体系推动制造业转型升级发展，产业链水平上台阶。',
      errors: [{ span: '良好发展态势' }, { span: '快速提升' }, { span: '强有力的支撑' }, { span: '转型升级发展' }, { span: '上台阶' }],
    },
    {
      // A degree adverb with an evaluative verb, an effect that 日趋明显, 提升了……水平 — each a family, not one string
      // (fixtures/real/06, 19, 43).
      text:
        '三、实践成效\n园区的建设效果日趋明显，招商引资的优势逐步凸显。平台上线后，提升了化工园区封闭化管控的精细化、高效化水平。' +
        '通过引进龙头企业，提高了产业的整体竞争力，配套企业迅速增加。',
      errors: [
        { span: '效果日趋明显', suggestion: '写明效果体现在哪个指标上' },
        { span: '优势逐步凸显' },
        { span: '提升了化工园区封闭化管控的精细化、高效化水平', message: '所在句子没有数字' },
        { span: '提高了产业的整体竞争力' },
        { span: '迅速增加' },
      ],
    },
    {
      // A momentum claim, an absolute and a ranking without a figure (fixtures/real/20, 04).
      text:
        '三、实践成效\n零碳园区建设已在全国范围内形成多点突破、梯次推进的发展态势。通过“以绿制绿”模式，园区彻底摆脱对政策补贴的依赖。' +
        '园区绿色制造水平走在全省前列，部分技术达到国内领先水平。',
      errors: [
        { span: '形成多点突破、梯次推进的发展态势' },
        { span: '彻底摆脱', suggestion: '“彻底”“根本性”是绝对化的说法' },
        { span: '走在全省前列' },
        { span: '国内领先水平' },
      ],
    },
    {
      // A figure two clauses before the claim counts something else; the lead after a colon is left to its figures;
      // 万亿元级 is an order of magnitude, not a figure.
      text:
        '三、实践成效\n园区内9个模块上线运行，平台运行稳定，取得了非常好的效果。试点园区通过标准化建设，取得明显的成效：一是经济规模持续扩大。' +
        '2023年园区营业收入增长15%。目前，全国已有多个省份出台专项政策，万亿元级市场蓝图初现。',
      errors: [{ span: '取得了非常好的效果' }, { span: '取得明显的成效' }, { span: '多个' }],
    },
    {
      // Families of evaluative predicates over a subject (态势良好, 成效也比较好, 带动作用进一步增强, 集聚效应逐步显现),
      // a bare 取得成效, a ranking or comparison without its figure, a superlative and 可借鉴、可复制 in any order
      // (fixtures/real/dev2/63, 68, 69, 74, 77, 80, 89).
      text:
        '三、实践成效\n今年以来，开发区各项工作加速推进，经济发展态势良好。招商工作成效也比较好，楼宇招商取得成效。' +
        '县域开发区对县域经济的带动作用进一步增强，产业集聚效应逐步显现。' +
        'xx区各项指标排名靠前，多项指标稳居全市前列，主要经济指标普遍高于全省、全市平均水平。' +
        '园区已建成全国最大的农机制造基地，探索出可借鉴、可复制的经验，已经有不少优质中小企业提出厂房需求。各项事业迅猛发展。',
      errors: [
        { span: '态势良好', suggestion: '写明效果体现在哪个指标上' },
        { span: '成效也比较好' },
        { span: '取得成效', message: '“取得成效”是空泛表述' },
        { span: '作用进一步增强' },
        { span: '效应逐步显现' },
        { span: '排名靠前', suggestion: '写明排名或比较对象' },
        { span: '稳居全市前列' },
        { span: '普遍高于全省、全市平均水平', suggestion: '写明高出多少' },
        { span: '全国最大', suggestion: '绝对化的说法' },
        { span: '可借鉴、可复制的经验' },
        { span: '不少' },
        { span: '迅猛发展' },
      ],
    },
    {
      text: '## 三、实践成效\n\n**园区营商环境**持续优化，企业获得感**显著提升**。',
      format: 'markdown',
      errors: [{ span: '持续优化' }, { span: '显著提升' }],
    },
  ],
})

describe('vague-language', () => {
  describeCases(table)
})
