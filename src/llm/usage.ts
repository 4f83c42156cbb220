/**
 * Token usage of LLM calls. Every call reports what the endpoint says it used (`usage` of the answer, or of the
 * last SSE chunk with `stream_options.include_usage`); an endpoint that reports nothing is estimated from text
 * lengths and marked `estimated`, so a total is never silently short.
 */
export interface TokenUsage {
  /** HTTP calls that produced an answer (a corrective JSON retry is a call; a 429 that was retried is not). */
  calls: number
  promptTokens: number
  completionTokens: number
  /** true when at least one call's figures are estimates. */
  estimated: boolean
}

export const ZERO_USAGE: TokenUsage = Object.freeze({ calls: 0, promptTokens: 0, completionTokens: 0, estimated: false })

export function addUsage(...usages: readonly TokenUsage[]): TokenUsage {
  return usages.reduce<TokenUsage>(
    (sum, u) => ({
      calls: sum.calls + u.calls,
      promptTokens: sum.promptTokens + u.promptTokens,
      completionTokens: sum.completionTokens + u.completionTokens,
      estimated: sum.estimated || u.estimated,
    }),
    ZERO_USAGE,
  )
}

/** One recorded call, for logs and the bench. */
export interface CallRecord extends TokenUsage {
  /** What the call was for, e.g. draft:二、创新举措 or repair:【摘要】. */
  label: string
  model: string
  ms: number
}

/**
 * Sums the calls of one task (a draft, a rewrite). Passed down instead of a global so that two drafts running
 * at once in the server never mix their figures.
 */
export class UsageMeter {
  readonly calls: CallRecord[] = []

  record(call: CallRecord): void {
    this.calls.push(call)
  }

  total(): TokenUsage {
    return addUsage(...this.calls)
  }
}

/**
 * A rough token count for endpoints that report none: one token per CJK character or punctuation mark, one per
 * four other characters. Chinese prose runs close to one token per character in current tokenizers.
 */
export function estimateTokens(text: string): number {
  let cjk = 0
  let other = 0
  for (const char of text) {
    if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026]/u.test(char)) cjk += 1
    else other += 1
  }
  return cjk + Math.ceil(other / 4)
}
