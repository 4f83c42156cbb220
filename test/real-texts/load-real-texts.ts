import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ExpectedSchema, type Expected, type Mark } from './expected-schema.js'

/**
 * fixtures/real: the dev set at its top level, the held-out set in holdout/, planted drafts in planted/; a later batch
 * of collected texts in dev2/ and holdout2/, kept apart so its numbers can be read next to the first batch's; a third
 * held-out batch in holdout3/, collected while the rules were being tuned on dev/dev2 and never shown to whoever tunes them;
 * a third tuning batch in dev3/, collected and marked in full before the checker was run on it; a fourth held-out batch in
 * holdout4/, collected and marked while dev/dev2/dev3 were being tuned on, never shown to whoever tunes them.
 */
export const REAL_TEXTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/real')
export const SETS = ['dev', 'holdout', 'dev2', 'holdout2', 'holdout3', 'dev3', 'holdout4', 'planted'] as const
export type SetName = (typeof SETS)[number]
const SET_DIRS: Record<SetName, string> = {
  dev: '.',
  holdout: 'holdout',
  dev2: 'dev2',
  holdout2: 'holdout2',
  holdout3: 'holdout3',
  dev3: 'dev3',
  holdout4: 'holdout4',
  planted: 'planted',
}
/** Where a set's files live, relative to fixtures/real. */
export const setDir = (set: SetName): string => SET_DIRS[set]

/** The line that ends a fixture's source header; the text body starts after it. */
const HEADER_END = '\n---\n'

export interface Span {
  start: number
  end: number
}

export interface ResolvedMark extends Omit<Mark, 'quote'> {
  quote?: string
  /** Null for document-level marks. */
  span: Span | null
}

export interface RealText {
  set: SetName
  /** Path relative to fixtures/real, e.g. holdout/01-jiaxing-gangqu-smart-chemical.txt */
  name: string
  header: Record<string, string>
  body: string
  expected: Expected
  marks: ResolvedMark[]
  leaveAlone: (Span & { quote: string; note: string })[]
  /** Problems with the expected file: a quote that is not in the text, a bad occurrence. */
  problems: string[]
}

export function listRealTextFiles(set: SetName): string[] {
  const dir = join(REAL_TEXTS_DIR, SET_DIRS[set])
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => join(dir, file))
}

export function splitHeader(raw: string): { header: Record<string, string>; body: string } {
  const at = raw.indexOf(HEADER_END)
  if (at < 0) throw new Error('no `---` line after the source header')
  const header: Record<string, string> = {}
  for (const line of raw.slice(0, at).split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) header[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return { header, body: raw.slice(at + HEADER_END.length) }
}

/** The `occurrence`-th (1-based) place of `quote` in `text`, or null. */
export function findQuote(text: string, quote: string, occurrence = 1): Span | null {
  let from = 0
  for (let n = 1; ; n++) {
    const at = text.indexOf(quote, from)
    if (at < 0) return null
    if (n === occurrence) return { start: at, end: at + quote.length }
    from = at + 1
  }
}

export function loadRealText(file: string, set: SetName): RealText {
  const { header, body } = splitHeader(readFileSync(file, 'utf8'))
  const expectedFile = file.replace(/\.txt$/, '.expected.json')
  const expected = ExpectedSchema.parse(JSON.parse(readFileSync(expectedFile, 'utf8')))
  const problems: string[] = []
  const place = (quote: string, occurrence: number | undefined, what: string): Span | null => {
    const span = findQuote(body, quote, occurrence)
    if (!span) problems.push(`${what} “${quote}”${occurrence ? `（第${occurrence}处）` : ''} is not in the text`)
    return span
  }
  const marks = expected.marks.map((mark) => ({
    ...mark,
    span: mark.scope === 'document' || mark.quote === undefined ? null : place(mark.quote, mark.occurrence, 'mark'),
  }))
  const leaveAlone = expected.leaveAlone.flatMap((item) => {
    const span = place(item.quote, item.occurrence, 'leaveAlone')
    return span ? [{ ...span, quote: item.quote, note: item.note }] : []
  })
  for (const [i, a] of marks.entries()) {
    for (const b of marks.slice(i + 1)) {
      if (a.span && b.span && a.span.start === b.span.start && a.span.end === b.span.end && a.category === b.category) {
        problems.push(`mark “${a.quote}” is listed twice for ${a.category}: use occurrence for a second place`)
      }
    }
    for (const alone of leaveAlone) {
      if (a.span && a.span.start < alone.end && alone.start < a.span.end) problems.push(`mark “${a.quote}” overlaps leaveAlone “${alone.quote}”`)
    }
  }
  return { set, name: relative(REAL_TEXTS_DIR, file), header, body, expected, marks, leaveAlone, problems }
}

export function loadRealTexts(sets: readonly SetName[] = SETS): RealText[] {
  return sets.flatMap((set) => listRealTextFiles(set).map((file) => loadRealText(file, set)))
}
