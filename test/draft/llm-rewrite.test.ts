import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { HeadedSection } from '../../src/draft/llm-schemas.js'
import { lengthFromInstruction, rewriteSectionWithLlm } from '../../src/draft/rewrite-llm.js'
import { UserError } from '../../src/errors.js'
import { createChatClient } from '../../src/llm/client.js'
import { startScriptedLlmServer, type ScriptEntry, type ScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { kind, park } from '../llm/nanling-model.js'

const draft = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
const markdown = readFileSync(new URL('../../fixtures/drafts/nanling-green.md', import.meta.url), 'utf8')

const SECTION_2_2 = `（二）打通副产硫酸钠循环链条，提升固废综合利用水平
园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，打通“副产硫酸钠—元明粉—玻璃原料”循环链条，实现副产固废就地转化。`

const SHORT: HeadedSection = {
  heading: '打通副产硫酸钠循环链条，提升固废综合利用水平',
  paragraphs: ['园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，副产固废就地转化。'],
  subsections: [],
}
const SHORT_TEXT = `（二）打通副产硫酸钠循环链条，提升固废综合利用水平
园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，副产固废就地转化。`

let server: ScriptedLlmServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function rewrite(text: string, path: string, instruction: string, script: ScriptEntry[], format: 'text' | 'markdown' = 'text') {
  server = await startScriptedLlmServer({ script })
  const chat = createChatClient(server.llmConfig(), { sleep: async () => {} })
  const result = await rewriteSectionWithLlm(text, path, instruction, { chat, kind, park }, { format })
  return { result, requests: server.chatRequests() }
}

describe('rewriteSectionWithLlm', () => {
  it('rewrites one section and leaves every other byte of the report as it was', async () => {
    const { result, requests } = await rewrite(draft, '二、创新举措/（二）', '压缩到80字以内', [{ json: SHORT }])

    const start = draft.indexOf(SECTION_2_2)
    expect(result.before).toBe(SECTION_2_2)
    expect(result.after).toBe(SHORT_TEXT)
    expect(result.text).toBe(draft.slice(0, start) + SHORT_TEXT + draft.slice(start + SECTION_2_2.length))
    expect(result.text.slice(0, start)).toBe(draft.slice(0, start))
    expect(result.text.slice(start + SHORT_TEXT.length)).toBe(draft.slice(start + SECTION_2_2.length))
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(result.sectionFindings).toEqual([])
    expect(result.usage.calls).toBe(1)

    const prompt = requests[0]!.messages[1]!.content
    expect(prompt).toContain('请按用户的要求改写报告中的“二、创新举措/（二）”这一节')
    expect(prompt).toContain('【用户的要求】\n压缩到80字以内')
    expect(prompt).toContain('1. 改写后这一节不超过80字（原文93字）。')
    expect(prompt).toContain(SECTION_2_2)
    expect(prompt).not.toContain('（一）建设绿色微电网')
    expect(prompt).toContain('- 南岭市绿源环保科技有限公司（禁用：绿源环保）')
    expect(requests[0]!.responseFormat).toMatchObject({ json_schema: { name: 'section_rewrite' } })
  })

  it('returns a character diff of the section', async () => {
    const { result } = await rewrite(draft, '二、创新举措/（二）', '压缩到80字以内', [{ json: SHORT }])
    expect(result.diff).toEqual([
      { op: 'equal', text: '（二）打通副产硫酸钠循环链条，提升固废综合利用水平\n园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，' },
      { op: 'delete', text: '打通“副产硫酸钠—元明粉—玻璃原料”循环链条，实现' },
      { op: 'equal', text: '副产固废就地转化。' },
    ])
  })

  it('asks once more when the answer overruns the limit the instruction set', async () => {
    const long: HeadedSection = { ...SHORT, paragraphs: [SECTION_2_2.split('\n')[1]!] }
    const { result, requests } = await rewrite(draft, '二、创新举措/（二）', '压缩到80字以内', [{ json: long }, { json: SHORT }])
    expect(requests).toHaveLength(2)
    expect(requests[1]!.messages[1]!.content).toContain('【用户的要求】\n压缩到80字以内，保留问题、做法和关键数据。')
    expect(result.after).toBe(SHORT_TEXT)
    expect(result.usage.calls).toBe(2)
  })

  it('compresses without the model when the second answer still overruns, keeping the figures', async () => {
    const wordy: HeadedSection = {
      ...SHORT,
      paragraphs: [`${SHORT.paragraphs[0]}园区始终坚持绿色发展理念，持续推动产业转型升级。园区不断优化营商环境，营造良好发展氛围。`],
    }
    const { result, requests } = await rewrite(draft, '二、创新举措/（二）', '压缩到80字以内', [{ json: wordy }, { json: wordy }])
    expect(requests).toHaveLength(2)
    expect(result.after).toBe(SHORT_TEXT)
    const start = draft.indexOf(SECTION_2_2)
    expect(result.text).toBe(draft.slice(0, start) + SHORT_TEXT + draft.slice(start + SECTION_2_2.length))
  })

  it('keeps the template’s level-1 heading and assigns markers itself', async () => {
    const answer: HeadedSection = {
      heading: '三、成效显著',
      paragraphs: [],
      subsections: [
        { ref: '', heading: '（一）碳排放强度明显下降。', paragraphs: ['单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。'], items: [] },
        { ref: '', heading: '**安全生产形势持续向好**', paragraphs: ['预警平均响应时间由45分钟缩短至8分钟。'], items: [] },
      ],
    }
    const { result } = await rewrite(draft, '三、', '语气更正式', [{ json: answer }])
    expect(result.path).toBe('三、实践成效')
    expect(result.after).toBe(
      '三、实践成效\n（一）碳排放强度明显下降\n单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。\n（二）安全生产形势持续向好\n预警平均响应时间由45分钟缩短至8分钟。',
    )
    expect(result.text.startsWith(draft.slice(0, draft.indexOf('三、实践成效')))).toBe(true)
  })

  it('keeps a Markdown draft Markdown', async () => {
    const answer: HeadedSection = { heading: '打通副产硫酸钠循环链条', paragraphs: ['园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，实现就地转化。'], subsections: [] }
    const { result } = await rewrite(markdown, '二、创新举措/（二）', '语气更正式', [{ json: answer }], 'markdown')
    expect(result.after).toBe(`### （二）打通副产硫酸钠循环链条\n\n${answer.paragraphs[0]}`)
    const start = markdown.indexOf('### （二）')
    expect(result.text.slice(0, start)).toBe(markdown.slice(0, start))
  })

  it.each([
    ['二、创新举措/（九）', 'section_not_found', 404],
    ['', 'section_not_found', 404],
  ])('rejects the unknown section “%s”', async (path, code, status) => {
    const error = await rewrite(draft, path, '压缩', []).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error).toMatchObject({ code, status })
  })

  it('asks for an instruction', async () => {
    await expect(rewrite(draft, '三、', '  ', [])).rejects.toThrowError('请说明要如何改写这一节，例如“压缩到300字以内”“补充量化数据”“语气更正式”。')
  })
})

describe('lengthFromInstruction', () => {
  it.each([
    ['压缩到300字以内', 300],
    ['控制在 500 字左右', 500],
    ['不超过200字，突出问题导向', 200],
    ['补充量化数据', undefined],
  ])('%s → %s', (instruction, n) => {
    expect(lengthFromInstruction(instruction)).toBe(n)
  })
})

describe('rewriteSectionWithLlm and a careless model: the same guarantees as a draft', () => {
  const CARELESS: HeadedSection = {
    heading: '打通副产硫酸钠循环链条，提升固废综合利用水平',
    paragraphs: ['园区引进绿源环保建设年处理12万吨硫酸钠资源化项目,副产固废就地转化，企业处置成本下降31.5%。'],
    subsections: [],
  }

  it('short name and half-width comma fixed without the model; the invented figure sent back once, then taken out when it stays', async () => {
    // The repair answer keeps the invented figure (a model that fixes half of what it is told).
    const { result, requests } = await rewrite(draft, '二、创新举措/（二）', '压缩到80字以内', [{ json: CARELESS }, { json: CARELESS }])

    expect(requests).toHaveLength(2)
    const repairPrompt = requests[1]!.messages[1]!.content
    expect(repairPrompt).toContain('自动审校在改写稿中发现下列问题，请逐条改正，其余内容保持不变：\n- 该数字在园区数据和上传材料中找不到来源：“企业处置成本下降31.5%”。')
    expect(result.after).toBe(SHORT_TEXT)
    expect(result.removed.map((r) => [r.rule, r.unit, r.text])).toEqual([['number-trace', 'clause', '，企业处置成本下降31.5%']])
    expect(result.fixesApplied).toBe(4)
    expect(result.sectionFindings).toEqual([])
    const start = draft.indexOf(SECTION_2_2)
    expect(result.text).toBe(draft.slice(0, start) + SHORT_TEXT + draft.slice(start + SECTION_2_2.length))
  })

  it('a figure the person’s own text had is theirs: kept, not sent back', async () => {
    const own = draft.replace('实现副产固废就地转化。', '实现副产固废就地转化，年节约处置费用2300万元。')
    const answer: HeadedSection = { ...SHORT, paragraphs: ['园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，年节约处置费用2300万元。'] }
    const { result, requests } = await rewrite(own, '二、创新举措/（二）', '压缩到80字以内', [{ json: answer }])
    expect(requests).toHaveLength(1)
    expect(result.removed).toEqual([])
    expect(result.after).toContain('年节约处置费用2300万元')
  })
})
