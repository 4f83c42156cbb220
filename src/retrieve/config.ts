/**
 * Retrieval configuration from environment variables, as a pure function of the env object.
 *
 * Dense retrieval is on when an embeddings model is named (EMBEDDINGS_MODEL) and there is an
 * endpoint to call it on: EMBEDDINGS_BASE_URL, else OPENAI_BASE_URL, else the official OpenAI
 * endpoint when an API key is set. Local OpenAI-compatible servers (Ollama, vLLM, Xinference)
 * need no key, so a placeholder is sent. Without a model the retriever is BM25 only.
 */
import { z } from 'zod'
import { UserError } from '../errors.js'

export interface EmbeddingsConfig {
  /** Undefined: the OpenAI SDK default (api.openai.com). */
  baseURL?: string
  apiKey: string
  model: string
  /** Optional `dimensions` request parameter (text-embedding-3-*, some Qwen/BGE servers). */
  dimensions?: number
  /** Texts per embeddings request; many Chinese providers cap it at 10–25. */
  batchSize: number
  /** Per-request timeout while embedding clauses. */
  indexTimeoutMs: number
  /** Per-request timeout for a query: short, because BM25 answers when it expires. */
  queryTimeoutMs: number
}

export interface RetrievalConfig {
  embeddings?: EmbeddingsConfig
}

export type Env = Readonly<Record<string, string | undefined>>

/** Placeholder key for endpoints that need none (the OpenAI SDK insists on one). */
export const NO_API_KEY = 'no-key'

export const configMessages = {
  badNumber: (name: string, value: string) => `环境变量 ${name} 应为正整数，当前为“${value}”。`,
  badUrl: (name: string, value: string) => `环境变量 ${name} 不是有效的网址：“${value}”。`,
} as const

const positiveInt = z.coerce.number().int().positive()

function readInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  const parsed = positiveInt.safeParse(raw)
  if (!parsed.success) throw new UserError('config_invalid', configMessages.badNumber(name, raw), 400)
  return parsed.data
}

function readUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return undefined
  if (!z.url({ protocol: /^https?$/ }).safeParse(raw).success) throw new UserError('config_invalid', configMessages.badUrl(name, raw), 400)
  return raw.replace(/\/+$/, '')
}

/** Reads the retrieval configuration; throws UserError('config_invalid') on malformed values. */
export function readRetrievalConfig(env: Env): RetrievalConfig {
  const model = env.EMBEDDINGS_MODEL?.trim()
  if (!model) return {}
  const baseURL = readUrl(env, 'EMBEDDINGS_BASE_URL') ?? readUrl(env, 'OPENAI_BASE_URL')
  const apiKey = env.EMBEDDINGS_API_KEY?.trim() || env.OPENAI_API_KEY?.trim() || undefined
  if (baseURL === undefined && apiKey === undefined) return {}
  const dimensionsRaw = env.EMBEDDINGS_DIMENSIONS?.trim()
  const embeddings: EmbeddingsConfig = {
    apiKey: apiKey ?? NO_API_KEY,
    model,
    batchSize: readInt(env, 'EMBEDDINGS_BATCH_SIZE', 10),
    indexTimeoutMs: readInt(env, 'EMBEDDINGS_TIMEOUT_MS', 30_000),
    queryTimeoutMs: readInt(env, 'EMBEDDINGS_QUERY_TIMEOUT_MS', 5_000),
  }
  if (baseURL !== undefined) embeddings.baseURL = baseURL
  if (dimensionsRaw) embeddings.dimensions = readInt(env, 'EMBEDDINGS_DIMENSIONS', 0)
  return { embeddings }
}
