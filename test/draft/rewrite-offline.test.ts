import { describe, expect, it } from 'vitest'
import { compressSection, applyAllFixes } from '../../src/draft/rewrite-offline.js'
import { parseReport } from '../../src/model/parse-report.js'
import { reportZishu } from '../../src/model/report-stats.js'
import { findSection } from '../../src/model/sections.js'
import { sectionLineRange } from '../../src/model/serialize-report.js'
import { extractNumbers } from '../../src/park/text-numbers.js'
import { check, composeFor, loadPark } from './helpers.js'

const figuresOf = (text: string) => extractNumbers(text).map((n) => n.raw).sort()

/** The text outside a section, which must not change. */
function outside(text: string, path: string): [string, string] {
  const doc = parseReport(text)
  const { start, end } = sectionLineRange(doc, findSection(doc, path)!)
  return [text.slice(0, start), text.slice(end)]
}

const SAMPLE = [
  '南岭经济技术开发区绿色发展实践',
  '',
  '【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业。',
  '',
  '一、背景介绍',
  '园区积极推动产业发展，不断完善配套设施。同时，园区进一步加强招商引资（含产业链招商和以商招商），取得显著成效。2025年实现营业收入968.2亿元。',
  '',
  '二、创新举措',
  '（一）建设绿色微电网',
  '园区建设屋顶光伏86兆瓦（由龙头企业投资建设）。园区大力推动绿电直供。此外，园区持续优化用能结构，效果良好。',
  '',
  '三、实践成效',
  '（一）碳排放强度下降',
  '单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤。',
  '',
].join('\n')

describe('compressSection', () => {
  it('connectors and empty modifiers first, then the vague sentence without a figure — and stops at the target', () => {
    const doc = parseReport(SAMPLE)
    const result = compressSection(doc, '一、背景介绍', 40)
    expect(result).toMatchObject({ ok: true, before: 73, zishu: 34, target: 40 })
    expect(result.removed).toEqual(['同时，', '积极', '不断', '进一步', '园区加强招商引资（含产业链招商和以商招商），取得显著成效。'])
    expect(result.text.split('\n')[5]).toBe('园区推动产业发展，完善配套设施。2025年实现营业收入968.2亿元。')
    expect(outside(result.text, '一、背景介绍')).toEqual(outside(SAMPLE, '一、背景介绍'))
  })

  it('only as much as needed: a loose target keeps the later steps undone', () => {
    const result = compressSection(parseReport(SAMPLE), '一、背景介绍', 68)
    expect(result.ok).toBe(true)
    expect(result.removed).toEqual(['同时，', '积极'])
    expect(result.zishu).toBe(68)
    expect(result.text.split('\n')[5]).toBe('园区推动产业发展，不断完善配套设施。园区进一步加强招商引资（含产业链招商和以商招商），取得显著成效。2025年实现营业收入968.2亿元。')
  })

  it('a sub-section: connector, modifier, vague sentence, remark without figures, later sentence; the heading stays', () => {
    const result = compressSection(parseReport(SAMPLE), '二、创新举措', 30)
    expect(result.removed).toEqual(['此外，', '大力', '园区持续优化用能结构，效果良好。', '（由龙头企业投资建设）', '园区推动绿电直供。'])
    expect(result.text.split('\n').slice(7, 10)).toEqual(['二、创新举措', '（一）建设绿色微电网', '园区建设屋顶光伏86兆瓦。'])
    expect(result).toMatchObject({ ok: true, zishu: 28 })
  })

  it('the target unreachable without dropping a figure: says so, keeps every figure, the rest untouched', () => {
    const result = compressSection(parseReport(SAMPLE), '一、背景介绍', 20)
    expect(result.ok).toBe(false)
    expect(result.zishu).toBe(34)
    expect(result.message).toBe('“一、背景介绍”压缩到34字后仍超过目标20字：剩下的句子都含有数字，或是段落的主句，继续压缩就要删去数据，请人工取舍。')
    expect(figuresOf(result.text)).toEqual(figuresOf(SAMPLE))
    expect(outside(result.text, '一、背景介绍')).toEqual(outside(SAMPLE, '一、背景介绍'))
  })

  it('a name given in `names` keeps its brackets: 工业互联网标识解析二级节点（汽车零部件行业）', () => {
    const text = '标题\n\n二、创新举措\n（一）建设二级节点\n园区建设工业互联网标识解析二级节点（汽车零部件行业）。园区完善标识注册服务（面向全部配套企业开放）。'
    const kept = compressSection(parseReport(text), '二、创新举措', 55, { names: ['工业互联网标识解析二级节点（汽车零部件行业）'] })
    expect(kept.removed).toEqual(['（面向全部配套企业开放）'])
    expect(kept.text.endsWith('园区建设工业互联网标识解析二级节点（汽车零部件行业）。园区完善标识注册服务。')).toBe(true)
  })

  it.each(['一、背景介绍', '二、创新举措', '三、实践成效'])('composed 绫江 report, %s: other sections byte-identical, every figure kept', async (path) => {
    const park = loadPark('lingjiang-green')
    const { text } = await composeFor(park)
    const doc = parseReport(text)
    const before = reportZishu(doc).sections.find((s) => s.path === path)!.zishu
    const result = compressSection(doc, path, before - 100, { names: park.entities.map((e) => e.name) })
    expect(outside(result.text, path)).toEqual(outside(text, path))
    expect(figuresOf(result.text)).toEqual(figuresOf(text))
    expect(result.zishu).toBeLessThanOrEqual(before)
    if (!result.ok) expect(result.message).toContain('继续压缩就要删去数据')
    // Whatever was removed, the draft still passes the checker without errors.
    expect(check(result.text, park).filter((f) => f.severity === 'error')).toEqual([])
  })
})

describe('applyAllFixes', () => {
  const TEXT = [
    '南岭经济技术开发区绿色发展实践',
    '',
    '【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业,建设绿色微电网。',
    '',
    '一、背景介绍',
    '2023年园区单位能耗碳排放2.46吨/吨标准煤,绿电消费占比仅9.5%。',
    '',
    '二、创新举措',
    '（一）建设绿色微电网',
    '园区建设屋顶光伏86兆瓦,储能40兆瓦时。',
    '',
  ].join('\n')
  const park = loadPark('nanling-green')
  const findings = check(TEXT, park).filter((f) => f.rule === 'punctuation')

  it('within one section: only that section changes', () => {
    const result = applyAllFixes(TEXT, findings, '二、创新举措/（一）')
    expect(result.applied).toHaveLength(1)
    expect(result.text).toBe(TEXT.replace('86兆瓦,储能', '86兆瓦，储能'))
    expect(outside(result.text, '二、创新举措/（一）')).toEqual(outside(TEXT, '二、创新举措/（一）'))
  })

  it('within the abstract, addressed as 【摘要】', () => {
    const result = applyAllFixes(TEXT, findings, '【摘要】')
    expect(result.text).toBe(TEXT.replace('主导产业,建设', '主导产业，建设'))
  })

  it('the whole draft', () => {
    const result = applyAllFixes(TEXT, findings)
    expect(result.applied).toHaveLength(3)
    expect(result.text).toBe(TEXT.replace(/,/g, '，'))
    expect(check(result.text, park).filter((f) => f.rule === 'punctuation')).toEqual([])
  })
})
