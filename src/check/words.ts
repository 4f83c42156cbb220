import { getJieba } from '../retrieve/tokenize.js'

/**
 * Word boundaries of a piece of Chinese text, from jieba's dictionary segmentation (no HMM: an unknown name falls
 * apart into single characters, which never block a match, while dictionary words that straddle a match's edge
 * do — 投产后|年产值 is not 后年, 科技部门 is not 科技部). One source for every rule that matches words, not strings.
 */
export function wordBoundaries(text: string): ReadonlySet<number> {
  const boundaries = new Set<number>([0])
  let offset = 0
  for (const token of getJieba().cut(text, false)) {
    offset += token.length
    boundaries.add(offset)
  }
  return boundaries
}

/** A lazily segmented text: the segmentation runs once, and only when a rule first asks about a boundary. */
export function boundaryTest(text: string): (start: number, end: number) => boolean {
  let boundaries: ReadonlySet<number> | undefined
  return (start, end) => {
    boundaries ??= wordBoundaries(text)
    return boundaries.has(start) && boundaries.has(end)
  }
}
