import { describe } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { describeCases, testRule } from './rule-tester.js'

/**
 * Short names read from the draft alone (no park data), in the `proper-noun` rule. Sentences from the real texts of
 * fixtures/real (dev set), under a heading so they are body text.
 */
const body = (text: string) => `二、创新举措\n${text}`
const COMPANY = '应写企业的规范全称（营业执照上的名称，通常以“有限公司”“股份有限公司”结尾）。'

const innovation = testRule(properNounRule, {
  valid: [
    // A legal full name; an industry (海洋生物科技, 钢铁企业) is not a firm; a level word before 开发区 is a category.
    body('金鹏电器有限公司一季度实现销售收入1.2亿元。'),
    body('围绕水产业加工、海洋生物科技、玻璃及新材料产业等开展招商。'),
    body('在2013年省级开发区考核中，金乡经济开发区位列第一。'),
    body('城东工业园区的钢铁企业和化工企业全部完成超低排放改造。'),
    // Written out already.
    body('党的十八大以来，城东工业园区坚持以产业集聚为导向。'),
  ],
  invalid: [
    {
      // fixtures/real/14: company short names in a list.
      text: body('鲁晨新材料、爱德华机械、泉达光伏等投资过10亿元的项目相继落户金乡经济开发区。'),
      errors: [
        { span: '鲁晨新材料', severity: 'warning', message: `“鲁晨新材料”是企业简称，${COMPANY}` },
        { span: '爱德华机械', severity: 'warning', message: `“爱德华机械”是企业简称，${COMPANY}` },
        { span: '泉达光伏', severity: 'warning', message: `“泉达光伏”是企业简称，${COMPANY}` },
      ],
    },
    {
      // fixtures/real/17: 公司 after a trade name jieba knows as a noun; 开发区 with no park name at all.
      text: body('分别走访调研联众钢铁公司、瀚阳钢铁公司等重点项目。南科公司单晶硅项目正实施从珠海迁入开发区的工作。'),
      errors: [
        { span: '联众钢铁公司', severity: 'warning' },
        { span: '瀚阳钢铁公司', severity: 'warning' },
        { span: '南科公司', severity: 'warning' },
        { span: '开发区', severity: 'warning', message: '“开发区”前没有写园区名称，读者不知道指哪个园区，应写园区批准设立时的规范全称（如“南岭经济技术开发区”）。' },
      ],
    },
    {
      // fixtures/real/16: the text writes 吴周工业开发区, so 吴周工业区 has a certain fix.
      text: body('地处吴周村的吴周工业开发区内彩球高悬。吴周工业区将成为又一个新的经济发展平台。'),
      errors: [{ span: '吴周工业区', severity: 'error', message: '“吴周工业区”是“吴周工业开发区”的简称。专有名词每次出现都应写规范全称。' }],
      output: body('地处吴周村的吴周工业开发区内彩球高悬。吴周工业开发区将成为又一个新的经济发展平台。'),
    },
    {
      // fixtures/real/03: a park short name whose full name the text does not write.
      text: body('齐鲁化工区等新一批园区正在高点规划。东营港开发区与企业协同，联动建设。'),
      errors: [
        { span: '齐鲁化工区', severity: 'warning', message: '“齐鲁化工区”是园区简称，应写园区批准设立时的规范全称（如“齐鲁化学工业区”）。' },
        { span: '东营港开发区', severity: 'warning', message: '“东营港开发区”是园区简称，应写园区批准设立时的规范全称（如“东营港经济开发区”）。' },
      ],
    },
    {
      // fixtures/real/14: a provincial agency without its province; the park named only as 园区 before its name.
      text: body('5月25日，省商务厅开发处处长一行3人到园区调研指导工作。近年来，金乡经济开发区发展迅速。'),
      errors: [
        { span: '省商务厅', severity: 'warning', message: '“省商务厅”没有写明是哪个省，应写机构全称（如“山东省商务厅”）。' },
        { span: '园区', severity: 'warning', message: '全文第一次提到本园区时没有写名称，应写园区批准设立时的规范全称，后文才可用“园区”指代。' },
      ],
    },
    {
      // fixtures/real/07 and 12: term abbreviations, written out by the fix.
      text: body('十八大以来，园区58户规上工业企业实现工业总产值81.2亿元，已牵头完成国标4项、团标23项。'),
      errors: [
        { span: '十八大', severity: 'warning', message: '“十八大”是简称，正式材料应写规范全称“党的十八大”。' },
        // The text never names its park.
        { span: '园区', severity: 'warning' },
        { span: '规上', severity: 'warning' },
        { span: '国标', severity: 'warning' },
        { span: '团标', severity: 'warning' },
      ],
      output: body('党的十八大以来，园区58户规模以上工业企业实现工业总产值81.2亿元，已牵头完成国家标准4项、团体标准23项。'),
    },
  ],
})

const BARE_KAIFAQU = '“开发区”前没有写园区名称，读者不知道指哪个园区，应写园区批准设立时的规范全称（如“南岭经济技术开发区”）。'

// A bare 开发区 is judged once per text, as an editor marks it; company trade names jieba splits into pieces.
const onceAndPieces = testRule(properNounRule, {
  valid: [
    // fixtures/real/42: the park is named first, so the later 开发区 is that park.
    body('今天召开吉凤经济开发区建设工作会议，动员各部门关心支持开发区建设。'),
    // fixtures/real/47: a text about parks in general.
    body('通过数字化赋能各类开发区、高新区及产业集群。开发区要加快数字化转型。'),
    // fixtures/real/22: a commentary on parks in general has no one park behind its bare 园区.
    body('各类产业园区是经济发展的主阵地。如何实现园区的低碳、零碳发展，是摆在面前的课题。'),
    // Common nouns: the firms of any park, an innovation field, a reform, parks elsewhere.
    body('园区企业积极开展科技创新，推进公司制改革。'),
    body('组织企业赴外地开发区管委会学习招商经验。'),
    // Industries, not firms: a verb before them, a count before them, a park after them.
    body('围绕做精水产品加工、做强玻璃新材料两大主导产业开展招商。'),
    body('已累计建设完成8处屋顶光伏发电工程，并网光伏装机容量24.8兆瓦。'),
    body('淮澄化工新材料产业园区始建于2005年。'),
    body('发展清洁能源、精细化工和生物科技等产业，引进电子信息企业12家。'),
  ],
  invalid: [
    {
      // A park's own text: 国家级经济技术开发区 is the title it strives for, not talk of parks in general.
      text: body('到园区调研的专家建议，园区下一步争创国家级经济技术开发区。'),
      errors: [{ span: '园区', severity: 'warning', message: '全文第一次提到本园区时没有写名称，应写园区批准设立时的规范全称，后文才可用“园区”指代。' }],
    },
    {
      // fixtures/real/43: only the first bare 开发区; the reader then knows which park is meant.
      text: body('近年来，开发区紧紧围绕主导产业招商。开发区全年新签约项目28个。'),
      errors: [{ span: '开发区', severity: 'warning', message: BARE_KAIFAQU }],
    },
    {
      // fixtures/real/06: a park of another kind named before does not say which 开发区 leads it.
      text: body('兴原工业园区在经济开发区的正确领导下，全年完成工业产值12亿元。'),
      errors: [{ span: '经济开发区', severity: 'warning', message: '“经济开发区”前没有写园区名称，读者不知道指哪个园区，应写园区批准设立时的规范全称（如“南岭经济技术开发区”）。' }],
    },
    {
      // fixtures/real/14, 42, 20: trade names jieba splits (金|人, 吉凤|投资) or knows as a word (阳光).
      text: body('金曼克电气、金人电气等企业经济实力逐步增强。吉凤投资公司已经成为全州最大的城市开发投融资平台。安徽合肥运河新城，阳光电源零碳中心建设如火如荼。其中，名士达新材料项目7月8日竣工投产。'),
      errors: [
        { span: '金曼克电气', severity: 'warning', message: `“金曼克电气”是企业简称，${COMPANY}` },
        { span: '金人电气', severity: 'warning', message: `“金人电气”是企业简称，${COMPANY}` },
        { span: '吉凤投资公司', severity: 'warning', message: `“吉凤投资公司”是企业简称，${COMPANY}` },
        { span: '阳光电源', severity: 'warning', message: `“阳光电源”是企业简称，${COMPANY}` },
        // fixtures/real/55: 名士|达 (jieba reads 达 as a verb).
        { span: '名士达新材料', severity: 'warning', message: `“名士达新材料”是企业简称，${COMPANY}` },
      ],
    },
    {
      // fixtures/real/28 and 19: a place left as a placeholder; a place jieba reads as common nouns.
      text: body('2019年xx经开区、xx高新区被纳入统一管理。据悉，仙人岛经开区规划建成临港石化产业基地。'),
      errors: [
        { span: 'xx经开区', severity: 'warning', message: '“xx经开区”是园区简称，应写园区批准设立时的规范全称（如“xx经济技术开发区”）。' },
        { span: 'xx高新区', severity: 'warning', message: '“xx高新区”是园区简称，应写园区批准设立时的规范全称（如“xx高新技术产业开发区”）。' },
        { span: '仙人岛经开区', severity: 'warning', message: '“仙人岛经开区”是园区简称，应写园区批准设立时的规范全称（如“仙人岛经济技术开发区”）。' },
      ],
    },
  ],
})

// Precision first: a bare 园区/开发区 only where it stands for this park; company words inside place names and
// industries are not firms; lists say whether their items are firms. Sentences from fixtures/real/dev2.
const listsAndParks = testRule(properNounRule, {
  valid: [
    // 101, 68: 园区 as one item of a list of kinds of place.
    body('有利于加快工业设备数字化改造和企业（园区）网络优化升级。'),
    body('聚合优质资源，赋能县（市、区）、产业链、园区、企业数字化转型。'),
    body('xx新区及其他区县（市）、园区作了书面汇报。'),
    // 102: a campaign that brings something into parks in general.
    body('大力推进“5G+工业互联网”一体化进园区，建成全国首个赋能平台。'),
    // 105: the boundary of a park named before as 产业园; an area named after a firm.
    body('南至园区北边界以南1000米。玉皇化工片区四至范围为：东至试白路。'),
    // 103: a park's name jieba does not read as one (曹妃|甸), with 化学 inside it.
    body('认定专业化工园区：曹妃甸化学工业园区（曹妃甸石化产业基地）。'),
    // 77: a text about parks in general: counted parks, and what parks are.
    body('开发区是县域经济的重要载体和经济发展的主阵地。全省共有59家县域省级以上开发区（含2家国家级开发区）。'),
    // 62: a common noun before 经开区 that is not its name, after the park is named.
    body('岳阳经济技术开发区举行项目集中开工仪式，全市项目建设主战场经开区迎来新一轮项目。建成后将助力经开区打造中国“碳谷”。'),
    // 58: a dictionary word before an industry word, inside a phrase.
    body('加强专业指导，按要求完成印证材料和认定复核自查报告。'),
    // 99: a list of industries.
    body('围绕第三代半导体、碳基新材料、消防安全材料、纺织新材料等主导产业。'),
    // seeds/003 and 004: a form's request, a list of sectors before 等), and an industry after 推动.
    body('请列明国家级称号数量、所属企业或机构、获得的称号、获得称号的时间。'),
    body('生产性服务业比重（服务工业的业务包括工业软件、工业互联网、工业设计等）；配合制造企业搭建平台。'),
    body('《联数枢，“数治园区”推动铜基新材料数智升级》入选典型案例。'),
    // The subject of 获评 that is this park, a park named in full, or a firm named by a common word.
    body('该企业荣获省长质量奖，南岭经济技术开发区成功入选绿色工业园区名单。'),
    // 55, 102: lists of places and of sectors whose firms are meant, not the items.
    body('先后赴深圳、广州、北京、南京、上海等地拜访了20余家企业。'),
    body('项目申报主体为制造业、采矿业、电力、港口等重点领域企业。'),
  ],
  invalid: [
    {
      // 99: a title that names the park makes the body's bare 高新区 a back-reference (only the title's short name).
      text: '济宁高新区2020年“四个一批”项目集中开工\n二、创新举措\n济宁市“四个一批”项目集中开工暨山东新材料产业化生产基地项目奠基仪式在高新区举行。',
      errors: [{ span: '济宁高新区', severity: 'warning', message: '“济宁高新区”是园区简称，应写园区批准设立时的规范全称（如“济宁高新技术产业开发区”）。' }],
    },
    {
      // 85: each form at its first use — the title's 开发区, not the body's again.
      text: '开发区签约项目10个 总投资158亿元\n二、创新举措\n重点项目签约仪式召开在即，开发区举行重点项目签约仪式。',
      errors: [{ span: '开发区', severity: 'warning', message: BARE_KAIFAQU, section: '标题' }],
    },
    {
      // 83: …等光伏企业 says the items are firms, written by their trade names only.
      text: body('已入驻银欣、越众、越鑫、鑫海祥瑞等光伏企业11家。'),
      errors: ['银欣', '越众', '越鑫', '鑫海祥瑞'].map((span) => ({ span, severity: 'warning' as const, message: `“${span}”是企业简称，${COMPANY}` })),
    },
    {
      // 63: a list beside 星河集团 and announced as 龙头企业.
      text: body('新能源产业的龙头企业——荣德新能源、通灵电器，销售增长分别高达47.6%、57.2%；兴隆防腐、星河集团、绿洲制衣等一批传统企业，则通过转型升级保持增长。'),
      errors: ['荣德新能源', '通灵电器', '兴隆防腐', '星河集团', '绿洲制衣'].map((span) => ({ span, severity: 'warning' as const, message: `“${span}”是企业简称，${COMPANY}` })),
    },
    {
      // 70: the subjects of 获评 + an honour are firms.
      text: body('其中，博世、强生、亿滋获评全球灯塔工厂。'),
      errors: ['博世', '强生', '亿滋'].map((span) => ({ span, severity: 'warning' as const, message: `“${span}”是企业简称，${COMPANY}` })),
    },
    {
      // 70: one subject of 获评 + an honour, a name jieba does not know.
      text: body('其中，华兴源创获评国家级5G工厂。'),
      errors: [{ span: '华兴源创', severity: 'warning', message: `“华兴源创”是企业简称，${COMPANY}` }],
    },
    {
      // 86: a list mostly of trade names beside 国瑞药业: its trade names are firms, 联创制药 and 三江生物 too (a trade name
      // jieba reads as a verb or a place, then a sector word); 润滑油 is a product.
      text: body('1-8月份，签约润滑油、皇家万喜汇、联创制药、三江生物、国瑞药业、绿十字等项目29个。'),
      errors: ['皇家万喜汇', '联创制药', '三江生物', '国瑞药业', '绿十字'].map((span) => ({ span, severity: 'warning' as const, message: `“${span}”是企业简称，${COMPANY}` })),
    },
    {
      // dev2/92: the verb that leads to the list is not part of its first name; fixtures/real/55: events named after
      // firms are no firms (the firm in the first one is).
      text: body('有力推动杰嘉电子、路金汽车精密零部件生产基地等11个项目新开工建设。借助名士达新材料开业庆典、第三届海峡两岸节能环保论坛等契机，拜访企业60余家。'),
      errors: ['杰嘉电子', '路金汽车', '名士达新材料'].map((span) => ({ span, severity: 'warning' as const, message: `“${span}”是企业简称，${COMPANY}` })),
    },
    {
      // 105: a firm's boundary: the firm's name is what comes before 东边界; a road is no firm.
      text: body('东至盛云路北段、华祥石化东边界、瑞森公司东边界，西至和云路。'),
      errors: ['华祥石化', '瑞森公司'].map((span) => ({ span, severity: 'warning' as const, message: `“${span}”是企业简称，${COMPANY}` })),
    },
  ],
})

// 003 示范基地 kinds: a short form declared after the full name may be used from there on.
const DECLARED = '东山经济技术开发区（以下简称“东山经开区”）以项目建设为中心。东山经开区签约入驻企业16家。'
const LONGSHENG = '浙江龙盛集团股份有限公司投资建设分散染料项目，龙盛集团年产能达到30万吨。'
const LONGSHENG_DECLARED = '浙江龙盛集团股份有限公司（以下简称“龙盛集团”）投资建设分散染料项目，龙盛集团年产能达到30万吨。'
const companyAlias = testRule(properNounRule, {
  valid: [body('浙江龙盛集团股份有限公司投资建设分散染料项目，年产能达到30万吨。')],
  invalid: [
    {
      // Innovation kinds: a company's short form after its full name is an error, even when declared; the fix is the full name.
      text: body(LONGSHENG_DECLARED),
      errors: [
        // The declaration itself: the innovation kinds do not allow short forms at all.
        { span: '（以下简称“龙盛集团”）', severity: 'error' },
        { span: '龙盛集团', severity: 'error', message: '“龙盛集团”是“浙江龙盛集团股份有限公司”的简称。专有名词每次出现都应写规范全称。' },
      ],
    },
  ],
})

const base = testRule(properNounRule, {
  kind: 'base-excellent-case',
  valid: [body(DECLARED), body(LONGSHENG_DECLARED)],
  invalid: [
    {
      // Not declared: the base kinds want the “（以下简称…）” first.
      text: body(LONGSHENG),
      errors: [{ span: '龙盛集团', severity: 'error', message: '“龙盛集团”是“浙江龙盛集团股份有限公司”的简称。示范基地材料中简称须在首次写全称时用“（以下简称“……”）”说明，之后才能使用。' }],
      output: body('浙江龙盛集团股份有限公司投资建设分散染料项目，浙江龙盛集团股份有限公司年产能达到30万吨。'),
    },
    {
      // Used before it is declared.
      text: body(`东山经开区签约入驻企业16家。${DECLARED}`),
      errors: [{ span: '东山经开区', severity: 'error', message: '示范基地材料中简称须在首次写全称时用“（以下简称“……”）”说明，之后才能使用。' }],
    },
  ],
})

// A trade name jieba reads as a common word, a verb or a place (联创|制药, 三江|生物, 西澳|电梯), then a sector word,
// listed beside a firm's short name; an unknown trade name before a sector word (伍星生化, 荣飞食品).
const sectorNames = testRule(properNounRule, {
  valid: [
    // A list of industries (生物制药, 精细化工, 新型建材: a sector word or an attribute before the sector word).
    body('宝丰经济技术开发区重点发展新型建材、高端装备、绿色食品、医药化工等产业。'),
  ],
  invalid: [
    {
      // fixtures/real/dev3/140: a park named by its short name (reported) is named; the bare 园区 after it refers to it.
      text: body('常州高新区自2014年获得“国家生态工业示范园区”命名以来，持续推进园区绿色、低碳、循环发展，生态工业体系不断优化。目前，园区拥有高新技术企业196家。'),
      errors: [{ span: '常州高新区', severity: 'warning', message: '“常州高新区”是园区简称，应写园区批准设立时的规范全称（如“常州高新技术产业开发区”）。' }],
    },
    {
      // fixtures/real/dev3/142: a park named by its level alone (县工业园区) is one park without its name; 全市工业园区 and
      // 我市工业园区 are the parks of a city.
      text: body('近日，县工业园区管委会组织召开安全生产“打非治违”专项行动部署会，推动全市工业园区和我市工业园区企业落实责任。'),
      errors: [{ span: '县工业园区', severity: 'warning', message: '“县工业园区”前没有写园区名称，读者不知道指哪个园区，应写园区批准设立时的规范全称（如“南岭经济技术开发区”）。' }],
    },
    {
      // fixtures/real/55: the investor of the first project of a list of projects (the park is the subject of 新签约),
      // beside a project named by its product, and the same firm where it is named again.
      text: body('“项目季”开展以来，慈湖高新技术产业开发区新签约北化高端全合成基础油、高品质钢门窗幕墙系统产品等工业项目8个。高新区与北化、红太阳“牵手”后，计划年底前开工。'),
      errors: [
        { span: '北化', severity: 'warning', message: `“北化”是企业简称，${COMPANY}` },
        { span: '北化', severity: 'warning', message: `“北化”是企业简称，${COMPANY}` },
      ],
    },
    {
      // Industries listed beside firms stay industries.
      text: body('1-8月份，签约皇家万喜汇、国瑞药业、生物制药、精细化工等项目4个。'),
      errors: [
        { span: '皇家万喜汇', severity: 'warning' },
        { span: '国瑞药业', severity: 'warning' },
      ],
    },
    {
      // fixtures/real/dev2/84: 西澳电梯 beside the investor of 北京翰城电子项目.
      text: body('先后协助招商部门引进了西澳电梯、北京翰城电子项目等高科技项目。'),
      errors: [
        { span: '西澳电梯', severity: 'warning', message: `“西澳电梯”是企业简称，${COMPANY}` },
        { span: '北京翰城', severity: 'warning' },
      ],
    },
    {
      // fixtures/real/dev2/89 (on one line): after 我县 the trade name opens its phrase; 我县 is not part of it.
      text: body('中化（青岛）实业有限公司与我县伍星生化就相关合作稳步推进。'),
      errors: [{ span: '伍星生化', severity: 'warning', message: `“伍星生化”是企业简称，${COMPANY}` }],
    },
    {
      // fixtures/real/dev3/143: 食品 after a trade name jieba does not know.
      text: body('培育出海天实业的肠衣、荣飞食品的琥珀桃仁、核桃油三个“xx省名牌产品”。'),
      errors: [{ span: '荣飞食品', severity: 'warning', message: `“荣飞食品”是企业简称，${COMPANY}` }],
    },
  ],
})

describe('proper-noun: short names without park data', () => {
  describe('innovation kinds: the full name at every mention', () => describeCases(innovation))
  describe('a bare park word once per text; trade names in pieces', () => describeCases(onceAndPieces))
  describe('a company named in full, then by its short form', () => describeCases(companyAlias))
  describe('a bare park word for this park only; lists of firms and of industries', () => describeCases(listsAndParks))
  describe('示范基地 kinds: a declared short form', () => describeCases(base))
  describe('a trade name and a sector word', () => describeCases(sectorNames))
})
