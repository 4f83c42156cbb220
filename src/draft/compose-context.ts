import type { KindSpec } from '../kinds/kind-spec.js'
import { toChineseNumeral } from '../model/chinese-numerals.js'
import type { DerivedFigure } from '../park/derived.js'
import { jsonPath } from '../park/json-path.js'
import type { Fact, ParkData } from '../park/park-schema.js'
import type { TextChange } from '../park/text-numbers.js'
import type { FigureRef } from './evidence.js'
import type { DraftPlan } from './plan.js'
import { withoutFinalStop } from './prose.js'

/**
 * What the offline composer's part writers share (compose.ts and compose-*.ts): the sentence model with priorities
 * for trimming, the writing context, and the registry of figures written on purpose (for the evidence map).
 */

/** 0: the report's substance, never dropped; 1: the development base; 2: supporting detail, dropped first. */
export type Priority = 0 | 1 | 2

export interface Sentence {
  text: string
  priority: Priority
}

/**
 * A line of the report: a sub-heading (（一）…), a paragraph made of sentences, or a numbered item of a measure with
 * parts (“1.安全生产体系建设。园区建立……”): `item` is its 领句, numbered when rendered, so that an item the trim drops
 * leaves no gap in the numbering.
 */
export type Line = { heading: string } | { sentences: Sentence[]; item?: string }

/** Writing context shared by the section writers. */
export interface Context {
  plan: DraftPlan
  park: ParkData
  kind: KindSpec
  derived: DerivedFigure[]
  refs: FigureRef[]
  full: (text: string) => string
  focus: string
  /** Result texts with their changes completed (由A提升至B) and compared (提高X个百分点). */
  results: Map<string, { text: string; changes: TextChange[] }>
}

export const s = (text: string, priority: Priority = 0): Sentence => ({ text, priority })
export const paragraph = (...sentences: (Sentence | undefined | false)[]): Line => ({
  sentences: sentences.filter((x): x is Sentence => Boolean(x && x.text)),
})
export const num = (n: number) => String(Number(Math.abs(n).toPrecision(12)))
/** A count before a measure word: 两大, 两方面 (not 二大); 三大, 十二方面. */
export const countWord = (n: number) => (n === 2 ? '两' : toChineseNumeral(n))
export const ensureStop = (text: string) => (/[。！？]$/.test(text.trim()) ? text.trim() : `${withoutFinalStop(text)}。`)

export function register(ctx: Context, ref: FigureRef): void {
  ctx.refs.push(ref)
}

export function registerDerived(ctx: Context, figure: DerivedFigure): void {
  register(ctx, { value: figure.value, unit: figure.unit, source: 'derived', provenance: figure.id, label: figure.label, formula: figure.formula })
}

/** A derived figure by its exact computation, so that what the text states is what derived.ts computes. */
export function derivedByFormula(ctx: Context, measure: DerivedFigure['measure'], formula: string): DerivedFigure | undefined {
  return ctx.derived.find((f) => f.measure === measure && f.formula === formula)
}

interface YearValue {
  year: string
  value: number
  path: string
}

export function yearly(park: ParkData, group: 'scale', field: string): YearValue[] {
  const values = (park.indicators?.[group] as Record<string, Record<string, number> | undefined> | undefined)?.[field]
  if (!values) return []
  return Object.entries(values)
    .map(([year, value]) => ({ year, value, path: jsonPath(['indicators', group, field, year]) }))
    .sort((a, b) => a.year.localeCompare(b.year))
}

/** Facts with one label and several periods, sorted by period. */
export function factSeries(park: ParkData): Map<string, { fact: Fact; path: string }[]> {
  const out = new Map<string, { fact: Fact; path: string }[]>()
  park.facts.forEach((fact, i) => {
    if (!fact.period) return
    const list = out.get(fact.label) ?? []
    list.push({ fact, path: jsonPath(['facts', i, 'value']) })
    out.set(fact.label, list)
  })
  for (const list of out.values()) list.sort((a, b) => a.fact.period!.localeCompare(b.fact.period!))
  return out
}
