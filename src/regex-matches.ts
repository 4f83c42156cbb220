/**
 * Every match of a global regular expression in `text`: what `[...text.matchAll(pattern)]` gives, without its cost.
 * `matchAll` builds a new RegExp from the pattern on every call (the spec's species constructor); the checker runs
 * some sixty patterns over every block and sentence of a draft, and those copies were a few percent of a check's CPU
 * and much of its garbage. Here the pattern itself runs from the start of the text, and its `lastIndex` is 0 again
 * after the call (so a pattern is never left half-way for its next user). Matches are returned as an array, so a
 * caller may use the same pattern again while it reads them.
 */
export function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global pattern: ${String(pattern)}`)
  const found: RegExpExecArray[] = []
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match)
    // An empty match would be found again at the same place: step over one character (a whole one with the u flag).
    if (match[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'))
  }
  return found
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const code = text.charCodeAt(index)
  const isPair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00
  return index + (isPair ? 2 : 1)
}
