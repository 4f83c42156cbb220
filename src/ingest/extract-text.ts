import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js'
import { UserError } from '../errors.js'
import { openZip, type ZipArchive } from '../model/docx-zip.js'
import { readDocxText } from './docx-text.js'
import { normalizePolicyText } from './normalize.js'
import { matchMarker } from './numbering.js'
import { layOut, type LaidOutParagraph, type PageRuns } from './page-layout.js'
import { checkPdfStreams, DEFAULT_PDF_INFLATE_LIMITS, PdfBombError } from './pdf-stream-check.js'
import { drawsImage, meaningfulChars, MIN_TEXT_CHARS_PER_PAGE, openPdf, PdfOpenError, pageRuns } from './pdf-pages.js'
import { readScannedPages, type ScanProgress } from './scanned-pages.js'
import { unifyCharacters } from './unify-characters.js'
import { checkZipArchive, ZipCheckError } from './zip-check.js'

export interface IngestLimits {
  /** Largest accepted upload. */
  maxBytes: number
  /** Most PDF pages read. */
  maxPages: number
  /** Most characters of extracted text. */
  maxChars: number
  /**
   * Most scanned (image) pages read by OCR in one upload: OCR takes seconds per page on a small server, and an
   * upload must finish within the ingestion job's time budget.
   */
  maxOcrPages: number
  /** Most entries in a DOCX (a ZIP archive); an ordinary document has a few dozen. */
  maxZipEntries: number
  /** Most uncompressed bytes in a DOCX, against zip bombs. */
  maxUnzippedBytes: number
}

export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxPages: 300,
  maxOcrPages: 10,
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
  /** The extracted text, not yet normalized; paragraphs separated by a blank line. */
  text: string
  pages?: number
  mediaType: string
  /** PDF: the paragraphs as laid out, each with the page it starts on (for the page of every clause). */
  paragraphs?: LaidOutParagraph[]
  /** PDF pages that had no text layer and were read by OCR. */
  ocrPages?: number[]
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
  image_only_pdf: '该 PDF 中没有识别出文字（可能是空白页或图片）：请上传文字版 PDF 或 Word 文档。',
  too_many_scanned_pages: (pages: number, max: number) =>
    `该 PDF 有 ${pages} 页是扫描图片，需要逐页识别文字，一次最多识别 ${max} 页：请把文件拆分成每份不超过 ${max} 页后分别上传，或上传文字版 PDF 或 Word 文档。`,
  scan_unreadable: (pages: readonly number[]) =>
    `第 ${pages.join('、')} 页是扫描图片，但图像不够清晰，识别出的文字不可靠，文件未导入：请重新扫描这些页（建议 300 dpi、页面放正、不要复印件的复印件），或上传文字版 PDF 或 Word 文档。`,
  ocr_failed: '扫描件文字识别未能完成，文件未导入：请稍后重试；如仍不行，请上传文字版 PDF 或 Word 文档。',
  too_many_pages: (pages: number, max: number) => `PDF 页数过多：共 ${pages} 页，最多支持 ${max} 页。请只上传相关章节，或拆成几份分别上传。`,
  pdf_too_large: 'PDF 文件解压后的内容过大（文件可能已损坏或被改动过），已拒绝处理：请用原软件重新导出或“打印为 PDF”后再上传，也可以上传 Word 版本。',
  pdf_image_too_large: (maxPixels: number) =>
    `该 PDF 中有图片的像素过多（超过 ${maxPixels / 10_000} 万像素），无法处理：请以 300 dpi 重新扫描或导出后再上传，也可以上传 Word 版本。`,
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
export async function extractDocumentText(
  input: ExtractInput,
  limits?: Partial<IngestLimits>,
  onProgress?: (progress: ScanProgress) => void,
): Promise<ExtractedText> {
  const limit: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...limits }
  const { data } = input
  if (data.byteLength > limit.maxBytes) {
    throw new UserError('file_too_large', messages.file_too_large(limit.maxBytes), 413)
  }
  if (data.byteLength === 0) throw new UserError('empty_document', messages.empty_document, 422)

  const type = detectDocumentType(input)
  let text: string
  let pages: number | undefined
  let layoutTitle: string | undefined
  let paragraphs: LaidOutParagraph[] | undefined
  let ocrPages: number[] | undefined
  switch (type) {
    case 'pdf':
      ;({ text, pages, title: layoutTitle, paragraphs, ocrPages } = await extractPdf(data, limit, onProgress))
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
    // The largest type on page 1 when the PDF has one, else the first short line.
    title: layoutTitle ? unifyCharacters(layoutTitle).replace(/^《(.*)》$/, '$1') : titleOf(normalized, input.fileName),
    text,
    ...(pages !== undefined ? { pages } : {}),
    mediaType: MEDIA_TYPES[type],
    ...(paragraphs ? { paragraphs } : {}),
    ...(ocrPages ? { ocrPages } : {}),
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

interface PdfText {
  text: string
  pages: number
  title?: string
  paragraphs: LaidOutParagraph[]
  ocrPages?: number[]
}

async function extractPdf(data: Uint8Array, limit: IngestLimits, onProgress?: (progress: ScanProgress) => void): Promise<PdfText> {
  let ocrPages: number[] = []
  refusePdfBomb(data)
  let pdf: PDFDocumentProxy
  try {
    pdf = await openPdf(data)
  } catch (error) {
    if (error instanceof PdfOpenError && error.reason === 'encrypted') {
      throw new UserError('encrypted_pdf', messages.encrypted_pdf, 422)
    }
    throw new UserError('unreadable_pdf', messages.unreadable_pdf, 422)
  }
  try {
    const pages = pdf.numPages
    if (pages > limit.maxPages) {
      throw new UserError('too_many_pages', messages.too_many_pages(pages, limit.maxPages), 413)
    }
    const runs: PageRuns[] = []
    const scanned: { page: number; width: number; height: number }[] = []
    for (let n = 1; n <= pages; n++) {
      const page = await pdf.getPage(n)
      const pageText = await pageRuns(page)
      // A page with (almost) no text layer that draws an image is a scan: it is read by OCR below.
      if (meaningfulChars(pageText.runs) < MIN_TEXT_CHARS_PER_PAGE && (await drawsImage(page))) {
        scanned.push({ page: n, width: pageText.width, height: pageText.height })
      }
      page.cleanup()
      runs.push(pageText)
    }
    if (scanned.length > limit.maxOcrPages) {
      throw new UserError('too_many_scanned_pages', messages.too_many_scanned_pages(scanned.length, limit.maxOcrPages), 413)
    }
    if (scanned.length > 0) {
      const read = await readScanned(data, scanned, onProgress)
      for (const page of read) runs[page.page - 1] = page
      ocrPages = read.map((p) => p.page)
    }
    if (runs.reduce((n, page) => n + meaningfulChars(page.runs), 0) < MIN_TEXT_CHARS_PER_PAGE) {
      throw new UserError('image_only_pdf', messages.image_only_pdf, 422)
    }
    const layout = layOut(runs)
    return {
      text: layout.paragraphs.map((p) => p.text).join('\n\n'),
      pages,
      ...(layout.title ? { title: layout.title } : {}),
      paragraphs: layout.paragraphs,
      ...(ocrPages.length > 0 ? { ocrPages } : {}),
    }
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError('unreadable_pdf', messages.unreadable_pdf, 422)
  } finally {
    await pdf.destroy().catch(() => undefined)
  }
}

/** A PDF that inflates far beyond its size, or declares a giant image, is refused before pdf.js reads it. */
function refusePdfBomb(data: Uint8Array): void {
  try {
    checkPdfStreams(data)
  } catch (error) {
    if (!(error instanceof PdfBombError)) throw error
    if (error.problem === 'image-too-large') throw new UserError('pdf_image_too_large', messages.pdf_image_too_large(DEFAULT_PDF_INFLATE_LIMITS.maxImagePixels), 413)
    throw new UserError('pdf_too_large', messages.pdf_too_large, 413)
  }
}

/** OCR of the scanned pages; a page read too doubtfully refuses the upload with its page numbers. */
async function readScanned(
  data: Uint8Array,
  scanned: readonly { page: number; width: number; height: number }[],
  onProgress?: (progress: ScanProgress) => void,
): Promise<PageRuns[]> {
  let result: Awaited<ReturnType<typeof readScannedPages>>
  try {
    result = await readScannedPages(data, scanned, onProgress)
  } catch {
    throw new UserError('ocr_failed', messages.ocr_failed, 422)
  }
  if (result.doubtful.length > 0) throw new UserError('scan_unreadable', messages.scan_unreadable(result.doubtful), 422)
  return result.pages
}

async function extractDocx(data: Uint8Array, limit: IngestLimits): Promise<string> {
  let archive: ZipArchive
  try {
    checkZipArchive(data, { maxEntries: limit.maxZipEntries, maxUnzippedBytes: limit.maxUnzippedBytes })
    archive = openZip(data, { maxEntries: limit.maxZipEntries, maxUncompressedBytes: limit.maxUnzippedBytes })
  } catch (error) {
    if (error instanceof ZipCheckError && error.problem !== 'malformed') {
      throw new UserError('docx_too_large', messages.docx_too_large, 413)
    }
    throw new UserError('unreadable_docx', messages.unreadable_docx, 422)
  }
  if (!archive.has('word/document.xml')) {
    throw new UserError('unsupported_type', messages.unsupported_type, 415)
  }
  try {
    return readDocxText(archive)
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
