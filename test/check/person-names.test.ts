import { describe } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { describeCases, testRule } from './rule-tester.js'

/**
 * A person written by the given name and the post, without the surname (src/check/person-names.ts), in the
 * `proper-noun` rule. Sentences from fixtures/real (dev 05 and 42, dev3 135 and 145), under a heading so they are body
 * text; no park data.
 */
const body = (text: string) => `二、创新举措\n${text}`

const givenNames = testRule(properNounRule, {
  valid: [
    // Full two- and three-character names: the first character is a surname.
    body('会上，李东书记要求加快推进重大项目建设，王刚同志作了发言。'),
    body('县委书记、雅安经济开发区党工委书记卞建军出席会议并讲话。'),
    // Posts after a body, not a name (县委书记, 常务副市长, 各位同志, 青年同志).
    body('市委书记出席揭牌仪式，常务副市长主持会议，各位同志、青年同志参加活动。'),
    // A post followed by a person's full name is no firm in a list after a firm (dev3 135).
    body('管委会副主任易勇、江帆，产投集团有限公司党委书记、董事长周船，相关部门主要负责人参会。'),
  ],
  invalid: [
    {
      // fixtures/real/05: a 汇报 thanks the mayor by his given name.
      text: body('在市委、市政府的高度重视和大力支持下，特别是在春立市长的直接指挥下，经全市相关部门密切配合，协调解决了一批难题。'),
      errors: [{ span: '春立市长', severity: 'warning', message: '“春立市长”只写了名字“春立”，没有写姓，正式材料中人名应写全姓名。', suggestion: '在“春立”前补上姓，写出全名。' }],
    },
    {
      // fixtures/real/42: a speech refers to the previous speaker.
      text: body('刚才，顺荣主任回顾了去年吉凤经济开发区工作，安排部署了今年的工作任务。'),
      errors: [{ span: '顺荣主任', severity: 'warning', message: '“顺荣主任”只写了名字“顺荣”，没有写姓，正式材料中人名应写全姓名。' }],
    },
    {
      // fixtures/real/dev3/145: a ceremony speech.
      text: body('1992年，小平同志发表了重要的南巡讲话，中国大地上掀起了新一轮改革开放的高潮。'),
      errors: [{ span: '小平同志', severity: 'warning', message: '“小平同志”只写了名字“小平”，没有写姓，正式材料中人名应写全姓名。' }],
    },
  ],
})

describe('proper-noun: a person by given name and post', () => describeCases(givenNames))
