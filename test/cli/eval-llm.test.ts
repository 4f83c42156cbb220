import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startScriptedLlmServer, type ScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { carelessModel } from '../llm/careless-model.js'

// `eval-llm` as a user runs it, against a scripted endpoint (the CLI is a separate process: spawned, not spawnSync,
// so this process can answer its calls).
const root = new URL('../../', import.meta.url).pathname
const dataDir = mkdtempSync(join(tmpdir(), 'park-report-eval-llm-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
let server: ScriptedLlmServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('eval-llm', () => {
  it('drafts a park with the configured model and reports calls, tokens, errors left, figures removed and parts failed', async () => {
    server = await startScriptedLlmServer({ fallback: carelessModel('half') })
    const { code, stdout } = await cli(['eval-llm', '--park', 'fixtures/parks/nanling-green.json', '--json'], {
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: 'sk-test',
      LLM_MODEL: 'careless-model',
    })
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as Record<string, unknown>
    expect(run).toMatchObject({ park: '南岭经济技术开发区', calls: 12, errors: 0, figuresRemoved: 3, otherRemoved: 1, sectionsFailed: 0 })
    expect(run.promptTokens).toBe(server.chatRequests().reduce((sum, r) => sum + r.messages.reduce((s, m) => s + [...m.content].length + 4, 0), 0))
  }, 300_000)

  it('says in Chinese that no model is configured, with exit code 2', async () => {
    const { code, stderr } = await cli(['eval-llm'], { OPENAI_BASE_URL: '', OPENAI_API_KEY: '' })
    expect(code).toBe(2)
    expect(stderr).toContain('未配置大模型服务')
  }, 300_000)
})
