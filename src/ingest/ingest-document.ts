import { createHash } from 'node:crypto'
import { UserError } from '../errors.js'
import type { Clause, PolicyDocument } from './clause.js'
import { extractDocumentText, messages, type ExtractInput, type IngestLimits } from './extract-text.js'
import { normalizePolicyText } from './normalize.js'
import { splitClauses } from './split-clauses.js'

export interface IngestOptions {
  limits?: Partial<IngestLimits>
  /** Document id; default `upload-` + the first 16 hex digits of the file's SHA-256, so a re-upload keeps its id. */
  id?: string
  /** Title; default the one found by extractDocumentText. */
  title?: string
  /** Time of ingestion (tests pass a fixed one). */
  now?: Date
}

/** An uploaded policy document: extract → normalize → split into clauses. */
export async function ingestDocument(
  input: ExtractInput,
  options: IngestOptions = {},
): Promise<{ document: PolicyDocument; clauses: Clause[] }> {
  const extracted = await extractDocumentText(input, options.limits)
  const text = normalizePolicyText(extracted.text)
  const document: PolicyDocument = {
    id: options.id ?? `upload-${createHash('sha256').update(input.data).digest('hex').slice(0, 16)}`,
    title: options.title ?? extracted.title,
    origin: 'upload',
    fileName: input.fileName,
    mediaType: extracted.mediaType,
    ...(extracted.pages !== undefined ? { pages: extracted.pages } : {}),
    addedAt: (options.now ?? new Date()).toISOString(),
    text,
  }
  // splitClauses drops a first line equal to the title; with a title given by the caller, drop the title line
  // the document itself starts with, or it would become a 序言 clause of its own.
  const ownTitleLine = `${extracted.title}\n`
  const body =
    document.title !== extracted.title && text.startsWith(ownTitleLine) ? text.slice(ownTitleLine.length) : text
  const clauses = splitClauses({ id: document.id, title: document.title, text: body })
  if (clauses.length === 0) throw new UserError('empty_document', messages.empty_document, 422)
  return { document, clauses }
}
