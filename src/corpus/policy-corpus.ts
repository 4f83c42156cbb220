import type { AppConfig } from '../config.js'
import { UserError } from '../errors.js'
import { loadBuiltinCorpus } from '../ingest/builtin-corpus.js'
import type { Clause, PolicyDocument } from '../ingest/clause.js'
import { ingestDocument } from '../ingest/ingest-document.js'
import { splitClauses } from '../ingest/split-clauses.js'
import { ClauseRetriever, type RetrievalOutcome, type RetrieveOptions } from '../retrieve/retriever.js'
import type { DocumentStore } from '../store/document-store.js'

export type DocumentSummary = Omit<PolicyDocument, 'text'> & { clauses: number }

const messages = {
  notFound: (id: string) => `找不到编号为“${id}”的政策文件。`,
  builtin: (title: string) => `《${title}》是内置政策文件，不能删除。`,
}

/**
 * The policy corpus a park works with: the built-in guidelines (fixtures/policies, indexed at start-up)
 * plus the documents people upload, which are stored under DATA_DIR and re-indexed on every start.
 */
export class PolicyCorpus {
  private readonly documents = new Map<string, { document: PolicyDocument; clauses: Clause[] }>()
  private readonly retriever: ClauseRetriever

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
    for (const document of (await store?.list()) ?? []) entries.push({ document, clauses: splitClauses(document) })
    return new PolicyCorpus(entries, store, config)
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
    return [...this.documents.values()].map(({ document, clauses }) => summarize(document, clauses.length))
  }

  getDocument(id: string): { document: DocumentSummary; clauses: Clause[] } {
    const entry = this.documents.get(id)
    if (!entry) throw new UserError('document_not_found', messages.notFound(id), 404)
    return { document: summarize(entry.document, entry.clauses.length), clauses: entry.clauses }
  }

  /**
   * Extracts, normalizes and splits an upload, stores it, and adds its clauses to the index. The id is a
   * hash of the file, so uploading the same file again replaces it instead of duplicating its clauses.
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

  /** Stores an upload already extracted and split (by a worker thread) and adds its clauses to the index. */
  async addIngested({ document, clauses }: { document: PolicyDocument; clauses: Clause[] }): Promise<{ document: DocumentSummary; clauses: Clause[] }> {
    // Persist first: if the disk write fails, the index is untouched and the person can retry.
    await this.store?.save(document)
    if (this.documents.has(document.id)) this.retriever.remove(document.id)
    this.documents.set(document.id, { document, clauses })
    this.retriever.add(clauses)
    return { document: summarize(document, clauses.length), clauses }
  }

  async removeDocument(id: string): Promise<void> {
    const entry = this.documents.get(id)
    if (!entry) throw new UserError('document_not_found', messages.notFound(id), 404)
    if (entry.document.origin === 'builtin') throw new UserError('builtin_document', messages.builtin(entry.document.title), 403)
    await this.store?.remove(id)
    this.documents.delete(id)
    this.retriever.remove(id)
  }
}

function summarize(document: PolicyDocument, clauses: number): DocumentSummary {
  const { text: _text, ...rest } = document
  return { ...rest, clauses }
}
