import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/check/finding.js'
import type { DraftProgress } from '../../src/draft/llm-progress.js'
import { draftWithLlm, type LlmDraftOptions } from '../../src/draft/llm-draft.js'
import type { DraftPlan } from '../../src/draft/plan.js'
import { draftChecker } from '../../src/draft/repair.js'
import { UserError } from '../../src/errors.js'
import { createChatClient } from '../../src/llm/client.js'
import { parseReport } from '../../src/model/parse-report.js'
import { reportZishu } from '../../src/model/report-stats.js'
import { scriptedCompletionTokens, scriptedPromptTokens, startScriptedLlmServer, type RecordedRequest, type ScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { BACKGROUND, CLEAN_DRAFT, kind, MEASURES, nanlingModel, nanlingPlan, park, RESULTS, taskOf, type ModelOverrides } from '../llm/nanling-model.js'


let plan: DraftPlan
let server: ScriptedLlmServer | undefined
beforeAll(async () => {
  plan = await nanlingPlan()
})
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function draft(overrides: ModelOverrides = {}, options: LlmDraftOptions = {}) {
  server = await startScriptedLlmServer({ fallback: nanlingModel(overrides) })
  const chat = createChatClient(server.llmConfig(), { baseDelayMs: 1, sleep: async () => {} })
  const events: DraftProgress[] = []
  const result = await draftWithLlm(plan, park, kind, { chat }, { onProgress: (e) => events.push(e), ...options })
  return { result, events, requests: server.chatRequests() }
}

/** Token usage as the scripted server reports it, summed over the requests it answered. */
function reportedUsage(requests: readonly RecordedRequest[], answers: readonly string[]) {
  return {
    promptTokens: requests.reduce((sum, r) => sum + scriptedPromptTokens(r.messages), 0),
    completionTokens: answers.reduce((sum, a) => sum + scriptedCompletionTokens(a), 0),
  }
}

const errorsOf = (findings: readonly Finding[], rule?: string) => findings.filter((f) => f.severity === 'error' && (!rule || f.rule === rule))
const firstDraftErrors = (text: string, rule: string) => errorsOf(draftChecker(kind, park)(text), rule)
const repairRequests = (requests: readonly RecordedRequest[]) => requests.filter((r) => taskOf(r).task === 'repair')

describe('draftWithLlm: a well-behaved model', () => {
  it('writes the whole report in 4 calls under 16k prompt tokens, with canonical markers and no error', async () => {
    const { result, requests } = await draft()

    expect(result.text).toBe(CLEAN_DRAFT)
    expect(errorsOf(result.findings)).toEqual([])
    expect(result.rounds).toEqual([])
    expect(requests.map((r) => taskOf(r).part).sort()).toEqual(['【摘要】', '一、背景介绍', '三、实践成效', '二、创新举措'].sort())
    expect(result.usage.calls).toBe(4)
    expect(result.usage.promptTokens).toBeLessThanOrEqual(16_000)
    expect(result.firstDraft.usage).toEqual(result.usage)
    expect(result.calls.map((c) => c.label).sort()).toEqual(['draft:【摘要】', 'draft:一、背景介绍', 'draft:三、实践成效', 'draft:二、创新举措'].sort())
  })

  it('sums the token usage the endpoint reported for every call', async () => {
    const { result, requests } = await draft()
    const answers = requests.map((r) => {
      const part = taskOf(r).part
      return JSON.stringify(part === '【摘要】' ? { text: CLEAN_DRAFT.split('\n')[2]!.replace('【摘要】', '') } : { '一、背景介绍': BACKGROUND, '二、创新举措': MEASURES, '三、实践成效': RESULTS }[part])
    })
    expect(result.usage).toEqual({ calls: 4, ...reportedUsage(requests, answers), estimated: false })
  })

  it('gives each section call its own budget, problems, measures with clauses, figures and full names', async () => {
    const { requests } = await draft()
    const measures = requests.find((r) => taskOf(r).part === '二、创新举措')!
    const prompt = measures.messages[1]!.content
    expect(measures.messages[0]!.content).toContain('全文原则上控制在3000字以内')
    expect(prompt).toContain('不超过1134字')
    expect(prompt).toContain('- M1（针对P1）建设“源网荷储”一体化绿色微电网')
    expect(prompt).toContain('政策依据：《工业园区高质量发展指引》二（六）14：推动园区能源梯级利用')
    expect(prompt).toContain('- 屋顶光伏装机：86兆瓦')
    expect(prompt).toContain('- 南岭经济技术开发区数字化能碳管理中心（禁用：能碳管理中心、能碳中心）')
    // A section call does not carry the other sections' material.
    expect(prompt).not.toContain('R1（来自M1）')
    expect(measures.responseFormat).toMatchObject({ type: 'json_schema', json_schema: { name: 'report_section' } })
  })

  it('reports progress: plan, each part with the text so far, checking, fixes, done', async () => {
    const { events } = await draft({}, { concurrency: 1 })
    expect(events.map((e) => e.type)).toEqual(['plan', 'section', 'section', 'section', 'section', 'checking', 'fixes', 'done'])
    expect(events[0]).toEqual({
      type: 'plan',
      parts: [
        { path: '【摘要】', budget: 216 },
        { path: '一、背景介绍', budget: 675 },
        { path: '二、创新举措', budget: 1134 },
        { path: '三、实践成效', budget: 675 },
      ],
      totalBudget: 2700,
      calls: 4,
    })
    const second = events[2] as Extract<DraftProgress, { type: 'section' }>
    expect(second).toMatchObject({ path: '一、背景介绍', done: 2, total: 4 })
    expect(second.text).toBe(CLEAN_DRAFT.slice(0, CLEAN_DRAFT.indexOf('\n\n二、创新举措')) + '\n')
    expect(events.at(-1)).toMatchObject({ type: 'done', text: CLEAN_DRAFT, errors: 0 })
  })

  it('records which datum every figure comes from and which heading each measure sits under', async () => {
    const { result } = await draft()
    expect(result.evidence.untraced).toEqual([])
    expect(result.evidence.measures.map((m) => [m.id, m.section, m.clauses[0]!.path])).toEqual([
      ['M1', '二、创新举措/（一）', '《工业园区高质量发展指引》二（六）14'],
      ['M2', '二、创新举措/（二）', '《工业园区高质量发展指引》二（六）15'],
      ['M3', '二、创新举措/（三）', '《工业园区高质量发展指引》二（七）17'],
    ])
    expect(result.evidence.figures.find((f) => f.raw === '512.4亿元')).toMatchObject({ source: 'indicator', provenance: "$.indicators.scale.leadIndustryRevenue['2025']" })
  })

  it('puts sub-sections in the plan’s order whatever order the model chose', async () => {
    const shuffled = { ...MEASURES, subsections: [MEASURES.subsections[2]!, MEASURES.subsections[0]!, MEASURES.subsections[1]!] }
    const { result } = await draft({ draft: { '二、创新举措': shuffled } })
    expect(result.text).toBe(CLEAN_DRAFT)
  })

  it('streams the answers and reports how much of each part has arrived', async () => {
    const { result, events, requests } = await draft({}, { stream: true })
    expect(result.text).toBe(CLEAN_DRAFT)
    expect(requests.every((r) => r.stream)).toBe(true)
    const deltas = events.filter((e): e is Extract<DraftProgress, { type: 'delta' }> => e.type === 'delta')
    expect(new Set(deltas.map((d) => d.path))).toEqual(new Set(['【摘要】', '一、背景介绍', '二、创新举措', '三、实践成效']))
    const lastOfMeasures = deltas.filter((d) => d.path === '二、创新举措').at(-1)!
    expect(lastOfMeasures.chars).toBe(JSON.stringify(MEASURES).length)
    expect(result.usage.calls).toBe(4)
  })
})

describe('draftWithLlm: the repair loop', () => {
  it('sends an invented figure back with its section only, and ends with no number-trace error', async () => {
    const invented = { ...BACKGROUND, paragraphs: [BACKGROUND.paragraphs[0]!.replace('园区先后获评', '园区新能源电池材料企业研发投入强度达到4.7%。园区先后获评'), BACKGROUND.paragraphs[1]!] }
    const { result, requests } = await draft({ draft: { '一、背景介绍': invented } })

    expect(result.rounds.map((r) => r.targets)).toEqual([['一、背景介绍']])
    expect(result.rounds[0]!.errors.map((e) => e.rule)).toEqual(['number-trace'])
    const [repair] = repairRequests(requests)
    const prompt = repair!.messages[1]!.content
    expect(prompt).toContain('研发投入强度达到4.7%')
    expect(prompt).toContain('该数字在园区数据和上传材料中找不到来源')
    expect(prompt).not.toContain('建设绿色微电网，推动能源结构低碳转型')
    expect(prompt).not.toContain('碳排放强度明显下降')
    expect(prompt).not.toContain('【摘要】南岭')
    expect(errorsOf(result.findings, 'number-trace')).toEqual([])
    expect(result.text).toBe(CLEAN_DRAFT)
    expect(result.usage.calls).toBe(5)
    expect(result.firstDraft.usage.calls).toBe(4)
  })

  it('leaves a short name to the checker’s own fix: no repair call', async () => {
    const short = structuredClone(MEASURES)
    short.subsections[0]!.items[1]!.text = '能碳中心按企业、工序核算碳排放，为企业提供节能诊断。'
    const { result, requests } = await draft({ draft: { '二、创新举措': short } })

    expect(firstDraftErrors(result.firstDraft.text, 'proper-noun').map((f) => f.excerpt)).toEqual(['2.能碳智管。能碳中心按企业、工序核算碳排放，…'])
    expect(repairRequests(requests)).toEqual([])
    expect(result.fixesApplied).toBe(1)
    expect(errorsOf(result.findings)).toEqual([])
    expect(result.text).toBe(CLEAN_DRAFT)
  })

  it('shortens the part over its budget when the whole overruns 3000字', async () => {
    const padding = Array.from({ length: 60 }, () => '园区持续巩固单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤的成果。').join('')
    const long = structuredClone(RESULTS)
    long.subsections[0]!.paragraphs.push(padding)
    const { result, requests } = await draft({ draft: { '三、实践成效': long } })

    expect(reportZishu(parseReport(result.firstDraft.text)).total).toBeGreaterThan(3000)
    expect(result.rounds.map((r) => r.targets)).toEqual([['三、实践成效']])
    const prompt = repairRequests(requests)[0]!.messages[1]!.content
    expect(prompt).toMatch(/全文共\d+字，超出3000字上限\d+字/)
    expect(prompt).toMatch(/本部分现有\d+字，修改后不超过675字/)
    expect(prompt).not.toContain('一是能源结构偏煤')
    expect(errorsOf(result.findings, 'length')).toEqual([])
    expect(result.text).toBe(CLEAN_DRAFT)
  })

  it('honours maxRepairRounds: 0 (deterministic fixes only)', async () => {
    const short = structuredClone(MEASURES)
    short.subsections[0]!.items[1]!.text = '能碳中心按企业、工序核算碳排放，为企业提供节能诊断。'
    const { result, requests } = await draft({ draft: { '二、创新举措': short } }, { maxRepairRounds: 0 })
    expect(repairRequests(requests)).toEqual([])
    expect(result.text).toBe(CLEAN_DRAFT)
  })
})

describe('draftWithLlm: an unreliable endpoint', () => {
  it('retries malformed JSON once and carries on', async () => {
    let first = true
    const { result, requests } = await draft({
      draft: {
        '一、背景介绍': () => {
          if (!first) return { json: BACKGROUND }
          first = false
          return { content: '{"paragraphs": ["南岭经济技术开发区始建于2006年' }
        },
      },
    })
    expect(result.text).toBe(CLEAN_DRAFT)
    expect(result.usage.calls).toBe(5)
    expect(requests.filter((r) => taskOf(r).part === '一、背景介绍')).toHaveLength(2)
    expect(result.calls.map((c) => c.label)).toContain('draft:一、背景介绍:json-retry')
  })

  it('retries a 429 during drafting without counting it as a call', async () => {
    let limited = true
    const { result, requests } = await draft({
      draft: {
        '三、实践成效': () => {
          if (!limited) return { json: RESULTS }
          limited = false
          return { status: 429, message: 'Rate limit reached for requests', headers: { 'retry-after': '0' } }
        },
      },
    })
    expect(result.text).toBe(CLEAN_DRAFT)
    expect(requests).toHaveLength(5)
    expect(result.usage.calls).toBe(4)
  })

  it('fails the draft with the Chinese error of a wrong key', async () => {
    const error = await draft({ draft: { '二、创新举措': { status: 401, message: 'Incorrect API key provided', code: 'invalid_api_key' } } }, { concurrency: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).code).toBe('llm_unauthorized')
    expect((error as UserError).message).toContain('大模型服务拒绝了 API Key')
  })
})
