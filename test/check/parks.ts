import { readFileSync } from 'node:fs'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'

/**
 * The example park (南岭经济技术开发区, kind innovation-green) the rule tests share: fixtures/parks/nanling-green.json,
 * a byte-identical copy of the shared example. Parsed with the real schema, so a test never runs on data the product
 * would reject.
 */
const FIXTURE = new URL('../../fixtures/parks/nanling-green.json', import.meta.url)

let nanling: ParkData | undefined

export function nanlingPark(): ParkData {
  nanling ??= ParkDataSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')))
  return nanling
}

/** The clean draft written for the example park: every rule must be silent on it. */
export function nanlingDraft(): string {
  return readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
}
