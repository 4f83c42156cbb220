/**
 * Questions about the spans found in one text, answered in time proportional to the span asked about rather than to
 * how many spans were found. Asking with Array.some over every span found made the short-name reader quadratic: a
 * draft of 6,500 × “引进华昌食品项目，” took 9 s to check (issue 15 asks every rule to stay linear in the text).
 */

interface Span {
  readonly start: number
  readonly end: number
}

/** The characters of one text covered by the spans added so far. */
export class SpanCover {
  private readonly covered: Uint8Array

  constructor(textLength: number) {
    this.covered = new Uint8Array(textLength)
  }

  add({ start, end }: Span): void {
    this.covered.fill(1, start, end)
  }

  /** Whether [start, end) shares a character with a span added. */
  overlaps(start: number, end: number): boolean {
    for (let at = start; at < end; at++) if (this.covered[at] === 1) return true
    return false
  }
}

/**
 * A test of whether [start, end) lies inside one of `spans` (a full name, a declaration): for each position, the
 * furthest end of a span that opens there or before; the asked span is inside one when that end reaches its own.
 */
export function insideOneOf(spans: readonly Span[], textLength: number): (start: number, end: number) => boolean {
  if (spans.length === 0) return () => false
  const reach = new Int32Array(textLength + 1).fill(-1)
  for (const { start, end } of spans) if (end > reach[start]!) reach[start] = end
  for (let at = 1; at <= textLength; at++) if (reach[at - 1]! > reach[at]!) reach[at] = reach[at - 1]!
  return (start, end) => reach[start]! >= end
}

/**
 * Non-overlapping candidates in text order, the longest winning an overlap (国家发改委 over 发改委); between two of
 * the same length, the one `preferred` puts first, then the earlier.
 */
export function longestFirst<T extends Span>(candidates: readonly T[], preferred: (a: T, b: T) => number = () => 0): T[] {
  const chosen: T[] = []
  const cover = new SpanCover(candidates.reduce((end, c) => Math.max(end, c.end), 0))
  const byLength = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || preferred(a, b) || a.start - b.start)
  for (const candidate of byLength) {
    if (cover.overlaps(candidate.start, candidate.end)) continue
    chosen.push(candidate)
    cover.add(candidate)
  }
  return chosen.sort((a, b) => a.start - b.start)
}
