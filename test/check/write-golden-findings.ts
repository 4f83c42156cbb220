/**
 * Rewrites test/check/golden/*.json from the current checker (see golden-findings.ts for when and why):
 *     npx tsx test/check/write-golden-findings.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatGolden, GOLDEN_DIR, goldenCases, goldenFile } from './golden-findings.js'

mkdirSync(GOLDEN_DIR, { recursive: true })
for (const file of readdirSync(GOLDEN_DIR)) rmSync(join(GOLDEN_DIR, file))
const cases = goldenCases()
for (const { name, findings } of cases) writeFileSync(goldenFile(name), formatGolden(await findings()))
console.log(`${cases.length} golden files written to ${GOLDEN_DIR}`)
