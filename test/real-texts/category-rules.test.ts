import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALL_RULES } from '../../src/check/rules/index.js'
import { CATEGORY_RULES, CATEGORY_RULES_FILE, CategoryRulesFileSchema, MARK_CATEGORIES, PLANNED_RULES } from './expected-schema.js'

// The category → rules table decides which findings count for which marks: a misspelt rule id there would make a
// category score 0 without anyone noticing, so the table is checked against the checker's own registry.
describe('category → rules table (test/real-texts/category-rules.json)', () => {
  const known = new Set([...ALL_RULES.map((rule) => rule.meta.id), ...PLANNED_RULES])

  it('names every mark category, and only those', () => {
    expect(Object.keys(CATEGORY_RULES).sort()).toEqual([...MARK_CATEGORIES].sort())
  })

  it.each(MARK_CATEGORIES.map((category) => [category]))('%s maps to rule ids the checker has or issue 12 plans', (category) => {
    const rules = CATEGORY_RULES[category]
    expect(rules.length).toBeGreaterThan(0)
    expect(rules.filter((rule) => !known.has(rule))).toEqual([])
  })

  it('planned rule ids are not the ids of existing rules under another spelling', () => {
    const existing = ALL_RULES.map((rule) => rule.meta.id)
    for (const planned of PLANNED_RULES) expect(existing.filter((id) => id !== planned && id.replace(/-/g, '') === planned.replace(/-/g, ''))).toEqual([])
  })

  it('rejects a table that misses a category or names an unknown one', () => {
    const file = JSON.parse(readFileSync(CATEGORY_RULES_FILE, 'utf8')) as { categories: Record<string, string[]> }
    const { vague: _dropped, ...withoutVague } = file.categories
    expect(CategoryRulesFileSchema.safeParse({ ...file, categories: withoutVague }).success).toBe(false)
    expect(CategoryRulesFileSchema.safeParse({ ...file, categories: { ...file.categories, spelling: ['typo'] } }).success).toBe(false)
    expect(CategoryRulesFileSchema.safeParse(file).success).toBe(true)
  })
})
