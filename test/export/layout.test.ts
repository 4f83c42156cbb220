import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { formatRule } from '../../src/check/rules/format.js'
import { pageGeometry, docxTypography, CHECK_BOX_FONT } from '../../src/export/docx-style.js'
import { exportFormDocx, splitBeforeUnit } from '../../src/export/form-docx.js'
import { formatNumber, rowDecimals } from '../../src/export/form-values.js'
import { paragraphLines, usedOnLastPage } from '../../src/export/page-estimate.js'
import { chartSizes } from '../../src/export/report-body.js'
import { exportReportDocx } from '../../src/export/report-docx.js'
import { getKind } from '../../src/kinds/registry.js'
import { childElement, type XmlElement } from '../../src/model/ooxml.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { parseReport } from '../../src/model/parse-report.js'
import { ParkDataSchema, type ParkData } from '../../src/park/park-schema.js'
import { descendants, readDocx, textOf } from './docx-package.js'

/**
 * The layout faults a person saw rendering the exported files page by page (issue 18), each read back from the
 * OOXML: where page breaks sit, keep-with-next, run-in headings ending in ：, the data's precision, labels broken
 * before their unit, charts sized to their page, the font table, check boxes, document properties.
 */

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const loadPark = (name: string): ParkData => ParkDataSchema.parse(JSON.parse(fixture(`parks/${name}.json`)))
const green = getKind('innovation-green')
const digital = getKind('innovation-digital')
const nanling = loadPark('nanling-green')
const jialan = loadPark('jialan-digital')
const nanlingText = fixture('drafts/nanling-green.txt')
const COLON_LINE = '（二）打通“副产硫酸钠—元明粉—玻璃原料”循环链条：园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，实现副产固废就地转化。'
const colonText = nanlingText.replace(/（二）打通副产硫酸钠循环链条，提升固废综合利用水平\n[^\n]*\n/, `${COLON_LINE}\n`)

const body = (pkg: ReturnType<typeof readDocx>) => childElement(pkg.xml('word/document.xml'), 'w:body')!
const pPr = (p: XmlElement) => childElement(p, 'w:pPr')
const has = (p: XmlElement, name: string) => Boolean(pPr(p) && childElement(pPr(p)!, name))

describe('page breaks', () => {
  it('the form carries each new page on the paragraph that starts it: no paragraph holds a page break of its own', async () => {
    const root = body(readDocx(await exportFormDocx(jialan, parseReport(fixture('drafts/jialan-digital.txt')), digital)))
    const paragraphs = descendants(root, 'w:p')
    expect(descendants(root, 'w:br').filter((br) => br.attrs['w:type'] === 'page')).toEqual([])
    const starts = paragraphs.filter((p) => has(p, 'w:pageBreakBefore'))
    // 填写说明 (after the cover), then an empty 1-pt paragraph before 一、基本信息 and before 三、工业园区发展情况.
    expect(starts.map((p) => textOf(p))).toEqual(['填写说明', '', ''])
    for (const separator of starts.slice(1)) {
      expect(childElement(pPr(separator)!, 'w:spacing')!.attrs).toMatchObject({ 'w:line': '20', 'w:lineRule': 'exact' })
      const next = root.children[root.children.indexOf(separator) + 1]!
      expect(next.name).toBe('w:tbl')
    }
  })
})

describe('keep with next', () => {
  it('every stand-alone heading keeps with the next paragraph; run-in headings and short paragraphs keep their lines together', async () => {
    const pkg = readDocx(await exportReportDocx(parseReport(nanlingText), green))
    const paragraphs = descendants(body(pkg), 'w:p')
    const keeps = (text: string) => {
      const p = paragraphs.find((q) => textOf(q) === text)!
      return [has(p, 'w:keepNext'), has(p, 'w:keepLines')]
    }
    for (const heading of ['一、背景介绍', '二、创新举措', '三、实践成效', '（一）建设绿色微电网，推动能源结构低碳转型', '（三）安全生产形势持续向好']) {
      expect(keeps(heading), heading).toEqual([true, true])
    }
    expect(keeps('1. 绿电直供。光伏电量优先供给正极材料企业，降低企业外购煤电比例。')).toEqual([false, true])
    expect(keeps('2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。')).toEqual([false, true])
    // The background's second paragraph runs to 8 lines: it may break across pages.
    expect(keeps(nanlingText.split('\n')[5]!)).toEqual([false, false])
  })

  it('keeps a chart with its caption', async () => {
    const pkg = readDocx(await exportReportDocx(parseReport(nanlingText), green, { charts: true, park: nanling }))
    const paragraphs = descendants(body(pkg), 'w:p')
    const pictures = paragraphs.filter((p) => descendants(p, 'w:drawing').length)
    expect(pictures).toHaveLength(2)
    for (const picture of pictures) {
      expect([has(picture, 'w:keepNext'), has(picture, 'w:keepLines')]).toEqual([true, true])
      expect(textOf(paragraphs[paragraphs.indexOf(picture) + 1]!)).toMatch(/^图[12] /)
    }
  })
})

describe('run-in headings ending in ：', () => {
  it('are typeset like those ending in 。 (heading font up to and with the colon, body font after) and pass the format rule', async () => {
    const data = await exportReportDocx(parseReport(colonText), green)
    const { doc, paragraphs } = await parseDocxReport(data)
    const heading = paragraphs.find((p) => p.text === COLON_LINE)!
    expect(heading.runs.map((r) => [r.text, r.eastAsiaFont])).toEqual([
      ['（二）打通“副产硫酸钠—元明粉—玻璃原料”循环链条：', '楷体_GB2312'],
      [COLON_LINE.slice(COLON_LINE.indexOf('：') + 1), '仿宋_GB2312'],
    ])
    expect(checkReport({ doc, kind: green, docxParagraphs: paragraphs, rules: [formatRule] }).findings).toEqual([])
  })
})

describe('numbers keep the data’s precision', () => {
  it('pads a figure to the decimals of its row: 22 beside 22.8 and 21.3 prints 22.0', async () => {
    expect(rowDecimals([22.8, 22, 21.3])).toBe(1)
    expect([22.8, 22, 21.3].map((v) => formatNumber(v, 1))).toEqual(['22.8', '22.0', '21.3'])
    expect([3260, 0, 968.25].map((v) => formatNumber(v, rowDecimals([3260, 0, 968.25])))).toEqual(['3260.00', '0.00', '968.25'])
    expect(formatNumber(1587.3)).toBe('1587.3')
    const pkg = readDocx(await exportFormDocx(jialan, parseReport(fixture('drafts/jialan-digital.txt')), digital))
    const row = pkg.tables[2]!.rows.find((cells) => cells.some((c) => c.text.startsWith('园区全口径增加值')))!
    expect(row.slice(-3).map((c) => c.text)).toEqual(['22.8', '22.0', '21.3'])
  })
})

describe('indicator labels', () => {
  it('break before the bracket when the unit would be cut across two lines', () => {
    // The year table's label column is 2,800 twips: 10.8 ems of 小四 after the cell margins.
    const widthEm = (2800 - 216) / 240
    expect(splitBeforeUnit('主导产业营业收入（亿元）', widthEm)).toEqual(['主导产业营业收入', '（亿元）'])
    expect(splitBeforeUnit('营业收入（亿元）', widthEm)).toEqual(['营业收入（亿元）'])
    expect(splitBeforeUnit('亩均税收（万元/亩）', widthEm)).toEqual(['亩均税收（万元/亩）'])
    expect(splitBeforeUnit('园区全口径增加值占所在城市地区生产总值比重（%）', widthEm)).toEqual(['园区全口径增加值占所在城市地区生产总值比重（%）'])
    expect(splitBeforeUnit('规模以上工业企业数量', widthEm)).toEqual(['规模以上工业企业数量'])
  })

  it('the exported cell holds the name, a line break, then the unit', async () => {
    const pkg = readDocx(await exportFormDocx(jialan, parseReport(fixture('drafts/jialan-digital.txt')), digital))
    const cell = pkg.tables[2]!.rows.flat().find((c) => c.text.startsWith('主导产业营业收入'))!
    const run = descendants(cell.element, 'w:r').map((r) => (childElement(r, 'w:br') ? '⏎' : '') + textOf(r)).join('')
    expect(run).toBe('主导产业营业收入⏎（亿元）')
  })
})

describe('charts sized to the page', () => {
  const page = pageGeometry(docxTypography(green))
  const chart = (widthPx: number, heightPx: number) => ({ id: 'scale-trend' as const, title: '', description: '', png: new Uint8Array(), widthPx, heightPx })

  it('has the page the report flows on: 28 lines of 22 pt in the GB/T 9704 text block, 36.85 ems wide', () => {
    expect(page).toEqual({ heightTwips: 12756, widthTwips: 8845, lineTwips: 440, emTwips: 240 })
    expect(paragraphLines('南'.repeat(34), 2, 36.85)).toBe(1)
    expect(paragraphLines('南'.repeat(35), 2, 36.85)).toBe(2)
    expect(paragraphLines('2025'.repeat(17), 2, 36.85)).toBe(1)
    expect(usedOnLastPage([{ text: '南'.repeat(34 + 36 * 29), indentEm: 2 }], page)).toBe(2 * 440)
  })

  it('keeps a chart at full size when it fits, shrinks it to the room left, or moves it whole to the next page', () => {
    // A 560 × 400 px chart (1,120 × 800 rendered): 6,000 twips high, 6,560 with its caption.
    const tall = chart(1120, 800)
    expect(chartSizes([tall], 560, 0, page)).toEqual([{ width: 560, height: 400 }])
    // 10 lines used: 12,756 − 4,400 − 880 margin = 7,476 free, enough.
    expect(chartSizes([tall], 560, 10 * 440, page)).toEqual([{ width: 560, height: 400 }])
    // 16 lines used: 4,836 free, 4,276 for the picture, 71% of it: shrunk to fit.
    expect(chartSizes([tall], 560, 16 * 440, page)).toEqual([{ width: 399, height: 285 }])
    // 18 lines used: 3,956 free, 3,396 for the picture, 57%: whole, on the next page.
    expect(chartSizes([tall], 560, 18 * 440, page)).toEqual([{ width: 560, height: 400 }])
    // Without a page estimate (inside the form's table cell) every chart is full size.
    expect(chartSizes([tall, tall], 560, undefined, undefined)).toEqual([{ width: 560, height: 400 }, { width: 560, height: 400 }])
  })
})

describe('fonts and properties', () => {
  it('lists every font with its alternate in fontTable.xml, so Windows without the _GB2312 fonts uses 仿宋 and 楷体', async () => {
    const pkg = readDocx(await exportFormDocx(nanling, parseReport(nanlingText), green))
    const fonts = descendants(pkg.xml('word/fontTable.xml'), 'w:font')
    const altOf = (name: string) => childElement(fonts.find((f) => f.attrs['w:name'] === name)!, 'w:altName')?.attrs['w:val']
    expect(fonts.map((f) => f.attrs['w:name']).sort()).toEqual(['Segoe UI Symbol', 'Times New Roman', '仿宋_GB2312', '宋体', '楷体_GB2312', '黑体'].sort())
    expect([altOf('仿宋_GB2312'), altOf('楷体_GB2312'), altOf('黑体'), altOf('宋体')]).toEqual(['仿宋', '楷体', 'SimHei', 'SimSun'])
    const fangsong = fonts.find((f) => f.attrs['w:name'] === '仿宋_GB2312')!
    expect(childElement(fangsong, 'w:charset')!.attrs['w:val']).toBe('86')
  })

  it('sets ☑ and ☐ in a font that has them, the text beside them in the body font', async () => {
    const pkg = readDocx(await exportFormDocx(nanling, parseReport(nanlingText), green))
    const runs = descendants(body(pkg), 'w:r').filter((r) => /[☑☐]/.test(textOf(r)))
    expect(runs.length).toBeGreaterThan(0)
    for (const run of runs) {
      expect(textOf(run)).toMatch(/^[☑☐]$/)
      expect(childElement(childElement(run, 'w:rPr')!, 'w:rFonts')!.attrs).toMatchObject({ 'w:eastAsia': CHECK_BOX_FONT, 'w:ascii': CHECK_BOX_FONT, 'w:hint': 'eastAsia' })
    }
  })

  it('names the filling unit as author and company', async () => {
    const pkg = readDocx(await exportFormDocx(nanling, parseReport(nanlingText), green))
    expect(pkg.text('docProps/core.xml')).toContain(`<dc:creator>${nanling.park.filler.name}</dc:creator>`)
    expect(pkg.text('docProps/core.xml')).toContain(`<cp:lastModifiedBy>${nanling.park.filler.name}</cp:lastModifiedBy>`)
    expect(pkg.text('docProps/app.xml')).toContain(`<Company>${nanling.park.filler.name}</Company>`)
  })
})
