import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/check/finding.js'
import { scoreText, summarize, type TextScore } from './evaluate.js'
import { needsData } from './expected-schema.js'
import { loadRealTexts, type RealText, type ResolvedMark } from './load-real-texts.js'

const finding = (rule: string, start: number, end: number): Finding => ({
  rule,
  severity: 'warning',
  message: '（测试）',
  section: '全文',
  start,
  end,
  line: 1,
  column: start + 1,
  excerpt: '',
})

const mark = (category: ResolvedMark['category'], start: number, end: number): ResolvedMark => ({ category, note: '（测试）', scope: 'span', span: { start, end } })

describe('summarize: tallies of marks found and findings judged', () => {
  it('counts recall per category and precision per rule from scored texts', () => {
    const text = { set: 'dev', name: 'x.txt' } as RealText
    const score: TextScore = {
      text,
      withData: false,
      kind: 'innovation-green',
      marks: [
        { mark: mark('time-reference', 0, 2), found: true, foundByAny: true, by: ['time-reference'] },
        { mark: mark('vague', 10, 14), found: false, foundByAny: true, by: ['register'] },
        { mark: mark('vague', 20, 24), found: false, foundByAny: false, by: [] },
      ],
      findings: [
        { finding: finding('time-reference', 0, 2), verdict: 'true' },
        { finding: finding('register', 10, 12), verdict: 'other-mark' },
        { finding: finding('register', 30, 32), verdict: 'leave-alone' },
        { finding: finding('typo', 40, 41), verdict: 'unmarked' },
      ],
    }
    const summary = summarize([score])
    expect(summary.byCategory.get('time-reference')).toEqual({ marks: 1, found: 1, foundByAny: 1 })
    expect(summary.byCategory.get('vague')).toEqual({ marks: 2, found: 0, foundByAny: 1 })
    expect(summary.byRule.get('register')).toEqual({ findings: 2, true: 0, otherMark: 1, leaveAlone: 1, unmarked: 0 })
    expect(summary.total).toEqual({ marks: 3, found: 1, foundByAny: 2, findings: 4, true: 1, otherMark: 1, leaveAlone: 1, unmarked: 1 })
  })
})

// Planted drafts are scored twice: a user with park data and one without. Without the data, what only the data can
// reveal (needsData) is not expected of the checker, and the park file must really not reach it.
describe('scoreText with and without park data (planted drafts)', () => {
  const planted = loadRealTexts(['planted'])

  it('has planted drafts to score', () => {
    expect(planted.length).toBeGreaterThanOrEqual(6)
  })

  for (const text of planted) {
    it(`${text.name}: all marks with data, only the ones a text alone reveals without`, () => {
      const withData = scoreText(text, { withData: true })
      const withoutData = scoreText(text, { withData: false })
      expect(withData.withData).toBe(true)
      expect(withoutData.withData).toBe(false)
      expect(withData.marks.map((m) => m.mark.quote)).toEqual(text.marks.map((m) => m.quote))
      expect(withoutData.marks.map((m) => m.mark.quote)).toEqual(text.marks.filter((m) => !needsData(m)).map((m) => m.quote))
    })
  }

  it('a collected text has no park data either way', () => {
    const [collected] = loadRealTexts(['dev'])
    expect(collected).toBeDefined()
    expect(scoreText(collected!, { withData: true }).withData).toBe(false)
  })
})
