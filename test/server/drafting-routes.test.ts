import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type AppConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import { startScriptedLlmServer, type ScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { nanlingModel } from '../llm/nanling-model.js'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park = JSON.parse(fixture('parks/nanling-green.json')) as unknown
const draft = fixture('drafts/nanling-green.txt')
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

type Finding = { rule: string; severity: string; fix?: unknown }
type DraftBody = { mode: string; text: string; findings: Finding[]; evidence: { figures: unknown[]; untraced: unknown[] }; stats: { total: number } }

function parseSse(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      return { event, data: JSON.parse(data) as unknown }
    })
}

describe('drafting and rewriting over HTTP', () => {
  let dataDir: string
  let corpus: PolicyCorpus
  let offline: Hono
  let llmServer: ScriptedLlmServer
  let withLlm: Hono

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-draft-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    corpus = await PolicyCorpus.open(config)
    offline = createApp({ config, corpus })
    llmServer = await startScriptedLlmServer({ fallback: nanlingModel() })
    const llmConfig: AppConfig = { ...config, llm: llmServer.llmConfig() }
    withLlm = createApp({ config: llmConfig, corpus })
  })
  afterAll(async () => {
    await llmServer.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('drafts offline by default, with zero errors and every figure traced', async () => {
    const response = await offline.request('/api/draft', post({ park }))
    const body = (await response.json()) as DraftBody
    expect(response.status).toBe(200)
    expect(body.mode).toBe('offline')
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(body.evidence.untraced).toEqual([])
    expect(body.text.startsWith('绿电直供降碳、能碳智管提效、智慧安监守底线')).toBe(true)
  })

  it('streams progress as server-sent events, ending with the result', async () => {
    const response = await offline.request('/api/draft', post({ park }, { accept: 'text/event-stream' }))
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = parseSse(await response.text())
    expect(events.map((e) => e.event)).toEqual(['composed', 'result'])
    expect((events[1]!.data as DraftBody).mode).toBe('offline')
  })

  it('drafts with the configured LLM (scripted server) and streams each section', async () => {
    const before = llmServer.chatRequests().length
    const response = await withLlm.request('/api/draft', post({ park }, { accept: 'text/event-stream' }))
    const events = parseSse(await response.text())
    expect(events.filter((e) => e.event === 'section')).toHaveLength(4)
    const result = events.at(-1)!
    expect(result.event).toBe('result')
    const body = result.data as DraftBody & { calls: number }
    expect(body.mode).toBe('llm')
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(llmServer.chatRequests().length - before).toBe(body.calls)
  })

  it('refuses an instruction rewrite without an LLM, in Chinese', async () => {
    const response = await offline.request('/api/rewrite', post({ text: draft, park, section: '二、创新举措/（二）', instruction: '压缩到100字以内' }))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'llm_not_configured' } })
  })

  it('applies the fixes of one section and leaves the rest byte for byte', async () => {
    const flawed = draft.replace('光伏电量优先供给正极材料企业', '光伏电量优先供给正极材料企业,').replace('实现危化品储运全过程实时监测。', '实现危化品储运全过程实时监测.')
    const response = await offline.request('/api/rewrite', post({ text: flawed, park, section: '二、创新举措/（一）', applyFixes: true }))
    const body = (await response.json()) as { text: string; before: string; after: string }
    expect(response.status).toBe(200)
    expect(body.text).toBe(flawed.replace('正极材料企业,', '正极材料企业，'))
    expect(body.after).toContain('正极材料企业，')
  })

  it('compresses a section to a 字数 target without touching the others', async () => {
    const response = await offline.request('/api/rewrite', post({ text: draft, park, section: '一、背景介绍', maxZishu: 300 }))
    const body = (await response.json()) as { text: string; note?: string }
    expect(response.status).toBe(200)
    const tail = draft.slice(draft.indexOf('二、创新举措'))
    expect(body.text.endsWith(tail)).toBe(true)
    expect(body.text.slice(0, 60)).toBe(draft.slice(0, 60))
  })

  it('rejects a rewrite that asks for two things at once', async () => {
    const response = await offline.request('/api/rewrite', post({ text: draft, park, section: '一、背景介绍', maxZishu: 300, applyFixes: true }))
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('只选择一种改写方式')
  })
})
