import { describe } from 'vitest'
import { sensitiveInfoRule } from '../../src/check/rules/sensitive-info.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(sensitiveInfoRule, {
  valid: [
    // Figures that look like numbers to dial: 1.2万, an amount in 万元, a date, a standard number.
    '一、背景介绍\n园区企业数量达1.2万家，总投资138000万元，截至2025年12月31日实现营收968.2亿元，按GB/T 4754-2017划分行业。',
    // An 11-digit figure followed by a unit is an amount, not a phone number.
    '三、实践成效\n园区2025年完成工业投资13800138000元，同比增长12.6%。',
    // 保密 is not a classification mark: a company name with 保密技术 is publishable; 商业秘密 and 机密计算 are
    // fixed terms of IP protection and computing, listed as exceptions in sensitive-terms.json.
    '二、创新举措\n联合湖南湘江保密技术有限公司建设数据安全平台，推广机密计算和隐私计算技术，加强企业商业秘密保护。',
    // Long codes that are neither a valid ID number (bad checksum, no province code) nor a bank card (no 62, no 账号).
    '三、实践成效\n项目编号202512310001234567，统计编码430102199001011234，企业统一社会信用代码91430100MA4L6X7Y2K。',
    // The 承诺声明 wording is a negation, listed as an exception of 涉密 and 不宜公开.
    '三、实践成效\n本材料所有内容确保可公开发布，不包含涉密或不宜公开的信息，3家企业取得涉密信息系统集成资质。',
    // A named official without contact details is not personal contact data.
    '二、创新举措\n项目负责人王强同志全面统筹平台建设，管委会主任任“链长”。',
    // 联系 and 负责人 in ordinary prose.
    '二、创新举措\n园区建立“企业联系人”制度，企业负责人安全培训覆盖率达到100%，服务热线400-800-1234全天受理。',
    // Decimals with a leading 0 and year ranges are not landlines.
    '三、实践成效\n单位能耗由0.0866吨标准煤/万元降至0.0731吨标准煤/万元，2023-2025年累计节能13.8万吨。',
  ],
  invalid: [
    {
      text: '二、创新举措\n企业服务热线0731-88886666，联系人：张伟，联系电话：13800138000，邮箱zhangwei@nanling.gov.cn。',
      errors: [
        { span: '0731-88886666', severity: 'error', message: '固定电话号码' },
        { span: '张伟', severity: 'error', message: '“联系人”后的“张伟”是个人姓名', suggestion: '一、基本信息' },
        { span: '13800138000', severity: 'error', message: '手机号码' },
        { span: 'zhangwei@nanling.gov.cn', severity: 'error', message: '电子邮箱' },
      ],
    },
    {
      // A role label names a person only when contact details follow; mobile numbers with dashes or spaces.
      text: '二、创新举措\n项目负责人 王强 138-0013-8000；联络人欧阳明华，手机 +86 139 0731 2345。',
      errors: [{ span: '王强', message: '“项目负责人”后的“王强”' }, { span: '138-0013-8000' }, { span: '欧阳明华' }, { span: '+86 139 0731 2345' }],
    },
    {
      text: '三、实践成效\n受益人身份证号430102199003071525，收款账号6222021902001234562，另一卡号 6217 0012 3400 5678 907。',
      errors: [
        { span: '430102199003071525', message: '居民身份证号码' },
        { span: '6222021902001234562', message: '银行卡号' },
        { span: '6217 0012 3400 5678 907', message: '银行卡号' },
      ],
    },
    {
      // 联系人 always introduces contact data, even without a number after the name.
      text: '二、创新举措\n平台由园区管委会经济发展局运营，联系人：陈静。',
      errors: [{ span: '陈静', message: '属于联系人信息' }],
    },
    {
      // An ID number ending in X; a landline with the area code in brackets.
      text: '一、背景介绍\n法定代表人身份证11010519491231002X，办公电话（0731）88886666。',
      errors: [{ span: '11010519491231002X' }, { span: '（0731）88886666' }],
    },
    {
      text: '三、实践成效\n本节数据摘自管委会内部资料，部分数据不宜公开，安防系统获绝密级认证，仅供内部参考。',
      errors: [
        { span: '内部资料', message: '“内部资料”' },
        { span: '不宜公开', message: '不包含涉密或不宜公开的信息' },
        { span: '绝密', message: '密级标志' },
        // 仅供内部参考 holds two listed terms; it is reported once.
        { span: '仅供内部' },
      ],
    },
    {
      // The exception covers 商业秘密 only; a classification mark elsewhere in the sentence is still found.
      text: '二、创新举措\n在保护商业秘密的同时，引用了涉密文件《园区安全生产规划（秘密）》。',
      errors: [{ span: '涉密' }, { span: '秘密' }],
    },
    {
      // Headings and the title are checked too; 13800138000@163.com is one e-mail address, not a phone number.
      text: '南岭经开区经验总结材料（内部文件）\n一、背景介绍\n意见反馈至13800138000@163.com。',
      errors: [{ span: '内部文件', section: '标题' }, { span: '13800138000@163.com', message: '电子邮箱' }],
    },
    {
      text: '## 三、实践成效\n\n**联系人**：**李娜**，电话**13907312345**。',
      format: 'markdown',
      errors: [{ span: '李娜' }, { span: '13907312345' }],
    },
  ],
})

describe('sensitive-info', () => {
  describeCases(table)
})
