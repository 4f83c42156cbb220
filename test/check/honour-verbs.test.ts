import { describe, expect, it } from 'vitest'
import { HONOUR_VERB, RECEIVES_HONOUR } from '../../src/check/honour-verbs.js'
import { nameLists } from '../../src/check/company-lists.js'

describe('honour verbs (one list for the short-name reader, the lists of firms and the composer)', () => {
  const receives = new RegExp(`^${RECEIVES_HONOUR}`, 'u')

  it('reads an adverb and the longest verb of receiving an honour', () => {
    expect(receives.exec('先后获评国家级绿色工厂')?.[0]).toBe('先后获评')
    expect(receives.exec('被认定为省级专精特新中小企业')?.[0]).toBe('被认定为')
    expect(receives.exec('获批为国家新型工业化产业示范基地')?.[0]).toBe('获批为')
    expect(receives.exec('相继入选工业和信息化部5G工厂名录')?.[0]).toBe('相继入选')
  })

  it('does not read other verbs as receiving an honour', () => {
    expect(receives.test('完成投资12亿元')).toBe(false)
    expect(HONOUR_VERB.test('园区已形成生物医药、医疗器械两大主导产业。')).toBe(false)
    expect(HONOUR_VERB.test('园区先后获评省级生物医药特色产业基地。')).toBe(true)
  })

  it('makes a list of subjects that received an honour a list of firms, whichever verb the list uses', () => {
    const [list] = nameLists('博世、强生、亿滋相继入选全球灯塔工厂')
    expect(list).toMatchObject({ ofFirms: true, items: [{ text: '博世' }, { text: '强生' }, { text: '亿滋' }] })
    const [notHonoured] = nameLists('博世、强生、亿滋在园区设立研发中心')
    expect(notHonoured?.ofFirms).toBe(false)
  })
})
