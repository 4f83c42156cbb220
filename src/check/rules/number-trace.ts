import { z } from 'zod'
import { derivationsBetween, shareOf } from '../../park/derivations.js'
import type { ParkData } from '../../park/park-schema.js'
import { extractNumbers } from '../../park/text-numbers.js'
import { inUnit, toBase, type Quantity } from '../../park/units.js'
import { checkMemo } from '../check-memo.js'
import { draftFigures, isClaimKind, quoteFigure, type DraftFigure } from '../draft-figures.js'
import { bindFigure, changeVerdicts, compareWithData, dataSeries, parkDerivedFigures, parkKnownFigures, sameValue, type DataSeries, type Tolerance } from '../figure-binding.js'
import { contentPairs, describesSameThing, figureDescription } from '../figure-meaning.js'
import { defineRule } from '../rule.js'
import { blockRange, type TextBlock } from '../text-blocks.js'

/**
 * 000/001 实践成效: 实事求是、依据充分. Every figure the draft states must come from somewhere the reviewer can check:
 * the park data (indicators, facts, the figures derived from them in derived.ts, numbers written in the intro and the
 * practice texts), the uploaded materials, or arithmetic on the figures beside it in the same sentence (由71.3%提升至
 * 93.6%，提高22.3个百分点) — and, for a share (占园区营业收入的34.0%), a figure of its sentence over a datum of the
 * park of that figure's year or over a figure of its paragraph. Years, dates, ordinals, codes (5G), names (《》,
 * quotations, GB/T 4754-2017), small counts of the text's own parts (3个方面) and periods (近3年) are not claims; a
 * number without a unit is traced only as the before or after of 由A至B, since alone it is as often a name (工业4.0)
 * as an amount.
 *
 * Values are compared in one base unit (1.2万个 = 12000个, 32.6平方公里 = 3260公顷); % and 百分点 never match each other.
 * A figure tied to a datum that it contradicts is number-consistency's finding, not this rule's; so is a change that
 * contradicts the before and after beside it (由71.3%提升至93.6%，提高23.5个百分点).
 */

const OptionsSchema = z
  .object({
    /** true: an untraced figure is an error (before submission) rather than a warning (while drafting). */
    strict: z.boolean().default(false),
    /** 968亿元 for 968.2: a figure written with fewer decimals is traced by its rounded source. */
    rounding: z.boolean().default(true),
    /** 约/近/左右: the relative difference still accepted. */
    approxTolerance: z.number().min(0).max(0.5).default(0.05),
  })
  .strict()

const messages = {
  untraced: (written: string) => `该数字在园区数据和上传材料中找不到来源：“${written}”。`,
  percentOrPoint: (written: string, other: string) =>
    `该数字在园区数据和上传材料中找不到来源：“${written}”。园区数据中有${other}，注意百分比（%）与百分点不能混用。`,
  suggestion: '核对数据来源，或在“园区资料”的“量化数据”中补充该数字及出处。',
}

interface Source extends Quantity {
  /** Signed sources (a fall) are compared by size: the text says 下降 or 缩短 in words. */
  magnitude: number
  /**
   * What the number is (a datum's label and the terms a report uses for it, the words before a number in a text):
   * a figure equal to it is traced to it only when its own words describe the same thing (figure-meaning.ts).
   * Absent for numbers computed from the draft's own figures, which need no words.
   */
  label?: string
}

export const numberTraceRule = defineRule({
  meta: {
    id: 'number-trace',
    description: '正文数字在园区数据和上传材料中找不到来源',
    defaultSeverity: 'warning',
    kinds: 'all',
    needsPark: true,
    options: OptionsSchema,
  },
  check({ doc, park, materials, options }) {
    if (!park) return []
    // Without materials the sources are a function of the park alone (the HTTP API checks many drafts against one).
    const sources = materials.length ? byUnit(knownSources(park, materials)) : checkMemo(park, 'traceSources', (data) => byUnit(knownSources(data, [])))
    const catalog = dataSeries(park)
    const figures = draftFigures(doc)
    const neighbours = neighbourDerivations(figures)
    const shares = shareDerivations(figures, catalog)
    const changes = changeVerdicts(figures, catalog, options)
    return figures.flatMap((figure) => {
      if (!isTraced(figure)) return []
      // A change that its before and after do not give is number-consistency's finding (with the value to use).
      if (changes.get(figure)?.agrees === false) return []
      if (matchesAny(figure, sources, { ...options, rounding: options.rounding && identifiable(figure) }, figureDescription(figure))) return []
      if (judgedByConsistency(figure, catalog, options)) return []
      if (matchesSome(figure, neighbours(figure), options)) return []
      if (matchesAny(figure, byUnit(shares(figure)), options)) return []
      const written = quoteFigure(figure)
      const other = otherPercentKind(figure, sources, options)
      return [{
        message: other ? messages.percentOrPoint(written, other) : messages.untraced(written),
        ...blockRange(doc, figure.block, figure.start, figure.end),
        severity: options.strict ? 'error' : 'warning',
        suggestion: messages.suggestion,
      }]
    })
  },
})

/**
 * Rounding is accepted against the whole park only for a figure precise enough to point at one source: 968亿元 for
 * 968.2, 9.8% for 9.84, but not 18% for any of 17.5–18.4. Against the figures of its own sentence, and through the
 * datum its words name, rounding is always accepted.
 */
function identifiable(figure: DraftFigure): boolean {
  const digits = figure.raw.slice(0, figure.raw.length - figure.unit.length).replace(/[,.]/g, '').replace(/^0+/, '')
  return figure.decimals > 0 || digits.length >= 3
}

function isTraced(figure: DraftFigure): boolean {
  if (figure.kind === 'quantity') return true
  return figure.kind === 'unitless' && (figure.role === 'from' || figure.role === 'to')
}

/** Every number the park data and the materials know, in base units; derived figures both rounded and unrounded. */
function knownSources(park: ParkData, materials: readonly string[]): Source[] {
  const derived = parkDerivedFigures(park)
  const terms = new Map(dataSeries(park).map((series) => [series.label, series.terms.join('\u0000')]))
  const out: Source[] = []
  const add = (value: number, unit: string, label: string) => {
    const q = toBase(value, unit)
    out.push({ ...q, magnitude: Math.abs(q.value), label })
  }
  for (const known of parkKnownFigures(park)) {
    if (!known.isYear) add(known.value, known.unit, terms.get(known.label.trim()) ?? `${known.label}\u0000${known.contextAfter ?? ''}`)
  }
  for (const d of derived) add(d.raw, d.unit, d.label)
  for (const text of materials) for (const n of extractNumbers(text)) if (!n.isYear) add(n.value, n.unit, `${n.context}\u0000${n.contextAfter}`)
  return out
}

/**
 * Comparisons of the other figures of a figure's sentence (differences, 百分点, rates, shares, multiples), for each
 * figure of the draft. Made for the whole draft at once: the figures of each sentence are grouped, and each pair's
 * comparisons are computed once however many figures of the sentence ask for them.
 */
function neighbourDerivations(figures: readonly DraftFigure[]): (figure: DraftFigure) => Iterable<Source> {
  // Claim figures by block and sentence, in draft order.
  const bySentence = new Map<TextBlock, Map<number, DraftFigure[]>>()
  for (const f of figures) {
    if (!isClaimKind(f.kind)) continue
    let sentences = bySentence.get(f.block)
    if (!sentences) {
      sentences = new Map()
      bySentence.set(f.block, sentences)
    }
    const list = sentences.get(f.sentence.start)
    if (list) list.push(f)
    else sentences.set(f.sentence.start, [f])
  }
  const pairs = new Map<DraftFigure, Map<DraftFigure, Source[]>>()
  const between = (a: DraftFigure, b: DraftFigure) => {
    let row = pairs.get(a)
    if (!row) {
      row = new Map()
      pairs.set(a, row)
    }
    let out = row.get(b)
    if (!out) {
      out = derivationsBetween(toBase(a.value, a.unit), toBase(b.value, b.unit)).map((d) => {
        const q = toBase(d.value, d.unit)
        return { ...q, magnitude: Math.abs(q.value) }
      })
      row.set(b, out)
    }
    return out
  }
  // Lazily, pair by pair: the first derivation that matches ends the search.
  return function* (figure) {
    const sentence = bySentence.get(figure.block)?.get(figure.sentence.start) ?? []
    const beside = nearest(sentence, figure, sentence.length > LIST_FIGURES ? NEIGHBOURS_IN_LIST : NEIGHBOURS_EACH_SIDE)
    for (const a of beside) {
      for (const b of beside) {
        if (a !== b) yield* between(a, b)
      }
    }
  }
}

/**
 * How far a figure looks for the figures it may be derived from: the nearest ones on each side, in text order. A
 * real sentence holds a handful of figures; the bound keeps a pasted table or a run-on list of hundreds of figures
 * (every pair of which would be compared for every figure: cubic) to linear time.
 */
const NEIGHBOURS_EACH_SIDE = 6
// A “sentence” of more figures than this is a pasted table or list without full stops (every pair of 12 neighbours is
// still 132 comparisons per figure): a figure there is derived from its two nearest figures on each side only.
const LIST_FIGURES = 40
const NEIGHBOURS_IN_LIST = 2

/** The figures of `list` (in text order) nearest to `figure`, at most `each` on each side, without the figure itself. */
function nearest(list: readonly DraftFigure[], figure: DraftFigure, each: number): DraftFigure[] {
  const at = positionIn(list, figure)
  if (at < 0) return list.slice(0, 2 * each)
  return [...list.slice(Math.max(0, at - each), at), ...list.slice(at + 1, at + 1 + each)]
}

const positions = new WeakMap<readonly DraftFigure[], Map<DraftFigure, number>>()

/** list.indexOf(figure) through an index built once per list: a sentence of thousands of figures stays linear. */
function positionIn(list: readonly DraftFigure[], figure: DraftFigure): number {
  let index = positions.get(list)
  if (!index) {
    index = new Map(list.map((f, i) => [f, i]))
    positions.set(list, index)
  }
  return index.get(figure) ?? -1
}

// Words that make a percentage a share of a whole: 占园区营业收入的34.0%, 占比, 比重, 份额.
const SHARE_WORDS = /(?:占|比重|份额|比例)/

/**
 * Shares a percentage may state, when its words say it is one (占园区营业收入的34.0%): a figure of its sentence (the
 * part: 2025年实现营业收入538.9亿元) over a whole of the same base unit — a datum of the park (an indicator or fact)
 * of the part's year when the part has one (营业收入2025年 1587.3亿元), or a figure of the same paragraph (其中……) of
 * the same year. The whole need not be written in the sentence; only parts up to the whole (≤ 100%) count.
 */
function shareDerivations(figures: readonly DraftFigure[], catalog: readonly DataSeries[]): (figure: DraftFigure) => Source[] {
  const byBlock = new Map<TextBlock, DraftFigure[]>()
  for (const f of figures) {
    if (f.kind !== 'quantity') continue
    const list = byBlock.get(f.block)
    if (list) list.push(f)
    else byBlock.set(f.block, [f])
  }
  const data = catalog.flatMap((series) => series.points.map((p) => ({ ...toBase(p.value, series.unit), period: p.period })))
  const sameYear = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a.startsWith(b) || b.startsWith(a)
  return (figure) => {
    if (toBase(1, figure.unit).unit !== '%' || !SHARE_WORDS.test(figure.labelBefore.text)) return []
    const paragraph = byBlock.get(figure.block) ?? []
    const out: Source[] = []
    const nearby = nearest(paragraph, figure, NEIGHBOURS_EACH_SIDE)
    for (const part of nearby) {
      if (part.sentence !== figure.sentence) continue
      const amount = toBase(part.value, part.unit)
      const year = part.period?.year
      const wholes = [
        ...data.filter((d) => d.unit === amount.unit && sameYear(d.period, year)),
        ...nearby.filter((w) => w !== part && sameYear(w.period?.year, year)).map((w) => toBase(w.value, w.unit)),
      ]
      for (const whole of wholes) {
        const share = shareOf(amount, whole)
        if (share && share.value <= 100) out.push({ value: share.value, unit: share.unit, magnitude: share.value })
      }
    }
    return out
  }
}

/**
 * Sources by base unit, in their order: a figure is only ever compared with the sources of its own unit. Each group
 * also keeps its magnitudes converted to the units figures are written in (万吨, 亿元 …), converted once per unit, and
 * the content pairs of its labels (by source index), each made once: without materials the groups last as long as the
 * park (checkMemo), so a label is read once for all the checks against that park.
 */
interface SourceGroup {
  sources: Source[]
  inWritten: Map<string, readonly number[]>
  labelPairs: (ReadonlySet<string> | undefined)[]
}
type SourcesByUnit = ReadonlyMap<string, SourceGroup>

function byUnit(sources: readonly Source[]): SourcesByUnit {
  const out = new Map<string, SourceGroup>()
  for (const source of sources) {
    const group = out.get(source.unit)
    if (group) group.sources.push(source)
    else out.set(source.unit, { sources: [source], inWritten: new Map(), labelPairs: [] })
  }
  return out
}

/**
 * Whether a source of the figure's unit has its value. With `description` (the figure's words), a labelled source
 * counts only when it describes the same thing (figure-meaning.ts).
 */
function matchesAny(figure: DraftFigure, sources: SourcesByUnit, tolerance: Tolerance, description?: string): boolean {
  const group = sources.get(toBase(1, figure.unit).unit)
  if (!group) return false
  let values = group.inWritten.get(figure.unit)
  if (!values) {
    values = group.sources.map((s) => inUnit(s.magnitude, figure.unit))
    group.inWritten.set(figure.unit, values)
  }
  let words: Set<string> | undefined
  return values.some((value, i) => {
    if (!sameValue(figure, value, tolerance)) return false
    if (description === undefined) return true
    words ??= contentPairs(description)
    return describesSameThing(words, labelPairsOf(group, i))
  })
}

/** The content pairs of the label of a group's `i`th source, computed the first time a figure of its value asks. */
function labelPairsOf(group: SourceGroup, i: number): ReadonlySet<string> | undefined {
  const label = group.sources[i]!.label
  if (label === undefined) return undefined
  let pairs = group.labelPairs[i]
  if (!pairs) {
    pairs = contentPairs(label)
    group.labelPairs[i] = pairs
  }
  return pairs
}

/** matchesAny for sources read once, in order, without grouping them first. */
function matchesSome(figure: DraftFigure, sources: Iterable<Source>, tolerance: Tolerance): boolean {
  const unit = toBase(1, figure.unit).unit
  for (const source of sources) {
    if (source.unit === unit && sameValue(figure, inUnit(source.magnitude, figure.unit), tolerance)) return true
  }
  return false
}

/**
 * A figure tied by its words to a datum of the park (营业收入, 单位能耗碳排放 in its year) has that datum as its source:
 * when it agrees (营业收入超过900亿元 for 968.2亿元 — a bound is traced only this way, never through an unrelated
 * larger number) it is traced, and when it does not, number-consistency reports it with the value to use. Either
 * way it is not reported here as well.
 */
function judgedByConsistency(figure: DraftFigure, catalog: readonly DataSeries[], tolerance: Tolerance): boolean {
  if (figure.role === 'delta' || figure.role === 'increment') return false
  const binding = bindFigure(figure, catalog)
  return binding !== undefined && compareWithData(figure, binding, tolerance).length > 0
}

/** 提高22.3% where the data has 22.3个百分点 (or the reverse): named in the message, since that is the likely slip. */
function otherPercentKind(figure: DraftFigure, sources: SourcesByUnit, tolerance: Tolerance): string | undefined {
  const unit = toBase(1, figure.unit).unit
  const other = unit === '%' ? '百分点' : unit === '百分点' ? '%' : undefined
  if (!other) return undefined
  const found = sources.get(other)?.sources.find((s) => sameValue(figure, s.magnitude, tolerance))
  if (!found) return undefined
  return other === '%' ? `${figure.value}%` : `${figure.value}个百分点`
}
