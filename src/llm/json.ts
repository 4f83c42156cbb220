/**
 * The plain-JSON fallback (PITFALLS “LLM drafting”: some OpenAI-compatible endpoints ignore `response_format`):
 * the model is asked for JSON in the prompt and may still wrap it in a code fence or a sentence, so the first
 * complete JSON object of the answer is taken, with strings and escapes respected while matching braces.
 */
export type JsonExtraction = { ok: true; value: unknown; text: string } | { ok: false; reason: string }

export const jsonMessages = {
  noObject: '回答中没有 JSON 对象',
  unterminated: 'JSON 对象不完整（缺少结尾的“}”）',
  invalid: (detail: string) => `JSON 格式错误：${detail}`,
} as const

export function extractFirstJsonObject(answer: string): JsonExtraction {
  return jsonObjects(answer).next().value
}

/**
 * Reasoning a model writes into its answer before the JSON (DeepSeek-R1, Qwen3 and QwQ served by vLLM or Ollama put it
 * between <think> and </think>): it may quote the prompt's example object, which would otherwise be taken for the
 * answer. An unclosed <think> at the start (an answer cut inside its reasoning) hides everything after it.
 */
const REASONING = /<think>[\s\S]*?(?:<\/think>|$)/gu

/**
 * Every complete JSON object of the answer, in order, outside the model's reasoning; when there is none, the reason
 * of the last failure is the generator's return value. A brace inside a sentence before the real object (“{{变量}}”
 * echoed back, an example quoted before the answer) must not end the search.
 */
export function* jsonObjects(raw: string): Generator<Extract<JsonExtraction, { ok: true }>, Extract<JsonExtraction, { ok: false }>> {
  const answer = raw.replace(REASONING, '')
  let from = answer.indexOf('{')
  let lastReason: string = jsonMessages.noObject
  while (from >= 0) {
    const end = matchingBrace(answer, from)
    if (end < 0) {
      lastReason = jsonMessages.unterminated
    } else {
      const text = answer.slice(from, end + 1)
      try {
        yield { ok: true, value: JSON.parse(text), text }
        from = answer.indexOf('{', end + 1)
        continue
      } catch (error) {
        lastReason = jsonMessages.invalid((error as Error).message)
      }
    }
    from = answer.indexOf('{', from + 1)
  }
  return { ok: false, reason: lastReason }
}

/** Index of the `}` closing the `{` at `from`, or -1. */
function matchingBrace(text: string, from: number): number {
  let depth = 0
  let inString = false
  for (let i = from; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i += 1
      else if (char === '"') inString = false
      continue
    }
    if (char === '"') inString = true
    else if (char === '{') depth += 1
    else if (char === '}') {
      depth -= 1
      if (depth === 0) return i
    }
  }
  return -1
}
