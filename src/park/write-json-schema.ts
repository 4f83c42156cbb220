import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { z } from 'zod'
import { writeParkDocs } from './park-docs.js'
import { ParkDataSchema } from './park-schema.js'

/** Where the generated schema is kept (committed, linked from docs/park-data.md). */
export const PARK_JSON_SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/park-data.schema.json')

/** The park-data JSON Schema (draft 2020-12), generated from ParkDataSchema so the two cannot drift. */
export function parkDataJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ParkDataSchema, { target: 'draft-2020-12' }) as Record<string, unknown>
  return {
    $schema: schema.$schema,
    $id: 'https://park-report.local/schemas/park-data.schema.json',
    ...schema,
  }
}

export function parkDataJsonSchemaText(): string {
  return `${JSON.stringify(parkDataJsonSchema(), null, 2)}\n`
}

export function writeParkDataJsonSchema(path = PARK_JSON_SCHEMA_PATH): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, parkDataJsonSchemaText(), 'utf8')
  return path
}

// `npx tsx src/park/write-json-schema.ts` (npm run schema)
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(`wrote ${writeParkDataJsonSchema()}`)
  console.log(`wrote ${writeParkDocs()}`)
}
