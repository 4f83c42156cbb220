import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { PolicyDocumentSchema, type Clause, type PolicyDocument } from './clause.js'
import { normalizePolicyText } from './normalize.js'
import { splitClauses } from './split-clauses.js'

export { ingestDocument, type IngestOptions } from './ingest-document.js'

/** fixtures/policies/, resolved from this file so it works from src/ (tsx) and from any working directory. */
export const BUILTIN_POLICY_DIR = new URL('../../fixtures/policies/', import.meta.url)

export const BuiltinManifestSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    file: z.string().regex(/^[\w.-]+\.(txt|md)$/),
  }),
)
export type BuiltinManifest = z.infer<typeof BuiltinManifestSchema>

/** The built-in documents are part of the release, not uploads: a fixed date keeps their records stable. */
const BUILTIN_ADDED_AT = '2026-01-01T00:00:00.000Z'

let cache: { documents: PolicyDocument[]; clauses: Clause[] } | undefined

/**
 * The built-in policy corpus (fixtures/policies/manifest.json): seed 004 工业园区高质量发展指引, seed 002
 * 高标准数字园区建设指南, the writing requirements of the two innovation templates (seed 000/001) and the annual
 * report / excellent case guidance of seed 003. Read synchronously once at start-up; every call returns fresh
 * arrays (the objects in them are shared and must not be mutated).
 */
export function loadBuiltinCorpus(): { documents: PolicyDocument[]; clauses: Clause[] } {
  cache ??= readCorpus()
  return { documents: [...cache.documents], clauses: [...cache.clauses] }
}

function readCorpus(): { documents: PolicyDocument[]; clauses: Clause[] } {
  const manifest = BuiltinManifestSchema.parse(
    JSON.parse(readFileSync(new URL('manifest.json', BUILTIN_POLICY_DIR), 'utf8')),
  )
  const documents: PolicyDocument[] = []
  const clauses: Clause[] = []
  for (const entry of manifest) {
    const raw = readFileSync(new URL(entry.file, BUILTIN_POLICY_DIR), 'utf8')
    const document = PolicyDocumentSchema.parse({
      id: entry.id,
      title: entry.title,
      origin: 'builtin',
      fileName: entry.file,
      mediaType: entry.file.endsWith('.md') ? 'text/markdown' : 'text/plain',
      addedAt: BUILTIN_ADDED_AT,
      text: normalizePolicyText(raw),
    })
    documents.push(document)
    clauses.push(...splitClauses(document))
  }
  return { documents, clauses }
}
