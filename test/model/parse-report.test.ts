import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseReport } from '../../src/model/parse-report.js'
import { reportZishu } from '../../src/model/report-stats.js'
import { findSection, walkSections } from '../../src/model/sections.js'
import { replaceSectionText, serializeReport } from '../../src/model/serialize-report.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url), 'utf8')
const plain = fixture('nanling-green.txt')
const markdown = fixture('nanling-green.md')

describe('parseReport (plain text)', () => {
  const doc = parseReport(plain)

  it('reads title, abstract and the section tree with paths', () => {
    expect(doc.title?.text).toBe('绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展')
    expect(doc.abstract?.label.text).toBe('【摘要】')
    expect(doc.abstract?.paragraphs[0]?.text.startsWith('南岭经济技术开发区聚焦')).toBe(true)
    expect([...walkSections(doc.sections)].map((s) => s.path)).toEqual([
      '一、背景介绍',
      '二、创新举措',
      '二、创新举措/（一）',
      '二、创新举措/（一）/1.',
      '二、创新举措/（一）/2.',
      '二、创新举措/（二）',
      '二、创新举措/（三）',
      '三、实践成效',
      '三、实践成效/（一）',
      '三、实践成效/（二）',
      '三、实践成效/（三）',
    ])
  })

  it('keeps an inline level-3 heading apart from its body', () => {
    const item = findSection(doc, '二、创新举措/（一）/1.')!
    expect(item.heading.text).toBe('绿电直供')
    expect(item.lead?.text).toBe('光伏电量优先供给正极材料企业，降低企业外购煤电比例。')
  })

  it('points every node at its exact source characters', () => {
    for (const section of walkSections(doc.sections)) {
      expect(plain.slice(section.heading.start, section.heading.end)).toBe(section.heading.text)
      expect(plain.slice(section.marker.start, section.marker.end)).toBe(section.marker.text)
      for (const paragraph of section.paragraphs) expect(plain.slice(paragraph.start, paragraph.end)).toBe(paragraph.text)
    }
    const background = findSection(doc, '一、')!
    expect(background.paragraphs).toHaveLength(2)
    expect(plain.slice(background.start, background.end).endsWith('守住安全底线的迫切需要。')).toBe(true)
  })

  it('serializes back to the identical text', () => {
    expect(serializeReport(doc)).toBe(plain)
    const crlf = plain.replace(/\n/g, '\r\n')
    expect(serializeReport(parseReport(crlf))).toBe(crlf)
  })

  it('replaces one section and leaves every other byte alone', () => {
    const replaced = replaceSectionText(doc, '二、创新举措/（二）', '（二）建设固废资源化项目\n园区建设年处理12万吨硫酸钠资源化项目。')
    const before = plain.slice(0, findSection(doc, '二、创新举措/（二）')!.start)
    const after = plain.slice(plain.indexOf('（三）建设南岭'))
    expect(replaced).toBe(`${before}（二）建设固废资源化项目\n园区建设年处理12万吨硫酸钠资源化项目。\n${after}`)
    expect(findSection(parseReport(replaced), '二、/（二）')!.heading.text).toBe('建设固废资源化项目')
  })

  it('counts 字数 in total and per section', () => {
    const stats = reportZishu(doc)
    const byPath = Object.fromEntries(stats.sections.map((s) => [s.path, s.zishu]))
    expect(byPath['三、实践成效/（二）']).toBe(15 + 27)
    expect(byPath['二、创新举措/（一）/1.']).toBe(32)
    const levelOneSum = stats.sections.filter((s) => s.level === 1).reduce((sum, s) => sum + s.zishu, 0)
    expect(stats.total).toBe(stats.abstract + levelOneSum)
    expect(stats.title).toBe(39)
  })

  it('states beside each count the 字数 the length guidance judges: a part without its heading, an item with it', () => {
    const judged = Object.fromEntries(reportZishu(doc).sections.map((s) => [s.path, [s.zishu, s.judged]]))
    // 一、背景介绍 is 6 字 of heading; “300字左右” is about the 332 字 under it.
    expect(judged['一、背景介绍']).toEqual([338, 332])
    expect(judged['三、实践成效']).toEqual([144, 138])
    // An item's 领句 is part of it (003: 领句+具体内容).
    expect(judged['二、创新举措/（一）']).toEqual([174, 174])
  })
})

describe('parseReport (Markdown)', () => {
  const doc = parseReport(markdown, 'markdown')

  it('reads the same structure through Markdown decorations', () => {
    expect(doc.title?.text).toBe('绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展')
    expect(doc.abstract?.paragraphs[0]?.text).toBe('南岭经济技术开发区聚焦新能源电池材料主导产业，建设“源网荷储”一体化绿色微电网。')
    expect([...walkSections(doc.sections)].map((s) => `${s.path}|${s.heading.text}`)).toEqual([
      '一、背景介绍|背景介绍',
      '二、创新举措|创新举措',
      '二、创新举措/（一）|建设绿色微电网，推动能源结构低碳转型',
      '二、创新举措/（一）/1.|绿电直供',
      '二、创新举措/（一）/2.|能碳智管',
      '二、创新举措/（二）|打通副产硫酸钠循环链条',
      '三、实践成效|实践成效',
    ])
    expect(findSection(doc, '二、/（一）/1.')!.lead?.text).toBe('光伏电量优先供给正极材料企业。')
  })

  it('maps clean text back to source offsets past the decorations', () => {
    const item = findSection(doc, '二、/（一）/2.')!
    expect(markdown.slice(item.heading.start, item.heading.end)).toBe('能碳智管')
    expect(markdown.slice(item.lead!.start, item.lead!.end)).toBe('按企业、工序核算碳排放。')
    expect(serializeReport(doc)).toBe(markdown)
  })
})

describe('parseReport edge cases', () => {
  it('handles a draft without title or abstract, with skipped levels', () => {
    const doc = parseReport('一、背景介绍\n1. 园区概况。园区始建于2006年。\n二、创新举措\n')
    expect(doc.title).toBeUndefined()
    expect([...walkSections(doc.sections)].map((s) => s.path)).toEqual(['一、背景介绍', '一、背景介绍/1.', '二、创新举措'])
  })

  it('treats a numbered paragraph whose first sentence is long as body, not heading', () => {
    const line = '1. 园区统筹建设覆盖全域的工业互联网标识解析二级节点，接入企业设备、产线、仓储等各类数据资源，形成主导产业数据底座并向上下游企业开放共享。'
    const section = parseReport(`二、创新举措\n${line}`).sections[0]!.children[0]!
    expect(section.heading.text).toBe('')
    expect(section.lead?.text).toBe(line.slice(3))
  })

  it('keeps an empty text parseable', () => {
    const doc = parseReport('')
    expect(doc.sections).toEqual([])
    expect(serializeReport(doc)).toBe('')
  })
})
