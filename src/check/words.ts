import type { TaggedWord } from '@node-rs/jieba'
import { getJieba } from '../retrieve/tokenize.js'
import { checkTextMemo } from './check-memo.js'

/**
 * Word boundaries of a piece of Chinese text, from jieba's dictionary segmentation (no HMM: an unknown name falls
 * apart into single characters, which never block a match, while dictionary words that straddle a match's edge
 * do — 投产后|年产值 is not 后年, 科技部门 is not 科技部). One source for every rule that matches words, not strings.
 * Within a check a block is segmented once, however many rules ask (check-memo.ts).
 */
export function wordBoundaries(text: string): ReadonlySet<number> {
  return checkTextMemo(text, 'wordBoundaries', segmentBoundaries)
}

function segmentBoundaries(text: string): ReadonlySet<number> {
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

/** How many tagged texts are kept: the names of a few drafts' worth of sentences (each entry is a short phrase). */
const TAGGED_MEMO_LIMIT = 4096
const taggedMemo = new Map<string, readonly TaggedWord[]>()

/**
 * jieba's words of `text` with their parts of speech (HMM on, so an unknown name stays one word). Memoized by the
 * text: the name rules ask about the same few phrases many times in one check (163 calls for 27 distinct phrases in
 * a 3,000-字 draft), and a re-check while the person types asks about the same sentences again. The oldest entry
 * goes first when the memo is full.
 */
export function taggedWords(text: string): readonly TaggedWord[] {
  let tagged = taggedMemo.get(text)
  if (!tagged) {
    tagged = getJieba().tag(text, true)
    if (taggedMemo.size >= TAGGED_MEMO_LIMIT) taggedMemo.delete(taggedMemo.keys().next().value!)
    taggedMemo.set(text, tagged)
  }
  return tagged
}

/** Empties the memo of tagged texts (benchmarks measure a first check with it; see forgetAnalyzedTexts). */
export function forgetTaggedWords(): void {
  taggedMemo.clear()
}
