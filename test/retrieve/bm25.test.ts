import { describe, expect, it } from 'vitest'
import type { Clause } from '../../src/ingest/clause.js'
import { buildClauseIndex } from '../../src/retrieve/bm25.js'
import { ClauseRetriever } from '../../src/retrieve/retriever.js'
import type { AnalyzeMode } from '../../src/retrieve/tokenize.js'
import { handCorpus } from './hand-corpus.js'

const short = (path: string): string => path.replace(/《(.)[^》]*》/, '$1')
const paths = (hits: { clause: Clause }[]): string[] => hits.map((h) => short(h.clause.path))

function plain(id: string, text: string, docId = 'd'): Clause {
  return { id, docId, source: 'T', path: `《T》${id}`, numbers: [id], text }
}
/** Whitespace analyzer: words = space-separated tokens, no bigrams. */
const spaces = (text: string, _mode: AnalyzeMode) => ({ words: text.split(' ').filter(Boolean), bigrams: [] })

describe('BM25 scoring', () => {
  it('matches the formula idf·tf·(k1+1)/(tf+k1·(1−b+b·dl/avgdl)), idf = ln(1+(N−df+0.5)/(df+0.5))', () => {
    // N = 3, df(a) = 2, avgdl = (2+3+4)/3 = 3
    const index = buildClauseIndex([plain('1', 'a b'), plain('2', 'a a c'), plain('3', 'c d e f')], { analyzer: spaces })
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    const hits = index.search('a', 10)
    expect(hits.map((h) => h.clause.id)).toEqual(['2', '1'])
    expect(hits[0]?.score).toBeCloseTo((idf * 2 * 2.2) / (2 + 1.2 * (0.25 + (0.75 * 3) / 3)), 12)
    expect(hits[1]?.score).toBeCloseTo((idf * 1 * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 2) / 3)), 12)
  })

  it('sums weighted fields and counts a repeated query term once', () => {
    const analyzer = (text: string) => ({ words: text.split(' '), bigrams: text.split(' ').map((w) => `#${w}`) })
    const docs = [plain('1', 'x y'), plain('2', 'z w')]
    const both = buildClauseIndex(docs, { analyzer, weights: { words: 1, bigrams: 0.5 } })
    const wordsOnly = buildClauseIndex(docs, { analyzer, weights: { words: 1, bigrams: 0 } })
    const w = wordsOnly.search('x', 1)[0]?.score as number
    expect(both.search('x', 1)[0]?.score).toBeCloseTo(1.5 * w, 12)
    expect(wordsOnly.search('x x x', 1)[0]?.score).toBe(w)
  })

  it('is monotone in term frequency and in document length', () => {
    const index = buildClauseIndex(
      [plain('once', 'a b c d'), plain('twice', 'a a c d'), plain('thrice', 'a a a d'), plain('long', 'a b c d e f g h i j')],
      { analyzer: spaces },
    )
    const hits = index.search('a', 10)
    expect(hits.map((h) => h.clause.id)).toEqual(['thrice', 'twice', 'once', 'long'])
    for (let i = 1; i < hits.length; i++) expect((hits[i] as { score: number }).score).toBeLessThan((hits[i - 1] as { score: number }).score)
  })

  it('breaks ties by insertion order and ignores unknown terms', () => {
    const index = buildClauseIndex([plain('1', 'a b'), plain('2', 'b a'), plain('3', 'c d')], { analyzer: spaces })
    expect(index.search('a zzz', 10).map((h) => h.clause.id)).toEqual(['1', '2'])
    expect(index.search('zzz', 10)).toEqual([])
    expect(index.search('a', 0)).toEqual([])
  })
})

describe('BM25 over Chinese clauses', () => {
  const index = buildClauseIndex(handCorpus)

  it.each([
    ['屋顶光伏 储能 绿色微电网', ['工二（六）14', '高四（三）9']],
    ['中小企业数字化转型', ['高四（一）3', '工二（五）13', '高四（三）9']],
    ['安全风险监测预警', ['高四（三）10', '工二（六）16', '高四（三）9']],
    ['链长制 产业链招商', ['工二（一）2', '工二（五）13', '工二（二）4']],
    ['工业上楼', ['工二（二）4', '工二（六）14', '高四（三）9']],
    ['IPv6', ['工二（五）11']],
    ['5G', ['高四（四）11', '工二（五）11']],
    // 能碳 is no jieba word here: only the bigram field finds it
    ['能碳', ['高四（三）9', '工二（六）14']],
    ['上海交通大学', []],
  ])('%s', (query, expected) => {
    expect(paths(index.search(query, 3))).toEqual(expected)
  })

  it('filters by document', () => {
    expect(paths(index.search('数字化能碳管理中心', 3, { docIds: ['guide'] }))).toEqual(['工二（六）14', '工二（五）13', '工二（五）11'])
    expect(paths(index.search('数字化能碳管理中心', 3, { docIds: ['none'] }))).toEqual([])
  })
})

describe('group headings', () => {
  it('are indexed with the clause (seed 004: 二、发展导向（六）推动绿色安全发展 heads clause 16)', () => {
    const safety = { ...(handCorpus[5] as Clause), context: ['发展导向', '推动绿色安全发展'] }
    const others = handCorpus.filter((c) => c.id !== safety.id)
    expect(paths(buildClauseIndex([...others, safety]).search('推动绿色安全发展', 1))).toEqual(['工二（六）16'])
    expect(paths(buildClauseIndex(handCorpus).search('推动绿色安全发展', 1))).toEqual(['高四（三）9'])
  })
})

describe('BM25 updates', () => {
  const guide = handCorpus.filter((c) => c.docId === 'guide')
  const digital = handCorpus.filter((c) => c.docId === 'digital')
  const snapshot = (hits: { clause: Clause; score: number }[]) => hits.map((h) => [h.clause.id, Number(h.score.toFixed(9))])

  it('remove(docId) drops a document and add() restores the same scores', () => {
    const index = buildClauseIndex(handCorpus)
    expect(index.remove('digital')).toBe(4)
    expect(index.remove('digital')).toBe(0)
    expect(index.size).toBe(6)
    expect(snapshot(index.search('安全风险监测预警', 5))).toEqual(snapshot(buildClauseIndex(guide).search('安全风险监测预警', 5)))
    index.add(digital)
    expect(index.size).toBe(10)
    expect(snapshot(index.search('安全风险监测预警', 5))).toEqual(snapshot(buildClauseIndex(handCorpus).search('安全风险监测预警', 5)))
  })

  it('add() replaces a clause with the same id', () => {
    const index = buildClauseIndex(handCorpus)
    const first = handCorpus[0] as Clause
    index.add([{ ...first, text: '工业上楼 工业上楼 立体仓储' }])
    expect(index.size).toBe(10)
    expect(index.search('工业上楼', 1)[0]?.clause.text).toBe('工业上楼 工业上楼 立体仓储')
    expect(index.search('链长制', 5)).toEqual([])
    // within one batch too
    index.add([{ ...first, text: '链长制' }, { ...first, text: '飞地园区' }])
    expect(index.size).toBe(10)
    expect(index.search('链长制', 5)).toEqual([])
    expect(index.search('飞地园区', 1).map((h) => h.clause.text)).toEqual(['飞地园区'])
  })

  it('compacts after many removals without changing results', () => {
    const index = buildClauseIndex(handCorpus)
    for (let round = 0; round < 30; round++) {
      index.add(handCorpus.map((c) => ({ ...c, id: `${c.id}~${round}`, docId: `copy${round}` })))
      index.remove(`copy${round}`)
    }
    expect(index.size).toBe(10)
    expect(snapshot(index.search('屋顶光伏 储能 绿色微电网', 5))).toEqual(snapshot(buildClauseIndex(handCorpus).search('屋顶光伏 储能 绿色微电网', 5)))
  })
})

describe('ClauseRetriever: copies of a document', () => {
  it('shows a clause once when an uploaded copy of a guideline repeats it word for word', async () => {
    const copy = handCorpus.map((c) => ({ ...c, id: `copy-${c.id}`, docId: `copy-${c.docId}`, source: `${c.source}（上传）` }))
    const retriever = new ClauseRetriever([...handCorpus, ...copy])
    const query = '园区 数字化 绿色 安全'
    const alone = await new ClauseRetriever(handCorpus).retrieve(query, { top: 4 })
    expect(alone).toHaveLength(4)
    const results = await retriever.retrieve(query, { top: 4 })
    expect(results.map((r) => r.path)).toEqual(alone.map((r) => r.path))
    expect(new Set(results.map((r) => r.text)).size).toBe(4)
  })
})
