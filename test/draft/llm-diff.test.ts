import { describe, expect, it } from 'vitest'
import { diffChars, diffLines, diffStats, diffText, formatDiff, type DiffOp } from '../../src/draft/diff.js'

const side = (ops: readonly DiffOp[], keep: 'delete' | 'insert') => ops.filter((o) => o.op === 'equal' || o.op === keep).map((o) => o.text).join('')

describe('diff', () => {
  it.each([
    ['', '', []],
    ['单位能耗碳排放', '单位能耗碳排放', [{ op: 'equal', text: '单位能耗碳排放' }]],
    ['由71.3%提升至93.6%', '由71.3%提高到93.6%', [
      { op: 'equal', text: '由71.3%提' },
      { op: 'delete', text: '升至' },
      { op: 'insert', text: '高到' },
      { op: 'equal', text: '93.6%' },
    ]],
    ['', '新增一句。', [{ op: 'insert', text: '新增一句。' }]],
  ])('diffChars(%j, %j)', (a, b, ops) => {
    expect(diffChars(a, b)).toEqual(ops)
  })

  it('diffLines keeps line breaks with their lines', () => {
    expect(diffLines('（一）甲\n正文一\n（二）乙\n', '（一）甲\n正文二\n（二）乙\n')).toEqual([
      { op: 'equal', text: '（一）甲\n' },
      { op: 'delete', text: '正文一\n' },
      { op: 'insert', text: '正文二\n' },
      { op: 'equal', text: '（二）乙\n' },
    ])
  })

  it('diffText refines a changed line to characters, and both sides join back', () => {
    const before = '（二）固废综合利用水平大幅提升\n工业固体废弃物综合利用率由71.3%提升至93.6%。'
    const after = '（二）固废综合利用水平大幅提升\n工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。\n副产硫酸钠实现就地转化。'
    const ops = diffText(before, after)
    expect(ops).toEqual([
      { op: 'equal', text: '（二）固废综合利用水平大幅提升\n工业固体废弃物综合利用率由71.3%提升至93.6%' },
      { op: 'insert', text: '，提高22.3个百分点。\n副产硫酸钠实现就地转化' },
      { op: 'equal', text: '。' },
    ])
    expect(side(ops, 'delete')).toBe(before)
    expect(side(ops, 'insert')).toBe(after)
    expect(diffStats(ops)).toEqual({ deleted: 0, inserted: 24 })
    expect(formatDiff(diffChars('提升至', '提高到'))).toBe('提[-升至-]{+高到+}')
  })
})
