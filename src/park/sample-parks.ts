import { readdirSync, readFileSync } from 'node:fs'
import { UserError } from '../errors.js'
import { requireValidPark } from './read-park.js'
import type { ParkData } from './park-schema.js'

/**
 * The sample parks shipped with the product (fixtures/parks/*.json), offered on a first visit so a person can see
 * every step work before typing their own data. Resolved from this file, like the built-in policies, so it works from
 * any working directory.
 */
const SAMPLE_PARK_DIR = new URL('../../fixtures/parks/', import.meta.url)

export interface SamplePark {
  /** The file's stem, e.g. jialan-digital. */
  id: string
  name: string
  kind: string
}

const messages = {
  notFound: (id: string) => `没有名为“${id}”的示例园区。请刷新页面后从列表中选择。`,
}

const SAMPLE_ID = /^[a-z0-9-]+$/

/**
 * The samples, by name; read on each call (a few small files, asked for on a first visit only). A file whose kind is
 * not registered on this server (fixtures/parks/nanling-green-2027.json needs its KINDS_DIR spec) is not offered.
 */
export function listSampleParks(): SamplePark[] {
  return readdirSync(SAMPLE_PARK_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const id = file.slice(0, -'.json'.length)
      const data = readSampleIfValid(id)
      return data ? [{ id, name: data.park.name, kind: data.kind }] : []
    })
}

function readSampleIfValid(id: string): ParkData | undefined {
  try {
    return readSamplePark(id)
  } catch (error) {
    if (error instanceof UserError) return undefined
    throw error
  }
}

/** The sample's park data, validated like any import. */
export function readSamplePark(id: string): ParkData {
  if (!SAMPLE_ID.test(id)) throw new UserError('sample_not_found', messages.notFound(id), 404)
  let text: string
  try {
    text = readFileSync(new URL(`${id}.json`, SAMPLE_PARK_DIR), 'utf8')
  } catch {
    throw new UserError('sample_not_found', messages.notFound(id), 404)
  }
  return requireValidPark(JSON.parse(text))
}
