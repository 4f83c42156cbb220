import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadBuiltinCorpus } from '../../src/ingest/builtin-corpus.js'
import type { Clause } from '../../src/ingest/clause.js'
import { messages } from '../../src/ingest/extract-text.js'
import { ingestDocument } from '../../src/ingest/ingest-document.js'
import type { ScanProgress } from '../../src/ingest/scanned-pages.js'
import { textSimilarity } from '../helpers/text-similarity.js'
import { rejectionOf } from '../helpers/user-error.js'

/**
 * Files made the way they arise in the wild (fixtures/docs/make-messy-fixtures.ts) read back clause by clause and
 * compared with the clean text they were made from (fixtures/policies): every clause with the clean path, its text
 * at least 97 % similar, nothing missing, the right title.
 */
const DOCS = new URL('../../fixtures/docs/', import.meta.url)
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DOCS)))
const builtin = loadBuiltinCorpus()
const cleanClauses = (docId: string): Clause[] => builtin.clauses.filter((c) => c.docId === docId)
const key = (c: Clause): string => c.numbers.join('') || '序言'

function expectSameClauses(actual: readonly Clause[], clean: readonly Clause[]): void {
  expect(actual.map(key)).toEqual(clean.map(key))
  actual.forEach((clause, i) => {
    const similarity = textSimilarity(clause.text, clean[i]!.text)
    expect(similarity, `${key(clause)}: ${clause.text}`).toBeGreaterThanOrEqual(0.97)
  })
}

describe('messy uploads read back as the clean text', () => {
  it('工业园区高质量发展指引 printed by Chromium (Kangxi radicals, headers and footers, 6 pages)', async () => {
    const { document, clauses } = await ingestDocument({ fileName: '工业园区高质量发展指引.pdf', data: read('zhiyin-chromium.pdf') })
    expect(document).toMatchObject({ title: '工业园区高质量发展指引', pages: 6 })
    expectSameClauses(clauses, cleanClauses('gongye-yuanqu-gaozhiliang-fazhan-zhiyin'))
    expect(clauses.find((c) => key(c) === '二（七）18')?.text).toContain('积极与周边区域开展“总部+基地”“研发+制造”“市场+产品”')
    expect(clauses.map((c) => c.page)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6])
    expect(document.text).not.toMatch(/[\u2E80-\u2FDF]|file:|AM|PM|\d\/6/)
  })

  it('高标准数字园区建设指南 converted by LibreOffice (running header, — N — footers)', async () => {
    const { document, clauses } = await ingestDocument({ fileName: '高标准数字园区建设指南.pdf', data: read('zhinan-libreoffice.pdf') })
    expect(document.title).toBe('高标准数字园区建设指南')
    expectSameClauses(clauses, cleanClauses('gaobiaozhun-shuzi-yuanqu-jianshe-zhinan'))
    expect(document.text).not.toContain('工业和信息化部文件')
  })

  it('高标准数字园区建设指南 with Word automatic numbering (一、 （一） 1. in numbering.xml, （一） restarted under 五、)', async () => {
    const { document, clauses } = await ingestDocument({ fileName: '高标准数字园区建设指南.docx', data: read('zhinan-autonumber.docx') })
    expect(document.title).toBe('高标准数字园区建设指南')
    expectSameClauses(clauses, cleanClauses('gaobiaozhun-shuzi-yuanqu-jianshe-zhinan'))
  })

  it('工业园区高质量发展指引 numbered by LibreOffice Writer lists, saved as .docx (taiwaneseCountingThousand, continued lists)', async () => {
    const { document, clauses } = await ingestDocument({ fileName: '工业园区高质量发展指引.docx', data: read('zhiyin-libreoffice-numbered.docx') })
    expect(document.title).toBe('工业园区高质量发展指引')
    expectSameClauses(clauses, cleanClauses('gongye-yuanqu-gaozhiliang-fazhan-zhiyin'))
  })

  it('the same LibreOffice document exported to PDF (numbering drawn as text)', async () => {
    const { document, clauses } = await ingestDocument({ fileName: '工业园区高质量发展指引.pdf', data: read('zhiyin-libreoffice-numbered.pdf') })
    expect(document).toMatchObject({ title: '工业园区高质量发展指引', pages: 5 })
    expectSameClauses(clauses, cleanClauses('gongye-yuanqu-gaozhiliang-fazhan-zhiyin'))
  })

  it('a footnote and a table in an auto-numbered Word file are kept as text', async () => {
    const { clauses } = await ingestDocument({ fileName: '指南.docx', data: read('zhinan-footnote-table.docx') })
    expect(clauses.find((c) => key(c) === '序言')?.text).toMatch(
      /制定本指南。（注：高标准数字园区指数字化转型水平高、服务品质高、管理效率高、基础设施能级高的工业园区。）$/,
    )
    expect(clauses.find((c) => key(c) === '二')?.text).toContain('指标\t目标值\n规上工业企业数字化改造覆盖率\t100%\n双千兆网络覆盖率\t100%')
  })

  // OCR takes seconds per page on two cores (minutes on a loaded machine): these tests get a long timeout.
  const OCR_TIMEOUT = 900_000

  it('a two-page 150-dpi greyscale scan (image pages only) read by OCR: clean paths, ≥ 97 % similar, title, page of each clause', { timeout: OCR_TIMEOUT }, async () => {
    const progress: ScanProgress[] = []
    const { document, clauses } = await ingestDocument(
      { fileName: '扫描件.pdf', data: read('zhiyin-scan.pdf') },
      { onProgress: (p) => progress.push(p) },
    )
    expect(document).toMatchObject({ title: '工业园区高质量发展指引', pages: 2, ocrPages: [1, 2] })
    expect(progress).toEqual([
      { done: 1, total: 2, page: 1 },
      { done: 2, total: 2, page: 2 },
    ])
    const clean = cleanClauses('gongye-yuanqu-gaozhiliang-fazhan-zhiyin').filter((c) => /^二（[五六]）/.test(key(c)))
    expect(clean.map(key)).toEqual(['二（五）11', '二（五）12', '二（五）13', '二（六）14', '二（六）15', '二（六）16'])
    expectSameClauses(clauses, clean)
    expect(clauses.map((c) => c.page)).toEqual([1, 1, 1, 1, 2, 2])
    // The browser's print header (date, title) and footer (address, 1/2) are not text of the policy.
    expect(document.text).not.toMatch(/file:|AM|PM|\d\/2/)
    const excerpt = readFileSync(new URL('zhiyin-excerpt.txt', DOCS), 'utf8')
    expect(textSimilarity(document.text, excerpt)).toBeGreaterThanOrEqual(0.97)
  })

  it('a blurred, speckled copy of a scan is refused with the page to rescan, not read into garbage clauses', { timeout: OCR_TIMEOUT }, async () => {
    const error = await rejectionOf(ingestDocument({ fileName: '复印件.pdf', data: read('zhiyin-scan-blurred.pdf') }))
    expect(error).toMatchObject({ code: 'scan_unreadable', status: 422, message: messages.scan_unreadable([1]) })
    expect(messages.scan_unreadable([1])).toMatch(/^第 1 页是扫描图片，但图像不够清晰/)
  })
})
