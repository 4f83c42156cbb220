/**
 * LangChain adapter of ClauseRetriever, for the drafting chain: each clause becomes a Document
 * whose pageContent is the clause text and whose metadata carries the citation.
 */
import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager'
import { Document } from '@langchain/core/documents'
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers'
import type { ClauseRetriever, RetrievalWarning } from './retriever.js'

export interface ClauseDocumentMetadata {
  source: string
  path: string
  score: number
  clauseId: string
}

export interface ClauseLangChainRetrieverInput extends BaseRetrieverInput {
  retriever: ClauseRetriever
  /** Documents per query; default 5. */
  top?: number
  /** Restrict to clauses of these documents. */
  docIds?: readonly string[]
}

export class ClauseLangChainRetriever extends BaseRetriever<ClauseDocumentMetadata> {
  static override lc_name(): string {
    return 'ClauseLangChainRetriever'
  }

  override lc_namespace = ['park_report', 'retrieve', 'clause']

  private readonly retriever: ClauseRetriever
  private readonly top: number
  private readonly docIds: readonly string[] | undefined

  constructor(fields: ClauseLangChainRetrieverInput) {
    super(fields)
    this.retriever = fields.retriever
    this.top = fields.top ?? 5
    this.docIds = fields.docIds
  }

  override async _getRelevantDocuments(query: string, runManager?: CallbackManagerForRetrieverRun): Promise<Document<ClauseDocumentMetadata>[]> {
    const outcome = await this.retriever.retrieveDetailed(query, {
      top: this.top,
      ...(this.docIds !== undefined ? { docIds: this.docIds } : {}),
    })
    for (const w of outcome.warnings) await reportWarning(runManager, w)
    return outcome.results.map(
      (r) =>
        new Document<ClauseDocumentMetadata>({
          pageContent: r.text,
          metadata: { source: r.source, path: r.path, score: r.score, clauseId: r.clauseId },
          id: r.clauseId,
        }),
    )
  }
}

/** Surfaces a fallback warning to LangChain tracing as a custom event. */
async function reportWarning(runManager: CallbackManagerForRetrieverRun | undefined, w: RetrievalWarning): Promise<void> {
  await runManager?.handleCustomEvent?.('retrieval_warning', w)
}
