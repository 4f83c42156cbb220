import { checkReport } from '../check/check-report.js'
import { focusRule, industryVocabulary, mentionsIn, type IndustryVocabulary } from '../check/rules/focus.js'
import { textBlocks } from '../check/text-blocks.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import { parseReport } from '../model/parse-report.js'
import type { ParkData } from '../park/park-schema.js'
import { traceFigures, type FigureRef } from './evidence.js'
import { CLOSERS, OPENERS } from './prose.js'

/**
 * 000/001 填写要求2 (全篇内容聚焦1个主导产业) for the offline composer. The park's own notes mention its other lead
 * industries in passing (“平台同时向园区航空零部件企业开放”, “航空零部件企业同步纳入”), and the composer copies notes
 * word for word; so after composing, the checker's own rule `focus` reads the text, and each clause it reports as an
 * error is taken out of its paragraph (dropClauses). What the composer writes is then what the rule accepts, by
 * construction: the two share one judgment instead of two that drift apart.
 *
 * Not taken out: headings and the title (never cut), the only clause of a paragraph (left as it is), and a clause with
 * a figure the evidence map needs (an indicator, fact or derived figure) unless that figure is about the other
 * industry — its label names that industry (接入协同研制云平台的航空配套企业), or it counts the mention the rule
 * reported (14家航空配套企业). Those stay, and the checker reports them, for a person to decide.
 */

/** Rounds of check and cut: a cut can leave a mention the rule judges differently (its sentence lost the focus). */
const MAX_ROUNDS = 2

export function withoutOffFocusClauses(text: string, park: ParkData, kind: KindSpec, refs: readonly FigureRef[]): string {
  const vocabulary = industryVocabulary(park)
  let out = text
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const doc = parseReport(out)
    const reported = checkReport({ doc, kind, park, rules: [focusRule] }).findings.filter((f) => f.severity === 'error')
    if (!reported.length) break
    let next = out
    // From the last block to the first, so that the offsets of the earlier ones stay valid.
    for (const block of [...textBlocks(doc)].reverse()) {
      if (block.role !== 'paragraph' && block.role !== 'abstract') continue
      if (out.slice(block.start, block.end) !== block.text) continue
      const mentions = reported
        .filter((f) => f.start >= block.start && f.start < block.end)
        .map((f) => ({ start: f.start - block.start, end: f.end - block.start }))
      if (!mentions.length) continue
      const keep = (clause: string, at: number) => needsClause(clause, at, mentions, park, refs, vocabulary)
      const cut = dropClauses(block.text, mentions.map((m) => m.start), (clause, at) => !keep(clause, at))
      next = next.slice(0, block.start) + cut + next.slice(block.end)
    }
    if (next === out) break
    out = next
  }
  return out
}

/**
 * Whether a reported clause carries a figure the evidence map needs that is not about the other industry: a number
 * traced to an indicator, a fact or a derived figure (a number merely written in a note is not evidence), whose label
 * does not name another lead industry and which does not count the reported mention (“14家航空配套企业”).
 */
function needsClause(
  clause: string,
  at: number,
  mentions: readonly { start: number; end: number }[],
  park: ParkData,
  refs: readonly FigureRef[],
  vocabulary: IndustryVocabulary,
): boolean {
  const aboutOther = (label: string) => {
    const named = mentionsIn(label, vocabulary)
    return named.some((m) => !m.focus) && !named.some((m) => m.focus)
  }
  const inClause = mentions.filter((m) => m.start >= at && m.start < at + clause.length).map((m) => m.start - at)
  const counts = (raw: string) => inClause.some((start) => [raw, `${raw}的`].some((words) => clause.slice(0, start).endsWith(words)))
  return traceFigures(clause, park, refs).figures.some((f) => f.source !== 'text' && !aboutOther(f.label) && !counts(f.raw))
}

interface Piece {
  clause: string
  /** The mark after the clause: ，；。！？, or '' at the end of the paragraph. */
  mark: string
  start: number
}

const CLAUSE_MARKS = '，；。！？'

/** Top-level clauses with the mark after each (marks inside brackets and quotations do not end a clause). */
function piecesOf(text: string): Piece[] {
  const out: Piece[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!
    if (OPENERS.includes(ch)) depth += 1
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && CLAUSE_MARKS.includes(ch)) {
      out.push({ clause: text.slice(start, i), mark: ch, start })
      start = i + 1
    }
  }
  if (start < text.length) out.push({ clause: text.slice(start), mark: '', start })
  return out
}

// How strongly a mark ends what comes before it: a clause taken out leaves the stronger of its mark and the one before.
const MARK_STRENGTH: Readonly<Record<string, number>> = { '，': 1, '；': 2, '。': 3, '！': 3, '？': 3, '': 4 }
const endsSentence = (mark: string) => (MARK_STRENGTH[mark] ?? 0) >= 3
// The change the composer writes after a before/after figure (，下降16.7%; ，提高22.3个百分点): it goes with that figure.
const ADDED_CHANGE = /^(?:提高|提升|下降|降低|缩短|减少|压减|增长|扩大|延长)\d/u

/**
 * `paragraph` without the clauses (between ，；。) at the `flagged` offsets that `deletable` allows, well punctuated:
 * a first clause goes with the mark after it, any other with the mark before it, the stronger of the two marks staying
 * (“A；B，C。” without B is “A；C。”, without C “A；B。”); a sentence without clauses left goes whole. The change the
 * composer added after a figure goes with it. The only clause of a paragraph, or all of them, are not taken out: the
 * paragraph is then returned as it is.
 */
export function dropClauses(paragraph: string, flagged: readonly number[], deletable: (clause: string, start: number) => boolean = () => true): string {
  const pieces = piecesOf(paragraph)
  const out = new Set<number>()
  pieces.forEach((piece, i) => {
    const end = piece.start + piece.clause.length
    if (!flagged.some((at) => at >= piece.start && at < end) || !deletable(piece.clause, piece.start)) return
    out.add(i)
    const next = pieces[i + 1]
    if (next && piece.mark === '，' && ADDED_CHANGE.test(next.clause.trim())) out.add(i + 1)
  })
  if (!out.size || out.size === pieces.length) return paragraph

  let text = ''
  let sentence: Piece[] = []
  const flush = () => {
    text += sentence.map((p) => p.clause + p.mark).join('')
    sentence = []
  }
  pieces.forEach((piece, i) => {
    if (!out.has(i)) sentence.push({ ...piece })
    else {
      const before = sentence.at(-1)
      if (before && (MARK_STRENGTH[piece.mark] ?? 0) > (MARK_STRENGTH[before.mark] ?? 0)) before.mark = piece.mark
    }
    if (endsSentence(piece.mark)) flush()
  })
  flush()
  return text
}
