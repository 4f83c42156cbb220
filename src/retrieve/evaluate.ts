/**
 * Offline evaluation of clause retrieval on a labelled query set (fixtures/retrieval/queries.json):
 * recall@k (share of a query's relevant clauses found in the top k, averaged over queries) and
 * MRR (mean reciprocal rank of the first relevant clause within `depth`, 0 when none).
 */
import { z } from 'zod'

export const RetrievalQuerySchema = z.object({
  id: z.string(),
  query: z.string().min(1),
  /** Citation paths of the relevant clauses, e.g. 《工业园区高质量发展指引》二（六）14. */
  relevant: z.array(z.string().min(1)).min(1),
  /** Who would ask this and why these clauses are the answer. */
  note: z.string().optional(),
})
export type RetrievalQuery = z.infer<typeof RetrievalQuerySchema>

export const QuerySetSchema = z.object({
  description: z.string().optional(),
  queries: z.array(RetrievalQuerySchema).min(1),
})
export type QuerySet = z.infer<typeof QuerySetSchema>

/** What evaluation needs of a retriever: ranked results carrying their citation path. */
export interface RankedRetriever {
  retrieve(query: string, options: { top: number }): Promise<readonly { path: string }[]>
}

export interface QueryEvaluation {
  id: string
  query: string
  relevant: string[]
  /** Paths retrieved, best first, `depth` at most. */
  retrieved: string[]
  /** Relevant clauses found in the top k. */
  found: number
  recall: number
  reciprocalRank: number
}

export interface EvaluationReport {
  k: number
  depth: number
  queries: number
  recallAtK: number
  mrr: number
  perQuery: QueryEvaluation[]
}

/** A clause cut into parts (…（续1）) counts as the clause it belongs to. */
export function basePath(path: string): string {
  return path.replace(/（续\d+）$/, '')
}

/** Scores one query's ranking against its relevant paths. */
export function scoreRanking(retrieved: readonly string[], relevant: readonly string[], k: number): Pick<QueryEvaluation, 'found' | 'recall' | 'reciprocalRank'> {
  const wanted = new Set(relevant)
  const ranked = retrieved.map(basePath)
  const inTopK = new Set(ranked.slice(0, k).filter((p) => wanted.has(p)))
  const first = ranked.findIndex((p) => wanted.has(p))
  return { found: inTopK.size, recall: inTopK.size / wanted.size, reciprocalRank: first < 0 ? 0 : 1 / (first + 1) }
}

export async function evaluateRetrieval(
  retriever: RankedRetriever,
  queries: readonly RetrievalQuery[],
  options: { k?: number; depth?: number } = {},
): Promise<EvaluationReport> {
  const k = options.k ?? 5
  const depth = Math.max(k, options.depth ?? 10)
  const perQuery: QueryEvaluation[] = []
  for (const q of queries) {
    const retrieved = (await retriever.retrieve(q.query, { top: depth })).map((r) => r.path)
    perQuery.push({ id: q.id, query: q.query, relevant: [...q.relevant], retrieved, ...scoreRanking(retrieved, q.relevant, k) })
  }
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length)
  return {
    k,
    depth,
    queries: perQuery.length,
    recallAtK: mean(perQuery.map((q) => q.recall)),
    mrr: mean(perQuery.map((q) => q.reciprocalRank)),
    perQuery,
  }
}
