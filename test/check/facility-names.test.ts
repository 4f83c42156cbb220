import { describe, expect, it } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { fullNamesIn } from '../../src/check/text-names.js'
import { describeCases, testRule } from './rule-tester.js'

/** A facility a park names after itself, written once in full and elsewhere without the park's name. */
describe('facility names read from the text (text-names)', () => {
  it('reads the facility after a park name that opens its phrase', () => {
    const names = fullNamesIn('（一）建设公共服务平台。建成汀州高新技术产业开发区工业互联网公共服务平台，接入企业126家。')
    expect(names.filter((n) => n.kind === 'facility').map((n) => [n.name, n.aliases])).toEqual([['汀州高新技术产业开发区工业互联网公共服务平台', ['工业互联网公共服务平台']]])
  })

  it('reads none after a verb (建成) or after a park name that may be the tail of a longer one', () => {
    expect(fullNamesIn('汀州高新技术产业开发区建成工业互联网公共服务平台。').filter((n) => n.kind === 'facility')).toEqual([])
    // 淮澄化工新|材料产业园区: the name read there is a tail, so a fix built on it would be wrong.
    expect(fullNamesIn('园区建成淮澄化工新材料产业园区能碳管理中心。').filter((n) => n.kind === 'facility')).toEqual([])
  })
})

const rule = testRule(properNounRule, {
  kind: 'innovation-digital',
  valid: [
    // Written in full both times.
    '二、创新举措\n建成汀州高新技术产业开发区工业互联网公共服务平台。企业通过汀州高新技术产业开发区工业互联网公共服务平台申请改造券。',
  ],
  invalid: [
    {
      // fixtures/real/planted/04: the short form in the background, the full name in the measures.
      text: '一、背景介绍\n汀州高新技术产业开发区针对企业管理数据分散等问题，建设工业互联网公共服务平台。\n二、创新举措\n建成汀州高新技术产业开发区工业互联网公共服务平台，接入企业126家。',
      errors: [
        {
          span: '工业互联网公共服务平台',
          severity: 'error',
          message: '“工业互联网公共服务平台”是“汀州高新技术产业开发区工业互联网公共服务平台”的简称。专有名词每次出现都应写规范全称。',
        },
      ],
      output: '一、背景介绍\n汀州高新技术产业开发区针对企业管理数据分散等问题，建设汀州高新技术产业开发区工业互联网公共服务平台。\n二、创新举措\n建成汀州高新技术产业开发区工业互联网公共服务平台，接入企业126家。',
    },
  ],
})

describe('proper-noun: a facility named after its park, then without the park', () => describeCases(rule))
