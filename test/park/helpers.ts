import { readFileSync } from 'node:fs'

/** Fixture parks, read as the product reads an upload: raw JSON, not typed. */
export function loadParkJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8'))
}

export const SHARED_EXAMPLE = '/work/shared/examples/park-nanling-green.json'
