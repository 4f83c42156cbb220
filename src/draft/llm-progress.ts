import type { TokenUsage } from '../llm/usage.js'

/**
 * Progress of an LLM draft, in the order a person sees it: the plan, each part as it is written (with the text so
 * far), checking, each repair round, the deterministic fixes and trim, done. The server turns each event into one
 * SSE message; every event is a plain JSON-serialisable object.
 */
export type DraftProgress =
  | { type: 'plan'; parts: { path: string; budget: number }[]; totalBudget: number; calls: number }
  /** A streamed piece of one part's answer (only with `stream: true`): how much has arrived. */
  | { type: 'delta'; path: string; chars: number }
  /** One part written; `text` is the draft so far (finished parts in document order). */
  | { type: 'section'; path: string; sectionText: string; text: string; done: number; total: number }
  /** A call for one part failed or answered no draft, and is asked again. */
  | { type: 'retry'; path: string; reason: string }
  /** A part still failed: it is delivered marked, with the reason. */
  | { type: 'failed'; path: string; reason: string }
  | { type: 'checking'; round: number; text: string }
  /** Parts sent back to the model with their errors. */
  | { type: 'repair'; round: number; targets: string[]; errors: number }
  | { type: 'repaired'; round: number; text: string }
  | { type: 'fixes'; applied: number; text: string }
  | { type: 'trim'; paths: string[]; text: string }
  /** What the delivery guarantees removed (untraced figures, other industries, vague formulas, short names). */
  | { type: 'removed'; count: number; text: string }
  | { type: 'done'; text: string; errors: number; warnings: number; usage: TokenUsage }

export type ProgressListener = (event: DraftProgress) => void

/** A listener that throws must not break the draft: progress is advisory. */
export function safeEmit(listener: ProgressListener | undefined, event: DraftProgress): void {
  if (!listener) return
  try {
    listener(event)
  } catch {
    // ignored on purpose: a closed SSE connection or a buggy UI callback does not cancel a paid LLM call
  }
}

/** Runs `tasks` with at most `limit` at once, results in input order. */
export async function runPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length)
  let next = 0
  let failed = false
  const workers = Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, async () => {
    // After a failure no new task starts: the draft fails with the first error, not after every paid call.
    while (next < tasks.length && !failed) {
      const index = next++
      try {
        results[index] = await tasks[index]!()
      } catch (error) {
        failed = true
        throw error
      }
    }
  })
  await Promise.all(workers)
  return results
}
