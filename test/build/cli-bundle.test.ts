import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileCommonJs } from '../../bin/cached-script.js'
import { startScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { carelessModel } from '../llm/careless-model.js'

// The CLI the bin entry runs is a bundle (scripts/build.mjs → bundleCli) whose modules read their data files, find
// their worker files and resolve their packages through a rewritten import.meta.url. Built here into a folder of its
// own beside dist/ (a direct child of the repository, as dist/ is, so `../../prompts/` and node_modules resolve the
// same), it must print what the sources print, byte for byte.
const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = mkdtempSync(join(root, 'dist-test-'))

function run(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, KINDS_DIR: '' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const bundle = join(outDir, 'bundle', 'cli.cjs')
// What bin/park-report.js does for dist/, for this build.
const launcher = join(outDir, 'park-report.js')

beforeAll(() => {
  const built = run(['scripts/build.mjs', outDir])
  expect(built.stderr).toBe('')
  expect(built.code).toBe(0)
  writeFileSync(launcher, `import { runCommonJs } from '../bin/cached-script.js'\nrunCommonJs(${JSON.stringify(bundle)})\n`)
})
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

/** Like run, without blocking this process: it must answer the scripted model's calls meanwhile. */
function runAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } })
    let stdout = ''
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()))
    child.on('close', (code) => done({ code, stdout }))
  })
}

const bundled = (args: string[]) => run([launcher, ...args])
const fromSources = (args: string[]) => run(['--import', 'tsx', 'src/cli.ts', ...args])

describe('the bundled CLI', () => {
  it('is one file with a code cache this Node accepts, and the built-in kinds validated beside the compiled registry', () => {
    expect(existsSync(join(outDir, 'kinds', 'prevalidated-kinds.json'))).toBe(true)
    expect(compileCommonJs(bundle).cachedDataRejected).toBe(false)
    expect(compileCommonJs(bundle, { useCache: false }).cachedDataRejected).toBeUndefined()
  })

  it.each([
    ['a plain-text draft with its park data', ['check', 'fixtures/drafts/nanling-green.txt', '--park', 'fixtures/parks/nanling-green.json', '--json']],
    ['a Word draft with mistakes', ['check', 'fixtures/drafts/nanling-green-mistakes.docx', '--json']],
    ['a Markdown draft, for people', ['check', 'fixtures/drafts/nanling-green.md']],
    ['the list of kinds', ['kinds']],
    ['a retrieval from the built-in policies', ['retrieve', '屋顶光伏 储能 绿色微电网', '--top', '3', '--json']],
  ])('prints what the sources print for %s', (_name, args) => {
    const expected = fromSources(args)
    const actual = bundled(args)
    expect(actual.stderr).toBe(expected.stderr)
    expect(actual.code).toBe(expected.code)
    expect(actual.stdout).toBe(expected.stdout)
    expect(actual.stdout.length).toBeGreaterThan(100)
  })

  // The bundle carries its own copy of zod while the openai package imports zod from node_modules: the JSON schema
  // the model is asked to follow (response_format, built by openai's helper from the product's schemas) must not change.
  it('asks a configured model exactly what the sources ask it, and reports the same', async () => {
    const requestsOf = async (cliArgs: string[]) => {
      const server = await startScriptedLlmServer({ fallback: carelessModel('half') })
      try {
        const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'careless-model' }
        const { code, stdout } = await runAsync([...cliArgs, 'eval-llm', '--park', 'fixtures/parks/nanling-green.json', '--json'], env)
        const { seconds: _seconds, ...report } = JSON.parse(stdout) as Record<string, unknown>
        return { code, report, requests: server.chatRequests().map((request) => request.body) }
      } finally {
        await server.close()
      }
    }
    const expected = await requestsOf(['--import', 'tsx', 'src/cli.ts'])
    const actual = await requestsOf([launcher])
    expect(actual.code).toBe(0)
    expect(actual.requests).toHaveLength(12)
    expect(actual.requests.some((body) => JSON.stringify(body).includes('json_schema'))).toBe(true)
    expect(actual.requests).toStrictEqual(expected.requests)
    expect(actual.report).toStrictEqual(expected.report)
  }, 300_000)
})
