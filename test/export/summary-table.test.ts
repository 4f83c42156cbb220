import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { exportSummaryWorkbook } from '../../src/export/summary-table-xlsx.js'
import { numberedRows, summaryLayout, yoyPercent } from '../../src/export/summary-table-layout.js'
import { mergeSummaryWorkbook, readSummaryWorkbook } from '../../src/ingest/summary-table-xlsx.js'
import { getKind } from '../../src/kinds/registry.js'
import { validateParkData } from '../../src/park/validate-park.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { rejectionOf } from '../helpers/user-error.js'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const raw = JSON.parse(fixture('parks/lizhou-base.json')) as unknown
const validated = validateParkData(raw)
if (!validated.ok) throw new Error(JSON.stringify(validated.issues))
const lizhou: ParkData = validated.park
const kind = getKind('base-annual-report')
const layout = summaryLayout(kind, kind.summaryTable!, lizhou)

/** The seed's text as the verbatim test compares it: no whitespace, ASCII brackets, colons and commas made full-width. */
function normalize(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/:/g, '：').replace(/,/g, '，').replace(/;/g, '；')
}
const seed = fixture('templates/huizongbiao-2022.txt')
const seedCodes = [...new Set([...seed.matchAll(/(?:^|\t)(\d{1,2}\.\d{1,2}) ?(?=[\u4e00-\u9fff（“])/gm)].map((m) => m[1]!))]

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer)
  return workbook
}

/** The sheet row whose 指标名称 cell (C) starts with `label`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell(3).value ?? '').startsWith(label)) return sheet.getRow(r)
  throw new Error(`no row ${label}`)
}

describe('the 汇总表 spec against 工规函〔2022〕530号 附件1', () => {
  it('has the 76 numbered rows of the seed, in the seed order: 43 quantities (一–十一) and 33 rows 十二–二十五', () => {
    const rows = numberedRows(layout)
    expect(seedCodes).toHaveLength(76)
    expect(rows.map((r) => r.code)).toEqual(seedCodes)
    expect(rows.filter((r) => Number(r.code.split('.')[0]) <= 11)).toHaveLength(43)
  })

  it('prints every numbered row with the seed label, and the seed unit on the same seed line', () => {
    const lines = seed.split('\n').map(normalize)
    const whole = normalize(seed)
    // The conversion breaks three long labels across lines, with other cells between the halves (18.7 …得 | 是() | 到较好控制).
    const found = (label: string) => {
      if (whole.includes(label)) return true
      for (let k = 4; k < label.length - 1; k++) {
        const head = whole.indexOf(label.slice(0, k))
        const tail = whole.indexOf(label.slice(k), head)
        if (head >= 0 && tail > head && tail - head < 250) return true
      }
      return false
    }
    for (const row of numberedRows(layout)) {
      expect(found(normalize(`${row.code}${row.label}`)), `${row.code} ${row.label}`).toBe(true)
      const line = lines.find((l) => l.includes(normalize(`${row.code}${row.label}`)))
      if (row.unit) expect(line, `${row.code} unit`).toContain(`${normalize(row.label)}${row.unit}`)
    }
    expect(numberedRows(layout).filter((row) => !whole.includes(normalize(`${row.code}${row.label}`))).map((r) => r.code)).toEqual(['18.7', '21.2'])
  })

  it('lists the quantity rows with their units and the 其中 sub-rows, exactly as the seed', () => {
    const quantities = layout.sheets[0]!.rows.filter((r) => r.id?.startsWith('ind:')).map((r) => `${r.cells.find((c) => c.col === 3)!.text}|${r.cells.find((c) => c.col === 4)!.text}`)
    expect(quantities.slice(0, 19)).toEqual([
      '1.1 销售收入|亿元', '其中：主导产业销售收入|亿元', '1.2 工业总产值|亿元', '其中：主导产业总产值|亿元', '1.3 所有产业增加值|亿元',
      '其中：工业增加值|亿元', '1.4 全部企业数量|个', '上市及挂牌企业数量|个', '规模以上企业数量|个', '其中：规模以上工业企业数量|个',
      '1.5 进出口总额|亿元人民币', '其中：出口额|亿元人民币', '1.6 实际使用外资金额|亿元人民币', '1.7 固定资产投资额|亿元',
      '其中：工业固定资产投资额|亿元', '其中：技术改造投资|亿元', '1.8 累计固定资产投资额|亿元', '1.9 基地所在地级市或地区的地区生产总值|亿元',
      '2.1 税金总额|亿元',
    ])
    expect(quantities).toHaveLength(56)
    expect(quantities).toContain('4.2 建筑容积率|')
    expect(quantities.at(-1)).toBe('11.1 所在地政府每年安排专项资金|万元')
  })
})

describe('exportSummaryWorkbook for a 示范基地 (fixtures/parks/lizhou-base.json)', async () => {
  const { data, fileName } = await exportSummaryWorkbook('base-annual-report', lizhou)
  const workbook = await load(data)
  const sheet = workbook.getWorksheet('汇总表')!

  it('names the file after the base and adds the 附表 of its type only (工业互联网 → 附表3)', () => {
    expect(fileName).toBe('国家新型工业化产业示范基地（工业互联网·澧州高新技术产业开发区）-汇总表.xlsx')
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总表', '附表3'])
  })

  it('lays out the header block, contacts and the year columns as the template', () => {
    expect(sheet.getCell('A1').value).toBe('国家新型工业化产业示范基地发展情况汇总表（2022年版）')
    expect(sheet.getCell('A1').isMerged && sheet.getCell('J1').master.address).toBe('A1')
    expect([sheet.getCell('A2').value, sheet.getCell('C2').value, sheet.getCell('E2').value, sheet.getCell('G2').value]).toEqual([
      '示范基地名称', '国家新型工业化产业示范基地（工业互联网·澧州高新技术产业开发区）', '批次', '第九批',
    ])
    expect([sheet.getCell('A5').value, sheet.getCell('C5').value, sheet.getCell('E5').value, sheet.getCell('G5').value]).toEqual([
      '是否属于工业稳增长和转型升级成效明显市（州）', '是', '是否属于特殊困难地区', '否',
    ])
    expect(sheet.getCell('C5').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] })
    const texts = (r: number, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => sheet.getRow(r).getCell(from + i).value)
    expect(sheet.getCell('A10').master.address).toBe('A10')
    expect(sheet.getCell('B12').master.address).toBe('A10')
    expect(texts(10, 1, 10)).toEqual(['联系信息', '联系信息', '', '姓名', '职务', '固定电话', '移动电话', '传真', '邮箱', '备注'])
    expect(texts(12, 3, 10)).toEqual(['联系人', '谭晓岚', '经济发展局科长', '0736-7218826', '13807364205', '0736-7218827', 'tanxl@lzgxq.gov.cn', '工作日 8:30—17:30'])
    expect(sheet.getRow(12).getCell(13).value).toBe('contact:contact')
    expect(texts(13, 1, 9)).toEqual(['序号', '项目', '指标名称', '计量单位', '2025年', '2024年', '2023年', '2025年同比%', '2024年同比%'])
  })

  it('puts each value in its year column and computes 同比 to 0.1 as a live formula', () => {
    const revenue = rowOf(sheet, '1.1 销售收入')
    expect([revenue.getCell(1).value, revenue.getCell(2).value, revenue.getCell(4).value, revenue.getCell(5).value, revenue.getCell(6).value, revenue.getCell(7).value]).toEqual([
      '一', '总体发展情况', '亿元', 1286.4, 1152.7, 1031.9,
    ])
    expect(revenue.getCell(8).value).toEqual({
      formula: 'IF(OR(E14="",F14="",F14=0),"",ROUND((E14-F14)/ABS(F14)*100,1))',
      result: 11.6,
    })
    expect((revenue.getCell(9).value as { result: number }).result).toBe(11.7)
    // 2.2 利润总额 88.5/79.1/70.6: +11.9 %, +12.0 %; 5.1 能耗 falls: −5.0 %, −5.3 %.
    expect([8, 9].map((c) => (rowOf(sheet, '2.2 利润总额').getCell(c).value as { result: number }).result)).toEqual([11.9, 12])
    expect([8, 9].map((c) => (rowOf(sheet, '5.1 单位工业增加值能耗').getCell(c).value as { result: number }).result)).toEqual([-5, -5.3])
    // A year before at 0 has no 同比 (5.6 Ⅰ级环境事件 0/0/0).
    const incidents = rowOf(sheet, '5.6 一年内Ⅰ级环境事件发生数量').getCell(8).value as { formula: string; result?: unknown }
    expect([incidents.formula.startsWith('IF('), incidents.result]).toEqual([true, undefined])
    expect(yoyPercent(1286.4, 1152.7)).toBe(11.6)
    const ratio = rowOf(sheet, '4.2 建筑容积率')
    expect([ratio.getCell(4).value, ratio.getCell(5).value]).toEqual(['', 1.26])
  })

  it('writes the text rows with their guidance, the 是/否 rows and the tables', () => {
    const products = rowOf(sheet, '12.1 主导产业代表性产品及技术')
    const cells = (row: ExcelJS.Row) => Array.from({ length: 10 }, (_, i) => row.getCell(i + 1).value)
    expect(cells(products)).toEqual(['十二', '主导产业竞争力情况', '12.1 主导产业代表性产品及技术', '产品名称', '年产量（单位）', '主要生产企业', '国内市场占有率（%）', '国际市场占有率（%）', '主要技术名称', '技术水平（国际先进、国内领先、国内先进）'])
    const first = sheet.getRow(products.number + 1)
    expect(cells(first)).toEqual(['十二', '主导产业竞争力情况', '12.1 主导产业代表性产品及技术', '澧云工业互联网平台', '服务企业1260家', '湖南澧云信息科技股份有限公司', 2.3, null, '多源异构设备接入与边缘计算技术', '国内领先'])
    expect(first.getCell(13).value).toBe('table:products')
    expect(first.getCell(4).note).toBe('产品1')
    // Five blank product rows as the template prints them; the park lists two.
    expect(Array.from({ length: 7 }, (_, i) => sheet.getRow(products.number + 1 + i).getCell(13).value)).toEqual([...Array(5).fill('table:products'), null, 'table:keyEnterprises'])
    const demo = rowOf(sheet, '13.1 ')
    expect(demo.getCell(4).value).toBe('示范基地以澧云工业互联网平台为牵引，为工程机械、食品加工等行业提供设备联网、能耗管理等服务，2025年带动基地外1260家企业上云用平台。')
    const energy = rowOf(sheet, '18.3 ')
    expect([energy.getCell(4).value, String(energy.getCell(5).value).slice(0, 12)]).toEqual(['是', '澧州示范基地采取能碳在线'])
    expect(energy.getCell(5).note).toBe('示例：xx示范基地采取xx等措施，xx等关键指标达到xx水平，完成了国家/地方政府节能/节水/碳排放下降方面xx的目标。')
    expect(rowOf(sheet, '18.10 ').getCell(4).value).toBe('否')
    expect(rowOf(sheet, '16.3 ').getCell(4).note).toBe('相关称号特指国家级，不包含省级及以下称号；填写时需先总结相关称号数量，然后分点列明称号具体相关信息。')
    const annex = workbook.getWorksheet('附表3')!
    expect(annex.getCell('A1').value).toBe('附表3\u3000国家新型工业化产业示范基地（工业互联网）发展情况汇总表')
    expect(Array.from({ length: 4 }, (_, i) => annex.getRow(3).getCell(i + 1).value)).toEqual(['1. 高质量外网接入企业数（个）', 392, 341, 296])
    expect(annex.getRow(3).getCell(13).value).toBe('annex-year:highQualityAccessEnterprises')
  })

  it('reads the workbook back equal to the park data', async () => {
    const content = await readSummaryWorkbook(data, kind)
    expect(content.issues).toEqual([])
    expect(content.summaryTable).toEqual(lizhou.summaryTable)
    expect(content.indicators).toEqual(lizhou.indicators)
    const merged = mergeSummaryWorkbook({ ...lizhou, indicators: {}, summaryTable: {} }, content)
    expect(merged).toEqual(lizhou)
  })

  it('names the cell of every value it cannot read, in Chinese', async () => {
    const edited = await load(data)
    const ws = edited.getWorksheet('汇总表')!
    const revenue = rowOf(ws, '1.1 销售收入')
    revenue.getCell(6).value = '约1150'
    rowOf(ws, '5.4 工业固体废物综合利用率').getCell(5).value = 104.2
    rowOf(ws, '18.2 ').getCell(4).value = '已完成'
    ws.getCell('G4').value = '外企'
    const content = await readSummaryWorkbook(new Uint8Array(await edited.xlsx.writeBuffer()), kind)
    expect(content.issues).toEqual([
      { path: '$.summaryTable.header.fillerAttribute', code: 'invalid-cell', cell: 'G4', message: '单元格 G4（填报单位属性）应为以下之一：政府、国企、私企，现为“外企”。' },
      { path: "$.indicators.scale.revenue['2024']", code: 'invalid-cell', cell: 'F14', message: '单元格 F14（销售收入（亿元）（2024年））应填写数字，现为“约1150”。' },
      expect.objectContaining({ code: 'invalid-cell', message: expect.stringMatching(/^单元格 E\d+（工业固体废物综合利用率（%）（2025年））应填写0—100之间的百分数（如 93.6），现为“104.2”。$/) }),
      expect.objectContaining({ path: '$.summaryTable.rows.greenLawCompliance.done', message: expect.stringMatching(/^单元格 D\d+（18.2（是否完成））应填写“是”或“否”，现为“已完成”。$/) }),
    ])
  })

  it('refuses a kind without a 汇总表 and a park whose years do not match', async () => {
    const noTable = await rejectionOf(exportSummaryWorkbook('innovation-green'))
    expect([noTable.status, noTable.code, noTable.message]).toEqual([
      422,
      'no_summary_table',
      '报告类型“2026年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）”没有《汇总表》。《汇总表》属于示范基地的年度发展情况报告，请选择示范基地的报告类型。',
    ])
    const wrongYears = await rejectionOf(readSummaryWorkbook(data, getKind('base-annual-report', { dataYear: 2026 })))
    expect([wrongYears.status, wrongYears.code, wrongYears.message]).toEqual([
      422,
      'summary_years_mismatch',
      '工作簿的年份列（2025年、2024年、2023年）与“示范基地2026年发展情况报告”的年份（2026年、2025年、2024年）不一致，请下载该报告类型的《汇总表》模板重新填写。',
    ])
  })
})
