import { describe, expect, it } from 'vitest'
import { FILE_FORMATS, formatOfPath } from '../../src/export/file-format.js'
import { fileResponse } from '../../src/server/file-response.js'

describe('formatOfPath', () => {
  it('names the format of an output path by its extension, in any case', () => {
    expect(['报告.docx', 'out/汇总表.XLSX', 'draft.txt', 'draft.md', 'report', 'a.docx.txt'].map(formatOfPath)).toEqual(['docx', 'xlsx', undefined, undefined, undefined, undefined])
  })
})

describe('fileResponse', () => {
  it('answers an Excel export with the spreadsheet media type, the Chinese name and an ASCII fallback', async () => {
    const response = fileResponse({ format: 'xlsx', data: new Uint8Array([80, 75, 3, 4]), fileName: '澧州示范基地-汇总表.xlsx' }, 'summary-table')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(FILE_FORMATS.xlsx.mediaType)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="summary-table.xlsx"; filename*=UTF-8''${encodeURIComponent('澧州示范基地-汇总表.xlsx')}`)
    expect(response.headers.get('x-export-warnings')).toBeNull()
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([80, 75, 3, 4])
  })

  it('answers a Word export with its warnings percent-encoded in X-Export-Warnings', () => {
    const response = fileResponse({ format: 'docx', data: new Uint8Array([1]), fileName: '园区-报告.docx', warnings: ['全文共3120字，超出3000字上限120字', '审校仍有 2 个错误'] }, 'report')
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="report\.docx"; /)
    expect(response.headers.get('x-export-warnings')!.split(',').map(decodeURIComponent)).toEqual(['全文共3120字，超出3000字上限120字', '审校仍有 2 个错误'])
  })
})
