import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readmeDraftBlock, readmeDraftIn } from '../../scripts/readme-draft.js'

describe('the offline draft the README shows', () => {
  it('is what the composer writes for the shared example park today (regenerate: npx tsx scripts/readme-draft.ts --write)', async () => {
    const root = new URL('../../', import.meta.url)
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    expect(readmeDraftIn(readme)).toBe(await readmeDraftBlock(root))
  })
})
