import { readFileSync } from 'node:fs'
import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/errors.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { parseReport } from '../../src/model/parse-report.js'
import type { Section } from '../../src/model/report-doc.js'
import { walkSections } from '../../src/model/sections.js'
import { documentXml, makeDocx, makeZip, paragraphXml } from './ooxml-package.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url))
const plain = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
const plainLines = plain.replace(/\n$/, '').split('\n')

/** What a section says, without offsets: to compare a .docx with the .txt that has blank lines between parts. */
const shape = (sections: readonly Section[]): unknown[] =>
  sections.map((s) => ({
    path: s.path,
    level: s.level,
    heading: s.heading.text,
    lead: s.lead?.text,
    paragraphs: s.paragraphs.map((p) => p.text),
    children: shape(s.children),
  }))

describe('parseDocxReport: a draft that follows the template', () => {
  it('gives one source line per Word paragraph, in order, with the exact text', async () => {
    const { doc, paragraphs } = await parseDocxReport(fixture('nanling-green-template.docx'))
    expect(doc.format).toBe('docx')
    expect(paragraphs.map((p) => p.text)).toEqual(plainLines.filter((line) => line !== ''))
    expect(paragraphs.slice(0, 3).map((p) => p.text)).toEqual([
      '绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展',
      '【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业，针对能源结构偏煤、副产固废利用不足、危化品储运风险点多等问题，建设“源网荷储”一体化绿色微电网，打通副产硫酸钠资源化循环链条，建成南岭经济技术开发区智慧安全应急管理平台。单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，工业固体废弃物综合利用率由71.3%提升至93.6%，2025年实现生产安全事故零发生。',
      '一、背景介绍',
    ])
    expect(paragraphs[8]!.text).toBe('1. 绿电直供。光伏电量优先供给正极材料企业，降低企业外购煤电比例。')
    paragraphs.forEach((p, i) => {
      expect(p.index).toBe(i)
      expect(doc.lines[i]!.raw).toBe(p.text)
      expect(p.runs.map((r) => r.text).join('')).toBe(p.text)
    })
  })

  it('reads the same title, abstract and section tree as the .txt', async () => {
    const { doc } = await parseDocxReport(fixture('nanling-green-template.docx'))
    // The paths themselves are pinned by parse-report.test.ts; here the tree must be the .txt one, and not empty.
    expect([...walkSections(doc.sections)]).toHaveLength(11)
    const txt = parseReport(plain)
    expect(doc.title?.text).toBe(txt.title?.text)
    expect(doc.abstract?.paragraphs.map((p) => p.text)).toEqual(txt.abstract?.paragraphs.map((p) => p.text))
    expect(shape(doc.sections)).toEqual(shape(txt.sections))
    // Offsets too: the .docx text is the .txt without its blank lines.
    expect(doc.sections).toEqual(parseReport(plainLines.filter((line) => line !== '').join('\n')).sections)
  })

  it('keeps empty paragraphs as empty lines, so the tree equals the .txt one offset for offset', async () => {
    const { doc, paragraphs } = await parseDocxReport(fixture('nanling-green-mistakes.docx'))
    expect(paragraphs.map((p) => p.text)).toEqual(plainLines)
    expect(doc.source).toBe(plain.replace(/\n$/, ''))
    expect(doc.sections).toEqual(parseReport(plain).sections)
    expect(doc.abstract).toEqual(parseReport(plain).abstract)
  })
})

describe('parseDocxReport: what counts as text', () => {
  const parse = (body: string) => parseDocxReport(makeDocx({ document: documentXml(body) }))
  const cases: [string, string, string[]][] = [
    ['runs are joined; a tab stays a tab', '<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:tab/><w:t>背景介绍</w:t></w:r></w:p>', ['一、\t背景介绍']],
    ['a line break (Shift+Enter) is U+2028, a page break is nothing', '<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:br w:type="page"/><w:t>丙</w:t></w:r></w:p>', ['甲\u2028乙丙']],
    ['tracked insertions count, deletions do not', '<w:p><w:r><w:t>园区</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins><w:r><w:t>新建</w:t></w:r></w:ins></w:p>', ['园区新建']],
    ['field instructions are hidden, field results are shown', '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>', ['3']],
    ['hyperlinks, content controls and smart tags are transparent', '<w:p><w:hyperlink><w:r><w:t>工信部</w:t></w:r></w:hyperlink><w:sdt><w:sdtContent><w:r><w:t>网站</w:t></w:r></w:sdtContent></w:sdt></w:p>', ['工信部网站']],
    ['table cells give their paragraphs row by row', '<w:p><w:r><w:t>表1</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025年</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>营业收入</w:t></w:r></w:p><w:p/></w:tc><w:tc><w:p><w:r><w:t>512.4</w:t></w:r></w:p></w:tc></w:tr></w:tbl>', ['表1', '指标', '2025年', '营业收入', '', '512.4']],
    ['text boxes are left out (they are written twice, as Choice and Fallback)', '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>', ['正文']],
    ['entities are decoded; a newline inside w:t cannot split the line', '<w:p><w:r><w:t>A&amp;B&#x4E00;&lt;\n</w:t></w:r></w:p>', ['A&B一< ']],
    ['an empty body is one empty line', '', []],
  ]
  it.each(cases)('%s', async (_name, body, expected) => {
    const { doc, paragraphs } = await parse(body)
    expect(paragraphs.map((p) => p.text)).toEqual(expected)
    expect(doc.lines.map((l) => l.raw)).toEqual(expected.length ? expected : [''])
  })

  it('marks the paragraphs of table cells', async () => {
    const { paragraphs } = await parse('<w:p><w:r><w:t>表1</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>')
    expect(paragraphs.map((p) => [p.text, p.inTable ?? false])).toEqual([
      ['表1', false],
      ['指标', true],
      ['', false],
    ])
  })

  it('follows the package relationships to a main part that is not word/document.xml', async () => {
    const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/main.xml"/></Relationships>'
    const strict = '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>一、背景介绍</w:t></w:r></w:p></w:body></w:document>'
    const { paragraphs } = await parseDocxReport(makeZip([{ name: '_rels/.rels', data: rels }, { name: 'word/main.xml', data: strict }]))
    expect(paragraphs.map((p) => p.text)).toEqual(['一、背景介绍'])
  })
})

describe('parseDocxReport: files that are not a readable .docx', () => {
  const good = fixture('nanling-green-template.docx')
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  const ole = (stream: string) => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    return new Uint8Array(Buffer.concat([header, Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]))
  }
  const corruptedDeflate = (() => {
    const bytes = new Uint8Array(good)
    const at = Buffer.from(bytes).indexOf('word/document.xml') + 'word/document.xml'.length + 40
    for (let i = at; i < at + 16; i += 1) bytes[i] = bytes[i]! ^ 0xff
    return bytes
  })()
  const documentOnly = (xml: string) => makeZip([{ name: 'word/document.xml', data: xml }])

  const cases: [string, Uint8Array, { code: string; status: number; message: string }][] = [
    ['an empty file', new Uint8Array(), { code: 'docx_empty', status: 400, message: '上传的文件是空的' }],
    ['a PNG renamed .docx', png, { code: 'docx_not_docx', status: 415, message: '看起来是PNG 图片' }],
    ['a PDF', new Uint8Array(Buffer.from('%PDF-1.7\n')), { code: 'docx_not_docx', status: 415, message: 'PDF 文件' }],
    ['a text file', new Uint8Array(Buffer.from('一、背景介绍\n南岭经济技术开发区')), { code: 'docx_not_docx', status: 415, message: '无法识别文件格式' }],
    ['an encrypted .docx (OLE with EncryptedPackage)', ole('EncryptedPackage'), { code: 'docx_encrypted', status: 415, message: '设置了打开密码' }],
    ['a Word 97-2003 .doc (OLE with WordDocument)', ole('WordDocument'), { code: 'docx_legacy_doc', status: 415, message: 'Word 97-2003' }],
    ['another OLE file', ole('Workbook'), { code: 'docx_ole_file', status: 415, message: 'OLE 复合文档' }],
    ['a zip cut in half', good.subarray(0, good.length >> 1), { code: 'docx_corrupted', status: 422, message: '文件不完整或已损坏' }],
    ['damaged compressed data', corruptedDeflate, { code: 'docx_corrupted', status: 422, message: 'Word 文档已损坏' }],
    ['an encrypted zip entry', makeZip([{ name: 'word/document.xml', data: documentXml(''), flags: 1 }]), { code: 'docx_encrypted', status: 415, message: '文档内容被加密' }],
    ['a zip without a Word document (an .xlsx)', makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]), { code: 'docx_not_word', status: 415, message: '不是 Word 文档' }],
    ['malformed document XML', documentOnly(`<w:document xmlns:w="x"><w:body><w:p></w:body></w:document>`), { code: 'docx_corrupted', status: 422, message: 'word/document.xml 不是有效的 XML' }],
    ['a DOCTYPE (entity expansion)', documentOnly('<!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document/>'), { code: 'docx_corrupted', status: 422, message: '不是有效的 XML' }],
  ]
  it.each(cases)('%s', async (_name, data, expected) => {
    const error = await parseDocxReport(data).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect({ code: (error as UserError).code, status: (error as UserError).status }).toEqual({ code: expected.code, status: expected.status })
    expect((error as UserError).message).toContain(expected.message)
  })
})

describe('parseDocxReport: zip bombs and oversized packages', () => {
  // 64 MB of zeros deflates to about 64 KB: the classic bomb payload.
  const payload = Buffer.alloc(64 * 1024 * 1024)
  const bombBody = deflateRawSync(payload)

  it('the payload really is tiny compressed', () => {
    expect(bombBody.length).toBeLessThan(100 * 1024)
  })

  it('refuses a package whose declared uncompressed size is over 50 MB, before inflating anything', async () => {
    const bomb = makeZip([{ name: 'word/document.xml', data: payload }])
    const error = (await parseDocxReport(bomb).catch((e: unknown) => e)) as UserError
    expect([error.code, error.status, error.message]).toEqual(['docx_too_large', 413, '文档解压后超过 50 MB，疑似压缩炸弹或包含过多大图片，已拒绝处理。请删除大图片后重新上传。'])
  })

  it('refuses an entry that declares 1 KB but inflates to 64 MB, stopping at the declared size', async () => {
    const liar = makeZip([{ name: 'word/document.xml', data: payload, declaredSize: 1024 }])
    const error = (await parseDocxReport(liar).catch((e: unknown) => e)) as UserError
    expect([error.code, error.status, error.message]).toEqual(['docx_too_large', 413, '文档解压后的实际大小超过其声明的大小，疑似压缩炸弹，已拒绝处理。'])
  })

  it('refuses too many entries and honours custom limits', async () => {
    const many = makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `word/media/image${i}.png`, data: 'x' })))
    const error = (await parseDocxReport(many, { maxEntries: 20 }).catch((e: unknown) => e)) as UserError
    expect([error.code, error.message]).toEqual(['docx_too_large', '文档内部文件数量超过 20 个，疑似异常文件，已拒绝处理。'])

    const big = makeDocx({ document: documentXml(paragraphXml(['园区'.repeat(2000)])) })
    const tooBig = (await parseDocxReport(big, { maxXmlBytes: 4096 }).catch((e: unknown) => e)) as UserError
    expect([tooBig.code, tooBig.status]).toEqual(['docx_too_large', 413])
  })
})
