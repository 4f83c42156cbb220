import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readRetrievalConfig, type EmbeddingsConfig } from '../../src/retrieve/config.js'
import { DenseClauseIndex, EmbeddingCache, EmbeddingsError, OpenAIEmbedder, parseEmbeddings } from '../../src/retrieve/dense.js'
import { ClauseRetriever, type RetrievalWarning } from '../../src/retrieve/retriever.js'
import { startEmbeddingsServer, type EmbeddingsServer } from './embeddings-server.js'
import { handCorpus } from './hand-corpus.js'

const short = (path: string): string => path.replace(/《(.)[^》]*》/, '$1')

let server: EmbeddingsServer
let dir: string
beforeAll(async () => {
  server = await startEmbeddingsServer()
  dir = await mkdtemp(join(tmpdir(), 'retrieve-dense-'))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})
afterEach(() => {
  server.mode = 'ok'
  server.requests.length = 0
  server.authorizations.length = 0
})

function config(extra: Record<string, string> = {}): EmbeddingsConfig {
  const c = readRetrievalConfig({ EMBEDDINGS_MODEL: 'bag-of-characters', EMBEDDINGS_BASE_URL: server.baseURL, ...extra }).embeddings
  if (c === undefined) throw new Error('embeddings not configured')
  return c
}

describe('readRetrievalConfig', () => {
  it.each([
    ['nothing set', {}, {}],
    ['a key without a model', { OPENAI_API_KEY: 'sk-1' }, {}],
    ['a model without endpoint or key', { EMBEDDINGS_MODEL: 'bge-m3' }, {}],
    [
      'a local endpoint without key',
      { EMBEDDINGS_MODEL: 'bge-m3', EMBEDDINGS_BASE_URL: 'http://127.0.0.1:11434/v1/' },
      { embeddings: { baseURL: 'http://127.0.0.1:11434/v1', apiKey: 'no-key', model: 'bge-m3', batchSize: 10, indexTimeoutMs: 30000, queryTimeoutMs: 5000 } },
    ],
    [
      'OPENAI_BASE_URL and OPENAI_API_KEY, with tuning',
      {
        EMBEDDINGS_MODEL: 'text-embedding-v3',
        OPENAI_BASE_URL: 'https://llm.example.cn/compatible-mode/v1',
        OPENAI_API_KEY: 'sk-2',
        EMBEDDINGS_BATCH_SIZE: '25',
        EMBEDDINGS_TIMEOUT_MS: '60000',
        EMBEDDINGS_QUERY_TIMEOUT_MS: '2000',
        EMBEDDINGS_DIMENSIONS: '1024',
      },
      {
        embeddings: {
          baseURL: 'https://llm.example.cn/compatible-mode/v1',
          apiKey: 'sk-2',
          model: 'text-embedding-v3',
          batchSize: 25,
          indexTimeoutMs: 60000,
          queryTimeoutMs: 2000,
          dimensions: 1024,
        },
      },
    ],
    [
      'EMBEDDINGS_* over OPENAI_*; the official endpoint with a key only',
      { EMBEDDINGS_MODEL: 'text-embedding-3-small', EMBEDDINGS_API_KEY: 'sk-e', OPENAI_API_KEY: 'sk-o' },
      { embeddings: { apiKey: 'sk-e', model: 'text-embedding-3-small', batchSize: 10, indexTimeoutMs: 30000, queryTimeoutMs: 5000 } },
    ],
  ])('%s', (_name, env, expected) => {
    expect(readRetrievalConfig(env)).toEqual(expected)
  })

  it.each([
    [{ EMBEDDINGS_MODEL: 'm', EMBEDDINGS_BASE_URL: 'http://127.0.0.1:1/v1', EMBEDDINGS_BATCH_SIZE: '十' }, '环境变量 EMBEDDINGS_BATCH_SIZE 应为正整数，当前为“十”。'],
    [{ EMBEDDINGS_MODEL: 'm', EMBEDDINGS_BASE_URL: 'localhost:11434' }, '环境变量 EMBEDDINGS_BASE_URL 不是有效的网址：“localhost:11434”。'],
  ])('rejects %j', (env, message) => {
    expect(() => readRetrievalConfig(env)).toThrow(message)
  })
})

describe('parseEmbeddings', () => {
  it('orders by index and normalizes to unit length', () => {
    const vecs = parseEmbeddings({ data: [{ index: 1, embedding: [0, 2] }, { index: 0, embedding: [3, 4] }] }, 2)
    expect(vecs.map((v) => [...v])).toEqual([
      [Math.fround(0.6), Math.fround(0.8)],
      [0, 1],
    ])
  })

  it.each([
    [{}, 1, '向量检索服务返回的数据格式不正确：缺少 data 数组。'],
    [{ data: [] }, 1, '向量检索服务返回的数据格式不正确：请求 1 条，返回 0 条。'],
    [{ data: [{ index: 0, embedding: 'AAAA' }] }, 1, '向量检索服务返回的数据格式不正确：第 1 条向量无效。'],
    [{ data: [{ index: 0, embedding: [1] }, { index: 1, embedding: [1, 2] }] }, 2, '向量检索服务返回的数据格式不正确：向量维度不一致。'],
  ])('rejects %j', (response, expected, message) => {
    expect(() => parseEmbeddings(response, expected)).toThrow(message)
  })
})

describe('DenseClauseIndex against a scripted endpoint', () => {
  it('embeds in batches, caches by text, and ranks by cosine similarity', async () => {
    const index = new DenseClauseIndex(new OpenAIEmbedder(config()), { batchSize: 4 })
    index.add(handCorpus)
    expect(index.pending).toBe(10)
    const hits = await index.search('强化安全应急数字化管理', 3)
    expect(hits.map((h) => short(h.clause.path))).toEqual(['高四（三）10', '工二（五）11', '高四（三）9'])
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score as number)
    // 10 clauses in batches of 4, then the query
    expect(server.requests.map((r) => r.length)).toEqual([4, 4, 2, 1])
    expect(server.authorizations[0]).toBe('Bearer no-key')

    // the same query and already embedded clauses need no request
    await index.search('强化安全应急数字化管理', 3)
    index.add(handCorpus.slice(0, 2))
    await index.ensureIndexed()
    expect(server.requests).toHaveLength(4)

    expect(index.remove('digital')).toBe(4)
    expect((await index.search('强化安全应急数字化管理', 3, { docIds: ['guide', 'digital'] })).map((h) => short(h.clause.path))).toEqual([
      '工二（五）11',
      '工二（五）13',
      '工二（六）16',
    ])
  })

  it('persists the cache to a JSON file and reuses it', async () => {
    const file = join(dir, 'data', 'embeddings-cache.json')
    const first = new DenseClauseIndex(new OpenAIEmbedder(config()), { cache: new EmbeddingCache(file), batchSize: 10 })
    first.add(handCorpus)
    await first.ensureIndexed()
    expect(server.requests).toHaveLength(1)
    const saved = JSON.parse(await readFile(file, 'utf8')) as { version: number; entries: Record<string, string> }
    expect(saved.version).toBe(1)
    expect(Object.keys(saved.entries)).toHaveLength(10)

    const second = new DenseClauseIndex(new OpenAIEmbedder(config()), { cache: new EmbeddingCache(file) })
    second.add(handCorpus)
    await second.ensureIndexed()
    expect(server.requests).toHaveLength(1)

    // another model does not reuse these vectors
    const other = new DenseClauseIndex(new OpenAIEmbedder(config({ EMBEDDINGS_MODEL: 'other' })), { cache: new EmbeddingCache(file) })
    other.add(handCorpus.slice(0, 1))
    await other.ensureIndexed()
    expect(server.requests).toHaveLength(2)
  })

  it('reports an unreadable cache file and recomputes', async () => {
    const file = join(dir, 'broken.json')
    await writeFile(file, '{not json')
    const warnings: string[] = []
    const index = new DenseClauseIndex(new OpenAIEmbedder(config()), { cache: new EmbeddingCache(file), onWarning: (m) => warnings.push(m) })
    index.add(handCorpus.slice(0, 1))
    await index.ensureIndexed()
    expect(warnings).toEqual([`向量缓存文件无法读取（${file}），已忽略并重新计算向量。`])
    expect(index.pending).toBe(0)
  })

  it.each([
    ['error' as const, { code: 'embeddings_http', message: '向量检索服务返回错误（HTTP 500）：model overloaded。' }],
    ['hang' as const, { code: 'embeddings_timeout', message: '向量检索服务在 300 毫秒内没有响应。' }],
  ])('turns a %s into a Chinese EmbeddingsError', async (mode, expected) => {
    server.mode = mode
    const embedder = new OpenAIEmbedder(config({ EMBEDDINGS_QUERY_TIMEOUT_MS: '300' }))
    const error = await embedder.embed(['园区'], 'query').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmbeddingsError)
    expect({ code: (error as EmbeddingsError).code, message: (error as EmbeddingsError).message }).toEqual(expected)
    expect(server.requests).toHaveLength(1) // no retry at query time
  })

  it('reports an unreachable endpoint', async () => {
    const embedder = new OpenAIEmbedder(config({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1' }))
    await expect(embedder.embed(['园区'], 'query')).rejects.toThrow(
      '无法连接向量检索服务（http://127.0.0.1:9/v1），请检查 EMBEDDINGS_BASE_URL 或 OPENAI_BASE_URL。',
    )
  })
})

describe('ClauseRetriever', () => {
  const query = '屋顶光伏 储能 绿色微电网'

  it('is BM25 alone without embeddings configuration', async () => {
    const retriever = ClauseRetriever.fromEnv(handCorpus, { OPENAI_API_KEY: 'sk-unused' })
    expect(retriever.mode).toBe('bm25')
    const outcome = await retriever.retrieveDetailed(query, { top: 2 })
    expect(outcome.mode).toBe('bm25')
    expect(outcome.warnings).toEqual([])
    expect(outcome.results.map((r) => [short(r.path), r.source, r.clauseId])).toEqual([
      ['工二（六）14', '工业园区高质量发展指引', 'guide#4'],
      ['高四（三）9', '高标准数字园区建设指南', 'digital#7'],
    ])
    expect(outcome.results[0]?.text).toBe(handCorpus[4]?.text)
    expect(await retriever.retrieve('   ')).toEqual([])
    expect(await retriever.retrieve(query, { top: 0 })).toEqual([])
    expect((await retriever.retrieve(query, { docIds: ['digital'] })).map((r) => short(r.path))).toEqual(['高四（三）9'])
  })

  it('fuses dense and BM25 ranks when configured', async () => {
    const retriever = new ClauseRetriever(handCorpus, { config: { embeddings: config() } })
    expect(retriever.mode).toBe('hybrid')
    const outcome = await retriever.retrieveDetailed(query, { top: 4 })
    expect(outcome.mode).toBe('hybrid')
    expect(outcome.warnings).toEqual([])
    // 14: rank 1 in both lists; 9: BM25 rank 2, dense rank 5; 4 and 16: dense ranks 2 and 3 only
    expect(outcome.results.map((r) => [short(r.path), r.score])).toEqual([
      ['工二（六）14', 1 / 61 + 1 / 61],
      ['高四（三）9', 1 / 62 + 1 / 65],
      ['工二（二）4', 1 / 62],
      ['工二（六）16', 1 / 63],
    ])
  })

  it('falls back to BM25 with a warning when the endpoint fails at query time, then pauses dense retrieval', async () => {
    let clock = 1_000_000
    const warnings: RetrievalWarning[] = []
    const retriever = new ClauseRetriever(handCorpus, {
      config: { embeddings: config({ EMBEDDINGS_QUERY_TIMEOUT_MS: '200' }) },
      now: () => clock,
      retryAfterMs: 30_000,
      onWarning: (w) => warnings.push(w),
    })
    expect(await retriever.warmUp()).toEqual([])
    const bm25 = await new ClauseRetriever(handCorpus).retrieve(query, { top: 3 })

    server.mode = 'error'
    const failed = await retriever.retrieveDetailed(query, { top: 3 })
    expect(failed).toEqual({
      results: bm25,
      mode: 'bm25',
      warnings: [{ code: 'dense_failed', message: '向量检索暂不可用，本次已改用关键词检索（BM25）。原因：向量检索服务返回错误（HTTP 500）：model overloaded。' }],
    })

    // within the pause the endpoint is not called at all
    const requests = server.requests.length
    clock += 10_000
    const paused = await retriever.retrieveDetailed(query, { top: 3 })
    expect(paused.results).toEqual(bm25)
    expect(paused.warnings).toEqual([
      { code: 'dense_paused', message: '向量检索暂不可用，约 20 秒后重试，本次使用关键词检索（BM25）。上次原因：向量检索服务返回错误（HTTP 500）：model overloaded。' },
    ])
    expect(server.requests.length).toBe(requests)

    // after the pause a timeout is a failure too
    clock += 20_000
    server.mode = 'hang'
    const timedOut = await retriever.retrieveDetailed(query, { top: 3 })
    expect(timedOut.mode).toBe('bm25')
    expect(timedOut.results).toEqual(bm25)
    expect(timedOut.warnings).toEqual([{ code: 'dense_failed', message: '向量检索暂不可用，本次已改用关键词检索（BM25）。原因：向量检索服务在 200 毫秒内没有响应。' }])

    // and when the endpoint is back, queries are hybrid again
    clock += 30_000
    server.mode = 'ok'
    expect((await retriever.retrieveDetailed(query, { top: 3 })).mode).toBe('hybrid')
    expect(warnings.map((w) => w.code)).toEqual(['dense_failed', 'dense_paused', 'dense_failed'])
    expect(retriever.recentWarnings.map((w) => w.code)).toEqual(['dense_failed', 'dense_paused', 'dense_failed'])
  })

  it('falls back when clauses cannot be embedded, and warmUp reports it', async () => {
    server.mode = 'error'
    const retriever = new ClauseRetriever(handCorpus, { config: { embeddings: config() } })
    const [warning] = await retriever.warmUp()
    expect(warning?.code).toBe('dense_failed')
    const outcome = await retriever.retrieveDetailed(query, { top: 2 })
    expect(outcome.mode).toBe('bm25')
    expect(outcome.results.map((r) => short(r.path))).toEqual(['工二（六）14', '高四（三）9'])
  })

  it('add() and remove() keep both indexes in step', async () => {
    const retriever = new ClauseRetriever(handCorpus.filter((c) => c.docId === 'guide'), { config: { embeddings: config() } })
    expect(retriever.size).toBe(6)
    retriever.add(handCorpus.filter((c) => c.docId === 'digital'))
    expect(retriever.size).toBe(10)
    expect((await retriever.retrieve('强化安全应急数字化管理', { top: 1 })).map((r) => short(r.path))).toEqual(['高四（三）10'])
    expect(retriever.remove('digital')).toBe(4)
    const after = await retriever.retrieve('强化安全应急数字化管理', { top: 10 })
    expect(after.every((r) => r.source === '工业园区高质量发展指引')).toBe(true)
  })
})
