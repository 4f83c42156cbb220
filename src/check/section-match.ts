import type { KindSpec, SectionRole, SectionSpec } from '../kinds/kind-spec.js'
import type { ReportDoc, Section } from '../model/report-doc.js'
import { checkMemo } from './check-memo.js'
import { proseParts } from './prose-parts.js'

/**
 * Which level-1 section of a draft is which part of the kind's template (000/001 报告框架参考: 一、背景介绍
 * 二、创新举措 三、实践成效; 003 附件2/附件3). Matching is by heading first and by position last, so that one
 * missing or renamed section does not shift every following one: a draft with 一、项目背景 二、实践成效 is
 * “背景介绍 renamed, 创新举措 missing”, not “three wrong headings”.
 *
 * Tiers, best first:
 * - exact: the heading equals the template heading (spaces and closing punctuation ignored);
 * - alias: it equals one of `headingAliases`, or (loose kinds) contains or is contained in the heading or an alias;
 * - similar: it shares enough character bigrams with the heading, or names the part's role (背景, 举措, 成效 …);
 * - position: the only unmatched heading left between two matched neighbours, and it names no other role.
 */

export type MatchHow = 'exact' | 'alias' | 'similar' | 'position'

export interface SectionPair {
  spec: SectionSpec
  specIndex: number
  section: Section
  /** Index among the draft's level-1 sections. */
  sectionIndex: number
  how: MatchHow
}

export interface SectionMatch {
  /** The draft's level-1 sections in document order. */
  sections: Section[]
  /** Matched pairs in template order. */
  pairs: SectionPair[]
  missing: { spec: SectionSpec; specIndex: number }[]
  extra: { section: Section; sectionIndex: number }[]
  /** Pairs that break the template order (the fewest such pairs: the complement of a longest increasing run). */
  outOfOrder: SectionPair[]
}

// Words that name a part's role in real headings (基本情况, 主要做法, 工作成效 …). A heading naming another part of
// the kind, or something no template part is (摘要, 下一步工作计划), is never matched to a part by position alone.
const ROLE_WORDS: Readonly<Record<SectionRole | 'other', readonly string[]>> = {
  background: ['背景', '基础', '现状', '基本情况', '需求'],
  measures: ['举措', '做法', '措施', '路径', '实践'],
  results: ['成效', '效果', '成果', '成绩', '效益'],
  overview: ['概述', '概况', '基本情况', '总体情况'],
  highlights: ['亮点', '成效', '成果'],
  practices: ['做法', '经验', '举措', '措施'],
  problems: ['问题', '不足', '短板', '困难'],
  suggestions: ['建议', '下一步', '计划', '打算', '展望', '思路'],
  other: ['摘要', '下一步', '计划', '打算', '展望'],
}

const SIMILAR_MIN = 0.4
const ROLE_WORD_SCORE = 0.5

/** A heading as compared: no spaces, no closing punctuation (一、背景介绍： is still 背景介绍). */
export function normalizeHeading(text: string): string {
  return text.replace(/[\s\u3000]+/g, '').replace(/[。．.，,；;：:、]+$/u, '')
}

function bigrams(text: string): string[] {
  const chars = Array.from(text)
  return chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i]! + c)
}

/** Dice coefficient of the character bigrams of two headings. */
function dice(a: string, b: string): number {
  const left = bigrams(a)
  const right = new Set(bigrams(b))
  if (!left.length || !right.size) return 0
  const shared = new Set(left.filter((g) => right.has(g))).size
  return (2 * shared) / (new Set(left).size + right.size)
}

function namesRole(heading: string, role: SectionRole | 'other'): boolean {
  return ROLE_WORDS[role].some((word) => heading.includes(word))
}

function tierOf(heading: string, spec: SectionSpec, loose: boolean): { how: MatchHow; score: number } | undefined {
  const wanted = normalizeHeading(spec.heading)
  const aliases = spec.headingAliases.map(normalizeHeading)
  if (heading === wanted) return { how: 'exact', score: 1 }
  if (aliases.includes(heading)) return { how: 'alias', score: 0.9 }
  const contains = [wanted, ...aliases].some((name) => name.length >= 2 && heading.length >= 2 && (heading.includes(name) || name.includes(heading)))
  if (contains) return loose ? { how: 'alias', score: 0.85 } : { how: 'similar', score: 0.8 }
  const similarity = Math.max(...[wanted, ...aliases].map((name) => dice(heading, name)), namesRole(heading, spec.role) ? ROLE_WORD_SCORE : 0)
  return similarity >= SIMILAR_MIN ? { how: 'similar', score: similarity } : undefined
}

/** The draft's level-1 sections matched to the kind's template: once per check for the rules that read it. */
export function matchSections(doc: ReportDoc, kind: KindSpec): SectionMatch {
  const byKind = checkMemo(doc, 'matchSections', () => new WeakMap<KindSpec, SectionMatch>())
  let match = byKind.get(kind)
  if (!match) {
    match = matchTemplate(doc, kind)
    byKind.set(kind, match)
  }
  return match
}

function matchTemplate(doc: ReportDoc, kind: KindSpec): SectionMatch {
  const sections = doc.sections.filter((section) => section.level === 1)
  const specs = kind.sections
  const loose = kind.sectionMatching.mode === 'loose'
  const headings = sections.map((section) => normalizeHeading(section.heading.text))

  const candidates: { specIndex: number; sectionIndex: number; how: MatchHow; score: number }[] = []
  specs.forEach((spec, specIndex) =>
    headings.forEach((heading, sectionIndex) => {
      const tier = tierOf(heading, spec, loose)
      if (tier) candidates.push({ specIndex, sectionIndex, ...tier })
    }),
  )
  // Best score first; between equals, the one nearer its template position.
  candidates.sort(
    (a, b) => b.score - a.score || Math.abs(a.specIndex - a.sectionIndex) - Math.abs(b.specIndex - b.sectionIndex),
  )
  const sectionOf = new Map<number, { sectionIndex: number; how: MatchHow }>()
  const taken = new Set<number>()
  for (const candidate of candidates) {
    if (sectionOf.has(candidate.specIndex) || taken.has(candidate.sectionIndex)) continue
    sectionOf.set(candidate.specIndex, candidate)
    taken.add(candidate.sectionIndex)
  }

  matchByPosition(specs, headings, sectionOf, taken)

  const pairs: SectionPair[] = [...sectionOf.entries()]
    .sort(([a], [b]) => a - b)
    .map(([specIndex, { sectionIndex, how }]) => ({ spec: specs[specIndex]!, specIndex, section: sections[sectionIndex]!, sectionIndex, how }))
  const inOrder = new Set(longestIncreasing(pairs.map((pair) => pair.sectionIndex)))
  return {
    sections,
    pairs,
    missing: specs.flatMap((spec, specIndex) => (sectionOf.has(specIndex) ? [] : [{ spec, specIndex }])),
    extra: sections.flatMap((section, sectionIndex) => (taken.has(sectionIndex) ? [] : [{ section, sectionIndex }])),
    outOfOrder: pairs.filter((_, i) => !inOrder.has(i)),
  }
}

/**
 * Pairs each run of unmatched template parts with the unmatched headings between the same matched neighbours,
 * when there are as many of each (一、项目概况 in the place of 一、背景介绍).
 */
function matchByPosition(
  specs: readonly SectionSpec[],
  headings: readonly string[],
  sectionOf: Map<number, { sectionIndex: number; how: MatchHow }>,
  taken: Set<number>,
): void {
  let specIndex = 0
  while (specIndex < specs.length) {
    if (sectionOf.has(specIndex)) {
      specIndex += 1
      continue
    }
    const runStart = specIndex
    while (specIndex < specs.length && !sectionOf.has(specIndex)) specIndex += 1
    const low = runStart > 0 ? sectionOf.get(runStart - 1)!.sectionIndex : -1
    const high = specIndex < specs.length ? sectionOf.get(specIndex)!.sectionIndex : headings.length
    const run = specs.slice(runStart, specIndex)
    const free = headings
      .map((heading, index) => ({ heading, index }))
      .filter(({ index }) => index > low && index < high && !taken.has(index))
      .filter(({ heading }) => !otherRoleNamed(heading, run.map((spec) => spec.role), specs.map((spec) => spec.role)))
    if (free.length !== run.length) continue
    free.forEach(({ index }, i) => {
      sectionOf.set(runStart + i, { sectionIndex: index, how: 'position' })
      taken.add(index)
    })
  }
}

/** Whether a heading names another part of the kind (成效 where 背景 is wanted) or something no part is (下一步计划). */
function otherRoleNamed(heading: string, wanted: readonly SectionRole[], kindRoles: readonly SectionRole[]): boolean {
  if (namesRole(heading, 'other')) return true
  return kindRoles.some((role) => !wanted.includes(role) && namesRole(heading, role))
}

/** Indexes (into `values`) of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): number[] {
  const length: number[] = []
  const previous: number[] = []
  values.forEach((value, i) => {
    length[i] = 1
    previous[i] = -1
    for (let j = 0; j < i; j += 1) {
      if (values[j]! < value && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1
        previous[i] = j
      }
    }
  })
  let end = -1
  length.forEach((l, i) => {
    if (end < 0 || l > length[end]!) end = i
  })
  const out: number[] = []
  for (let i = end; i >= 0; i = previous[i]!) out.unshift(i)
  return out
}

/** The draft section playing one of `roles`, in template order (e.g. measures or practices). */
export function sectionForRoles(match: SectionMatch, roles: readonly SectionRole[]): SectionPair | undefined {
  return match.pairs.find((pair) => roles.includes(pair.spec.role))
}

/**
 * The draft's parts for the rules that read what the parts say (logic-chain, quant-evidence): its level-1 sections
 * matched to the template, or — in a draft written without any level-1 heading — its paragraphs grouped by what they
 * say (prose-parts.ts). The structure rule reads `matchSections`: the headings themselves are still missing.
 */
export function partsByRole(doc: ReportDoc, kind: KindSpec): SectionMatch {
  const match = matchSections(doc, kind)
  return match.sections.length ? match : (proseParts(doc, kind) ?? match)
}
