import type { AppConfig } from '../config.js'
import { UserError } from '../errors.js'
import { loadBuiltinCorpus } from '../ingest/builtin-corpus.js'
import type { Clause, PolicyDocument } from '../ingest/clause.js'
import { contentHashOf, documentClauses, ingestDocument } from '../ingest/ingest-document.js'
import { ClauseRetriever, type RetrievalOutcome, type RetrieveOptions } from '../retrieve/retriever.js'
import { isDuplicateContentError } from '../store/document-repository.js'
import type { DocumentStore } from '../store/document-store.js'

/** Another document of the corpus with the same title in another file type: probably the same policy twice. */
export interface NearDuplicate {
  id: string
  fileName: string
  mediaType: string
}

export type DocumentSummary = Omit<PolicyDocument, 'text'> & { clauses: number; nearDuplicates?: NearDuplicate[] }

const messages = {
  notFound: (id: string) => `找不到编号为“${id}”的政策文件。`,
  builtin: (title: string) => `《${title}》是内置政策文件，不能删除。`,
  duplicate: (existing: PolicyDocument) =>
    existing.origin === 'builtin'
      ? `这份文件的内容与内置政策文件《${existing.title}》相同，无需再上传。`
      : `这份文件的内容与已上传的《${existing.title}》（文件“${existing.fileName}”）相同，未重复导入。如需更新，请先删除原文件再上传。`,
}

/** How often, at most, a request checks whether another instance changed the shared document store. */
const CATCH_UP_INTERVAL_MS = 1_000

/**
 * The policy corpus a park works with: the built-in guidelines (fixtures/policies, indexed at start-up)
 * plus the documents people upload, which are stored under DATA_DIR and re-indexed on every start.
 */
export class PolicyCorpus {
  private readonly documents = new Map<string, { document: PolicyDocument; clauses: Clause[] }>()
  private readonly retriever: ClauseRetriever
  /** The store's version the index reflects (stores shared by several instances only). */
  private storeVersion: string | undefined
  private lastCatchUp = 0
  private catchingUp: Promise<void> | undefined
  private readonly uploadListeners: (() => void)[] = []

  private constructor(
    entries: readonly { document: PolicyDocument; clauses: Clause[] }[],
    private readonly store: DocumentStore | undefined,
    private readonly config: Pick<AppConfig, 'env' | 'dataDir' | 'limits'>,
  ) {
    for (const entry of entries) this.documents.set(entry.document.id, entry)
    this.retriever = ClauseRetriever.fromEnv(
      entries.flatMap((entry) => entry.clauses),
      config.env,
      { dataDir: config.dataDir },
    )
  }

  /** Loads the built-in corpus and every stored upload, and builds the index. */
  static async open(config: Pick<AppConfig, 'env' | 'dataDir' | 'limits'>, store?: DocumentStore): Promise<PolicyCorpus> {
    const builtin = loadBuiltinCorpus()
    const entries = builtin.documents.map((document) => ({
      document,
      clauses: builtin.clauses.filter((clause) => clause.docId === document.id),
    }))
    // Read before the list: a change made in between is seen again at the next catch-up, never missed.
    const version = await store?.version?.()
    for (const document of (await store?.list()) ?? []) entries.push({ document, clauses: documentClauses(document) })
    const corpus = new PolicyCorpus(entries, store, config)
    corpus.storeVersion = version
    return corpus
  }

  /**
   * Brings the index up to date with uploads and deletions made by other server instances sharing the store (one
   * PostgreSQL database): a cheap version query at most once a second; the documents are re-read only when it
   * moved. Called before each request that reads the corpus.
   */
  async catchUp(options: { force?: boolean } = {}): Promise<void> {
    if (!this.store?.version) return
    if (!options.force && Date.now() - this.lastCatchUp < CATCH_UP_INTERVAL_MS) return
    this.catchingUp ??= this.reloadIfChanged().finally(() => {
      this.lastCatchUp = Date.now()
      this.catchingUp = undefined
    })
    return this.catchingUp
  }

  private async reloadIfChanged(): Promise<void> {
    const version = await this.store?.version?.()
    if (version === this.storeVersion) return
    const stored = (await this.store?.list()) ?? []
    const storedIds = new Set(stored.map((d) => d.id))
    for (const [id, entry] of this.documents) {
      if (entry.document.origin !== 'builtin' && !storedIds.has(id)) {
        this.documents.delete(id)
        this.retriever.remove(id)
      }
    }
    for (const document of stored) {
      const known = this.documents.get(document.id)
      if (known && known.document.addedAt === document.addedAt) continue
      if (known) this.retriever.remove(document.id)
      const clauses = documentClauses(document)
      this.documents.set(document.id, { document, clauses })
      this.retriever.add(clauses)
    }
    this.storeVersion = version
    this.uploadsChanged()
  }

  get stats(): { documents: number; clauses: number; retrieval: 'bm25' | 'hybrid' } {
    return { documents: this.documents.size, clauses: this.retriever.size, retrieval: this.retriever.mode }
  }

  retrieve(query: string, options: RetrieveOptions = {}): Promise<RetrievalOutcome> {
    return this.retriever.retrieveDetailed(query, options)
  }

  /** For the drafting chain (LangChain retriever) and the checker: every clause in the corpus. */
  get retrieverForChains(): ClauseRetriever {
    return this.retriever
  }

  listDocuments(): DocumentSummary[] {
    const all = [...this.documents.values()]
    return all.map(({ document, clauses }) => {
      const nearDuplicates = all
        .filter((other) => other.document.id !== document.id && other.document.title === document.title && other.document.mediaType !== document.mediaType)
        .map(({ document: d }) => ({ id: d.id, fileName: d.fileName, mediaType: d.mediaType }))
      return { ...summarize(document, clauses.length), ...(nearDuplicates.length > 0 ? { nearDuplicates } : {}) }
    })
  }

  getDocument(id: string): { document: DocumentSummary; clauses: Clause[] } {
    const entry = this.documents.get(id)
    if (!entry) throw new UserError('document_not_found', messages.notFound(id), 404)
    return { document: summarize(entry.document, entry.clauses.length), clauses: entry.clauses }
  }

  /**
   * Extracts, normalizes and splits an upload, stores it, and adds its clauses to the index. An upload whose words
   * are those of a document already in the corpus (the same file again, or the same text saved as another type) is
   * refused with 409 naming that document: nothing is replaced or renamed.
   */
  async addUpload(file: { fileName: string; data: Uint8Array; mediaType?: string }): Promise<{ document: DocumentSummary; clauses: Clause[] }> {
    return this.addIngested(await ingestDocument(file, { limits: this.ingestLimits }))
  }

  /** The limits an upload is ingested with (the server passes them to the worker that ingests it). */
  get ingestLimits(): { maxBytes: number; maxPages: number } {
    return { maxBytes: this.config.limits.maxUploadBytes, maxPages: this.config.limits.maxPdfPages }
  }

  /** The uploaded documents (not the built-in ones), with their text: what a copy of the corpus elsewhere needs. */
  uploads(): PolicyDocument[] {
    return [...this.documents.values()].map((entry) => entry.document).filter((document) => document.origin !== 'builtin')
  }

  /**
   * Calls `listener` whenever the uploaded documents change (an upload, a deletion, or another instance's change
   * seen at a catch-up): the worker threads' copies of the corpus follow it.
   */
  onUploadsChanged(listener: () => void): void {
    this.uploadListeners.push(listener)
  }

  /** Stores an upload already extracted and split (by a worker thread) and adds its clauses to the index. */
  async addIngested({ document, clauses }: { document: PolicyDocument; clauses: Clause[] }): Promise<{ document: DocumentSummary; clauses: Clause[] }> {
    // Another instance may have stored the same document a moment ago.
    await this.catchUp({ force: true })
    this.refuseDuplicate(document)
    try {
      // Persist first: if the write fails, the index is untouched and the person can retry.
      await this.store?.save(document)
    } catch (error) {
      if (!isDuplicateContentError(error)) throw error
      await this.catchUp({ force: true })
      this.refuseDuplicate(document)
      throw error
    }
    this.documents.set(document.id, { document, clauses })
    this.retriever.add(clauses)
    this.uploadsChanged()
    return { document: summarize(document, clauses.length), clauses }
  }

  /** Throws 409 when the corpus already holds a document with the same words (or the same file). */
  private refuseDuplicate(document: PolicyDocument): void {
    const hash = document.contentHash
    for (const { document: existing } of this.documents.values()) {
      const same = existing.id === document.id || (hash !== undefined && contentHashOfStored(existing) === hash)
      if (same) throw new UserError('duplicate_document', messages.duplicate(existing), 409, { documentId: existing.id })
    }
  }

  async removeDocument(id: string): Promise<void> {
    const entry = this.documents.get(id)
    if (!entry) throw new UserError('document_not_found', messages.notFound(id), 404)
    if (entry.document.origin === 'builtin') throw new UserError('builtin_document', messages.builtin(entry.document.title), 403)
    await this.store?.remove(id)
    this.documents.delete(id)
    this.retriever.remove(id)
    this.uploadsChanged()
  }

  private uploadsChanged(): void {
    for (const listener of this.uploadListeners) listener()
  }
}

/** Built-in documents and uploads stored by earlier versions carry no hash: computed from their text, once. */
const computedHashes = new WeakMap<PolicyDocument, string>()
function contentHashOfStored(document: PolicyDocument): string {
  if (document.contentHash) return document.contentHash
  let hash = computedHashes.get(document)
  if (hash === undefined) computedHashes.set(document, (hash = contentHashOf(document.text)))
  return hash
}

function summarize(document: PolicyDocument, clauses: number): DocumentSummary {
  const { text: _text, ...rest } = document
  return { ...rest, clauses }
}
