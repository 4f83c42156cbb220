import { readFileSync } from 'node:fs'
import { applyFixes } from '../check/apply-fixes.js'
import type { Finding, TextFix } from '../check/finding.js'
import { readHeadingMarker } from '../model/heading-markers.js'
import { parseReport } from '../model/parse-report.js'
import type { ReportDoc } from '../model/report-doc.js'
import { reportZishu } from '../model/report-stats.js'
import { requireSection } from '../model/sections.js'
import { replaceSectionText, sectionLineRange } from '../model/serialize-report.js'

/**
 * Rewriting without an LLM, one section at a time with the others frozen (PITFALLS, LLM drafting: re-running a whole
 * pipeline to change one section frustrates users): apply the checker's fixes, or compress a section to a 字数
 * target by removing what carries no information — never a figure.
 */

const messages = {
  unreachable: (path: string, zishu: number, target: number) =>
    `“${path}”压缩到${zishu}字后仍超过目标${target}字：剩下的句子都含有数字，或是段落的主句，继续压缩就要删去数据，请人工取舍。`,
  abstractMissing: '草稿中没有【摘要】。',
}

/** The abstract is addressed by its label, as findings name it. */
export const ABSTRACT_PATH = '【摘要】'

/** [start, end) of the whole lines of a section (or of the abstract), without the final line break. */
function partRange(doc: ReportDoc, path: string): { start: number; end: number } {
  if (path === ABSTRACT_PATH) {
    if (!doc.abstract) throw new Error(messages.abstractMissing)
    const first = doc.lines.find((line) => line.start + line.raw.length >= doc.abstract!.start)!
    const last = [...doc.lines].reverse().find((line) => line.start <= doc.abstract!.end)!
    return { start: first.start, end: last.start + last.raw.length }
  }
  return sectionLineRange(doc, requireSection(doc, path))
}

function replacePart(doc: ReportDoc, path: string, replacement: string): string {
  if (path !== ABSTRACT_PATH) return replaceSectionText(doc, path, replacement)
  const { start, end } = partRange(doc, path)
  return doc.source.slice(0, start) + replacement.replace(/[\r\n]+$/, '') + doc.source.slice(end)
}

// ---------------------------------------------------------------------------------------------
// Fixes
// ---------------------------------------------------------------------------------------------

export interface FixResult {
  text: string
  applied: TextFix[]
  skipped: TextFix[]
}

/**
 * Applies the fixes of `findings` (found on `text`) to the whole draft, or only to those lying within one section
 * (a path such as 二、创新举措/（二）, or 【摘要】); everything outside that section stays byte-for-byte the same.
 * Overlapping fixes: the first wins and the rest are returned in `skipped` — check again and repeat.
 */
export function applyAllFixes(text: string, findings: readonly Finding[], sectionPath?: string, format: 'text' | 'markdown' = 'text'): FixResult {
  const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : []))
  if (sectionPath === undefined) return applyFixes(text, fixes)
  const { start, end } = partRange(parseReport(text, format), sectionPath)
  return applyFixes(text, fixes.filter((fix) => fix.start >= start && fix.end <= end))
}

// ---------------------------------------------------------------------------------------------
// Compression
// ---------------------------------------------------------------------------------------------

export interface CompressOptions {
  /** Official names that must stay whole, e.g. 工业互联网标识解析二级节点（汽车零部件行业）: their brackets are not remarks. */
  names?: readonly string[]
}

export interface CompressResult {
  /** true when the section is now within `maxZishu`. */
  ok: boolean
  /** The whole draft; every other section byte-for-byte as before. When not ok, compressed as far as it goes. */
  text: string
  /** 字数 of the section (heading and sub-sections included), before and after. */
  before: number
  zishu: number
  target: number
  /** What was taken out, in order. */
  removed: string[]
  /** Why the target could not be reached (Chinese, for the person). */
  message?: string
}

// Words that add no information (a report full of 积极推动/不断完善 is the 空泛 writing 000/001 填写要求4 warns about).
// A modifier goes only before a verb-like character: 积极性, 扎实的 stay.
const CONNECTORS = /(^|[。！？；])(?:同时|此外|另外|与此同时|总的来看|总体来看|总体而言|综上所述|值得一提的是)，/gu
const MODIFIERS = /(?:进一步|积极|不断|大力|切实|全力|着力|扎实|持续不断地?)(?=[\p{Script=Han}])(?![的性地得])/gu

const VAGUE_PHRASES: readonly string[] = readVaguePhrases()

function readVaguePhrases(): string[] {
  try {
    const data = JSON.parse(readFileSync(new URL('../check/data/vague-phrases.json', import.meta.url), 'utf8')) as {
      phrases?: { phrase?: unknown }[]
    }
    return (data.phrases ?? []).map((p) => p.phrase).filter((p): p is string => typeof p === 'string')
  } catch {
    return []
  }
}

// A figure keeps its sentence: Arabic digits, or a counted Chinese numeral (三家, 两成, 十余项).
const FIGURE = /\d|[两二三四五六七八九十百千万][一二三四五六七八九十百千万两]*[余多]?(?:个|家|项|座|台|套|件|条|名|位|处|款|所|种|类|倍|成|批|次|吨|亩|公顷|万|亿)/u
const hasFigure = (text: string) => FIGURE.test(text)
// An enumeration (一是…；二是…) is one unit: deleting it would leave 一是 without 二是.
const ENUMERATION = /(^|[：；。，])[一二三四五六七八九十]是/u
const SENTENCE = /[^。！？]*[。！？]+[”’」）》]*|[^。！？]+$/gu
const MAX_HEADING_CHARS = 60
const ABSTRACT_LABEL = /^\s*(?:【\s*摘\s*要\s*】|摘\s*要\s*[:：])/u

interface EditableLine {
  /** Heading text kept as is (marker and heading of a heading line); '' for a paragraph. */
  fixed: string
  body: string
  eol: string
}

/** Lines of a section's text, each split into what must not change (headings) and the body that may. */
function editableLines(text: string): EditableLine[] {
  const parts = text.split(/(\r\n|\n|\r)/)
  const lines: EditableLine[] = []
  for (let i = 0; i < parts.length; i += 2) {
    const raw = parts[i]!
    const eol = parts[i + 1] ?? ''
    const label = ABSTRACT_LABEL.exec(raw)
    if (label) {
      lines.push({ fixed: label[0], body: raw.slice(label[0].length), eol })
      continue
    }
    const marker = readHeadingMarker(raw.trimStart())
    if (!marker) {
      lines.push({ fixed: '', body: raw, eol })
      continue
    }
    // As the parser reads an inline heading: up to its first sentence end, when that comes soon enough.
    const offset = raw.length - raw.trimStart().length + marker.text.length
    const end = raw.slice(offset).search(/[。！？]/)
    if (end < 0 || end > MAX_HEADING_CHARS) lines.push({ fixed: raw, body: '', eol })
    else lines.push({ fixed: raw.slice(0, offset + end + 1), body: raw.slice(offset + end + 1), eol })
  }
  return lines
}

const joinLines = (lines: readonly EditableLine[]) => lines.map((l) => l.fixed + l.body + l.eol).join('')

interface Edit {
  line: number
  start: number
  end: number
  replacement: string
}

function sentencesOfBody(body: string): { text: string; start: number; end: number }[] {
  return [...body.matchAll(SENTENCE)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }))
}

/** Remarks in full-width brackets with no figure, not part of a protected name, and long enough to be a remark. */
function remarkEdits(lines: readonly EditableLine[], names: readonly string[]): Edit[] {
  const edits: Edit[] = []
  lines.forEach((line, index) => {
    for (const m of line.body.matchAll(/（([^（）]*)）/gu)) {
      const inner = m[1]!
      if (inner.length <= 3 || hasFigure(inner)) continue
      const inName = names.some((name) => {
        for (let at = line.body.indexOf(name); at >= 0; at = line.body.indexOf(name, at + 1)) {
          if (at <= m.index && m.index + m[0].length <= at + name.length) return true
        }
        return false
      })
      if (!inName) edits.push({ line: index, start: m.index, end: m.index + m[0].length, replacement: '' })
    }
  })
  return edits
}

function patternEdits(lines: readonly EditableLine[], pattern: RegExp, keepGroup: boolean): Edit[] {
  const edits: Edit[] = []
  lines.forEach((line, index) => {
    for (const m of line.body.matchAll(pattern)) {
      edits.push({ line: index, start: m.index, end: m.index + m[0].length, replacement: keepGroup ? (m[1] ?? '') : '' })
    }
  })
  return edits
}

/**
 * Whole sentences that may go: no figure, no enumeration, and never the last one left in its paragraph. `vagueOnly`:
 * those holding a vague phrase (what the vague-language rule reports). Otherwise: neither the first sentence of a
 * paragraph (its main statement) nor one naming a protected name. Later sentences first.
 */
function sentenceEdits(lines: readonly EditableLine[], vagueOnly: boolean, names: readonly string[]): Edit[] {
  const edits: Edit[] = []
  lines.forEach((line, index) => {
    const sentences = sentencesOfBody(line.body).filter((x) => x.text.trim())
    if (sentences.length < 2) return
    sentences.forEach((sentence, i) => {
      if (hasFigure(sentence.text) || ENUMERATION.test(sentence.text)) return
      if (vagueOnly ? !VAGUE_PHRASES.some((p) => sentence.text.includes(p)) : i === 0 || names.some((n) => sentence.text.includes(n))) return
      edits.push({ line: index, start: sentence.start, end: sentence.end, replacement: '' })
    })
  })
  return edits.reverse()
}

function apply(lines: EditableLine[], edit: Edit): string {
  const line = lines[edit.line]!
  const removed = line.body.slice(edit.start + edit.replacement.length, edit.end)
  line.body = line.body.slice(0, edit.start) + edit.replacement + line.body.slice(edit.end)
  return removed
}

/**
 * Compresses one section (heading, body and sub-sections) to at most `maxZishu`, in this order, stopping as soon as
 * it fits: connectors and empty modifiers (同时，/此外，/进一步/积极/不断…), sentences built on a vague phrase without a
 * figure (vague-phrases.json), bracketed remarks without figures, then other sentences without figures. Headings,
 * figures, enumerations (一是…二是…), the first sentence of a paragraph (unless vague) and the last one left are never
 * removed.
 */
export function compressSection(doc: ReportDoc, path: string, maxZishu: number, options: CompressOptions = {}): CompressResult {
  const { start, end } = partRange(doc, path)
  const lines = editableLines(doc.source.slice(start, end))
  const measure = () => {
    const text = replacePart(doc, path, joinLines(lines))
    const stats = reportZishu(parseReport(text, doc.format === 'markdown' ? 'markdown' : 'text'))
    const zishu = path === ABSTRACT_PATH ? stats.abstract : (stats.sections.find((x) => x.path === requireSection(doc, path).path)?.zishu ?? 0)
    return { text, zishu }
  }
  const before = measure().zishu
  const removed: string[] = []
  const names = options.names ?? []
  let current = measure()
  const steps: (() => Edit | undefined)[] = [
    () => patternEdits(lines, CONNECTORS, true)[0],
    () => patternEdits(lines, MODIFIERS, false)[0],
    () => sentenceEdits(lines, true, names)[0],
    () => remarkEdits(lines, names)[0],
    () => sentenceEdits(lines, false, names)[0],
  ]
  for (const next of steps) {
    while (current.zishu > maxZishu) {
      const edit = next()
      if (!edit) break
      removed.push(apply(lines, edit))
      current = measure()
    }
  }
  const ok = current.zishu <= maxZishu
  return {
    ok,
    text: current.text,
    before,
    zishu: current.zishu,
    target: maxZishu,
    removed,
    ...(ok ? {} : { message: messages.unreachable(path, current.zishu, maxZishu) }),
  }
}
