import { z } from 'zod'
import { sectionAt } from '../check/locate.js'
import { readHeadingMarker } from '../model/heading-markers.js'
import { parseReport } from '../model/parse-report.js'
import { figureIndex, type KnownFigure } from '../park/derived.js'
import type { ParkData } from '../park/park-schema.js'
import { extractNumbers } from '../park/text-numbers.js'
import { toBase } from '../park/units.js'
import { PlanClauseSchema } from './plan.js'

/**
 * Evidence of a drafted report (ARCHITECTURE: “for a drafted report, which figure came from which datum, and which
 * measure aligns with which clause”): every number written in the text with the indicator path, fact or derived
 * figure it states, and every measure with the policy clauses it was aligned with. A reviewer (or the web page)
 * shows it beside the text; nothing in the report itself needs to cite it.
 */

export const FIGURE_SOURCES = ['indicator', 'fact', 'derived', 'text'] as const

export const EvidenceFigureSchema = z.object({
  /** The number and its unit as written, e.g. 968.2亿元. */
  raw: z.string(),
  value: z.number(),
  unit: z.string(),
  /** Section path (二、创新举措/（一）), 【摘要】 or 标题. */
  section: z.string(),
  /** 1-based line of the text. */
  line: z.number().int().positive(),
  /** indicator / fact: a park-data value; derived: a figure of src/park/derived.ts; text: a number written in the park's own texts. */
  source: z.enum(FIGURE_SOURCES),
  /** JSON path of the value or text, or the derived figure's id. */
  provenance: z.string(),
  label: z.string(),
  /** Derived figures: the computation with the actual numbers. */
  formula: z.string().optional(),
})
export type EvidenceFigure = z.infer<typeof EvidenceFigureSchema>

export const EvidenceMeasureSchema = z.object({
  id: z.string(),
  /** Where the measure is written, e.g. 二、创新举措/（一）. */
  section: z.string(),
  heading: z.string(),
  /** Problem ids it answers and result ids it produced. */
  addresses: z.array(z.string()),
  results: z.array(z.string()),
  /** Policy clauses it aligns with, best first. */
  clauses: z.array(PlanClauseSchema),
})
export type EvidenceMeasure = z.infer<typeof EvidenceMeasureSchema>

export const EvidenceMapSchema = z.object({
  figures: z.array(EvidenceFigureSchema),
  measures: z.array(EvidenceMeasureSchema),
  /** Numbers of the text no source was found for (the composer writes none; an edited text may have some). */
  untraced: z.array(z.object({ raw: z.string(), section: z.string(), line: z.number().int().positive() })),
})
export type EvidenceMap = z.infer<typeof EvidenceMapSchema>

/** A figure the composer wrote on purpose, with its source: looked up before the figure index. */
export interface FigureRef {
  value: number
  unit: string
  source: EvidenceFigure['source']
  provenance: string
  label: string
  formula?: string
}

// Where several sources know a number, the most specific one is named: a reported datum before a computation,
// a computation before a number merely written in some text.
const SOURCE_ORDER: Readonly<Record<EvidenceFigure['source'], number>> = { fact: 0, indicator: 1, derived: 2, text: 3 }

const sameQuantity = (a: { value: number; unit: string }, b: { value: number; unit: string }) => {
  const x = toBase(Math.abs(a.value), a.unit)
  const y = toBase(Math.abs(b.value), b.unit)
  return x.unit === y.unit && Math.abs(x.value - y.value) < 1e-9 * Math.max(1, Math.abs(x.value))
}

/**
 * Finds the source of every number in `text`: first among the figures the writer registered (`refs`), then in the
 * park's figure index (facts, indicators, derived figures, numbers written in the park's texts). Years are dates, not
 * figures, and are skipped.
 */
export function traceFigures(text: string, park: ParkData, refs: readonly FigureRef[]): Pick<EvidenceMap, 'figures' | 'untraced'> {
  const doc = parseReport(text)
  const known: KnownFigure[] = figureIndex(park)
    .filter((k) => !k.isYear)
    .sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source])
  const figures: EvidenceFigure[] = []
  const untraced: EvidenceMap['untraced'] = []
  doc.lines.forEach((line, index) => {
    // A heading's marker (1. of a numbered item) is no figure.
    const marker = readHeadingMarker(line.raw)?.text.length ?? 0
    for (const n of extractNumbers(line.raw)) {
      if (n.isYear || n.index < marker) continue
      const section = sectionAt(doc, line.start + n.index)
      const at = { raw: n.raw, value: n.value, unit: n.unit, section, line: index + 1 }
      const ref = refs.find((r) => sameQuantity(r, n))
      if (ref) {
        figures.push({ ...at, source: ref.source, provenance: ref.provenance, label: ref.label, ...(ref.formula ? { formula: ref.formula } : {}) })
        continue
      }
      const found = known.find((k) => sameQuantity(k, n))
      if (found) {
        figures.push({ ...at, source: found.source, provenance: found.provenance, label: found.label, ...(found.formula ? { formula: found.formula } : {}) })
      } else {
        untraced.push({ raw: n.raw, section, line: index + 1 })
      }
    }
  })
  return { figures, untraced }
}
