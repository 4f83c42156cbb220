import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { formatRule } from '../../src/check/rules/format.js'
import { ALL_RULES } from '../../src/check/rules/index.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { parseReport } from '../../src/model/parse-report.js'
import { documentXml, makeDocx, paragraphXml, type RunSpec } from '../model/ooxml-package.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url))
const kind = getKind('innovation-green')

async function checkDocx(data: Uint8Array) {
  const { doc, paragraphs } = await parseDocxReport(data)
  const { findings } = checkReport({ doc, kind, docxParagraphs: paragraphs, rules: [formatRule] })
  return findings.map((f) => ({ span: doc.source.slice(f.start, f.end), severity: f.severity, message: f.message }))
}

describe('format: the fixtures', () => {
  it.each([['nanling-green-template.docx'], ['nanling-green-styles.docx']])('%s follows the template: no finding', async (name) => {
    expect(await checkDocx(fixture(name))).toEqual([])
  })

  it('nanling-green-mistakes.docx gives exactly the typical mistakes, summarised where every paragraph shares them', async () => {
    const { doc, paragraphs } = await parseDocxReport(fixture('nanling-green-mistakes.docx'))
    const { findings } = checkReport({ doc, kind, docxParagraphs: paragraphs, rules: [formatRule] })
    const short = (span: string) => (span.length > 30 ? `${span.slice(0, 12)}…` : span)
    expect(findings.map((f) => [f.line, f.section, short(doc.source.slice(f.start, f.end)), f.severity, f.message])).toEqual([
      [1, '标题', '绿电直供降碳、能碳智管提…', 'error', '第1段字号为三号（16磅），模板要求小四（12磅）'],
      [1, '标题', '绿电直供降碳、能碳智管提…', 'error', '全文行距均为1.5倍行距，模板要求固定值22磅'],
      [1, '标题', '绿电直供降碳、能碳智管提…', 'error', '全文各段段后6磅，模板要求无段间距（段前、段后均为0）'],
      [3, '【摘要】', '南岭经济技术开发区聚焦新…', 'error', '全文正文字体均为宋体，模板要求仿宋_GB2312'],
      [5, '一、背景介绍', '一、背景介绍', 'error', '全部一级标题（3处）字体均为宋体，模板要求黑体'],
      [10, '二、创新举措/（一）', '（一）建设绿色微电网，推动能源结构低碳转型', 'error', '第10段二级标题字体为宋体，模板要求楷体_GB2312'],
      [12, '二、创新举措/（一）/1.', '1. 绿电直供。', 'error', '全部三级标题（2处）字体均为宋体，模板要求仿宋_GB2312'],
      [14, '二、创新举措/（二）', '（二）打通副产硫酸钠循环链条，提升固废综合利用水平', 'error', '第14段二级标题字体为宋体，模板要求楷体_GB2312'],
      [15, '二、创新举措/（二）', '园区引进南岭市绿源环保科…', 'error', '第15段字号为五号（10.5磅），模板要求小四（12磅）'],
      [20, '三、实践成效/（一）', '（一）碳排放强度明显下降', 'error', '第20段二级标题字体为宋体，模板要求楷体_GB2312'],
      [22, '三、实践成效/（二）', '（二）固废综合利用水平大幅提升', 'error', '第22段二级标题字体为宋体，模板要求楷体_GB2312'],
      [24, '三、实践成效/（三）', '（三）安全生产形势持续向好', 'error', '第24段二级标题字体为宋体，模板要求楷体_GB2312'],
    ])
    // The inline heading's finding covers the heading part only, not its lead.
    expect(doc.source.slice(findings[6]!.start, findings[6]!.end)).toBe('1. 绿电直供。')
    expect(findings[1]!.suggestion).toBe('段落设置 → 行距选“固定值”，设置值22磅。可按 Ctrl+A 全选后统一设置，或修改“正文”样式。')
    expect(findings[4]!.suggestion).toBe('将中文字体设为黑体。可修改该级标题使用的样式，或用格式刷统一各处标题。')
    expect(findings[5]!.suggestion).toBe('将中文字体设为楷体_GB2312。')
  })
})

// Small drafts with direct formatting; `ok` is what the template asks for.
const EXACT = 'w:line="440" w:lineRule="exact" w:before="0" w:after="0"'
const para = (runs: (RunSpec | string)[], spacing = EXACT) => paragraphXml(runs, { spacing })
const fs = (text: string, over: Partial<RunSpec> = {}): RunSpec => ({ text, eastAsia: '仿宋_GB2312', size: 12, ...over })
const ok = {
  title: para([fs('园区数字化转型实践', { eastAsia: '方正小标宋简体' })]),
  h1: para([fs('一、背景介绍', { eastAsia: '黑体' })]),
  body: para([fs('园区实际管理面积3260公顷。')]),
  body2: para([fs('园区建成智慧安全应急管理平台。')]),
  h2: para([fs('（一）建设平台底座', { eastAsia: '楷体_GB2312' })]),
  h3: para([fs('1. 绿电直供。'), fs('光伏电量优先供给正极材料企业。')]),
}
const draft = (...paragraphs: string[]) => makeDocx({ document: documentXml(paragraphs.join('')) })

describe('format: one paragraph at a time', () => {
  const valid: [string, string[]][] = [
    ['the template, direct formatting', Object.values(ok)],
    ['English font names are the same fonts (SimHei, FangSong_GB2312)', [ok.title, para([fs('一、背景介绍', { eastAsia: 'SimHei' })]), para([fs('园区实际管理面积3260公顷。', { eastAsia: 'FangSong_GB2312' })])]],
    ['the title’s and the 【摘要】 label’s fonts are not prescribed', [para([fs('园区数字化转型实践', { eastAsia: '宋体' })]), para([fs('【摘要】', { eastAsia: '黑体' }), fs('园区聚焦主导产业。')]), ok.h1]],
    ['a run of digits or only ideographic spaces shows in no Chinese font', [ok.title, ok.h1, para([fs('　　', { eastAsia: '宋体' }), fs('园区实际管理面积'), fs('3260', { eastAsia: '宋体' }), fs('公顷。')])]],
    [
      'table cells are not measured (tables are set in their own size and spacing)',
      [ok.title, ok.h1, ok.body, `<w:tbl><w:tr><w:tc>${paragraphXml([{ text: '营业收入（亿元）', eastAsia: '宋体', size: 10.5 }], { spacing: 'w:line="240"' })}</w:tc></w:tr></w:tbl>`, ok.body2],
    ],
    ['empty paragraphs are skipped, whatever their spacing', [ok.title, para([], 'w:line="360" w:after="240"'), ok.h1, ok.body]],
  ]
  it.each(valid)('valid: %s', async (_name, paragraphs) => {
    expect(await checkDocx(draft(...paragraphs))).toEqual([])
  })

  const invalid: [string, string[], { span: string; severity: string; message: string }[]][] = [
    [
      'single line spacing in one paragraph',
      [ok.title, ok.h1, para([fs('园区实际管理面积3260公顷。')], 'w:line="240" w:lineRule="auto"'), ok.body2],
      [{ span: '园区实际管理面积3260公顷。', severity: 'error', message: '第3段行距为单倍行距，模板要求固定值22磅' }],
    ],
    [
      'other line spacings as Word’s dialog names them',
      [ok.title, ok.h1, para([fs('甲。')], 'w:line="288" w:lineRule="auto"'), para([fs('乙。')], 'w:line="400" w:lineRule="exact"'), para([fs('丙。')], 'w:line="440" w:lineRule="atLeast"')],
      [
        { span: '甲。', severity: 'error', message: '第3段行距为多倍行距1.2倍，模板要求固定值22磅' },
        { span: '乙。', severity: 'error', message: '第4段行距为固定值20磅，模板要求固定值22磅' },
        { span: '丙。', severity: 'error', message: '第5段行距为最小值22磅，模板要求固定值22磅' },
      ],
    ],
    [
      'paragraph spacing in lines and in points is one finding per paragraph',
      [ok.title, ok.h1, para([fs('园区实际管理面积3260公顷。')], 'w:line="440" w:lineRule="exact" w:beforeLines="50" w:before="156" w:after="120"'), ok.body2],
      [{ span: '园区实际管理面积3260公顷。', severity: 'error', message: '第3段段前0.5行、段后6磅，模板要求无段间距（段前、段后均为0）' }],
    ],
    [
      'a few characters in another size: the finding covers them only',
      [ok.title, ok.h1, para([fs('园区实际管理面积'), fs('3260', { size: 10.5 }), fs('公顷。')]), ok.body2],
      [{ span: '3260', severity: 'error', message: '第3段部分文字字号为五号（10.5磅），模板要求小四（12磅）' }],
    ],
    [
      'a title in 三号',
      [para([fs('园区数字化转型实践', { size: 16 })]), ok.h1, ok.body],
      [{ span: '园区数字化转型实践', severity: 'error', message: '第1段字号为三号（16磅），模板要求小四（12磅）' }],
    ],
    [
      'part of a body paragraph pasted in 宋体; several wrong runs give one finding',
      [ok.title, ok.h1, para([fs('园区实际管理面积'), fs('3260公顷，', { eastAsia: '宋体' }), fs('位于'), fs('南岭。', { eastAsia: '微软雅黑' })]), ok.body2],
      [{ span: '3260公顷，位于南岭。', severity: 'error', message: '第3段部分正文字体为宋体、微软雅黑，模板要求仿宋_GB2312' }],
    ],
    [
      '仿宋 for 仿宋_GB2312 is a near miss: a warning',
      [ok.title, ok.h1, para([fs('园区实际管理面积3260公顷。', { eastAsia: '仿宋' })]), ok.body2],
      [{ span: '园区实际管理面积3260公顷。', severity: 'warning', message: '第3段正文字体为仿宋，模板要求仿宋_GB2312（仿宋与仿宋_GB2312字形相近，但不是同一字体）' }],
    ],
    [
      'a level-2 heading in 楷体 (near miss) and an inline level-3 heading in 黑体: only the heading part is measured',
      [ok.title, ok.h1, ok.body, para([fs('（一）建设平台底座', { eastAsia: '楷体' })]), para([fs('1. 绿电直供。', { eastAsia: '黑体' }), fs('光伏电量优先供给正极材料企业。')])],
      [
        { span: '（一）建设平台底座', severity: 'warning', message: '第4段二级标题字体为楷体，模板要求楷体_GB2312（楷体与楷体_GB2312字形相近，但不是同一字体）' },
        { span: '1. 绿电直供。', severity: 'error', message: '第5段三级标题字体为黑体，模板要求仿宋_GB2312' },
      ],
    ],
    [
      'every paragraph with the same wrong value: one summary',
      [para([fs('园区数字化转型实践')], 'w:line="360"'), para([fs('一、背景介绍', { eastAsia: '黑体' })], 'w:line="360"'), para([fs('园区实际管理面积3260公顷。')], 'w:line="360"')],
      [{ span: '园区数字化转型实践', severity: 'error', message: '全文行距均为1.5倍行距，模板要求固定值22磅' }],
    ],
    [
      'every paragraph wrong, but not the same way: one finding each',
      [para([fs('园区数字化转型实践')], 'w:line="360"'), para([fs('一、背景介绍', { eastAsia: '黑体' })], 'w:line="480"')],
      [
        { span: '园区数字化转型实践', severity: 'error', message: '第1段行距为1.5倍行距，模板要求固定值22磅' },
        { span: '一、背景介绍', severity: 'error', message: '第2段行距为2倍行距，模板要求固定值22磅' },
      ],
    ],
    [
      'the only body paragraph wrong: no summary for a group of one',
      [ok.title, ok.h1, para([fs('园区实际管理面积3260公顷。', { eastAsia: '宋体' })])],
      [{ span: '园区实际管理面积3260公顷。', severity: 'error', message: '第3段正文字体为宋体，模板要求仿宋_GB2312' }],
    ],
    [
      'Word’s defaults everywhere (no formatting at all): one summary per property',
      [paragraphXml(['园区数字化转型实践']), paragraphXml(['一、背景介绍']), paragraphXml(['园区实际管理面积3260公顷。']), paragraphXml(['园区建成智慧安全应急管理平台。'])],
      [
        { span: '园区数字化转型实践', severity: 'error', message: '全文字号均为10磅，模板要求小四（12磅）' },
        { span: '园区数字化转型实践', severity: 'error', message: '全文行距均为单倍行距，模板要求固定值22磅' },
        { span: '一、背景介绍', severity: 'error', message: '第2段一级标题字体为宋体，模板要求黑体' },
        { span: '园区实际管理面积3260公顷。', severity: 'error', message: '全文正文字体均为宋体，模板要求仿宋_GB2312' },
      ],
    ],
  ]
  it.each(invalid)('invalid: %s', async (_name, paragraphs, expected) => {
    expect(await checkDocx(draft(...paragraphs))).toEqual(expected)
  })
})

describe('format: the runner', () => {
  it('skips the rule silently for a text draft, which has no typography', () => {
    const doc = parseReport(readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8'))
    const { findings } = checkReport({ doc, kind, rules: ALL_RULES })
    expect(findings.filter((f) => f.rule === 'format' || f.message.includes('format'))).toEqual([])
  })

  it('is registered and marked as needing a .docx', () => {
    expect(ALL_RULES).toContain(formatRule)
    expect([formatRule.meta.id, formatRule.meta.needsDocx, formatRule.meta.kinds, formatRule.meta.defaultSeverity]).toEqual(['format', true, 'all', 'error'])
  })

  it('refuses paragraphs that belong to another document', async () => {
    const { paragraphs } = await parseDocxReport(draft(ok.title, ok.h1))
    expect(() => checkReport({ doc: parseReport('标题\n一、背景介绍\n正文'), kind, docxParagraphs: paragraphs, rules: [formatRule] })).toThrow(/paragraph i must be line i/)
  })
})
