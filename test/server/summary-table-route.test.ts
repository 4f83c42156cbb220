import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, json, multipart, openTestWorkspace, parkFixture, type TestWorkspace } from './workspace-helpers.js'

/** The 汇总表 over HTTP: download it filled from a stored 示范基地, change a value in Excel, import it back. */

let ws: TestWorkspace
beforeAll(async () => {
  ws = await openTestWorkspace()
}, 180_000)
afterAll(async () => ws?.close())

const lizhou = parkFixture('lizhou-base')
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer)
  return workbook
}

function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell(3).value ?? '').startsWith(label)) return sheet.getRow(r)
  throw new Error(`no row ${label}`)
}

describe('汇总表 routes', () => {
  it('downloads the workbook of a stored base, changes a value, imports it back into the park', async () => {
    const created = await answer<{ park: { id: string; version: number } }>(ws.app.request('/api/parks', json('POST', { data: lizhou })))
    expect(created.status).toBe(201)
    const { id, version } = created.body.park
    const download = await ws.app.request(`/api/templates/summary-table.xlsx?kind=base-annual-report&parkId=${id}`)
    expect([download.status, download.headers.get('content-type')]).toEqual([200, XLSX])
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('国家新型工业化产业示范基地（工业互联网·澧州高新技术产业开发区）-汇总表.xlsx'))
    const workbook = await workbookOf(download)
    const sheet = workbook.getWorksheet('汇总表')!
    rowOf(sheet, '1.1 销售收入').getCell(5).value = 1302.5
    rowOf(sheet, '13.2 ').getCell(4).value = '与周边4个县市区共建工业互联网赋能中心。'
    const file = new File([new Uint8Array(await workbook.xlsx.writeBuffer())], '汇总表.xlsx', { type: XLSX })

    const imported = await answer<{ park: { version: number; data: { indicators: { scale: { revenue: Record<string, number> } }; summaryTable: { rows: Record<string, unknown> } } } }>(
      ws.app.request(`/api/parks/${id}/summary-table`, multipart({ file, version: String(version) })),
    )
    expect(imported.status).toBe(200)
    expect(imported.body.park.version).toBe(version + 1)
    expect(imported.body.park.data.indicators.scale.revenue).toEqual({ '2025': 1302.5, '2024': 1152.7, '2023': 1031.9 })
    expect(imported.body.park.data.summaryTable.rows['regionalRadiation']).toBe('与周边4个县市区共建工业互联网赋能中心。')
  })

  it('stores nothing when a cell cannot be read, and names the cell', async () => {
    const created = await answer<{ park: { id: string; version: number } }>(ws.app.request('/api/parks', json('POST', { data: lizhou })))
    const { id, version } = created.body.park
    const workbook = await workbookOf(await ws.app.request(`/api/templates/summary-table.xlsx?parkId=${id}`))
    rowOf(workbook.getWorksheet('汇总表')!, '2.1 税金总额').getCell(5).value = '四十一点六'
    const file = new File([new Uint8Array(await workbook.xlsx.writeBuffer())], '汇总表.xlsx', { type: XLSX })
    const { status, body } = await answer<{ error: { code: string; message: string; issues: { cell: string; message: string }[] } }>(
      ws.app.request(`/api/parks/${id}/summary-table`, multipart({ file, version: String(version) })),
    )
    expect(status).toBe(422)
    expect(body.error.code).toBe('invalid_workbook_values')
    expect(body.error.message).toBe('《汇总表》中有 1 处内容需要修改，本次没有导入。')
    expect(body.error.issues).toEqual([
      { path: "$.indicators.scale.totalTax['2025']", code: 'invalid-cell', cell: 'E32', message: '单元格 E32（税金总额（亿元）（2025年））应填写数字，现为“四十一点六”。' },
    ])
    const unchanged = await answer<{ park: { version: number } }>(ws.app.request(`/api/parks/${id}`))
    expect(unchanged.body.park.version).toBe(version)
  })

  it('exports the workbook from park data in the request, and refuses a kind without a 汇总表', async () => {
    const response = await ws.app.request('/api/export/summary-table', json('POST', { park: lizhou }))
    expect([response.status, response.headers.get('content-type')]).toEqual([200, XLSX])
    expect((await workbookOf(response)).worksheets.map((w) => w.name)).toEqual(['汇总表', '附表3'])
    const refused = await answer<{ error: { code: string } }>(ws.app.request('/api/export/summary-table', json('POST', { park: parkFixture('nanling-green') })))
    expect([refused.status, refused.body.error.code]).toEqual([422, 'no_summary_table'])
  })
})
