import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../config.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import { draftReport, type DraftOutcome } from '../draft/draft-report.js'
import { UserError } from '../errors.js'
import { llmMessages } from '../llm/llm-errors.js'
import { readParkFile } from '../park/read-park.js'
import { documentStoreFor } from '../store/workspace.js'
import { EXIT_UPSTREAM, parseCliArgs, type CliCommand } from './command.js'

const USAGE = 'npm run -s cli -- eval-llm [--park P]... [--json]'
const FIXTURE_PARKS = fileURLToPath(new URL('../../fixtures/parks/', import.meta.url))

/** One park drafted with the configured model: what it cost and how much the product had to correct. */
export interface ModelRun {
  park: string
  calls: number
  promptTokens: number
  completionTokens: number
  seconds: number
  /** Checker errors left in the delivered draft. */
  errors: number
  /** Figures without a source the delivery guarantees took out. */
  figuresRemoved: number
  /** Off-topic, vague or short-name sentences taken out. */
  otherRemoved: number
  /** Parts the model could not write (marked in the draft). */
  sectionsFailed: number
  /** Why the whole draft failed, when it did. */
  failure?: string
}

/**
 * `eval-llm`: drafts the fixture parks (or the parks given) with the configured endpoint and prints, per park, the
 * calls, tokens, seconds, errors left, figures removed and sections failed — so a park administrator can compare
 * DeepSeek, Qwen or a local model on the same material before trusting one. Exit code 3 when any draft failed
 * outright.
 */
export const evalLlmCommand: CliCommand = {
  async run(args) {
    const { values } = parseCliArgs(args, { park: { type: 'string', multiple: true }, json: { type: 'boolean' } }, USAGE)
    const config = loadConfig()
    if (!config.llm) throw new UserError('llm_not_configured', llmMessages.notConfigured)
    const files = values.park?.length ? values.park : (await readdir(FIXTURE_PARKS)).filter((f) => f.endsWith('.json')).sort().map((f) => join(FIXTURE_PARKS, f))
    const documents = await documentStoreFor(config)
    const corpus = await PolicyCorpus.open(config, documents.store).finally(() => documents.close())

    const runs: ModelRun[] = []
    for (const file of files) {
      const park = await readParkFile(file)
      const started = Date.now()
      process.stderr.write(`正在试写：${park.park.name}……\n`)
      try {
        const outcome = await draftReport({ park, mode: 'llm' }, { config, corpus })
        runs.push(runOf(park.park.name, outcome, (Date.now() - started) / 1000))
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        runs.push({ ...EMPTY_RUN, park: park.park.name, seconds: (Date.now() - started) / 1000, failure: error.message })
      }
    }
    if (values.json) for (const run of runs) process.stdout.write(`${JSON.stringify(run)}\n`)
    else process.stdout.write(formatRuns(config.llm.model, runs))
    return runs.some((r) => r.failure) ? EXIT_UPSTREAM : 0
  },
}

const EMPTY_RUN = { calls: 0, promptTokens: 0, completionTokens: 0, errors: 0, figuresRemoved: 0, otherRemoved: 0, sectionsFailed: 0 }

export function runOf(park: string, outcome: DraftOutcome, seconds: number): ModelRun {
  const removed = outcome.removed ?? []
  return {
    park,
    calls: outcome.usage?.calls ?? outcome.calls ?? 0,
    promptTokens: outcome.usage?.promptTokens ?? 0,
    completionTokens: outcome.usage?.completionTokens ?? 0,
    seconds: Math.round(seconds * 10) / 10,
    errors: outcome.findings.filter((f) => f.severity === 'error').length,
    figuresRemoved: removed.filter((r) => r.rule === 'number-trace' || r.rule === 'number-consistency').length,
    otherRemoved: removed.filter((r) => r.rule !== 'number-trace' && r.rule !== 'number-consistency').length,
    sectionsFailed: outcome.failed?.length ?? 0,
  }
}

/** A table a person reads in a terminal. */
export function formatRuns(model: string, runs: readonly ModelRun[]): string {
  const header = ['园区', '调用次数', '提示用量', '生成用量', '耗时（秒）', '剩余错误', '删去无来源数字', '删去其他内容', '未写成部分']
  const rows = runs.map((r) =>
    r.failure
      ? [r.park, `失败：${r.failure}`]
      : [r.park, r.calls, r.promptTokens, r.completionTokens, r.seconds, r.errors, r.figuresRemoved, r.otherRemoved, r.sectionsFailed].map(String),
  )
  return [`模型：${model}`, header.join('\t'), ...rows.map((row) => row.join('\t')), ''].join('\n')
}
