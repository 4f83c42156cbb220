import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { getKind } from '../../src/kinds/registry.js'
import { ParkDataSchema } from '../../src/park/park-schema.js'
import { draftChecker, guardDelivery } from '../../src/draft/repair.js'

/** The delivery guarantees take out what the model invented without cutting what the draft must keep whole. */

const lizhou = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/lizhou-base.json', import.meta.url), 'utf8')))
const check = draftChecker(getKind('base-annual-report'), lizhou)
const PLACEHOLDER = '【待补充：示范基地发展中当前存在的主要问题和短板，以及下一步工作思路和意见建议】'

describe('delivery guarantees: removals keep brackets whole', () => {
  it('an invented figure written after a 【待补充：……】 goes, the placeholder stays whole', () => {
    const text = `四、存在的问题及建议\n${PLACEHOLDER}园区企业平均生产效率提升20.0%。\n`
    const guarded = guardDelivery(text, check)
    expect(guarded.text).toBe(`四、存在的问题及建议\n${PLACEHOLDER}\n`)
    expect(guarded.removed.map((r) => [r.rule, r.text, r.unit])).toEqual([['number-trace', '园区企业平均生产效率提升20.0%。', 'clause']])
  })

  it('an invented figure of 示范基地 kinds is removed too, though their preset lowers it to information for a person', () => {
    const text = '一、示范基地发展概述\n澧州高新技术产业开发区已形成以工业互联网为主导的产业体系，园区企业平均生产效率提升13.7%。\n'
    const guarded = guardDelivery(text, check)
    expect(guarded.text).toBe('一、示范基地发展概述\n澧州高新技术产业开发区已形成以工业互联网为主导的产业体系。\n')
    expect(guarded.removed.map((r) => r.reason)).toEqual(['该数字在园区数据和上传材料中找不到来源：“园区企业平均生产效率提升13.7%”。'])
  })
})
