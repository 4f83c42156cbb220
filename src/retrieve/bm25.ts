/**
 * BM25 index over policy clauses, with two fields produced by the analyzer (tokenize.ts):
 * jieba words and Han-character bigrams.
 *
 * Field combination: a weighted *sum* of per-field BM25 scores, not BM25F. BM25F pools the
 * frequencies of one term across fields (title/body of the same vocabulary) before saturation;
 * here the fields are two analyses of the same text with different vocabularies (数字化能碳管理中心
 * is a word, 化能 a bigram), so there is no shared term to pool, and each field keeps its own IDF
 * and length normalization. The words field carries the meaning and gets weight 1; the bigram
 * field is the recall safety net for segmentation mismatches (PITFALLS "Chinese retrieval") and
 * gets a lower weight because a phrase of n characters contributes n−1 correlated bigrams.
 * Measured on fixtures/retrieval/queries.json over the built-in corpus (69 clauses): bigram weight 0 gives
 * recall@5 0.969 / MRR 0.951, 0.25–0.5 give 0.979 / 0.955, 1 gives 0.979 / 0.951; 0.5 is the default.
 *
 * Each clause is indexed by its text preceded by its group headings (clause-text.ts).
 *
 * Layout: per field a vocabulary map, the postings of all terms as compressed rows of (slot, tf) in three typed
 * arrays (FieldIndex), document frequencies, and per-slot BM25 length norms precomputed
 * (k1·(1−b+b·dl/avgdl)), recomputed when the collection changes. A query touches only the
 * postings of its terms, accumulates into one reusable Float64Array and selects the top hits
 * with a heap of size `top`. Removal tombstones slots; the index compacts itself when more than
 * a quarter of the slots are dead.
 */
import type { Clause } from '../ingest/clause.js'
import { clauseSearchText } from './clause-text.js'
import { analyze, type AnalyzedText, type AnalyzeMode } from './tokenize.js'

export interface FieldWeights {
  words: number
  bigrams: number
}

export interface Bm25Options {
  /** Term-frequency saturation. Default 1.2. */
  k1?: number
  /** Length normalization. Default 0.75. */
  b?: number
  /** Per-field score weights. Default {words: 1, bigrams: 0.5}. */
  weights?: Partial<FieldWeights>
  /** Analyzer; default the Chinese analyzer of tokenize.ts. Injectable for tests. */
  analyzer?: (text: string, mode: AnalyzeMode) => AnalyzedText
}

export interface SearchHit {
  clause: Clause
  score: number
}

export interface SearchOptions {
  /** Restrict hits to clauses of these documents. */
  docIds?: Iterable<string>
}

export const DEFAULT_BM25 = { k1: 1.2, b: 0.75, weights: { words: 1, bigrams: 0.5 } as const }

const FIELDS = ['words', 'bigrams'] as const
type FieldName = (typeof FIELDS)[number]

function growInt32(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a
  const b = new Int32Array(Math.max(min, a.length * 2, 8))
  b.set(a)
  return b
}

function growFloat64(a: Float64Array<ArrayBuffer>, min: number): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a
  const b = new Float64Array(Math.max(min, a.length * 2, 8))
  b.set(a)
  return b
}

/**
 * One field's inverted index. Slots are shared by all fields of a ClauseIndex.
 *
 * Postings are stored compressed-row style: for term t, entries [start[t], start[t+1]) of `postingSlots` and
 * `postingTfs`, sorted by slot — three typed arrays for the whole field. (One growable Int32Array per term and two per
 * clause cost about 5.5 KiB per clause in object headers and slack: 549 MiB at 100,000 clauses.) Clauses added since
 * the last `freeze` wait in three flat pending arrays and are merged in one pass when their batch is complete. The
 * document frequencies are kept incrementally on add and recounted from the postings after a removal (rare: a
 * document deleted), so no per-clause term list is kept.
 */
class FieldIndex {
  readonly vocab = new Map<string, number>()
  start = new Int32Array(1)
  postingSlots = new Int32Array(0)
  /** Term frequencies, capped at 65,535 (a clause repeats no term that often). */
  postingTfs = new Uint16Array(0)
  private pendingTerms = new Int32Array(0)
  private pendingSlots = new Int32Array(0)
  private pendingTfs = new Int32Array(0)
  private pendingCount = 0
  /** Live documents containing the term. */
  df = new Int32Array(0)
  private dfStale = false
  /** Per slot: field length in tokens. */
  docLen = new Int32Array(0)
  /** Per slot: k1·(1−b+b·dl/avgdl). */
  norm = new Float64Array(0)
  totalLen = 0

  get termCount(): number {
    return this.vocab.size
  }

  private termId(term: string): number {
    let id = this.vocab.get(term)
    if (id === undefined) {
      id = this.vocab.size
      this.vocab.set(term, id)
      this.df = growInt32(this.df, id + 1)
    }
    return id
  }

  addDoc(slot: number, tokens: readonly string[]): void {
    const counts = new Map<number, number>()
    for (const t of tokens) {
      const id = this.termId(t)
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    const needed = this.pendingCount + counts.size
    this.pendingTerms = growInt32(this.pendingTerms, needed)
    this.pendingSlots = growInt32(this.pendingSlots, needed)
    this.pendingTfs = growInt32(this.pendingTfs, needed)
    for (const [id, tf] of counts) {
      this.pendingTerms[this.pendingCount] = id
      this.pendingSlots[this.pendingCount] = slot
      this.pendingTfs[this.pendingCount++] = tf
      this.df[id] = (this.df[id] as number) + 1
    }
    this.docLen = growInt32(this.docLen, slot + 1)
    this.docLen[slot] = tokens.length
    this.totalLen += tokens.length
  }

  removeDoc(slot: number): void {
    this.totalLen -= this.docLen[slot] as number
    this.dfStale = true
  }

  /**
   * Merges the pending postings into the compressed rows. Pending slots are higher than every frozen slot and were
   * added in slot order, so appending them after each term's frozen entries keeps every row sorted by slot.
   */
  freeze(): void {
    if (this.pendingCount === 0) return
    const terms = this.vocab.size
    const oldStart = this.start
    const oldTerms = oldStart.length - 1
    const start = new Int32Array(terms + 1)
    for (let t = 0; t < oldTerms; t++) start[t + 1] = (oldStart[t + 1] as number) - (oldStart[t] as number)
    for (let i = 0; i < this.pendingCount; i++) {
      const row = (this.pendingTerms[i] as number) + 1
      start[row] = (start[row] as number) + 1
    }
    for (let t = 0; t < terms; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number)
    const slots = new Int32Array(start[terms] as number)
    const tfs = new Uint16Array(slots.length)
    const cursor = start.slice(0, terms)
    for (let t = 0; t < oldTerms; t++) {
      const from = oldStart[t] as number
      const to = oldStart[t + 1] as number
      slots.set(this.postingSlots.subarray(from, to), cursor[t] as number)
      tfs.set(this.postingTfs.subarray(from, to), cursor[t] as number)
      cursor[t] = (cursor[t] as number) + to - from
    }
    for (let i = 0; i < this.pendingCount; i++) {
      const t = this.pendingTerms[i] as number
      const at = cursor[t] as number
      slots[at] = this.pendingSlots[i] as number
      tfs[at] = Math.min(this.pendingTfs[i] as number, 0xffff)
      cursor[t] = at + 1
    }
    this.start = start
    this.postingSlots = slots
    this.postingTfs = tfs
    this.pendingTerms = new Int32Array(0)
    this.pendingSlots = new Int32Array(0)
    this.pendingTfs = new Int32Array(0)
    this.pendingCount = 0
  }

  /** After removals: each term's live documents, counted from the postings. */
  recountDf(alive: Uint8Array): void {
    if (!this.dfStale) return
    this.df.fill(0)
    for (let t = 0; t < this.start.length - 1; t++) {
      let live = 0
      for (let i = this.start[t] as number; i < (this.start[t + 1] as number); i++) if (alive[this.postingSlots[i] as number]) live++
      this.df[t] = live
    }
    this.dfStale = false
  }

  /** Rebuilds the postings for the slots kept, renumbered by `newSlot` (−1 = dropped); call after freeze. */
  compact(newSlot: Int32Array, liveCount: number): void {
    const terms = this.start.length - 1
    const start = new Int32Array(terms + 1)
    let kept = 0
    for (let t = 0; t < terms; t++) {
      for (let i = this.start[t] as number; i < (this.start[t + 1] as number); i++) {
        const s = newSlot[this.postingSlots[i] as number] as number
        if (s < 0) continue
        // old slots are visited in increasing order, so rows stay sorted by slot
        this.postingSlots[kept] = s
        this.postingTfs[kept++] = this.postingTfs[i] as number
      }
      start[t + 1] = kept
    }
    this.start = start
    this.postingSlots = this.postingSlots.slice(0, kept)
    this.postingTfs = this.postingTfs.slice(0, kept)
    const docLen = new Int32Array(Math.max(liveCount, 8))
    for (let old = 0; old < newSlot.length; old++) {
      const s = newSlot[old] as number
      if (s >= 0) docLen[s] = this.docLen[old] as number
    }
    this.docLen = docLen
  }

  updateNorms(slotCount: number, alive: Uint8Array, liveCount: number, k1: number, b: number): void {
    this.norm = growFloat64(this.norm, slotCount)
    const avg = liveCount > 0 ? this.totalLen / liveCount : 0
    for (let s = 0; s < slotCount; s++) {
      this.norm[s] = alive[s] ? k1 * (1 - b + (avg > 0 ? (b * (this.docLen[s] as number)) / avg : 0)) : 0
    }
  }
}

/** Min-heap of (score, slot) of fixed capacity; the root is the worst kept hit. */
class TopK {
  private readonly scores: Float64Array
  private readonly slots: Int32Array
  size = 0

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity)
    this.slots = new Int32Array(capacity)
  }

  /** a is worse than b: lower score, or equal score and later slot (ties → insertion order). */
  private worse(i: number, j: number): boolean {
    const si = this.scores[i] as number
    const sj = this.scores[j] as number
    return si < sj || (si === sj && (this.slots[i] as number) > (this.slots[j] as number))
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i] as number
    this.scores[i] = this.scores[j] as number
    this.scores[j] = s
    const t = this.slots[i] as number
    this.slots[i] = this.slots[j] as number
    this.slots[j] = t
  }

  offer(score: number, slot: number): void {
    if (this.capacity === 0) return
    if (this.size < this.capacity) {
      let i = this.size++
      this.scores[i] = score
      this.slots[i] = slot
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!this.worse(i, parent)) break
        this.swap(i, parent)
        i = parent
      }
      return
    }
    const rootScore = this.scores[0] as number
    if (score < rootScore || (score === rootScore && slot > (this.slots[0] as number))) return
    this.scores[0] = score
    this.slots[0] = slot
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < this.size && this.worse(l, m)) m = l
      if (r < this.size && this.worse(r, m)) m = r
      if (m === i) break
      this.swap(i, m)
      i = m
    }
  }

  /** Hits best first. */
  drain(): { score: number; slot: number }[] {
    const out: { score: number; slot: number }[] = []
    for (let i = 0; i < this.size; i++) out.push({ score: this.scores[i] as number, slot: this.slots[i] as number })
    out.sort((x, y) => y.score - x.score || x.slot - y.slot)
    return out
  }
}

export class ClauseIndex {
  private readonly k1: number
  private readonly b: number
  private readonly weights: FieldWeights
  private readonly analyzer: (text: string, mode: AnalyzeMode) => AnalyzedText
  private readonly fields: Record<FieldName, FieldIndex> = { words: new FieldIndex(), bigrams: new FieldIndex() }

  /** Per slot: the clause (undefined once removed and compacted away). */
  private slotClause: (Clause | undefined)[] = []
  private alive = new Uint8Array(0)
  /** Per slot: ordinal of the clause's docId in `docOrdinals`. */
  private slotDoc = new Int32Array(0)
  private readonly docOrdinals = new Map<string, number>()
  private readonly slotById = new Map<string, number>()
  private liveCount = 0

  /** Query-time scratch, reused: one accumulator per slot and the list of touched slots. */
  private acc = new Float64Array(0)
  private touched = new Int32Array(0)

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? DEFAULT_BM25.k1
    this.b = options.b ?? DEFAULT_BM25.b
    this.weights = { ...DEFAULT_BM25.weights, ...options.weights }
    this.analyzer = options.analyzer ?? analyze
  }

  /** Number of live clauses. */
  get size(): number {
    return this.liveCount
  }

  /** Live clauses in insertion order. */
  clauses(): Clause[] {
    const out: Clause[] = []
    for (let s = 0; s < this.slotClause.length; s++) if (this.alive[s]) out.push(this.slotClause[s] as Clause)
    return out
  }

  has(clauseId: string): boolean {
    return this.slotById.has(clauseId)
  }

  /** Adds clauses; a clause whose id is already indexed replaces the old one. */
  add(input: readonly Clause[]): void {
    if (input.length === 0) return
    // within one batch the last clause of an id wins, as across batches
    const clauses = new Set(input.map((c) => c.id)).size === input.length ? input : [...new Map(input.map((c) => [c.id, c])).values()]
    for (const c of clauses) {
      const old = this.slotById.get(c.id)
      if (old !== undefined) this.kill(old)
    }
    const first = this.slotClause.length
    const end = first + clauses.length
    this.alive = growUint8(this.alive, end)
    this.slotDoc = growInt32(this.slotDoc, end)
    for (let i = 0; i < clauses.length; i++) {
      const c = clauses[i] as Clause
      const slot = first + i
      const analyzed = this.analyzer(clauseSearchText(c), 'document')
      this.fields.words.addDoc(slot, analyzed.words)
      this.fields.bigrams.addDoc(slot, analyzed.bigrams)
      this.slotClause.push(c)
      this.alive[slot] = 1
      let ord = this.docOrdinals.get(c.docId)
      if (ord === undefined) {
        ord = this.docOrdinals.size
        this.docOrdinals.set(c.docId, ord)
      }
      this.slotDoc[slot] = ord
      this.slotById.set(c.id, slot)
      this.liveCount++
    }
    this.afterChange()
  }

  /** Removes every clause of a document; returns how many were removed. */
  remove(docId: string): number {
    const ord = this.docOrdinals.get(docId)
    if (ord === undefined) return 0
    let removed = 0
    for (let s = 0; s < this.slotClause.length; s++) {
      if (this.alive[s] && this.slotDoc[s] === ord) {
        this.kill(s)
        removed++
      }
    }
    if (removed > 0) this.afterChange()
    return removed
  }

  private kill(slot: number): void {
    if (!this.alive[slot]) return
    this.alive[slot] = 0
    for (const f of FIELDS) this.fields[f].removeDoc(slot)
    this.slotById.delete((this.slotClause[slot] as Clause).id)
    this.liveCount--
  }

  private afterChange(): void {
    for (const f of FIELDS) this.fields[f].freeze()
    const slots = this.slotClause.length
    const dead = slots - this.liveCount
    if (dead > 64 && dead * 4 > slots) this.compact()
    for (const f of FIELDS) this.fields[f].recountDf(this.alive)
    const n = this.slotClause.length
    for (const f of FIELDS) this.fields[f].updateNorms(n, this.alive, this.liveCount, this.k1, this.b)
    if (this.acc.length < n) {
      this.acc = new Float64Array(Math.max(n, this.acc.length * 2))
      this.touched = new Int32Array(this.acc.length)
    }
  }

  private compact(): void {
    const newSlot = new Int32Array(this.slotClause.length).fill(-1)
    const clauses: Clause[] = []
    const slotDoc = new Int32Array(Math.max(this.liveCount, 8))
    for (let s = 0; s < this.slotClause.length; s++) {
      if (!this.alive[s]) continue
      newSlot[s] = clauses.length
      slotDoc[clauses.length] = this.slotDoc[s] as number
      clauses.push(this.slotClause[s] as Clause)
    }
    for (const f of FIELDS) this.fields[f].compact(newSlot, clauses.length)
    this.slotClause = clauses
    this.slotDoc = slotDoc
    this.alive = new Uint8Array(Math.max(clauses.length, 8)).fill(1, 0, clauses.length)
    this.slotById.clear()
    clauses.forEach((c, i) => this.slotById.set(c.id, i))
  }

  /** The top `top` clauses for the query, best first; ties keep insertion order. */
  search(query: string, top: number, options: SearchOptions = {}): SearchHit[] {
    if (top <= 0 || this.liveCount === 0) return []
    const q = this.analyzer(query, 'query')
    const acc = this.acc
    const touched = this.touched
    let nTouched = 0
    const n = this.liveCount
    const k1p1 = this.k1 + 1
    for (const name of FIELDS) {
      const field = this.fields[name]
      const weight = this.weights[name]
      if (weight === 0) continue
      const seen = new Set<string>()
      for (const term of q[name]) {
        if (seen.has(term)) continue
        seen.add(term)
        const id = field.vocab.get(term)
        if (id === undefined) continue
        const df = field.df[id] as number
        if (df <= 0) continue
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
        const w = weight * idf * k1p1
        const slots = field.postingSlots
        const tfs = field.postingTfs
        const end = field.start[id + 1] as number
        const norm = field.norm
        const alive = this.alive
        for (let i = field.start[id] as number; i < end; i++) {
          const slot = slots[i] as number
          if (!alive[slot]) continue
          const tf = tfs[i] as number
          const s = (w * tf) / (tf + (norm[slot] as number))
          if (acc[slot] === 0) touched[nTouched++] = slot
          acc[slot] = (acc[slot] as number) + s
        }
      }
    }
    let allowed: Uint8Array | undefined
    if (options.docIds !== undefined) {
      allowed = new Uint8Array(this.docOrdinals.size)
      for (const d of options.docIds) {
        const ord = this.docOrdinals.get(d)
        if (ord !== undefined) allowed[ord] = 1
      }
    }
    const heap = new TopK(Math.min(top, nTouched))
    for (let i = 0; i < nTouched; i++) {
      const slot = touched[i] as number
      const score = acc[slot] as number
      acc[slot] = 0
      if (allowed !== undefined && !allowed[this.slotDoc[slot] as number]) continue
      heap.offer(score, slot)
    }
    return heap.drain().map((h) => ({ clause: this.slotClause[h.slot] as Clause, score: h.score }))
  }
}

function growUint8(a: Uint8Array<ArrayBuffer>, min: number): Uint8Array<ArrayBuffer> {
  if (a.length >= min) return a
  const b = new Uint8Array(Math.max(min, a.length * 2, 8))
  b.set(a)
  return b
}

/** Builds a BM25 index over the clauses. */
export function buildClauseIndex(clauses: readonly Clause[], options: Bm25Options = {}): ClauseIndex {
  const index = new ClauseIndex(options)
  index.add(clauses)
  return index
}
