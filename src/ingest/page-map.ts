import type { Clause } from './clause.js'
import { unifyCharacters } from './unify-characters.js'

/**
 * Which page of a PDF each clause starts on, so a citation can say 第3页. The normalized text no longer has page
 * breaks (a sentence cut by one is joined again), so pages are found by content: the letters and digits of each
 * laid-out paragraph are looked up, in order, in the letters and digits of the normalized text. Punctuation and
 * spaces (which normalization changes) are ignored; a paragraph that cannot be found keeps the previous page.
 */

/** How many letters and digits identify a paragraph or clause start. */
const KEY_LENGTH = 12

interface Skeleton {
  chars: string
  /** Offset in the original text of every character of `chars`. */
  offsets: number[]
}

function skeletonOf(text: string): Skeleton {
  let chars = ''
  const offsets: number[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}]/gu)) {
    chars += m[0]
    offsets.push(m.index ?? 0)
  }
  return { chars, offsets }
}

const keyOf = (text: string): string => skeletonOf(unifyCharacters(text)).chars.slice(0, KEY_LENGTH)

/**
 * Offsets in `normalizedText` where each page starts: element p − 1 for page p (a page with no paragraph start of
 * its own gets the offset of the next one that has). Undefined when nothing could be placed.
 */
export function pageStartsOf(normalizedText: string, paragraphs: readonly { page: number; text: string }[], pages: number): number[] | undefined {
  const skeleton = skeletonOf(normalizedText)
  const starts: (number | undefined)[] = Array.from({ length: pages }, () => undefined)
  let from = 0
  for (const paragraph of paragraphs) {
    const key = keyOf(paragraph.text)
    if (key.length < 2) continue
    const at = skeleton.chars.indexOf(key, from)
    if (at < 0) continue
    from = at + key.length
    const offset = skeleton.offsets[at] ?? 0
    if (paragraph.page >= 1 && paragraph.page <= pages && starts[paragraph.page - 1] === undefined) starts[paragraph.page - 1] = offset
  }
  if (starts.every((s) => s === undefined)) return undefined
  starts[0] = 0
  // Pages without a paragraph of their own (a page of one long paragraph) start where the next page does.
  let next = normalizedText.length
  for (let i = pages - 1; i >= 0; i--) {
    if (starts[i] === undefined) starts[i] = next
    else next = starts[i]!
  }
  return starts as number[]
}

/** The clauses with `page` set from the document's page starts (clauses are in text order). */
export function withPages(clauses: readonly Clause[], text: string, pageStarts: readonly number[] | undefined): Clause[] {
  if (!pageStarts || pageStarts.length === 0) return [...clauses]
  const skeleton = skeletonOf(text)
  let from = 0
  return clauses.map((clause) => {
    const key = keyOf(clause.text)
    const at = key.length >= 2 ? skeleton.chars.indexOf(key, from) : -1
    if (at < 0) return clause
    from = at
    const offset = skeleton.offsets[at] ?? 0
    let page = 1
    for (let p = 0; p < pageStarts.length; p++) if ((pageStarts[p] ?? Infinity) <= offset) page = p + 1
    return { ...clause, page }
  })
}
