import { childElement, type XmlElement } from '../model/ooxml.js'
import { sourceOf, type DocxTextMap, type MappedParagraph, type MappedRun } from './docx-text-map.js'

/**
 * Rewrites one w:p of the person's document.xml with comment ranges and tracked changes, leaving every byte we do
 * not need to change as it was: untouched runs, containers, properties and the whitespace between them are copied
 * from the source; a run is re-written only where a comment or a change starts or ends inside it, and then only
 * split (its w:rPr copied to each piece), so the text keeps its formatting.
 *
 * Offsets are in the paragraph's text (docx-text-map.ts). Markup follows ECMA-376: w:commentRangeStart/End and a
 * run with w:commentReference for a comment (17.13.4), w:del with w:delText and w:ins for a change (17.13.5), both
 * allowed inside hyperlinks, content controls and tracked insertions; a w:del group is closed before anything that
 * may not sit inside it.
 */

export interface RevisionStamp {
  author: string
  /** ISO 8601 without milliseconds, as Word writes w:date. */
  date: string
}

export interface CommentMark {
  id: number
  at: number
  kind: 'start' | 'end'
}

export interface TextChange {
  start: number
  end: number
  text: string
  deletionId: number
  insertionId: number
}

export interface ParagraphEdits {
  comments: CommentMark[]
  /** Non-overlapping, every offset cuttable (docx-text-map.ts `isCuttable`). */
  changes: TextChange[]
}

interface Piece {
  start: number
  end: number
  xml: string
  /** The change whose deleted text this piece is, if any. */
  deletedBy?: TextChange
}

type Token = { kind: 'piece'; piece: Piece } | { kind: 'raw'; xml: string; groupable: boolean }

interface Marker {
  at: number
  /** Order among markers at the same offset: insertions after a deletion, then comment ends, starts, insertions. */
  rank: number
  change?: TextChange
  comment?: CommentMark
}

// Range markup that may sit inside a w:del (EG_RangeMarkupElements, w:proofErr).
const INSIDE_DELETION = new Set(['w:proofErr', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:permStart', 'w:permEnd'])
const CONTAINERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:smartTag', 'w:ins', 'w:moveTo', 'w:hyperlink', 'w:fldSimple', 'w:dir', 'w:bdo'])

export function rewriteParagraph(map: DocxTextMap, paragraph: MappedParagraph, edits: ParagraphEdits, stamp: RevisionStamp): string {
  const xml = map.xml
  const prefix = prefixOf(paragraph.element)
  const runsByElement = new Map(paragraph.runs.map((run) => [run.element, run]))
  const cuts = new Set<number>()
  for (const comment of edits.comments) cuts.add(comment.at)
  for (const change of edits.changes) cuts.add(change.start).add(change.end)

  const markers: Marker[] = [
    ...edits.changes.map((change) => ({ at: change.end, rank: change.start < change.end ? 0 : 3, change })),
    ...edits.comments.map((comment) => ({ at: comment.at, rank: comment.kind === 'end' ? 1 : 2, comment })),
  ].sort((a, b) => a.at - b.at || a.rank - b.rank)
  let nextMarker = 0

  const w = (local: string) => `${prefix}${local}`
  const stampAttrs = (id: number) => ` ${w('id')}="${id}" ${w('author')}="${escapeXml(stamp.author)}" ${w('date')}="${stamp.date}"`

  const markerXml = (marker: Marker): string => {
    if (marker.comment) {
      const { id, kind } = marker.comment
      return kind === 'start'
        ? `<${w('commentRangeStart')} ${w('id')}="${id}"/>`
        : `<${w('commentRangeEnd')} ${w('id')}="${id}"/><${w('r')}><${w('commentReference')} ${w('id')}="${id}"/></${w('r')}>`
    }
    const change = marker.change!
    // A pure deletion has nothing to insert: an empty w:ins would be a revision of nothing to accept or reject.
    if (!change.text) return ''
    const run = formattingRunFor(paragraph, change.start)
    const rPr = run ? rPrXml(xml, run.element) : ''
    return `<${w('ins')}${stampAttrs(change.insertionId)}><${w('r')}>${rPr}${textChildren(change.text, w, 't')}</${w('r')}></${w('ins')}>`
  }

  /** Markers due before a piece starting at `at`; `closeGroup` is called before an insertion is written. */
  const flushMarkers = (at: number, out: string[], closeGroup: () => void) => {
    while (nextMarker < markers.length && markers[nextMarker]!.at <= at) {
      const marker = markers[nextMarker]!
      if (marker.change) closeGroup()
      out.push(markerXml(marker))
      nextMarker += 1
    }
  }

  const piecesOf = (run: MappedRun): Piece[] => {
    const inner = [...cuts].filter((cut) => cut > run.start && cut < run.end)
    const deleting = edits.changes.filter((change) => change.start < run.end && change.end > run.start && change.start < change.end)
    if (!inner.length && !deleting.length) {
      const source = sourceOf(run.element)
      return [{ start: run.start, end: run.end, xml: xml.slice(source.start, source.end) }]
    }
    return splitRun(xml, run, inner, edits.changes, w)
  }

  const renderChildren = (element: XmlElement): string => {
    const out: string[] = []
    const source = sourceOf(element)
    let cursor = source.openEnd
    let group: TextChange | undefined
    const closeGroup = () => {
      if (group) out.push(`</${w('del')}>`)
      group = undefined
    }
    const emit = (token: Token) => {
      if (token.kind === 'raw') {
        if (group && !token.groupable) closeGroup()
        out.push(token.xml)
        return
      }
      const { piece } = token
      if (piece.end > piece.start) flushMarkers(piece.start, out, closeGroup)
      if (piece.deletedBy !== group) {
        closeGroup()
        if (piece.deletedBy) {
          out.push(`<${w('del')}${stampAttrs(piece.deletedBy.deletionId)}>`)
          group = piece.deletedBy
        }
      }
      out.push(piece.xml)
    }

    for (const child of element.children) {
      const childSource = sourceOf(child)
      const between = xml.slice(cursor, childSource.start)
      if (between) out.push(between)
      cursor = childSource.end
      const run = runsByElement.get(child)
      if (run) {
        for (const piece of piecesOf(run)) emit({ kind: 'piece', piece })
      } else if (CONTAINERS.has(child.name) && containsMappedRun(child, runsByElement)) {
        closeGroup()
        out.push(xml.slice(childSource.start, childSource.openEnd), renderChildren(child), xml.slice(childSource.closeStart, childSource.end))
      } else {
        emit({ kind: 'raw', xml: xml.slice(childSource.start, childSource.end), groupable: INSIDE_DELETION.has(child.name) })
      }
    }
    closeGroup()
    if (element === paragraph.element) flushMarkers(Number.POSITIVE_INFINITY, out, closeGroup)
    out.push(xml.slice(cursor, source.closeStart))
    return out.join('')
  }

  const source = sourceOf(paragraph.element)
  if (source.openEnd === source.end) {
    // <w:p/>: an empty paragraph written self-closing; give it content.
    const open = xml.slice(source.start, source.end - 2).trimEnd()
    const out: string[] = []
    flushMarkers(Number.POSITIVE_INFINITY, out, () => undefined)
    return `${open}>${out.join('')}</${source.qname}>`
  }
  return xml.slice(source.start, source.openEnd) + renderChildren(paragraph.element) + xml.slice(source.closeStart, source.end)
}

function containsMappedRun(element: XmlElement, runs: Map<XmlElement, MappedRun>): boolean {
  return element.children.some((child) => runs.has(child) || containsMappedRun(child, runs))
}

/**
 * The pieces of one run cut at `cuts` (paragraph offsets strictly inside it). Children without text (a field
 * character, a picture, lastRenderedPageBreak) stay in the piece they are in; one that sits exactly on a cut gets a
 * piece of its own, so a deletion next to a picture never takes the picture with it.
 */
function splitRun(xml: string, run: MappedRun, cuts: number[], changes: readonly TextChange[], w: (local: string) => string): Piece[] {
  const source = sourceOf(run.element)
  const open = xml.slice(source.start, source.openEnd)
  const rPr = rPrXml(xml, run.element)
  const close = xml.slice(source.closeStart, source.end)
  const cutSet = new Set(cuts)
  const pieces: Piece[] = []
  let parts: { element: XmlElement; text?: string }[] = []
  let pieceStart = run.start
  let at = run.start

  const deletionOf = (start: number, end: number) =>
    changes.find((change) => change.start < change.end && (start < end ? change.start <= start && end <= change.end : change.start < start && start < change.end))
  const finish = () => {
    if (!parts.length) return
    const deletedBy = deletionOf(pieceStart, at)
    const body = parts.map((part) => childXml(xml, part.element, part.text, deletedBy !== undefined, w)).join('')
    pieces.push({ start: pieceStart, end: at, xml: `${open}${rPr}${body}${close}`, ...(deletedBy ? { deletedBy } : {}) })
    parts = []
    pieceStart = at
  }

  for (const atom of run.atoms) {
    if (atom.start === atom.end) {
      if (cutSet.has(atom.start)) {
        finish()
        parts.push({ element: atom.element })
        finish()
      } else {
        parts.push({ element: atom.element })
      }
      continue
    }
    if (cutSet.has(atom.start) && atom.start !== pieceStart) finish()
    const inside = atom.splittable ? cuts.filter((cut) => cut > atom.start && cut < atom.end).sort((a, b) => a - b) : []
    const text = atom.element.text
    let from = atom.start
    for (const cut of inside) {
      parts.push({ element: atom.element, text: text.slice(from - atom.start, cut - atom.start) })
      at = cut
      finish()
      from = cut
    }
    parts.push({ element: atom.element, ...(inside.length ? { text: text.slice(from - atom.start) } : {}) })
    at = atom.end
  }
  finish()
  return pieces
}

/** One child of a run as XML; `text` replaces a w:t's text (a part of a split w:t); deleted text is w:delText. */
function childXml(xml: string, element: XmlElement, text: string | undefined, deleted: boolean, w: (local: string) => string): string {
  const source = sourceOf(element)
  if (element.name === 'w:t' && (deleted || text !== undefined)) {
    const tag = deleted ? w('delText') : w('t')
    return `<${tag} xml:space="preserve">${escapeXml(text ?? element.text)}</${tag}>`
  }
  const raw = xml.slice(source.start, source.end)
  if (deleted && element.name === 'w:instrText') return raw.replace(/^<([\w.-]+:)?instrText/, `<$1delInstrText`).replace(/instrText>$/, 'delInstrText>')
  return raw
}

function rPrXml(xml: string, run: XmlElement): string {
  const rPr = childElement(run, 'w:rPr')
  if (!rPr) return ''
  const source = sourceOf(rPr)
  return xml.slice(source.start, source.end)
}

/** The run whose formatting inserted text takes: the first deleted character's, else the character before. */
function formattingRunFor(paragraph: MappedParagraph, at: number): MappedRun | undefined {
  const withText = paragraph.runs.filter((run) => run.end > run.start && !run.locked)
  return withText.find((run) => run.start <= at && at < run.end) ?? withText.find((run) => run.end === at) ?? withText[0]
}

/** Text as run children: tabs as w:tab, line breaks (U+2028) as w:br. */
export function textChildren(text: string, w: (local: string) => string, textTag: 't' | 'delText'): string {
  return text
    .split(/(\t|\u2028)/)
    .filter((part) => part !== '')
    .map((part) => (part === '\t' ? `<${w('tab')}/>` : part === '\u2028' ? `<${w('br')}/>` : `<${w(textTag)} xml:space="preserve">${escapeXml(part)}</${w(textTag)}>`))
    .join('')
}

/** 'w:' for a document written with the usual prefix; whatever prefix the file binds to WordprocessingML otherwise. */
export function prefixOf(element: XmlElement): string {
  const qname = sourceOf(element).qname
  const colon = qname.indexOf(':')
  return colon < 0 ? '' : qname.slice(0, colon + 1)
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}
