/**
 * Pairs the brackets and quotes of one paragraph, the way a reader does: （…） 《…》 【…】 〔…〕 “…” ‘…’,
 * their half-width, straight and corner variants ( ) " ' 「」 『』, and reports the marks left without a partner.
 * A paragraph is the unit: a quotation or a bracket never spans two paragraphs of a report.
 */

export type MarkFamily = 'round' | 'book' | 'lenticular' | 'tortoise' | 'double' | 'single'

export interface Mark {
  char: string
  /** Index in the paragraph's text. */
  index: number
  family: MarkFamily
}

export interface MarkPair {
  open: Mark
  close: Mark
  /** Inside another quotation: Chinese then uses ‘’ rather than “”. */
  nested: boolean
}

export interface UnmatchedMark {
  mark: Mark
  /** The mark that is missing, for messages: （ → ）. */
  partner: string
}

const OPENING: Readonly<Record<string, MarkFamily>> = {
  '（': 'round', '(': 'round', '《': 'book', '【': 'lenticular', '〔': 'tortoise', '“': 'double', '「': 'double', '‘': 'single', '『': 'single',
}
const CLOSING: Readonly<Record<string, MarkFamily>> = {
  '）': 'round', ')': 'round', '》': 'book', '】': 'lenticular', '〕': 'tortoise', '”': 'double', '」': 'double', '’': 'single', '』': 'single',
}
// Straight quotes look the same at both ends: they close the innermost open quote of their family, else open.
const STRAIGHT: Readonly<Record<string, MarkFamily>> = { '"': 'double', "'": 'single' }
const PARTNER: Readonly<Record<string, string>> = {
  '（': '）', '(': ')', '《': '》', '【': '】', '〔': '〕', '“': '”', '「': '」', '‘': '’', '『': '』', '"': '"', "'": "'",
  '）': '（', ')': '(', '》': '《', '】': '【', '〕': '〔', '”': '“', '」': '「', '’': '‘', '』': '『',
}

// The code units of every mark above (all in the BMP).
const MARK_CODES = new Set([...Object.keys(OPENING), ...Object.keys(CLOSING), ...Object.keys(STRAIGHT)].map((c) => c.charCodeAt(0)))

const ALNUM = /[0-9A-Za-z]/
// “1）建设平台；2）完善机制” and “a) …”: a closing bracket after a list number is a list marker, not a bracket.
const LIST_NUMBER_BEFORE = /[\s，。；：、！？,;:](?:[0-9]{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,2})$/
// A list number is at most two characters after a separator: only those three characters are read (a `$`-anchored
// pattern over the whole text before each bracket made a run of ）s quadratic). The text's start is a separator.
const listNumberBefore = (text: string, index: number) =>
  LIST_NUMBER_BEFORE.test(`${index < 3 ? '\n' : ''}${text.slice(Math.max(0, index - 3), index)}`)

/**
 * Pairs marks in `text`; characters with `skip[i]` set (URLs, e-mail addresses) are ignored. Linear in the text
 * whatever it holds (a pasted run of 30,000 【 included): every stack operation is O(1) amortized — each entry knows
 * whether a quotation is open below it, and each family keeps the stack depths of its own open marks.
 */
export function pairMarks(text: string, skip: ArrayLike<boolean | number> = []): { pairs: MarkPair[]; unmatched: UnmatchedMark[] } {
  const pairs: MarkPair[] = []
  const unmatched: UnmatchedMark[] = []
  const stack: { mark: Mark; nested: boolean }[] = []
  const depthsOf = new Map<MarkFamily, number[]>()
  const familyDepths = (family: MarkFamily) => {
    let depths = depthsOf.get(family)
    if (!depths) depthsOf.set(family, (depths = []))
    return depths
  }
  const isQuote = (family: MarkFamily) => family === 'double' || family === 'single'
  const unmatch = (mark: Mark) => unmatched.push({ mark, partner: PARTNER[mark.char]! })
  const push = (mark: Mark) => {
    const below = stack[stack.length - 1]
    familyDepths(mark.family).push(stack.length)
    stack.push({ mark, nested: below !== undefined && (below.nested || isQuote(below.mark.family)) })
  }
  const pop = () => {
    const entry = stack.pop()!
    familyDepths(entry.mark.family).pop()
    return entry
  }
  const closeAt = (depth: number, close: Mark) => {
    const dropped: Mark[] = []
    while (stack.length > depth + 1) dropped.push(pop().mark)
    for (let i = dropped.length - 1; i >= 0; i -= 1) unmatch(dropped[i]!)
    const { mark: open, nested } = pop()
    pairs.push({ open, close, nested })
  }

  for (let index = 0; index < text.length; index += 1) {
    // Most characters are no mark at all: skipped by code unit before a one-character string is made of them.
    if (!MARK_CODES.has(text.charCodeAt(index))) continue
    const char = text[index]!
    if (skip[index]) continue
    // An apostrophe inside a word (Xi'an, it’s) is not a quote.
    if ((char === "'" || char === '’') && ALNUM.test(text[index - 1] ?? '') && ALNUM.test(text[index + 1] ?? '')) continue

    const straight = STRAIGHT[char]
    if (straight) {
      const mark = { char, index, family: straight }
      if (stack.length && stack[stack.length - 1]!.mark.family === straight) closeAt(stack.length - 1, mark)
      else push(mark)
      continue
    }
    const opening = OPENING[char]
    if (opening) {
      push({ char, index, family: opening })
      continue
    }
    const closing = CLOSING[char]
    if (!closing) continue
    const mark = { char, index, family: closing }
    const depth = familyDepths(closing).at(-1)
    if (depth !== undefined) closeAt(depth, mark)
    else if (!(closing === 'round' && listNumberBefore(text, index))) unmatch(mark)
  }
  for (const entry of stack) unmatch(entry.mark)
  return { pairs, unmatched: unmatched.sort((a, b) => a.mark.index - b.mark.index) }
}
