import type { Finding, Severity, TextFix } from '../check/finding.js'
import { UserError } from '../errors.js'
import type { TextSegment } from '../model/form-report.js'
import { parseXml } from '../model/ooxml.js'
import { relationTarget } from '../model/parse-docx.js'
import { buildCommentsPart, COMMENTS_CONTENT_TYPE, COMMENTS_REL_TYPE, withContentTypeOverride, withRelationship } from './comments-part.js'
import { documentPart, maxAnnotationId, openArchive, readText, readXml, repack, wordDate } from './docx-package.js'
import { isCuttable, mapDocxText, paragraphAt, sourceOf, type DocxTextMap, type MappedParagraph } from './docx-text-map.js'
import { rewriteParagraph, type CommentMark, type ParagraphEdits, type RevisionStamp, type TextChange } from './paragraph-rewrite.js'
import { ruleName } from './rule-names.js'

/**
 * The person's own .docx back as an editor would return it: every finding a Word comment (批注) on exactly the
 * characters it is about, every fix a tracked change (修订: deletion + insertion) they can accept or reject one by
 * one in Word, WPS or LibreOffice. Only word/document.xml, the comments part, its relationship and
 * [Content_Types].xml change; every other part of the zip is copied as stored, byte for byte.
 */

export const REVIEW_AUTHOR = '园区报告助手'

export interface AnnotateOptions {
  /** Written as w:author of comments and changes. */
  author?: string
  /** Written as w:date; defaults to now. */
  date?: Date
  /** Fixes as tracked changes (default) or only comments. */
  trackedFixes?: boolean
  /** The text the findings were computed on (the parsed draft's source): refused when the file says otherwise. */
  checkedText?: string
  /**
   * Where the checked text is in the file when it is only part of it (the report inside a filled-in form,
   * form-report.ts): findings' offsets are moved into the file's text through these.
   */
  segments?: readonly TextSegment[]
}

export interface AnnotateResult {
  data: Uint8Array
  comments: number
  changes: number
  /** Fixes left as advice in their comment: overlapping another fix, across paragraphs, or over a field or picture. */
  fixesNotTracked: number
}

const messages = {
  severity: { error: '错误', warning: '提醒', info: '提示' } satisfies Record<Severity, string>,
  suggestion: (text: string) => `建议：${text}`,
  tracked: '改法已作为修订写入正文，可逐条接受或拒绝。',
  fixAdvice: (from: string, to: string) => (to ? `建议将“${from}”改为“${to}”。` : `建议删除“${from}”。`),
  textMismatch: '文档内容与审校时读到的不一致，无法标注。请重新上传文档后再试。',
} as const

const PARAGRAPH_MARK = '\n'
// Children of a run with no text that a deletion may take along (everything else — a field, a picture — blocks it).
const HARMLESS_EMPTY = new Set(['w:lastRenderedPageBreak', 'w:softHyphen', 'w:annotationRef'])

export function annotateDocx(data: Uint8Array, checkedFindings: readonly Finding[], options: AnnotateOptions = {}): AnnotateResult {
  const zip = openArchive(data)
  const { path: documentPath, folder, relsPath, xml: documentXml } = documentPart(zip)
  const relsXml = readText(zip, relsPath)
  const commentsPath = relationTarget(relsXml ? parseXml(relsXml) : undefined, '/comments', folder) ?? `${folder}comments.xml`
  const existingComments = readText(zip, commentsPath)

  const related = (type: string, fallback: string) => readXml(zip, relationTarget(relsXml ? parseXml(relsXml) : undefined, type, folder) ?? `${folder}${fallback}`)
  const map = mapDocxText(documentXml, { numbering: related('/numbering', 'numbering.xml'), styles: related('/styles', 'styles.xml') })
  if (options.checkedText !== undefined && !sameText(map.text, options.checkedText, options.segments)) throw new UserError('docx_changed', messages.textMismatch, 409)
  const segments = options.segments
  const findings = segments ? checkedFindings.map((finding) => inFile(finding, segments)) : checkedFindings
  const stamp: RevisionStamp = { author: options.author ?? REVIEW_AUTHOR, date: wordDate(options.date ?? new Date()) }
  let nextId = maxAnnotationId(documentXml, existingComments ?? '') + 1
  const takeId = () => nextId++

  const changes = options.trackedFixes === false ? [] : plannedChanges(map, findings, takeId)
  const edits = new Map<MappedParagraph, ParagraphEdits>()
  const editsOf = (paragraph: MappedParagraph) => {
    let found = edits.get(paragraph)
    if (!found) edits.set(paragraph, (found = { comments: [], changes: [] }))
    return found
  }
  for (const { paragraph, change } of changes) editsOf(paragraph).changes.push(change)

  const comments: { id: number; paragraphs: string[] }[] = []
  for (const finding of findings) {
    const anchor = commentAnchor(map, finding, changes)
    if (!anchor) continue
    const id = takeId()
    editsOf(anchor.first).comments.push({ id, at: anchor.start, kind: 'start' } satisfies CommentMark)
    editsOf(anchor.last).comments.push({ id, at: anchor.end, kind: 'end' })
    const tracked = changes.some((planned) => planned.finding === finding)
    comments.push({ id, paragraphs: commentText(finding, tracked, map.text) })
  }

  const ordered = [...edits].sort(([a], [b]) => sourceOf(a.element).start - sourceOf(b.element).start)
  let cursor = 0
  const out: string[] = []
  for (const [paragraph, paragraphEdits] of ordered) {
    const source = sourceOf(paragraph.element)
    out.push(documentXml.slice(cursor, source.start), rewriteParagraph(map, paragraph, paragraphEdits, stamp))
    cursor = source.end
  }
  out.push(documentXml.slice(cursor))

  const replaced = new Map<string, string>([[documentPath, out.join('')]])
  if (comments.length) {
    replaced.set(commentsPath, buildCommentsPart(existingComments, comments, stamp))
    if (!existingComments) {
      replaced.set(relsPath, withRelationship(relsXml, COMMENTS_REL_TYPE, commentsPath.slice(folder.length)))
      replaced.set('[Content_Types].xml', withContentTypeOverride(readText(zip, '[Content_Types].xml') ?? '', `/${commentsPath}`, COMMENTS_CONTENT_TYPE))
    }
  }
  return { data: repack(zip, replaced), comments: comments.length, changes: changes.length, fixesNotTracked: findings.filter((f) => f.fix).length - changes.length }
}

function sameText(fileText: string, checked: string, segments: readonly TextSegment[] | undefined): boolean {
  if (!segments) return fileText === checked
  return segments.every((s) => fileText.slice(s.fileStart, s.fileStart + s.length) === checked.slice(s.start, s.start + s.length))
}

/** A finding on the checked text moved to the same characters of the file's text. */
function inFile(finding: Finding, segments: readonly TextSegment[]): Finding {
  const at = (offset: number) => {
    // The last segment starting at or before the offset; an offset between two segments (the line break after the
    // title) stays at the end of the earlier one.
    const segment = [...segments].reverse().find((s) => s.start <= offset) ?? segments[0]!
    return segment.fileStart + Math.min(Math.max(offset - segment.start, 0), segment.length)
  }
  const moved: Finding = { ...finding, start: at(finding.start), end: at(finding.end) }
  if (finding.fix) moved.fix = { ...finding.fix, start: at(finding.fix.start), end: at(finding.fix.end) }
  return moved
}

interface PlannedChange {
  finding: Finding
  paragraph: MappedParagraph
  change: TextChange
}

/**
 * The fixes that become tracked changes: inside one paragraph, on characters we can cut between, not over a
 * field or picture, not a no-op, and not overlapping an earlier one (the first wins, as in apply-fixes.ts).
 */
function plannedChanges(map: DocxTextMap, findings: readonly Finding[], takeId: () => number): PlannedChange[] {
  const withFix = findings.filter((finding): finding is Finding & { fix: TextFix } => finding.fix !== undefined)
  withFix.sort((a, b) => a.fix.start - b.fix.start || a.fix.end - b.fix.end)
  const planned: PlannedChange[] = []
  let cursor = -1
  for (const finding of withFix) {
    const { start, end, text } = finding.fix
    if (start < cursor || start > end || end > map.text.length) continue
    if (map.text.slice(start, end) === text || text.includes(PARAGRAPH_MARK)) continue
    const paragraph = paragraphAt(map, start)
    if (!paragraph || end > paragraph.offset + paragraph.text.length || paragraph.locked) continue
    const local = { start: start - paragraph.offset, end: end - paragraph.offset }
    // Word's automatic number is not text of the paragraph: a fix of it is advice (the person changes the list).
    if (local.start < paragraph.label.length) continue
    if (!isCuttable(paragraph, local.start) || !isCuttable(paragraph, local.end) || coversNonText(paragraph, local.start, local.end)) continue
    planned.push({ finding, paragraph, change: { ...local, text, deletionId: takeId(), insertionId: takeId() } })
    cursor = end
  }
  return planned
}

function coversNonText(paragraph: MappedParagraph, start: number, end: number): boolean {
  return paragraph.runs.some(
    (run) => (run.locked && run.start < end && run.end > start) || run.atoms.some((atom) => atom.start === atom.end && atom.start > start && atom.start < end && !HARMLESS_EMPTY.has(atom.element.name)),
  )
}

/**
 * Where a finding's comment goes: its characters, one character when it points between two (a missing 。), the
 * first character of the report for a finding about the whole text; never starting or ending inside a tracked
 * change (the comment then takes the whole change) nor between characters we cannot cut between.
 */
function commentAnchor(
  map: DocxTextMap,
  finding: Finding,
  changes: readonly PlannedChange[],
): { first: MappedParagraph; last: MappedParagraph; start: number; end: number } | undefined {
  const length = map.text.length
  if (!length) return undefined
  let start = Math.max(0, Math.min(finding.start, length))
  let end = Math.max(start, Math.min(finding.end, length))
  for (const { paragraph, change } of changes) {
    const changeStart = paragraph.offset + change.start
    const changeEnd = paragraph.offset + change.end
    if (start > changeStart && start < changeEnd) start = changeStart
    if (end > changeStart && end < changeEnd) end = changeEnd
  }
  if (start === end) {
    if (start < length && map.text[start] !== PARAGRAPH_MARK) end = start + 1
    else if (start > 0 && map.text[start - 1] !== PARAGRAPH_MARK) start -= 1
  }
  // A range that begins on a paragraph mark begins with the next paragraph; one that ends right after it, before it.
  while (start < end && map.text[start] === PARAGRAPH_MARK) start += 1
  while (end > start && map.text[end - 1] === PARAGRAPH_MARK) end -= 1
  const first = paragraphAt(map, start)
  const last = paragraphAt(map, end)
  if (!first || !last) return undefined
  let localStart = start - first.offset
  let localEnd = end - last.offset
  while (localStart > 0 && !isCuttable(first, localStart)) localStart -= 1
  // A finding on Word's automatic number alone (in no run) takes the first character after it.
  if (localEnd <= last.label.length && last.text.length > last.label.length) localEnd = last.label.length + 1
  while (localEnd < last.text.length && !isCuttable(last, localEnd)) localEnd += 1
  return { first, last, start: localStart, end: localEnd }
}

function commentText(finding: Finding, tracked: boolean, text: string): string[] {
  const lines = [`【${ruleName(finding.rule)}·${messages.severity[finding.severity]}】${finding.message}`]
  if (finding.suggestion) lines.push(messages.suggestion(finding.suggestion))
  if (finding.fix) lines.push(tracked ? messages.tracked : messages.fixAdvice(shown(text.slice(finding.fix.start, finding.fix.end)), shown(finding.fix.text)))
  return lines
}

/** A paragraph mark inside quoted text shows as Word's own mark. */
const shown = (text: string) => text.replaceAll(PARAGRAPH_MARK, '↵')
