import { describe, expect, it } from 'vitest'
import { applyFixes } from '../../src/check/apply-fixes.js'
import { checkDraft } from '../../src/check/check-draft.js'
import type { Finding } from '../../src/check/finding.js'
import { openZip } from '../../src/model/docx-zip.js'
import { loadDraft } from '../../src/model/load-draft.js'
import { readParkFile } from '../../src/park/read-park.js'
import { annotateDocx, REVIEW_AUTHOR } from '../../src/review/annotate-docx.js'
import { mapDocxText, paragraphAt } from '../../src/review/docx-text-map.js'
import { acceptedText, commentAnchors, documentXml, numberingOf, ourComments, partText, rejectedText } from './review-package.js'
import { FIXED_TEXT, handCraftedDraft, numberedWordDraft, PLANTED_TEXT, styledWordDraft } from './word-drafts.js'

const park = await readParkFile('fixtures/parks/nanling-green.json')
const DATE = new Date('2026-12-07T08:00:00Z')
const ZIP_CAPS = { maxEntries: 5000, maxUncompressedBytes: 200 * 1024 * 1024 }

async function review(data: Uint8Array) {
  const draft = await loadDraft('草稿.docx', data)
  const { findings } = checkDraft(draft, { park })
  const result = annotateDocx(data, findings, { date: DATE, checkedText: draft.doc.source })
  return { draft, findings, result, xml: documentXml(result.data) }
}

const drafts = [
  ['the docx package’s styled draft (table, picture, list, header, footer, hyperlink, a colleague’s comment)', styledWordDraft],
  ['a hand-made document.xml (rsid splits, proofErr, bookmarks, smart tags, content controls, a field, a colleague’s changes)', async () => handCraftedDraft()],
] as const

describe.each(drafts)('annotateDocx on %s', (_, make) => {
  it('reads the planted draft as the checker does', async () => {
    const data = await make()
    const { draft } = await review(data)
    for (const line of PLANTED_TEXT.split('\n')) expect(draft.doc.lines.map((l) => l.raw)).toContain(line)
    expect(mapDocxText(partText(data, 'word/document.xml')!, numberingOf(data)).text).toBe(draft.doc.source)
  })

  it('writes the four planted fixes as tracked changes; accepting them gives the fixed text, rejecting them the person’s own', async () => {
    const { draft, findings, result, xml } = await review(await make())
    const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []))
    expect(fixes.map((fix) => [draft.doc.source.slice(fix.start, fix.end), fix.text])).toEqual([
      ['工信部', '工业和信息化部'],
      ['发改委', '国家发展改革委'],
      ['(二)', '（二）'],
      ['93.5%', '93.6%'],
    ])
    expect(result.changes).toBe(4)
    expect(result.fixesNotTracked).toBe(0)
    expect(acceptedText(xml, numberingOf(result.data))).toBe(applyFixes(draft.doc.source, fixes).text)
    expect(rejectedText(xml, numberingOf(result.data))).toBe(draft.doc.source)
    expect([...xml.matchAll(new RegExp(`<w:(ins|del) w:id="\\d+" w:author="${REVIEW_AUTHOR}" w:date="2026-12-07T08:00:00Z">`, 'g'))].map((m) => m[1])).toEqual([
      'del', 'ins', 'del', 'ins', 'del', 'ins', 'del', 'ins',
    ])
  })

  it('puts one comment per finding on exactly the characters the finding is about', async () => {
    const data = await make()
    const { draft, findings, result, xml } = await review(data)
    // Word's automatic number (the list's “1.”) is in no run: a comment on a whole numbered line starts after it.
    const map = mapDocxText(partText(data, 'word/document.xml')!, numberingOf(data))
    const afterNumber = (at: number) => {
      const paragraph = paragraphAt(map, at)!
      return Math.max(at, paragraph.offset + paragraph.label.length)
    }
    expect(result.comments).toBe(findings.length)
    const ours = ourComments(result.data)
    const anchors = [...commentAnchors(xml, numberingOf(result.data))].filter(([id]) => ours.has(id)).map(([, anchor]) => anchor).sort((a, b) => a.start - b.start || a.end - b.end)
    const expected = findings
      .map((finding) => {
        const end = finding.end > finding.start ? finding.end : finding.start + 1
        const start = afterNumber(finding.start)
        return { start, end, text: draft.doc.source.slice(start, end) }
      })
      .sort((a, b) => a.start - b.start || a.end - b.end)
    expect(anchors).toEqual(expected)
    const texts = [...ours.values()]
    expect(texts).toContain(
      '【专有名词·错误】“工信部”不是规范的官方名称，应使用规范完整的官方全称“工业和信息化部”。\n' +
        '建议：改为“工业和信息化部”。004《工业园区高质量发展指引》三、20 和 002、003 均写作“工业和信息化部”。\n' +
        '改法已作为修订写入正文，可逐条接受或拒绝。',
    )
    expect(texts.filter((text) => text.startsWith('【Word 格式'))).toHaveLength(findings.filter((f) => f.rule === 'format').length)
  })

  it('leaves every other part byte for byte, and every paragraph without a finding as it was', async () => {
    const data = await make()
    const { result, xml } = await review(data)
    const before = openZip(data, ZIP_CAPS)
    const after = openZip(result.data, ZIP_CAPS)
    const changed = new Set(['word/document.xml', 'word/comments.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml'])
    for (const name of before.names) {
      if (!changed.has(name)) expect(Buffer.from(after.read(name)!).equals(Buffer.from(before.read(name)!)), name).toBe(true)
    }
    expect(after.names.slice(0, before.names.length)).toEqual(before.names)
    const original = partText(data, 'word/document.xml')!
    const untouched = mapDocxText(original).paragraphs.filter((p) => !/工信部|发改委|\(二\)|93\.5%/.test(p.text) && p.text !== '' && !/^[（(][一二三]/.test(p.text))
    expect(untouched.length).toBeGreaterThan(5)
    const kept = untouched.filter((p) => xml.includes(original.slice(p.element.source!.start, p.element.source!.end)))
    // Paragraphs with a comment are rewritten; the rest are copied verbatim.
    expect(kept.length).toBeGreaterThanOrEqual(untouched.length - 6)
    expect(xml.slice(xml.indexOf('<w:sectPr'))).toBe(original.slice(original.indexOf('<w:sectPr')))
  })
})

describe('annotateDocx with the package parts', () => {
  it('keeps a colleague’s comment and numbers ours above every id in use', async () => {
    const { result } = await review(await styledWordDraft())
    const comments = partText(result.data, 'word/comments.xml')!
    expect(comments).toContain('w:author="李科长"')
    expect(comments).toContain('标题请再凝练。')
    const ids = [...comments.matchAll(/<w:comment w:id="(\d+)"/g)].map((m) => Number(m[1]))
    expect(new Set(ids).size).toBe(ids.length)
    expect(Math.min(...ids.slice(1))).toBeGreaterThan(0)
  })

  it('adds the comments part, its relationship and its content type to a file that had no comments', async () => {
    const { result } = await review(handCraftedDraft())
    expect(partText(result.data, 'word/_rels/document.xml.rels')).toContain(
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>',
    )
    expect(partText(result.data, '[Content_Types].xml')).toContain(
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>',
    )
  })

  it('leaves a fix over a field as advice in its comment, and a fix across paragraphs too', async () => {
    const data = handCraftedDraft()
    const draft = await loadDraft('草稿.docx', data)
    const source = draft.doc.source
    const year = source.indexOf('2025年实现生产安全事故零发生，预警')
    const finding = (start: number, end: number, text: string): Finding => ({
      rule: 'number-consistency', severity: 'error', message: '与园区数据不一致。', section: '三、实践成效', start, end, line: 1, column: 1, excerpt: '', fix: { start, end, text },
    })
    const overField = finding(year, year + 7, '2026年实现')
    const across = finding(source.indexOf("向好"), source.indexOf("向好") + 7, '向好。2025')
    const result = annotateDocx(data, [overField, across], { date: DATE })
    expect(result).toMatchObject({ comments: 2, changes: 0, fixesNotTracked: 2 })
    expect([...ourComments(result.data).values()]).toEqual([
      '【数字一致·错误】与园区数据不一致。\n建议将“2025年实现”改为“2026年实现”。',
      '【数字一致·错误】与园区数据不一致。\n建议将“向好↵2025”改为“向好。2025”。',
    ])
    expect(rejectedText(documentXml(result.data))).toBe(source)
  })

  it('refuses a file whose text is not the text that was checked', async () => {
    expect(() => annotateDocx(handCraftedDraft(), [], { checkedText: FIXED_TEXT })).toThrow('文档内容与审校时读到的不一致')
  })
})

describe('annotateDocx on a draft whose headings are Word’s automatic numbering', () => {
  it('is checked with its numbers as the reader sees them, and its fixes give the fixed text', async () => {
    const data = await numberedWordDraft()
    const { draft, findings, result, xml } = await review(data)
    // 一、 and （一） are list numbers, not text: the checker still sees 一、背景介绍 … and the (二) problem is gone.
    // The table's cells and the picture's paragraph follow the 综合利用率 paragraph.
    const withTable = (text: string) => text.replace(/(\n工业固体废弃物综合利用率[^\n]*\n)/, '$1指标\n2023年\n2025年\n绿电消费占比\n9.5%\n27.8%\n\n')
    expect(draft.doc.source).toBe(withTable(PLANTED_TEXT.replace('\n(二)', '\n（二）')))
    expect(findings.filter((f) => f.rule === 'structure' || f.rule === 'heading-numbering')).toEqual([])
    const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []))
    expect(fixes.map((fix) => [draft.doc.source.slice(fix.start, fix.end), fix.text])).toEqual([
      ['工信部', '工业和信息化部'],
      ['发改委', '国家发展改革委'],
      ['93.5%', '93.6%'],
    ])
    expect([result.comments, result.changes]).toEqual([findings.length, 3])
    expect(acceptedText(xml, numberingOf(result.data))).toBe(withTable(FIXED_TEXT))
    expect(rejectedText(xml, numberingOf(result.data))).toBe(draft.doc.source)
  })

  it('leaves a fix of an automatic number as advice in its comment: the number is not text the person typed', async () => {
    const data = await numberedWordDraft()
    const draft = await loadDraft('草稿.docx', data)
    const at = draft.doc.source.indexOf('（二）打通')
    const finding: Finding = {
      rule: 'heading-numbering', severity: 'warning', message: '标题序号有误。', section: '二、创新举措', start: at, end: at + 3, line: 1, column: 1, excerpt: '', fix: { start: at, end: at + 3, text: '（三）' },
    }
    const result = annotateDocx(data, [finding], { date: DATE, checkedText: draft.doc.source })
    expect(result).toMatchObject({ comments: 1, changes: 0, fixesNotTracked: 1 })
    expect([...ourComments(result.data).values()]).toEqual(['【标题编号·提醒】标题序号有误。\n建议将“（二）”改为“（三）”。'])
    const anchors = [...commentAnchors(documentXml(result.data), numberingOf(result.data)).values()]
    expect(anchors.map((a) => a.text)).toEqual(['打'])
  })
})
