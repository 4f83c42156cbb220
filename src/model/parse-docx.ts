import { UserError } from '../errors.js'
import { readDocxParagraphs, type DocxParagraph, type DocxParts } from './docx-typography.js'
import { openZip, ZipError, type ZipArchive, type ZipErrorReason } from './docx-zip.js'
import { parseXml, childElements, XmlSyntaxError, type XmlElement } from './ooxml.js'
import { reportInsideForm, type FormReport } from './form-report.js'
import { parseReport } from './parse-report.js'
import type { ReportDoc } from './report-doc.js'

/**
 * A Word draft as the report model: one source line per Word paragraph (empty paragraphs included), so every rule
 * works on .docx drafts and a finding at line i is paragraph i; the paragraphs keep their effective typography for
 * the `format` rule.
 */
export interface DocxReport {
  doc: ReportDoc
  paragraphs: DocxParagraph[]
  /** A filled-in 经验总结材料: only its report was read; where that text is in the file (form-report.ts). */
  form?: FormReport
}

export interface DocxLimits {
  /** Entries in the zip (a report draft has a few dozen; images add one each). */
  maxEntries: number
  /** Sum of the declared uncompressed sizes of all entries. */
  maxUncompressedBytes: number
  /** Size of one XML part we parse (document, styles, theme, settings, relationships). */
  maxXmlBytes: number
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxEntries: 2000,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxXmlBytes: 16 * 1024 * 1024,
}

const MB = 1024 * 1024

export const messages = {
  empty: '上传的文件是空的，请重新选择 Word 文档（.docx）。',
  notDocx: (what: string) => `文件不是 Word 文档（.docx），看起来是${what}。请上传 .docx 格式的报告草稿。`,
  unknownFormat: '无法识别文件格式，不是 Word 文档（.docx）。请在 Word 或 WPS 中“另存为”.docx 格式后重新上传。',
  encryptedDocx: '文档设置了打开密码（已加密），无法读取。请在 Word 中“文件 → 信息 → 保护文档”取消密码并保存后重新上传。',
  legacyDoc: '这是旧版 Word 97-2003 文档（.doc），暂不支持。请在 Word 或 WPS 中“另存为”.docx 格式后重新上传。',
  oleFile: '文件是 OLE 复合文档：可能是加密的 Word 文档或旧版 .doc/.xls 文件，无法读取。请取消密码并另存为 .docx 后重新上传。',
  truncated: '文件不完整或已损坏（压缩包结构缺失），可能是上传或下载中断。请在 Word 中重新保存后上传。',
  corrupted: (detail: string) => `Word 文档已损坏，无法读取（${detail}）。请在 Word 中打开并另存为新的 .docx 后重新上传。`,
  zipEncrypted: '文档内容被加密，无法读取。请取消加密后另存为 .docx 重新上传。',
  unsupported: '文档使用了不支持的压缩格式。请在 Word 中另存为标准 .docx 格式后重新上传。',
  tooManyEntries: (max: number) => `文档内部文件数量超过 ${max} 个，疑似异常文件，已拒绝处理。`,
  tooLarge: (maxMb: number) => `文档解压后超过 ${maxMb} MB，疑似压缩炸弹或包含过多大图片，已拒绝处理。请删除大图片后重新上传。`,
  inflatesBeyondDeclared: '文档解压后的实际大小超过其声明的大小，疑似压缩炸弹，已拒绝处理。',
  xmlTooLarge: (part: string, maxMb: number) => `文档部件 ${part} 解压后超过 ${maxMb} MB，已拒绝处理。`,
  notWord: '压缩包中没有 Word 正文（word/document.xml），不是 Word 文档。如为 Excel、PowerPoint 或其他压缩包，请改传 .docx 报告。',
  badXml: (part: string) => `Word 文档已损坏：${part} 不是有效的 XML。请在 Word 中打开并另存为新的 .docx 后重新上传。`,
} as const

// Magic numbers of the files people upload by mistake, for a message that says what the file is.
const SIGNATURES: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文件' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF 文件' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7z 压缩包' },
]
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

const REL_OFFICE_DOCUMENT = '/officeDocument'
const REL_STYLES = '/styles'
const REL_THEME = '/theme'
const REL_SETTINGS = '/settings'
const REL_NUMBERING = '/numbering'

export async function parseDocxReport(data: Uint8Array, limits: Partial<DocxLimits> = {}): Promise<DocxReport> {
  const caps = { ...DEFAULT_DOCX_LIMITS, ...limits }
  rejectOtherFormats(data)
  const zip = openArchive(data, caps)
  const parts = readParts(zip, caps)
  const all = readDocxParagraphs(parts)
  const form = reportInsideForm(all)
  const paragraphs = form ? form.paragraphs : all
  const doc = parseReport(paragraphs.map((p) => p.text).join('\n'), 'text')
  doc.format = 'docx'
  return { doc, paragraphs, ...(form ? { form } : {}) }
}

function rejectOtherFormats(data: Uint8Array): void {
  if (data.length === 0) throw new UserError('docx_empty', messages.empty, 400)
  if (startsWith(data, OLE_SIGNATURE)) {
    // An encrypted .docx is an OLE file with an EncryptedPackage stream; a .doc has a WordDocument stream.
    if (containsUtf16(data, 'EncryptedPackage')) throw new UserError('docx_encrypted', messages.encryptedDocx, 415)
    if (containsUtf16(data, 'WordDocument')) throw new UserError('docx_legacy_doc', messages.legacyDoc, 415)
    throw new UserError('docx_ole_file', messages.oleFile, 415)
  }
  const known = SIGNATURES.find((signature) => startsWith(data, signature.bytes))
  if (known) throw new UserError('docx_not_docx', messages.notDocx(known.what), 415)
}

function openArchive(data: Uint8Array, caps: DocxLimits): ZipArchive {
  try {
    return openZip(data, caps)
  } catch (error) {
    throw userErrorOf(error, caps)
  }
}

function userErrorOf(error: unknown, caps: DocxLimits): unknown {
  if (!(error instanceof ZipError)) return error
  const byReason: Record<ZipErrorReason, () => UserError> = {
    'not-zip': () => new UserError('docx_not_docx', messages.unknownFormat, 415),
    truncated: () => new UserError('docx_corrupted', messages.truncated, 422),
    corrupted: () => new UserError('docx_corrupted', messages.corrupted('压缩数据校验失败'), 422),
    encrypted: () => new UserError('docx_encrypted', messages.zipEncrypted, 415),
    unsupported: () => new UserError('docx_unsupported', messages.unsupported, 415),
    'too-many-entries': () => new UserError('docx_too_large', messages.tooManyEntries(caps.maxEntries), 413),
    'too-large': () => new UserError('docx_too_large', messages.tooLarge(Math.round(caps.maxUncompressedBytes / MB)), 413),
    'inflates-beyond-declared-size': () => new UserError('docx_too_large', messages.inflatesBeyondDeclared, 413),
  }
  return byReason[error.reason]()
}

function readParts(zip: ZipArchive, caps: DocxLimits): DocxParts {
  const packageRels = readXmlPart(zip, '_rels/.rels', caps)
  const documentPath = relationTarget(packageRels, REL_OFFICE_DOCUMENT, '') ?? 'word/document.xml'
  const document = readXmlPart(zip, documentPath, caps)
  if (document?.name !== 'w:document') throw new UserError('docx_not_word', messages.notWord, 415)

  const slash = documentPath.lastIndexOf('/')
  const folder = slash < 0 ? '' : documentPath.slice(0, slash + 1)
  const documentRels = readXmlPart(zip, `${folder}_rels/${documentPath.slice(slash + 1)}.rels`, caps)
  const related = (type: string, fallback: string) => readXmlPart(zip, relationTarget(documentRels, type, folder) ?? `${folder}${fallback}`, caps)
  const styles = related(REL_STYLES, 'styles.xml')
  const theme = related(REL_THEME, 'theme/theme1.xml')
  const settings = related(REL_SETTINGS, 'settings.xml')
  const numbering = related(REL_NUMBERING, 'numbering.xml')
  return { document, ...(styles ? { styles } : {}), ...(theme ? { theme } : {}), ...(settings ? { settings } : {}), ...(numbering ? { numbering } : {}) }
}

function readXmlPart(zip: ZipArchive, path: string, caps: DocxLimits): XmlElement | undefined {
  let bytes: Uint8Array | undefined
  try {
    bytes = zip.read(path)
  } catch (error) {
    throw userErrorOf(error, caps)
  }
  if (!bytes) return undefined
  if (bytes.length > caps.maxXmlBytes) throw new UserError('docx_too_large', messages.xmlTooLarge(path, Math.round(caps.maxXmlBytes / MB)), 413)
  try {
    return parseXml(decodeXml(bytes))
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new UserError('docx_corrupted', messages.badXml(path), 422)
    throw error
  }
}

/** OOXML parts are UTF-8, or UTF-16 with a byte order mark. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

/** The zip path of the first relationship whose type ends with `typeSuffix` (transitional and Strict URIs differ). */
export function relationTarget(rels: XmlElement | undefined, typeSuffix: string, folder: string): string | undefined {
  const relation = childElements(rels, 'Relationship').find(
    (r) => (r.attrs['Type'] ?? '').endsWith(typeSuffix) && r.attrs['TargetMode'] !== 'External',
  )
  const target = relation?.attrs['Target']
  if (!target) return undefined
  return resolvePartPath(folder, target)
}

export function resolvePartPath(folder: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : `${folder}${target}`
  const steps: string[] = []
  for (const step of joined.split('/')) {
    if (step === '..') steps.pop()
    else if (step !== '.' && step !== '') steps.push(step)
  }
  return steps.join('/')
}

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((byte, i) => data[i] === byte)
}

function containsUtf16(data: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le')
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(needle)
}
