import { UserError } from '../errors.js'
import { normalizePolicyText } from './normalize.js'
import { matchMarker } from './numbering.js'
import { checkZipArchive, ZipCheckError } from './zip-check.js'

export interface IngestLimits {
  /** Largest accepted upload. */
  maxBytes: number
  /** Most PDF pages read. */
  maxPages: number
  /** Most characters of extracted text. */
  maxChars: number
  /** Most entries in a DOCX (a ZIP archive); an ordinary document has a few dozen. */
  maxZipEntries: number
  /** Most uncompressed bytes in a DOCX, against zip bombs. */
  maxUnzippedBytes: number
}

export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxPages: 300,
  maxChars: 500_000,
  maxZipEntries: 1_000,
  maxUnzippedBytes: 100 * 1024 * 1024,
})

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  md: 'text/markdown',
} as const
export type DocumentType = keyof typeof MEDIA_TYPES

export interface ExtractInput {
  fileName: string
  data: Uint8Array
  /** The media type the client declared; used only when neither the bytes nor the file name tell. */
  mediaType?: string
}

export interface ExtractedText {
  /** First short line of the normalized text, else the file name without extension. */
  title: string
  /** The extracted text, not yet normalized; PDF pages are separated by a form feed (\f). */
  text: string
  pages?: number
  mediaType: string
}

const MiB = 1024 * 1024

/** User-facing messages of the ingest module, by error code. */
export const messages = {
  file_too_large: (max: number) => `文件过大：上传文件不能超过 ${formatBytes(max)}。请删去文件中的图片或附件后另存，或拆成几份分别上传。`,
  empty_document: '文档中没有可读取的文字内容：请确认上传的是正文文件；如果是扫描件或图片，请上传文字版 PDF 或 Word 文档。',
  unsupported_type: '不支持的文件类型：请上传 PDF、Word（.docx）、TXT 或 Markdown 文件。',
  legacy_word: '不支持旧版 Word（.doc）或加密的 Word 文档：请在 Word 中另存为 .docx（不设密码）后再上传。',
  image_file: '不支持直接上传图片：请上传带文字层的 PDF 或 Word 文档。',
  not_utf8: '无法识别文本文件的编码：请将文件另存为 UTF-8 编码后再上传。',
  encrypted_pdf: '该 PDF 已加密（需要密码才能打开），无法读取：请上传未加密的版本。',
  unreadable_pdf: 'PDF 文件已损坏或格式不正确，无法读取：请用原软件重新导出（或“打印为 PDF”）后再上传，也可以上传 Word 版本。',
  image_only_pdf: '该 PDF 没有可提取的文字（可能是扫描件或图片）：请上传文字版 PDF 或 Word 文档，或先进行文字识别（OCR）。',
  too_many_pages: (pages: number, max: number) => `PDF 页数过多：共 ${pages} 页，最多支持 ${max} 页。请只上传相关章节，或拆成几份分别上传。`,
  unreadable_docx: 'Word 文档已损坏或格式不正确，无法读取：请用 Word 打开后另存为 .docx 再上传。',
  docx_too_large: 'Word 文档解压后内容过大或文件数量过多，已拒绝处理：请删去文档中的图片、嵌入对象后用 Word 另存为 .docx，再重新上传。',
  text_too_long: (chars: number, max: number) => `文档文字过多：共约 ${chars} 字，最多支持 ${max} 字。请只上传相关章节，或拆成几份分别上传。`,
} as const

function formatBytes(n: number): string {
  return n >= MiB ? `${Math.round((n / MiB) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} 字节`
}

/**
 * Extracts the text of an uploaded policy document (PDF, DOCX, TXT, Markdown). The type is told by the file's
 * magic bytes first, then by its extension, then by the declared media type. Failures are UserErrors with a
 * Chinese message and a 4xx status.
 */
export async function extractDocumentText(input: ExtractInput, limits?: Partial<IngestLimits>): Promise<ExtractedText> {
  const limit: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...limits }
  const { data } = input
  if (data.byteLength > limit.maxBytes) {
    throw new UserError('file_too_large', messages.file_too_large(limit.maxBytes), 413)
  }
  if (data.byteLength === 0) throw new UserError('empty_document', messages.empty_document, 422)

  const type = detectDocumentType(input)
  let text: string
  let pages: number | undefined
  switch (type) {
    case 'pdf':
      ;({ text, pages } = await extractPdf(data, limit))
      break
    case 'docx':
      text = await extractDocx(data, limit)
      break
    case 'md':
      text = stripMarkdown(decodeText(data))
      break
    case 'txt':
      text = decodeText(data)
      break
  }
  if (text.length > limit.maxChars) {
    throw new UserError('text_too_long', messages.text_too_long(text.length, limit.maxChars), 413)
  }
  const normalized = normalizePolicyText(text)
  if (!/[\p{L}\p{N}]/u.test(normalized)) throw new UserError('empty_document', messages.empty_document, 422)
  return {
    title: titleOf(normalized, input.fileName),
    text,
    ...(pages !== undefined ? { pages } : {}),
    mediaType: MEDIA_TYPES[type],
  }
}

function startsWith(data: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((b, i) => data[at + i] === b)
}

/** PDF, DOCX, TXT or Markdown; throws unsupported_type (415) for anything else. */
export function detectDocumentType(input: ExtractInput): DocumentType {
  const { data } = input
  const ext = /\.([^./\\]+)$/.exec(input.fileName)?.[1]?.toLowerCase() ?? ''
  // "%PDF-" may follow a little junk; readers accept it within the first KiB.
  const head = new TextDecoder('latin1').decode(data.subarray(0, 1024))
  if (head.includes('%PDF-')) return 'pdf'
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) {
    // A ZIP: only a Word document is accepted; extractDocx checks for word/document.xml.
    if (['xlsx', 'pptx', 'zip', 'odt', 'wps'].includes(ext)) {
      throw new UserError('unsupported_type', messages.unsupported_type, 415)
    }
    return 'docx'
  }
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new UserError('unsupported_type', messages.legacy_word, 415)
  }
  const isImage =
    startsWith(data, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(data, [0xff, 0xd8, 0xff]) ||
    startsWith(data, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(data, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(data, [0x4d, 0x4d, 0x00, 0x2a])
  if (isImage) throw new UserError('unsupported_type', messages.image_file, 415)

  if (ext === 'pdf') throw new UserError('unreadable_pdf', messages.unreadable_pdf, 422)
  if (ext === 'docx') throw new UserError('unreadable_docx', messages.unreadable_docx, 422)
  if (ext === 'doc') throw new UserError('unsupported_type', messages.legacy_word, 415)
  if (ext === 'txt' || ext === 'text') return 'txt'
  if (ext === 'md' || ext === 'markdown') return 'md'
  const declared = input.mediaType?.split(';')[0]?.trim().toLowerCase()
  if (declared === 'text/plain') return 'txt'
  if (declared === 'text/markdown' || declared === 'text/x-markdown') return 'md'
  throw new UserError('unsupported_type', messages.unsupported_type, 415)
}

/**
 * UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 — the encoding of text files saved by Chinese Windows.
 */
export function decodeText(data: Uint8Array): string {
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return decodeStrict('utf-8', data.subarray(3))
  if (startsWith(data, [0xff, 0xfe])) return decodeStrict('utf-16le', data.subarray(2))
  if (startsWith(data, [0xfe, 0xff])) return decodeStrict('utf-16be', data.subarray(2))
  if (data.includes(0)) throw new UserError('not_utf8', messages.not_utf8, 422)
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(data)
    } catch {
      // try the next encoding
    }
  }
  throw new UserError('not_utf8', messages.not_utf8, 422)
}

function decodeStrict(encoding: string, data: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(data)
  } catch {
    throw new UserError('not_utf8', messages.not_utf8, 422)
  }
}

/** Enough Markdown removed that numbering markers start their lines: headings, emphasis, links, quotes, code. */
export function stripMarkdown(md: string): string {
  return md
    .replace(/^```.*$/gm, '')
    .replace(/^ {0,3}#{1,6}[ \t]+/gm, '')
    .replace(/[ \t]+#+[ \t]*$/gm, '')
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
}

/** Meaningful characters per page below which a PDF counts as scanned (its text layer is empty or noise). */
const MIN_CHARS_PER_PAGE = 10

async function extractPdf(data: Uint8Array, limit: IngestLimits): Promise<{ text: string; pages: number }> {
  // Loaded on first use (as mammoth below): pdf.js takes a noticeable part of a second to load, and most runs — a .txt
  // draft on the command line, the server at rest — never read a PDF.
  const { FormatError, InvalidPDFException, PasswordException, PDFParse } = await import('pdf-parse')
  // pdf.js may detach the buffer it is given: hand it a copy so the caller's bytes stay usable.
  const parser = new PDFParse({ data: new Uint8Array(data) })
  try {
    const info = await parser.getInfo()
    const pages = info.total
    if (pages > limit.maxPages) {
      throw new UserError('too_many_pages', messages.too_many_pages(pages, limit.maxPages), 413)
    }
    const result = await parser.getText({ pageJoiner: '' })
    const text = result.pages.map((p) => p.text).join('\n\f\n')
    const meaningful = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0
    if (meaningful < MIN_CHARS_PER_PAGE * Math.max(1, pages)) {
      throw new UserError('image_only_pdf', messages.image_only_pdf, 422)
    }
    return { text, pages }
  } catch (error) {
    if (error instanceof UserError) throw error
    const name = error instanceof Error ? error.name : ''
    if (error instanceof PasswordException || name === 'PasswordException') {
      throw new UserError('encrypted_pdf', messages.encrypted_pdf, 422)
    }
    if (error instanceof InvalidPDFException || error instanceof FormatError || name === 'InvalidPDFException') {
      throw new UserError('unreadable_pdf', messages.unreadable_pdf, 422)
    }
    throw new UserError('unreadable_pdf', messages.unreadable_pdf, 422)
  } finally {
    await parser.destroy().catch(() => undefined)
  }
}

async function extractDocx(data: Uint8Array, limit: IngestLimits): Promise<string> {
  let names: string[]
  try {
    names = checkZipArchive(data, { maxEntries: limit.maxZipEntries, maxUnzippedBytes: limit.maxUnzippedBytes }).map(
      (e) => e.name,
    )
  } catch (error) {
    if (error instanceof ZipCheckError && error.problem !== 'malformed') {
      throw new UserError('docx_too_large', messages.docx_too_large, 413)
    }
    throw new UserError('unreadable_docx', messages.unreadable_docx, 422)
  }
  if (!names.includes('word/document.xml')) {
    throw new UserError('unsupported_type', messages.unsupported_type, 415)
  }
  try {
    // extractRawText ends every paragraph with a blank line, which the normalizer reads as a paragraph break.
    const { default: mammoth } = await import('mammoth')
    const result = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) })
    return result.value
  } catch {
    throw new UserError('unreadable_docx', messages.unreadable_docx, 422)
  }
}

/**
 * The first line of the normalized text when it is short enough to be a title and not a numbered heading
 * (一、总体要求), else the file name's stem.
 */
export function titleOf(normalizedText: string, fileName: string): string {
  const first = normalizedText
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '')
  if (first && first.length <= 60 && !/[。！？；]$/.test(first) && !matchMarker(first)) {
    return first.replace(/^《(.*)》$/, '$1')
  }
  const base = fileName.split(/[/\\]/).pop() ?? fileName
  return base.replace(/\.[^.]+$/, '').trim() || base
}
