import { describe } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { describeCases, testRule } from './rule-tester.js'

/**
 * The `proper-noun` rule's sources that need no park data beyond short-names.test.ts: cited names (文号, legal names
 * the text writes), sourced term abbreviations, central enterprises and institutions in the glossary, agencies with a
 * level but no place, committees and universities, Latin acronyms at first use. Sentences from fixtures/real (dev
 * set, named) or written the way those texts are.
 */
const body = (text: string) => `二、创新举措\n南岭经济技术开发区聚焦新材料产业。${text}`

const citedNames = testRule(properNounRule, {
  valid: [
    // fixtures/real/44: 工信厅 is the 发文机关代字 of a 文号, never written out.
    body('依据《5G全连接工厂建设指南》（工信厅信管〔2022〕23号）文件精神，积极推动5G工厂建设。'),
    body('根据《关于加快推进工业园区高质量发展的意见》（工信部联规[2023]12号），园区制定了实施方案。'),
    // A legal company name holds a term abbreviation or a group's short name: it is the firm's registered name.
    body('引进淮澄市洁源固废处置有限公司，建设年处理能力5万吨的固体废物资源化项目。'),
    body('入选企业包括国能寿光发电有限责任公司、三峡新能源山东昌邑发电有限公司。'),
    // An agency in the title of a cited document.
    body('园区对照《工信部关于印发〈工业园区高质量发展指引〉的通知》逐条落实。'),
  ],
  invalid: [
    {
      // The same agency outside the 文号 is a short name.
      text: body('经省工信厅推荐，依据（工信厅信管〔2022〕23号）文件，园区申报5G工厂。'),
      errors: [
        { span: '工信厅', message: '“工信厅”不是规范的官方名称，应使用规范完整的官方全称“工业和信息化厅”。' },
      ],
    },
    {
      // The term outside the legal name is still an abbreviation.
      text: body('引进淮澄市洁源固废处置有限公司，园区固废综合利用率达到89%。'),
      errors: [{ span: '固废', severity: 'warning', message: '“固废”是简称，正式材料应写规范全称“固体废物”。', suggestion: '改为“固体废物”。' }],
      output: body('引进淮澄市洁源固废处置有限公司，园区固体废物综合利用率达到89%。'),
    },
  ],
})

const terms = testRule(properNounRule, {
  valid: [
    body('屋顶光伏年发电38552.6千瓦时，节约标准煤13.1吨。'),
    body('集聚了全市80%以上的规模以上工业经济总量；推进大规模工业化生产。'),
    body('落实党的十九大和自治区第十二次党代表大会精神。'),
  ],
  invalid: [
    {
      // fixtures/real/41, 37, 28, 44.
      text: body('到2024年12月底实现光伏发电38552.6千瓦时，节约标煤13.1吨。'),
      errors: [{ span: '标煤', severity: 'warning', message: '“标煤”是简称，正式材料应写规范全称“标准煤”。' }],
      output: body('到2024年12月底实现光伏发电38552.6千瓦时，节约标准煤13.1吨。'),
    },
    {
      text: body('园区集聚了全市80%以上的规模工业经济总量。'),
      errors: [{ span: '规模工业', severity: 'warning', message: '“规模工业”是简称，正式材料应写规范全称“规模以上工业”。' }],
      output: body('园区集聚了全市80%以上的规模以上工业经济总量。'),
    },
    {
      text: body('深入贯彻落实党的十九大和自治区第十二次党代会精神。'),
      errors: [{ span: '党代会', severity: 'warning' }],
      output: body('深入贯彻落实党的十九大和自治区第十二次党代表大会精神。'),
    },
    {
      // fixtures/real/dev2/68: statistical indicators by their spoken short names.
      text: body('xx区GDP增速8.2%、规工增速7.5%、社零增速5.1%，固投增速6.3%。'),
      errors: [
        { span: '规工', severity: 'warning', message: '“规工”是简称，正式材料应写规范全称“规模以上工业”。' },
        { span: '社零', severity: 'warning', message: '“社零”是简称，正式材料应写规范全称“社会消费品零售总额”。' },
        { span: '固投', severity: 'warning', message: '“固投”是简称，正式材料应写规范全称“固定资产投资”。' },
      ],
    },
    {
      text: body('更好地赋能全市工业企业数转智改；深入实施制造业智改数转。'),
      errors: [
        { span: '数转智改', severity: 'warning', suggestion: '改为“数字化转型、智能化改造”。' },
        { span: '智改数转', severity: 'warning', suggestion: '改为“智能化改造、数字化转型”。' },
      ],
    },
    {
      // fixtures/real/dev2/70: the longer programme name is written out as a whole.
      text: body('近3年完成智改数转网联项目超3000个。'),
      errors: [{ span: '智改数转网联', severity: 'warning', suggestion: '改为“智能化改造、数字化转型、网络化联接”。' }],
    },
  ],
})

const glossary = testRule(properNounRule, {
  valid: [
    body('在工业和信息化部原材料工业司的指导下，中国石油和化学工业联合会开展智慧化工园区试点申报工作。'),
    body('项目由招商局漳州开发区有限公司与国家电力投资集团有限公司合作建设。'),
    // A group's short name before a subsidiary's name: only the writer knows the subsidiary's legal name.
    body('中石化镇海炼化的乙烯项目投产，带动园区新材料产值增长12%。'),
  ],
  invalid: [
    {
      // fixtures/real/11.
      text: body('在工业和信息化部原材料工业司的指导下，中国石化联合会开展“中国智慧化工园区试点示范（创建）单位”的申报工作。'),
      errors: [
        {
          span: '中国石化联合会',
          severity: 'error',
          message: '“中国石化联合会”不是规范的官方名称，应使用规范完整的官方全称“中国石油和化学工业联合会”。',
        },
      ],
    },
    {
      // fixtures/real/39: a central enterprise's name without its legal form.
      text: body('该项目为招商局漳州开发区有限公司与国家电力投资集团合作的“综合智慧零碳园区”项目建设内容之一。'),
      errors: [{ span: '国家电力投资集团', severity: 'error' }],
      output: body('该项目为招商局漳州开发区有限公司与国家电力投资集团有限公司合作的“综合智慧零碳园区”项目建设内容之一。'),
    },
    {
      text: body('园区与中石化、三峡集团签订绿电合作协议。'),
      errors: [
        { span: '中石化', suggestion: '改为“中国石油化工集团有限公司”。如指上市公司，写“中国石油化工股份有限公司”' },
        { span: '三峡集团', suggestion: '改为“中国长江三峡集团有限公司”。' },
      ],
    },
    {
      // fixtures/real/dev2/64.
      text: body('近期，湖北省安委会办公室公布了两批化工园区安全风险等级省级复核结果。'),
      errors: [{ span: '安委会办公室', message: '“安委会办公室”不是规范的官方名称，应使用规范完整的官方全称“安全生产委员会办公室”。' }],
      output: body('近期，湖北省安全生产委员会办公室公布了两批化工园区安全风险等级省级复核结果。'),
    },
    {
      text: body('经工业和信息化部推荐、中央编委批复，设立园区安全监管机构。'),
      errors: [{ span: '中央编委' }],
      output: body('经工业和信息化部推荐、中央机构编制委员会批复，设立园区安全监管机构。'),
    },
  ],
})

const institutions = testRule(properNounRule, {
  valid: [
    // Usual names: 党工委, 国家发展改革委, 国家卫生健康委, 管委会, 市委; a university named in full; 理工科 is a field.
    body('开发区党工委、管委会会同国家发展改革委、国家卫生健康委开展调研，市委主要负责同志参加。'),
    body('园区与华南理工大学、西安交通大学共建研发中心，引进理工科人才120名。'),
    body('潍坊市工业和信息化局组织申报，山东省商务厅开发处到园区调研。'),
    // Quoted as published.
    body('园区获评“省专家委推荐项目”称号。'),
  ],
  invalid: [
    {
      // fixtures/real/44 and 27: a committee named by its subject and 委.
      text: body('经工业互联网战略咨询专家委评审，拟核定400个5G工厂项目。'),
      errors: [
        {
          span: '专家委',
          severity: 'warning',
          message: '“专家委”是机构简称，应写机构全称（“专家委员会”，并写明所属单位）。',
          suggestion: '改为“专家委员会”。',
        },
      ],
      output: body('经工业互联网战略咨询专家委员会评审，拟核定400个5G工厂项目。'),
    },
    {
      text: body('为助推全市工业园区与城市融合发展，市政协经济委根据年度工作计划安排开展调研。'),
      errors: [{ span: '经济委', severity: 'warning' }],
      output: body('为助推全市工业园区与城市融合发展，市政协经济委员会根据年度工作计划安排开展调研。'),
    },
    {
      // fixtures/real/26: a district agency with no district.
      text: body('根据“大调研”活动要求，区商务局委派2名同志到园区开展调研。'),
      errors: [
        {
          span: '区商务局',
          severity: 'warning',
          message: '“区商务局”没有写明是哪个区，应写机构全称（如“南岭区商务局”）。',
          suggestion: '在“区”前补上地名，并写机构的规范全称。',
        },
      ],
    },
    {
      // fixtures/real/dev2: expos by their one-character short forms; written out, they are names.
      text: body('园区组团参加厦洽会、西博会，在中国国际投资贸易洽谈会上签约项目12个。'),
      errors: [
        { span: '厦洽会', severity: 'warning', message: '“厦洽会”是展会简称，应写展会全称（如“中国国际投资贸易洽谈会”“中国西部国际博览会”）。', suggestion: '写出展会全称，并写明届次。' },
        { span: '西博会', severity: 'warning' },
      ],
    },
    {
      text: body('园区与西安交大、大连理工、中国矿大共建研发中心。'),
      errors: [
        { span: '西安交大', severity: 'warning', message: '“西安交大”是高校简称，应写学校全称“西安交通大学”。' },
        { span: '大连理工', severity: 'warning' },
        { span: '中国矿大', severity: 'warning' },
      ],
      output: body('园区与西安交通大学、大连理工大学、中国矿业大学共建研发中心。'),
    },
  ],
})

const acronyms = testRule(properNounRule, {
  valid: [
    // Explained at first use, then alone; acronyms everyone reads; units after a figure; a standard code; Latin text.
    body('园区采用政府和社会资本合作（PPP）模式建设道路，6条PPP道路项目顺利推进。'),
    body('全部装置接入DCS（分散控制系统），DCS报警联动应急平台。'),
    body('园区GDP增长8%，建成LED大屏和视频AI识别系统，并网光伏装机容量24.8MW。'),
    body('按GB/T 2589《综合能耗计算通则》核算，引进Siemens Ltd. China的设备。'),
    body('依据《VOCs综合治理方案》开展治理。'),
    // A product's Latin name is a name, not an acronym (fixtures/real/dev2/92).
    body('政务服务平台接入国产AI大模型DeepSeek，构建智能咨询服务。'),
  ],
  invalid: [
    {
      // fixtures/real/13: the first use without the Chinese name; later uses are not reported again.
      text: body('其中，海洋生物科技园6条PPP道路项目顺利推进。另有2个PPP项目完成招标。'),
      errors: [
        {
          span: 'PPP',
          severity: 'warning',
          message: '“PPP”是外文缩写，首次出现时应写中文全称，并在括号中注明缩写（如“中文全称（PPP）”）。',
          suggestion: '在“PPP”前写出中文全称，把缩写放进括号；后文可只写“PPP”。',
        },
      ],
    },
    {
      text: body('园区企业全部完成DCS、SIS改造，VOCs排放下降30%。'),
      errors: [
        { span: 'DCS', severity: 'warning' },
        { span: 'SIS', severity: 'warning' },
        { span: 'VOCs', severity: 'warning' },
      ],
    },
  ],
})

describe('proper-noun: sources without park data', () => {
  describe('文号 and legal names are cited, not short names', () => describeCases(citedNames))
  describe('term abbreviations (term-abbreviations.json)', () => describeCases(terms))
  describe('central enterprises and institutions (official-names.json)', () => describeCases(glossary))
  describe('committees, agencies with no place, universities', () => describeCases(institutions))
  describe('Latin acronyms at first use', () => describeCases(acronyms))
})
