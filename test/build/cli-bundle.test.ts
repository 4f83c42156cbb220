import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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

beforeAll(() => {
  const built = run(['scripts/build.mjs', outDir])
  expect(built.stderr).toBe('')
  expect(built.code).toBe(0)
})
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const bundled = (args: string[]) => run([join(outDir, 'bundle', 'cli.js'), ...args])
const fromSources = (args: string[]) => run(['--import', 'tsx', 'src/cli.ts', ...args])

describe('the bundled CLI', () => {
  it('is one entry file with the built-in kinds validated beside the compiled registry', () => {
    expect(existsSync(join(outDir, 'bundle', 'cli.js'))).toBe(true)
    expect(existsSync(join(outDir, 'kinds', 'prevalidated-kinds.json'))).toBe(true)
    expect(readdirSync(join(outDir, 'bundle')).filter((name) => name.endsWith('.js')).length).toBeGreaterThan(1)
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
})
