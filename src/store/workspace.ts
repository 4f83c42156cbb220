import { mkdir } from 'node:fs/promises'
import { databaseUrlOf, openDatabase, type Database, type DatabaseConfig } from './database.js'
import { DocumentRepository, importLegacyDocuments } from './document-repository.js'
import { JsonDocumentStore, type DocumentStore } from './document-store.js'
import { DraftRepository } from './draft-repository.js'
import { migrate } from './migrate.js'
import { ParkRepository } from './park-repository.js'

/** The persistent workspace: parks, drafts and their versions in the database; policy documents beside them. */
export interface Workspace {
  db: Database
  parks: ParkRepository
  documents: DocumentStore
  drafts: DraftRepository
  close(): Promise<void>
}

/**
 * Opens the workspace the configuration names (PGlite under DATA_DIR, or DATABASE_URL) and brings its schema up to
 * date. The server calls this once at start-up and `close()` on the way out.
 *
 * Uploaded policy documents follow the database: with PostgreSQL they are rows (several servers share them, and the
 * JSON files of earlier versions are imported once); on the embedded default they stay files under
 * DATA_DIR/documents (see `documentStoreFor`), because PGlite admits one process at a time and the CLI's `retrieve`
 * and `draft` must see the server's uploads while the server runs.
 */
export async function openWorkspace(config: DatabaseConfig): Promise<Workspace> {
  await mkdir(config.dataDir, { recursive: true })
  const db = await openDatabase(config, { migrateWhenCreated: true })
  try {
    await migrate(db)
    if (db.backend === 'postgres') await importLegacyDocuments(db, config.dataDir)
  } catch (error) {
    await db.close()
    throw error
  }
  return {
    db,
    parks: new ParkRepository(db),
    documents: db.backend === 'postgres' ? new DocumentRepository(db) : new JsonDocumentStore(config.dataDir),
    drafts: new DraftRepository(db),
    close: () => db.close(),
  }
}

/**
 * The policy-document store for a process that does not open the workspace (the CLI): the files under DATA_DIR on
 * the embedded default, else the shared database, opened for the caller to close.
 */
export async function documentStoreFor(config: DatabaseConfig): Promise<{ store: DocumentStore; close(): Promise<void> }> {
  if (!databaseUrlOf(config)) return { store: new JsonDocumentStore(config.dataDir), close: async () => {} }
  const workspace = await openWorkspace(config)
  return { store: workspace.documents, close: () => workspace.close() }
}
