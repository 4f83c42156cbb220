/**
 * Clause retrieval for report drafting and alignment: BM25 alone, or BM25 and dense retrieval
 * fused by reciprocal rank fusion when an embeddings endpoint is configured (config.ts).
 *
 * A failing embeddings endpoint never fails a query: the query is answered by BM25 and a Chinese
 * warning is recorded; dense retrieval is then skipped for `retryAfterMs` so that every query
 * does not wait for the same timeout.
 */
import type { Clause } from '../ingest/clause.js'
import { buildClauseIndex, type Bm25Options, type ClauseIndex } from './bm25.js'
import { readRetrievalConfig, type Env, type RetrievalConfig } from './config.js'
import { DenseClauseIndex, EmbeddingCache, EmbeddingsError, OpenAIEmbedder, type Embedder } from './dense.js'
import { reciprocalRankFusion } from './fuse.js'

export { readRetrievalConfig } from './config.js'
export type { RetrievalConfig, EmbeddingsConfig, Env } from './config.js'

export interface RetrievalResult {
  /** Document title without book-title marks, e.g. 工业园区高质量发展指引. */
  source: string
  /** Citation, e.g. 《工业园区高质量发展指引》二（五）11. */
  path: string
  text: string
  /** BM25 score in 'bm25' mode, RRF score in 'hybrid' mode; only the order is comparable. */
  score: number
  clauseId: string
  /** The page of the uploaded PDF the clause starts on, for a citation such as 第3页. */
  page?: number
}

export interface RetrieveOptions {
  /** Number of results; default 5, at most 50. */
  top?: number
  /** Restrict to clauses of these documents. */
  docIds?: readonly string[]
}

export type RetrievalMode = 'bm25' | 'hybrid'

export interface RetrievalWarning {
  code: 'dense_failed' | 'dense_paused' | 'dense_cache'
  message: string
}

export interface RetrievalOutcome {
  results: RetrievalResult[]
  /** How this query was answered. */
  mode: RetrievalMode
  warnings: RetrievalWarning[]
}

export interface ClauseRetrieverOptions {
  /** Default: BM25 only. Use `readRetrievalConfig(process.env)` or `ClauseRetriever.fromEnv`. */
  config?: RetrievalConfig
  /** Overrides the embedder built from `config` (tests, other providers). */
  embedder?: Embedder
  /** Directory for the persistent embeddings cache (embeddings-cache.json). */
  dataDir?: string
  bm25?: Bm25Options
  /** Candidates taken from each list before fusion; default max(50, 5·top). */
  candidateDepth?: number
  /** After a dense failure, answer with BM25 alone for this long. Default 60 s. */
  retryAfterMs?: number
  onWarning?: (warning: RetrievalWarning) => void
  /** Clock, injectable for tests. */
  now?: () => number
}

export const messages = {
  denseFailed: (detail: string) => `向量检索暂不可用，本次已改用关键词检索（BM25）。原因：${detail}`,
  densePaused: (seconds: number, detail: string) =>
    `向量检索暂不可用，约 ${seconds} 秒后重试，本次使用关键词检索（BM25）。上次原因：${detail}`,
} as const

export const DEFAULT_TOP = 5
export const MAX_TOP = 50
const RECENT_WARNINGS = 20

function toResult(clause: Clause, score: number): RetrievalResult {
  return { source: clause.source, path: clause.path, text: clause.text, score, clauseId: clause.id, ...(clause.page ? { page: clause.page } : {}) }
}

export class ClauseRetriever {
  private readonly bm25: ClauseIndex
  private readonly dense: DenseClauseIndex | undefined
  private readonly retryAfterMs: number
  private readonly now: () => number
  private denseDownUntil = 0
  private lastDenseError = ''
  private readonly recent: RetrievalWarning[] = []

  constructor(
    clauses: readonly Clause[],
    private readonly options: ClauseRetrieverOptions = {},
  ) {
    this.bm25 = buildClauseIndex(clauses, options.bm25)
    this.retryAfterMs = options.retryAfterMs ?? 60_000
    this.now = options.now ?? Date.now
    const embeddings = options.config?.embeddings
    const embedder = options.embedder ?? (embeddings !== undefined ? new OpenAIEmbedder(embeddings) : undefined)
    if (embedder !== undefined) {
      this.dense = new DenseClauseIndex(embedder, {
        ...(options.dataDir !== undefined ? { cache: EmbeddingCache.inDataDir(options.dataDir) } : {}),
        ...(embeddings !== undefined ? { batchSize: embeddings.batchSize } : {}),
        onWarning: (message) => this.warn({ code: 'dense_cache', message }),
      })
      this.dense.add(clauses)
    }
  }

  /** A retriever configured from environment variables (see config.ts). */
  static fromEnv(clauses: readonly Clause[], env: Env, options: Omit<ClauseRetrieverOptions, 'config'> = {}): ClauseRetriever {
    return new ClauseRetriever(clauses, { ...options, config: readRetrievalConfig(env) })
  }

  /** 'hybrid' when an embeddings endpoint is configured (a query may still fall back). */
  get mode(): RetrievalMode {
    return this.dense === undefined ? 'bm25' : 'hybrid'
  }

  get size(): number {
    return this.bm25.size
  }

  /** The last warnings, oldest first. */
  get recentWarnings(): readonly RetrievalWarning[] {
    return this.recent
  }

  /** Adds (or replaces, by id) clauses, e.g. of an uploaded document. */
  add(clauses: readonly Clause[]): void {
    this.bm25.add(clauses)
    this.dense?.add(clauses)
  }

  /** Removes a document's clauses; returns how many. */
  remove(docId: string): number {
    this.dense?.remove(docId)
    return this.bm25.remove(docId)
  }

  /** Embeds the clauses now rather than on the first query; returns warnings instead of throwing. */
  async warmUp(): Promise<RetrievalWarning[]> {
    if (this.dense === undefined) return []
    try {
      await this.dense.ensureIndexed()
      return []
    } catch (e) {
      if (!(e instanceof EmbeddingsError)) throw e
      return [this.denseFailed(e)]
    }
  }

  async retrieve(query: string, options: RetrieveOptions = {}): Promise<RetrievalResult[]> {
    return (await this.retrieveDetailed(query, options)).results
  }

  async retrieveDetailed(query: string, options: RetrieveOptions = {}): Promise<RetrievalOutcome> {
    const top = Math.min(MAX_TOP, Math.max(0, Math.floor(options.top ?? DEFAULT_TOP)))
    const filter = options.docIds === undefined ? {} : { docIds: options.docIds }
    if (top === 0 || query.trim() === '') return { results: [], mode: 'bm25', warnings: [] }

    // Twice as many candidates as asked: an uploaded copy of a built-in guideline repeats its clauses word for word.
    const bm25Results = () => distinctByText(this.bm25.search(query, top * 2, filter).map((h) => toResult(h.clause, h.score)), top)
    if (this.dense === undefined) return { results: bm25Results(), mode: 'bm25', warnings: [] }
    const bm25Only = (warnings: RetrievalWarning[]): RetrievalOutcome => ({ results: bm25Results(), mode: 'bm25', warnings })
    const now = this.now()
    if (now < this.denseDownUntil) {
      const seconds = Math.ceil((this.denseDownUntil - now) / 1000)
      return bm25Only([this.warn({ code: 'dense_paused', message: messages.densePaused(seconds, this.lastDenseError) })])
    }

    const depth = Math.max(this.options.candidateDepth ?? 50, top * 5)
    const lexical = this.bm25.search(query, depth, filter)
    let semantic
    try {
      semantic = await this.dense.search(query, depth, filter)
    } catch (e) {
      if (!(e instanceof EmbeddingsError)) throw e
      return bm25Only([this.denseFailed(e)])
    }
    const byId = new Map<string, Clause>()
    for (const h of lexical) byId.set(h.clause.id, h.clause)
    for (const h of semantic) byId.set(h.clause.id, h.clause)
    const fused = reciprocalRankFusion([lexical.map((h) => h.clause.id), semantic.map((h) => h.clause.id)])
    return {
      results: distinctByText(fused.slice(0, top * 2).map((f) => toResult(byId.get(f.id) as Clause, f.score)), top),
      mode: 'hybrid',
      warnings: [],
    }
  }

  private denseFailed(e: EmbeddingsError): RetrievalWarning {
    this.lastDenseError = e.message
    this.denseDownUntil = this.now() + this.retryAfterMs
    return this.warn({ code: 'dense_failed', message: messages.denseFailed(e.message) })
  }

  private warn(w: RetrievalWarning): RetrievalWarning {
    this.recent.push(w)
    if (this.recent.length > RECENT_WARNINGS) this.recent.shift()
    this.options.onWarning?.(w)
    return w
  }
}

/** The first `top` results whose clause texts differ: the same clause from two copies of a document shows once. */
function distinctByText(results: readonly RetrievalResult[], top: number): RetrievalResult[] {
  const seen = new Set<string>()
  return results.filter((r) => !seen.has(r.text) && Boolean(seen.add(r.text))).slice(0, top)
}
