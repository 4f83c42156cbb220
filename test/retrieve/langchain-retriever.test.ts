import { Document } from '@langchain/core/documents'
import { describe, expect, it } from 'vitest'
import { ClauseLangChainRetriever } from '../../src/retrieve/langchain-retriever.js'
import { ClauseRetriever } from '../../src/retrieve/retriever.js'
import { handCorpus } from './hand-corpus.js'

describe('ClauseLangChainRetriever', () => {
  const retriever = new ClauseRetriever(handCorpus)

  it('returns Documents with the clause text and citation metadata', async () => {
    const lc = new ClauseLangChainRetriever({ retriever, top: 2 })
    const docs = await lc.invoke('屋顶光伏 储能 绿色微电网')
    const expected = await retriever.retrieve('屋顶光伏 储能 绿色微电网', { top: 2 })
    expect(docs).toHaveLength(2)
    expect(docs[0]).toBeInstanceOf(Document)
    expect(docs.map((d) => ({ id: d.id, pageContent: d.pageContent, metadata: d.metadata }))).toEqual([
      {
        id: 'guide#4',
        pageContent: handCorpus[4]?.text,
        metadata: { source: '工业园区高质量发展指引', path: '《工业园区高质量发展指引》二（六）14', score: expected[0]?.score, clauseId: 'guide#4' },
      },
      {
        id: 'digital#7',
        pageContent: handCorpus[7]?.text,
        metadata: { source: '高标准数字园区建设指南', path: '《高标准数字园区建设指南》四（三）9', score: expected[1]?.score, clauseId: 'digital#7' },
      },
    ])
  })

  it('restricts to documents and defaults to five results', async () => {
    const onlyGuide = new ClauseLangChainRetriever({ retriever, docIds: ['guide'] })
    const docs = await onlyGuide.invoke('数字化转型 安全 绿色')
    expect(docs).toHaveLength(5)
    expect(docs.every((d) => d.metadata.source === '工业园区高质量发展指引')).toBe(true)
  })

  it('has a LangChain namespace', () => {
    expect(new ClauseLangChainRetriever({ retriever }).lc_namespace).toEqual(['park_report', 'retrieve', 'clause'])
  })
})
