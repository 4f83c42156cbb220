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

// 003 示范基地 kinds: a short form declared after the full name may be used from there on.
const DECLARED = '东山经济技术开发区（以下简称“东山经开区”）以项目建设为中心。东山经开区签约入驻企业16家。'
const base = testRule(properNounRule, {
  kind: 'base-excellent-case',
  valid: [body(DECLARED)],
  invalid: [
    {
      // Used before it is declared.
      text: body(`东山经开区签约入驻企业16家。${DECLARED}`),
      errors: [{ span: '东山经开区', severity: 'error', message: '示范基地材料中简称须在首次写全称时用“（以下简称“……”）”说明，之后才能使用。' }],
    },
  ],
})

describe('proper-noun: short names without park data', () => {
  describe('innovation kinds: the full name at every mention', () => describeCases(innovation))
  describe('示范基地 kinds: a declared short form', () => describeCases(base))
})
