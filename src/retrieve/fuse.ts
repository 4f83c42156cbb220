/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ_lists 1 / (k + rank),
 * rank counted from 1. It needs no score calibration between BM25 (unbounded) and cosine
 * similarity ([−1, 1]), which is why the hybrid retriever fuses ranks, not scores.
 */

export interface FusedItem {
  id: string
  score: number
}

export interface FuseOptions {
  /** Rank offset; 60 as in the paper. Larger k flattens the advantage of the first ranks. */
  k?: number
}

export const RRF_K = 60

/**
 * Fuses ranked lists of ids (best first). A list that repeats an id counts it at its first rank.
 * Result: best first; equal scores keep the order of first appearance, reading the lists
 * rank by rank (rank 1 of every list, then rank 2, …), so the order is deterministic.
 */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], options: FuseOptions = {}): FusedItem[] {
  const k = options.k ?? RRF_K
  const scores = new Map<string, number>()
  const firstSeen = new Map<string, number>()
  const seenInList = lists.map(() => new Set<string>())
  const depth = lists.reduce((m, l) => Math.max(m, l.length), 0)
  for (let rank = 0; rank < depth; rank++) {
    lists.forEach((list, li) => {
      const id = list[rank]
      const seen = seenInList[li] as Set<string>
      if (id === undefined || seen.has(id)) return
      seen.add(id)
      if (!firstSeen.has(id)) firstSeen.set(id, firstSeen.size)
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1))
    })
  }
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || (firstSeen.get(a.id) as number) - (firstSeen.get(b.id) as number))
}
