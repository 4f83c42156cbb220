/**
 * Enumerations written as 一是……；二是……；三是…… (003 附件3's 示例 lists its 做法 so, and 000/001 drafts list
 * problems and measures so). Shared by the rules that count or read the items (length, logic-chain) and by the
 * kind guess, so that they all see the same items.
 */

/** One 一是/二是/… marker: its offset in the text and its number (一 → 1). */
export interface ItemMarker {
  index: number
  ordinal: number
}

export interface Enumeration {
  /** Offset of the sentence that introduces the items (its lead-in runs up to the first item). */
  leadInStart: number
  items: { text: string; start: number; end: number }[]
}

/** Length of a marker: one numeral and 是. */
export const ITEM_MARKER_LENGTH = 2

// 一是 opens an item only at the start of a clause or line: “统一是” and “唯一是” are prose.
const ITEM_MARKER = /(?<=^|[：:；;。，,！？\s])([一二三四五六七八九十])是/gu
const NUMERALS = '一二三四五六七八九十'

/** Every 一是…十是 at the start of a clause, in text order. */
export function itemMarkersOf(text: string): ItemMarker[] {
  return [...text.matchAll(ITEM_MARKER)].map((m) => ({ index: m.index, ordinal: NUMERALS.indexOf(m[1]!) + 1 }))
}

/**
 * Markers grouped into runs 一是, 二是, 三是 …: a run starts at 一是 and goes on with the next number; a marker that
 * continues no run and is not 一是 belongs to none.
 */
export function markerRuns(markers: readonly ItemMarker[]): ItemMarker[][] {
  const runs: ItemMarker[][] = []
  for (const marker of markers) {
    const run = runs[runs.length - 1]
    if (run && marker.ordinal === run[run.length - 1]!.ordinal + 1) run.push(marker)
    else if (marker.ordinal === 1) runs.push([marker])
  }
  return runs
}

/** Runs of 一是…；二是…；… in one text block (at least two items in sequence), each item up to the next one. */
export function enumerationsOf(text: string): Enumeration[] {
  return markerRuns(itemMarkersOf(text))
    .filter((run) => run.length >= 2)
    .map((run) => {
      const first = run[0]!.index
      const leadInStart = Math.max(...['。', '！', '？'].map((end) => text.lastIndexOf(end, first - 1) + 1))
      const items = run.map((marker, i) => {
        const next = run[i + 1]?.index
        let end = next ?? sentenceEnd(text, marker.index)
        while (end > marker.index && /[；;。，,\s]/.test(text[end - 1]!)) end -= 1
        return { text: text.slice(marker.index, end), start: marker.index, end }
      })
      return { leadInStart, items }
    })
}

function sentenceEnd(text: string, from: number): number {
  const found = text.slice(from).search(/[。！？]/)
  return found < 0 ? text.length : from + found + 1
}
