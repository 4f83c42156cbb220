import { extname } from 'node:path'
import { UserError } from '../errors.js'
import { decodeText } from '../ingest/extract-text.js'
import type { DocxParagraph } from './docx-typography.js'
import type { FormReport } from './form-report.js'
import { parseDocxReport } from './parse-docx.js'
import { parseReport } from './parse-report.js'
import type { ReportDoc } from './report-doc.js'

/** A draft as the checker takes it: the model, and for .docx the paragraphs with their typography. */
export interface LoadedDraft {
  doc: ReportDoc
  docxParagraphs?: DocxParagraph[]
  /** Set when the .docx is a filled-in 经验总结材料 and `doc` is the report inside it. */
  form?: FormReport
}

/** Longest draft accepted: a report is ≤3000字; ten times that is surely a wrong file. */
export const MAX_DRAFT_CHARS = 60_000

const messages = {
  tooLong: (chars: number) => `草稿过长（${chars} 个字符，上限 ${MAX_DRAFT_CHARS}）。请只提交报告正文。`,
  empty: '草稿里没有读到正文文字。请确认选对了文件；如果是扫描件或图片，请提交 Word（.docx）或文本格式的稿件。',
  unsupported: (name: string) => `不支持的草稿格式“${name}”：请提交 .txt、.md 或 .docx 文件。`,
}

const isZip = (data: Uint8Array) => data[0] === 0x50 && data[1] === 0x4b

/** Reads a draft file by its content and extension: .docx (Word), .md (Markdown) or plain text. */
export async function loadDraft(fileName: string, data: Uint8Array): Promise<LoadedDraft> {
  const extension = extname(fileName).toLowerCase()
  if (extension === '.docx' || isZip(data)) {
    const { doc, paragraphs, form } = await parseDocxReport(data)
    requireText(doc.source)
    return { doc, docxParagraphs: paragraphs, ...(form ? { form } : {}) }
  }
  if (!['.txt', '.md', '.markdown', ''].includes(extension)) throw new UserError('unsupported_draft', messages.unsupported(fileName), 415)
  return { doc: parseDraftText(decodeText(data), extension === '.md' || extension === '.markdown' ? 'markdown' : 'text') }
}

/** Parses pasted draft text, with the length limit every entry point shares. */
export function parseDraftText(text: string, format: 'text' | 'markdown' = 'text'): ReportDoc {
  requireText(text)
  return parseReport(text, format)
}

function requireText(text: string): void {
  if (!text.trim()) throw new UserError('empty_draft', messages.empty, 422)
  if (text.length > MAX_DRAFT_CHARS) throw new UserError('draft_too_long', messages.tooLong(text.length), 413)
}
