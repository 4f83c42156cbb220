import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { formatRule } from '../../src/check/rules/format.js'
import { UserError } from '../../src/errors.js'
import { exportReportDocx } from '../../src/export/report-docx.js'
import { xmlSafe } from '../../src/export/xml-safe.js'
import type { KindSpec } from '../../src/kinds/kind-spec.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { parseReport } from '../../src/model/parse-report.js'
import { ParkDataSchema } from '../../src/park/park-schema.js'
import { childElement, type XmlElement } from '../../src/model/ooxml.js'
import { descendants, readDocx, textOf } from './docx-package.js'
import { expectedParagraphs, expectTypography } from './typography-expectations.js'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const draft = parseReport(fixture('drafts/nanling-green.txt'))
const park = ParkDataSchema.parse(JSON.parse(fixture('parks/nanling-green.json')))
const green = getKind('innovation-green')

/** The same kind with other typography everywhere: proves the exporter reads every value from the kind. */
const unusual: KindSpec = {
  ...green,
  headingLevels: [
    { level: 1, marker: '一、', font: '方正小标宋简体' },
    { level: 2, marker: '（一）', font: '华文楷体' },
    { level: 3, marker: '1.', font: '微软雅黑' },
    { level: 4, marker: '（1）', font: '华文仿宋' },
  ],
  typography: {
    ...green.typography,
    bodyFont: '宋体',
    sizePt: 14,
    lineSpacingPt: 28,
    spaceBeforePt: 0,
    spaceAfterPt: 0,
    firstLineIndentChars: 2,
    latinFont: 'Arial',
  },
}

describe('exportReportDocx: typography of every paragraph', () => {
  const cases: [string, KindSpec, string][] = [
    ['innovation-green, the example draft', green, 'drafts/nanling-green.txt'],
    ['innovation-digital (same template format)', getKind('innovation-digital'), 'drafts/nanling-green.txt'],
    ['base-annual-report (no form, derived format)', getKind('base-annual-report'), 'drafts/nanling-green.txt'],
    ['a kind with other fonts, size and spacing', unusual, 'drafts/nanling-green.txt'],
    ['a Markdown draft', green, 'drafts/nanling-green.md'],
  ]
  it.each(cases)('%s', async (_name, kind, path) => {
    const doc = parseReport(fixture(path), path.endsWith('.md') ? 'markdown' : 'text')
    const { paragraphs } = await parseDocxReport(await exportReportDocx(doc, kind))
    expectTypography(paragraphs, expectedParagraphs(doc, kind, { includeTitle: true }), kind)
  })

  it('writes what the template asks in the XML itself: w:sz 24, w:line 440 exact, no spacing, firstLineChars 200', async () => {
    const pkg = readDocx(await exportReportDocx(draft, green))
    const body = childElement(pkg.xml('word/document.xml'), 'w:body')!
    const paragraphs = descendants(body, 'w:p')
    // One paragraph per non-empty line of the draft: no blank paragraphs between the parts.
    expect(paragraphs).toHaveLength(draft.source.split('\n').filter((line) => line.trim()).length)
    for (const p of paragraphs) {
      const pPr = childElement(p, 'w:pPr')!
      expect(childElement(pPr, 'w:spacing')!.attrs).toEqual({ 'w:line': '440', 'w:lineRule': 'exact', 'w:before': '0', 'w:after': '0' })
      for (const r of descendants(p, 'w:r')) {
        expect(childElement(childElement(r, 'w:rPr'), 'w:sz')!.attrs['w:val']).toBe('24')
      }
    }
    const indents = paragraphs.map((p) => childElement(childElement(p, 'w:pPr'), 'w:ind')?.attrs['w:firstLineChars'])
    expect(indents[0]).toBeUndefined() // the title: centred, no indent
    expect(new Set(indents.slice(1))).toEqual(new Set(['200']))
    expect(childElement(childElement(paragraphs[0]!, 'w:pPr'), 'w:jc')!.attrs['w:val']).toBe('center')
  })

  it('sets eastAsia on every run, Times New Roman for Latin text, and w:hint="eastAsia" exactly on runs with “”—…', async () => {
    const pkg = readDocx(await exportReportDocx(draft, green))
    const runs = descendants(childElement(pkg.xml('word/document.xml'), 'w:body')!, 'w:r')
    const fonts = runs.map((r): Record<string, string | undefined> & { text: string } => ({
      text: textOf(r),
      ...childElement(childElement(r, 'w:rPr'), 'w:rFonts')!.attrs,
    }))
    for (const f of fonts) {
      expect(f['w:eastAsia'], f.text).toBeTruthy()
      expect([f['w:ascii'], f['w:hAnsi']], f.text).toEqual(['Times New Roman', 'Times New Roman'])
      expect(f['w:hint'] === 'eastAsia', f.text).toBe(/[“”‘’—…]/.test(f.text))
    }
    expect(fonts.filter((f) => f['w:hint']).map((f) => f.text.slice(0, 12))).toEqual([
      '南岭经济技术开发区聚焦新', // 【摘要】 … 建设“源网荷储”…
      '园区建设“源网荷储”一体',
      '园区引进南岭市绿源环保科', // “副产硫酸钠—元明粉—玻璃原料”
    ])
  })

  it('names the template fonts in docDefaults and in the theme (no 等线/Calibri for WPS to miss)', async () => {
    const pkg = readDocx(await exportReportDocx(draft, green))
    const rPrDefault = descendants(pkg.xml('word/styles.xml'), 'w:rPrDefault')[0]!
    expect(descendants(rPrDefault, 'w:rFonts')[0]!.attrs).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' })
    expect(descendants(rPrDefault, 'w:sz')[0]!.attrs['w:val']).toBe('24')
    const theme = pkg.xml('word/theme/theme1.xml')
    const fontsOf = (name: string) => {
      const font = descendants(theme, name)[0]!
      const hans = font.children.find((c) => c.name === 'a:font' && c.attrs['script'] === 'Hans')
      return [childElement(font, 'a:latin')!.attrs['typeface'], childElement(font, 'a:ea')!.attrs['typeface'], hans?.attrs['typeface']]
    }
    expect(fontsOf('a:majorFont')).toEqual(['Times New Roman', '黑体', '黑体'])
    expect(fontsOf('a:minorFont')).toEqual(['Times New Roman', '仿宋_GB2312', '仿宋_GB2312'])
    expect(pkg.text('word/theme/theme1.xml')).not.toMatch(/等线|Calibri/)
  })

  it('lays the page out as A4 with GB/T 9704 margins and a page number in the footer', async () => {
    const pkg = readDocx(await exportReportDocx(draft, green))
    const sectPr = childElement(childElement(pkg.xml('word/document.xml'), 'w:body'), 'w:sectPr')!
    expect(childElement(sectPr, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' })
    // 37 / 35 / 28 / 26 mm in twips.
    expect(childElement(sectPr, 'w:pgMar')!.attrs).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474' })
    const footer = pkg.xml('word/footer1.xml')
    expect(descendants(footer, 'w:instrText').map((e: XmlElement) => e.text.trim())).toEqual(['PAGE'])
    expect(textOf(footer)).toBe('—  —')
  })

  it('is accepted by the checker’s format rule: our own export has no typography finding', async () => {
    for (const kind of [green, getKind('innovation-digital'), unusual]) {
      const { doc, paragraphs } = await parseDocxReport(await exportReportDocx(draft, kind))
      expect(checkReport({ doc, kind, docxParagraphs: paragraphs, rules: [formatRule] }).findings).toEqual([])
    }
  })
})

describe('exportReportDocx: charts', () => {
  it('puts the charts with captions 图1, 图2 at the end of 三、实践成效, as PNG parts', async () => {
    const bytes = await exportReportDocx(draft, green, { charts: true, park })
    const pkg = readDocx(bytes)
    const media = pkg.zip.names.filter((n) => n.startsWith('word/media/'))
    expect(media).toHaveLength(2)
    for (const name of media) expect([...pkg.zip.read(name)!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    const texts = pkg.paragraphs.map((p) => p.text)
    expect(texts.slice(-5)).toEqual([
      '2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。',
      '',
      '图1 创新实践前后关键指标对比',
      '',
      '图2 营业收入与主导产业营业收入（2023—2025年）',
    ])
    const caption = pkg.paragraphs.at(-1)!
    expect(caption.runs.map((r) => [r.eastAsiaFont, r.sizePt])).toEqual([['仿宋_GB2312', 12]])
    expect(caption.lineSpacing).toEqual({ rule: 'exact', value: 22 })
    // The picture paragraph is single-spaced: an exact 22 pt line would crop it.
    expect(pkg.paragraphs.at(-2)!.lineSpacing).toEqual({ rule: 'auto', value: 1 })
    expect(descendants(pkg.xml('word/document.xml'), 'wp:docPr').map((d) => d.attrs['title'])).toEqual([
      '创新实践前后关键指标对比',
      '营业收入与主导产业营业收入（2023—2025年）',
    ])
    const { doc, paragraphs } = await parseDocxReport(bytes)
    expect(checkReport({ doc, kind: green, docxParagraphs: paragraphs, rules: [formatRule] }).findings).toEqual([])
  })

  it('refuses charts without park data: the figures come from the park data only', async () => {
    const error = await exportReportDocx(draft, green, { charts: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).code).toBe('EXPORT_CHARTS_NEED_PARK')
    expect((error as UserError).status).toBe(422)
  })

  it('exports no picture when charts are off', async () => {
    const pkg = readDocx(await exportReportDocx(draft, green, { park }))
    expect(pkg.zip.names.filter((n) => n.startsWith('word/media/'))).toEqual([])
  })
})

describe('exportReportDocx: edge cases', () => {
  it('exports an empty draft as a valid document with one empty paragraph', async () => {
    const { paragraphs } = await parseDocxReport(await exportReportDocx(parseReport(''), green))
    expect(paragraphs.map((p) => p.text)).toEqual([''])
  })

  it('exports a draft without title or 【摘要】 section by section', async () => {
    const doc = parseReport('一、背景介绍\n园区始建于2006年。\n二、创新举措\n1. 绿电直供。光伏电量优先供给正极材料企业。')
    const { paragraphs } = await parseDocxReport(await exportReportDocx(doc, green))
    expectTypography(paragraphs, expectedParagraphs(doc, green, { includeTitle: true }), green)
    expect(paragraphs[3]!.runs.map((r) => [r.text, r.eastAsiaFont])).toEqual([['1. 绿电直供。光伏电量优先供给正极材料企业。', '仿宋_GB2312']])
  })
})

describe('exportReportDocx: characters an XML file cannot hold', () => {
  it('drops controls, U+FFFE/U+FFFF and half surrogate pairs from the text and title; Word can open the file', async () => {
    const source = fixture('drafts/nanling-green.txt')
    const pasted = source
      .replace('南岭经济技术开发区始建于', '南岭经济技术开发区\u0000\u0001\u000b\u001f始建于\ud800')
      .replace('。', '。\ufffe\uffff\udc00')
    const { paragraphs } = await parseDocxReport(await exportReportDocx(parseReport(pasted), green))
    const exported = paragraphs.map((p) => p.text).join('\n')
    expect(exported).toContain('南岭经济技术开发区始建于')
    expect([...exported].filter((char) => char !== xmlSafe(char))).toEqual([])
    expect(paragraphs.length).toBe((await parseDocxReport(await exportReportDocx(parseReport(source), green))).paragraphs.length)
  })

  it('keeps a character outside the Basic Multilingual Plane (a surrogate pair) whole', async () => {
    const source = fixture('drafts/nanling-green.txt').replace('南岭经济技术开发区始建于', '南岭经济技术开发区𠀀始建于')
    const { paragraphs } = await parseDocxReport(await exportReportDocx(parseReport(source), green))
    expect(paragraphs.map((p) => p.text).join('\n')).toContain('南岭经济技术开发区𠀀始建于')
  })
})
