import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { applyFixes } from '../../src/check/apply-fixes.js'
import { checkDraft } from '../../src/check/check-draft.js'
import { loadDraft } from '../../src/model/load-draft.js'
import { readParkFile } from '../../src/park/read-park.js'
import { annotateDocx } from '../../src/review/annotate-docx.js'
import { FIXED_TEXT, handCraftedDraft, styledWordDraft } from './word-drafts.js'

/**
 * What a person does with the annotated file, done by LibreOffice (scripts/docx-revisions.sh runs 接受所有修订 or
 * 拒绝所有修订 through a Basic macro): accepting every change gives the fixed text, rejecting every change gives the
 * person's own text back, and LibreOffice reads every comment. Slow (LibreOffice takes ~20 s to start here), so one start for all.
 */

const run = promisify(execFile)
const park = await readParkFile('fixtures/parks/nanling-green.json')
const dir = await mkdtemp(join(tmpdir(), 'park-report-revisions-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

async function annotated(name: string, data: Uint8Array) {
  const draft = await loadDraft(`${name}.docx`, data)
  const { findings } = checkDraft(draft, { park })
  const result = annotateDocx(data, findings, { checkedText: draft.doc.source })
  const path = join(dir, `${name}-reviewed.docx`)
  await writeFile(path, result.data)
  const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []))
  return { path, source: draft.doc.source, fixed: applyFixes(draft.doc.source, fixes).text, comments: result.comments }
}

/** `textOnly`: no .docx out, comments counted and removed first (see scripts/docx-revisions.sh for why). */
type Job = { mode: 'accept' | 'reject'; input: string; name: string; textOnly?: boolean }

/** All jobs in one LibreOffice start. */
async function revisions(jobs: readonly Job[]) {
  const args = jobs.flatMap((job) => [job.mode, job.input, join(dir, `${job.name}.txt`), job.textOnly ? '-' : join(dir, `${job.name}.docx`)])
  const { stdout } = await run('scripts/docx-revisions.sh', args, { timeout: 170_000 })
  return Promise.all(
    jobs.map(async (job) => {
      const draft = job.textOnly ? undefined : await loadDraft(`${job.name}.docx`, await readFile(join(dir, `${job.name}.docx`)))
      const text = (await readFile(join(dir, `${job.name}.txt`), 'utf8')).replace(/^\uFEFF/, '').replace(/\n+$/, '')
      return { text, source: draft?.doc.source, comments: Number(new RegExp(`${job.name}\\.txt comments: (\\d+)`).exec(stdout)?.[1]) }
    }),
  )
}

describe('the annotated .docx in LibreOffice', () => {
  it('accepting all changes gives the fixed text and rejecting them the original; every comment is read', { timeout: 180_000 }, async () => {
    const styled = await annotated('styled', await styledWordDraft())
    const hand = await annotated('hand', handCraftedDraft())
    const [styledAccepted, styledRejected, handAccepted] = await revisions([
      { mode: 'accept', input: styled.path, name: 'styled-accepted' },
      { mode: 'reject', input: styled.path, name: 'styled-rejected' },
      { mode: 'accept', input: hand.path, name: 'hand-accepted', textOnly: true },
    ])
    expect(styledAccepted!.source).toBe(styled.fixed)
    expect(styledRejected!.source).toBe(styled.source)
    // The colleague's comment on the title, and ours.
    expect(styledAccepted!.comments).toBe(styled.comments + 1)
    // The hand-made draft has no table or list: LibreOffice's plain text is the report itself, with a colleague's
    // own tracked insertions accepted too (their deletions were of text that is not in the report).
    expect(handAccepted!.text).toBe(FIXED_TEXT)
    expect(hand.fixed).toBe(FIXED_TEXT)
    expect(handAccepted!.comments).toBe(hand.comments)
  })
})
