import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { applyCheckerFixes, draftChecker, draftParts, repairDraft, type CompressSection } from '../../src/draft/repair.js'
import { createChatClient } from '../../src/llm/client.js'
import { parseReport } from '../../src/model/parse-report.js'
import { startScriptedLlmServer, type ScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { kind, nanlingModel, park, taskOf, type ModelOverrides } from '../llm/nanling-model.js'

/** A person's draft (the shared example, error-free) with one planted mistake per test. */
const clean = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
const check = draftChecker(kind, park)

let server: ScriptedLlmServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function repair(text: string, overrides: ModelOverrides = {}, options: { maxRounds?: number; compress?: CompressSection } = {}) {
  server = await startScriptedLlmServer({ fallback: nanlingModel(overrides) })
  const chat = createChatClient(server.llmConfig(), { sleep: async () => {} })
  const result = await repairDraft(text, { kind, park }, { chat, check, ...(options.compress ? { compress: options.compress } : {}) }, options)
  return { result, requests: server.chatRequests() }
}

describe('repairDraft on a draft without a plan', () => {
  it('the clean example has no error: nothing is sent', async () => {
    const { result, requests } = await repair(clean)
    expect(requests).toEqual([])
    expect(result.text).toBe(clean)
  })

  it('repairs the one section with an error and leaves every other byte as it was', async () => {
    const text = clean.replace('（三）安全生产形势持续向好\n2025年', '（三）安全生产形势持续向好\n园区安全生产投入达2.7亿元，2025年')
    const { result, requests } = await repair(text)

    expect(requests.map((r) => taskOf(r))).toEqual([{ task: 'repair', part: '三、实践成效' }])
    const prompt = requests[0]!.messages[1]!.content
    expect(prompt).toContain('该数字在园区数据和上传材料中找不到来源：“园区安全生产投入达2.7亿元”')
    expect(prompt).toContain('（三）安全生产形势持续向好\n园区安全生产投入达2.7亿元，2025年')
    expect(prompt).not.toContain('二、创新举措')
    // Without a plan the part may grow into the room left under 3000字.
    expect(prompt).toMatch(/本部分现有\d+字，修改后不超过\d{4}字/)
    expect(result.text).toBe(clean)
    expect(result.rounds).toHaveLength(1)
  })

  it('leaves a short name the checker can expand to the checker: no call', async () => {
    const text = clean.replace('（三）安全生产形势持续向好\n2025年', '（三）安全生产形势持续向好\n南岭经开区2025年')
    const { result, requests } = await repair(text)
    expect(requests).toEqual([])
    expect(result.fixesApplied).toBe(1)
    expect(result.text).toBe(text.replace('南岭经开区2025年', '南岭经济技术开发区2025年'))
  })

  it('repairs the 【摘要】 on its own', async () => {
    const text = clean.replace('【摘要】南岭经济技术开发区聚焦', '【摘要】南岭经济技术开发区研发投入强度达4.9%，聚焦')
    const { result, requests } = await repair(text)
    expect(requests.map((r) => taskOf(r).part)).toEqual(['【摘要】'])
    expect(requests[0]!.responseFormat).toMatchObject({ json_schema: { name: 'abstract_repair' } })
    expect(result.text).toBe(clean)
  })

  it('with maxRounds 0 applies the checker’s fixes only', async () => {
    const text = clean.replace('（三）安全生产形势持续向好\n2025年', '（三）安全生产形势持续向好\n南岭经开区2025年')
    const { result, requests } = await repair(text, {}, { maxRounds: 0 })
    expect(requests).toEqual([])
    expect(result.fixesApplied).toBe(1)
    expect(result.text).toBe(clean.replace('（三）安全生产形势持续向好\n2025年', '（三）安全生产形势持续向好\n南岭经济技术开发区2025年'))
  })

  it('compresses what is still over the limit: the injected compressor gets the part and its budget', async () => {
    const padding = '园区持续巩固单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤的成果。'.repeat(60)
    const text = clean.replace('提高22.3个百分点。', `提高22.3个百分点。${padding}`)
    const calls: [string, number][] = []
    const cut: CompressSection = (doc, path, max) => {
      calls.push([path, max])
      return { text: doc.source.replace(padding, '') }
    }
    const { result } = await repair(text, {}, { maxRounds: 0, compress: cut })
    expect(calls).toEqual([['三、实践成效', 1963]])
    expect(result.trimmed).toEqual(['三、实践成效'])
    expect(result.text).toBe(clean)
  })

  it('compresses with compressSection by default, keeping every figure', async () => {
    const filler = '园区始终坚持绿色发展理念，持续推动产业转型升级，营造良好发展氛围。'.repeat(70)
    const text = clean.replace('提高22.3个百分点。', `提高22.3个百分点。${filler}`)
    const { result } = await repair(text, {}, { maxRounds: 0 })
    expect(result.trimmed).toEqual(['三、实践成效'])
    expect(result.findings.filter((f) => f.rule === 'length' && f.severity === 'error')).toEqual([])
    expect(result.text).toContain('工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。')
    // Outside the compressed part nothing moved.
    const start = clean.indexOf('三、实践成效')
    expect(result.text.slice(0, start)).toBe(clean.slice(0, start))
  })
})

describe('repair helpers', () => {
  it('draftParts: the 【摘要】 and each level-1 section as whole lines', () => {
    const parts = draftParts(parseReport(clean))
    expect(parts.map((p) => p.key)).toEqual(['【摘要】', '一、背景介绍', '二、创新举措', '三、实践成效'])
    for (const part of parts) expect(clean.slice(part.start, part.end)).toBe(part.text)
    expect(parts[3]!.text.startsWith('三、实践成效\n（一）碳排放强度明显下降')).toBe(true)
  })

  it('applyCheckerFixes applies full names and reports how many', () => {
    const text = clean.replace('建成南岭经济技术开发区智慧安全应急管理平台，接入', '建成智慧安监平台，接入')
    expect(applyCheckerFixes(text, check)).toEqual({ text: clean, applied: 1 })
  })
})
