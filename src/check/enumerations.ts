import { matchesNear } from '../regex-matches.js'
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
  /**
   * Offset of the sentence that introduces the items (its lead-in runs up to the first item): the sentence of the
   * first item, or the sentence before it when that one announces the items (突出表现在三个方面。一是……).
   */
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
  // Its 是 follows the numeral: tried only before each 是, not at every character of the text (regex-matches.ts).
  return matchesNear(text, ITEM_MARKER, '是', 1).map((m) => ({ index: m.index, ordinal: NUMERALS.indexOf(m[1]!) + 1 }))
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

/**
 * A sentence that announces a list (its last words, before the 。 or ： that ends it): 突出表现在三个方面, 主要面临
 * 以下问题, 存在……等短板, 具体如下. Written as a sentence of its own before 一是, it is still the items' lead-in.
 */
const ANNOUNCES =
  /(?:(?:[一二三四五六七八九十两几多\d]+(?:个|项|点|大|类)?|以下|如下|下列|下述|等)[^，,。；;：:！？]{0,4}(?:方面|问题|短板|不足|瓶颈|挑战|制约|难题|痛点|弱项|因素|原因|特点|环节|矛盾|困难|短处|做法|举措|措施|成效|变化)|如下|以下|表现为|体现为|包括|主要有)[\s\u3000]*[。：:！]?[\s\u3000]*$/u

/** Whether a sentence (with its end mark) announces the items that follow it. */
export function announcesItems(sentence: string): boolean {
  return ANNOUNCES.test(sentence)
}

const END_MARKS = ['。', '！', '？'] as const

/**
 * Runs of 一是…；二是…；… in one text block (at least two items in sequence), each item up to the next one; the
 * last item up to the end of its sentence, or — when the items are paragraphs of several sentences (一是……。2023年……。
 * 二是……) — up to the end of the block.
 */
export function enumerationsOf(text: string): Enumeration[] {
  return markerRuns(itemMarkersOf(text))
    .filter((run) => run.length >= 2)
    .map((run) => {
      const first = run[0]!.index
      let leadInStart = sentenceStart(text, first)
      // 一是 opens its sentence: the sentence before it is the lead-in when it announces the items.
      if (text.slice(leadInStart, first).trim() === '' && leadInStart > 0) {
        const previous = sentenceStart(text, leadInStart - 1)
        if (announcesItems(text.slice(previous, leadInStart))) leadInStart = previous
      }
      const multiSentence = run.slice(0, -1).some((marker, i) => /[。！？]/.test(trimEnd(text, marker.index, run[i + 1]!.index).text))
      const items = run.map((marker, i) => {
        const next = run[i + 1]?.index
        return trimEnd(text, marker.index, next ?? (multiSentence ? text.length : sentenceEnd(text, marker.index)))
      })
      return { leadInStart, items }
    })
}

/** [start, end) with the punctuation and spaces that close it left out. */
function trimEnd(text: string, start: number, end: number): { text: string; start: number; end: number } {
  while (end > start && /[；;。，,\s]/.test(text[end - 1]!)) end -= 1
  return { text: text.slice(start, end), start, end }
}

/** Offset of the sentence (ended by 。！？) that holds offset `at`. */
function sentenceStart(text: string, at: number): number {
  return Math.max(...END_MARKS.map((end) => text.lastIndexOf(end, at - 1) + 1))
}

function sentenceEnd(text: string, from: number): number {
  const found = text.slice(from).search(/[。！？]/)
  return found < 0 ? text.length : from + found + 1
}
