import { stripInvisibleCharacters } from '../invisible-characters.js'
import { isHeadingText, matchMarker } from './numbering.js'
import { unifyCharacters } from './unify-characters.js'

/**
 * Text normalization for policy documents converted from PDF/Word.
 *
 * The conversions in /work/shared/seeds show what has to be undone:
 * - conversion artefacts: `[bookmark: 一、总体要求]` (seed 002), `[footnoteRef:2] [2:  公式…]` (seed 000/001),
 *   `<p>…</p>` (seed 003's annex tables), `<http://…>` autolinks (seed 003);
 * - spaces inside Chinese sentences: "关键举 措", "数 字化", "到 2027 年" (seed 002), "超过 3个" (seed 004);
 * - hard line breaks inside sentences, even with a blank line between every wrapped line (seed 004) or a page
 *   break with a page number "(\n1\n)" in the middle of a sentence (seed 002);
 * - half-width punctuation in Chinese text: "(二) 各省…", "材料;8月31日前", "规划司:李元" (seed 003).
 *
 * Output: one paragraph per line, paragraphs separated by a blank line. A blank line (not a single newline) is
 * used so that normalizing the output again changes nothing: a short paragraph kept apart only because a
 * blank line followed it stays apart. Decisions:
 * - Spaces next to a Chinese character or Chinese punctuation are removed ("5G 网络" → "5G网络", "IPv6 地址" →
 *   "IPv6地址"), as in the typeset originals; a space between two Latin/digit tokens is kept ("Windows 11").
 *   This includes the space after a numbering marker: "1. 明确园区产业定位" → "1.明确园区产业定位".
 * - Table rows (cells separated by tabs in the conversion) stay one paragraph per row, cells separated by one tab.
 * - A footnote `[footnoteRef:N] [N:  body]` becomes an inline note "（注：body）" so its content (e.g. the
 *   indicator formulas of seed 000) is not lost; a bare `[footnoteRef:N]` is dropped.
 * - Page-number lines and running headers/footers are dropped; a line that is only a number ("12") counts as a
 *   page number, so a bare number in a converted table is lost too.
 */
export function normalizePolicyText(raw: string): string {
  const lines = stripArtefacts(raw)
    .split('\n')
    .map((line) => (line === PAGE ? PAGE : tidySpaces(normalizeChars(line))))
  const withoutPageNumbers = removePageNumbers(lines)
  const withoutHeaders = removeRunningHeaders(withoutPageNumbers)
  return joinParagraphs(withoutHeaders)
    .map((p) => p.replaceAll(CELL, '\t'))
    .join('\n\n')
}

/** Page-break sentinel: a form feed on a line of its own (PDF extraction joins pages with \f). */
const PAGE = '\f'
/** Placeholder for a table-cell gap while spaces next to Chinese text are removed (private-use character). */
const CELL = '\uE000'

/** Chinese characters and the punctuation/symbols typeset at full width next to them. */
const CJK =
  '[\\u2010-\\u2027\\u00B7\\u2160-\\u217F\\u2460-\\u24FF\\u2E80-\\u2FDF\\u3000-\\u303F\\u3040-\\u30FF\\u3100-\\u312F\\u3200-\\u32FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF]'
const HAN = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF]'

const SPACE_AFTER_CJK = new RegExp(`(${CJK}) +`, 'g')
const SPACE_BEFORE_CJK = new RegExp(` +(${CJK})`, 'g')
const HALF_PARENS_AROUND_HAN = new RegExp(`[(（]([^()（）\\n]*${HAN}[^()（）\\n]*)[)）]`, 'g')
const HALF_PUNCT_AFTER_CJK = new RegExp(`(${CJK}) *([,;:?!])`, 'g')
const FULL_WIDTH_PUNCT: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' }

function stripArtefacts(raw: string): string {
  return (
    stripInvisibleCharacters(raw)
      .replace(/\r\n?/g, '\n')
      // Word bookmarks: "[bookmark: 一、总体要求]一、总体要求" (seed 002).
      .replace(/\[bookmark:[^\]\n]*\]/g, '')
      // Footnotes: "工业园区名称[footnoteRef:0] [0:  规范填写工业园区全称。]" (seed 000).
      .replace(/\[footnoteRef:(\d+)\][ \t]*\[\1:\s*([^\]\n]*?)\s*\]/g, (_m, _n: string, body: string) =>
        body ? `（注：${body}）` : '',
      )
      .replace(/\[footnoteRef:\d+\]/g, '')
      // HTML left by table conversion (seed 003): paragraphs become lines.
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p\s*>/gi, '\n')
      .replace(/<p(?:\s[^>]*)?>/gi, '')
      .replace(/<((?:https?|ftp):\/\/[^\s<>]+)>/gi, '$1')
      .replace(/\f/g, `\n${PAGE}\n`)
      // eslint-disable-next-line no-control-regex -- removing stray control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '')
  )
}

function normalizeChars(line: string): string {
  const unified = unifyCharacters(line)
  return (
    (isTableRow(unified) ? unified : unified.replace(/\t+/g, ' '))
      // A run of tabs separates table cells ("示范基地名称\t\t\t\t批次", seed 003): keep one space there.
      .replace(/(\S)\t+(?=\S)/g, `$1${CELL}`)
      .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
      // Full-width ASCII letters and digits → half-width: "２０２４年" → "2024年", "５Ｇ" → "5G".
      .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/(\d)．/g, '$1.')
      // "(二)" → "（二）", "(网址为 …)" → "（网址为 …）": parentheses around Chinese text are full-width.
      .replace(HALF_PARENS_AROUND_HAN, '（$1）')
      // "(1)" as a numbering marker at the start of a line → "（1）".
      .replace(/^(\s*)[(（](\d{1,3})[)）]/, '$1（$2）')
      // "材料;8月" → "材料；8月", "规划司:李元" → "规划司：李元".
      .replace(HALF_PUNCT_AFTER_CJK, (_m, before: string, p: string) => before + (FULL_WIDTH_PUNCT[p] ?? p))
  )
}

/**
 * A line whose tabs separate table cells: every cell short and none a sentence. A tab inside running text
 * ("积极开展“总部+基地”\t“研发+制造”等", a PDF's justified gap read as a cell break) is a space, removed next to
 * Chinese text.
 */
function isTableRow(line: string): boolean {
  if (!line.includes('\t')) return false
  const cells = line.split(/\t+/).map((c) => c.trim()).filter((c) => c !== '')
  return cells.length >= 2 && cells.every((c) => c.length <= 40 && !/[。；！？]/.test(c))
}

function tidySpaces(line: string): string {
  return line
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(SPACE_AFTER_CJK, '$1')
    .replace(SPACE_BEFORE_CJK, '$1')
    .replace(/ *\uE000[ \uE000]*/g, CELL)
}

const PAGE_NUMBER_LINE: readonly RegExp[] = [
  /^[-—–－―~·•]+ ?\d{1,4} ?[-—–－―~·•]+$/, // - 3 -, — 3 —
  /^[(（]\d{1,4}[)）]$/, // (3)
  /^\d{1,3}$/, // 3
  /^(?:共\d{1,4}页[,，]?)?第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?$/, // 第2页, 第2页 共10页
  /^\d{1,4} ?[/／] ?\d{1,4}$/, // 2 / 10
  /^-- ?\d{1,4} of \d{1,4} ?--$/, // pdf-parse's default page joiner
  /^page ?\d{1,4}(?: ?(?:of|\/) ?\d{1,4})?$/i,
]

/** Replaces page-number lines by a page-break sentinel, so a sentence cut by the page break is joined again. */
function removePageNumbers(lines: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    // "(\n1\n)": a page number whose parts landed on three lines (seed 002).
    if (line === '(' || line === '（') {
      const j = nextNonBlank(lines, i + 1)
      const k = nextNonBlank(lines, j + 1)
      if (/^\d{1,4}$/.test(lines[j] ?? '') && (lines[k] === ')' || lines[k] === '）')) {
        out.push(PAGE)
        i = k
        continue
      }
    }
    out.push(PAGE_NUMBER_LINE.some((re) => re.test(line)) ? PAGE : line)
  }
  return out
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let i = from
  while (i < lines.length && lines[i] === '') i++
  return i
}

/**
 * Drops running headers and footers: with page breaks, a line (digits ignored) among the first or last two lines
 * of at least half the pages; without page breaks, a short line repeated at least three times far apart.
 */
function removeRunningHeaders(lines: readonly string[]): string[] {
  const key = (line: string): string => line.replace(/\d+/g, '#')
  const drop = new Set<number>()
  const pages: number[][] = [[]]
  lines.forEach((line, i) => {
    if (line === PAGE) pages.push([])
    else if (line !== '') pages[pages.length - 1]?.push(i)
  })
  const filled = pages.filter((p) => p.length > 0)
  if (filled.length >= 3) {
    const edges = filled.map((p) => [...new Set([...p.slice(0, 2), ...p.slice(-2)])])
    const pagesWithKey = new Map<string, number>()
    for (const edge of edges) {
      for (const k of new Set(edge.map((i) => key(lines[i] ?? '')))) pagesWithKey.set(k, (pagesWithKey.get(k) ?? 0) + 1)
    }
    const threshold = Math.max(2, Math.ceil(filled.length / 2))
    for (const edge of edges) {
      for (const i of edge) if ((pagesWithKey.get(key(lines[i] ?? '')) ?? 0) >= threshold) drop.add(i)
    }
  } else {
    const seen = new Map<string, number[]>()
    let ordinal = 0
    const ordinals = new Map<number, number>()
    lines.forEach((line, i) => {
      if (line === '' || line === PAGE) return
      ordinals.set(i, ordinal++)
      if (line.length > 40 || matchMarker(line) || endsSentence(line)) return
      const k = key(line)
      const indexes = seen.get(k)
      if (indexes) indexes.push(i)
      else seen.set(k, [i])
    })
    for (const indexes of seen.values()) {
      if (indexes.length < 3) continue
      const positions = indexes.map((i) => ordinals.get(i) ?? 0)
      const minGap = Math.min(...positions.slice(1).map((p, n) => p - (positions[n] ?? 0)))
      if (minGap >= 15) for (const i of indexes) drop.add(i)
    }
  }
  return lines.map((line, i) => (drop.has(i) ? PAGE : line))
}

/** True when the text ends a sentence or introduces a list: 。！？；： (closing quotes/brackets ignored). */
export function endsSentence(text: string): boolean {
  const t = text.replace(/[”’」』）)》〕】\]"']+$/, '')
  return /[。！？；：!?;:…]$/.test(t) || /\.{3,}$/.test(t)
}

/**
 * A line that is a paragraph of its own: a numbered heading (一、总体要求, （一）做强特色优势产业, 附件2), the
 * document title (first line, no sentence punctuation), or — outside hard-wrapped text — a short line without
 * running-text punctuation.
 */
function isStandaloneHeading(line: string, isFirstParagraph: boolean, hardWrapped: boolean): boolean {
  const marker = matchMarker(line)
  if (marker) return marker.kind !== 'dash' && isHeadingText(marker.rest)
  if (isFirstParagraph && line.length <= 50 && !/[。！？；]/.test(line)) return true
  return !hardWrapped && isHeadingText(line, 20)
}

/**
 * Hard-wrapped text (a PDF's visual lines, seed 004) has most lines ending mid-sentence at about the same width;
 * there a blank line carries no meaning. Otherwise (Word paragraphs, seed 002/003) a line is a paragraph or a
 * paragraph fragment and a blank line separates paragraphs.
 */
function hardWrapWidth(lines: readonly string[]): number | null {
  if (lines.length < 6) return null
  const open = lines.filter((l) => !endsSentence(l) && !isStandaloneHeading(l, false, true))
  if (open.length / lines.length < 0.5) return null
  const lengths = open.map((l) => l.length).sort((a, b) => a - b)
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0
  if (median < 15) return null
  const near = lengths.filter((n) => Math.abs(n - median) <= median * 0.2).length
  return near / lengths.length >= 0.6 ? median : null
}

function joinText(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b
}

function joinParagraphs(lines: readonly string[]): string[] {
  const wrapWidth = hardWrapWidth(lines.filter((l) => l !== '' && l !== PAGE))
  const hardWrapped = wrapWidth !== null
  const paragraphs: string[] = []
  let current: string | null = null
  let currentLines = 0
  let lastLine = ''
  let gap: 'newline' | 'blank' | 'page' = 'newline'

  const breaksBefore = (para: string, line: string): boolean => {
    // A table row (cells separated by tabs) is a paragraph of its own.
    if (para.includes(CELL) || line.includes(CELL)) return true
    if (matchMarker(line)) return true
    if (endsSentence(para)) return true
    // Across a page break only a numbered heading stands alone: a page never ends right after a title.
    const isFirst = paragraphs.length === 0 && gap !== 'page'
    if (currentLines === 1 && isStandaloneHeading(para, isFirst, hardWrapped || gap === 'page')) return true
    if (hardWrapped) {
      // A line well short of the wrap width ends its paragraph, unless it stops at a comma.
      return lastLine.length < (wrapWidth ?? 0) * 0.6 && !/[，、,]$/.test(lastLine)
    }
    // A blank line separates paragraphs, except inside a long paragraph cut by a page break ("积极\n\n开展", seed 002).
    if (gap === 'blank') return para.length < 50 || isHeadingText(line, 20)
    return false
  }

  for (const line of lines) {
    if (line === PAGE) {
      gap = 'page'
      continue
    }
    if (line === '') {
      if (gap !== 'page') gap = 'blank'
      continue
    }
    if (current === null) {
      current = line
      currentLines = 1
    } else if (breaksBefore(current, line)) {
      paragraphs.push(current)
      current = line
      currentLines = 1
    } else {
      current = joinText(current, line)
      currentLines++
    }
    lastLine = line
    gap = 'newline'
  }
  if (current !== null) paragraphs.push(current)
  return paragraphs
}
