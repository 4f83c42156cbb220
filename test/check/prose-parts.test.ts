import { describe, expect, it } from 'vitest'
import { checkDraft } from '../../src/check/check-draft.js'
import { partScores, splitParts } from '../../src/check/prose-parts.js'
import { parseDraftText } from '../../src/model/load-draft.js'

// A case written as a 汇报 is: a title, then paragraphs without 一、二、三 (background, two measures, a result).
const TITLE = '淮澄化工新材料产业园区推进危险废物就近处置的做法'
const BACKGROUND = '淮澄化工新材料产业园区化工企业集聚，危险废物外运处置费用高，园区企业普遍面临危废处置难的问题。'
const MEASURE_1 = '园区建设危险废物集中处置中心，推行“一企一档”管理，危险废物处置能力提升。'
const MEASURE_2 = '园区实施人才引育工程，组建高层次人才服务专班，引进博士团队，建立人才公寓。'
const RESULT_WITH_FIGURES = '处置中心投运后，危险废物外运处置费用由约2800元/吨降至约1650元/吨，危险废物就近处置率由35%提高到92%。'
const RESULT_WITHOUT_FIGURES = '通过上述举措，园区危废处置能力明显增强，安全管理取得显著成效。'

const prose = (...paragraphs: string[]) => [TITLE, ...paragraphs].join('\n')

describe('parts of a draft written without headings', () => {
  it('scores each paragraph by what it says and splits them in template order', () => {
    const scores = [BACKGROUND, MEASURE_1, MEASURE_2, RESULT_WITH_FIGURES].map(partScores)
    expect(scores).toEqual([
      { background: 2, measures: 0, results: 0 },
      { background: 0, measures: 2, results: 0 },
      { background: 0, measures: 3, results: 0 },
      { background: 0, measures: 0, results: 10 },
    ])
    expect(splitParts(scores)).toEqual([1, 3])
  })

  it('finds no parts in a news item that has no result paragraph', () => {
    expect(splitParts([BACKGROUND, MEASURE_1].map(partScores))).toBeUndefined()
  })

  it('lets quant-evidence read the results paragraphs when a kind is chosen, while structure still asks for the headings', () => {
    const text = prose(BACKGROUND, MEASURE_1, RESULT_WITHOUT_FIGURES)
    const { findings } = checkDraft({ doc: parseDraftText(text) }, { kindId: 'innovation-green' })
    const quant = findings.filter((f) => f.rule === 'quant-evidence')
    expect(quant.map((f) => ({ span: text.slice(f.start, f.end), severity: f.severity, message: f.message }))).toEqual([
      {
        span: RESULT_WITHOUT_FIGURES,
        severity: 'error',
        message: '“实践成效（按段落内容识别）”部分没有量化数据。实践成效应优先采用量化数据予以支撑，直观体现创新实践的实质效果。',
      },
    ])
    expect(findings.filter((f) => f.rule === 'structure').map((f) => f.message)).toContain(
      '未识别到一级标题。报告应依次包含：一、背景介绍 二、创新举措 三、实践成效。',
    )
  })

  it('finds nothing to add when the results paragraph carries before-and-after figures', () => {
    const text = prose(BACKGROUND, MEASURE_1, RESULT_WITH_FIGURES)
    const { findings } = checkDraft({ doc: parseDraftText(text) }, { kindId: 'innovation-green' })
    expect(findings.filter((f) => f.rule === 'quant-evidence' || f.rule === 'logic-chain')).toEqual([])
  })

  it('leaves a draft without a chosen kind to the wording rules', () => {
    const text = prose(BACKGROUND, MEASURE_1, RESULT_WITHOUT_FIGURES)
    const { findings } = checkDraft({ doc: parseDraftText(text) })
    expect(findings.filter((f) => ['structure', 'quant-evidence', 'logic-chain'].includes(f.rule))).toEqual([])
  })
})
