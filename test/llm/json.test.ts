import { describe, expect, it } from 'vitest'
import { extractFirstJsonObject } from '../../src/llm/json.js'

describe('extractFirstJsonObject', () => {
  it.each([
    ['{"text":"南岭经济技术开发区"}', { text: '南岭经济技术开发区' }],
    ['```json\n{"text":"摘要"}\n```', { text: '摘要' }],
    ['好的，以下是结果：{"a":{"b":[1,2]}} 希望有帮助', { a: { b: [1, 2] } }],
    ['{"text":"含有}括号和\\"引号\\"的字符串"}', { text: '含有}括号和"引号"的字符串' }],
    ['模板变量{{facts}}之后：{"ok":true}', { ok: true }],
    // A reasoning model's <think> block (DeepSeek-R1, Qwen3 on vLLM/Ollama) quoting the example is not the answer.
    ['<think>格式是{"text":"摘要正文"}，先列要点。</think>\n{"text":"南岭经济技术开发区聚焦新能源电池材料"}', { text: '南岭经济技术开发区聚焦新能源电池材料' }],
  ])('%s', (answer, value) => {
    expect(extractFirstJsonObject(answer)).toMatchObject({ ok: true, value })
  })

  it.each([
    ['抱歉，我不能回答。', '回答中没有 JSON 对象'],
    ['{"text":"被截断的回答', 'JSON 对象不完整（缺少结尾的“}”）'],
    // Cut inside its reasoning: what is there is all thinking.
    ['<think>用户要求{"text":"摘要正文"}，我先', '回答中没有 JSON 对象'],
  ])('%s → %s', (answer, reason) => {
    expect(extractFirstJsonObject(answer)).toEqual({ ok: false, reason })
  })

  it('reports a JSON syntax error', () => {
    const result = extractFirstJsonObject("{'text': '单引号'}")
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason.startsWith('JSON 格式错误：')).toBe(true)
  })
})
