/**
 * The drafter on every fixture park against the mutating careless model (test/llm/mutating-model.ts): a clean
 * offline draft of the park with real models' mistakes written in, half-fixed (or not at all) on repair. Counts, per
 * park, how many of the injected mistakes reach the delivered draft (looked up verbatim), and the checker's errors
 * on it with figures strict as `check --park` runs them.
 *
 *   npx tsx scripts/measure-mutating.ts [half|stubborn|compliant]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { PolicyCorpus } from '../src/corpus/policy-corpus.js'
import { draftReport } from '../src/draft/draft-report.js'
import { draftChecker } from '../src/draft/repair.js'
import { kindForPark } from '../src/park/indicator-values.js'
import type { ParkData } from '../src/park/park-schema.js'
import { startScriptedLlmServer } from '../test/helpers/scripted-llm-server.js'
import { mutatingModel } from '../test/llm/mutating-model.js'

const repair = (process.argv[2] ?? 'half') as 'half' | 'stubborn' | 'compliant'
const dataDir = mkdtempSync(join(tmpdir(), 'park-report-measure-'))
const corpus = await PolicyCorpus.open(loadConfig({ DATA_DIR: dataDir }))
const folder = new URL('../fixtures/parks/', import.meta.url)
try {
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const park = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as ParkData
    const offline = await draftReport({ park, mode: 'offline' }, { config: {}, corpus }).catch((error: unknown) => {
      console.log(JSON.stringify({ park: file, skipped: error instanceof Error ? error.message : String(error) }))
    })
    if (!offline) continue
    const { model, injected } = mutatingModel(offline.text, offline.plan, park, repair)
    const server = await startScriptedLlmServer({ fallback: model })
    try {
      const outcome = await draftReport({ park, mode: 'llm' }, { config: { llm: server.llmConfig() }, corpus, chatOptions: { baseDelayMs: 1 } })
      const findings = draftChecker(kindForPark(park), park)(outcome.text)
      // A short name counts where it stands alone, not inside the full name that contains it.
      const fullNames = (park.entities ?? []).map((e) => e.name)
      const standing = (text: string) => fullNames.filter((name) => name.includes(text)).reduce((rest, name) => rest.split(name).join(''), outcome.text).includes(text)
      const survived = injected.filter((i) => (i.kind === 'short-name' ? standing(i.text) : outcome.text.includes(i.text)))
      const byKind = (list: typeof injected) => list.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.kind]: (acc[i.kind] ?? 0) + 1 }), {})
      console.log(
        JSON.stringify({
          park: file,
          repair,
          offlineErrors: offline.findings.filter((f) => f.severity === 'error').length,
          injected: byKind(injected),
          survived: byKind(survived),
          survivedTexts: survived.map((s) => `${s.part}: ${s.text}`),
          checkerErrors: findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message.slice(0, 60)}`),
          warnings: findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule}: ${f.message.slice(0, 60)}`),
          removed: outcome.removed?.length ?? 0,
          failed: outcome.failed?.map((f) => f.path) ?? [],
          calls: outcome.usage?.calls,
          promptTokens: outcome.usage?.promptTokens,
          requests: server.chatRequests().length,
        }),
      )
    } catch (error) {
      console.log(JSON.stringify({ park: file, repair, failure: error instanceof Error ? error.message : String(error) }))
    } finally {
      await server.close()
    }
  }
} finally {
  await corpus.close?.()
  rmSync(dataDir, { recursive: true, force: true })
}
