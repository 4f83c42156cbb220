/**
 * Every match of a global regular expression in `text`: what `[...text.matchAll(pattern)]` gives, without its cost.
 * `matchAll` builds a new RegExp from the pattern on every call (the spec's species constructor); the checker runs
 * some sixty patterns over every block and sentence of a draft, and those copies were a few percent of a check's CPU
 * and much of its garbage. Here the pattern itself runs from the start of the text, and its `lastIndex` is 0 again
 * after the call (so a pattern is never left half-way for its next user). Matches are returned as an array, so a
 * caller may use the same pattern again while it reads them.
 */
export function matchesOf(text: string, pattern: RegExp): readonly RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global pattern: ${String(pattern)}`)
  pattern.lastIndex = 0
  let match = pattern.exec(text)
  // Most of a check's four thousand calls find nothing: they share one empty answer instead of making an array each.
  if (!match) return NO_MATCHES
  const found: RegExpExecArray[] = []
  for (; match; match = pattern.exec(text)) {
    found.push(match)
    // An empty match would be found again at the same place: step over one character (a whole one with the u flag).
    if (match[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'))
  }
  return found
}

const NO_MATCHES: readonly RegExpExecArray[] = Object.freeze([])

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const code = text.charCodeAt(index)
  const isPair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00
  return index + (isPair ? 2 : 1)
}

/** Each global pattern's sticky twin, which tries one position only (matchesNear). */
const stickyTwins = new WeakMap<RegExp, RegExp>()

function stickyTwin(pattern: RegExp): RegExp {
  let sticky = stickyTwins.get(pattern)
  if (!sticky) {
    sticky = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y')
    stickyTwins.set(pattern, sticky)
  }
  return sticky
}

/**
 * matchesOf for a pattern every match of which holds `anchor` starting at most `reach` characters after the match's
 * start (INSTITUTE: 一二三所, 中科院|XX所; a paper cited: ……日报……报道：). The same matches, found by trying only the
 * positions up to `reach` before each `anchor`, in order, instead of every position of the text: a pattern that opens
 * with a lookbehind or a run of Chinese characters is otherwise tried at every character of every block. A position
 * no match can start at is never tried; the others are tried as matchesOf tries them (left to right, a match
 * resuming the search at its end), so the result is the same whenever the premise holds.
 */
export function matchesNear(text: string, pattern: RegExp, anchor: string, reach: number): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesNear needs a global pattern: ${String(pattern)}`)
  const sticky = stickyTwin(pattern)
  const unicode = pattern.unicode || pattern.flags.includes('v')
  const found: RegExpExecArray[] = []
  // Positions before `next` have been tried or lie inside a match.
  let next = 0
  for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, Math.max(at + 1, next))) {
    for (let start = Math.max(next, at - reach); start <= at; start += 1) {
      // matchesOf steps over an astral character whole: never start on its second half.
      if (unicode && start > 0 && isSecondHalf(text, start)) continue
      sticky.lastIndex = start
      const match = sticky.exec(text)
      if (match && match[0] !== '') {
        found.push(match)
        next = start + match[0].length
        break
      }
    }
    next = Math.max(next, at + 1)
  }
  sticky.lastIndex = 0
  return found
}

function isSecondHalf(text: string, index: number): boolean {
  return (text.charCodeAt(index) & 0xfc00) === 0xdc00 && (text.charCodeAt(index - 1) & 0xfc00) === 0xd800
}
