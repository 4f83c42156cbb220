import { describe, expect, it } from 'vitest'
import { applyFixes } from '../../src/check/apply-fixes.js'
import { checkReport } from '../../src/check/check-report.js'
import type { Finding } from '../../src/check/finding.js'
import type { AnyRule } from '../../src/check/rule.js'
import type { RuleSetting } from '../../src/check/rule-config.js'
import { ALL_RULES } from '../../src/check/rules/index.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseReport } from '../../src/model/parse-report.js'
import type { ParkData } from '../../src/park/park-schema.js'

/**
 * Table tests for one rule, in the manner of ESLint's RuleTester: `valid` texts give no finding of the
 * rule; each `invalid` text gives exactly the listed findings (matched on the flagged source text `span` and, when
 * given, severity and a piece of the message), and `output` is the text after applying every fix.
 */
export interface InvalidCase {
  text: string
  errors: { span: string; severity?: Finding['severity']; message?: string; suggestion?: string; section?: string }[]
  output?: string
}

export interface RuleCases {
  kind?: string
  park?: ParkData
  setting?: RuleSetting
  format?: 'text' | 'markdown'
  valid: (string | { text: string; park?: ParkData; kind?: string; format?: 'text' | 'markdown' })[]
  invalid: (InvalidCase & { park?: ParkData; kind?: string; format?: 'text' | 'markdown' })[]
}

export function runRule(rule: AnyRule, text: string, options: { kind?: string; park?: ParkData; setting?: RuleSetting; format?: 'text' | 'markdown' } = {}) {
  // A rule that is not in ALL_RULES never runs on a real draft: its own tests must not pass (rule-registry.test.ts).
  if (!ALL_RULES.includes(rule)) throw new Error(`rule ${rule.meta.id} is not registered in src/check/rules/index.ts (ALL_RULES)`)
  const doc = parseReport(text, options.format ?? 'text')
  const { findings } = checkReport({
    doc,
    kind: getKind(options.kind ?? 'innovation-green'),
    ...(options.park ? { park: options.park } : {}),
    rules: [rule],
    ...(options.setting ? { config: { [rule.meta.id]: options.setting } } : {}),
  })
  return { doc, findings: findings.filter((finding) => finding.rule === rule.meta.id) }
}

export function testRule(rule: AnyRule, cases: RuleCases): { valid: [string, () => void][]; invalid: [string, () => void][] } {
  const base = { kind: cases.kind, park: cases.park, setting: cases.setting, format: cases.format }
  return {
    valid: cases.valid.map((item) => {
      const { text, ...over } = typeof item === 'string' ? { text: item } : item
      return [text.slice(0, 40), () => expect(runRule(rule, text, { ...base, ...over }).findings.map((f) => f.message)).toEqual([])]
    }),
    invalid: cases.invalid.map(({ text, errors, output, ...over }) => [
      text.slice(0, 40),
      () => {
        const { findings } = runRule(rule, text, { ...base, ...over })
        const flagged = findings.map((f) => ({
          span: text.slice(f.start, f.end),
          ...(errors.some((e) => e.severity) ? { severity: f.severity } : {}),
        }))
        expect(flagged).toEqual(errors.map((e) => ({ span: e.span, ...(e.severity ? { severity: e.severity } : {}) })))
        errors.forEach((expected, i) => {
          if (expected.message) expect(findings[i]!.message).toContain(expected.message)
          if (expected.suggestion) expect(findings[i]!.suggestion).toContain(expected.suggestion)
          if (expected.section) expect(findings[i]!.section).toBe(expected.section)
        })
        if (output !== undefined) expect(applyFixes(text, findings.flatMap((f) => (f.fix ? [f.fix] : []))).text).toBe(output)
      },
    ]),
  }
}

/** Registers a rule table's cases as `valid` and `invalid` test groups (the assertions live in `testRule`). */
export function describeCases(table: ReturnType<typeof testRule>): void {
  describe('valid', () => table.valid.forEach(([name, fn]) => it(name, fn)))
  describe('invalid', () => table.invalid.forEach(([name, fn]) => it(name, fn)))
}
