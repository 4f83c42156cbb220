import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadBuiltinCorpus, ingestDocument } from '../../src/ingest/builtin-corpus.js'
import { ClauseSchema, PolicyDocumentSchema } from '../../src/ingest/clause.js'

const DOCS = new URL('../../fixtures/docs/', import.meta.url)

describe('loadBuiltinCorpus', () => {
  const corpus = loadBuiltinCorpus()

  it('has the five documents of fixtures/policies/manifest.json with their clause counts', () => {
    const counts = corpus.documents.map((d) => [d.id, d.title, corpus.clauses.filter((c) => c.docId === d.id).length])
    expect(counts).toEqual([
      ['gongye-yuanqu-gaozhiliang-fazhan-zhiyin', '工业园区高质量发展指引', 23],
      ['gaobiaozhun-shuzi-yuanqu-jianshe-zhinan', '高标准数字园区建设指南', 23],
      ['innovation-digital-guidance', '2026年工业园区高质量发展创新实践经验总结材料填写要求（促进实数深度融合类）', 9],
      ['innovation-green-guidance', '2026年工业园区高质量发展创新实践经验总结材料填写要求（推动绿色安全发展类）', 9],
      ['base-report-guidance', '示范基地发展情况报告和优秀案例推荐示例（工规函〔2022〕530号附件2、3）', 5],
    ])
  })

  it('documents and clauses match their schemas; documents are built-in plain text', () => {
    for (const document of corpus.documents) {
      expect(PolicyDocumentSchema.parse(document)).toEqual(document)
      expect(document).toMatchObject({ origin: 'builtin', mediaType: 'text/plain', addedAt: '2026-01-01T00:00:00.000Z' })
    }
    for (const clause of corpus.clauses) expect(ClauseSchema.parse(clause)).toEqual(clause)
  })

  it('cites the writing requirements of the innovation templates (seed 000/001)', () => {
    const digital = corpus.clauses.filter((c) => c.docId === 'innovation-digital-guidance')
    expect(digital.map((c) => c.path.replace(/^《[^》]+》/, ''))).toEqual([
      '第一部分1',
      '第一部分2',
      '第一部分3',
      '第一部分4',
      '第一部分5',
      '第二部分',
      '第二部分一',
      '第二部分二',
      '第二部分三',
    ])
    expect(digital[2]).toMatchObject({
      heading: '方向参考',
      context: ['填写要求'],
      text: '方向参考：促进实数深度融合，重点包括加强新型信息基础设施建设应用、提高园区数字化服务能力、推动企业数字化转型升级等细分内容。',
    })
  })

  it('cites the annual report and excellent case examples of seed 003 by annex', () => {
    const base = corpus.clauses.filter((c) => c.docId === 'base-report-guidance')
    expect(base.map((c) => [c.path.replace(/^《[^》]+》/, ''), c.heading])).toEqual([
      ['附件2一', '示范基地发展概述'],
      ['附件2二', '发展亮点和成效'],
      ['附件2三', '示范性做法和经验'],
      ['附件2四', '存在的问题及建议'],
      ['附件3', 'XX示范基地优秀案例推荐（示例）'],
    ])
    expect(base[0]?.context).toEqual(['XX示范基地2021年发展情况报告（示例）'])
  })

  it('returns fresh arrays on every call', () => {
    const again = loadBuiltinCorpus()
    expect(again).toEqual(corpus)
    expect(again.clauses).not.toBe(corpus.clauses)
  })
})

describe('ingestDocument', () => {
  it('extracts, normalizes and splits an uploaded DOCX', async () => {
    const data = new Uint8Array(readFileSync(new URL('policy-excerpt.docx', DOCS)))
    const now = new Date('2026-03-01T08:00:00.000Z')
    const { document, clauses } = await ingestDocument({ fileName: 'policy-excerpt.docx', data }, { now })
    expect(document).toMatchObject({
      id: expect.stringMatching(/^upload-[0-9a-f]{16}$/),
      title: '工业园区高质量发展指引',
      origin: 'upload',
      fileName: 'policy-excerpt.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      addedAt: '2026-03-01T08:00:00.000Z',
    })
    expect(document.pages).toBeUndefined()
    expect(clauses.map((c) => c.path)).toEqual(
      ['二（五）11', '二（五）12', '二（五）13', '二（六）14', '二（六）15', '二（六）16'].map((p) => `《工业园区高质量发展指引》${p}`),
    )
    expect(clauses.every((c) => c.docId === document.id)).toBe(true)
    const again = await ingestDocument({ fileName: 'renamed.docx', data }, { now })
    expect(again.document.id).toBe(document.id)
  })

  it('an uploaded PDF gets the same clauses and its page count', async () => {
    const data = new Uint8Array(readFileSync(new URL('policy-excerpt.pdf', DOCS)))
    const { document, clauses } = await ingestDocument({ fileName: '指引节选.pdf', data }, { id: 'zhiyin-pdf', title: '工业园区高质量发展指引（节选）' })
    expect(document).toMatchObject({ id: 'zhiyin-pdf', title: '工业园区高质量发展指引（节选）', pages: 2, mediaType: 'application/pdf' })
    expect(clauses[0]?.path).toBe('《工业园区高质量发展指引（节选）》二（五）11')
    expect(clauses.map((c) => c.numbers.join(''))).toEqual(['二（五）11', '二（五）12', '二（五）13', '二（六）14', '二（六）15', '二（六）16'])
    expect(clauses[3]?.text).toBe(
      '加快园区绿色设施建设。加强屋顶光伏、分散式风电、多元储能、充电桩等新能源基础设施的开发利用，探索构建工业绿色微电网、零碳能源供给系统和园区级数字化能碳管理中心。\n重点加强污水、垃圾、有害物收集处理等公共设施建设，推进原生资源协同利用，加快园区内固废收集、处置和综合利用能力建设，积极推进工业固废综合利用、再生资源循环利用。积极建设绿色工业园区，探索建设零碳园区。',
    )
  })
})
