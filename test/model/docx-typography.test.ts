import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDocxParagraphs, type DocxParagraph } from '../../src/model/docx-typography.js'
import { parseXml } from '../../src/model/ooxml.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { documentXml, settingsXml, stylesXml, themeXml } from './ooxml-package.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url))

const TNR = 'Times New Roman'
const exact22 = { rule: 'exact', value: 22 } as const
const run = (text: string, start: number, eastAsiaFont: string, sizePt = 12) => ({
  text,
  start,
  end: start + text.length,
  eastAsiaFont,
  asciiFont: TNR,
  hAnsiFont: TNR,
  sizePt,
})

describe('effective typography of the styles-only fixture (theme → docDefaults → style chain → character style)', async () => {
  const { paragraphs } = await parseDocxReport(fixture('nanling-green-styles.docx'))
  const title = '绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展'

  it('title: ReportTitle → Normal → docDefaults; the theme major font 黑体 via <a:ea>; Normal’s 小四 and 22 pt over docDefaults’ 五号 and single', () => {
    expect(paragraphs[0]).toEqual<DocxParagraph>({
      index: 0,
      text: title,
      styleId: 'ReportTitle',
      lineSpacing: exact22,
      spaceBeforePt: 0,
      spaceAfterPt: 0,
      firstLineIndentChars: 0,
      runs: [run(title, 0, '黑体')],
    })
  })

  it('abstract: no pStyle, so the default paragraph style; docDefaults’ theme minor font, whose empty <a:ea> falls back to <a:font script="Hans">', () => {
    const p = paragraphs[1]!
    expect({ ...p, text: p.text.length, runs: p.runs.map((r) => ({ ...r, text: r.text.length })) }).toEqual({
      index: 1,
      text: 187,
      lineSpacing: exact22,
      spaceBeforePt: 0,
      spaceAfterPt: 0,
      firstLineIndentChars: 0,
      runs: [{ ...run('', 0, '仿宋_GB2312'), text: 187, end: 187 }],
    })
  })

  it('heading 1: ReportHeading1 → ReportBody → Normal: majorEastAsia 黑体, first-line indent 2 characters from ReportBody', () => {
    expect(paragraphs[2]).toEqual<DocxParagraph>({
      index: 2,
      text: '一、背景介绍',
      styleId: 'ReportHeading1',
      lineSpacing: exact22,
      spaceBeforePt: 0,
      spaceAfterPt: 0,
      firstLineIndentChars: 2,
      runs: [run('一、背景介绍', 0, '黑体')],
    })
  })

  it('heading 2: an explicit w:eastAsia in the style replaces the theme font inherited from docDefaults', () => {
    expect(paragraphs[6]!.runs).toEqual([run('（一）建设绿色微电网，推动能源结构低碳转型', 0, '楷体_GB2312')])
  })

  it('inline heading 3: the character style chain InlineHeading → InlineHeadingBase gives the heading part its font; the lead keeps the paragraph’s', () => {
    const p = paragraphs[8]!
    expect(p.styleId).toBe('ReportHeading3')
    expect(p.runs.map((r) => [r.text, r.eastAsiaFont, r.asciiFont, r.sizePt])).toEqual([
      // Same font and size on both sides, so the runs merge: bold is not part of the checked formatting.
      ['1. 绿电直供。光伏电量优先供给正极材料企业，降低企业外购煤电比例。', '仿宋_GB2312', TNR, 12],
    ])
  })

  it('every paragraph of the fixture resolves to the template’s spacing and size', () => {
    for (const p of paragraphs) {
      expect([p.lineSpacing, p.spaceBeforePt, p.spaceAfterPt, ...p.runs.map((r) => r.sizePt)]).toEqual([exact22, 0, 0, ...p.runs.map(() => 12)])
    }
  })
})

describe('direct formatting over docx’s default theme fonts (template fixture)', async () => {
  const { paragraphs } = await parseDocxReport(fixture('nanling-green-template.docx'))
  it('the abstract label and its text are separate runs with their own fonts', () => {
    const p = paragraphs[1]!
    expect(p.runs.map((r) => [r.text.slice(0, 6), r.start, r.eastAsiaFont, r.sizePt])).toEqual([
      ['【摘要】', 0, '黑体', 12],
      ['南岭经济技术', 4, '仿宋_GB2312', 12],
    ])
    expect(p.firstLineIndentChars).toBe(2)
  })
})

// One style sheet and theme, each case adding one step of the chain.
const styles = stylesXml(`
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="21"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="440" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="a"/><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="BodyLoose"><w:basedOn w:val="Body"/><w:pPr><w:spacing w:before="156" w:beforeLines="50"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="a"/><w:rPr><w:rFonts w:eastAsiaTheme="majorEastAsia"/><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Both"><w:basedOn w:val="a"/><w:rPr><w:rFonts w:eastAsia="宋体" w:eastAsiaTheme="majorEastAsia"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/><w:rPr><w:sz w:val="30"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
  <w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/></w:style>
  <w:style w:type="character" w:styleId="KaiBase"><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Kai"><w:basedOn w:val="KaiBase"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>`)
const theme = themeXml(
  '<a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="等线"/><a:font script="Hant" typeface="新細明體"/>',
  '<a:latin typeface="Calibri Light"/><a:ea typeface="黑体"/><a:cs typeface=""/><a:font script="Hans" typeface="等线 Light"/>',
)

type Resolved = Omit<DocxParagraph, 'index' | 'text' | 'styleId' | 'runs'> & { runs: [string, string, string, number][] }
const resolve = (paragraph: string, parts: { styles?: string; theme?: string; settings?: string } = { styles, theme }): Resolved => {
  const [p] = readDocxParagraphs({
    document: parseXml(documentXml(paragraph)),
    ...(parts.styles ? { styles: parseXml(parts.styles) } : {}),
    ...(parts.theme ? { theme: parseXml(parts.theme) } : {}),
    ...(parts.settings ? { settings: parseXml(parts.settings) } : {}),
  })
  const { index: _index, text: _text, styleId: _styleId, runs, ...rest } = p!
  return { ...rest, runs: runs.map((r) => [r.text, r.eastAsiaFont, r.asciiFont, r.sizePt]) }
}
const p = (pPr: string, runs: string) => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`
const r = (rPr: string, text = '园区') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t>${text}</w:t></w:r>`
const base = { lineSpacing: exact22, spaceBeforePt: 0, spaceAfterPt: 0, firstLineIndentChars: 0 }

describe('the resolution chain, one step at a time', () => {
  const cases: [string, string, Resolved, { styles?: string; theme?: string; settings?: string }?][] = [
    [
      '0. no styles.xml at all: Word’s own defaults (Times New Roman / 宋体, 10 pt, single spacing)',
      p('', r('')),
      { lineSpacing: { rule: 'auto', value: 1 }, spaceBeforePt: 0, spaceAfterPt: 0, firstLineIndentChars: 0, runs: [['园区', '宋体', TNR, 10]] },
      {},
    ],
    [
      '1. docDefaults only: theme minor fonts (empty <a:ea> → Hans script font), 五号, Word 2016 spacing',
      p('', r('')),
      { lineSpacing: { rule: 'auto', value: 1.08 }, spaceBeforePt: 0, spaceAfterPt: 8, firstLineIndentChars: 0, runs: [['园区', '等线', TNR, 10.5]] },
      { styles: styles.replace(/<w:style [\s\S]*<\/w:styles>/, '</w:styles>'), theme },
    ],
    ['2. + the default paragraph style (no w:pStyle): 小四, fixed 22 pt, no space after', p('', r('')), { ...base, runs: [['园区', '等线', TNR, 12]] }],
    ['2b. an unknown w:pStyle falls back to the default paragraph style', p('<w:pStyle w:val="Missing"/>', r('')), { ...base, runs: [['园区', '等线', TNR, 12]] }],
    [
      '3. + paragraph style Body (basedOn Normal): its explicit w:eastAsia replaces the inherited theme slot; indent 2 chars',
      p('<w:pStyle w:val="Body"/>', r('')),
      { ...base, firstLineIndentChars: 2, runs: [['园区', '仿宋_GB2312', TNR, 12]] },
    ],
    [
      '4. + BodyLoose (basedOn Body): w:beforeLines wins over w:before — 段前0.5行',
      p('<w:pStyle w:val="BodyLoose"/>', r('')),
      { ...base, spaceBeforePt: 6, spaceBeforeLines: 0.5, firstLineIndentChars: 2, runs: [['园区', '仿宋_GB2312', TNR, 12]] },
    ],
    [
      '5. + character style Kai (basedOn KaiBase): the run style overrides the paragraph style; Kai’s size over KaiBase’s',
      p('<w:pStyle w:val="Body"/>', r('<w:rStyle w:val="Kai"/>') + r('', '正文')),
      { ...base, firstLineIndentChars: 2, runs: [['园区', '楷体_GB2312', TNR, 12], ['正文', '仿宋_GB2312', TNR, 12]] },
    ],
    [
      '6. + direct run formatting over the run style',
      p('<w:pStyle w:val="Body"/>', r('<w:rStyle w:val="Kai"/><w:rFonts w:eastAsia="黑体" w:ascii="Arial"/><w:sz w:val="21"/>')),
      { ...base, firstLineIndentChars: 2, runs: [['园区', '黑体', 'Arial', 10.5]] },
    ],
    [
      '7. + direct paragraph formatting over the style: 1.5 lines, 段后6磅, w:firstLineChars="0" lets w:firstLine count',
      p('<w:pStyle w:val="Body"/><w:spacing w:after="120" w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="360"/>', r('')),
      { lineSpacing: { rule: 'auto', value: 1.5 }, spaceBeforePt: 0, spaceAfterPt: 6, firstLineIndentChars: 1.5, runs: [['园区', '仿宋_GB2312', TNR, 12]] },
    ],
    ['theme major font: majorEastAsia → <a:ea typeface="黑体">', p('<w:pStyle w:val="H1"/>', r('')), { ...base, runs: [['园区', '黑体', TNR, 16]] }],
    ['a theme attribute beats the explicit font on the same element', p('<w:pStyle w:val="Both"/>', r('')), { ...base, runs: [['园区', '黑体', TNR, 12]] }],
    [
      'the document language picks the theme script: themeFontLang zh-TW → Hant; a run’s w:lang zh-CN → Hans',
      p('', r('') + r('<w:lang w:eastAsia="zh-CN"/>', '正文')),
      { ...base, runs: [['园区', '新細明體', TNR, 12], ['正文', '等线', TNR, 12]] },
      { styles, theme, settings: settingsXml('<w:themeFontLang w:val="en-US" w:eastAsia="zh-TW"/>') },
    ],
    ['a theme font without a theme part: the explicit font, then Word’s default', p('<w:pStyle w:val="Both"/>', r('')), { ...base, runs: [['园区', '宋体', TNR, 12]] }, { styles }],
    [
      'a basedOn cycle stops instead of looping (and never reaches Normal: docDefaults below it)',
      p('<w:pStyle w:val="LoopA"/>', r('')),
      { lineSpacing: { rule: 'auto', value: 1.08 }, spaceBeforePt: 0, spaceAfterPt: 8, firstLineIndentChars: 0, runs: [['园区', '等线', TNR, 15]] },
    ],
    ['固定值 and 最小值 are in points', p('<w:spacing w:line="300" w:lineRule="atLeast"/>', r('')), { ...base, lineSpacing: { rule: 'atLeast', value: 15 }, runs: [['园区', '等线', TNR, 12]] }],
    [
      'lineRule="exactly" is no OOXML value: Word reads the line as auto (PITFALLS, docx #1773)',
      p('<w:spacing w:line="440" w:lineRule="exactly"/>', r('')),
      { ...base, lineSpacing: { rule: 'auto', value: 1.83 }, runs: [['园区', '等线', TNR, 12]] },
    ],
    ['auto spacing before is 14 pt', p('<w:spacing w:beforeAutospacing="1" w:before="0"/>', r('')), { ...base, spaceBeforePt: 14, runs: [['园区', '等线', TNR, 12]] }],
    ['a hanging indent is negative', p('<w:ind w:hangingChars="100" w:hanging="240"/>', r('')), { ...base, firstLineIndentChars: -1, runs: [['园区', '等线', TNR, 12]] }],
    ['Strict universal measures: w:sz="15pt"', p('', r('<w:sz w:val="15pt"/>')), { ...base, runs: [['园区', '等线', TNR, 15]] }],
  ]
  it.each(cases)('%s', (_name, paragraph, expected, parts) => {
    expect(resolve(paragraph, parts)).toEqual(expected)
  })
})

describe('parseXml', () => {
  it('normalises names by namespace, not by the prefix the file uses', () => {
    const root = parseXml(`<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p x:rsidR="00A1"/></x:body></x:document>`)
    expect(root.name).toBe('w:document')
    expect(root.children[0]!.children[0]).toEqual({ name: 'w:p', attrs: { 'w:rsidR': '00A1' }, children: [], text: '' })
  })
  it('keeps the character data of an element, entities and CDATA decoded', () => {
    const root = parseXml(`<?xml version="1.0"?><!-- c --><t a='1 &amp; 2'>甲&#20057;<![CDATA[<丙>]]></t>`)
    expect([root.attrs, root.text]).toEqual([{ a: '1 & 2' }, '甲乙<丙>'])
  })
  it.each([
    ['<a><b></a></b>'],
    ['<a>'],
    ['<a/><b/>'],
    ['<a b="1"c="2"/>'],
    ['<!DOCTYPE a><a/>'],
  ])('refuses %s', (xml) => {
    expect(() => parseXml(xml)).toThrow()
  })
})
