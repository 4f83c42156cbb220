import { describe, expect, it } from 'vitest'
import {
  analyze,
  cjkBigrams,
  compactDictionary,
  loadDomainTerms,
  loadStopWords,
  normalizeText,
  parseTermList,
  userDictionary,
} from '../../src/retrieve/tokenize.js'

describe('normalizeText', () => {
  it.each([
    ['ＩＰｖ６和５Ｇ', 'ipv6和5g'],
    ['（一）推进产业数字化转型', '(一)推进产业数字化转型'],
    ['覆盖率达１００％', '覆盖率达100%'],
    ['双千兆\u3000网络', '双千兆 网络'],
    ['推动5G—A、万兆光网', '推动5g—a、万兆光网'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected)
  })
})

describe('cjkBigrams', () => {
  it.each([
    ['上海交通大学', ['上海', '海交', '交通', '通大', '大学']],
    // Latin and punctuation break runs; a lone Han character is a unigram unless a stop word
    ['5g、千兆光网、ipv6', ['千兆', '兆光', '光网']],
    ['ipv6和5g网络', ['网络']],
    ['能 碳', ['能', '碳']],
  ])('%s', (input, expected) => {
    expect(cjkBigrams(input)).toEqual(expected)
  })
})

describe('analyze', () => {
  it.each([
    {
      input: '上海交通大学',
      mode: 'query' as const,
      words: ['上海', '交通', '大学', '上海交通大学'],
      bigrams: ['上海', '海交', '交通', '通大', '大学'],
    },
    {
      // domain term kept whole, plus its search-mode sub-words
      input: '园区级数字化能碳管理中心',
      mode: 'document' as const,
      words: ['园区', '级', '数字', '管理', '中心', '数字化', '数字化能碳管理中心'],
      bigrams: ['园区', '区级', '级数', '数字', '字化', '化能', '能碳', '碳管', '管理', '理中', '中心'],
    },
    {
      // Latin terms lower-cased and kept whole; stop word 等 and punctuation dropped
      input: '推进5G、千兆光网、IPv6等网络部署',
      mode: 'document' as const,
      words: ['推进', '5g', '千兆', '光网', '千兆光网', 'ipv6', '网络', '部署'],
      bigrams: ['推进', '千兆', '兆光', '光网', '等网', '网络', '络部', '部署'],
    },
    {
      input: '专精特新“小巨人”企业',
      mode: 'document' as const,
      words: ['专精', '专精特新', '巨人', '小巨人', '企业'],
      bigrams: ['专精', '精特', '特新', '小巨', '巨人', '企业'],
    },
    {
      // full-width digits and percent sign normalized, edge punctuation trimmed
      input: '双千兆网络覆盖率达１００％',
      mode: 'document' as const,
      words: ['千兆', '双千兆', '网络', '覆盖', '覆盖率', '达', '100'],
      bigrams: ['双千', '千兆', '兆网', '网络', '络覆', '覆盖', '盖率', '率达'],
    },
    {
      input: '屋顶光伏 储能 绿色微电网',
      mode: 'query' as const,
      words: ['屋顶', '光伏', '屋顶光伏', '储能', '绿色', '电网', '绿色微电网'],
      bigrams: ['屋顶', '顶光', '光伏', '储能', '绿色', '色微', '微电', '电网'],
    },
    {
      // a query's space separates: no bigram 收土
      input: '亩均税收 土地集约',
      mode: 'query' as const,
      words: ['税收', '亩均税收', '土地', '集约'],
      bigrams: ['亩均', '均税', '税收', '土地', '地集', '集约'],
    },
    {
      // a document's space between Han characters is a conversion artefact (seed 002: 关键举 措)
      input: '关键举 措',
      mode: 'document' as const,
      words: ['关键', '举措'],
      bigrams: ['关键', '键举', '举措'],
    },
    {
      input: '链长制 产业链招商',
      mode: 'query' as const,
      words: ['链长', '链长制', '产业', '产业链', '招商'],
      bigrams: ['链长', '长制', '产业', '业链', '链招', '招商'],
    },
  ])('$input ($mode)', ({ input, mode, words, bigrams }) => {
    expect(analyze(input, mode)).toEqual({ words, bigrams })
  })

  it('drops stop words and question words from the words field only', () => {
    expect(analyze('如何推进园区的数字化转型', 'query')).toEqual({
      words: ['推进', '园区', '数字', '转型', '数字化', '数字化转型'],
      bigrams: ['如何', '何推', '推进', '进园', '园区', '区的', '的数', '数字', '字化', '化转', '转型'],
    })
  })
})

describe('data files', () => {
  it('parses term lists with comments and optional frequencies', () => {
    expect(parseTermList('# comment\n双千兆\n\n零碳园区 500\n  专精特新  \n')).toEqual([
      { term: '双千兆' },
      { term: '零碳园区', freq: 500 },
      { term: '专精特新' },
    ])
  })

  it('writes a jieba user dictionary', () => {
    expect(userDictionary([{ term: '双千兆' }, { term: '零碳园区', freq: 500 }])).toBe('双千兆 3000 n\n零碳园区 500 n\n')
  })

  it('loads the domain terms and stop words', () => {
    const terms = loadDomainTerms().map((t) => t.term)
    expect(terms.length).toBeGreaterThanOrEqual(80)
    expect(terms).toEqual(expect.arrayContaining(['双千兆', '数字化能碳管理中心', '专精特新', '小巨人', '工业互联网', '绿色微电网', '零碳园区', '链式改造', '高质量数据集', '亩均税收', '容积率']))
    expect(new Set(terms).size).toBe(terms.length)
    const stop = loadStopWords()
    for (const w of ['的', '了', '和', '与', '及', '等', '、', '如何']) expect(stop.has(w)).toBe(true)
    for (const w of ['园区', '推进', '安全']) expect(stop.has(w)).toBe(false)
  })
})

describe('compactDictionary', () => {
  it('keeps words of one or two characters and longer words with frequency ≥ 5', () => {
    const source = Buffer.from('园区 100 n\n中试 3 n\n上海交通大学 3 nt\n数字化转型 5 n\n1号店 3 n\n')
    expect(Buffer.from(compactDictionary(source)).toString('utf8')).toBe('园区 100 n\n中试 3 n\n数字化转型 5 n\n')
  })
})
