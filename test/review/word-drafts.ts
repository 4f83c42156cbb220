import { readFileSync } from 'node:fs'
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  CommentRangeStart,
  CommentRangeEnd,
  CommentReference,
} from 'docx'
import { deflateSync, crc32 } from 'node:zlib'
import { makeZip, W_NS } from '../model/ooxml-package.js'

/**
 * .docx drafts made the way people's drafts arise, for the annotator's tests: nanling-green.txt with four planted
 * problems the checker fixes (工信部, 发改委, a half-width (二), 93.5% against the park's 93.6%), written
 *
 * - by the `docx` package as Word writes a styled file: paragraph styles for body and headings, runs cut in the
 *   middle of words (as rsid and spell-check cut them), a bold word, a table of figures, a picture, a numbered
 *   list, a header, a footer with a PAGE field, a hyperlink, and a colleague's comment already in the file;
 * - by hand as raw OOXML with what Word really leaves in document.xml: rsid attributes, w:proofErr and bookmarks
 *   between runs of one word, smart tags, a content control, a complex field (fldChar/instrText) whose result is
 *   text, a colleague's tracked insertion and deletion, lastRenderedPageBreak, a tab, self-closing empty paragraphs.
 */

export const PLANTED_TEXT = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
  .replace(/\n+$/, '')
  .replace('园区先后获评国家级绿色工业园区', '园区先后获评工信部国家级绿色工业园区')
  .replace('\n（二）打通', '\n(二)打通')
  .replace('综合利用率由71.3%提升至93.6%，提高', '综合利用率由71.3%提升至93.5%，提高')
  .replace('建成屋顶光伏86兆瓦', '经发改委批复，建成屋顶光伏86兆瓦')

/** The planted problems' fixed text: what "accept all changes" must give. */
export const FIXED_TEXT = PLANTED_TEXT.replace('获评工信部', '获评工业和信息化部')
  .replace('\n(二)打通', '\n（二）打通')
  .replace('提升至93.5%，提高', '提升至93.6%，提高')
  .replace('经发改委批复', '经国家发展改革委批复')

/** Cuts a line into runs of 3–9 characters, deterministically, as rsid splits cut words. */
export function cutLikeWord(line: string, seed: number): string[] {
  const pieces: string[] = []
  let at = 0
  let n = seed
  while (at < line.length) {
    n = (n * 1103515245 + 12345) % 2147483648
    const size = 3 + (n % 7)
    pieces.push(line.slice(at, at + size))
    at += size
  }
  return pieces
}

const isHeading = (line: string) => /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+\.)/.test(line)

/** A tiny real PNG (4×2 px, grey), for the picture in the draft. */
export function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(4, 0)
  header.writeUInt32BE(2, 4)
  header.writeUInt8(8, 8)
  header.writeUInt8(0, 9)
  const raw = Buffer.from([0, 128, 128, 128, 128, 0, 128, 128, 128, 128])
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]))
}

/** The planted draft as the `docx` package writes a Word file with styles, a table, a picture and a comment. */
export async function styledWordDraft(text = PLANTED_TEXT): Promise<Uint8Array> {
  const all = text.split('\n')
  const children: (Paragraph | Table)[] = []
  all.forEach((line, i) => {
    if (!line) {
      children.push(new Paragraph({ style: 'BodyText' }))
      return
    }
    const pieces = cutLikeWord(line, i + 7)
    const link = line.startsWith('园区建成南岭经济技术开发区智慧安全')
    const runs: (TextRun | ExternalHyperlink | CommentRangeStart | CommentRangeEnd)[] = pieces.map((piece, k) =>
      link && k === 2
        ? new ExternalHyperlink({ link: 'https://www.example.gov.cn/nanling', children: [new TextRun({ text: piece, style: 'Hyperlink' })] })
        : new TextRun({ text: piece, ...(i > 2 && k === 1 && !isHeading(line) ? { bold: true } : {}) }),
    )
    if (i === 0) {
      // A colleague's comment on the title.
      runs.unshift(new CommentRangeStart(0))
      runs.push(new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }))
    }
    const style = i === 0 ? 'Title' : /^[一二三]、/.test(line) ? 'Heading1' : /^[（(][一二三]/.test(line) ? 'Heading2' : 'BodyText'
    children.push(new Paragraph({ style, children: runs, ...(style === 'Title' ? { alignment: AlignmentType.CENTER } : {}) }))
    if (line.startsWith('工业固体废弃物综合利用率')) {
      children.push(figureTable(), new Paragraph({ children: [new ImageRun({ type: 'png', data: tinyPng(), transformation: { width: 200, height: 100 } })] }))
    }
  })
  children.push(new Paragraph({ numbering: { reference: 'points', level: 0 }, children: [new TextRun('附：园区绿色安全发展相关数据')] }))

  const document = new Document({
    creator: '南岭经济技术开发区管委会',
    comments: { children: [{ id: 0, author: '李科长', date: new Date('2026-03-02T09:00:00Z'), children: [new Paragraph('标题请再凝练。')] }] },
    numbering: { config: [{ reference: 'points', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }] },
    styles: {
      paragraphStyles: [
        { id: 'BodyText', name: 'Body Text', run: { font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 24 }, paragraph: { indent: { firstLine: 480 }, spacing: { line: 440, lineRule: 'exact' } } },
        { id: 'Heading1', name: 'heading 1', basedOn: 'BodyText', next: 'BodyText', run: { font: { eastAsia: '黑体' } } },
        { id: 'Heading2', name: 'heading 2', basedOn: 'BodyText', next: 'BodyText', run: { font: { eastAsia: '楷体_GB2312' } } },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('南岭经济技术开发区 经验总结材料')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
        children,
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

function figureTable(): Table {
  const row = (cells: string[]) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(['指标', '2023年', '2025年']), row(['绿电消费占比', '9.5%', '27.8%'])] })
}

const RSID = ['00A1B2C3', '00D4E5F6', '0012AB34', '00CD56EF']
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const run = (text: string, k: number, rPr = '') => `<w:r w:rsidR="${RSID[k % RSID.length]}">${rPr}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`

/** One paragraph of the hand-made draft: runs cut mid-word with markup between them the way Word leaves it. */
function handParagraph(line: string, i: number): string {
  if (!line) return '<w:p/>'
  const pieces = cutLikeWord(line, i + 3)
  const body = pieces
    .map((piece, k) => {
      const r = run(piece, k + i, k % 3 === 2 ? '<w:rPr><w:rFonts w:hint="eastAsia"/><w:b/></w:rPr>' : '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>')
      switch ((k + i) % 6) {
        case 0:
          return `<w:proofErr w:type="spellStart"/>${r}<w:proofErr w:type="spellEnd"/>`
        case 1:
          return `<w:bookmarkStart w:id="${100 + i * 50 + k}" w:name="_Hlk${i}_${k}"/>${r}<w:bookmarkEnd w:id="${100 + i * 50 + k}"/>`
        case 2:
          return `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">${r}</w:smartTag>`
        case 3:
          return `<w:ins w:id="${9000 + i * 50 + k}" w:author="王主任" w:date="2026-03-01T08:00:00Z">${r}</w:ins>`
        case 4:
          return `${r}<w:del w:id="${8000 + i * 50 + k}" w:author="王主任" w:date="2026-03-01T08:00:00Z"><w:r><w:delText>原稿</w:delText></w:r></w:del>`
        default:
          return `<w:sdt><w:sdtPr><w:id w:val="${700 + i}"/></w:sdtPr><w:sdtContent>${r}</w:sdtContent></w:sdt>`
      }
    })
    .join('')
  const style = /^[一二三]、/.test(line) ? '<w:pPr><w:pStyle w:val="1"/></w:pPr>' : '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr>'
  return `<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6">${style}<w:r><w:lastRenderedPageBreak/></w:r>${body}</w:p>`
}

/**
 * The planted draft as raw OOXML. The year “2025” of 三、实践成效's last line is the result of a complex field
 * (fldChar begin/instrText/separate/result/end), as a DOCPROPERTY or a linked cell writes it.
 */
export function handCraftedDraft(text = PLANTED_TEXT): Uint8Array {
  const paragraphs = text.split('\n').map((line, i) => {
    if (line.startsWith('2025年实现生产安全事故零发生')) {
      const rest = line.slice(4)
      return (
        `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY 年度 </w:instrText></w:r>` +
        `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2025</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
        `${run(rest.slice(0, 5), 1)}${run(rest.slice(5), 2)}</w:p>`
      )
    }
    return handParagraph(line, i)
  })
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${paragraphs.join('\n')}<w:sectPr w:rsidR="00A1B2C3"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:pPr><w:spacing w:line="440" w:lineRule="exact"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style></w:styles>`
  return makeZip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    { name: 'word/document.xml', data: document },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'word/styles.xml', data: styles },
  ])
}

/**
 * The planted draft as people type it in Word with automatic numbering: 一、 and （一） are list numbers (w:numPr
 * with chineseCounting levels “%1、” and “（%2）”), not text; the body is cut into runs; a table and a picture
 * follow the 综合利用率 paragraph. The half-width “(二)” of the planted text is Word's own “（二）” here.
 */
export async function numberedWordDraft(text = PLANTED_TEXT): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = []
  text.split('\n').forEach((line, i) => {
    const first = /^[一二三四五六七八九十]+、/.exec(line)
    const second = /^[（(][一二三四五六七八九十]+[）)]/.exec(line)
    const number = first ?? second
    const body = number ? line.slice(number[0].length) : line
    const runs = cutLikeWord(body, i).map((piece) => new TextRun(piece))
    children.push(new Paragraph(number ? { numbering: { reference: 'headings', level: first ? 0 : 1 }, children: runs } : { children: runs }))
    if (line.startsWith('工业固体废弃物综合利用率')) {
      children.push(figureTable(), new Paragraph({ children: [new ImageRun({ type: 'png', data: tinyPng(), transformation: { width: 300, height: 150 } })] }))
    }
  })
  const document = new Document({
    numbering: {
      config: [
        {
          reference: 'headings',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [{ headers: { default: new Header({ children: [new Paragraph('南岭经济技术开发区')] }) }, children }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
