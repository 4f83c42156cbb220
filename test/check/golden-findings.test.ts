import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatGolden, GOLDEN_DIR, goldenCases, goldenFile } from './golden-findings.js'

// Regenerate after a change that is meant to change findings: npx tsx test/check/write-golden-findings.ts
describe('every finding on the real texts and fixture drafts is the one recorded in test/check/golden', () => {
  const cases = goldenCases()

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, { findings }) => {
    expect(existsSync(goldenFile(name)), `no golden file for ${name}`).toBe(true)
    const golden = readFileSync(goldenFile(name), 'utf8')
    expect(formatGolden(await findings())).toBe(golden)
    // Again, with what the first check kept of the park (a frozen park's analysis) and of the texts (jieba's words).
    expect(formatGolden(await findings())).toBe(golden)
  })

  it('has no golden file left over from a case that no longer exists', () => {
    const names = new Set(cases.map((c) => `${c.name}.json`))
    expect(readdirSync(GOLDEN_DIR).filter((file) => !names.has(file))).toEqual([])
  })
})
