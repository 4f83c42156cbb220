import ExcelJS from 'exceljs'
import type { ParkData } from '../../src/park/park-schema.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, fixture, json, multipart, openTestWorkspace, parkFixture, type TestWorkspace } from './workspace-helpers.js'

type ParkRecord = { id: string; name: string; kind: string; version: number; data: ParkData }
type Issue = { path: string; code: string; message: string; cell?: string }
type ErrorBody = { error: { code: string; message: string; issues?: Issue[] } }

async function loadWorkbook(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer)
  return workbook
}

async function workbookFile(workbook: ExcelJS.Workbook, name = '指标.xlsx'): Promise<File> {
  return new File([new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
}

/** The row of a template sheet whose hidden column A holds `key`. */
function rowOf(sheet: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === key) return sheet.getRow(r)
  throw new Error(`no row ${key}`)
}

describe('workspace parks over HTTP', () => {
  let ws: TestWorkspace
  const jialan = parkFixture('jialan-digital')
  const nanling = parkFixture('nanling-green')

  beforeAll(async () => {
    ws = await openTestWorkspace()
  })
  afterAll(async () => ws.close())

  it('lists the bundled sample parks and stores one as a new park on request; an unknown one is a 404 in Chinese', async () => {
    const list = await answer<{ samples: { id: string; name: string; kind: string }[] }>(ws.app.request('/api/sample-parks'))
    expect(list.body.samples).toEqual([
      { id: 'jialan-digital', name: '嘉澜经济技术开发区', kind: 'innovation-digital' },
      { id: 'lingjiang-green', name: '绫江高新技术产业开发区', kind: 'innovation-green' },
      { id: 'lizhou-base', name: '澧州高新技术产业开发区', kind: 'base-annual-report' },
      { id: 'nanling-green', name: '南岭经济技术开发区', kind: 'innovation-green' },
    ])
    const created = await answer<{ park: ParkRecord }>(ws.app.request('/api/sample-parks/nanling-green', { method: 'POST' }))
    expect(created.status).toBe(201)
    expect(created.body.park).toMatchObject({ name: '南岭经济技术开发区', kind: 'innovation-green', version: 1 })
    expect(created.body.park.data).toEqual(nanling)
    for (const id of ['no-such-park', '..%2Fpolicies%2Fmanifest']) {
      const missing = await answer<ErrorBody>(ws.app.request(`/api/sample-parks/${id}`, { method: 'POST' }))
      expect(missing.status).toBe(404)
      expect(missing.body.error.message).toMatch(/^没有名为“.+”的示例园区。请刷新页面后从列表中选择。$/)
    }
    await ws.app.request(`/api/parks/${created.body.park.id}`, { method: 'DELETE' })
  })

  it('creates, lists, reads, updates and deletes a park with its version', async () => {
    const created = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: jialan })))
    expect(created.status).toBe(201)
    expect(created.body.park).toMatchObject({ name: '嘉澜经济技术开发区', kind: 'innovation-digital', version: 1 })
    expect(created.body.park.data).toEqual(jialan)
    const id = created.body.park.id

    const list = await answer<{ parks: { id: string; name: string; version: number }[] }>(ws.app.request('/api/parks'))
    expect(list.body.parks.find((p) => p.id === id)).toMatchObject({ name: '嘉澜经济技术开发区', version: 1 })
    expect(list.body.parks[0]).not.toHaveProperty('data')

    const read = await answer<{ park: ParkRecord }>(ws.app.request(`/api/parks/${id}`))
    expect(read).toMatchObject({ status: 200, body: { park: { id, version: 1 } } })

    const renamed = { ...jialan, park: { ...(jialan.park as object), name: '嘉澜经济技术开发区（改）' } }
    const updated = await answer<{ park: ParkRecord }>(ws.app.request(`/api/parks/${id}`, json('PUT', { data: renamed, version: 1 })))
    expect(updated.status).toBe(200)
    expect(updated.body.park).toMatchObject({ name: '嘉澜经济技术开发区（改）', version: 2 })

    expect((await ws.app.request(`/api/parks/${id}?version=2`, { method: 'DELETE' })).status).toBe(204)
    expect(await answer<ErrorBody>(ws.app.request(`/api/parks/${id}`))).toMatchObject({ status: 404, body: { error: { code: 'park_not_found' } } })
  })

  it('answers 409 in Chinese when the version is stale, and keeps the newer data', async () => {
    const { body } = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: nanling })))
    const id = body.park.id
    const first = { ...nanling, park: { ...(nanling.park as object), intro: '第一个标签页的修改。' } }
    const second = { ...nanling, park: { ...(nanling.park as object), intro: '第二个标签页的修改。' } }
    expect((await ws.app.request(`/api/parks/${id}`, json('PUT', { data: first, version: 1 }))).status).toBe(200)
    const conflict = await answer<ErrorBody>(ws.app.request(`/api/parks/${id}`, json('PUT', { data: second, version: 1 })))
    expect(conflict.status).toBe(409)
    expect(conflict.body.error.code).toBe('park_version_conflict')
    expect(conflict.body.error.message).toContain('您编辑的是第1版，现在已是第2版')
    const stored = await answer<{ park: ParkRecord }>(ws.app.request(`/api/parks/${id}`))
    expect(stored.body.park.data.park.intro).toBe('第一个标签页的修改。')
    expect(stored.body.park.version).toBe(2)
    // A delete based on the old version is refused the same way.
    expect((await answer<ErrorBody>(ws.app.request(`/api/parks/${id}?version=1`, { method: 'DELETE' }))).status).toBe(409)
  })

  it('answers 422 with every issue and its JSON path for invalid park data, and stores nothing', async () => {
    const before = (await answer<{ parks: unknown[] }>(ws.app.request('/api/parks'))).body.parks.length
    const invalid = structuredClone(jialan) as unknown as ParkData
    invalid.park.name = ''
    ;(invalid.indicators!.scale!.revenue as Record<string, unknown>)['2025'] = '很多'
    invalid.indicators!.digital!.dualGigabitCoverage = 120
    const { status, body } = await answer<ErrorBody>(ws.app.request('/api/parks', json('POST', { data: invalid })))
    expect(status).toBe(422)
    expect(body.error.code).toBe('invalid_park')
    expect(body.error.issues!.map((i) => [i.path, i.code])).toEqual([
      ['$.park.name', 'empty-text'],
      ["$.indicators.scale.revenue['2025']", 'wrong-type'],
      ['$.indicators.digital.dualGigabitCoverage', 'percent-out-of-range'],
    ])
    expect((await answer<{ parks: unknown[] }>(ws.app.request('/api/parks'))).body.parks).toHaveLength(before)

    const { body: created } = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: jialan })))
    const put = await answer<ErrorBody>(ws.app.request(`/api/parks/${created.park.id}`, json('PUT', { data: invalid, version: 1 })))
    expect(put.status).toBe(422)
    expect((await answer<{ park: ParkRecord }>(ws.app.request(`/api/parks/${created.park.id}`))).body.park.version).toBe(1)
  })

  it.each([
    ['a body without data', { version: 1 }, 'invalid_request'],
    ['a version that is not a number', { data: {}, version: '1' }, 'invalid_request'],
    ['no version', { data: {} }, 'invalid_request'],
  ])('answers 400 for %s on PUT', async (_name, body, code) => {
    const { body: created } = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: jialan })))
    const response = await answer<ErrorBody>(ws.app.request(`/api/parks/${created.park.id}`, json('PUT', body)))
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe(code)
    expect(response.body.error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('answers 404 for an unknown or malformed park id, never touching the file system', async () => {
    for (const id of ['0000000000000000', '..%2F..%2Fetc%2Fpasswd', 'a b']) {
      const { status, body } = await answer<ErrorBody>(ws.app.request(`/api/parks/${id}`))
      expect(status).toBe(404)
      expect(body.error.code).toBe('park_not_found')
    }
  })

  it('refuses to delete a park with drafts unless asked to delete them too', async () => {
    const { body } = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: jialan })))
    const id = body.park.id
    expect((await ws.app.request(`/api/parks/${id}/drafts`, json('POST', {}))).status).toBe(201)
    const refused = await answer<ErrorBody>(ws.app.request(`/api/parks/${id}`, { method: 'DELETE' }))
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'park_has_drafts' } } })
    expect((await ws.app.request(`/api/parks/${id}?withDrafts=true`, { method: 'DELETE' })).status).toBe(204)
    expect((await ws.app.request(`/api/parks/${id}/drafts`)).status).toBe(404)
  })

  it('imports a park-data JSON file as a new park, and replaces a park with parkId and version', async () => {
    const file = new File([fixture('parks/jialan-digital.json')], '嘉澜.json', { type: 'application/json' })
    const created = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks/import', multipart({ file })))
    expect(created.status).toBe(201)
    expect(created.body.park).toMatchObject({ name: '嘉澜经济技术开发区', version: 1 })

    const replacement = new File([fixture('parks/lingjiang-green.json')], 'lingjiang.json')
    const replaced = await answer<{ park: ParkRecord }>(
      ws.app.request('/api/parks/import', multipart({ file: replacement, parkId: created.body.park.id, version: '1' })),
    )
    expect(replaced.status).toBe(200)
    expect(replaced.body.park).toMatchObject({ id: created.body.park.id, kind: 'innovation-green', version: 2 })

    const dry = await answer<{ ok: boolean; issues: Issue[] }>(ws.app.request('/api/parks/import', multipart({ file: new File(['{"formatVersion":1}'], 'x.json'), dryRun: 'true' })))
    expect(dry.status).toBe(200)
    expect(dry.body.ok).toBe(false)
    expect(dry.body.issues.map((i) => i.path)).toContain('$.park')
  })

  it.each([
    ['not JSON', new File(['{"formatVersion": 1,'], 'park.json'), 400, 'park_not_json'],
    ['invalid park data', new File(['{"formatVersion": 1}'], 'park.json'), 422, 'invalid_park'],
    ['a PDF', new File(['%PDF-1.4'], 'park.pdf'), 415, 'unsupported_file'],
    ['a corrupt workbook', new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], 'park.xlsx'), 422, 'invalid_workbook'],
  ])('refuses an import that is %s', async (_name, file, status, code) => {
    const response = await answer<ErrorBody>(ws.app.request('/api/parks/import', multipart({ file, kind: 'innovation-green' })))
    expect(response.status).toBe(status)
    expect(response.body.error.code).toBe(code)
    expect(response.body.error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('refuses an import without a file, a body that is not a form, and a file over the size limit', async () => {
    expect((await answer<ErrorBody>(ws.app.request('/api/parks/import', multipart({ kind: 'innovation-green' })))).body.error.code).toBe('missing_file')
    const garbage = { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: 'garbage' }
    expect(await answer<ErrorBody>(ws.app.request('/api/parks/import', garbage))).toMatchObject({ status: 400, body: { error: { code: 'invalid_form' } } })
    const small = await openTestWorkspace({ MAX_UPLOAD_MB: '0.01' })
    try {
      const big = new File([new Uint8Array(200 * 1024).fill(0x20)], 'big.json')
      expect(await answer<ErrorBody>(small.app.request('/api/parks/import', multipart({ file: big })))).toMatchObject({ status: 413, body: { error: { code: 'file_too_large' } } })
    } finally {
      await small.close()
    }
  })

  it('answers the indicator template of a kind as JSON', async () => {
    const { status, body } = await answer<{ years: string[]; rows: { key: string; label: string; unit: string; years: string[]; valueType: string }[] }>(
      ws.app.request('/api/templates/indicators?kind=innovation-digital'),
    )
    expect(status).toBe(200)
    expect(body.years).toEqual(['2025', '2024', '2023'])
    expect(body.rows[0]).toMatchObject({ key: 'scale.revenue', label: '营业收入（亿元）', unit: '亿元', years: ['2025', '2024', '2023'], valueType: 'number' })
    expect(body.rows.find((r) => r.key === 'land.managedAreaHa')).toMatchObject({ years: ['2025'] })
    expect(body.rows.find((r) => r.key === 'digital.dualGigabitCoverage')).toMatchObject({ valueType: 'percent', years: ['2025'] })
    expect(body.rows.some((r) => r.key.startsWith('green.'))).toBe(false)
    // The 示范基地 table is every row of 附件1 一–十一: 43 numbered rows and 13 “其中” sub-rows, none dropped.
    const base = await answer<{ years: string[]; rows: { key: string; label: string }[] }>(ws.app.request('/api/templates/indicators?kind=base-annual-report'))
    expect(base.body.years).toEqual(['2025', '2024', '2023'])
    expect(base.body.rows).toHaveLength(56)
    expect(base.body.rows[0]).toEqual(expect.objectContaining({ key: 'scale.revenue', label: '销售收入' }))
    expect(base.body.rows[2]).toEqual(expect.objectContaining({ key: 'scale.industrialOutput', label: '工业总产值' }))
    expect(base.body.rows.at(-1)).toEqual(expect.objectContaining({ key: 'government.specialFunds', label: '所在地政府每年安排专项资金' }))
    expect((await answer<ErrorBody>(ws.app.request('/api/templates/indicators?kind=unknown'))).status).toBe(400)
  })

  it('round-trips the Excel template: download, fill in with a spreadsheet library, import, values land in the park', async () => {
    const { body } = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: nanling })))
    const id = body.park.id
    const download = await ws.app.request('/api/templates/indicators.xlsx?kind=innovation-green')
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''")
    const workbook = await loadWorkbook(download)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('三、工业园区发展情况')
    expect(sheet.getRow(3).values).toEqual([undefined, '编号', '分组', '指标', '单位', '2025年', '2024年', '2023年', '说明'])
    expect(rowOf(sheet, 'scale.revenue').getCell(3).value).toBe('营业收入（亿元）')

    // What a person types: numbers, a number as text with a thousands separator, a percentage cell, 是/否.
    rowOf(sheet, 'scale.revenue').getCell(5).value = 1002.5
    rowOf(sheet, 'scale.revenue').getCell(6).value = '968.2'
    rowOf(sheet, 'scale.revenue').getCell(7).value = '1,003.1'
    const share = rowOf(sheet, 'green.solidWasteUtilization').getCell(5)
    share.value = 0.936
    share.numFmt = '0.0%'
    rowOf(sheet, 'enterprises.total').getCell(5).value = 2100
    rowOf(sheet, 'green.zeroCarbonTitle').getCell(5).value = '是'
    rowOf(sheet, 'green.safetyTech').getCell(5).value = '建成园区安全生产风险监测预警平台。'

    const imported = await answer<{ park: ParkRecord; cells: { key: string; year?: string; value: unknown; cell: string }[]; warnings: string[] }>(
      ws.app.request('/api/parks/import', multipart({ file: await workbookFile(workbook), parkId: id, version: '1' })),
    )
    expect(imported.status).toBe(200)
    expect(imported.body.park.version).toBe(2)
    expect(imported.body.cells).toHaveLength(7)
    expect(imported.body.warnings).toEqual([])
    const stored = (await answer<{ park: ParkRecord }>(ws.app.request(`/api/parks/${id}`))).body.park.data.indicators!
    expect(stored.scale!.revenue).toEqual({ '2025': 1002.5, '2024': 968.2, '2023': 1003.1 })
    expect(stored.green!.solidWasteUtilization).toBe(93.6)
    expect(stored.enterprises!.total).toBe(2100)
    expect(stored.green!.zeroCarbonTitle).toBe(true)
    expect(stored.green!.safetyTech).toBe('建成园区安全生产风险监测预警平台。')
    // Rows the sheet left empty keep their values.
    expect(stored.scale!.taxPerMu).toEqual((nanling as unknown as ParkData).indicators!.scale!.taxPerMu)

    // The same file again, based on the old version: 409, nothing changes.
    const stale = await answer<ErrorBody>(ws.app.request('/api/parks/import', multipart({ file: await workbookFile(workbook), parkId: id, version: '1' })))
    expect(stale.status).toBe(409)
  })

  it('names the Excel cell of every value that cannot be imported, and stores nothing', async () => {
    const { body } = await answer<{ park: ParkRecord }>(ws.app.request('/api/parks', json('POST', { data: nanling })))
    const workbook = await loadWorkbook(await ws.app.request(`/api/templates/indicators.xlsx?kind=innovation-green&parkId=${body.park.id}`))
    const sheet = workbook.worksheets[0]!
    // The template comes filled in with the park's values.
    expect(rowOf(sheet, 'scale.revenue').getCell(5).value).toBe((nanling as unknown as ParkData).indicators!.scale!.revenue!['2025'])
    rowOf(sheet, 'scale.revenue').getCell(6).value = '约九百亿'
    rowOf(sheet, 'enterprises.total').getCell(5).value = 12.5
    rowOf(sheet, 'green.greenParkTitle').getCell(5).value = '也许'
    rowOf(sheet, 'land.managedAreaHa').getCell(6).value = 100

    const refused = await answer<ErrorBody>(ws.app.request('/api/parks/import', multipart({ file: await workbookFile(workbook), parkId: body.park.id, version: '1' })))
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('invalid_workbook_values')
    expect(refused.body.error.issues!.map((i) => [i.path, i.cell])).toEqual([
      ["$.indicators.scale.revenue['2024']", 'F4'],
      ['$.indicators.enterprises.total', expect.stringMatching(/^E\d+$/)],
      ['$.indicators.green.greenParkTitle', expect.stringMatching(/^E\d+$/)],
    ])
    expect(refused.body.error.issues![0]!.message).toBe('单元格 F4（营业收入（亿元），2024年）的内容“约九百亿”不是数字。')
    expect((await answer<{ park: ParkRecord }>(ws.app.request(`/api/parks/${body.park.id}`))).body.park.version).toBe(1)

    // Values that parse but break a rule of the park data: the validator's issue, with the cell.
    rowOf(sheet, 'scale.revenue').getCell(6).value = null
    rowOf(sheet, 'enterprises.total').getCell(5).value = 1
    rowOf(sheet, 'green.greenParkTitle').getCell(5).value = '否'
    const invalid = await answer<ErrorBody>(ws.app.request('/api/parks/import', multipart({ file: await workbookFile(workbook), parkId: body.park.id, version: '1' })))
    expect(invalid.status).toBe(422)
    expect(invalid.body.error.code).toBe('invalid_park')
    expect(invalid.body.error.issues!.every((i) => i.code === 'count-exceeds-total')).toBe(true)
    expect(invalid.body.error.issues![0]!.message).toMatch(/（Excel 单元格 E\d+）$/)
  })

  it('reads a workbook without the key column by its labels (dry run: nothing stored)', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('我的表')
    sheet.addRow(['指标', '2025年', '2024年'])
    sheet.addRow(['营业收入（亿元）', 1200, 1100])
    sheet.addRow(['双千兆网络覆盖率（%）', '96.5%', null])
    sheet.addRow(['园区绿化率', 40, null])
    const { status, body } = await answer<{ cells: { key: string; year?: string; value: unknown }[]; warnings: string[] }>(
      ws.app.request('/api/parks/import', multipart({ file: await workbookFile(workbook), kind: 'innovation-digital' })),
    )
    expect(status).toBe(200)
    expect(body.cells.map((c) => [c.key, c.year, c.value])).toEqual([
      ['scale.revenue', '2025', 1200],
      ['scale.revenue', '2024', 1100],
      ['digital.dualGigabitCoverage', undefined, 96.5],
    ])
    expect(body.warnings).toEqual(['第 4 行“园区绿化率”不是本模板的指标，已忽略。'])
  })
})
