import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { indicatorRows } from '../../src/kinds/kind-spec.js'
import { summaryTextRows } from '../../src/kinds/summary-table-spec.js'
import { listKinds } from '../../src/kinds/registry.js'
import { INDICATOR_FIELDS } from '../../src/park/indicator-catalogue.js'
import { validateParkData } from '../../src/park/validate-park.js'
import { parkDataJsonSchema } from '../../src/park/write-json-schema.js'

/**
 * Every registered kind against the park-data format built from it: each spec key is a park-data path and each
 * park-data indicator path is a spec key; every kind accepts a park of its own. A kind added to src/kinds/specs is
 * checked here without a new test.
 */

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>

/** A fixture park of each family, re-labelled with the kind under test. */
const PARK_OF_FAMILY = { innovation: 'nanling-green', base: 'lizhou-base' } as const
const OWN_PARK: Record<string, string> = { 'innovation-digital': 'jialan-digital', 'innovation-green': 'nanling-green', 'base-annual-report': 'lizhou-base' }

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; additionalProperties?: JsonSchema | boolean }
const schema = parkDataJsonSchema() as JsonSchema

/** The object paths of the JSON Schema below `root` (array items as `[]`), as a park file can write them. */
function schemaPaths(node: JsonSchema | undefined, prefix: string, out: string[] = []): string[] {
  if (!node) return out
  for (const branch of node.anyOf ?? []) schemaPaths(branch, prefix, out)
  if (node.items) schemaPaths(node.items, `${prefix}[]`, out)
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key
    out.push(path)
    schemaPaths(child, path, out)
  }
  return out
}
const paths = new Set(schemaPaths(schema, ''))

describe.each(listKinds().map((k) => [k.id, k] as const))('kind %s', (_id, kind) => {
  it('has every indicator key as a park-data path, typed as its spec row asks', () => {
    for (const { indicator } of indicatorRows(kind)) {
      expect(paths.has(`indicators.${indicator.key}`), indicator.key).toBe(true)
      const field = INDICATOR_FIELDS.find((f) => f.key === indicator.key)!
      expect(field.templates, indicator.key).toContain(kind.id)
      // A key shared by several kinds is one quantity: the same unit wherever it is listed.
      expect(field.unit, indicator.key).toBe(indicator.unit ?? '')
    }
  })

  it('has every 汇总表 key as a park-data path', () => {
    const table = kind.summaryTable
    if (!table) return expect(kind.family).toBe('innovation')
    for (const f of table.header) expect(paths.has(`summaryTable.header.${f.key}`), f.key).toBe(true)
    for (const { row } of summaryTextRows(table)) {
      expect(paths.has(`summaryTable.rows.${row.key}`), row.code).toBe(true)
      for (const c of row.columns ?? []) expect(paths.has(`summaryTable.rows.${row.key}[].${c.key}`), `${row.code} ${c.label}`).toBe(true)
    }
    for (const row of table.annexes.flatMap((a) => a.sections.flatMap((s) => s.rows))) expect(paths.has(`summaryTable.annex.${row.key}`), row.key).toBe(true)
  })

  it('accepts a park of its own', () => {
    const park = { ...fixture(OWN_PARK[kind.id] ?? PARK_OF_FAMILY[kind.family]), kind: kind.id }
    const result = validateParkData(park)
    expect(result.ok ? [] : result.issues).toEqual([])
  })
})

describe('park-data indicator paths', () => {
  it('are exactly the keys of the registered specs, the other way round', () => {
    const specKeys = new Set(listKinds().flatMap((k) => indicatorRows(k).map((r) => `indicators.${r.indicator.key}`)))
    const indicatorPaths = [...paths].filter((p) => /^indicators\.[^.]+\.[^.[]+$/.test(p))
    expect(new Set(indicatorPaths)).toEqual(specKeys)
    expect(INDICATOR_FIELDS.map((f) => `indicators.${f.key}`).sort()).toEqual([...specKeys].sort())
  })

  it('are 22 rows for 000, 25 for 001 and 56 (43 numbered) for each 示范基地 kind', () => {
    expect(listKinds().map((k) => [k.id, indicatorRows(k).length, indicatorRows(k).filter((r) => r.indicator.code).length])).toEqual([
      ['innovation-digital', 22, 0],
      ['innovation-green', 25, 0],
      ['base-annual-report', 56, 43],
      ['base-excellent-case', 56, 43],
    ])
  })
})
