/**
 * Retrieval benchmarks: index build time for the built-in corpus (with jieba's dictionary load, i.e. what a
 * server start pays) and for a synthetic 10,000-clause corpus, and BM25 query latency at 10,000 clauses.
 *
 * The synthetic corpus recombines sentences of the built-in clauses with a seeded PRNG, so every run indexes
 * the same text; the queries mix the labelled query set with fragments of those sentences.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Clause } from '../src/ingest/clause.js'
import { loadBuiltinCorpus } from '../src/ingest/builtin-corpus.js'
import { buildClauseIndex } from '../src/retrieve/bm25.js'
import { evaluateRetrieval, QuerySetSchema } from '../src/retrieve/evaluate.js'
import { ClauseRetriever } from '../src/retrieve/retriever.js'
import { getJieba, resetJieba } from '../src/retrieve/tokenize.js'
import { percentile, timeMs, timingRow, type BenchRow, type Sample } from './bench-kit.js'

export type Row = BenchRow

const SYNTHETIC_CLAUSES = 10_000
const SYNTHETIC_DOCS = 200
const QUERIES = 500
const WARMUP_QUERIES = 50
const LONG_QUERIES = 100
const COLD_ROUNDS = Number(process.env.BENCH_INDEX_ROUNDS ?? 7)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * The built-in index built cold, as a server start builds it: each sample a fresh process importing the compiled dist/
 * (bench/builtin-index-cold.mjs), built first when stale, as the launchers do.
 */
function coldIndexSamples(): { clauses: number; samples: Sample[] } {
  spawnSync(process.execPath, ['--input-type=module', '-e', `await (await import('./scripts/build.mjs')).ensureBuilt()`], { cwd: ROOT, stdio: 'ignore' })
  let clauses = 0
  const samples: Sample[] = []
  for (let round = 0; round <= COLD_ROUNDS; round += 1) {
    const run = spawnSync(process.execPath, ['bench/builtin-index-cold.mjs'], { cwd: ROOT, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`bench/builtin-index-cold.mjs failed: ${run.stderr.slice(-500)}`)
    const sample = JSON.parse(run.stdout) as Sample & { clauses: number }
    clauses = sample.clauses
    // The first round warms the page cache (the dictionary file, the native addon), as a server's second start finds it.
    if (round > 0) samples.push({ cpuMs: sample.cpuMs, wallMs: sample.wallMs })
  }
  return { clauses, samples }
}

/** mulberry32: a small seeded PRNG, enough for deterministic test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T
}

/** Sentences of the clauses (split after 。；！？), at least 8 characters long. */
export function sentencesOf(clauses: readonly Clause[]): string[] {
  return clauses.flatMap((c) => c.text.split(/(?<=[。；！？\n])/).map((s) => s.trim())).filter((s) => s.length >= 8)
}

/** `count` clauses of 1–4 random sentences each, spread over SYNTHETIC_DOCS documents. */
export function syntheticClauses(sentences: readonly string[], count: number, seed = 20260101): Clause[] {
  const random = mulberry32(seed)
  const clauses: Clause[] = []
  for (let i = 0; i < count; i++) {
    const doc = i % SYNTHETIC_DOCS
    const n = 1 + Math.floor(random() * 4)
    const text = Array.from({ length: n }, () => pick(sentences, random)).join('')
    const number = String(Math.floor(i / SYNTHETIC_DOCS) + 1)
    clauses.push({ id: `syn${doc}#${i}`, docId: `syn${doc}`, source: `合成文件${doc}`, path: `《合成文件${doc}》${number}`, numbers: [number], text })
  }
  return clauses
}

/** Labelled queries, then fragments of 4–12 characters cut from random sentences. */
export function syntheticQueries(labelled: readonly string[], sentences: readonly string[], count: number, seed = 7): string[] {
  const random = mulberry32(seed)
  const out = labelled.slice(0, count)
  while (out.length < count) {
    const s = pick(sentences, random)
    const len = 4 + Math.floor(random() * 9)
    const start = Math.floor(random() * Math.max(1, s.length - len))
    out.push(s.slice(start, start + len))
  }
  return out
}

function loadQuerySet() {
  return QuerySetSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/retrieval/queries.json', import.meta.url), 'utf8')))
}

const LARGE_CLAUSES = Number(process.env.BENCH_LARGE_CLAUSES ?? 100_000)

/** Heap and array buffers in use after a full collection (needs node --expose-gc, as `npm run bench` runs). */
function usedBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return Number.NaN
  gc()
  gc()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

/** Index bytes per clause (the clauses themselves excluded: they exist before the index) and query times at `count`. */
function indexAtScale(sentences: readonly string[], queries: readonly string[], count: number): Row[] {
  const clauses = syntheticClauses(sentences, count)
  const before = usedBytes()
  const index = buildClauseIndex(clauses)
  const kib = (usedBytes() - before) / count / 1024
  for (const q of queries.slice(0, WARMUP_QUERIES)) index.search(q, 5)
  const samples = queries.map((q) => {
    const start = process.hrtime.bigint()
    index.search(q, 5)
    return Number(process.hrtime.bigint() - start) / 1e6
  })
  const p95 = percentile(samples, 95)
  const large = count >= 100_000
  return [
    { group: '检索', name: `BM25 index memory per clause @${count}`, value: kib, unit: 'KiB', ...(large ? { target: '≤ 1.5 KiB', met: kib <= 1.5 } : {}) },
    { group: '检索', name: `BM25 query p50 @${count} clauses`, value: percentile(samples, 50), unit: 'ms' },
    { group: '检索', name: `BM25 query p95 @${count} clauses`, value: p95, unit: 'ms', target: '≤ 5 ms', met: p95 <= 5 },
  ]
}

export async function benchRetrieval(): Promise<Row[]> {
  const { clauses } = loadBuiltinCorpus()
  const rows: Row[] = []

  // Cold: what a server start pays, the jieba dictionary load included.
  const cold = coldIndexSamples()
  resetJieba()
  const jiebaMs = await timeMs(() => getJieba())
  buildClauseIndex(clauses)
  const warmMs = await timeMs(() => buildClauseIndex(clauses))
  rows.push(
    timingRow({
      group: '检索',
      name: `build built-in index, ${cold.clauses} clauses, cold (jieba load incl., fresh process, dist/)`,
      samples: cold.samples,
      target: '≤ 100 ms (wall p50)',
      meets: ({ wall }) => wall.p50 <= 100,
    }),
    { name: 'retrieval: jieba dictionary load alone (from the sources: filtered at run time)', value: jiebaMs, unit: 'ms' },
    { name: `retrieval: build built-in index, warm`, value: warmMs, unit: 'ms' },
  )

  const querySet = loadQuerySet()
  const report = await evaluateRetrieval(new ClauseRetriever(clauses), querySet.queries)
  rows.push(
    { name: `retrieval: recall@5 on ${report.queries} labelled queries`, value: report.recallAtK * 100, unit: '%' },
    { name: 'retrieval: MRR on labelled queries', value: report.mrr, unit: '' },
  )

  const sentences = sentencesOf(clauses)
  const synthetic = syntheticClauses(sentences, SYNTHETIC_CLAUSES)
  let index = buildClauseIndex([])
  const buildMs = await timeMs(() => {
    index = buildClauseIndex(synthetic)
  })
  rows.push({ name: `retrieval: build synthetic index, ${SYNTHETIC_CLAUSES} clauses`, value: buildMs, unit: 'ms' })

  const queries = syntheticQueries(
    querySet.queries.map((q) => q.query),
    sentences,
    QUERIES,
  )
  for (const q of queries.slice(0, WARMUP_QUERIES)) index.search(q, 5)
  const samples: number[] = []
  for (const q of queries) {
    const start = process.hrtime.bigint()
    index.search(q, 5)
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  rows.push(
    { name: `retrieval: BM25 query p50 @${SYNTHETIC_CLAUSES} clauses (${QUERIES} queries, top 5)`, value: percentile(samples, 50), unit: 'ms' },
    { name: `retrieval: BM25 query p95 @${SYNTHETIC_CLAUSES} clauses`, value: percentile(samples, 95), unit: 'ms', target: '≤ 5 ms' },
  )

  // The drafting step may query with a whole section paragraph: 3–6 sentences, ~150–300 字.
  const random = mulberry32(99)
  const long = Array.from({ length: LONG_QUERIES }, () => Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(sentences, random)).join(''))
  const longSamples: number[] = []
  for (const q of long) {
    const start = process.hrtime.bigint()
    index.search(q, 5)
    longSamples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  rows.push({ name: `retrieval: BM25 paragraph-long query p95 @${SYNTHETIC_CLAUSES} clauses (${LONG_QUERIES} queries)`, value: percentile(longSamples, 95), unit: 'ms' })
  rows.push(...indexAtScale(sentences, queries, LARGE_CLAUSES))
  return rows
}
