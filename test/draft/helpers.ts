import { readFileSync } from 'node:fs'
import { checkReport } from '../../src/check/check-report.js'
import type { Finding } from '../../src/check/finding.js'
import { composeReport, type ComposeResult } from '../../src/draft/compose.js'
import { planDraft, type ClausesFor, type DraftPlan } from '../../src/draft/plan.js'
import { loadBuiltinCorpus } from '../../src/ingest/builtin-corpus.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseReport } from '../../src/model/parse-report.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { validateParkData } from '../../src/park/validate-park.js'
import { ClauseRetriever } from '../../src/retrieve/retriever.js'

export const FIXTURE_PARKS = ['nanling-green', 'jialan-digital', 'lingjiang-green'] as const

export function validPark(raw: unknown): ParkData {
  const result = validateParkData(raw)
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2))
  return result.park
}

export function loadPark(name: string): ParkData {
  return validPark(JSON.parse(readFileSync(new URL(`../../fixtures/parks/${name}.json`, import.meta.url), 'utf8')))
}

let retriever: ClauseRetriever | undefined

/** BM25 over the built-in corpus, as the server answers without an embeddings endpoint. */
export const builtinClauses: ClausesFor = (query) => {
  retriever ??= new ClauseRetriever(loadBuiltinCorpus().clauses)
  return retriever.retrieve(query, { top: 6 })
}

export async function planFor(park: ParkData, kindId: string = park.kind): Promise<DraftPlan> {
  return planDraft(park, getKind(kindId), builtinClauses)
}

export async function composeFor(park: ParkData, kindId: string = park.kind): Promise<ComposeResult & { plan: DraftPlan }> {
  const plan = await planFor(park, kindId)
  return { ...composeReport(plan, park), plan }
}

export function check(text: string, park: ParkData, kindId: string = park.kind): Finding[] {
  return checkReport({ doc: parseReport(text), kind: getKind(kindId), park }).findings
}

/** Findings as one readable line each, for assertions and for failure messages. */
export const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.section}: ${f.excerpt}`)
