import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileCommonJs } from '../../bin/cached-script.js'
import { startScriptedLlmServer } from '../helpers/scripted-llm-server.js'
import { carelessModel } from '../llm/careless-model.js'

// The CLI the bin entry runs is a bundle (scripts/build.mjs → bundleCli) whose modules read their data files, find
// their worker files and resolve their packages through a rewritten import.meta.url. Built here into a folder of its
// own beside dist/ (a direct child of the repository, as dist/ is, so `../../prompts/` and node_modules resolve the
// same), it must print what the sources print, byte for byte; and so must the start-up snapshot built from it
// (scripts/cli-snapshot.mjs), which bin/park-report.js starts node from.
const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = mkdtempSync(join(root, 'dist-test-'))

function run(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, KINDS_DIR: '' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const bundle = join(outDir, 'bundle', 'cli.cjs')
const snapshot = join(outDir, 'bundle', 'cli.blob')
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
const fromSnapshot = (args: string[]) => run(['--snapshot-blob', snapshot, ...args])
const fromSources = (args: string[]) => run(['--import', 'tsx', 'src/cli.ts', ...args])

describe('the bundled CLI', () => {
  it('is one file with a code cache this Node accepts, and the built-in kinds validated beside the compiled registry', () => {
    expect(existsSync(join(outDir, 'kinds', 'prevalidated-kinds.json'))).toBe(true)
    expect(compileCommonJs(bundle).cachedDataRejected).toBe(false)
    expect(compileCommonJs(bundle, { useCache: false }).cachedDataRejected).toBeUndefined()
    expect(existsSync(snapshot)).toBe(true)
    expect(readFileSync(`${snapshot}.node`, 'utf8')).toBe(`${process.execPath}\n`)
  })

  it.each([
    ['a plain-text draft with its park data', ['check', 'fixtures/drafts/nanling-green.txt', '--park', 'fixtures/parks/nanling-green.json', '--json']],
    ['a Word draft with mistakes', ['check', 'fixtures/drafts/nanling-green-mistakes.docx', '--json']],
    ['a Markdown draft, for people', ['check', 'fixtures/drafts/nanling-green.md']],
    ['the list of kinds', ['kinds']],
    ['a retrieval from the built-in policies', ['retrieve', '屋顶光伏 储能 绿色微电网', '--top', '3', '--json']],
  ])('prints what the sources print for %s, from the bundle and from its snapshot', (_name, args) => {
    const expected = fromSources(args)
    for (const actual of [bundled(args), fromSnapshot(args)]) {
      expect(actual.stderr).toBe(expected.stderr)
      expect(actual.code).toBe(expected.code)
      expect(actual.stdout).toBe(expected.stdout)
      expect(actual.stdout.length).toBeGreaterThan(100)
    }
  })

  // The snapshot's modules were evaluated without KINDS_DIR, whose kinds are registered while they are: with it set,
  // the snapshot runs the plain bundle, which checks against the 2027 kind of fixtures/kinds as the sources do (a kind
  // the snapshot does not know).
  it('checks against a kind of KINDS_DIR from the snapshot as the sources do', () => {
    const kindsDir = mkdtempSync(join(tmpdir(), 'park-report-kinds-'))
    try {
      copyFileSync(join(root, 'fixtures/kinds/innovation-green-2027.json'), join(kindsDir, 'innovation-green-2027.json'))
      const args = ['check', 'fixtures/drafts/nanling-green.md', '--kind', 'innovation-green-2027', '--json']
      const withKindsDir = (node: string[]) => spawnSync(process.execPath, [...node, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, KINDS_DIR: kindsDir } })
      const expected = withKindsDir(['--import', 'tsx', 'src/cli.ts'])
      const actual = withKindsDir(['--snapshot-blob', snapshot])
      expect(JSON.parse(expected.stdout).kind).toBe('innovation-green-2027')
      expect(actual.stderr).toBe(expected.stderr)
      expect(actual.stdout).toBe(expected.stdout)
      expect(actual.status).toBe(expected.status)
    } finally {
      rmSync(kindsDir, { recursive: true, force: true })
    }
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
    // The snapshot holds `check` only: it runs the plain bundle for this command line.
    for (const actual of [await requestsOf([launcher]), await requestsOf(['--snapshot-blob', snapshot])]) {
      expect(actual.code).toBe(0)
      expect(actual.requests).toHaveLength(12)
      expect(actual.requests.some((body) => JSON.stringify(body).includes('json_schema'))).toBe(true)
      expect(actual.requests).toStrictEqual(expected.requests)
      expect(actual.report).toStrictEqual(expected.report)
    }
  }, 300_000)
})

// bin/park-report.js as npm links it: a package folder of its own (its launcher and dist/, with the sources it was built
// from), run through a symbolic link from another folder. The shell half of the launcher starts node from the snapshot
// when the snapshot is current; `sh -x` shows the command it runs.
describe('the bin entry', () => {
  const packageDir = mkdtempSync(join(root, 'dist-test-package-'))
  const linkDir = mkdtempSync(join(tmpdir(), 'park-report-bin-'))
  const link = join(linkDir, 'park-report')
  const stamp = `${snapshot}.node`

  beforeAll(() => {
    mkdirSync(join(packageDir, 'bin'))
    for (const file of ['park-report.js', 'cached-script.js']) copyFileSync(join(root, 'bin', file), join(packageDir, 'bin', file))
    for (const dir of ['src', 'scripts']) symlinkSync(join(root, dir), join(packageDir, dir))
    symlinkSync(outDir, join(packageDir, 'dist'))
    symlinkSync(join(packageDir, 'bin', 'park-report.js'), link)
  })
  afterAll(() => {
    rmSync(packageDir, { recursive: true, force: true })
    rmSync(linkDir, { recursive: true, force: true })
  })

  /** Runs the bin link with `args` from linkDir; `started` is the command the launcher's shell ran (exec). */
  function runLink(args: string[]) {
    const result = spawnSync('sh', ['-x', link, ...args], { cwd: linkDir, encoding: 'utf8', env: { ...process.env, KINDS_DIR: '' } })
    const started = /^\+ exec (.*)$/m.exec(result.stderr)?.[1] ?? ''
    const stderr = result.stderr.replace(/^\+.*\n/gm, '')
    return { code: result.status, stdout: result.stdout, stderr, started }
  }

  it('starts node from the snapshot for a check when it is current, and prints what the sources print', () => {
    const draft = join(root, 'fixtures/drafts/nanling-green.md')
    const expected = fromSources(['check', draft])
    const actual = runLink(['check', draft])
    expect(actual.started).toBe(`${readFileSync(stamp, 'utf8').trim()} --snapshot-blob ${packageDir}/bin/../dist/bundle/cli.blob check ${draft}`)
    expect(actual.stdout).toBe(expected.stdout)
    expect(actual.stderr).toBe(expected.stderr)
    expect(actual.code).toBe(expected.code)
    // Other commands are not in the snapshot.
    expect(runLink(['kinds']).started).toBe(`node ${packageDir}/bin/park-report.js kinds`)
  })

  // Another node cannot read the snapshot (it exits with 14): after a change of node the launcher runs the bundle, and
  // builds the snapshot again for the new node, which the next start uses.
  it('runs the bundle when another node built the snapshot, and builds it again for this one', () => {
    writeFileSync(stamp, '/opt/another-node/bin/node\n')
    const draft = join(root, 'fixtures/drafts/nanling-green.md')
    const expected = fromSources(['check', draft])
    const fallback = runLink(['check', draft])
    expect(fallback.started).toBe(`node ${packageDir}/bin/park-report.js check ${draft}`)
    expect(fallback.stdout).toBe(expected.stdout)
    expect(fallback.stderr).toBe(expected.stderr)
    expect(fallback.code).toBe(expected.code)
    expect(readFileSync(stamp, 'utf8')).toBe(`${process.execPath}\n`)
    expect(runLink(['check', draft]).started).toContain('--snapshot-blob')
  }, 120_000)
})
