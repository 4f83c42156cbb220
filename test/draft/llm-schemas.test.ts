import { describe, expect, it } from 'vitest'
import { assembleDraft, cleanHeading, cleanParagraphs, renderAbstract, renderSection, type SectionBody } from '../../src/draft/llm-schemas.js'
import { parseReport } from '../../src/model/parse-report.js'

describe('cleaning what the model wrote', () => {
  it.each([
    ['建设绿色微电网，推动能源结构低碳转型', '建设绿色微电网，推动能源结构低碳转型'],
    ['（一）建设绿色微电网。', '建设绿色微电网'],
    ['**1. 绿电直供**', '绿电直供'],
    ['## 二、创新举措', '创新举措'],
    ['绿电直供。光伏优先', '绿电直供，光伏优先'],
  ])('heading %j → %j', (written, clean) => {
    expect(cleanHeading(written)).toBe(clean)
  })

  it('splits paragraphs at line breaks and removes markers that would read as headings', () => {
    expect(cleanParagraphs(['一、园区建设绿色微电网。\n\n（1）光伏电量优先供给正极材料企业。', '  ', '1.2万个监测点位全部接入。'])).toEqual([
      '园区建设绿色微电网。',
      '光伏电量优先供给正极材料企业。',
      '1.2万个监测点位全部接入。',
    ])
  })
})

const BODY: SectionBody = {
  paragraphs: ['园区围绕三个问题推进创新实践。'],
  subsections: [
    { ref: 'M1', heading: '建设绿色微电网', paragraphs: ['建成屋顶光伏86兆瓦。'], items: [{ heading: '绿电直供', text: '光伏电量优先供给正极材料企业。' }] },
    { ref: 'M2', heading: '打通循环链条', paragraphs: ['引进资源化项目。'], items: [] },
  ],
}

describe('rendering with canonical markers', () => {
  it.each([
    [1, 2, '二、创新举措\n园区围绕三个问题推进创新实践。\n（一）建设绿色微电网\n建成屋顶光伏86兆瓦。\n1.绿电直供。光伏电量优先供给正极材料企业。\n（二）打通循环链条\n引进资源化项目。'],
    [2, 3, '（三）创新举措\n园区围绕三个问题推进创新实践。\n1.建设绿色微电网。建成屋顶光伏86兆瓦。\n（1）绿电直供。光伏电量优先供给正极材料企业。\n2.打通循环链条。引进资源化项目。'],
    [3, 1, '1.创新举措。园区围绕三个问题推进创新实践。\n（1）建设绿色微电网。建成屋顶光伏86兆瓦。\n绿电直供。光伏电量优先供给正极材料企业。\n（2）打通循环链条。引进资源化项目。'],
  ] as const)('level %i, ordinal %i', (level, ordinal, text) => {
    expect(renderSection(level, ordinal, '创新举措', BODY)).toBe(text)
  })

  it('assembles a draft the parser reads back with the same structure', () => {
    const text = assembleDraft({
      title: '绿电直供降碳，推动新能源电池材料产业绿色安全发展',
      abstract: renderAbstract('【摘要】', '南岭经济技术开发区聚焦新能源电池材料主导产业。'),
      sections: [renderSection(1, 1, '背景介绍', { paragraphs: ['南岭经济技术开发区始建于2006年。'], subsections: [] }), renderSection(1, 2, '创新举措', BODY)],
    })
    const doc = parseReport(text)
    expect(doc.title?.text).toBe('绿电直供降碳，推动新能源电池材料产业绿色安全发展')
    expect(doc.abstract?.paragraphs.map((p) => p.text)).toEqual(['南岭经济技术开发区聚焦新能源电池材料主导产业。'])
    expect(doc.sections.map((s) => s.path)).toEqual(['一、背景介绍', '二、创新举措'])
    expect(doc.sections[1]!.children.map((c) => [c.path, c.children.map((g) => g.path)])).toEqual([
      ['二、创新举措/（一）', ['二、创新举措/（一）/1.']],
      ['二、创新举措/（二）', []],
    ])
  })
})
