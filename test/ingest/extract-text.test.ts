import { readFileSync } from 'node:fs'
import { crc32, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DEFAULT_INGEST_LIMITS, extractDocumentText, messages, type ExtractInput } from '../../src/ingest/extract-text.js'
import { normalizePolicyText } from '../../src/ingest/normalize.js'
import { declaredImage, lzwEncode, makePdf, onePagePdf } from '../helpers/make-pdf.js'
import { rejectionOf } from '../helpers/user-error.js'

const DOCS = new URL('../../fixtures/docs/', import.meta.url)
const fixture = (name: string): ExtractInput => ({ fileName: name, data: new Uint8Array(readFileSync(new URL(name, DOCS))) })
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** A sentence of 工业园区高质量发展指引 二（五）11 as it reads after normalization. */
const SENTENCE_11 = '推进5G、千兆光网、IPv6、移动物联网等园区网络基础设施部署，推动工业互联网进园区。'
/** The last sentence of 二（六）16, on the second page of the PDF. */
const SENTENCE_16 = '组织安全教育培训和演练，提升企业从业人员安全素质。'

describe('extractDocumentText on the fixtures', () => {
  it('PDF (LibreOffice, 2 pages): page count, title, text of both pages', async () => {
    const result = await extractDocumentText(fixture('policy-excerpt.pdf'))
    expect(result).toMatchObject({ title: '工业园区高质量发展指引', pages: 2, mediaType: 'application/pdf' })
    // 16. starts on page 1 and ends on page 2: one paragraph, sentence joined across the page break.
    expect(result.paragraphs?.at(-1)).toMatchObject({ page: 1, text: expect.stringMatching(/提升企业从业人员安全素质。$/) })
    const text = normalizePolicyText(result.text)
    expect(text).toContain(SENTENCE_11)
    expect(text).toContain(SENTENCE_16)
    expect(text.split('\n\n').slice(0, 4)).toEqual([
      '工业园区高质量发展指引',
      '二、发展导向',
      '（五）促进实数深度融合',
      `11.加强新型信息基础设施建设应用。${SENTENCE_11}支持适度建设或有效利用数据存储与计算基础设施，加强园区内算力资源统筹调度。鼓励有条件的园区打造人工智能、云计算等新技术设施，提升开源操作系统应用水平，夯实园区数字化智能化发展基础。`,
    ])
  })

  it('DOCX (docx package): title and text, no page count', async () => {
    const result = await extractDocumentText(fixture('policy-excerpt.docx'))
    expect(result).toEqual({
      title: '工业园区高质量发展指引',
      text: expect.stringContaining('11. 加强新型信息基础设施建设应用。推进5G、千兆光网、IPv6'),
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    })
    expect(normalizePolicyText(result.text)).toContain(SENTENCE_16)
  })

  it('TXT in GB18030 (Chinese Windows)', async () => {
    const result = await extractDocumentText(fixture('policy-excerpt-gb18030.txt'))
    expect(result).toMatchObject({ title: '工业园区高质量发展指引', mediaType: 'text/plain' })
    expect(normalizePolicyText(result.text)).toContain(SENTENCE_11)
  })

  it('an encrypted PDF (user password) → encrypted_pdf', async () => {
    const error = await rejectionOf(extractDocumentText(fixture('policy-excerpt-encrypted.pdf')))
    expect(error).toMatchObject({ code: 'encrypted_pdf', status: 422, message: messages.encrypted_pdf })
  })

  it('a scanned page with nothing written on it (OCR finds no text) → image_only_pdf', { timeout: 300_000 }, async () => {
    const error = await rejectionOf(extractDocumentText(fixture('blank-scan.pdf')))
    expect(error).toMatchObject({ code: 'image_only_pdf', status: 422, message: messages.image_only_pdf })
  })

  it('more scanned pages than OCR may read in one upload → too_many_scanned_pages, before any OCR', async () => {
    const error = await rejectionOf(extractDocumentText(fixture('zhiyin-scan.pdf'), { maxOcrPages: 1 }))
    expect(error).toMatchObject({
      code: 'too_many_scanned_pages',
      status: 413,
      message:
        '该 PDF 有 2 页是扫描图片，需要逐页识别文字，一次最多识别 1 页：请把文件拆分成每份不超过 1 页后分别上传，或上传文字版 PDF 或 Word 文档。',
    })
  })

  it('more pages than allowed → too_many_pages', async () => {
    const error = await rejectionOf(extractDocumentText(fixture('policy-excerpt.pdf'), { maxPages: 1 }))
    expect(error).toMatchObject({ code: 'too_many_pages', status: 413, message: 'PDF 页数过多：共 2 页，最多支持 1 页。请只上传相关章节，或拆成几份分别上传。' })
  })

  it('a file over maxBytes → file_too_large', async () => {
    const error = await rejectionOf(extractDocumentText(fixture('policy-excerpt.docx'), { maxBytes: 1024 }))
    expect(error).toMatchObject({ code: 'file_too_large', status: 413, message: '文件过大：上传文件不能超过 1 KB。请删去文件中的图片或附件后另存，或拆成几份分别上传。' })
  })

  it('more text than maxChars → text_too_long', async () => {
    const error = await rejectionOf(extractDocumentText(fixture('policy-excerpt-gb18030.txt'), { maxChars: 100 }))
    expect(error).toMatchObject({ code: 'text_too_long', status: 413 })
  })

  it('a truncated PDF → unreadable_pdf; a truncated DOCX → unreadable_docx', async () => {
    const pdf = fixture('policy-excerpt.pdf')
    const docx = fixture('policy-excerpt.docx')
    const brokenPdf = await rejectionOf(extractDocumentText({ ...pdf, data: pdf.data.subarray(0, 2000) }))
    expect(brokenPdf).toMatchObject({ code: 'unreadable_pdf', status: 422 })
    const brokenDocx = await rejectionOf(extractDocumentText({ ...docx, data: docx.data.subarray(0, 2000) }))
    expect(brokenDocx).toMatchObject({ code: 'unreadable_docx', status: 422 })
  })
})

describe('extractDocumentText: text files', () => {
  it.each([
    { name: 'UTF-8', data: utf8('工业园区高质量发展指引\n一、总体要求\n') },
    { name: 'UTF-8 with BOM', data: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('工业园区高质量发展指引\n一、总体要求\n')]) },
    {
      name: 'UTF-16LE with BOM',
      data: new Uint8Array([0xff, 0xfe, ...Buffer.from('工业园区高质量发展指引\n一、总体要求\n', 'utf16le')]),
    },
  ])('$name', async ({ data }) => {
    const result = await extractDocumentText({ fileName: '指引.txt', data })
    expect(result).toEqual({ title: '工业园区高质量发展指引', text: '工业园区高质量发展指引\n一、总体要求\n', mediaType: 'text/plain' })
  })

  it('Markdown: heading marks and emphasis removed so the numbering starts the line', async () => {
    const md = '# 工业园区高质量发展指引\n\n## 二、发展导向\n\n**11. 加强新型信息基础设施建设应用。**推进 5G。\n'
    const result = await extractDocumentText({ fileName: 'zhiyin.md', data: utf8(md) })
    expect(result).toMatchObject({ title: '工业园区高质量发展指引', mediaType: 'text/markdown' })
    expect(normalizePolicyText(result.text)).toBe('工业园区高质量发展指引\n\n二、发展导向\n\n11.加强新型信息基础设施建设应用。推进5G。')
  })

  it.each([
    { first: '请各园区于月底前报送材料。', why: 'a sentence' },
    { first: '一、总体要求', why: 'a numbered heading' },
  ])('the title falls back to the file name when the first line is $why', async ({ first }) => {
    const result = await extractDocumentText({ fileName: 'uploads/园区通知.txt', data: utf8(`${first}\n正文内容。`) })
    expect(result.title).toBe('园区通知')
  })

  it('a declared text/plain media type is enough when the name has no extension', async () => {
    const result = await extractDocumentText({ fileName: 'upload', data: utf8('一、总体要求'), mediaType: 'text/plain; charset=utf-8' })
    expect(result.mediaType).toBe('text/plain')
  })

  it.each([
    { name: 'an empty file', data: new Uint8Array() },
    { name: 'only spaces and punctuation', data: utf8(' \n\n。，\n  ') },
  ])('$name → empty_document', async ({ data }) => {
    const error = await rejectionOf(extractDocumentText({ fileName: '空.txt', data }))
    expect(error).toMatchObject({ code: 'empty_document', status: 422, message: messages.empty_document })
  })

  it('bytes that are neither UTF-8 nor GB18030 → not_utf8', async () => {
    const error = await rejectionOf(extractDocumentText({ fileName: 'x.txt', data: new Uint8Array([0xe5, 0xb7, 0xa5, 0xff, 0xff, 0x80]) }))
    expect(error).toMatchObject({ code: 'not_utf8', status: 422, message: messages.not_utf8 })
  })
})

describe('extractDocumentText: unsupported files', () => {
  it.each([
    { name: 'a PNG image', fileName: 'scan.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), message: messages.image_file },
    { name: 'a legacy .doc (OLE2)', fileName: '指引.doc', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), message: messages.legacy_word },
    { name: 'an unknown extension', fileName: 'page.html', data: utf8('<html>一、总体要求</html>'), message: messages.unsupported_type },
    { name: 'a ZIP that is not a Word document', fileName: '附件.docx', data: makeZip([{ name: 'readme.txt', content: utf8('你好') }]), message: messages.unsupported_type },
  ])('$name → unsupported_type', async ({ fileName, data, message }) => {
    const error = await rejectionOf(extractDocumentText({ fileName, data }))
    expect(error).toMatchObject({ code: 'unsupported_type', status: 415, message })
  })
})

describe('extractDocumentText: PDF bombs are refused before pdf.js reads them', () => {
  it('a page that inflates 1,000-fold → pdf_too_large, with what to do', async () => {
    const data = onePagePdf(`BT /F1 12 Tf 72 712 Td (Hello) Tj ET\n${' '.repeat(16 * 1024 * 1024)}`)
    const error = await rejectionOf(extractDocumentText({ fileName: '政策.pdf', data }))
    expect(error).toMatchObject({
      code: 'pdf_too_large',
      status: 413,
      message: 'PDF 文件解压后的内容过大（文件可能已损坏或被改动过），已拒绝处理：请用原软件重新导出或“打印为 PDF”后再上传，也可以上传 Word 版本。',
    })
  })

  it('an LZW-compressed page is still read (the check decodes LZW as pdf.js does)', async () => {
    const contents = Buffer.from('BT /F1 12 Tf 72 712 Td (Industrial park policy text) Tj ET', 'latin1')
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'
    const data = makePdf([page, { dictionary: '/Filter /LZWDecode', data: lzwEncode(contents) }, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'])
    expect((await extractDocumentText({ fileName: 'policy.pdf', data })).text).toBe('Industrial park policy text')
  })

  it('an image of 380 million pixels → pdf_image_too_large, naming the limit', async () => {
    const data = onePagePdf('q 595 0 0 842 0 0 cm /Im1 Do Q', declaredImage(20_000, 19_000))
    const error = await rejectionOf(extractDocumentText({ fileName: '扫描件.pdf', data }))
    expect(error).toMatchObject({
      code: 'pdf_image_too_large',
      status: 413,
      message: '该 PDF 中有图片的像素过多（超过 4000 万像素），无法处理：请以 300 dpi 重新扫描或导出后再上传，也可以上传 Word 版本。',
    })
  })
})

describe('extractDocumentText: DOCX zip-bomb guards', () => {
  const xml = utf8(`<?xml version="1.0"?><w:document>${' '.repeat(2 * 1024 * 1024)}</w:document>`)

  it('uncompressed size above maxUnzippedBytes → docx_too_large', async () => {
    const data = makeZip([{ name: 'word/document.xml', content: xml }])
    expect(data.byteLength).toBeLessThan(10_000)
    const error = await rejectionOf(extractDocumentText({ fileName: 'bomb.docx', data }, { maxUnzippedBytes: 1024 * 1024 }))
    expect(error).toMatchObject({ code: 'docx_too_large', status: 413, message: messages.docx_too_large })
  })

  it('a directory that understates the size of a part → docx_too_large', async () => {
    const data = makeZip([{ name: 'word/document.xml', content: xml, declaredSize: 100 }])
    const error = await rejectionOf(extractDocumentText({ fileName: 'forged.docx', data }))
    expect(error).toMatchObject({ code: 'docx_too_large', status: 413 })
  })

  it('more entries than maxZipEntries → docx_too_large', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ name: `word/media/${i}.xml`, content: utf8('<a/>') }))
    const data = makeZip([{ name: 'word/document.xml', content: utf8('<w:document/>') }, ...entries])
    const error = await rejectionOf(extractDocumentText({ fileName: 'many.docx', data }, { maxZipEntries: 10 }))
    expect(error).toMatchObject({ code: 'docx_too_large', status: 413 })
  })

  it('the defaults are 20 MiB, 300 pages, 500 000 characters', () => {
    expect(DEFAULT_INGEST_LIMITS).toMatchObject({ maxBytes: 20 * 1024 * 1024, maxPages: 300, maxChars: 500_000 })
  })
})

/** A ZIP archive (deflate) with optionally understated uncompressed sizes in its central directory. */
function makeZip(entries: Array<{ name: string; content: Uint8Array; declaredSize?: number }>): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const data = deflateRawSync(entry.content)
    const crc = crc32(entry.content)
    const size = entry.declaredSize ?? entry.content.byteLength
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.byteLength, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.byteLength, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.byteLength, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.byteLength, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.byteLength + name.byteLength + data.byteLength
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.byteLength, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}
