/**
 * LLM drafting cost per report: calls and prompt/completion tokens of a first draft (targets: ≤ 4 calls, ≤ 16k
 * prompt tokens), and of a draft that needs one repair round. Run against the scripted OpenAI-compatible server of
 * the tests, whose token counts come from message lengths (one token per character, plus 4 per message), with the
 * shared example park (fixtures/parks/nanling-green.json) and its planner output; no network, no key.
 */
import { draftWithLlm } from '../src/draft/llm-draft.js'
import { createChatClient } from '../src/llm/client.js'
import { startScriptedLlmServer } from '../test/helpers/scripted-llm-server.js'
import { carelessModel } from '../test/llm/careless-model.js'
import { kind, MEASURES, nanlingModel, nanlingPlan, park, type ModelOverrides } from '../test/llm/nanling-model.js'
import type { ScriptHandler } from '../test/helpers/scripted-llm-server.js'
import { timeMs, type BenchRow } from './bench-kit.js'

async function run(model: ModelOverrides | ScriptHandler) {
  const server = await startScriptedLlmServer({ fallback: typeof model === 'function' ? model : nanlingModel(model) })
  try {
    const chat = createChatClient(server.llmConfig())
    const plan = await nanlingPlan()
    let result: Awaited<ReturnType<typeof draftWithLlm>> | undefined
    const ms = await timeMs(async () => {
      result = await draftWithLlm(plan, park, kind, { chat })
    })
    return { result: result!, ms }
  } finally {
    await server.close()
  }
}

export async function benchDraftLlm(): Promise<BenchRow[]> {
  const clean = await run({})
  const first = clean.result.firstDraft.usage
  const largestPrompt = Math.max(...clean.result.calls.map((c) => c.promptTokens))

  // A model that abbreviates one name: the checker's own fix expands it, no repair call.
  const short = structuredClone(MEASURES)
  short.subsections[0]!.items[1]!.text = '能碳中心按企业、工序核算碳排放，为企业提供节能诊断。'
  const repaired = await run({ draft: { '二、创新举措': short } })
  // The careless model of the tests (invented figures, another industry, vague formulas) fixing half of each list.
  const half = await run(carelessModel('half'))

  return [
    { name: 'LLM draft: calls (first draft)', value: first.calls, unit: 'calls', target: '≤ 4' },
    { name: 'LLM draft: prompt tokens (first draft)', value: first.promptTokens, unit: 'tokens', target: '≤ 16000' },
    { name: 'LLM draft: completion tokens (first draft)', value: first.completionTokens, unit: 'tokens' },
    { name: 'LLM draft: largest prompt of one call', value: largestPrompt, unit: 'tokens' },
    { name: 'LLM draft: wall time, scripted server', value: clean.ms, unit: 'ms' },
    { name: 'LLM draft, one short name (fixed without a call): calls', value: repaired.result.usage.calls, unit: 'calls' },
    { name: 'LLM draft, one short name (fixed without a call): prompt tokens', value: repaired.result.usage.promptTokens, unit: 'tokens' },
    { name: 'LLM draft, one short name (fixed without a call): completion tokens', value: repaired.result.usage.completionTokens, unit: 'tokens' },
    { name: 'LLM draft, half-compliant model: calls (first draft)', value: half.result.firstDraft.usage.calls, unit: 'calls', target: '≤ 4' },
    { name: 'LLM draft, half-compliant model: prompt tokens (first draft)', value: half.result.firstDraft.usage.promptTokens, unit: 'tokens', target: '≤ 16000' },
    { name: 'LLM draft, half-compliant model: calls', value: half.result.usage.calls, unit: 'calls' },
    { name: 'LLM draft, half-compliant model: prompt tokens', value: half.result.usage.promptTokens, unit: 'tokens' },
    { name: 'LLM draft, half-compliant model: removed at delivery', value: half.result.removed.length, unit: 'items' },
  ]
}
