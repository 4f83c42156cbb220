import { describe, expect, it } from 'vitest'
import { deepMerge, fillPlaceholders, resolveIndicators, resolveRefs, stripMeta } from '../../src/kinds/resolve.js'
import { HEADING_MARKER_PATTERNS, levelOneMarker, scopeFromLabel } from '../../src/kinds/kind-spec.js'

describe('deepMerge', () => {
  it.each([
    ['objects merge', { a: { x: 1, y: 2 } }, { a: { y: 3 } }, { a: { x: 1, y: 3 } }],
    ['arrays are replaced', { a: [1, 2, 3] }, { a: [4] }, { a: [4] }],
    ['scalars are replaced', { a: '一' }, { a: '二' }, { a: '二' }],
    ['null replaces', { a: { x: 1 } }, { a: null }, { a: null }],
    ['new keys are added after old ones', { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
  ])('%s', (_name, base, override, expected) => {
    expect(deepMerge(base, override)).toEqual(expected)
  })
})

describe('resolveRefs', () => {
  it('replaces JSON pointers, nested and escaped', () => {
    const doc = { $defs: { 'a/b': { c: [10, 20] } }, x: { $ref: '#/$defs/a~1b/c/1' }, y: [{ $ref: '#/x' }] }
    expect(resolveRefs(doc)).toEqual({ $defs: { 'a/b': { c: [10, 20] } }, x: 20, y: [20] })
  })

  it('rejects a pointer that is not local', () => {
    expect(() => resolveRefs({ x: { $ref: 'other.json#/a' } })).toThrow('报告类型定义中的引用 other.json#/a 格式不正确，应为以 #/ 开头的 JSON 指针。')
  })

  it('stops a self-referencing pointer', () => {
    expect(() => resolveRefs({ x: { $ref: '#/x' } })).toThrow('报告类型定义中的引用 #/x 嵌套过深（可能存在循环引用）。')
  })
})

describe('stripMeta', () => {
  it('drops $-keys at every depth', () => {
    expect(stripMeta({ $comment: 'why', a: [{ $comment: 'x', b: 1 }], $defs: {} })).toEqual({ a: [{ b: 1 }] })
  })
})

describe('fillPlaceholders', () => {
  it.each([
    ['{year}年工业园区高质量发展创新实践', '2026年工业园区高质量发展创新实践'],
    ['（截至{dataYear}年12月31日、{dataYear}年）', '（截至2025年12月31日、2025年）'],
    ['{dataYear-2}—{dataYear}年', '2023—2025年'],
    ['{year+1}', '2027'],
    ['二、{category}创新实践概述', '二、推动绿色安全发展类创新实践概述'],
    ['{unknown} 保留', '{unknown} 保留'],
  ])('%s → %s', (input, expected) => {
    expect(fillPlaceholders(input, { year: 2026, dataYear: 2025, category: '推动绿色安全发展类' })).toBe(expected)
  })
})

describe('resolveIndicators', () => {
  it('pushes block → group → row periods down, makes offsets concrete, defaults scope', () => {
    const spec = {
      indicatorBlock: {
        years: [0, -1],
        groups: [
          {
            id: 'g',
            indicators: [
              { key: 'scale.revenue', label: '营业收入（亿元）' },
              { key: 'scale.leadIndustryRevenue', label: '主导产业营业收入（亿元）', asOf: 0 },
              { key: 'x.y', label: '其它', years: ['2020'], scope: '全口径' },
            ],
          },
        ],
      },
    }
    expect(resolveIndicators(spec, 2025)).toEqual({
      indicatorBlock: {
        years: ['2025', '2024'],
        groups: [
          {
            id: 'g',
            years: ['2025', '2024'],
            indicators: [
              { key: 'scale.revenue', label: '营业收入（亿元）', years: ['2025', '2024'], scope: '全口径' },
              { key: 'scale.leadIndustryRevenue', label: '主导产业营业收入（亿元）', asOf: '2025-12-31', scope: '主导产业口径' },
              { key: 'x.y', label: '其它', years: ['2020'], scope: '全口径' },
            ],
          },
        ],
      },
    })
  })
})

describe('kind-spec helpers', () => {
  it.each([
    ['营业收入（亿元）', '全口径'],
    ['主导产业营业收入（亿元）', '主导产业口径'],
    ['其中：主导产业销售收入', '主导产业口径'],
    ['园区全口径增加值占所在城市地区生产总值比重（%）', '全口径'],
  ])('scopeFromLabel(%s) = %s', (label, scope) => {
    expect(scopeFromLabel(label)).toBe(scope)
  })

  it.each([
    ['一、', '三、实践成效', true],
    ['一、', '（一）构建平台', false],
    ['（一）', '（二）打造服务体系', true],
    ['（一）', '(三)分阶段推进', true],
    ['1.', '1.建设园区综合管理服务平台', true],
    ['1.', '1.5亿元投资', false],
    ['（1）', '（2）数据治理', true],
  ] as const)('marker %s matches %s: %s', (marker, line, expected) => {
    expect(HEADING_MARKER_PATTERNS[marker].test(line)).toBe(expected)
  })

  it('levelOneMarker', () => {
    expect([1, 2, 4, 10].map(levelOneMarker)).toEqual(['一、', '二、', '四、', '十、'])
  })
})
