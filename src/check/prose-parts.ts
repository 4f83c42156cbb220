import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { KindSpec, SectionRole } from '../kinds/kind-spec.js'
import type { ReportDoc, Section, TextSpan } from '../model/report-doc.js'
import { checkMemo } from './check-memo.js'
import type { SectionMatch, SectionPair } from './section-match.js'

/**
 * Cases and 汇报 are often written without 一、二、三: paragraph after paragraph, background first, then what was done,
 * then what came of it (000/001 报告框架参考 in prose). For a draft with no level-1 heading, the paragraphs are given
 * the three parts by what they say (src/check/data/paragraph-roles.json), in template order, so that the rules that
 * read the parts (logic-chain, quant-evidence) still run. The structure rule still reports the missing headings: it
 * reads the headings themselves (matchSections), not these parts.
 */

const RolesSchema = z.object({
  $comment: z.string(),
  background: z.array(z.string().min(1)).min(1),
  measures: z.array(z.string().min(1)).min(1),
  results: z.array(z.string().min(1)).min(1),
  resultPatterns: z.array(z.string().min(1)),
})
const ROLES = RolesSchema.parse(JSON.parse(readFileSync(new URL('./data/paragraph-roles.json', import.meta.url), 'utf8')))
const RESULT_PATTERNS = ROLES.resultPatterns.map((source) => new RegExp(source, 'gu'))
/** A figure with its comparison says “result” more surely than any single word. */
const PATTERN_WEIGHT = 2

type Part = 'background' | 'measures' | 'results'
const PARTS: readonly Part[] = ['background', 'measures', 'results']
/** The template roles each part stands for: 003's kinds call the measures 做法 and the results 亮点. */
const ROLE_OF_PART: Readonly<Record<Part, readonly SectionRole[]>> = {
  background: ['background'],
  measures: ['measures', 'practices'],
  results: ['results', 'highlights'],
}

const countWords = (text: string, words: readonly string[]) => words.filter((word) => text.includes(word)).length
const countPatterns = (text: string) => RESULT_PATTERNS.reduce((sum, pattern) => sum + (text.match(pattern)?.length ?? 0), 0)

/** How strongly a paragraph reads as each part. */
export function partScores(text: string): Record<Part, number> {
  return {
    background: countWords(text, ROLES.background),
    measures: countWords(text, ROLES.measures),
    results: countWords(text, ROLES.results) + PATTERN_WEIGHT * countPatterns(text),
  }
}

/**
 * The split of paragraphs into background [0, i), measures [i, j), results [j, n) that agrees best with their scores.
 * Undefined unless there are both measures and results that read as such: two paragraphs of news are no report.
 */
export function splitParts(scores: readonly Record<Part, number>[]): [number, number] | undefined {
  const n = scores.length
  const prefix = (part: Part) => scores.reduce<number[]>((sums, score) => [...sums, sums.at(-1)! + score[part]], [0])
  const [background, measures, results] = PARTS.map(prefix) as [number[], number[], number[]]
  let best: { i: number; j: number; total: number } | undefined
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const measured = measures[j]! - measures[i]!
      const resulted = results[n]! - results[j]!
      if (measured === 0 || resulted === 0) continue
      const total = background[i]! + measured + resulted
      if (!best || total > best.total) best = { i, j, total }
    }
  }
  return best && [best.i, best.j]
}

/** The parts of a draft without level-1 headings, matched to the kind's template parts; undefined when none is found. */
export function proseParts(doc: ReportDoc, kind: KindSpec): SectionMatch | undefined {
  return checkMemo(doc, `proseParts:${kind.id}`, () => findParts(doc, kind))
}

function findParts(doc: ReportDoc, kind: KindSpec): SectionMatch | undefined {
  if (doc.sections.some((section) => section.level === 1)) return undefined
  const paragraphs = [...doc.preamble, ...doc.sections.flatMap(linesOf)]
  const split = splitParts(paragraphs.map((paragraph) => partScores(paragraph.text)))
  if (!split) return undefined
  const [i, j] = split
  const ranges: Record<Part, readonly TextSpan[]> = { background: paragraphs.slice(0, i), measures: paragraphs.slice(i, j), results: paragraphs.slice(j) }
  const pairs: SectionPair[] = []
  for (const part of PARTS) {
    const specIndex = kind.sections.findIndex((spec) => ROLE_OF_PART[part].includes(spec.role))
    const spans = ranges[part]
    if (specIndex < 0 || !spans.length) continue
    const section = unheadedSection(doc, spans, kind.sections[specIndex]!.heading)
    pairs.push({ spec: kind.sections[specIndex]!, specIndex, section, sectionIndex: pairs.length, how: 'position' })
  }
  return { sections: pairs.map((pair) => pair.section), pairs, missing: [], extra: [], outOfOrder: [] }
}

/** A lower section's lines in order (1. 绿电直供。光伏电量……): in a draft without 一、 they are paragraphs of a part. */
function linesOf(section: Section): TextSpan[] {
  return [section.headingLine, ...section.paragraphs, ...section.children.flatMap(linesOf)]
}

/**
 * A part as a section without a heading: an empty marker and heading at its first character, its paragraphs as
 * written. `path` names the template part it stands for (shown with findings), since the draft has no heading to name.
 */
function unheadedSection(doc: ReportDoc, spans: readonly TextSpan[], templateHeading: string): Section {
  const first = spans[0]!
  const last = spans.at(-1)!
  const at = { text: '', start: first.start, end: first.start }
  const line = (offset: number) => doc.lines.findIndex((sourceLine) => sourceLine.start <= offset && offset <= sourceLine.start + sourceLine.raw.length)
  return {
    level: 1,
    marker: { level: 1, text: '', ordinal: 0, canonical: false, start: first.start, end: first.start },
    heading: at,
    headingLine: at,
    paragraphs: [...spans],
    children: [],
    path: `${templateHeading}（未写标题，按段落内容识别）`,
    start: first.start,
    end: last.end,
    lines: [Math.max(0, line(first.start)), Math.max(0, line(last.end))],
  }
}
