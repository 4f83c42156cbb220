import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PREVALIDATED_KINDS_FILE, readPrevalidatedKinds, sourceKey, type PrevalidatedKind } from '../../src/kinds/prevalidated.js'
import { getKind, KIND_IDS, writeBuiltInKinds } from '../../src/kinds/registry.js'

// The build validates the built-in kinds once (scripts/build.mjs → writeBuiltInKinds); the compiled registry then takes
// a stored spec only for a source identical to the one it was validated from. Run from the sources (as here), the
// registry has no such file and validates every spec, so getKind(id) is the reference the stored specs must equal.
const dir = mkdtempSync(join(tmpdir(), 'park-report-prevalidated-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
writeBuiltInKinds(dir)
const file = join(dir, PREVALIDATED_KINDS_FILE)
const stored = JSON.parse(readFileSync(file, 'utf8')) as PrevalidatedKind[]

describe('prevalidated built-in kinds', () => {
  it('stores every built-in kind, in registry order', () => {
    expect(stored.map((kind) => kind.spec.id)).toEqual([
      'base-annual-report',
      'base-excellent-case',
      'innovation-digital',
      'innovation-green',
    ])
    expect([...KIND_IDS].sort()).toEqual(stored.map((kind) => kind.spec.id).sort())
  })

  it('gives back, for each stored source, exactly the spec validation makes of it', () => {
    const specs = readPrevalidatedKinds(file)
    expect(specs.size).toBe(4)
    for (const kind of stored) expect(specs.get(sourceKey(kind.merged))).toStrictEqual(getKind(kind.spec.id))
  })

  it('has no spec for an edited source, which the registry then validates', () => {
    const green = stored.find((kind) => kind.spec.id === 'innovation-green')!
    const edited = { ...green.merged, dataYear: 2026 }
    expect(green.merged['dataYear']).toBe(2025)
    expect(readPrevalidatedKinds(file).get(sourceKey(edited))).toBeUndefined()
    expect(readPrevalidatedKinds(file).get(sourceKey(green.merged))?.dataYear).toBe(2025)
  })

  it('is empty when the build wrote no file or an unreadable one', () => {
    expect(readPrevalidatedKinds(join(dir, 'missing.json')).size).toBe(0)
    expect(readPrevalidatedKinds(new URL(import.meta.url)).size).toBe(0)
  })
})
