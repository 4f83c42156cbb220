import { diffChars, type DiffOp } from '../draft/diff.js'
import { childElement, type XmlElement } from '../model/ooxml.js'
import { documentPart, maxAnnotationId, openArchive, repack, wordDate } from './docx-package.js'
import { mapDocxText, sourceOf, type DocxTextMap, type MappedParagraph } from './docx-text-map.js'
import { escapeXml, rewriteParagraph, type RevisionStamp, type TextChange } from './paragraph-rewrite.js'

/**
 * Two exports of the same report (the previous version and the rewritten one) merged into one .docx in which a
 * reviewer sees exactly what changed as Word's tracked changes (修订, ECMA-376 17.13.5): accepting them all gives
 * the new version, rejecting them all gives the previous one.
 *
 * Paragraphs are aligned first (a paragraph whose text did not change is not touched); a changed paragraph that
 * still resembles its predecessor is diffed character by character and written as w:del/w:ins inside it, with the
 * formatting of the runs it sits in (paragraph-rewrite.ts, the annotator's writer); a paragraph with no counterpart
 * is deleted or inserted whole, its paragraph mark included (w:rPr/w:del, w:rPr/w:ins), so accepting or rejecting
 * it leaves no empty line. The package, styles and section properties are the new export's: only document.xml is
 * written. Both files are the product's own exports (prefix `w:`, runs directly in their paragraphs), not a
 * person's arbitrary document.
 */

export interface TrackRevisionsOptions {
  author?: string
  date?: Date
}

export interface TrackRevisionsResult {
  data: Uint8Array
  /** Paragraphs changed inside, inserted whole and deleted whole. */
  paragraphs: { changed: number; inserted: number; deleted: number }
  /** w:ins and w:del elements written (one per run of inserted or deleted text, paragraph marks not counted). */
  revisions: number
}

export const REVISION_AUTHOR = '园区报告助手'

/** Below this share of common characters two paragraphs are different paragraphs, not one paragraph edited. */
const SAME_PARAGRAPH_SIMILARITY = 0.4

interface BodyUnit {
  element: XmlElement
  /** What identifies the unit across the two files: a paragraph's text, or any other element's whole XML. */
  key: string
  paragraph?: MappedParagraph
}

export function trackRevisions(previous: Uint8Array, current: Uint8Array, options: TrackRevisionsOptions = {}): TrackRevisionsResult {
  const before = documentPart(openArchive(previous))
  const afterZip = openArchive(current)
  const after = documentPart(afterZip)
  const oldMap = mapDocxText(before.xml)
  const newMap = mapDocxText(after.xml)
  const stamp: RevisionStamp = { author: options.author ?? REVISION_AUTHOR, date: wordDate(options.date ?? new Date()) }
  let nextId = maxAnnotationId(before.xml, after.xml) + 1
  const takeId = () => nextId++

  const oldUnits = bodyUnits(oldMap)
  const newUnits = bodyUnits(newMap)
  const counts = { changed: 0, inserted: 0, deleted: 0 }
  let revisions = 0
  const written: string[] = []

  const inserted = (unit: BodyUnit) => {
    const marked = markWhole(xmlOf(newMap, unit.element), 'ins', stamp, takeId)
    revisions += marked.revisions
    counts.inserted += 1
    written.push(marked.xml)
  }
  const deleted = (unit: BodyUnit) => {
    const marked = markWhole(xmlOf(oldMap, unit.element), 'del', stamp, takeId)
    revisions += marked.revisions
    counts.deleted += 1
    written.push(marked.xml)
  }
  const changed = (from: MappedParagraph, to: MappedParagraph) => {
    const changes = textChanges(from.text, to.text, takeId)
    revisions += changes.filter((c) => c.end > c.start).length + changes.filter((c) => c.text).length
    counts.changed += 1
    written.push(withParagraphPropertiesOf(rewriteParagraph(oldMap, from, { comments: [], changes }, stamp), xmlOf(newMap, to.element)))
  }

  for (const step of alignUnits(oldUnits, newUnits)) {
    if (step.kind === 'equal') written.push(xmlOf(newMap, step.after.element))
    else if (step.kind === 'insert') inserted(step.after)
    else if (step.kind === 'delete') deleted(step.before)
    else changed(step.before.paragraph!, step.after.paragraph!)
  }

  const body = childElement(newMap.root, 'w:body')!
  const bodySource = sourceOf(body)
  const sectPr = body.children.find((child) => child.name === 'w:sectPr')
  const documentXml =
    after.xml.slice(0, bodySource.openEnd) + written.join('') + (sectPr ? xmlOf(newMap, sectPr) : '') + after.xml.slice(bodySource.closeStart)
  return { data: repack(afterZip, new Map([[after.path, documentXml]])), paragraphs: counts, revisions }
}

function bodyUnits(map: DocxTextMap): BodyUnit[] {
  const byElement = new Map(map.paragraphs.map((paragraph) => [paragraph.element, paragraph]))
  const body = childElement(map.root, 'w:body')
  return (body?.children ?? [])
    .filter((element) => element.name !== 'w:sectPr')
    .map((element) => {
      const paragraph = element.name === 'w:p' ? byElement.get(element) : undefined
      // A paragraph without text (a chart, an empty line) is identified by its XML, like a table.
      return paragraph?.text ? { element, key: `p:${paragraph.text}`, paragraph } : { element, key: `x:${xmlOf(map, element)}`, ...(paragraph ? { paragraph } : {}) }
    })
}

type AlignStep =
  | { kind: 'equal'; before: BodyUnit; after: BodyUnit }
  | { kind: 'insert'; after: BodyUnit }
  | { kind: 'delete'; before: BodyUnit }
  | { kind: 'change'; before: BodyUnit; after: BodyUnit }

/**
 * The units of both files in order, the unchanged ones matched by the same diff as everything else (each distinct
 * key becomes one character of a private-use plane, so a paragraph is one token); within a run of removed and
 * added units, a removed paragraph is paired with the first added one after the last pairing that still resembles
 * it, the others are deleted and inserted whole.
 */
function alignUnits(before: readonly BodyUnit[], after: readonly BodyUnit[]): AlignStep[] {
  const tokens = new Map<string, string>()
  const tokenOf = (unit: BodyUnit) => {
    let token = tokens.get(unit.key)
    if (token === undefined) tokens.set(unit.key, (token = String.fromCodePoint(0xf0000 + tokens.size)))
    return token
  }
  const ops = diffChars(before.map(tokenOf).join(''), after.map(tokenOf).join(''))
  const steps: AlignStep[] = []
  let i = 0
  let j = 0
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!
    const count = [...op.text].length
    if (op.op === 'equal') {
      for (let n = 0; n < count; n++) steps.push({ kind: 'equal', before: before[i++]!, after: after[j++]! })
      continue
    }
    // A block of removed and added units: the ops between two equal runs.
    const removed: BodyUnit[] = []
    const added: BodyUnit[] = []
    for (; k < ops.length && ops[k]!.op !== 'equal'; k++) {
      const n = [...ops[k]!.text].length
      if (ops[k]!.op === 'delete') removed.push(...before.slice(i, (i += n)))
      else added.push(...after.slice(j, (j += n)))
    }
    k -= 1
    steps.push(...pairBlock(removed, added))
  }
  return steps
}

function pairBlock(removed: readonly BodyUnit[], added: readonly BodyUnit[]): AlignStep[] {
  const steps: AlignStep[] = []
  let next = 0
  for (const unit of removed) {
    const match = unit.paragraph?.text ? added.findIndex((candidate, index) => index >= next && resembles(unit, candidate)) : -1
    if (match < 0) {
      steps.push({ kind: 'delete', before: unit })
      continue
    }
    for (; next < match; next++) steps.push({ kind: 'insert', after: added[next]! })
    steps.push({ kind: 'change', before: unit, after: added[match]! })
    next = match + 1
  }
  for (; next < added.length; next++) steps.push({ kind: 'insert', after: added[next]! })
  return steps
}

function resembles(a: BodyUnit, b: BodyUnit): boolean {
  const x = a.paragraph?.text
  const y = b.paragraph?.text
  if (!x || !y || !a.paragraph!.runs.length || !b.paragraph) return false
  const shorter = Math.min(x.length, y.length)
  const longer = Math.max(x.length, y.length)
  // Most of the longer one would have to be inserted or deleted anyway.
  if (shorter < longer * SAME_PARAGRAPH_SIMILARITY) return false
  const common = diffChars(x, y).reduce((sum, op) => sum + (op.op === 'equal' ? op.text.length : 0), 0)
  return (2 * common) / (x.length + y.length) >= SAME_PARAGRAPH_SIMILARITY
}

/**
 * The character diff of one paragraph as the changes of its old text, made readable first: a short stretch of
 * common characters between two edits (a 的 or a 、 that two different sentences happen to share) is taken into the
 * edit, as a reviewer would mark it, rather than splitting one rewritten phrase into a dozen revisions.
 */
export function textChanges(before: string, after: string, takeId: () => number): TextChange[] {
  const changes: TextChange[] = []
  let at = 0
  for (const segment of readableSegments(diffChars(before, after))) {
    if (segment.kind === 'equal') {
      at += segment.text.length
      continue
    }
    changes.push({ start: at, end: at + segment.deleted.length, text: segment.inserted, deletionId: takeId(), insertionId: takeId() })
    at += segment.deleted.length
  }
  return changes
}

type Segment = { kind: 'equal'; text: string } | { kind: 'edit'; deleted: string; inserted: string }

/** Ops as alternating equal stretches and edits; an equal stretch no longer than the edits on both sides joins them. */
export function readableSegments(ops: readonly DiffOp[]): Segment[] {
  const segments: Segment[] = []
  for (const op of ops) {
    const last = segments[segments.length - 1]
    if (op.op === 'equal') segments.push({ kind: 'equal', text: op.text })
    else if (last?.kind === 'edit') last[op.op === 'delete' ? 'deleted' : 'inserted'] += op.text
    else segments.push({ kind: 'edit', deleted: op.op === 'delete' ? op.text : '', inserted: op.op === 'insert' ? op.text : '' })
  }
  const size = (edit: Segment) => (edit.kind === 'edit' ? Math.max([...edit.deleted].length, [...edit.inserted].length) : 0)
  for (let k = 1; k < segments.length - 1; ) {
    const [left, middle, right] = [segments[k - 1]!, segments[k]!, segments[k + 1]!]
    if (middle.kind === 'equal' && left.kind === 'edit' && right.kind === 'edit') {
      const length = [...middle.text].length
      if (length <= size(left) && length <= size(right)) {
        segments.splice(k - 1, 3, { kind: 'edit', deleted: left.deleted + middle.text + right.deleted, inserted: left.inserted + middle.text + right.inserted })
        k = Math.max(1, k - 1)
        continue
      }
    }
    k += 1
  }
  return segments
}

/**
 * A whole paragraph or table as inserted or deleted: every run inside a w:ins or w:del (deleted text as w:delText),
 * every paragraph mark marked the same way, every table row too (w:trPr), so nothing of it is left behind.
 */
function markWhole(xml: string, kind: 'ins' | 'del', stamp: RevisionStamp, takeId: () => number): { xml: string; revisions: number } {
  const attrs = () => ` w:id="${takeId()}" w:author="${escapeXml(stamp.author)}" w:date="${stamp.date}"`
  let revisions = 0
  let marked = xml.replace(/<w:r(?=[\s>])[\s\S]*?<\/w:r>/g, (run) => {
    revisions += 1
    const inner = kind === 'del' ? run.replace(/<(\/?)w:t(?=[\s>])/g, '<$1w:delText').replace(/<(\/?)w:instrText(?=[\s>])/g, '<$1w:delInstrText') : run
    return `<w:${kind}${attrs()}>${inner}</w:${kind}>`
  })
  marked = marked
    .replace(/<w:p(\s[^>]*)?\/>/g, (_whole, attributes: string | undefined) => `<w:p${attributes ?? ''}><w:pPr><w:rPr><w:${kind}${attrs()}/></w:rPr></w:pPr></w:p>`)
    .replace(/<w:p(\s[^>]*)?>(<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>)?/g, (_whole, attributes: string | undefined, pPr: string | undefined) => {
      return `<w:p${attributes ?? ''}>${withParagraphMark(pPr ?? '', `<w:${kind}${attrs()}/>`)}`
    })
  marked = marked.replace(/<w:tr(?=[\s>])([^>]*)>(<w:trPr>)?/g, (_whole, open: string, trPr: string | undefined) => `<w:tr${open}>${trPr ?? '<w:trPr>'}<w:${kind}${attrs()}/>${trPr ? '' : '</w:trPr>'}`)
  return { xml: marked, revisions }
}

/** Paragraph properties with `mark` first in the paragraph mark's run properties (w:pPr/w:rPr, CT_ParaRPr). */
function withParagraphMark(pPr: string, mark: string): string {
  if (!pPr || pPr === '<w:pPr/>') return `<w:pPr><w:rPr>${mark}</w:rPr></w:pPr>`
  if (pPr.includes('<w:rPr>')) return pPr.replace('<w:rPr>', `<w:rPr>${mark}`)
  // w:rPr comes after every other paragraph property but w:sectPr and w:pPrChange.
  return pPr.replace(/(<w:sectPr[\s>]|<w:pPrChange[\s>]|<\/w:pPr>$)/, `<w:rPr>${mark}</w:rPr>$1`)
}

/**
 * A changed paragraph keeps the new version's paragraph properties (a paragraph grown past a few lines loses
 * keep-lines, say): the rewritten paragraph is the old one, so its w:pPr is replaced by the new one's.
 */
function withParagraphPropertiesOf(rewritten: string, current: string): string {
  const pPrOf = (xml: string) => /^<w:p(?:\s[^>]*)?>(<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>)?/.exec(xml)
  const target = pPrOf(current)?.[1] ?? ''
  const found = pPrOf(rewritten)
  if (!found) return rewritten
  const open = found[0].slice(0, found[0].length - (found[1]?.length ?? 0))
  return open + target + rewritten.slice(found[0].length)
}

function xmlOf(map: DocxTextMap, element: XmlElement): string {
  const source = sourceOf(element)
  return map.xml.slice(source.start, source.end)
}
