import type { ReportDoc, TextSpan } from '../model/report-doc.js'
import { walkSections } from '../model/sections.js'
import { checkMemo } from './check-memo.js'

export type BlockRole = 'title' | 'abstract-label' | 'abstract' | 'preamble' | 'heading' | 'lead' | 'paragraph'

/** A piece of the report's clean text with its source offset and where it sits. */
export interface TextBlock extends TextSpan {
  role: BlockRole
  /** Section path, 【摘要】, 标题 or 全文. */
  section: string
  level?: number
}

/**
 * Every piece of text in document order — what most rules scan. Offsets inside a block map to the source
 * as `block.start + i` for plain text; for Markdown use `blockOffset` (decorations may sit inside a block).
 */
export function textBlocks(doc: ReportDoc): readonly TextBlock[] {
  // Once per check: the blocks are a function of the doc alone, which no rule changes (check-memo.ts).
  return checkMemo(doc, 'textBlocks', collectBlocks)
}

function collectBlocks(doc: ReportDoc): TextBlock[] {
  const blocks: TextBlock[] = []
  if (doc.title) blocks.push({ ...doc.title, role: 'title', section: '标题' })
  for (const span of doc.preamble) blocks.push({ ...span, role: 'preamble', section: '全文' })
  if (doc.abstract) {
    blocks.push({ ...doc.abstract.label, role: 'abstract-label', section: '【摘要】' })
    for (const span of doc.abstract.paragraphs) blocks.push({ ...span, role: 'abstract', section: '【摘要】' })
  }
  for (const section of walkSections(doc.sections)) {
    const at = { section: section.path, level: section.level }
    if (section.heading.text) blocks.push({ ...section.heading, role: 'heading', ...at })
    if (section.lead) blocks.push({ ...section.lead, role: 'lead', ...at })
    for (const span of section.paragraphs) blocks.push({ ...span, role: 'paragraph', ...at })
  }
  return blocks
}

/**
 * Source offset of character `i` of a block. Plain text and .docx blocks are contiguous in the source;
 * a Markdown block may contain ** marks, so it is mapped by matching its clean text in the source, once per block
 * (matching the prefix again for every finding made a long Markdown paragraph with many findings quadratic).
 */
export function blockOffset(doc: ReportDoc, block: TextSpan, i: number): number {
  if (doc.format !== 'markdown' || block.end - block.start === block.text.length) return block.start + i
  return markdownOffsets(doc, block)[i] ?? block.end
}

const markdownOffsetCache = new WeakMap<TextSpan, Int32Array>()

/** The source offset of each clean character of a Markdown block: its first match after the previous one's. */
function markdownOffsets(doc: ReportDoc, block: TextSpan): Int32Array {
  let offsets = markdownOffsetCache.get(block)
  if (offsets) return offsets
  offsets = new Int32Array(block.text.length)
  let offset = block.start
  for (let i = 0; i < block.text.length; i += 1) {
    while (offset < block.end && doc.source[offset] !== block.text[i]) offset += 1
    offsets[i] = offset
    if (offset < block.end) offset += 1
  }
  markdownOffsetCache.set(block, offsets)
  return offsets
}

/** Source range of block characters [from, to). */
export function blockRange(doc: ReportDoc, block: TextSpan, from: number, to: number): { start: number; end: number } {
  const start = blockOffset(doc, block, from)
  const end = to > from ? blockOffset(doc, block, to - 1) + 1 : start
  return { start, end }
}
