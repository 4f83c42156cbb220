import { checkTextMemo } from './check-memo.js'

/** A sentence of a text block with its [start, end) offsets in that block's clean text. */
export interface Sentence {
  text: string
  start: number
  end: number
}

// A Chinese sentence ends at 。！？ and, for the checker's purposes, at ；: a report lists its measures as
// “一是……；二是……；”, and each clause is judged on its own (a figure in 一是 does not support 二是).
const SENTENCE_END_MARKS = '。！？；!?;'
// Their code units (all in the BMP), to skip the other characters without making a string of each.
const END_CODES = new Set(Array.from(SENTENCE_END_MARKS, (c) => c.charCodeAt(0)))
// Closing marks that belong to the sentence they follow: 他说“好。” / （见附件。）
// (Straight quotes are left out: after 。 a " opens the next sentence as often as it closes this one.)
const TRAILING_CLOSER = /[”’」』）)》】]/

/**
 * Splits one block of clean text into sentences, keeping the terminator (and closing quotes after it) with
 * the sentence. Leading spaces are not part of a sentence; text without a terminator is one last sentence.
 * Within a check each block is split once (check-memo.ts): the result is shared by the rules and must not be changed.
 */
export function sentencesOf(text: string, ends: ReadonlySet<number> = END_CODES): readonly Sentence[] {
  if (ends === END_CODES) return checkTextMemo(text, 'sentences', (block) => splitSentences(block, END_CODES))
  if (ends === FULL_STOP_CODES) return checkTextMemo(text, 'fullSentences', (block) => splitSentences(block, FULL_STOP_CODES))
  return splitSentences(text, ends)
}

function splitSentences(text: string, ends: ReadonlySet<number>): Sentence[] {
  const sentences: Sentence[] = []
  let start = 0
  const push = (end: number) => {
    let from = start
    while (from < end && /[\s\u3000]/.test(text[from]!)) from += 1
    if (from < end) sentences.push({ text: text.slice(from, end), start: from, end })
    start = end
  }
  for (let i = 0; i < text.length; i += 1) {
    if (!ends.has(text.charCodeAt(i))) continue
    // “？！” and a run of closers stay with the sentence they end.
    let end = i + 1
    while (end < text.length && (ends.has(text.charCodeAt(end)) || TRAILING_CLOSER.test(text[end]!))) end += 1
    push(end)
    i = end - 1
  }
  push(text.length)
  return sentences
}

// A full sentence ends at 。！？ only: what one sentence states (its year, its subject) holds for its ；-clauses too.
const FULL_STOP_CODES = new Set(Array.from('。！？!?', (c) => c.charCodeAt(0)))

/** Splits a block into full sentences (。！？), keeping ；-separated clauses together. */
export const fullSentencesOf = (text: string): readonly Sentence[] => sentencesOf(text, FULL_STOP_CODES)

// Clause marks inside a sentence: ，；： and their half-width forms (a draft typed with an English keyboard).
const CLAUSE_END_CODES: ReadonlySet<number> = new Set(Array.from('，,；;：:', (mark) => mark.charCodeAt(0)))

/** The clause (between ，；：) of a sentence that holds [start, end): where a phrase is judged by its own clause. */
export function clauseAt(text: string, start: number, end: number): string {
  const from = clauseStart(text, start)
  let to = end
  while (to < text.length && !CLAUSE_END_CODES.has(text.charCodeAt(to))) to += 1
  return text.slice(from, to)
}

/** Where the clause holding position `at` begins: after the nearest ，；： before it. */
export function clauseStart(text: string, at: number, floor = 0): number {
  let from = at
  while (from > floor && !CLAUSE_END_CODES.has(text.charCodeAt(from - 1))) from -= 1
  return from
}

/**
 * What may support a claim at [start, end) of a sentence: the clause right before it (产值增长15%，成效显著) and the
 * rest of the sentence from its own clause on (成效突出，产业实力雄厚，平均销售收入近4000亿元) — not a figure three
 * clauses before it, which belongs to another statement (园区内9个模块上线运行，取得了非常好的效果).
 */
export function claimContext(text: string, start: number): string {
  // Bounded on both sides, so that a pasted sentence of thousands of clauses is not read again for every claim in it.
  const floor = Math.max(0, start - CLAIM_CONTEXT_CHARS)
  let from = clauseStart(text, start, floor)
  if (from > floor) from = clauseStart(text, from - 1, floor)
  return text.slice(from, start + CLAIM_CONTEXT_CHARS)
}
const CLAIM_CONTEXT_CHARS = 160
