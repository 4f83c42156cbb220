import { readFileSync, writeFileSync } from 'node:fs'
import type { KindSpec } from './kind-spec.js'
import type { JsonObject } from './resolve.js'

/**
 * The built-in kinds as the build validated them (scripts/build.mjs writes this file beside the compiled registry).
 * Validating the six spec files with zod took about a quarter of a CLI `check`'s start-up, on every start, for
 * files that change only with a new release. Validation is a pure function of a spec's merged source, so the build
 * stores each source with its validated spec, and the registry takes the stored spec only when the source it reads
 * at start-up is the very same text: an edited or added spec file is validated as before. Running from the sources
 * (tests, tsx) there is no such file and everything is validated.
 */
export const PREVALIDATED_KINDS_FILE = 'prevalidated-kinds.json'

export interface PrevalidatedKind {
  merged: JsonObject
  spec: KindSpec
}

/** The key a merged source is looked up by: its JSON text (the loader builds it in a fixed key order). */
export function sourceKey(merged: JsonObject): string {
  return JSON.stringify(merged)
}

/** Validated specs by source key; empty when the file is missing or unreadable (everything is then validated). */
export function readPrevalidatedKinds(file: URL | string): ReadonlyMap<string, KindSpec> {
  let stored: PrevalidatedKind[]
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as PrevalidatedKind[]
  } catch {
    return new Map()
  }
  return new Map(stored.map((kind) => [sourceKey(kind.merged), kind.spec]))
}

export function writePrevalidatedKinds(file: string, kinds: readonly PrevalidatedKind[]): void {
  writeFileSync(file, JSON.stringify(kinds))
}
