import { mkdir } from 'node:fs/promises'
import { openDatabase, type Database, type DatabaseConfig } from './database.js'
import { DocumentRepository, importLegacyDocuments } from './document-repository.js'
import { DraftRepository } from './draft-repository.js'
import { migrate } from './migrate.js'
import { ParkRepository } from './park-repository.js'

/** The persistent workspace: parks, policy documents, drafts and their versions, in one database. */
export interface Workspace {
  db: Database
  parks: ParkRepository
  documents: DocumentRepository
  drafts: DraftRepository
  close(): Promise<void>
}

/**
 * Opens the workspace the configuration names (PGlite under DATA_DIR, or DATABASE_URL), brings its schema up to
 * date, and on the first start imports the JSON documents of earlier versions. The server and the CLI call this
 * once at start-up and `close()` on the way out.
 */
export async function openWorkspace(config: DatabaseConfig): Promise<Workspace> {
  await mkdir(config.dataDir, { recursive: true })
  const db = await openDatabase(config)
  try {
    await migrate(db)
    await importLegacyDocuments(db, config.dataDir)
  } catch (error) {
    await db.close()
    throw error
  }
  return {
    db,
    parks: new ParkRepository(db),
    documents: new DocumentRepository(db),
    drafts: new DraftRepository(db),
    close: () => db.close(),
  }
}
