import { createHash } from 'node:crypto'

/**
 * Answers of pure jobs (catalog.ts `pure`: the answer depends on the request text alone — a check reads no clock,
 * no stored data and no uploads) kept by a hash of the request, so an identical request costs no CPU:
 * - the web page asks again about a text it has asked about (审校 when the tab opens, 改写 for the 字数 of the same
 *   text, 导出 for the errors of a version, an undo back to the checked text, a reload), and colleagues check the
 *   same shared draft;
 * - identical requests that arrive while the first one runs wait for its answer instead of each taking a thread
 *   (a person who clicks 审校 three times, a script retried by a proxy).
 * Bounded by the total size of the kept answers; the least recently used go first. Failures are never kept.
 */

export interface AnswerCacheLimits {
  /** Total length of the kept answers (UTF-16 code units, about bytes for the JSON the checker answers). */
  maxChars: number
  /** An answer longer than this is not kept (one flood's answer must not push out hundreds of ordinary ones). */
  maxAnswerChars: number
}

export const DEFAULT_ANSWER_CACHE: AnswerCacheLimits = { maxChars: 32 * 1024 * 1024, maxAnswerChars: 512 * 1024 }

export class AnswerCache {
  private readonly kept = new Map<string, string>()
  private readonly running = new Map<string, Promise<string>>()
  private keptChars = 0

  constructor(private readonly limits: AnswerCacheLimits = DEFAULT_ANSWER_CACHE) {}

  /** The key of a request: its job and the exact request text. */
  static keyOf(job: string, request: string): string {
    return createHash('sha256').update(job).update('\0').update(request).digest('base64url')
  }

  /**
   * The kept answer for `key`, else the answer of the identical request already running, else `compute()`'s —
   * kept once it succeeds. Every caller waiting on one computation gets its answer or its error.
   */
  answer(key: string, compute: () => Promise<string>): Promise<string> {
    const kept = this.kept.get(key)
    if (kept !== undefined) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.kept.delete(key)
      this.kept.set(key, kept)
      return Promise.resolve(kept)
    }
    const running = this.running.get(key)
    if (running) return running
    const computing = compute().then(
      (answer) => {
        this.running.delete(key)
        this.keep(key, answer)
        return answer
      },
      (error: unknown) => {
        this.running.delete(key)
        throw error
      },
    )
    this.running.set(key, computing)
    return computing
  }

  /** Whether `key` would be answered without new work (kept, or running now). */
  has(key: string): boolean {
    return this.kept.has(key) || this.running.has(key)
  }

  /** Counts for tests and the bench. */
  stats(): { answers: number; chars: number; running: number } {
    return { answers: this.kept.size, chars: this.keptChars, running: this.running.size }
  }

  private keep(key: string, answer: string): void {
    if (answer.length > this.limits.maxAnswerChars || this.kept.has(key)) return
    this.kept.set(key, answer)
    this.keptChars += answer.length
    for (const [oldest, value] of this.kept) {
      if (this.keptChars <= this.limits.maxChars) break
      this.kept.delete(oldest)
      this.keptChars -= value.length
    }
  }
}
