import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { respondWithDraft } from '../../src/server/draft-response.js'
import { manualClock, type ManualClock } from '../helpers/manual-clock.js'
import { startScriptedLlmServer, type ScriptedLlmServer, type ScriptHandler } from '../helpers/scripted-llm-server.js'

/**
 * A streamed draft while the model keeps the page waiting: keep-alive comments go out in the meantime, a silent
 * endpoint is given up on in bounded time with a message for the person, and in 'auto' mode the offline composer
 * writes the draft instead, saying so.
 */

const park = JSON.parse(readFileSync(new URL('../../fixtures/parks/nanling-green.json', import.meta.url), 'utf8')) as ParkData
let dataDir: string
let corpus: PolicyCorpus
let llm: ScriptedLlmServer | undefined

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'park-report-stream-'))
  corpus = await PolicyCorpus.open(loadConfig({ DATA_DIR: dataDir }))
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
afterEach(async () => {
  await llm?.close()
  llm = undefined
})

/** An app with one draft route; the chat client's waits run on `clock`, which the test moves. */
async function appWith(model: ScriptHandler, mode: 'auto' | 'llm', clock: ManualClock) {
  llm = await startScriptedLlmServer({ fallback: model })
  const app = new Hono()
  const deps = {
    config: { llm: llm.llmConfig() },
    corpus,
    keepAliveMs: 50,
    chatOptions: { firstByteTimeoutMs: 60_000, timeoutMs: 180_000, baseDelayMs: 1, timers: clock },
  }
  app.post('/draft', (c) => respondWithDraft(c, { park, mode }, deps, (outcome) => ({ mode: outcome.mode, notice: outcome.notice ?? null, chars: outcome.text.length })))
  return app
}

/**
 * An endpoint that takes every request and never answers. Once `release()` is called, the clock moves 60 s on at
 * once and each time a request comes in: every wait for a first byte runs out, whatever the machine's speed.
 */
function silentEndpoint(clock: ManualClock) {
  let released = false
  const pass = () => clock.advance(60_000)
  const model: ScriptHandler = () => {
    if (released) queueMicrotask(pass)
    return { content: '{}', delayMs: 600_000 }
  }
  return {
    model,
    release() {
      if (released) return
      released = true
      pass()
    },
  }
}

const NO_ANSWER = '大模型服务接受了请求，但在60秒内没有开始回答（共尝试2次）。服务可能过载或卡住，请稍后重试，或换用其他模型服务。'

describe('a streamed draft and a silent endpoint', () => {
  it('sends keep-alive comments while waiting, then gives up with a message that says what to do', async () => {
    const clock = manualClock()
    const silent = silentEndpoint(clock)
    const app = await appWith(silent.model, 'llm', clock)
    const response = await app.request('/draft', { method: 'POST', headers: { accept: 'text/event-stream' } })
    expect(response.headers.get('content-type')).toContain('text/event-stream')

    // The endpoint is left silent until three keep-alive comments have gone out; then its waits run out.
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let body = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      body += value
      if ((body.match(/^: 仍在撰写$/gm)?.length ?? 0) >= 3) silent.release()
    }

    expect(body.match(/^: 仍在撰写$/gm)?.length ?? 0).toBeGreaterThanOrEqual(3)
    const error = /event: error\ndata: (.*)\n/.exec(body)?.[1]
    expect(JSON.parse(error!)).toEqual({ error: { code: 'llm_timeout', message: NO_ANSWER } })
    // At most two waits for each parallel call: the draft gave up, it did not wait on.
    expect(llm!.chatRequests().length).toBeLessThanOrEqual(8)
  })

  it('in auto mode, the offline composer writes the draft and the outcome says why', async () => {
    const clock = manualClock()
    const silent = silentEndpoint(clock)
    silent.release()
    const app = await appWith(silent.model, 'auto', clock)
    const response = await app.request('/draft', { method: 'POST' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { mode: string; notice: string; chars: number }
    expect(body.mode).toBe('offline')
    expect(body.notice).toBe(`${NO_ANSWER}本次已改用离线撰写生成初稿；大模型服务恢复后可重新生成。`)
    expect(body.chars).toBeGreaterThan(1000)
  })
})
