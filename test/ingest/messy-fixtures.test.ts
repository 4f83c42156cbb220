import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadBuiltinCorpus } from '../../src/ingest/builtin-corpus.js'
import type { Clause } from '../../src/ingest/clause.js'
import { ingestDocument } from '../../src/ingest/ingest-document.js'
import { textSimilarity } from '../helpers/text-similarity.js'

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

  it('a footnote and a table in an auto-numbered Word file are kept as text', async () => {
    const { clauses } = await ingestDocument({ fileName: '指南.docx', data: read('zhinan-footnote-table.docx') })
    expect(clauses.find((c) => key(c) === '序言')?.text).toMatch(
      /制定本指南。（注：高标准数字园区指数字化转型水平高、服务品质高、管理效率高、基础设施能级高的工业园区。）$/,
    )
    expect(clauses.find((c) => key(c) === '二')?.text).toContain('指标\t目标值\n规上工业企业数字化改造覆盖率\t100%\n双千兆网络覆盖率\t100%')
  })
})
