import { describe } from 'vitest'
import { registerRule } from '../../src/check/rules/register.js'
import { describeCases, testRule } from './rule-tester.js'

// Openings and sentences as published by local media and in speeches about parks (宜都融媒 2024-11-11 宜都高新区报道;
// 园区工作汇报), park names left as published.
const table = testRule(registerRule, {
  valid: [
    // A report's own sentences: the park is the subject, statements end with 。.
    '二、创新举措\n园区建成智慧安全应急管理平台，接入重点企业86家。',
    // 我国 is the country, not the writer; quoted words keep their register.
    '一、背景介绍\n我国化工园区已超过600家。园区提出“安全第一！”的口号，开展“我们都是安全员”活动。',
    // 讯 and 电 inside ordinary words do not make a dateline.
    '二、创新举措\n园区建设5G通讯网络，推进供电线路改造。',
    // A technical 主任 who 指导 is not a quoted speech.
    '二、创新举措\n园区聘请省安全生产专家委员会主任担任技术顾问，指导企业开展隐患排查。',
    // 我国, 自我 and 忘我 are words of their own; 这家企业 in a written report is fine; 呢 inside a word is no particle.
    '一、背景介绍\n我国化工园区数量多，园区企业坚持自我革新。这家企业主要生产毛呢面料。',
    // A mid-sentence 同志们 is no salutation; an action reported with 了 is no quotation.
    '座谈中，陈涛主任首先介绍了园区发展状况。调研得到了园区管理处领导和同志们的大力帮助和支持。',
    // A document's requirement, a word of 2 characters before a verb of saying (方案要求，文件指出，), a figure's 声 and
    // a park's public act reported without an official are a report's own sentences.
    '二、创新举措\n方案要求，企业在2024年底前完成整改。文件指出，园区应建立安全风险分级管控制度。园区承办全省化工园区安全现场会，组织企业代表参加。',
    // What the park organised and a demand referred to as a noun: 组织企业负责人参加, 按照会议要求; 据统计 names a source of
    // figures, not a news channel; a title and name in a report's own sentence are no quotation.
    '二、创新举措\n园区组织企业负责人参加培训。按照会议要求，园区建立台账。据统计，园区规上工业产值增长12%。园区党工委书记李明兼任管委会主任，李明同志分管安全生产。',
  ],
  invalid: [
    {
      // A newspaper's editor's note and a reposted story's original title; a speaker's thanks and wishes to the audience
      // (general news and speech conventions, not from a text of the evaluation sets).
      text: '编者按：园区是经济发展的主阵地。原标题：园区新增企业12家。借此机会，向企业家致以问候，希望大家再接再厉，感谢大家。',
      errors: [{ span: '编者按' }, { span: '原标题' }, { span: '借此机会' }, { span: '希望大家' }, { span: '感谢大家' }],
    },
    {
      // A news story's attribution after a quote, even where the sentence ends at the verb (general news convention).
      text: '“园区要加快转型。”张明说。“服务要跟上，”李强表示。',
      errors: [{ span: '张明说', message: '转述人物讲话' }, { span: '李强表示' }],
    },
    {
      // The writer in the first person singular, a spoken 这个, a closing particle, a colloquialism (a proposal published
      // by a municipal CPPCC member; fixtures/real/41, 42).
      text: '作为亲身参与平台建设的一员，我深刻体会到强化数字赋能的紧迫性。这个园区的服务真给力呀。下面我将汇报三点。',
      errors: [
        { span: '我', message: '“我”是第一人称' },
        { span: '这个', message: '口语的指代', suggestion: '改为“该”。' },
        { span: '给力' },
        { span: '呀', message: '句末语气词“呀”是口语' },
        { span: '我' },
      ],
      output: '作为亲身参与平台建设的一员，我深刻体会到强化数字赋能的紧迫性。该园区的服务真给力呀。下面我将汇报三点。',
    },
    {
      // A group quoted like an official, the attendance announced after 等, a source line (四川 应急管理 news, 2024-10-24;
      // fixtures/real/41).
      text:
        '调研组指出，推动园区统建平台建设是落实治理方案的举措。成都新材料功能园区管委会、彭州市应急管理局等相关部门负责人陪同调研。\n' +
        '来源：嘉兴日报 作者：记者 冯玉坤',
      errors: [{ span: '调研组指出' }, { span: '等相关部门负责人陪同' }, { span: '来源：嘉兴日报 作者：记者 冯玉坤', message: '电头或署名' }],
    },
    {
      text: '宜都融媒讯(通讯员 冯满)近年来，宜都高新区着力推进化工产业转型升级，大力促进园区高质量发展。',
      errors: [
        { span: '宜都融媒讯', severity: 'warning', message: '电头或署名' },
        { span: '(通讯员 冯满)', severity: 'warning', message: '电头或署名' },
      ],
      output: '宜都融媒讯近年来，宜都高新区着力推进化工产业转型升级，大力促进园区高质量发展。',
    },
    {
      text: '尊敬的各位领导、各位来宾：\n我园聚焦新能源电池材料产业，我们坚持问题导向。',
      errors: [
        { span: '尊敬的各位领导', message: '称呼语' },
        { span: '各位来宾', message: '称呼语' },
        { span: '我园', message: '第一人称', suggestion: '改为“园区”' },
        { span: '我们', message: '第一人称' },
      ],
      output: '尊敬的各位领导、各位来宾：\n园区聚焦新能源电池材料产业，我们坚持问题导向。',
    },
    {
      text: '三、实践成效\n据了解，园区去年引进项目23个。园区负责人介绍：“平台上线后，企业办事时间缩短一半。”（上接第1版）',
      errors: [{ span: '据了解' }, { span: '负责人介绍' }, { span: '（上接第1版）' }],
    },
    {
      text: '二、创新举措\n如何破解中小企业不敢转、不会转的难题？园区给出了答案！',
      errors: [
        { span: '如何破解中小企业不敢转、不会转的难题？', message: '设问或反问' },
        { span: '！', message: '感叹号', suggestion: '改为句号' },
      ],
      output: '二、创新举措\n如何破解中小企业不敢转、不会转的难题？园区给出了答案。',
    },
    {
      // fixtures/real/16: a leaders' attendance list and an official quoted by pronoun.
      text: '县领导魏宏彬、杨健、吴耀祥等参加庆典仪式。他指出，工业园区的建设是推进工业化进程的手段。他希望园区所在地的广大干部群众支持园区建设。',
      errors: [
        { span: '领导魏宏彬、杨健、吴耀祥等参加', message: '列出出席领导名单是新闻稿的写法，经验材料不写。', suggestion: '删去出席人员名单。' },
        { span: '他指出', message: '“他指出”是新闻稿转述人物讲话的写法' },
        { span: '他希望' },
      ],
    },
    {
      // fixtures/real/17 and 37: a speaker without a pause after the verb, a reporter, a source note.
      text: '在走访长兴电子公司时，企业负责人表示今年产品销量已呈复苏迹象。重庆日报记者12月21日从全市智慧园区工作推进会获悉。（来源：市科技局）',
      errors: [{ span: '企业负责人表示' }, { span: '日报记者' }, { span: '（来源：市科技局）', message: '电头或署名' }],
      output: '在走访长兴电子公司时，企业负责人表示今年产品销量已呈复苏迹象。重庆日报记者12月21日从全市智慧园区工作推进会获悉。',
    },
    {
      // fixtures/real/13 and 20: a byline closing the last paragraph; a figure of speech of the news.
      text: '阳光电源零碳中心建设同样如火如荼，力争全年签约项目9个。（朱怡舟）',
      errors: [
        { span: '如火如荼', message: '“如火如荼”是新闻宣传的形象化说法，经验材料应直接写明做了什么、达到什么程度。' },
        { span: '（朱怡舟）' },
      ],
      output: '阳光电源零碳中心建设同样如火如荼，力争全年签约项目9个。',
    },
    {
      // A news page's furniture and a story's scene, its reporter, an official's public act, a name quoted without a
      // title (fixtures/real/dev2/62, 69, 75, 82, 88, 98, 101, 102).
      text:
        '【今晚报】今晚报2023年10月8日（第04版）报道：南港工业区智慧化工园区建设加快。\n' +
        '在一阵机器的轰鸣声中，小寺州工业园二期项目开工。记者梳理发现，全市5G工厂已达18家。\n' +
        '市委常委、常务副市长李建华宣布开工，经开区党工委书记文春方致辞，各企业嘉宾代表共同见证。副省长杨兴平出席活动并宣布项目建设启动。\n' +
        '彭玉明强调，要抓好项目建设。8月1日，我市长城汽车荆门分公司入选。刚才，各园区汇报了半年度重点工作。\n' +
        '（福州日报见习记者 颜澜萍）\n【责任编辑：陈颖】\n编辑 于曼歌',
      errors: [
        { span: '【今晚报】', message: '电头或署名' },
        { span: '今晚报2023年10月8日（第04版）报道：' },
        { span: '在一阵机器的轰鸣声中', message: '场景描写' },
        { span: '记者梳理' },
        { span: '市长李建华宣布', message: '记述领导活动' },
        { span: '省长杨兴平出席' },
        { span: '彭玉明强调', message: '转述人物讲话' },
        { span: '我市', message: '第一人称' },
        { span: '刚才', message: '讲话稿的口头用语' },
        { span: '（福州日报见习记者 颜澜萍）' },
        { span: '【责任编辑：陈颖】' },
        { span: '编辑 于曼歌' },
      ],
      output:
        '今晚报2023年10月8日（第04版）报道：南港工业区智慧化工园区建设加快。\n' +
        '在一阵机器的轰鸣声中，小寺州工业园二期项目开工。记者梳理发现，全市5G工厂已达18家。\n' +
        '市委常委、常务副市长李建华宣布开工，经开区党工委书记文春方致辞，各企业嘉宾代表共同见证。副省长杨兴平出席活动并宣布项目建设启动。\n' +
        '彭玉明强调，要抓好项目建设。8月1日，我市长城汽车荆门分公司入选。刚才，各园区汇报了半年度重点工作。\n' +
        '\n\n',
    },
    {
      // Who speaks in a news story, as its structure shows (fixtures/real/dev3/136, 137, 144, 147): a news site's 讯 before
      // the date, its channel (据……消息), a byline line naming the reporters and where they report from, a photo's source,
      // a name introduced with a title then speaking (卞建军, which the dictionary does not read as a name), leaders
      // listed with 及……负责同志, a leader's news act, officials closing a sentence on who attended, a colloquialism.
      text:
        '中国发展网讯 1月6日，据国家发改委微信公众号消息，31家单位入选绿色产业示范基地名单。\n' +
        '21世纪经济报道记者雷椰 李德尚玉 北京报道\n（图源：采访对象供图）\n' +
        '12月19日，县委书记、经开区党工委书记卞建军会办经开区重大项目建设工作。县领导彭伟、朱浩、石敬峰、刘兆东及相关单位负责同志参加会办。\n' +
        '在听取相关情况汇报后，卞建军指出，重大项目建设工作对全县经济社会发展意义重大。\n' +
        '2月3日一大早，开发区开展春训活动，区政协副主席、开发区管委会副主任卢建新作动员讲话。经开区党工委委员、管委会副主任易勇，产投集团董事长周船，相关部门主要负责人参会。',
      errors: [
        { span: '中国发展网讯', message: '“中国发展网讯”是新闻稿的电头或署名，不属于经验材料正文。' },
        { span: '据国家发改委微信公众号消息', message: '“据国家发改委微信公众号消息”是新闻报道用语' },
        { span: '21世纪经济报道记者雷椰 李德尚玉 北京报道', message: '是新闻稿的电头或署名' },
        { span: '（图源：采访对象供图）', message: '是新闻稿的电头或署名' },
        { span: '领导彭伟、朱浩、石敬峰、刘兆东及相关单位负责同志参加', message: '列出出席领导名单是新闻稿的写法，经验材料不写。' },
        { span: '卞建军指出', message: '“卞建军指出”是新闻稿转述人物讲话的写法' },
        { span: '一大早', message: '“一大早”是新闻宣传的形象化说法' },
        { span: '副主任卢建新作动员讲话', message: '是新闻稿记述领导活动的写法' },
        { span: '负责人参会', message: '列出出席领导名单是新闻稿的写法' },
      ],
      output:
        '中国发展网讯 1月6日，据国家发改委微信公众号消息，31家单位入选绿色产业示范基地名单。\n\n\n' +
        '12月19日，县委书记、经开区党工委书记卞建军会办经开区重大项目建设工作。县领导彭伟、朱浩、石敬峰、刘兆东及相关单位负责同志参加会办。\n' +
        '在听取相关情况汇报后，卞建军指出，重大项目建设工作对全县经济社会发展意义重大。\n' +
        '2月3日一大早，开发区开展春训活动，区政协副主席、开发区管委会副主任卢建新作动员讲话。经开区党工委委员、管委会副主任易勇，产投集团董事长周船，相关部门主要负责人参会。',
    },
  ],
})

describe('register', () => describeCases(table))
