import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { AnyRule } from '../../src/check/rule.js'
import { ALL_RULES } from '../../src/check/rules/index.js'
import { Hono } from 'hono'
import { listRules, RULE_NAMES } from '../../src/review/rule-names.js'
import { referenceRoutes } from '../../src/server/routes/reference.js'

/**
 * The checker's rule registry against everything that must name a rule: a rule module added to src/check/rules/
 * but left out of ALL_RULES would pass its own table tests and never run on a draft; one left unnamed would show as
 * “其他” on the page and in Word comments; one missing from the README or /api/rules would be invisible to people.
 */
const rulesDir = new URL('../../src/check/rules/', import.meta.url)
const ruleFiles = readdirSync(rulesDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts')
const registeredIds = ALL_RULES.map((rule) => rule.meta.id)
/** Findings that come from the check itself (check-draft.ts, check-report.ts), named like rules. */
const CHECK_NOTES = ['kind', 'park-data']

const isRule = (value: unknown): value is AnyRule =>
  typeof value === 'object' && value !== null && 'meta' in value && 'check' in value && typeof (value as AnyRule).check === 'function'

async function ruleExports(file: string): Promise<[string, AnyRule][]> {
  const path = new URL(file, rulesDir).pathname
  const module = (await import(/* @vite-ignore */ path)) as Record<string, unknown>
  return Object.entries(module).filter((entry): entry is [string, AnyRule] => isRule(entry[1]))
}

describe('the rule registry (src/check/rules/index.ts)', () => {
  it('holds 19 rules with distinct ids, one module each, named after its id', () => {
    expect(registeredIds).toHaveLength(19)
    expect(new Set(registeredIds).size).toBe(registeredIds.length)
    expect(ruleFiles.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual([...registeredIds].sort())
  })

  it('registers the rule every module in src/check/rules/ exports', async () => {
    for (const file of ruleFiles) {
      const rules = await ruleExports(file)
      expect(rules.map(([, rule]) => rule.meta.id), file).toEqual([file.replace(/\.ts$/, '')])
      expect(ALL_RULES, `${file} exports a rule that ALL_RULES leaves out`).toContain(rules[0]![1])
    }
  })

  it('has a test file per rule that imports the rule from its module', async () => {
    for (const file of ruleFiles) {
      const id = file.replace(/\.ts$/, '')
      const [[exportName]] = (await ruleExports(file)) as [[string, AnyRule]]
      const testFile = new URL(`./${id}.test.ts`, import.meta.url)
      expect(existsSync(testFile), `test/check/${id}.test.ts`).toBe(true)
      const source = readFileSync(testFile, 'utf8')
      expect(source, `test/check/${id}.test.ts imports ${exportName}`).toMatch(new RegExp(`import \\{[^}]*\\b${exportName}\\b[^}]*\\} from '../../src/check/rules/${id}.js'`))
    }
  })

  it('names every rule in Chinese, and the two notes of the check itself; no name twice', () => {
    expect(Object.keys(RULE_NAMES).sort()).toEqual([...registeredIds, ...CHECK_NOTES].sort())
    const names = Object.values(RULE_NAMES)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/[\u4e00-\u9fff]/)
  })

  it('lists every rule in the README checker table, and nothing else', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const table = readme.slice(readme.indexOf('| rule | what it finds |'))
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2)
    expect(rows.map((row) => /^\| `([\w-]+)` \|/.exec(row)?.[1]).sort()).toEqual([...registeredIds].sort())
  })
})

describe('GET /api/rules', () => {
  it('lists every registered rule with its Chinese name and its own metadata', async () => {
    const app = new Hono().route('/api', referenceRoutes())
    const response = await app.request('/api/rules')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { rules: ReturnType<typeof listRules>; names: Record<string, string> }
    expect(body.names).toEqual(RULE_NAMES)
    expect(body.rules.map((rule) => rule.id).sort()).toEqual([...registeredIds].sort())
    expect(body.rules.find((rule) => rule.id === 'length')).toEqual({
      id: 'length',
      name: '字数',
      description: '字数：全文是否超出上限，各部分、各条目是否明显偏离模板建议的字数',
      defaultSeverity: 'warning',
      kinds: 'all',
      needsPark: false,
      needsDocx: false,
    })
    for (const { meta } of ALL_RULES) {
      expect(body.rules.find((rule) => rule.id === meta.id)).toMatchObject({ name: RULE_NAMES[meta.id], description: meta.description, defaultSeverity: meta.defaultSeverity })
    }
    // The order people read: the name table's.
    expect(body.rules.slice(0, 3).map((rule) => rule.name)).toEqual(['字数', '结构', '标题编号'])
  })

  it('is the page’s only source of rule names: the page script keeps no table of its own', () => {
    const web = new URL('../../src/server/web/', import.meta.url)
    const scripts = readdirSync(web).filter((file) => file.endsWith('.js'))
    const multiWordIds = registeredIds.filter((id) => id.includes('-'))
    for (const file of scripts) {
      const source = readFileSync(new URL(file, web), 'utf8')
      for (const id of multiWordIds) expect(source, `${file} names ${id} itself`).not.toContain(`'${id}'`)
    }
    expect(readFileSync(new URL('app.js', web), 'utf8')).toContain("api('/api/rules')")
  })
})
