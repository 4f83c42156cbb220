import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/errors.js'
import { requireValidPark } from '../../src/park/read-park.js'
import { validParkOf } from '../../src/server/valid-parks.js'

const parkJson = () => JSON.parse(readFileSync(new URL('../../fixtures/parks/nanling-green.json', import.meta.url), 'utf8')) as Record<string, unknown>

describe('validParkOf', () => {
  it('validates a park once: the same data, sent again, is the same frozen object', () => {
    const first = validParkOf(parkJson())
    expect(first).toEqual(requireValidPark(parkJson()))
    expect(validParkOf(parkJson())).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first.facts[0])).toBe(true)
  })

  it('validates other data anew', () => {
    const edited = { ...parkJson(), facts: [{ label: '绿色工厂', value: 9, unit: '家', period: '2025' }] }
    const park = validParkOf(edited)
    expect(park).not.toBe(validParkOf(parkJson()))
    expect(park.facts).toEqual([{ label: '绿色工厂', value: 9, unit: '家', period: '2025' }])
  })

  it('throws the same error as requireValidPark for invalid data, every time', () => {
    for (let i = 0; i < 2; i += 1) {
      let error: unknown
      try {
        validParkOf({ kind: 'innovation-green' })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(UserError)
      expect(error).toMatchObject({ code: 'invalid_park', status: 422 })
    }
  })
})
