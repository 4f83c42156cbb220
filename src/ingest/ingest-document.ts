import { createHash } from 'node:crypto'
import { UserError } from '../errors.js'
import type { Clause, PolicyDocument } from './clause.js'
import { extractDocumentText, messages, type ExtractInput, type IngestLimits } from './extract-text.js'
import { normalizePolicyText } from './normalize.js'
import { pageStartsOf, withPages } from './page-map.js'
import type { ScanProgress } from './scanned-pages.js'
import { splitClauses } from './split-clauses.js'

export interface IngestOptions {
  limits?: Partial<IngestLimits>
  /** Document id; default `upload-` + the first 16 hex digits of the file's SHA-256, so a re-upload keeps its id. */
  id?: string
  /** Title; default the one found by extractDocumentText. */
  title?: string
  /** Time of ingestion (tests pass a fixed one). */
  now?: Date
  /** Called after each scanned page is read by OCR (seconds per page), to show progress. */
  onProgress?: (progress: ScanProgress) => void
}

/** An uploaded policy document: extract → normalize → split into clauses. */
export async function ingestDocument(
  input: ExtractInput,
  options: IngestOptions = {},
): Promise<{ document: PolicyDocument; clauses: Clause[] }> {
  const extracted = await extractDocumentText(input, options.limits, options.onProgress)
  const text = normalizePolicyText(extracted.text)
  const pageStarts =
    extracted.paragraphs && extracted.pages ? pageStartsOf(text, extracted.paragraphs, extracted.pages) : undefined
  const document: PolicyDocument = {
    id: options.id ?? `upload-${createHash('sha256').update(input.data).digest('hex').slice(0, 16)}`,
    title: options.title ?? extracted.title,
    origin: 'upload',
    fileName: input.fileName,
    mediaType: extracted.mediaType,
    ...(extracted.pages !== undefined ? { pages: extracted.pages } : {}),
    ...(pageStarts ? { pageStarts } : {}),
    ...(extracted.ocrPages && extracted.ocrPages.length > 0 ? { ocrPages: extracted.ocrPages } : {}),
    contentHash: contentHashOf(text),
    addedAt: (options.now ?? new Date()).toISOString(),
    text,
  }
  // splitClauses drops a first line equal to the title; with a title given by the caller, drop the title line
  // the document itself starts with, or it would become a 序言 clause of its own.
  const ownTitleLine = `${extracted.title}\n`
  const body =
    document.title !== extracted.title && text.startsWith(ownTitleLine) ? text.slice(ownTitleLine.length) : text
  const clauses = withPages(splitClauses({ id: document.id, title: document.title, text: body }), text, document.pageStarts)
  if (clauses.length === 0) throw new UserError('empty_document', messages.empty_document, 422)
  return { document, clauses }
}

/** The clauses of a stored document (re-split at start-up, so an improved splitter applies to old uploads too). */
export function documentClauses(document: PolicyDocument): Clause[] {
  return withPages(splitClauses(document), document.text, document.pageStarts)
}

/**
 * What makes two uploads "the same text": SHA-256 of the letters and digits of the normalized text, so the same
 * document saved again, re-exported or converted to another format with the same words counts as a duplicate.
 */
export function contentHashOf(normalizedText: string): string {
  const skeleton = (normalizedText.match(/[\p{L}\p{N}]/gu) ?? []).join('')
  return createHash('sha256').update(skeleton).digest('hex')
}
