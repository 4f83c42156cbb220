/**
 * What careless models leave in a delivered draft: the drafter of a source tree (this one by default, or another
 * checkout given as the first argument, e.g. an older commit) driven through the real OpenAI client against the
 * adversarial scripted profiles of test/llm/careless-model.ts on 127.0.0.1, for the example park. Every delivered
 * text is written to the output folder (second argument) and its defects are counted with THIS tree's checker (the
 * same yardstick for both trees), figures strict as `check --park` runs them.
 *
 *   npx tsx scripts/measure-adversarial.ts [source-root] [out-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Finding } from '../src/check/finding.js'
import { draftChecker } from '../src/draft/repair.js'
import { startScriptedLlmServer, type ScriptHandler } from '../test/helpers/scripted-llm-server.js'
import { carelessModel, echoingModel, flakyNetwork, verboseModel } from '../test/llm/careless-model.js'
import { kind, nanlingClauses, park } from '../test/llm/nanling-model.js'

const root = resolve(process.argv[2] ?? '.')
const out = resolve(process.argv[3] ?? '/tmp/adversarial-drafts')
mkdirSync(out, { recursive: true })
const load = async <T>(path: string) => (await import(pathToFileURL(join(root, path)).href)) as T

type DraftModule = typeof import('../src/draft/llm-draft.js')
type PlanModule = typeof import('../src/draft/plan.js')
type ClientModule = typeof import('../src/llm/client.js')
const { draftWithLlm } = await load<DraftModule>('src/draft/llm-draft.ts')
const { planDraft } = await load<PlanModule>('src/draft/plan.ts')
const { createChatClient } = await load<ClientModule>('src/llm/client.ts')

const plan = await planDraft(park, kind, nanlingClauses)
const budgets = Object.fromEntries([['【摘要】', plan.abstract.budget], ...plan.sections.map((s) => [s.path, s.budget])])

const stuck: ScriptHandler = () => ({ content: '{}', delayMs: 600_000 })
const profiles: [string, ScriptHandler, { stream?: boolean }][] = [
  ['compliant repair', carelessModel('compliant'), {}],
  ['half-compliant repair', carelessModel('half'), {}],
  ['stubborn (no repair)', carelessModel('stubborn'), {}],
  ['40% over budget', verboseModel(budgets, 1.4), {}],
  ['prompt echo once', echoingModel(1), {}],
  ['prompt echo always', echoingModel(Number.POSITIVE_INFINITY), {}],
  ['resets/truncations + half-compliant', flakyNetwork(carelessModel('half')), {}],
  ['cut streams + half-compliant', flakyNetwork(carelessModel('half')), { stream: true }],
  ['never answers', stuck, { stream: true }],
]

const check = draftChecker(kind, park)
const count = (findings: readonly Finding[], pick: (f: Finding) => boolean) => findings.filter(pick).length

for (const [name, model, options] of profiles) {
  const server = await startScriptedLlmServer({ fallback: model })
  const chat = createChatClient(server.llmConfig(), { baseDelayMs: 1, sleep: async () => {}, firstByteTimeoutMs: 3_000, timeoutMs: 20_000 } as never)
  const started = Date.now()
  let row: Record<string, unknown>
  try {
    const result = await draftWithLlm(plan as never, park, kind, { chat } as never, options as never)
    const text = result.text
    const file = join(out, `${name.replace(/[^\w%]+/g, '-')}.txt`)
    writeFileSync(file, text)
    const findings = check(text)
    row = {
      profile: name,
      delivered: true,
      errors: count(findings, (f) => f.severity === 'error'),
      untracedFigures: count(findings, (f) => f.rule === 'number-trace'),
      shortNames: count(findings, (f) => f.rule === 'proper-noun'),
      offTopic: count(findings, (f) => f.rule === 'focus' && f.severity !== 'info'),
      vague: count(findings, (f) => f.rule === 'vague-language'),
      punctuation: count(findings, (f) => f.rule === 'punctuation'),
      length: count(findings, (f) => f.rule === 'length'),
      echo: (text.match(/段落正文|小标题|摘要正文/g) ?? []).length,
      marked: (text.match(/【待(补充|核实)/g) ?? []).length,
      removed: (result as { removed?: unknown[] }).removed?.length ?? 'n/a',
      calls: result.usage.calls,
      promptTokens: result.usage.promptTokens,
      file,
    }
  } catch (error) {
    row = { profile: name, delivered: false, failure: error instanceof Error ? error.message : String(error) }
  }
  row.seconds = Math.round((Date.now() - started) / 100) / 10
  row.requests = server.chatRequests().length
  console.log(JSON.stringify(row))
  await server.close()
}
