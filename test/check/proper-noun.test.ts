import { describe, expect, it } from 'vitest'
import { OFFICIAL_NAMES } from '../../src/check/official-names.js'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { nanlingDraft, nanlingPark } from './parks.js'
import { runRule, describeCases, testRule } from './rule-tester.js'

const park = nanlingPark()

// Honours registered by a park whose full names are a glossary right form or carry another level.
const parkWithHonours: ParkData = {
  ...park,
  entities: [
    ...park.entities,
    { name: '国家级绿色供应链管理企业', aliases: ['绿色供应链管理企业'], type: 'honor' },
    { name: '省级智能工厂', aliases: ['智能工厂'], type: 'honor' },
  ],
}

// A firm whose alias is also the start of a place name (华服县).
const parkWithTradeName: ParkData = {
  ...park,
  entities: [...park.entities, { name: '锦城华服智造科技有限公司', aliases: ['华服'], type: 'enterprise' }],
}

const withPark = testRule(properNounRule, {
  park,
  valid: [
    // The clean draft of the example park.
    nanlingDraft(),
    // An alias inside the full name it abbreviates: 能碳管理中心 in the platform's name, 南岭经济技术开发区 in it too.
    '二、创新举措\n建成南岭经济技术开发区数字化能碳管理中心，对37家重点用能企业实施能耗在线监测。',
    // An alias inside a longer ordinary word: 新能锂电 in 锂电池, 南岭新能 in 新能源.
    '二、创新举措\n园区推广新能锂电池储能系统，南岭新能源汽车配套项目同步落地。',
    // Glossary right forms that contain a wrong form: 小巨人, 单项冠军, 税务总局, 安全生产法.
    '三、实践成效\n园区新增国家级专精特新“小巨人”企业2家、专精特新“小巨人”企业3家、制造业单项冠军企业1家、国家高新技术企业26家。',
    '二、创新举措\n联合国家税务总局南岭市税务局开展《中华人民共和国安全生产法》宣贯。',
    // Full agency names: 工业和信息化厅 does not contain 工信厅, 国家发展和改革委员会 is accepted.
    '二、创新举措\n在工业和信息化部、国家发展改革委指导下，湖南省工业和信息化厅、南岭市发展和改革委员会联合出台支持政策。',
    // Wrong forms that are the start of another word: 科技部门, 应急部门, 应急部署, 环保法规, 安全生产法律法规.
    '二、创新举措\n会同各级科技部门、应急部门完成应急部署，严格执行环保法规和安全生产法律法规。',
    // 高企 meaning “stays high”.
    '一、背景介绍\n原材料价格高企、能耗高企，企业成本居高不下。',
    // An honour of another level than the registered 国家级绿色工厂 / 国家级绿色工业园区.
    '三、实践成效\n园区3家企业获评省级绿色工厂，1家获评湖南省绿色工厂。',
    // 湖南省国资委 … the local forms keep their place name; the national form is not wrongly applied.
    '二、创新举措\n湖南省人民政府国有资产监督管理委员会、国务院国有资产监督管理委员会给予指导。',
    // 国家级智能工厂 is not the registered 省级智能工厂.
    { text: '三、实践成效\n园区2家企业入选国家级智能工厂。', park: parkWithHonours },
    // An honour's name as its programme (001: 绿色工厂及绿色园区创建) claims no title: 创建绿色工厂, 对标建设智能工厂.
    '二、创新举措\n鼓励印染企业对标创建绿色工厂，全面开展绿色工厂、绿色园区创建。',
    { text: '二、创新举措\n引导企业对标建设智能工厂和数字化车间。', park: parkWithHonours },
    // A short form followed by an administrative suffix is a place name: the alias 华服 in 华服县.
    { text: '一、背景介绍\n园区地处华服县，纺织服装企业集聚。', park: parkWithTradeName },
    {
      text: '# 标题\n\n## 二、创新举措\n\n**南岭经济技术开发区**建成**南岭经济技术开发区数字化能碳管理中心**。',
      format: 'markdown',
    },
  ],
  invalid: [
    {
      // Every mention, headings included: the template allows no “first mention full, later short”.
      text: '二、创新举措\n（一）南岭经开区建设能碳中心\n南岭经开区建成南岭经济技术开发区数字化能碳管理中心，能碳中心覆盖37家企业。',
      errors: [
        { span: '南岭经开区', severity: 'error', message: '“南岭经开区”是“南岭经济技术开发区”的简称', suggestion: '改为“南岭经济技术开发区”', section: '二、创新举措/（一）' },
        { span: '能碳中心', severity: 'error', suggestion: '改为“南岭经济技术开发区数字化能碳管理中心”' },
        { span: '南岭经开区', severity: 'error' },
        { span: '能碳中心', severity: 'error' },
      ],
      output:
        '二、创新举措\n（一）南岭经济技术开发区建设南岭经济技术开发区数字化能碳管理中心\n南岭经济技术开发区建成南岭经济技术开发区数字化能碳管理中心，南岭经济技术开发区数字化能碳管理中心覆盖37家企业。',
    },
    {
      // A 以下简称 declaration is removed, not honoured.
      text: '一、背景介绍\n南岭经济技术开发区（以下简称“南岭经开区”）始建于2006年。南岭经开区实际管理面积3260公顷。',
      errors: [
        { span: '（以下简称“南岭经开区”）', message: '不设简称', suggestion: '删去该说明，并将后文的“南岭经开区”改为全称' },
        { span: '南岭经开区' },
      ],
      output: '一、背景介绍\n南岭经济技术开发区始建于2006年。南岭经济技术开发区实际管理面积3260公顷。',
    },
    {
      // Fragments of a full name grow to the whole fragment, so the fix does not duplicate words.
      text: '二、创新举措\n园区引进岭峰科技有限公司，支持南岭新能锂电材料公司接入数字化能碳管理中心和南岭能碳管理中心。',
      errors: [
        { span: '岭峰科技有限公司', message: '“湖南岭峰电解液科技有限公司”' },
        { span: '南岭新能锂电材料公司' },
        { span: '数字化能碳管理中心' },
        { span: '南岭能碳管理中心' },
      ],
      output:
        '二、创新举措\n园区引进湖南岭峰电解液科技有限公司，支持南岭新能锂电材料股份有限公司接入南岭经济技术开发区数字化能碳管理中心和南岭经济技术开发区数字化能碳管理中心。',
    },
    {
      // Agencies; the longest form wins (国家发改委), a local 发改委 keeps its place name.
      text: '二、创新举措\n在工信部、国家发改委指导下，湖南省工信厅、南岭市发改委联合出台支持政策。',
      errors: [
        { span: '工信部', message: '“工业和信息化部”' },
        { span: '国家发改委', message: '“国家发展改革委”' },
        { span: '工信厅' },
        { span: '发改委', suggestion: '湖南省发展和改革委员会' },
      ],
      output: '二、创新举措\n在工业和信息化部、国家发展改革委指导下，湖南省工业和信息化厅、南岭市发展和改革委员会联合出台支持政策。',
    },
    {
      // Agencies renamed in the 2018 and 2023 reforms, policy banks, central enterprises and universities written
      // short; 交通部门 is a kind of department, 中国工程院 and 中国人民银行 are already full names.
      text: '二、创新举措\n园区联合国家卫健委、安监局、国土局和浙大、中国工程院专家，获国开行、农发行贷款，引进一汽、中国电科项目；交通部门和中国人民银行配合。',
      errors: [
        { span: '国家卫健委', message: '“国家卫生健康委员会”' },
        { span: '安监局', message: '“应急管理局”' },
        { span: '国土局', message: '“自然资源局”' },
        { span: '浙大', message: '“浙江大学”' },
        { span: '国开行', message: '“国家开发银行”' },
        { span: '农发行', message: '“中国农业发展银行”' },
        { span: '一汽', message: '“中国第一汽车集团有限公司”' },
        { span: '中国电科', message: '“中国电子科技集团有限公司”' },
      ],
      output:
        '二、创新举措\n园区联合国家卫生健康委员会、应急管理局、自然资源局和浙江大学、中国工程院专家，获国家开发银行、中国农业发展银行贷款，引进中国第一汽车集团有限公司、中国电子科技集团有限公司项目；交通部门和中国人民银行配合。',
    },
    {
      // Honours: the fix names the honour without claiming a level the text does not state.
      text: '三、实践成效\n园区新增小巨人企业3家、国家级小巨人企业1家，高企数量达到214家，2家企业获评单项冠军。',
      errors: [{ span: '小巨人企业' }, { span: '小巨人企业' }, { span: '高企' }, { span: '单项冠军' }],
      output:
        '三、实践成效\n园区新增专精特新“小巨人”企业3家、国家级专精特新“小巨人”企业1家，国家高新技术企业数量达到214家，2家企业获评制造业单项冠军企业。',
    },
    {
      // Registered honours and glossary honours: 国家绿色工厂 grows over the 国家 prefix; 绿色工厂 alone is the park's alias.
      text: '三、实践成效\n园区累计获评国家绿色工厂9家，新增绿色工厂3家，园区获评国家级绿色园区。',
      errors: [{ span: '国家绿色工厂' }, { span: '绿色工厂' }, { span: '国家级绿色园区' }],
      output: '三、实践成效\n园区累计获评国家级绿色工厂9家，新增国家级绿色工厂3家，园区获评国家级绿色工业园区。',
    },
    {
      text: '二、创新举措\n严格落实《安全生产法》和固废法要求，对标十四五规划目标。',
      errors: [{ span: '安全生产法' }, { span: '固废法' }, { span: '十四五规划' }],
      output: '二、创新举措\n严格落实《中华人民共和国安全生产法》和中华人民共和国固体废物污染环境防治法要求，对标“十四五”规划目标。',
    },
    {
      text: '南岭经开区能碳中心赋能新能源电池材料产业绿色发展\n\n一、背景介绍\n南岭经济技术开发区始建于2006年。',
      errors: [{ span: '南岭经开区', section: '标题' }, { span: '能碳中心', section: '标题' }],
      output: '南岭经济技术开发区南岭经济技术开发区数字化能碳管理中心赋能新能源电池材料产业绿色发展\n\n一、背景介绍\n南岭经济技术开发区始建于2006年。',
    },
    {
      // The park's data wins over the level-neutral glossary: here 绿色供应链管理企业 is its national honour.
      text: '三、实践成效\n园区新增绿色供应链管理企业2家、智能工厂3家。',
      park: parkWithHonours,
      errors: [{ span: '绿色供应链管理企业' }, { span: '智能工厂' }],
      output: '三、实践成效\n园区新增国家级绿色供应链管理企业2家、省级智能工厂3家。',
    },
    {
      // A platform named with the park's short name in front: one finding over both, not a fix that keeps 南岭经开
      // (the 区 of 南岭经开区 is also the 区 of 开发区 in the full name).
      text: '二、创新举措\n园区建成南岭经开区数字化能碳管理中心和南岭经开区智慧安全应急管理平台。',
      errors: [
        { span: '南岭经开区数字化能碳管理中心', message: '“南岭经济技术开发区数字化能碳管理中心”' },
        { span: '南岭经开区智慧安全应急管理平台', message: '“南岭经济技术开发区智慧安全应急管理平台”' },
      ],
      output: '二、创新举措\n园区建成南岭经济技术开发区数字化能碳管理中心和南岭经济技术开发区智慧安全应急管理平台。',
    },
    {
      // Short forms nobody registered: a firm's trade name with 公司, a platform's name without the park's name.
      text: '二、创新举措\n园区支持新能公司、南岭绿源公司接入智慧安全应急管理平台。',
      errors: [
        { span: '新能公司', message: '“南岭新能锂电材料股份有限公司”' },
        { span: '南岭绿源公司', message: '“南岭市绿源环保科技有限公司”' },
        { span: '智慧安全应急管理平台', message: '“南岭经济技术开发区智慧安全应急管理平台”' },
      ],
      output:
        '二、创新举措\n园区支持南岭新能锂电材料股份有限公司、南岭市绿源环保科技有限公司接入南岭经济技术开发区智慧安全应急管理平台。',
    },
    {
      text: '二、创新举措\n华服牵头组建产业联合体。',
      park: parkWithTradeName,
      errors: [{ span: '华服', message: '“锦城华服智造科技有限公司”' }],
      output: '二、创新举措\n锦城华服智造科技有限公司牵头组建产业联合体。',
    },
    {
      text: '# 标题\n\n## 二、创新举措\n\n**南岭经开区**建成**智慧安监平台**。',
      format: 'markdown',
      errors: [{ span: '南岭经开区' }, { span: '智慧安监平台' }],
      output: '# 标题\n\n## 二、创新举措\n\n**南岭经济技术开发区**建成**南岭经济技术开发区智慧安全应急管理平台**。',
    },
  ],
})

// Without park data the registered aliases are unknown, but the glossary still applies.
const withoutPark = testRule(properNounRule, {
  valid: ['二、创新举措\n南岭经济技术开发区建成能碳中心，接入浙江绿源环保科技有限公司等37家企业。'],
  invalid: [
    {
      // Without data the park's short name is still a short name; only the writer knows its full name, so no fix.
      text: '二、创新举措\n南岭经开区与工信部、中国信通院共建能碳中心。',
      errors: [
        { span: '南岭经开区', severity: 'warning', message: '“南岭经开区”是园区简称，应写园区批准设立时的规范全称（如“南岭经济技术开发区”）。' },
        { span: '工信部', severity: 'error' },
        { span: '中国信通院', severity: 'error' },
      ],
      output: '二、创新举措\n南岭经开区与工业和信息化部、中国信息通信研究院共建能碳中心。',
    },
  ],
})

describe('proper-noun', () => {
  describeCases(withPark)
  describe('without park data', () => {
    describeCases(withoutPark)
  })

  // The glossary is data a domain expert edits: every entry must work on its own and no right form may be flagged.
  describe('official-names.json', () => {
    const neutral = (name: string) => `二、创新举措\n合作单位：${name}。`
    for (const entry of OFFICIAL_NAMES.entries) {
      for (const name of [entry.right, ...(entry.accepted ?? [])]) {
        it(`accepts ${name}`, () => expect(runRule(properNounRule, neutral(name)).findings).toEqual([]))
      }
      if (entry.onlyIf) continue
      for (const wrong of entry.wrong) {
        it(`replaces ${wrong}`, () => {
          const { findings } = runRule(properNounRule, neutral(wrong))
          expect(findings.map((f) => f.fix?.text)).toEqual([entry.right])
        })
      }
    }
  })
})
