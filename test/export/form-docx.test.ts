import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/errors.js'
import { exportFormDocx, pairIndicators } from '../../src/export/form-docx.js'
import { indicatorRows, type KindSpec } from '../../src/kinds/kind-spec.js'
import { getKind } from '../../src/kinds/registry.js'
import { childElement } from '../../src/model/ooxml.js'
import { parseReport } from '../../src/model/parse-report.js'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'
import { cellsAfter, descendants, readDocx, textOf, valueAfter, type DocxPackage } from './docx-package.js'
import { expectedParagraphs, expectTypography } from './typography-expectations.js'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const loadPark = (name: string): ParkData => ParkDataSchema.parse(JSON.parse(fixture(`parks/${name}.json`)))
const nanling = loadPark('nanling-green')
const draft = parseReport(fixture('drafts/nanling-green.txt'))
const green = getKind('innovation-green')

async function exportForm(park: ParkData = nanling, kind: KindSpec = green, options = {}): Promise<DocxPackage> {
  return readDocx(await exportFormDocx(park, draft, kind, options))
}

const pkg = await exportForm()
const [basic, overview, indicators] = pkg.tables as [DocxPackage['tables'][0], DocxPackage['tables'][0], DocxPackage['tables'][0]]

describe('exportFormDocx: cover, 填写说明, 承诺声明', () => {
  it('fills the cover from the park data and the report title, in template order', () => {
    expect(pkg.paragraphs.slice(0, 7).map((p) => p.text)).toEqual([
      '2026年工业园区高质量发展创新实践',
      '经验总结材料',
      '（推动绿色安全发展类）',
      '创新实践名称：绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展',
      '工业园区名称：南岭经济技术开发区',
      '填写单位名称：南岭经济技术开发区管理委员会（加盖单位公章）',
      '填写日期：　　　　年　　　月　　　日',
    ])
  })

  it('prints 填写说明 and 承诺声明 verbatim from the kind', () => {
    const texts = pkg.paragraphs.map((p) => p.text)
    const at = texts.indexOf('填写说明')
    expect(texts.slice(at, at + 7)).toEqual([
      '填写说明',
      `1. ${green.form!.instructions.items[0]}`,
      `2. ${green.form!.instructions.items[1]}`,
      '承诺声明',
      green.form!.pledge.text,
      '填写单位（盖章）：南岭经济技术开发区管理委员会',
      '年    月    日',
    ])
  })

  it('writes the fill date when one is given, on the cover and under the pledge', async () => {
    const dated = await exportForm(nanling, green, { fillDate: '2026-03-15' })
    const texts = dated.paragraphs.map((p) => p.text)
    expect(texts).toContain('填写日期：2026年3月15日')
    expect(texts[texts.indexOf('填写单位（盖章）：南岭经济技术开发区管理委员会') + 1]).toBe('2026年3月15日')
  })

  it.each([['2026-3-15'], ['2026-02-30'], ['明天']])('rejects the fill date %s with a Chinese message', async (fillDate) => {
    const error = await exportFormDocx(nanling, draft, green, { fillDate }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).code).toBe('EXPORT_BAD_DATE')
    expect((error as UserError).message).toBe(`填写日期“${fillDate}”格式不正确，应为“2026-03-15”这样的年-月-日。`)
  })

  it('puts no page number on the cover and “— n —” on the other pages', () => {
    const sectPr = childElement(childElement(pkg.xml('word/document.xml'), 'w:body'), 'w:sectPr')!
    expect(childElement(sectPr, 'w:titlePg')).toBeDefined()
    const refs = descendants(sectPr, 'w:footerReference').map((r) => r.attrs['w:type'])
    expect(refs.sort()).toEqual(['default', 'first'])
  })
})

describe('exportFormDocx: 一、基本信息', () => {
  it('puts each value under its template label', () => {
    expect(basic.rows[0]!.map((c) => c.text)).toEqual(['一、基本信息'])
    expect(valueAfter(basic, '工业园区名称')).toBe('南岭经济技术开发区')
    expect(cellsAfter(basic, '主导产业及细分领域')).toEqual(['序号', '主导产业', '对应细分领域'])
    expect(cellsAfter(basic, '1')).toEqual(['新能源电池材料', '正极材料、电解液'])
    expect(cellsAfter(basic, '2')).toEqual(['精细化工', '电子化学品'])
    expect(cellsAfter(basic, '3')).toEqual(['先进装备制造', '化工专用装备'])
    expect(cellsAfter(basic, '所在地区')).toEqual(['所在省市', '湖南省南岭市', '所在区县', '岭东区'])
    expect(valueAfter(basic, '填写单位名称')).toBe('南岭经济技术开发区管理委员会')
    expect(valueAfter(basic, '填写单位类别（单选）')).toBe('☑政府/事业单位　☐央国企　☐民企　☐其他')
    expect(cellsAfter(basic, '负责人姓名')).toEqual(['（示例）', '部门及职务', '主任'])
    expect(cellsAfter(basic, '联系人姓名')).toEqual(['（示例）', '部门及职务', '经济发展局科员'])
    expect(valueAfter(basic, '工业园区简介')).toBe(nanling.park.intro)
  })

  it('leaves blank contact details blank', () => {
    const phoneRows = basic.rows.filter((r) => r.some((c) => c.text === '手机号'))
    expect(phoneRows.map((r) => r.filter((c) => c.vMerge !== 'continue').map((c) => c.text))).toEqual([
      ['手机号', '', '电子邮箱', ''],
      ['手机号', '', '电子邮箱', ''],
    ])
  })

  it('keeps three lead-industry rows when the park names fewer, the extra rows empty', async () => {
    const one = { ...nanling, park: { ...nanling.park, leadIndustries: [nanling.park.leadIndustries[0]!] } }
    const [table] = (await exportForm(one)).tables
    expect(cellsAfter(table!, '2')).toEqual(['', ''])
    expect(cellsAfter(table!, '3')).toEqual(['', ''])
  })

  it('ticks the chosen 填写单位类别 and no other', async () => {
    const firm = { ...nanling, park: { ...nanling.park, filler: { name: '南岭产业投资集团有限公司', category: '央国企' as const } } }
    const [table] = (await exportForm(firm)).tables
    expect(valueAfter(table!, '填写单位类别（单选）')).toBe('☐政府/事业单位　☑央国企　☐民企　☐其他')
  })
})

describe('exportFormDocx: 二、创新实践概述', () => {
  it('fills 聚焦主导产业 and 创新实践名称, then the report below 创新实践经验总结报告, one row per paragraph', () => {
    expect(overview.rows[0]!.map((c) => c.text)).toEqual(['二、推动绿色安全发展类创新实践概述'])
    expect(valueAfter(overview, '创新实践聚焦主导产业')).toBe('新能源电池材料')
    expect(valueAfter(overview, '创新实践名称')).toBe(draft.title!.text)
    const label = overview.rows.findIndex((r) => r.length === 1 && r[0]!.text === '创新实践经验总结报告')
    const report = overview.rows.slice(label + 1)
    expect(report.every((r) => r.length === 1 && !r[0]!.text.includes('\n'))).toBe(true)
    // Every line of the draft but its title (printed in the 创新实践名称 row), in order.
    expect(report.map((r) => r[0]!.text)).toEqual(draft.source.split('\n').filter((line) => line.trim()).slice(1))
  })

  it('keeps each heading of the report with its text: heading rows never split and keep with the next, no line between the rows', () => {
    const label = overview.rows.findIndex((r) => r.length === 1 && r[0]!.text === '创新实践经验总结报告')
    const rows = overview.rows.slice(label + 1).map((r) => r[0]!)
    const row = (text: string) => rows.find((cell) => cell.text === text)!
    const edges = (cell: (typeof rows)[0]) => {
      const borders = childElement(childElement(cell.element, 'w:tcPr'), 'w:tcBorders')
      return (borders?.children ?? []).map((edge) => `${edge.name}=${edge.attrs['w:val']}`)
    }
    const trs = descendants(pkg.xml('word/document.xml'), 'w:tbl')[1]!.children.filter((child) => child.name === 'w:tr')
    // The table's rows parsed again: the same order as overview.rows.
    const rowProperties = (cell: (typeof rows)[0]) => (childElement(trs[label + 1 + rows.indexOf(cell)], 'w:trPr')?.children ?? []).map((c) => c.name)
    for (const heading of ['一、背景介绍', '二、创新举措', '（一）建设绿色微电网，推动能源结构低碳转型', '三、实践成效', '（三）安全生产形势持续向好']) {
      expect(rowProperties(row(heading))).toEqual(['w:cantSplit'])
      expect(descendants(row(heading).element, 'w:keepNext')).toHaveLength(1)
    }
    const body = row('2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。')
    expect(rowProperties(body)).toEqual([])
    expect(edges(rows[0]!)).toEqual(['w:bottom=nil'])
    expect(edges(row('一、背景介绍'))).toEqual(['w:top=nil', 'w:bottom=nil'])
    expect(edges(body)).toEqual(['w:top=nil'])
  })

  it('sets the report in the report typography, paragraph by paragraph (without the title, which has its own row)', () => {
    const expected = expectedParagraphs(draft, green, { includeTitle: false })
    const start = pkg.paragraphs.findIndex((p) => p.text.startsWith('【摘要】'))
    expectTypography(pkg.paragraphs.slice(start, start + expected.length), expected, green)
  })
})

describe('exportFormDocx: 三、工业园区发展情况', () => {
  it('fills the year columns under 2025年 / 2024年 / 2023年', () => {
    expect(indicators.rows[0]!.map((c) => c.text)).toEqual(['三、工业园区发展情况'])
    expect(cellsAfter(indicators, '整体规模情况')).toEqual(['', '2025年', '2024年', '2023年'])
    expect(cellsAfter(indicators, '营业收入（亿元）')).toEqual(['968.2', '887.5', '803.6'])
    expect(cellsAfter(indicators, '主导产业营业收入（亿元）')).toEqual(['512.4', '451.8', '389.1'])
    expect(cellsAfter(indicators, '园区全口径增加值占所在城市地区生产总值比重（%）')).toEqual(['18.4', '17.6', '16.9'])
    expect(cellsAfter(indicators, '利润总额（亿元）')).toEqual(['61.3', '55.2', '49.8'])
    expect(cellsAfter(indicators, '亩均税收（万元/亩）')).toEqual(['35.6', '33.1', '30.4'])
  })

  it('pairs single-period rows as the template does, units in the labels', () => {
    expect(cellsAfter(indicators, '实际管理面积（公顷）')).toEqual(['3260', '实际开发面积（公顷）', '2410'])
    expect(cellsAfter(indicators, '工业用地综合容积率')).toEqual(['1.12'])
    expect(cellsAfter(indicators, '全部企业数量（个）')).toEqual(['1482', '2025年新注册且有实际经营活动的企业数量（个）', '126'])
    expect(cellsAfter(indicators, '上市企业数量（个）')).toEqual(['6', '独角兽企业数量（个）', '0'])
    expect(cellsAfter(indicators, '国家级专精特新“小巨人”企业数量（个）')).toEqual(['13', '省级专精特新企业数量（个）', '87'])
    // 001 prints 单位能耗碳排放 alone, then pairs the rows after it.
    expect(cellsAfter(indicators, '单位能耗碳排放（吨/吨标准煤）')).toEqual(['2.05'])
    expect(cellsAfter(indicators, '工业固体废弃物综合利用率（%）')).toEqual(['93.6', '规模以上工业单位增加值水耗（立方米/万元）', '7.8'])
    expect(cellsAfter(indicators, '国家级绿色工厂数量（个）')).toEqual(['9', '国家级绿色供应链管理企业（个）', '3'])
  })

  it('ticks 是 or 否 for yes/no rows and prints text rows as paragraphs', () => {
    expect(cellsAfter(indicators, '是否获得国家级绿色工业园区称号')).toEqual(['☑是\n☐否', '是否获得零碳园区称号', '☐是\n☑否'])
    expect(valueAfter(indicators, '安全生产体系建设情况')).toBe(nanling.indicators!.green!.safetySystem)
    expect(valueAfter(indicators, '安全科技支撑情况')).toBe(nanling.indicators!.green!.safetyTech)
  })

  it('prints the group labels with their period notes', () => {
    const labels = indicators.rows.flatMap((r) => r.filter((c) => c.column === 0 && c.vMerge === 'restart').map((c) => c.text))
    expect(labels).toEqual([
      '整体规模情况',
      '土地利用情况\n（截至2025年12月31日）',
      '企业培育情况\n（截至2025年12月31日、2025年）',
      '绿色安全情况',
    ])
  })

  it('leaves a missing indicator’s cell empty and invents nothing', async () => {
    const gaps: ParkData = structuredClone(nanling)
    delete gaps.indicators!.scale!.revenue!['2024']
    delete gaps.indicators!.enterprises!.unicorn
    delete gaps.indicators!.green!.zeroCarbonTitle
    delete gaps.indicators!.green!.safetyTech
    const table = (await exportForm(gaps)).tables[2]!
    expect(cellsAfter(table, '营业收入（亿元）')).toEqual(['968.2', '', '803.6'])
    expect(cellsAfter(table, '上市企业数量（个）')).toEqual(['6', '独角兽企业数量（个）', ''])
    expect(cellsAfter(table, '是否获得国家级绿色工业园区称号')).toEqual(['☑是\n☐否', '是否获得零碳园区称号', '☐是\n☐否'])
    expect(valueAfter(table, '安全科技支撑情况')).toBe('')
  })

  it('exports a park without any indicator data: every value cell empty', async () => {
    const { indicators: _none, ...rest } = nanling
    const table = (await exportForm(rest as ParkData)).tables[2]!
    expect(cellsAfter(table, '营业收入（亿元）')).toEqual(['', '', ''])
    expect(cellsAfter(table, '实际管理面积（公顷）')).toEqual(['', '实际开发面积（公顷）', ''])
    expect(valueAfter(table, '安全生产体系建设情况')).toBe('')
  })

  it('lays out the digital kind’s 实数融合情况 from its own indicator block', async () => {
    const table = (await exportForm(loadPark('jialan-digital'), getKind('innovation-digital'))).tables[2]!
    expect(cellsAfter(table, '营业收入（亿元）')).toEqual(['1587.3', '1452.8', '1326.5'])
    expect(cellsAfter(table, '双千兆网络覆盖率（%）')).toEqual(['96.5', '园区数字化生产性服务应用覆盖规上工业企业比例（%）', '72.4'])
    expect(cellsAfter(table, '规模以上工业企业数字化改造率（%）')).toEqual(['68.7', '园区管理服务数智化建设投资额占园区可支配财力比例（%）', '3.2'])
    expect(valueAfter(table, '高质量数据集构建情况')).toMatch(/^制定园区数据分类分级管理办法/)
    expect(() => cellsAfter(table, '绿色安全情况')).toThrow()
  })
})

describe('exportFormDocx: footnotes and table grids', () => {
  it('turns every template footnote into a Word footnote, numbered in document order', () => {
    const form = green.form!
    const expected = [
      ...form.basicInfo.fields.flatMap((f) => (form.basicInfo.footnotes[f.id] ? [form.basicInfo.footnotes[f.id]!] : [])),
      ...green.indicatorBlock!.groups.flatMap((g) => [g.footnote, ...g.indicators.map((i) => i.footnote)].filter((n): n is string => !!n)),
    ]
    expect(expected).toHaveLength(9) // 001 footnotes [0]–[8]
    const footnotes = descendants(pkg.xml('word/footnotes.xml'), 'w:footnote').filter((f) => Number(f.attrs['w:id']) > 0)
    expect(footnotes.map((f) => textOf(f).trim())).toEqual(expected)
    const refs = descendants(pkg.xml('word/document.xml'), 'w:footnoteReference').map((r) => Number(r.attrs['w:id']))
    expect(refs).toEqual(expected.map((_, i) => i + 1))
    expect(expected).toContain('单位能耗碳排放（吨/吨标准煤）=园区碳排放量/综合能源消费量')
    expect(expected).toContain('亩均税收（万元/亩）=企业实缴税金/实际开发面积')
  })

  it('puts each footnote reference right after its label', () => {
    const labelOf = (id: number) => {
      const ref = descendants(pkg.xml('word/document.xml'), 'w:p').find((p) => descendants(p, 'w:footnoteReference').some((r) => r.attrs['w:id'] === String(id)))
      return textOf(ref!)
    }
    expect([1, 2, 3, 7].map(labelOf)).toEqual([
      '工业园区名称',
      '主导产业及细分领域',
      '园区全口径增加值占所在城市地区生产总值比重（%）',
      '单位能耗碳排放（吨/吨标准煤）',
    ])
  })

  it('writes grid column widths that add up to the table width, and every row fills the grid (WPS)', () => {
    for (const table of pkg.tables) {
      expect(table.width).toBe(8845)
      expect(table.gridColumns.reduce((a, b) => a + b, 0)).toBe(table.width)
      for (const row of table.rows) expect(row.reduce((n, c) => n + c.span, 0)).toBe(table.gridColumns.length)
    }
  })

  it('lays every indicator of the kind out exactly once', () => {
    for (const kind of [green, getKind('innovation-digital')]) {
      const laidOut = kind.indicatorBlock!.groups.flatMap((g) =>
        (g.years && g.years.length > 1 ? g.indicators.map((i) => [i]) : pairIndicators(g.indicators).map((l) => (l.kind === 'pair' ? [l.left, l.right] : [l.indicator]))).flat(),
      )
      expect(laidOut.map((i) => i.key)).toEqual(indicatorRows(kind).map((r) => r.indicator.key))
    }
  })
})

describe('exportFormDocx: charts and kinds without a form', () => {
  it('places the charts with captions in the report cell', async () => {
    const charted = await exportForm(nanling, green, { charts: true })
    expect(charted.zip.names.filter((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toHaveLength(2)
    const report = charted.tables[1]!.rows.slice(-5).map((r) => r[0]!)
    expect(report.map((cell) => cell.text)).toEqual([
      '2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。',
      '',
      '图1 创新实践前后关键指标对比',
      '',
      '图2 营业收入与主导产业营业收入（2023—2025年）',
    ])
    // A chart's row is never split and keeps with its caption's row.
    expect(report.map((cell) => descendants(cell.element, 'w:drawing').length > 0 && descendants(cell.element, 'w:keepNext').length === 1)).toEqual([false, true, false, true, false])
  })

  it.each([['base-annual-report'], ['base-excellent-case']])('refuses %s, which has no fill-in form', async (id) => {
    const kind = getKind(id)
    const error = await exportFormDocx(nanling, draft, kind).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).code).toBe('EXPORT_NO_FORM')
    expect((error as UserError).status).toBe(422)
    expect((error as UserError).message).toBe(`报告类型“${kind.name}”没有填报表格，无法导出完整材料。请改为导出报告正文（Word）。`)
  })
})
