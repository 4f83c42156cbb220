/**
 * The golden findings: every text the project holds that was not written for one rule's unit test — the real texts of
 * fixtures/real (dev, dev2, planted; the held-out sets stay out), the fixture drafts (.txt, .md, .docx) with and without their park data, and
 * the 3,000-字 draft the bench times — checked the way a user checks them, with every finding written out in full.
 *
 * Why: the checker is made faster by sharing work between rules (one analysis per check, precompiled matchers). Such a
 * change must not move a single finding; comparing with findings recorded before it proves that it did not.
 *
 * A change that is meant to change findings (a rule that finds more or less) regenerates the files in the same commit:
 *     npx tsx test/check/write-golden-findings.ts
 * and its `git diff test/check/golden` is the change's visible effect on real texts, to read before committing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { draftOfAbout3000Zishu } from '../../bench/check.js'
import { checkDraft } from '../../src/check/check-draft.js'
import { freezeForChecks } from '../../src/check/check-memo.js'
import type { Finding } from '../../src/check/finding.js'
import { loadDraft, parseDraftText, type LoadedDraft } from '../../src/model/load-draft.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { parseParkJson } from '../../src/park/read-park.js'
import { loadPark } from '../real-texts/evaluate.js'
import { SETS, loadRealTexts } from '../real-texts/load-real-texts.js'

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden')
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures')

export interface GoldenCase {
  /** File name of the case's golden file (no extension). */
  name: string
  findings: () => Promise<Finding[]>
}

// Park data frozen as the server holds it (valid-parks.ts): what the checker derives from it is kept across checks,
// so a case checked twice, and every case after the first with the same park, reads it from there.
const parks = new Map<string, ParkData>()
function parkFixture(name: string): ParkData {
  let park = parks.get(name)
  if (!park) {
    park = freezeForChecks(parseParkJson(readFileSync(join(FIXTURES, 'parks', `${name}.json`), 'utf8')))
    parks.set(name, park)
  }
  return park
}

function checked(draft: () => Promise<LoadedDraft> | LoadedDraft, options: { kindId?: string; park?: ParkData }) {
  return async () => checkDraft(await draft(), options).findings
}

// The held-out sets stay out: a golden diff would show their findings to whoever changes a rule, and a rule tuned
// while reading them would make their recall meaningless as a measure of texts the checker has never seen.
const GOLDEN_SETS = SETS.filter((set) => !set.startsWith('holdout'))

function realTextCases(): GoldenCase[] {
  return loadRealTexts(GOLDEN_SETS).flatMap((text) => {
    const kindId = text.expected.kind ?? undefined
    const loaded = loadPark(text)
    const park = loaded && freezeForChecks(loaded)
    const name = `real-${text.set}-${basename(text.name, '.txt')}`
    const draft = () => ({ doc: parseDraftText(text.body) })
    const cases: GoldenCase[] = [{ name, findings: checked(draft, { ...(kindId ? { kindId } : {}), ...(park ? { park } : {}) }) }]
    // A planted draft is also checked as a user who gave no park data would.
    if (park) cases.push({ name: `${name}-no-park`, findings: checked(draft, kindId ? { kindId } : {}) })
    return cases
  })
}

function fixtureDraftCases(): GoldenCase[] {
  const file = (name: string) => join(FIXTURES, 'drafts', name)
  const load = (name: string) => () => loadDraft(name, readFileSync(file(name)))
  const cases: GoldenCase[] = []
  for (const name of readdirSync(join(FIXTURES, 'drafts')).filter((f) => /\.(txt|md|docx)$/.test(f)).sort()) {
    const parkName = name.replace(/(-mistakes|-styles|-template)?\.(txt|md|docx)$/, '')
    cases.push({ name: `draft-${name}`, findings: checked(load(name), { park: parkFixture(parkName) }) })
    cases.push({ name: `draft-${name}-no-park`, findings: checked(load(name), {}) })
  }
  // Against another park's data: the “wrong park” error, and no fix that writes that park's figures.
  cases.push({ name: 'draft-nanling-green.txt-lingjiang-park', findings: checked(load('nanling-green.txt'), { park: parkFixture('lingjiang-green') }) })
  // The draft the bench times.
  cases.push({
    name: 'bench-3000-zishu',
    findings: checked(() => ({ doc: parseDraftText(draftOfAbout3000Zishu()) }), { kindId: 'innovation-green', park: parkFixture('nanling-green') }),
  })
  return cases
}

export const goldenCases = (): GoldenCase[] => [...realTextCases(), ...fixtureDraftCases()]

/** One finding per line: a changed finding shows as one changed line in a diff. */
export function formatGolden(findings: readonly Finding[]): string {
  return `[\n${findings.map((finding) => JSON.stringify(finding)).join(',\n')}\n]\n`
}

export const goldenFile = (name: string) => join(GOLDEN_DIR, `${name}.json`)
