import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPark } from './evaluate.js'
import { needsData } from './expected-schema.js'
import { REAL_TEXTS_DIR, SETS, listRealTextFiles, loadRealText, setDir, splitHeader } from './load-real-texts.js'
import { restoreFullWidth } from './restore-fullwidth.js'

// The evaluation set is what the checker is measured on: a mark that no longer points at the text would silently
// change the score, so every expected file is validated here (no recall threshold: that is the checker's test).
describe('real-text evaluation set (fixtures/real)', () => {
  const files = SETS.flatMap((set) => listRealTextFiles(set).map((file) => ({ set, file })))

  it('has at least 35 dev texts, 12 held-out texts and 6 planted drafts, a second batch of 12 dev texts, a third held-out batch of 16, a third dev batch of 12 and a fourth held-out batch of 16', () => {
    const count = (set: string) => files.filter((f) => f.set === set).length
    expect(count('dev')).toBeGreaterThanOrEqual(35)
    expect(count('holdout')).toBeGreaterThanOrEqual(12)
    expect(count('planted')).toBeGreaterThanOrEqual(6)
    expect(count('dev2')).toBeGreaterThanOrEqual(12)
    expect(count('holdout3')).toBeGreaterThanOrEqual(16)
    expect(count('dev3')).toBeGreaterThanOrEqual(12)
    expect(count('holdout4')).toBeGreaterThanOrEqual(16)
  })

  it('planted drafts cover both innovation kinds', () => {
    const kinds = new Set(files.filter((f) => f.set === 'planted').map(({ file, set }) => loadRealText(file, set).expected.kind))
    expect([...kinds].sort()).toEqual(['innovation-digital', 'innovation-green'])
  })

  it('every expected file sits next to a text', () => {
    for (const dir of SETS.map(setDir).filter((dir) => existsSync(join(REAL_TEXTS_DIR, dir)))) {
      for (const file of readdirSync(join(REAL_TEXTS_DIR, dir)).filter((f) => f.endsWith('.expected.json'))) {
        expect(existsSync(join(REAL_TEXTS_DIR, dir, file.replace(/\.expected\.json$/, '.txt'))), file).toBe(true)
      }
    }
  })

  for (const { set, file } of files) {
    const name = file.slice(REAL_TEXTS_DIR.length + 1)
    it(`${name}: source header, schema, every quote in the text`, () => {
      const text = loadRealText(file, set)
      expect(text.header.source, 'source line').toBeTruthy()
      expect(text.problems).toEqual([])
      expect(text.marks.length + text.leaveAlone.length).toBeGreaterThan(0)
      for (const mark of text.marks) {
        if (mark.span) expect(text.body.slice(mark.span.start, mark.span.end), mark.note).toBe(mark.quote)
      }
    })
    if (set === 'planted') {
      it(`${name}: names a park file that the product accepts, and marks what only the data reveals`, () => {
        const text = loadRealText(file, set)
        expect(text.expected.source).toBeUndefined()
        expect(text.expected.kind, 'a planted draft is written for one report kind').not.toBeNull()
        expect(loadPark(text)?.park.name).toBeTruthy()
        expect(text.marks.some(needsData), 'a planted draft has a defect only the park data reveals').toBe(true)
        expect(text.marks.some((mark) => !needsData(mark)), 'and defects a check without data must find').toBe(true)
      })
    } else {
      it(`${name}: the expected file names the page the text was collected from`, () => {
        const text = loadRealText(file, set)
        expect(text.expected.source).toEqual({ url: text.header.source, title: text.header.title })
        expect(text.expected.park, 'a collected text is checked without park data').toBeUndefined()
        expect(text.marks.filter(needsData).map((mark) => mark.quote)).toEqual([])
      })
    }
    if (set !== 'planted') {
      it(`${name}: half-width punctuation next to Chinese was restored`, () => {
        const { body } = splitHeader(readFileSync(file, 'utf8'))
        expect(body.match(/[\u4e00-\u9fff][,;:](?!\/\/)|[,;]\s*[\u4e00-\u9fff]/gu) ?? []).toEqual([])
      })
    }
  }
})

describe('restoreFullWidth', () => {
  it.each([
    ['园区,企业:主导产业;(一)', '园区，企业：主导产业；（一）'],
    ['监测平台(下称监测平台),于2024年7月', '监测平台（下称监测平台），于2024年7月'],
    ['总投资1,200万元,10:30开会', '总投资1,200万元，10:30开会'],
    ['见 https://example.cn/a 页', '见 https://example.cn/a 页'],
    ['智慧化建设的蓝图如何落地?', '智慧化建设的蓝图如何落地？'],
    ['Jiangsu Longhuan Co.,Ltd.', 'Jiangsu Longhuan Co.,Ltd.'],
  ])('%s → %s', (input, output) => {
    expect(restoreFullWidth(input)).toBe(output)
  })
})
