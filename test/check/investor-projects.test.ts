import { describe, expect, it } from 'vitest'
import { investorNames } from '../../src/check/investor-projects.js'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { describeCases, testRule } from './rule-tester.js'

/** The trade names investorNames reads in `text` (the whole draft is `text` too). */
const names = (text: string, draft = text) => investorNames(text, draft).map((n) => text.slice(n.start, n.end))
const body = (text: string) => `二、创新举措\n${text}`
const COMPANY = '应写企业的规范全称（营业执照上的名称，通常以“有限公司”“股份有限公司”结尾）。'

describe('a project named after its investor (investor-projects)', () => {
  it('reads the trade name before the product words of a project (fixtures/real/13 and 55)', () => {
    expect(names('已投产项目海尚水产食品项目正常运营。华昌食品项目首期建设进入设备安装调试阶段。')).toEqual(['海尚', '华昌'])
    expect(names('北大益丰矿物纤维项目设备安装结束，准备试生产；金星钛白四期技改项目7月15日完成设备安装开始调试。')).toEqual(['北大益丰', '金星钛白'])
  })

  it('reads it after lead words, a ranking, or a province (dev2/83, 84, 89)', () => {
    expect(names('新年伊始，已签约台祥表面处理设备生产项目，投资1.5亿元。')).toEqual(['台祥'])
    expect(names('先后引进吉香居项目等重大食品项目。')).toEqual(['吉香居'])
    expect(names('民营企业500强杭萧钢构项目正式签约。')).toEqual(['杭萧钢构'])
    expect(names('先后协助招商部门引进了西澳电梯、北京翰城电子项目等高科技项目。')).toEqual(['北京翰城'])
  })

  it('reads each item of a list of projects (fixtures/real/55, dev2/80)', () => {
    const signed = '高新区新签约北化高端全合成基础油、高品质钢门窗幕墙系统产品等工业项目8个和慈湖科技机电云商城、亘达信息教育软件开发等服务类项目12个。'
    // 慈湖 (the park's place) ends in a geographic word; 高新区 before 新签约 is the clause's subject, so 北化 opens its item.
    expect(names(signed)).toEqual(['北化', '亘达'])
    expect(names('其中洁圣车辆、医疗器械等项目单体规模近1000万美元。')).toEqual(['洁圣'])
  })

  it('is silent on a list of projects that is mostly of sectors (fixtures/real/13)', () => {
    expect(names('积极引进一批海洋生物科技、海洋生物产品研发、海洋生物医药、水产品精深加工、冷链物流、玻璃新材料产业等项目。')).toEqual([])
  })

  it('is silent on projects named by a sector, a place, a phase or a plan (dev and dev2 sentences)', () => {
    expect(names('我区实现春季集中签约文旅、工业、商贸等产业项目9个，其中文旅产业项目1个，康养地产项目1项。')).toEqual([])
    expect(names('入驻科创中心项目8个，续建项目5个，力争全年签约项目9个。')).toEqual([])
    expect(names('四是加大项目储备，开放型电商平台项目1个。')).toEqual([])
    // 慈湖 names the park (慈湖高新区) elsewhere in the draft; 高原 is a common noun jieba tags as a place.
    expect(names('慈湖码头项目水域部分施工完成。', '慈湖高新区1-7月完成投资27.4亿元。慈湖码头项目水域部分施工完成。')).toEqual([])
    expect(names('推进高原微藻技术应用等项目。')).toEqual([])
    // dev3/138: an idiom jieba does not know, used as an adverbial before a verb.
    expect(names('强调要紧盯既定目标和时间节点，压茬推进项目建设。')).toEqual([])
  })
})

const rule = testRule(properNounRule, {
  valid: [body('城东工业园区签约文旅产业项目1个、康养地产项目1项，续建项目5个。')],
  invalid: [
    {
      // fixtures/real/13: the finding is the trade name, with no fix (only the writer knows the legal name).
      text: body('开工和即将投产项目7个，总投资34亿元。华昌食品项目首期建设进入设备安装调试阶段。'),
      errors: [{ span: '华昌食品', severity: 'warning', message: `“华昌食品”是企业简称，${COMPANY}` }],
    },
    {
      // dev2/84: a firm shown once (引进吉香居项目) is a firm at every use (吉香居等5亿元以上项目), in another paragraph too.
      text: body('先后引进吉香居项目等重大食品项目。\n新开工吉香居等5亿元以上项目1个，占目标任务1个的100%。'),
      errors: [
        { span: '吉香居', severity: 'warning', message: `“吉香居”是企业简称，${COMPANY}` },
        { span: '吉香居', severity: 'warning', message: `“吉香居”是企业简称，${COMPANY}` },
      ],
    },
    {
      // Not at a use that opens a longer name (华昌|食品加工产业链): that is the chain, named after the firm's words.
      text: body('华昌食品项目首期建设进入设备安装阶段。华昌食品加工产业链不断完善。'),
      errors: [{ span: '华昌食品', severity: 'warning' }],
    },
  ],
})

describe('proper-noun: investors named by their trade name', () => describeCases(rule))
