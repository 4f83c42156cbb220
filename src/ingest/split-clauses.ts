import type { Clause } from './clause.js'
import { isHeadingText, MARKER_RANK, matchMarker, type Marker, type MarkerKind } from './numbering.js'

/** Clauses longer than this are cut at sentence ends into parts 《…》…（续1）, （续2）… */
export const MAX_CLAUSE_CHARS = 600

/**
 * Splits a normalized policy document into clauses along its own numbering.
 *
 * Path format (`path` = 《title》 + the labels in `numbers`, concatenated):
 * - 一、 → 二; （一） → （五）; 1. or 1、 → 11; （1） → （1）; ① → ①; 第X条 → 第三条; 第X章 → 第一章;
 *   第X部分 → 第一部分; 附件2 → 附件2. E.g. 《工业园区高质量发展指引》二（五）11, 《工业园区高质量发展指引》三20.
 * - Dash items "——产业数字化水平高。…" (seed 002 三、建设标准) are numbered by position: （第1项）, e.g.
 *   《高标准数字园区建设指南》三（第1项）. The label says "item n" rather than "standard n" because dash lists
 *   appear under any heading in uploaded documents.
 * - Text before the first numbered item: 《title》序言 (numbers []).
 * - A clause longer than MAX_CLAUSE_CHARS is cut at sentence ends (。！？；) into parts; the second part onwards
 *   gets the suffix （续1）, （续2）… (numbers unchanged).
 *
 * What becomes a clause:
 * - every numbered item without numbered children (its text is the item without the marker, the 领句 included);
 * - the unnumbered text directly under a heading (一、总体要求's paragraphs, 五、组织实施（一）'s paragraph);
 *   a heading line of its own is the first line of the clause text;
 * - a heading that only groups numbered children (（一）推进产业数字化转型) is not a clause; its heading text goes
 *   into the `context` of every child, outermost first, so retrieval can still match the group's theme. A list
 *   lead-in ("高标准数字园区建设期满后应达到以下标准：") is not a clause either and joins the children's context.
 *
 * `heading` is the clause's own heading: the heading line (总体要求, 加强建设指导) or the 领句, the first short
 * sentence of a run-in item (明确园区产业定位).
 */
export function splitClauses(doc: { id: string; title: string; text: string }): Clause[] {
  const paragraphs = doc.text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (paragraphs.length > 0 && sameTitle(paragraphs[0] ?? '', doc.title)) paragraphs.shift()

  const root = buildTree(paragraphs)
  const drafts: Draft[] = []
  if (root.lines.length > 0) drafts.push({ numbers: [], context: [], paragraphs: root.lines })
  collect(root.children, [], [], drafts)

  const clauses: Clause[] = []
  for (const draft of drafts) {
    const path = `《${doc.title}》${draft.numbers.length > 0 ? draft.numbers.join('') : '序言'}`
    cutAtSentences(draft.paragraphs.join('\n'), MAX_CLAUSE_CHARS).forEach((text, part) => {
      clauses.push({
        id: `${doc.id}#${clauses.length + 1}`,
        docId: doc.id,
        source: doc.title,
        path: part === 0 ? path : `${path}（续${part}）`,
        numbers: draft.numbers,
        ...(draft.heading ? { heading: draft.heading } : {}),
        context: draft.context,
        text,
      })
    })
  }
  return clauses
}

interface Node {
  kind: MarkerKind | null
  ordinal: number
  /** Path segment: 二, （五）, 11, （第1项）… */
  label: string
  heading?: string
  /** The marker paragraph is a heading of its own; the text starts with the next paragraph. */
  headingOnly: boolean
  /** Unnumbered paragraphs of this item (for a run-in item, the marker paragraph's text comes first). */
  lines: string[]
  children: Node[]
}

interface Draft {
  numbers: string[]
  heading?: string
  context: string[]
  paragraphs: string[]
}

function sameTitle(paragraph: string, title: string): boolean {
  const key = (s: string): string => s.replace(/[《》\s]/g, '')
  return key(paragraph) === key(title)
}

function buildTree(paragraphs: readonly string[]): Node {
  const root: Node = { kind: null, ordinal: 0, label: '', headingOnly: false, lines: [], children: [] }
  let stack: Node[] = [root]
  // The last ordinal per kind across the document: seed 002 numbers its tasks 1–13 straight through （一）–（四）,
  // seed 004 continues with 20. under 三、组织实施.
  const lastOrdinal = new Map<MarkerKind, number>()

  for (const paragraph of paragraphs) {
    const marker = matchMarker(paragraph)
    const placed = marker ? place(marker) : false
    if (placed) continue
    const current = stack[stack.length - 1] ?? root
    // A bare marker line followed by a short title ("附件2" then "XX示范基地2021年发展情况报告（示例）", seed 003):
    // the title is the item's heading.
    if (current !== root && current.headingOnly && !current.heading && current.lines.length === 0 && current.children.length === 0 && isHeadingText(paragraph, 40)) {
      current.heading = paragraph
    } else {
      current.lines.push(paragraph)
    }
  }
  return root

  function place(marker: Marker): boolean {
    const rank = MARKER_RANK[marker.kind]
    let depth = stack.length
    while (depth > 1 && MARKER_RANK[stack[depth - 1]?.kind ?? 'annex'] >= rank) depth--
    const parent = stack[depth - 1] ?? root

    let ordinal: number
    if (marker.kind === 'dash' || marker.ordinal === null) {
      ordinal = parent.children.filter((c) => c.kind === 'dash').length + 1
    } else {
      ordinal = marker.ordinal
      // An out-of-sequence number is running text that happens to start a line, not a new item. In sequence means
      // the next number (one skipped number is tolerated) after the previous sibling; a first child may also
      // restart at 1. The first marker of a kind may carry any number: an excerpt starts at 二、 or 11.
      const follows = (n: number | undefined): boolean => n !== undefined && ordinal > n && ordinal <= n + 2
      const previous = parent.children.findLast((c) => c.kind === marker.kind)?.ordinal
      const last = lastOrdinal.get(marker.kind)
      const accepted =
        previous !== undefined ? follows(previous) : last === undefined || ordinal === 1 || follows(last)
      if (!accepted) return false
    }

    const node: Node = {
      kind: marker.kind,
      ordinal,
      label: marker.kind === 'dash' ? `（第${ordinal}项）` : marker.label,
      headingOnly: marker.rest === '' || isHeadingText(marker.rest),
      lines: [],
      children: [],
    }
    if (node.headingOnly) {
      if (marker.rest !== '') node.heading = marker.rest
    } else {
      node.lines.push(marker.rest)
      const lead = leadSentence(marker.rest)
      if (lead) node.heading = lead
    }
    parent.children.push(node)
    stack = [...stack.slice(0, depth), node]
    lastOrdinal.set(marker.kind, ordinal)
    return true
  }
}

/** The 领句 of a run-in item: "明确园区产业定位。充分考虑…" → 明确园区产业定位; "基本要求：原则上…" → 基本要求. */
function leadSentence(text: string): string | undefined {
  const sentence = /^([^。！？；：，,;:]{2,40}?)[。！？]/.exec(text)
  if (sentence) return sentence[1]
  const label = /^([^。！？；：，,;:]{2,15})[：:]/.exec(text)
  return label?.[1]
}

function isLeadIn(paragraph: string): boolean {
  return /[：:]$/.test(paragraph) && paragraph.length <= 100
}

function collect(nodes: readonly Node[], numbers: readonly string[], context: readonly string[], out: Draft[]): void {
  for (const node of nodes) {
    const path = [...numbers, node.label]
    const own = node.headingOnly && node.heading ? [node.heading, ...node.lines] : node.lines
    const base = { numbers: path, context: [...context], ...(node.heading ? { heading: node.heading } : {}) }
    if (node.children.length === 0) {
      if (own.length > 0) out.push({ ...base, paragraphs: own })
      continue
    }
    const childContext = [...context]
    if (node.headingOnly && node.heading) childContext.push(node.heading)
    const intro = node.lines
    if (intro.length === 1 && isLeadIn(intro[0] ?? '')) {
      childContext.push((intro[0] ?? '').replace(/[：:]$/, ''))
    } else if (intro.length > 0) {
      out.push({ ...base, paragraphs: own })
      if (!node.headingOnly && node.heading) childContext.push(node.heading)
    }
    collect(node.children, path, childContext, out)
  }
}

const SENTENCE_END = /[。！？；][”’」』）)》〕】]*/g

/**
 * Cuts text into parts of at most `max` characters at sentence ends, with parts of similar length. A sentence
 * longer than `max` stays whole: a clause is never cut mid-sentence.
 */
export function cutAtSentences(text: string, max: number): string[] {
  if (text.length <= max) return [text]
  const sentences: string[] = []
  let start = 0
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[0].length
    sentences.push(text.slice(start, end))
    start = end
  }
  if (start < text.length) sentences.push(text.slice(start))

  const target = text.length / Math.ceil(text.length / max)
  const parts: string[] = []
  let current = ''
  for (const sentence of sentences) {
    if (current.trim() !== '' && (current.length + sentence.length > max || current.length >= target)) {
      parts.push(current.trim())
      current = ''
    }
    current += sentence
  }
  if (current.trim() !== '') parts.push(current.trim())
  return parts
}
