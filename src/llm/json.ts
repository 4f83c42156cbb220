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
  let from = answer.indexOf('{')
  if (from < 0) return { ok: false, reason: jsonMessages.noObject }
  let lastReason: string = jsonMessages.noObject
  // A brace inside a sentence before the real object (“{{变量}}” echoed back) must not end the search.
  while (from >= 0) {
    const end = matchingBrace(answer, from)
    if (end < 0) {
      lastReason = jsonMessages.unterminated
    } else {
      const text = answer.slice(from, end + 1)
      try {
        return { ok: true, value: JSON.parse(text), text }
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
