import type { AppConfig } from '../config.js'
import { checkReport } from '../check/check-report.js'
import type { Finding } from '../check/finding.js'
import type { PolicyCorpus } from '../corpus/policy-corpus.js'
import { UserError } from '../errors.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { ChatClientOptions } from '../llm/client.js'
import type { TokenUsage } from '../llm/usage.js'
import { parseReport } from '../model/parse-report.js'
import { reportZishu, type ReportZishu } from '../model/report-stats.js'
import type { ParkData } from '../park/park-schema.js'
import { composeReport } from './compose.js'
import type { EvidenceMap } from './evidence.js'
import type { Removal } from './guard.js'
import { draftWithLlm, type FailedPart } from './llm-draft.js'
import type { DraftProgress } from './llm-progress.js'
import { planDraft, type DraftPlan } from './plan.js'
import { kindForPark } from '../park/indicator-values.js'

export interface DraftRequest {
  park: ParkData
  kindId?: string
  /** 'auto' (default): the LLM when one is configured, else the offline composer. */
  mode?: 'auto' | 'offline' | 'llm'
  onProgress?: (event: DraftProgress | { type: 'composed'; text: string }) => void
  signal?: AbortSignal
}

export interface DraftOutcome {
  mode: 'offline' | 'llm'
  kind: string
  text: string
  evidence: EvidenceMap
  findings: Finding[]
  stats: ReportZishu
  plan: DraftPlan
  usage?: TokenUsage
  calls?: number
  /** What the delivery guarantees took out of the model's text, and where (LLM drafts). */
  removed?: Removal[]
  /** Parts the model could not write, marked in the text with 【待补充：……】 and the reason. */
  failed?: FailedPart[]
  /** What the person should know about how the draft was made (e.g. the offline composer stood in). */
  notice?: string
}

export const draftMessages = {
  fellBack: (reason: string) => `${reason.replace(/。$/, '')}。本次已改用离线撰写生成初稿；大模型服务恢复后可重新生成。`,
} as const

/**
 * Failures after which 'auto' writes the draft offline: the endpoint cannot be reached, or it took the requests and
 * answered none of them in time (a draft fails with these only when no part was written).
 */
const FALLBACK_CODES: ReadonlySet<string> = new Set(['llm_unreachable', 'llm_timeout', 'llm_connection_lost'])

/** Clauses per retrieval query: the planner keeps the best two per measure after dropping template clauses. */
const CLAUSES_PER_QUERY = 6

/** 'auto' is the LLM when one is configured, else the offline composer. */
export function draftModeOf(mode: DraftRequest['mode'], config: Pick<AppConfig, 'llm'>): 'offline' | 'llm' {
  return mode === 'llm' || (mode !== 'offline' && config.llm) ? 'llm' : 'offline'
}

/**
 * A first draft for a park, the one entry point the CLI and the HTTP API share: plan (budgets, clauses per
 * measure), then write — with the configured LLM and its repair loop, or with the deterministic composer
 * (the default on a machine without an endpoint) — and check the result.
 */
export interface DraftDeps {
  config: Pick<AppConfig, 'llm'>
  corpus: PolicyCorpus
  /** The chat client's timeouts and retries (tests shorten them); default: the client's. */
  chatOptions?: ChatClientOptions
}

export async function draftReport(request: DraftRequest, deps: DraftDeps): Promise<DraftOutcome> {
  const kind = kindForPark(request.park, request.kindId)
  const mode = draftModeOf(request.mode, deps.config)
  // The planner retrieves through LangChain's retriever interface, so the same clause index serves any chain.
  // LangChain and the OpenAI SDK are loaded when a draft is asked for, not by every process that imports this module.
  const { ClauseLangChainRetriever } = await import('../retrieve/langchain-retriever.js')
  const retriever = new ClauseLangChainRetriever({ retriever: deps.corpus.retrieverForChains, top: CLAUSES_PER_QUERY })
  const plan = await planDraft(request.park, kind, async (query) =>
    (await retriever.invoke(query)).map((document) => ({ path: document.metadata.path, text: document.pageContent, source: document.metadata.source })),
  )

  if (mode === 'llm') {
    const { chatClientFromConfig } = await import('../llm/client.js')
    const chat = chatClientFromConfig(deps.config, deps.chatOptions)
    try {
      // Streamed: the client's first-byte and idle timeouts notice a stuck endpoint in a minute, not after the whole wait.
      const result = await draftWithLlm(plan, request.park, kind, { chat }, {
        stream: true,
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      })
      const stats = reportZishu(parseReport(result.text))
      return {
        mode,
        kind: kind.id,
        text: result.text,
        evidence: result.evidence,
        findings: result.findings,
        stats,
        plan,
        usage: result.usage,
        calls: result.calls.length,
        removed: result.removed,
        failed: result.failed,
      }
    } catch (error) {
      // 'auto' promises a draft: with the endpoint unreachable, the offline composer writes it, and says so.
      if (request.mode === 'llm' || !(error instanceof UserError) || !FALLBACK_CODES.has(error.code)) throw error
      return { ...composeOffline(plan, request, kind), notice: draftMessages.fellBack(error.message) }
    }
  }
  return composeOffline(plan, request, kind)
}

function composeOffline(plan: DraftPlan, request: DraftRequest, kind: KindSpec): DraftOutcome {
  const mode = 'offline'
  const { text, evidence } = composeReport(plan, request.park)
  request.onProgress?.({ type: 'composed', text })
  const doc = parseReport(text)
  const materials = request.park.materials?.map((material) => material.text) ?? []
  const { findings, stats } = checkReport({ doc, kind, park: request.park, materials })
  return { mode, kind: kind.id, text, evidence, findings, stats, plan }
}
