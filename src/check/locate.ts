import type { ReportDoc, Section } from '../model/report-doc.js'

/**
 * Where an offset is, for people: the section path, or 标题 / 【摘要】 / 全文. O(log n) per call through an index built
 * once per doc (walking every section for every finding made a draft of thousands of headings quadratic).
 */
export function sectionAt(doc: ReportDoc, offset: number): string {
  const path = deepestSectionAt(sectionIndexOf(doc), offset)
  if (path) return path
  if (doc.abstract && offset >= doc.abstract.label.start && offset <= doc.abstract.end) return '【摘要】'
  if (doc.title && offset >= doc.title.start && offset <= doc.title.end) return '标题'
  return '全文'
}

/**
 * The sections in depth-first order — which is the order of their first lines, with every section after its
 * parent — each with the position of its parent in the same list.
 */
interface SectionIndex {
  starts: number[]
  ends: number[]
  paths: string[]
  parents: number[]
}

const sectionIndexes = new WeakMap<ReportDoc, SectionIndex>()

function sectionIndexOf(doc: ReportDoc): SectionIndex {
  let index = sectionIndexes.get(doc)
  if (index) return index
  index = { starts: [], ends: [], paths: [], parents: [] }
  const add = (sections: readonly Section[], parent: number) => {
    for (const section of sections) {
      const at = index!.starts.length
      index!.starts.push(doc.lines[section.lines[0]]!.start)
      index!.ends.push(section.end)
      index!.paths.push(section.path)
      index!.parents.push(parent)
      add(section.children, at)
    }
  }
  add(doc.sections, -1)
  sectionIndexes.set(doc, index)
  return index
}

/**
 * The deepest section whose lines hold `offset`: the last section starting at or before it, or the nearest of its
 * ancestors that reaches that far (sections nest, so no other section can hold it).
 */
function deepestSectionAt({ starts, ends, paths, parents }: SectionIndex, offset: number): string | undefined {
  let low = 0
  let high = starts.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (starts[middle]! <= offset) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  while (found >= 0 && ends[found]! < offset) found = parents[found]!
  return found >= 0 ? paths[found] : undefined
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
export function lineColumnAt(doc: ReportDoc, offset: number): { line: number; column: number } {
  let low = 0
  let high = doc.lines.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (doc.lines[middle]!.start <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - doc.lines[low]!.start + 1 }
}

const EXCERPT_CONTEXT = 12
// A finding about a whole section or the whole text (字数) quotes its beginning, not all of it.
const EXCERPT_MAX = 80

/** The flagged characters with a little of their line around them, so a finding reads on its own. */
export function excerptAt(doc: ReportDoc, start: number, end: number): string {
  const { line } = lineColumnAt(doc, start)
  const sourceLine = doc.lines[line - 1]!
  const lineEnd = sourceLine.start + sourceLine.raw.length
  const from = Math.max(sourceLine.start, start - EXCERPT_CONTEXT)
  const to = Math.min(Math.max(lineEnd, end), end + EXCERPT_CONTEXT, from + EXCERPT_MAX)
  const text = doc.source.slice(from, to).replace(/[\r\n]+/g, ' ')
  return `${from > sourceLine.start ? '…' : ''}${text}${to < Math.max(lineEnd, end) ? '…' : ''}`
}
