import { resolve } from 'node:path'
import { z } from 'zod'
import { UserError } from './errors.js'

/**
 * Runtime configuration, from environment variables only, read once at the edge (server or CLI) and passed
 * down. Everything has a default that works offline: no key, no endpoint, data under ./data.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() ? value.trim() : undefined))

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText,
  LLM_MODEL: optionalText,
  EMBEDDINGS_BASE_URL: optionalText,
  EMBEDDINGS_MODEL: optionalText,
  AUTH_TOKEN: optionalText,
  MAX_UPLOAD_MB: z.coerce.number().positive().max(200).default(20),
  MAX_PDF_PAGES: z.coerce.number().int().positive().max(5000).default(300),
  // Per client: 600 checks a minute (a first draft or an export costs 5, an upload 10); 0 switches the limit off.
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  // Reverse proxies in front of the server (nginx: 1). Only then is X-Forwarded-For read, and only the entries the
  // proxies wrote: without a proxy any client could name itself anyone and escape its rate limit.
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
})

export interface AppConfig {
  port: number
  host: string
  dataDir: string
  llm?: { apiKey: string; baseURL?: string; model: string }
  auth?: { token: string }
  limits: { maxUploadBytes: number; maxPdfPages: number; rateLimit?: { perMinute: number; burst: number; trustedProxies: number } }
  env: Readonly<Record<string, string | undefined>>
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}=“${String(env[String(issue.path[0])] ?? '')}”`)
    throw new UserError('invalid_config', `环境变量的取值无效：${problems.join('、')}。请对照 README 的“配置”一节修改。`, 400)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    ...(e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? {
          llm: {
            // Local servers (Ollama, vLLM) accept any key; the SDK insists on one.
            apiKey: e.OPENAI_API_KEY ?? 'not-needed',
            ...(e.OPENAI_BASE_URL ? { baseURL: e.OPENAI_BASE_URL } : {}),
            model: e.LLM_MODEL ?? 'gpt-4o-mini',
          },
        }
      : {}),
    ...(e.AUTH_TOKEN ? { auth: { token: e.AUTH_TOKEN } } : {}),
    limits: {
      maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
      maxPdfPages: e.MAX_PDF_PAGES,
      // A burst of a fifth of a minute's allowance: a person clicking quickly is never refused.
      ...(e.RATE_LIMIT_PER_MINUTE ? { rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, burst: Math.max(20, Math.round(e.RATE_LIMIT_PER_MINUTE / 5)), trustedProxies: e.TRUST_PROXY } } : {}),
    },
    env,
  }
}
