import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALL_RULES } from '../../src/check/rules/index.js'
import { RULE_NAMES } from '../../src/review/rule-names.js'

/** The Chinese rule names of a Word comment and of the web page (a browser script, which keeps its own copy). */
describe('RULE_NAMES', () => {
  it('names every rule of the checker, the kind assumption and the park-data notes (check-draft.ts, check-report.ts)', () => {
    expect(Object.keys(RULE_NAMES).sort()).toEqual([...ALL_RULES.map((rule) => rule.meta.id), 'kind', 'park-data'].sort())
  })

  it('is the same table the web page shows', () => {
    const page = readFileSync(new URL('../../src/server/web/review.js', import.meta.url), 'utf8')
    const literal = /export const RULE_NAMES = (\{[^}]*\})/.exec(page)![1]!
    const pageNames = Object.fromEntries([...literal.matchAll(/^\s*'?([\w-]+)'?: '([^']*)',?$/gm)].map((m) => [m[1], m[2]]))
    expect(pageNames).toEqual(RULE_NAMES)
  })
})
