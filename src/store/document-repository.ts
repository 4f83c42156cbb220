import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PolicyDocumentSchema, type PolicyDocument } from '../ingest/clause.js'
import type { Database, Queryable } from './database.js'
import type { DocumentStore } from './document-store.js'

interface DocumentRow {
  id: string
  title: string
  origin: string
  file_name: string
  media_type: string
  pages: number | null
  added_at: string
  text: string
  content_hash: string | null
  page_starts: number[] | null
  ocr_pages: number[] | null
}

const COLUMNS = 'id, title, origin, file_name, media_type, pages, added_at, text, content_hash, page_starts, ocr_pages'
const UPSERT = `INSERT INTO policy_documents (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
const BUMP_VERSION = 'UPDATE policy_corpus_version SET version = version + 1'

/**
 * Uploaded policy documents in the workspace database. A drop-in for the JSON-file DocumentStore (same `list`,
 * `save`, `remove`), so PolicyCorpus works with either. Clauses are not stored: they are re-split at start-up.
 */
export class DocumentRepository implements DocumentStore {
  constructor(private readonly db: Database) {}

  /** Every stored document, by id (the order the JSON-file store listed them in). */
  async list(): Promise<PolicyDocument[]> {
    const { rows } = await this.db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM policy_documents ORDER BY id COLLATE "C"`,
    )
    const documents: PolicyDocument[] = []
    for (const row of rows) {
      const parsed = PolicyDocumentSchema.safeParse(fromRow(row))
      // Like the JSON-file store: a row that no longer matches the schema is skipped, not fatal for the corpus.
      if (parsed.success) documents.push(parsed.data)
      else console.warn(`skipping unreadable stored document ${row.id}`)
    }
    return documents
  }

  /**
   * Stores a document; a document with the same id (the same file uploaded again) is replaced. Another document
   * with the same content hash is refused by the database (unique index): see isDuplicateContentError.
   */
  async save(document: PolicyDocument): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`${UPSERT}
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, origin = excluded.origin, file_name = excluded.file_name,
          media_type = excluded.media_type, pages = excluded.pages, added_at = excluded.added_at, text = excluded.text,
          content_hash = excluded.content_hash, page_starts = excluded.page_starts, ocr_pages = excluded.ocr_pages,
          stored_at = now()`, valuesOf(document))
      await tx.query(BUMP_VERSION)
    })
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query('DELETE FROM policy_documents WHERE id = $1', [id])
      if (rowCount > 0) await tx.query(BUMP_VERSION)
    })
  }

  /** Changes with every save and remove, from any instance sharing the database. */
  async version(): Promise<string> {
    const { rows } = await this.db.query<{ version: string | number }>('SELECT version FROM policy_corpus_version')
    return String(rows[0]?.version ?? 0)
  }
}

/** The database refused a document because another one has the same content hash (the same words). */
export function isDuplicateContentError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null
  return e?.code === '23505' && typeof e.message === 'string' && e.message.includes('policy_documents_content_hash')
}

/**
 * Imports the documents of the JSON-file store (DATA_DIR/documents/*.json, earlier versions) once: on the first
 * start that finds the folder. A document already in the database keeps the stored version; files that do not
 * parse are skipped with a warning, as the JSON-file store did. The files are left where they are, as a backup;
 * the row in `legacy_imports` makes later starts skip them, so a document deleted afterwards stays deleted. Answers
 * how many documents were imported (0 when there was nothing to do).
 */
export async function importLegacyDocuments(db: Database, dataDir: string): Promise<number> {
  const folder = join(dataDir, 'documents')
  let names: string[]
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort()
  } catch {
    return 0
  }
  const done = await db.query('SELECT 1 FROM legacy_imports WHERE name = $1', ['documents'])
  if (done.rowCount > 0) return 0
  const documents: PolicyDocument[] = []
  for (const name of names) {
    try {
      const parsed = PolicyDocumentSchema.safeParse(JSON.parse(await readFile(join(folder, name), 'utf8')))
      if (parsed.success) documents.push(parsed.data)
      else console.warn(`skipping unreadable stored document ${name}`)
    } catch {
      console.warn(`skipping unreadable stored document ${name}`)
    }
  }
  return db.transaction(async (tx) => {
    // The marker goes first: a second instance starting at the same moment waits on it, then finds it and stops.
    const marker = await tx.query(
      'INSERT INTO legacy_imports (name, source, items) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name',
      ['documents', folder, documents.length],
    )
    if (marker.rowCount === 0) return 0
    let imported = 0
    for (const document of documents) imported += await insertIfAbsent(tx, document)
    if (imported > 0) console.log(`imported ${imported} policy documents from ${folder} into the workspace database`)
    return imported
  })
}

async function insertIfAbsent(tx: Queryable, document: PolicyDocument): Promise<number> {
  // Any conflict (the id, or the same words under another id) keeps what the database has.
  const { rowCount } = await tx.query(`${UPSERT} ON CONFLICT DO NOTHING`, valuesOf(document))
  return rowCount
}

/** U+0000 (possible in text extracted from a PDF) cannot be stored in PostgreSQL text and carries nothing: dropped. */
function clean(text: string): string {
  return text.replaceAll('\u0000', '')
}

function valuesOf(document: PolicyDocument): unknown[] {
  const d = PolicyDocumentSchema.parse(document)
  return [
    d.id,
    clean(d.title),
    d.origin,
    clean(d.fileName),
    clean(d.mediaType),
    d.pages ?? null,
    d.addedAt,
    clean(d.text),
    d.contentHash ?? null,
    d.pageStarts ?? null,
    d.ocrPages ?? null,
  ]
}

function fromRow(row: DocumentRow): unknown {
  return {
    id: row.id,
    title: row.title,
    origin: row.origin,
    fileName: row.file_name,
    mediaType: row.media_type,
    ...(row.pages !== null ? { pages: row.pages } : {}),
    ...(row.page_starts !== null ? { pageStarts: row.page_starts } : {}),
    ...(row.content_hash !== null ? { contentHash: row.content_hash } : {}),
    ...(row.ocr_pages !== null ? { ocrPages: row.ocr_pages } : {}),
    addedAt: row.added_at,
    text: row.text,
  }
}
