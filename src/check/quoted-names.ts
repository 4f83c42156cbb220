import { matchesOf } from '../regex-matches.js'
/**
 * Spans of a text where a short form is quoted, not used: a 文号 (工信厅信管〔2022〕23号 — GB/T 9704 发文字号, whose
 * 发文机关代字 is a fixed short form of the issuing agency and is never written out) and a document title in 《》
 * (cited as published). The name rules leave what lies inside them alone.
 */

// 发文机关代字 + 年份 in 〔〕 (or the brackets a copy turns it into) + 序号 + 号: 国办发〔2020〕7号, 工信部联规[2021]12号.
const DOCUMENT_NUMBER = /[\u4e00-\u9fa5]{1,12}[〔［[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*第?\s*\d{1,5}\s*号/gu
const TITLE = /《[^《》]*》/gu

/** [start, end) of every 文号 in `text`. */
export function documentNumberSpans(text: string): { start: number; end: number }[] {
  // Every 文号 ends in 号, and most blocks have none: the pattern, which opens with a run of Chinese characters, would
  // otherwise be tried at every character of each block (four rules ask).
  if (!text.includes('号')) return []
  return [...matchesOf(text, DOCUMENT_NUMBER)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
}

/** [start, end) of every 《title》 and 文号 in `text`: what is cited there is written as published. */
export function citedSpans(text: string): { start: number; end: number }[] {
  return [...[...matchesOf(text, TITLE)].map((m) => ({ start: m.index, end: m.index + m[0].length })), ...documentNumberSpans(text)]
}
