import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { checkDraft } from '../../src/check/check-draft.js'
import type { Finding } from '../../src/check/finding.js'
import { parseDraftText } from '../../src/model/load-draft.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { parseParkJson } from '../../src/park/read-park.js'
import { CATEGORY_RULES, MARK_CATEGORIES, needsData, type MarkCategory } from './expected-schema.js'
import { REAL_TEXTS_DIR, type RealText, type ResolvedMark, type Span } from './load-real-texts.js'

/**
 * Runs the real checker on one real text the way a user does (the CLI's `checkDraft`, no park data unless the
 * expected file names one, the editor's kind or — when no kind fits — the checker's own guess) and scores its
 * error and warning findings against the editor's marks.
 *
 * - A span mark is found when a finding of one of its category's rules (CATEGORY_RULES) overlaps it; `foundByAny`
 *   also accepts a finding of another rule that points at that place (overlaps it and is not much longer: a
 *   finding spanning a whole section does not point at a typo inside it).
 * - A document mark is found by any finding of its category's rules.
 * - A finding is `true` when it overlaps a mark of a category its rule answers for (or its rule answers a document
 *   mark), `other-mark` when it points at a mark of another category (a real problem under another name), a false
 *   alarm (`leave-alone`) when it overlaps a leaveAlone span, and `unmarked` otherwise — the editor marked every
 *   instance, so for precision an unmarked finding counts against the checker too.
 */

export type Verdict = 'true' | 'other-mark' | 'leave-alone' | 'unmarked'

export interface ScoredMark {
  mark: ResolvedMark
  found: boolean
  foundByAny: boolean
  by: string[]
}

export interface ScoredFinding {
  finding: Finding
  verdict: Verdict
}

export interface TextScore {
  text: RealText
  /** Whether the check had the park data (planted drafts only: real texts have none). */
  withData: boolean
  kind: string
  marks: ScoredMark[]
  findings: ScoredFinding[]
}

/** Ranges overlap; a zero-width finding (a place between characters) overlaps a range it touches. */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end) return b.start <= a.start && a.start <= b.end
  if (b.start === b.end) return a.start <= b.start && b.start <= a.end
  return a.start < b.end && b.start < a.end
}

/** A finding points at a span when it overlaps it and is at most about twice as long. */
const pointsAt = (finding: Span, span: Span) => overlaps(finding, span) && finding.end - finding.start <= 2 * (span.end - span.start) + 20

const answers = (rule: string, category: MarkCategory) => CATEGORY_RULES[category].includes(rule)

const alarming = (finding: Finding) => finding.severity === 'error' || finding.severity === 'warning'

export function loadPark(text: RealText): ParkData | undefined {
  return text.expected.park ? parseParkJson(readFileSync(join(REAL_TEXTS_DIR, dirname(text.name), text.expected.park), 'utf8')) : undefined
}

/**
 * `withData: false` checks a planted draft as a user who typed no park data would: its park file is not given and
 * the marks only the data can reveal (needsData) leave the recall count. Real texts have no park file either way.
 */
export function scoreText(text: RealText, { withData = true }: { withData?: boolean } = {}): TextScore {
  const park = withData ? loadPark(text) : undefined
  const result = checkDraft(
    { doc: parseDraftText(text.body) },
    { ...(text.expected.kind ? { kindId: text.expected.kind } : {}), ...(park ? { park } : {}) },
  )
  const findings = result.findings.filter(alarming)
  const marks = text.marks.filter((mark) => park || !needsData(mark)).map((mark): ScoredMark => {
    const span = mark.span
    const by = findings.filter((finding) => answers(finding.rule, mark.category) && (!span || overlaps(finding, span)))
    const at = span ? findings.filter((finding) => pointsAt(finding, span)) : []
    return { mark, found: by.length > 0, foundByAny: by.length > 0 || at.length > 0, by: [...new Set((by.length ? by : at).map((f) => f.rule))] }
  })
  const documentRules = new Set(text.marks.filter((mark) => !mark.span).flatMap((mark) => CATEGORY_RULES[mark.category]))
  const scored = findings.map((finding): ScoredFinding => {
    if (text.marks.some((mark) => mark.span && answers(finding.rule, mark.category) && overlaps(finding, mark.span))) return { finding, verdict: 'true' }
    if (documentRules.has(finding.rule)) return { finding, verdict: 'true' }
    if (text.leaveAlone.some((span) => overlaps(finding, span))) return { finding, verdict: 'leave-alone' }
    if (text.marks.some((mark) => mark.span && pointsAt(finding, mark.span))) return { finding, verdict: 'other-mark' }
    return { finding, verdict: 'unmarked' }
  })
  return { text, withData: Boolean(park), kind: result.kind, marks, findings: scored }
}

export interface Tally {
  marks: number
  found: number
  foundByAny: number
}

export interface RuleTally {
  findings: number
  true: number
  otherMark: number
  leaveAlone: number
  unmarked: number
}

export interface SetSummary {
  texts: number
  byCategory: Map<MarkCategory, Tally>
  byRule: Map<string, RuleTally>
  total: Tally & RuleTally
}

const VERDICT_KEYS = { true: 'true', 'other-mark': 'otherMark', 'leave-alone': 'leaveAlone', unmarked: 'unmarked' } as const

export function summarize(scores: readonly TextScore[]): SetSummary {
  const byCategory = new Map<MarkCategory, Tally>(MARK_CATEGORIES.map((c) => [c, { marks: 0, found: 0, foundByAny: 0 }]))
  const byRule = new Map<string, RuleTally>()
  const total = { marks: 0, found: 0, foundByAny: 0, findings: 0, true: 0, otherMark: 0, leaveAlone: 0, unmarked: 0 }
  for (const score of scores) {
    for (const { mark, found, foundByAny } of score.marks) {
      const tally = byCategory.get(mark.category)!
      tally.marks++
      total.marks++
      if (found) {
        tally.found++
        total.found++
      }
      if (foundByAny) {
        tally.foundByAny++
        total.foundByAny++
      }
    }
    for (const { finding, verdict } of score.findings) {
      const tally = byRule.get(finding.rule) ?? { findings: 0, true: 0, otherMark: 0, leaveAlone: 0, unmarked: 0 }
      byRule.set(finding.rule, tally)
      tally.findings++
      total.findings++
      const key = VERDICT_KEYS[verdict]
      tally[key]++
      total[key]++
    }
  }
  return { texts: scores.length, byCategory, byRule, total }
}
