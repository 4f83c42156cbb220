import { describe, expect, it } from 'vitest'
import { EQUIVALENT_IDEOGRAPH_PAIRS } from '../../src/ingest/equivalent-ideographs.js'
import { normalizePolicyText } from '../../src/ingest/normalize.js'
import { unifyCharacter, unifyCharacters } from '../../src/ingest/unify-characters.js'

const isUnifiedIdeograph = (ch: string): boolean => /^\p{Unified_Ideograph}$/u.test(ch)
const assigned = (cp: number): boolean => !/^\p{Cn}$/u.test(String.fromCodePoint(cp))
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i).filter(assigned)

describe('unifyCharacters: every radical and compatibility ideograph becomes a unified ideograph', () => {
  it('all 214 Kangxi radicals (U+2F00–2FD5) → the unified ideograph, the same one NFKC gives', () => {
    const radicals = range(0x2f00, 0x2fd5)
    expect(radicals).toHaveLength(214)
    for (const cp of radicals) {
      const ch = String.fromCodePoint(cp)
      expect(unifyCharacter(ch), `U+${cp.toString(16)}`).toBe(ch.normalize('NFKC'))
      expect(isUnifiedIdeograph(unifyCharacter(ch)), `U+${cp.toString(16)}`).toBe(true)
    }
  })

  it('all 115 CJK Radicals Supplement characters (U+2E80–2EF3) → a unified ideograph, except ⺀ U+2E80 which has none', () => {
    const supplement = range(0x2e80, 0x2ef3)
    expect(supplement).toHaveLength(115)
    const unmapped = supplement.filter((cp) => !isUnifiedIdeograph(unifyCharacter(String.fromCodePoint(cp))))
    expect(unmapped).toEqual([0x2e80])
    // NFKC maps only ⺟ and ⻳ of this block: the table is what makes the rest work.
    expect(supplement.filter((cp) => isUnifiedIdeograph(String.fromCodePoint(cp).normalize('NFKC')))).toEqual([0x2e9f, 0x2ef3])
  })

  it('every CJK compatibility ideograph (U+F900–FAFF, U+2F800–2FA1D) → a unified ideograph', () => {
    const compatibility = [...range(0xf900, 0xfaff), ...range(0x2f800, 0x2fa1d)]
    expect(compatibility.length).toBeGreaterThan(1000)
    for (const cp of compatibility) {
      expect(isUnifiedIdeograph(unifyCharacter(String.fromCodePoint(cp))), `U+${cp.toString(16)}`).toBe(true)
    }
  })

  it('the generated table: pairs of (radical or stroke, unified ideograph), sorted, no duplicates', () => {
    const chars = Array.from(EQUIVALENT_IDEOGRAPH_PAIRS)
    expect(chars.length % 2).toBe(0)
    const sources = chars.filter((_, i) => i % 2 === 0).map((c) => c.codePointAt(0)!)
    expect(sources).toEqual([...new Set(sources)].sort((a, b) => a - b))
    for (let i = 1; i < chars.length; i += 2) expect(isUnifiedIdeograph(chars[i]!)).toBe(true)
  })

  it('full-width letters and digits → ASCII; Chinese punctuation stays full-width', () => {
    expect(unifyCharacters('２０２７年建成２００个５Ｇ园区，覆盖率达１００％（含）：')).toBe('2027年建成200个5G园区，覆盖率达１００％（含）：'.replace('１００', '100'))
  })

  it('numbering written as one symbol → the official marker: ㈠ → （一）, ⑴ → （1）, ⒈ → 1.', () => {
    expect(unifyCharacters('㈡完善园区空间治理')).toBe('（二）完善园区空间治理')
    expect(unifyCharacters('⑶加强土地集约利用')).toBe('（3）加强土地集约利用')
    expect(unifyCharacters('⒋加强土地集约利用')).toBe('4.加强土地集约利用')
  })
})

describe('normalizePolicyText: text as the reader sees it', () => {
  it('a browser-printed line: radicals unified, so the heading is recognised and a query matches', () => {
    expect(normalizePolicyText('⼯业园区⾼质量发展指引\n⼀、总体要求\n建⽴“链⻓制”等针对性⼯作体系。')).toBe(
      '工业园区高质量发展指引\n\n一、总体要求\n\n建立“链长制”等针对性工作体系。',
    )
  })

  it('a tab and a hard line break inside a sentence are joined; a table row keeps its cells', () => {
    expect(normalizePolicyText('18.加强跨园区联动互助。积极与周边区域开展“总部+基\n地”\t“研发+制造”等一体化协同发展。')).toBe(
      '18.加强跨园区联动互助。积极与周边区域开展“总部+基地”“研发+制造”等一体化协同发展。',
    )
    expect(normalizePolicyText('指标\t目标值\n双千兆网络覆盖率\t100%')).toBe('指标\t目标值\n\n双千兆网络覆盖率\t100%')
  })
})
