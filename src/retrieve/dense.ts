/**
 * Optional dense retrieval through any OpenAI-compatible `/embeddings` endpoint.
 *
 * A clause is embedded by its search text (group headings + text, clause-text.ts). Clause vectors are cached by a hash of (model, dimensions, text), in memory and optionally in
 * a JSON file under the data directory, so restarting the server or re-uploading a document does
 * not re-embed unchanged clauses. Vectors are normalized once, so cosine similarity is a dot
 * product. Failures surface as EmbeddingsError with a Chinese message; the retriever turns them
 * into a warning and answers with BM25 (retriever.ts).
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type OpenAI from 'openai'
import type { Clause } from '../ingest/clause.js'
import { clauseSearchText } from './clause-text.js'
import type { EmbeddingsConfig } from './config.js'

export type EmbedPurpose = 'index' | 'query'

/** Anything that turns texts into vectors, in input order. */
export interface Embedder {
  /** Part of the cache key: vectors of different models never mix. */
  readonly cacheKey: string
  embed(texts: readonly string[], purpose: EmbedPurpose): Promise<Float32Array[]>
}

export type EmbeddingsErrorCode = 'embeddings_timeout' | 'embeddings_http' | 'embeddings_connection' | 'embeddings_bad_response'

export const denseMessages = {
  timeout: (ms: number) => `向量检索服务在 ${ms} 毫秒内没有响应。`,
  http: (status: number, detail: string) => `向量检索服务返回错误（HTTP ${status}）${detail ? `：${detail}` : ''}。`,
  connection: (url: string) => `无法连接向量检索服务（${url}），请检查 EMBEDDINGS_BASE_URL 或 OPENAI_BASE_URL。`,
  badResponse: (detail: string) => `向量检索服务返回的数据格式不正确：${detail}。`,
  cacheWrite: (file: string) => `向量缓存文件写入失败（${file}），本次结果只保存在内存中。`,
  cacheRead: (file: string) => `向量缓存文件无法读取（${file}），已忽略并重新计算向量。`,
} as const

export class EmbeddingsError extends Error {
  constructor(
    readonly code: EmbeddingsErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'EmbeddingsError'
  }
}

/** Unit-length copy of a vector (a zero vector stays zero). */
export function normalizeVector(v: ArrayLike<number>): Float32Array {
  let sum = 0
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (v[i] as number)
  const out = new Float32Array(v.length)
  const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0
  for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) * inv
  return out
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number)
  return s
}

/** Embedder for an OpenAI-compatible endpoint (OpenAI, DashScope, SiliconFlow, Ollama, vLLM …). */
export class OpenAIEmbedder implements Embedder {
  readonly cacheKey: string
  /** The SDK, loaded on the first call: the server without an embeddings endpoint never pays for it (~15 MiB). */
  private sdk: Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> | undefined

  constructor(private readonly config: EmbeddingsConfig) {
    this.cacheKey = `${config.model}|${config.dimensions ?? ''}`
  }

  private loadSdk(): Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> {
    this.sdk ??= import('openai').then(({ default: OpenAI }) => ({
      OpenAI,
      client: new OpenAI({ apiKey: this.config.apiKey, ...(this.config.baseURL !== undefined ? { baseURL: this.config.baseURL } : {}), maxRetries: 0 }),
    }))
    return this.sdk
  }

  async embed(texts: readonly string[], purpose: EmbedPurpose): Promise<Float32Array[]> {
    if (texts.length === 0) return []
    const timeout = purpose === 'query' ? this.config.queryTimeoutMs : this.config.indexTimeoutMs
    const { OpenAI, client } = await this.loadSdk()
    let response: OpenAI.CreateEmbeddingResponse
    try {
      response = await client.embeddings.create(
        {
          model: this.config.model,
          input: [...texts],
          // Explicit: the SDK otherwise asks for base64, which some compatible servers ignore.
          encoding_format: 'float',
          ...(this.config.dimensions !== undefined ? { dimensions: this.config.dimensions } : {}),
        },
        // one retry while indexing (transient 429/5xx); none at query time, BM25 is the fallback
        { timeout, maxRetries: purpose === 'query' ? 0 : 1 },
      )
    } catch (e) {
      throw toEmbeddingsError(OpenAI, e, timeout, client.baseURL)
    }
    return parseEmbeddings(response, texts.length)
  }
}

function toEmbeddingsError(OpenAI: typeof import('openai').default, e: unknown, timeoutMs: number, baseURL: string): EmbeddingsError {
  if (e instanceof EmbeddingsError) return e
  if (e instanceof OpenAI.APIConnectionTimeoutError) return new EmbeddingsError('embeddings_timeout', denseMessages.timeout(timeoutMs))
  if (e instanceof OpenAI.APIConnectionError) return new EmbeddingsError('embeddings_connection', denseMessages.connection(baseURL))
  if (e instanceof OpenAI.APIError && e.status !== undefined) {
    const detail = typeof e.error === 'object' && e.error !== null && 'message' in e.error ? String((e.error as { message: unknown }).message) : ''
    return new EmbeddingsError('embeddings_http', denseMessages.http(e.status, detail.slice(0, 200)))
  }
  return new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse(e instanceof Error ? e.message : String(e)))
}

/** Validates an embeddings response and returns vectors in input order. */
export function parseEmbeddings(response: unknown, expected: number): Float32Array[] {
  const data = (response as { data?: unknown } | null)?.data
  if (!Array.isArray(data)) throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse('缺少 data 数组'))
  if (data.length !== expected) {
    throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse(`请求 ${expected} 条，返回 ${data.length} 条`))
  }
  const out = new Array<Float32Array | undefined>(expected).fill(undefined)
  let dims = -1
  data.forEach((item: unknown, position) => {
    const { embedding, index } = (item ?? {}) as { embedding?: unknown; index?: unknown }
    const at = typeof index === 'number' ? index : position
    const ok =
      (Array.isArray(embedding) || embedding instanceof Float32Array) &&
      embedding.length > 0 &&
      Array.prototype.every.call(embedding, (x: unknown) => typeof x === 'number' && Number.isFinite(x))
    if (!ok || at < 0 || at >= expected || out[at] !== undefined) {
      throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse(`第 ${position + 1} 条向量无效`))
    }
    const vec = embedding as ArrayLike<number>
    if (dims >= 0 && vec.length !== dims) throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse('向量维度不一致'))
    dims = vec.length
    out[at] = normalizeVector(vec)
  })
  return out as Float32Array[]
}

/** Vector cache keyed by hash(embedder key, text); optionally persisted as JSON. */
export class EmbeddingCache {
  private readonly entries = new Map<string, Float32Array>()
  private loaded = false
  private dirty = false

  /** `file`: JSON file to load from and save to; undefined = memory only. */
  constructor(readonly file?: string) {}

  /** The JSON file for a data directory. */
  static inDataDir(dataDir: string): EmbeddingCache {
    return new EmbeddingCache(join(dataDir, 'embeddings-cache.json'))
  }

  static key(embedderKey: string, text: string): string {
    return createHash('sha256').update(embedderKey).update('\u0000').update(text).digest('hex').slice(0, 40)
  }

  get size(): number {
    return this.entries.size
  }

  get(key: string): Float32Array | undefined {
    return this.entries.get(key)
  }

  set(key: string, vector: Float32Array): void {
    this.entries.set(key, vector)
    this.dirty = true
  }

  /** Loads the file once; a missing file is an empty cache, an unreadable one is reported. */
  async load(onWarning?: (message: string) => void): Promise<void> {
    if (this.loaded || this.file === undefined) return
    this.loaded = true
    let raw: string
    try {
      raw = await readFile(this.file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onWarning?.(denseMessages.cacheRead(this.file))
      return
    }
    try {
      const parsed = JSON.parse(raw) as { version?: unknown; entries?: Record<string, unknown> }
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('version')
      for (const [k, v] of Object.entries(parsed.entries)) {
        if (typeof v !== 'string') continue
        const buf = Buffer.from(v, 'base64')
        const vec = new Float32Array(buf.byteLength / 4)
        new Uint8Array(vec.buffer).set(buf.subarray(0, vec.length * 4))
        if (!this.entries.has(k)) this.entries.set(k, vec)
      }
    } catch {
      onWarning?.(denseMessages.cacheRead(this.file))
    }
  }

  /** Writes the file when something changed (write to a temp file, then rename). */
  async save(onWarning?: (message: string) => void): Promise<void> {
    if (this.file === undefined || !this.dirty) return
    const entries: Record<string, string> = {}
    for (const [k, v] of this.entries) entries[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
    const tmp = `${this.file}.${process.pid}.tmp`
    try {
      await mkdir(dirname(this.file), { recursive: true })
      await writeFile(tmp, JSON.stringify({ version: 1, entries }))
      await rename(tmp, this.file)
      this.dirty = false
    } catch {
      onWarning?.(denseMessages.cacheWrite(this.file))
    }
  }
}

export interface DenseIndexOptions {
  cache?: EmbeddingCache
  /** Texts per request. Default 10. */
  batchSize?: number
  /** Requests in flight while indexing. Default 2. */
  concurrency?: number
  /** Non-fatal problems (cache file unreadable/unwritable). */
  onWarning?: (message: string) => void
}

export interface DenseHit {
  clause: Clause
  score: number
}

/** Runs `task` over items with at most `limit` in flight; rejects with the first error. */
async function mapLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failed = false
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failed && next < items.length) {
      try {
        await task(items[next++] as T)
      } catch (e) {
        failed = true // stop the other workers from sending more requests
        throw e
      }
    }
  })
  await Promise.all(workers)
}

const QUERY_CACHE_SIZE = 256

/** Cosine-similarity index over clause embeddings, filled lazily by `ensureIndexed`. */
export class DenseClauseIndex {
  private readonly clausesById = new Map<string, Clause>()
  private readonly vectors = new Map<string, Float32Array>()
  private readonly queryVectors = new Map<string, Float32Array>()
  private readonly cache: EmbeddingCache
  private readonly batchSize: number
  private readonly concurrency: number
  private inFlight: Promise<void> | undefined

  constructor(
    private readonly embedder: Embedder,
    private readonly options: DenseIndexOptions = {},
  ) {
    this.cache = options.cache ?? new EmbeddingCache()
    this.batchSize = Math.max(1, options.batchSize ?? 10)
    this.concurrency = Math.max(1, options.concurrency ?? 2)
  }

  get size(): number {
    return this.clausesById.size
  }

  /** Clauses still without a vector. */
  get pending(): number {
    return this.clausesById.size - this.vectors.size
  }

  /** Registers clauses; they are embedded by the next `ensureIndexed` (or search). */
  add(clauses: readonly Clause[]): void {
    for (const c of clauses) {
      const old = this.clausesById.get(c.id)
      if (old !== undefined && clauseSearchText(old) !== clauseSearchText(c)) this.vectors.delete(c.id)
      this.clausesById.set(c.id, c)
    }
  }

  remove(docId: string): number {
    let n = 0
    for (const [id, c] of this.clausesById) {
      if (c.docId !== docId) continue
      this.clausesById.delete(id)
      this.vectors.delete(id)
      n++
    }
    return n
  }

  /** Embeds every registered clause without a vector; throws EmbeddingsError on failure. */
  async ensureIndexed(): Promise<void> {
    while (this.pending > 0) {
      if (this.inFlight === undefined) {
        this.inFlight = this.embedPending().finally(() => {
          this.inFlight = undefined
        })
      }
      await this.inFlight
    }
  }

  private async embedPending(): Promise<void> {
    const warn = this.options.onWarning
    await this.cache.load(warn)
    const key = this.embedder.cacheKey
    const missing = new Map<string, Clause[]>()
    for (const [id, c] of this.clausesById) {
      if (this.vectors.has(id)) continue
      const text = clauseSearchText(c)
      const cached = this.cache.get(EmbeddingCache.key(key, text))
      if (cached !== undefined) this.vectors.set(id, cached)
      else missing.set(text, [...(missing.get(text) ?? []), c])
    }
    const texts = [...missing.keys()]
    const batches: string[][] = []
    for (let i = 0; i < texts.length; i += this.batchSize) batches.push(texts.slice(i, i + this.batchSize))
    try {
      await mapLimit(batches, this.concurrency, async (batch) => {
        const vecs = await this.embedder.embed(batch, 'index')
        if (vecs.length !== batch.length) {
          throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse(`请求 ${batch.length} 条，返回 ${vecs.length} 条`))
        }
        batch.forEach((text, i) => {
          const vec = vecs[i] as Float32Array
          this.cache.set(EmbeddingCache.key(key, text), vec)
          // a clause removed meanwhile is not resurrected
          for (const c of missing.get(text) ?? []) if (this.clausesById.get(c.id) === c) this.vectors.set(c.id, vec)
        })
      })
    } finally {
      // keep whatever batches succeeded
      await this.cache.save(warn)
    }
  }

  private async queryVector(query: string): Promise<Float32Array> {
    const hit = this.queryVectors.get(query)
    if (hit !== undefined) return hit
    const [vec] = await this.embedder.embed([query], 'query')
    if (vec === undefined) throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse('查询向量为空'))
    if (this.queryVectors.size >= QUERY_CACHE_SIZE) this.queryVectors.delete(this.queryVectors.keys().next().value as string)
    this.queryVectors.set(query, vec)
    return vec
  }

  /** The `top` clauses most similar to the query (cosine), best first; ties keep insertion order. */
  async search(query: string, top: number, options: { docIds?: Iterable<string> } = {}): Promise<DenseHit[]> {
    if (top <= 0 || this.clausesById.size === 0) return []
    await this.ensureIndexed()
    const q = await this.queryVector(query)
    const allowed = options.docIds === undefined ? undefined : new Set(options.docIds)
    const hits: DenseHit[] = []
    for (const [id, clause] of this.clausesById) {
      if (allowed !== undefined && !allowed.has(clause.docId)) continue
      const v = this.vectors.get(id)
      if (v === undefined) continue
      if (v.length !== q.length) throw new EmbeddingsError('embeddings_bad_response', denseMessages.badResponse('查询向量与条款向量维度不一致'))
      hits.push({ clause, score: dot(q, v) })
    }
    // Array.prototype.sort is stable: equal scores keep insertion order
    hits.sort((a, b) => b.score - a.score)
    return hits.slice(0, top)
  }
}
