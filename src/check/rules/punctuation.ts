import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { RuleFinding, Severity } from '../finding.js'
import { defineRule } from '../rule.js'
import { blockRange, textBlocks, type TextBlock } from '../text-blocks.js'
import { pairMarks, type Mark } from '../bracket-pairs.js'
import { matchesNear, matchesOf } from '../../regex-matches.js'

/**
 * Punctuation of Chinese text (GB/T 15834 标点符号用法), the mistakes a draft pasted from Word, PDF or an
 * English keyboard carries: half-width , ; : ? ! ( ) . next to Chinese characters, straight or corner quotes,
 * unpaired brackets and quotes, doubled marks, and spaces between Chinese characters (PDF line-wrap artefacts,
 * as in the seed 003 conversion: “场占有 率”). Numbers, Latin tokens, URLs and e-mail addresses keep their own
 * punctuation: 2.46, 1:500, 8:30, 1,200, IPv6, 5G-A, https://…, and (GB/T 4754-2017) written in Latin context.
 *
 * Clear mistakes are errors; choices a careful writer might defend (quotes style, brackets around Latin text,
 * ellipsis form, stray spaces) are warnings. Every replacement comes with a fix; an unpaired mark is only pointed at,
 * because only the writer knows where its partner belongs. So are the traces of a deletion: 、、 in a list (an item
 * is missing, not a mark too many) and a comma right after a preposition (“该奖项由，旨在……”, src/check/data/gap-words.json).
 */

const HALF_TO_FULL: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' }
// Strength of a sentence-internal mark, to decide which of two doubled marks to keep (“，。” → “。”).
const MARK_RANK: Readonly<Record<string, number>> = { '？': 5, '！': 5, '。': 4, '；': 3, '：': 2, '，': 1, '、': 0 }

const HAN = /\p{Script=Han}/u
// Full-width and CJK punctuation: 、。《》「」【】〔〕 (U+3000 block), ，；：！？（） (full-width forms), quotes, … and —.
const CJK_PUNCT = /[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—]/u
const isHan = (ch: string | undefined) => ch !== undefined && HAN.test(ch)
const isCjk = (ch: string | undefined) => ch !== undefined && (HAN.test(ch) || CJK_PUNCT.test(ch))
const isDigit = (ch: string | undefined) => ch !== undefined && /[0-9]/.test(ch)
const isSpace = (ch: string | undefined) => ch !== undefined && /[ \t\u00a0]/.test(ch)

// Text that keeps Latin punctuation whatever surrounds it.
const URL_PATTERN = /(?:https?|ftp):\/\/[^\s\u3000-\u303f\uff00-\uffef\p{Script=Han}“”‘’]+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s\u3000-\u303f\uff00-\uffef\p{Script=Han}“”‘’]*/gu
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g
// Closing marks a half-width mark may follow, and opening marks it may precede: “数治园区”,提升 / 园区,“链长制”.
const CLOSERS = new Set(['"', "'", ')', '”', '’', '）', '》', '】', '」', '』'])
const OPENERS = new Set(['"', "'", '(', '“', '‘', '（', '《', '【', '「', '『'])

// Quote marks are named rather than quoted: “““”没有配对的“””” cannot be read.
const QUOTE_NAMES: Readonly<Record<string, string>> = {
  '“': '左双引号', '”': '右双引号', '‘': '左单引号', '’': '右单引号', '"': '直双引号', "'": '直单引号',
  '「': '直角引号', '」': '直角引号', '『': '双直角引号', '』': '双直角引号',
}
const markLabel = (mark: string) => QUOTE_NAMES[mark] ?? `“${mark}”`

const MAX_STRAY_SPACES = 2

// Prepositions and 是 that a comma cannot follow (“该奖项由，旨在……”): data a domain expert edits.
const GapWordsSchema = z.object({ words: z.array(z.object({ word: z.string().min(1), notAfter: z.string() })).min(1) })
const GAP_WORDS = GapWordsSchema.parse(JSON.parse(readFileSync(new URL('../data/gap-words.json', import.meta.url), 'utf8'))).words

const messages = {
  halfWidth: (mark: string, full: string) => `中文语境中的半角“${mark}”应改为全角“${full}”。`,
  halfBracketLatin: (mark: string, full: string) => `括号位于中文句子中，即使括号内没有汉字，也宜用全角“${full}”代替半角“${mark}”（GB/T 15834）。`,
  halfPeriod: '中文句末的半角“.”应改为句号“。”。',
  straightQuote: (full: string) => `中文内容应使用弯引号，此处直引号应改为${markLabel(full)}。`,
  cornerQuote: (mark: string, full: string) => `${markLabel(mark)}是港台及日文用法，内地公文应改为${markLabel(full)}。`,
  unmatched: (mark: string, partner: string) => `${markLabel(mark)}没有配对的${markLabel(partner)}，请检查是否漏写或多写。`,
  unmatchedSuggestion: '补上缺少的另一半，或删去多余的符号。',
  repeated: (run: string) => `标点“${run}”重复，应只保留一个。`,
  listGap: '顿号“、、”连用，列举中可能缺少一项。',
  listGapSuggestion: '补上漏掉的一项；如无遗漏，删去多余的“、”。',
  gap: (word: string) => `“${word}”后直接接逗号，可能漏写了内容。`,
  gapSuggestion: '补上漏写的内容（如“由”后的单位名称）；如无遗漏，删去逗号或改写句子。',
  mixed: (run: string, keep: string) => `标点“${run}”连用，应只保留“${keep}”。`,
  ellipsis: (run: string) => `省略号应写作“……”，不应写作“${run}”。`,
  cjkSpace: '汉字之间多出空格（常见于从 PDF 或 Word 复制的文字），应删除。',
  figureSpace: '数字与汉字、单位或百分号之间多出空格，应删除。',
  hanDash: '连接两项中文内容（起止、流程、关系）用一字线“—”，不用短横线“-”（GB/T 15834）。',
  timeRange: '标示时间的起止用一字线“—”，不用短横线“-”（GB/T 15834）。',
  numberRange: '标示数值范围用浪纹线“～”（GB/T 15834）。',
  commaInQuote: '引号内不是完整的句子时，逗号应放在引号之外。',
}

/** A finding in block coordinates, before it is mapped to the source. */
interface Hit {
  from: number
  to: number
  severity: Severity
  message: string
  suggestion?: string
  /** Replacement of [from, to); omitted when only a person can decide. */
  replace?: string
}

export const punctuationRule = defineRule({
  meta: {
    id: 'punctuation',
    description: '标点符号：中文中的半角标点、直引号、括号引号不配对、标点重复、列举漏项、介词后缺内容、汉字间多余空格',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    const spacedFigures = figureSpacingStyle(doc.source)
    return textBlocks(doc).flatMap((block) => blockFindings(block, (from, to) => blockRange(doc, block, from, to), spacedFigures))
  },
})

function blockFindings(block: TextBlock, range: (from: number, to: number) => { start: number; end: number }, spacedFigures: boolean): RuleFinding[] {
  const text = block.text
  const masked = maskLatinSpans(text)
  const hits = [
    ...bracketHits(text, masked),
    ...halfWidthHits(text, masked),
    ...runHits(text, masked),
    ...gapHits(text, masked),
    ...spaceHits(text, spacedFigures),
    ...dashHits(text, masked),
    ...commaInQuoteHits(text),
  ]
  // Fixes of one rule must not overlap (the runner applies them together): the first one by position wins and
  // the other finding is still reported, without its fix, until the next check.
  hits.sort((a, b) => a.from - b.from || a.to - b.to)
  let fixedUpTo = -1
  return hits.map((hit) => {
    const { start, end } = range(hit.from, hit.to)
    const finding: RuleFinding = { message: hit.message, start, end, severity: hit.severity }
    if (hit.suggestion) finding.suggestion = hit.suggestion
    if (hit.replace !== undefined && hit.from >= fixedUpTo) {
      finding.fix = { start, end, text: hit.replace }
      fixedUpTo = hit.to
    }
    return finding
  })
}

/**
 * Characters inside URLs and e-mail addresses, whose punctuation is not prose punctuation: 1 at such a character.
 * (A byte per character: this and the scans below run over every character of every block.)
 */
function maskLatinSpans(text: string): Uint8Array {
  const masked = new Uint8Array(text.length)
  for (const pattern of [URL_PATTERN, EMAIL]) {
    for (const match of matchesOf(text, pattern)) {
      // A sentence mark right after a URL is not part of it: 详见https://www.miit.gov.cn.
      const length = match[0].replace(/[.,;:!?)]+$/, '').length
      masked.fill(1, match.index, match.index + length)
    }
  }
  return masked
}

/** Pairs of brackets and quotes: half-width or straight ones in Chinese text, corner quotes, unpaired marks. */
function bracketHits(text: string, masked: Uint8Array): Hit[] {
  const { pairs, unmatched } = pairMarks(text, masked)
  const hits: Hit[] = []
  const hanInside = hanCounter(text)

  for (const { open, close, nested } of pairs) {
    const hasHan = hanInside(open.index + 1, close.index)
    if (open.family === 'round') {
      const halves = [open, close].filter((mark) => mark.char === '(' || mark.char === ')')
      if (!halves.length) continue
      // One full-width side, or Chinese inside, makes it Chinese brackets; Latin inside next to Chinese text
      // (制造执行系统(MES)) is style; Latin inside Latin context (IEC 61850 (Edition 2)) is left alone.
      const chinese = halves.length === 1 || hasHan
      const chineseContext = isCjk(text[open.index - 1]) || isCjk(text[close.index + 1])
      if (!chinese && !chineseContext) continue
      for (const mark of halves) {
        const full = HALF_TO_FULL[mark.char]!
        hits.push({
          from: mark.index,
          to: mark.index + 1,
          severity: chinese ? 'error' : 'warning',
          message: chinese ? messages.halfWidth(mark.char, full) : messages.halfBracketLatin(mark.char, full),
          replace: full,
        })
      }
    } else if (open.family === 'double' || open.family === 'single') {
      const straight = (mark: Mark) => mark.char === '"' || mark.char === "'"
      // Straight quotes count only around Chinese text (or when the other side is already curly).
      const mixed = straight(open) !== straight(close)
      const marks = [open, close].filter((mark) => (straight(mark) ? hasHan || mixed : mark.char in CORNER_TO_CURLY))
      for (const mark of marks) {
        const full = straight(mark) ? curlyQuote(mark === open, nested) : CORNER_TO_CURLY[mark.char]!
        hits.push({
          from: mark.index,
          to: mark.index + 1,
          severity: 'warning',
          message: straight(mark) ? messages.straightQuote(full) : messages.cornerQuote(mark.char, full),
          replace: full,
        })
      }
    }
  }

  for (const { mark, partner } of unmatched) {
    // A lone straight quote or half-width bracket in Latin text (12" pipe, a) is not this rule's business.
    if ('"\'()'.includes(mark.char) && !isHan(text[mark.index - 1]) && !isHan(text[mark.index + 1])) continue
    hits.push({
      from: mark.index,
      to: mark.index + 1,
      severity: 'error',
      message: messages.unmatched(mark.char, partner),
      suggestion: messages.unmatchedSuggestion,
    })
  }
  return hits
}

/**
 * Whether text[from, to) holds a Chinese character, in O(1) after one pass: nested brackets (（（（…）））) would
 * otherwise read their contents again for every level.
 */
function hanCounter(text: string): (from: number, to: number) => boolean {
  let before: Int32Array | undefined
  return (from, to) => {
    if (!before) {
      before = new Int32Array(text.length + 1)
      for (let i = 0; i < text.length; i += 1) {
        // A character outside the BMP (𠮷) is two code units: its first one is tested with the second.
        const unit = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) < 0xdc00 ? text.slice(i, i + 2) : text[i]
        before[i + 1] = before[i]! + (isHan(unit) ? 1 : 0)
      }
    }
    return before[to]! > before[from]!
  }
}

const CORNER_TO_CURLY: Readonly<Record<string, string>> = { '「': '“', '」': '”', '『': '‘', '』': '’' }

/** Chinese quotes: “” outside, ‘’ inside another quotation — a straight '…' at the top level becomes “…”. */
function curlyQuote(opening: boolean, nested: boolean): string {
  if (nested) return opening ? '‘' : '’'
  return opening ? '“' : '”'
}

const HALF_WIDTH_MARKS: ReadonlySet<number> = new Set([...',;:?!.'].map((mark) => mark.charCodeAt(0)))

/** Half-width , ; : ? ! . written in Chinese text. */
function halfWidthHits(text: string, masked: Uint8Array): Hit[] {
  const hits: Hit[] = []
  for (let i = 0; i < text.length; i += 1) {
    // Read as a code first: text[i] of a Chinese character makes a new string, and nearly every character is one.
    if (!HALF_WIDTH_MARKS.has(text.charCodeAt(i)) || masked[i]) continue
    const mark = text[i]!
    const prev = text[i - 1]
    const next = text[i + 1]
    // 1,200 家 / 比例尺 1:500 / 8:30 / 2.46: a mark between digits belongs to the number.
    if (isDigit(prev) && isDigit(next)) continue
    const before = contextBefore(text, i)
    const after = contextAfter(text, i)

    if (mark === '.') {
      // Runs of dots are an ellipsis (runHits); a dot after a digit is a decimal or a list number (1.建设).
      if (prev === '.' || next === '.' || isDigit(prev)) continue
      const endsChinese = isHan(before) || before === '%'
      // The next sentence starts right away (or after spaces); “园区. The park” is English, left alone.
      const nextOk = next === undefined || isCjk(after) || (isSpace(next) && after === undefined)
      if (!endsChinese || !nextOk) continue
      hits.push({ from: i, to: spacedEnd(text, i), severity: 'error', message: messages.halfPeriod, replace: '。' })
      continue
    }
    if (!isHan(before) && !isHan(after)) continue
    const full = HALF_TO_FULL[mark]!
    hits.push({ from: i, to: spacedEnd(text, i), severity: 'error', message: messages.halfWidth(mark, full), replace: full })
  }
  return hits
}

/** The letter before position `i`, looking past spaces and closing quotes/brackets. */
function contextBefore(text: string, i: number): string | undefined {
  let j = i - 1
  while (j >= 0 && (isSpace(text[j]) || CLOSERS.has(text[j]!))) j -= 1
  return text[j]
}

/** The letter after position `i`, looking past spaces and opening quotes/brackets. */
function contextAfter(text: string, i: number): string | undefined {
  let j = i + 1
  while (j < text.length && (isSpace(text[j]) || OPENERS.has(text[j]!))) j += 1
  return text[j]
}

/** End of a half-width mark together with the English-style spaces after it (“园区, 企业” → “园区，企业”). */
function spacedEnd(text: string, i: number): number {
  let end = i + 1
  while (isSpace(text[end])) end += 1
  return end < text.length && isCjk(text[end]) ? end : i + 1
}

/** Doubled marks (，，  。。  ，。) and ellipses written as ... 。。。 or a single …. */
function runHits(text: string, masked: Uint8Array): Hit[] {
  const hits: Hit[] = []
  for (const match of matchesOf(text, /\.{3,}|。{3,}|、{3,}|(?<!…)…(?!…)|[，。；：、！？]{2,}/gu)) {
    const run = match[0]
    const from = match.index
    const to = from + run.length
    if (run.startsWith('.') || run === '…') {
      if (masked[from] || (!isHan(contextBefore(text, from)) && !isHan(contextAfter(text, to - 1)))) continue
      hits.push({ from, to, severity: 'warning', message: messages.ellipsis(run), replace: '……' })
    } else if (run.length >= 3 && (/^。+$/.test(run) || /^、+$/.test(run))) {
      hits.push({ from, to, severity: 'warning', message: messages.ellipsis(run), replace: '……' })
    } else if (/^[！？]+$/.test(run) && new Set(run).size > 1) {
      // “？！” is an accepted combination of a question and an exclamation (GB/T 15834).
      continue
    } else if (run === '、、') {
      // Two 顿号 with nothing between them: an item of the list was deleted (“……开发区、、江苏……”). Only the writer
      // knows whether one is missing, so no fix.
      hits.push({ from, to, severity: 'error', message: messages.listGap, suggestion: messages.listGapSuggestion })
    } else if (new Set(run).size === 1) {
      hits.push({ from, to, severity: 'error', message: messages.repeated(run), replace: run[0]! })
    } else {
      const keep = [...run].reduce((best, mark) => (MARK_RANK[mark]! > MARK_RANK[best]! ? mark : best))
      hits.push({ from, to, severity: 'error', message: messages.mixed(run, keep), replace: keep })
    }
  }
  return hits
}

const FULL_COMMA = '，'.charCodeAt(0)
const HALF_COMMA = ','.charCodeAt(0)

/** A preposition or 是 directly followed by a comma (gap-words.json): its object was deleted. No fix. */
/** The first gap word that ends right before the comma at `comma` (a plain loop: this runs at every comma of a draft). */
function gapWordBefore(text: string, comma: number): (typeof GAP_WORDS)[number] | undefined {
  for (const entry of GAP_WORDS) {
    const from = comma - entry.word.length
    if (from >= 0 && text.startsWith(entry.word, from) && !(from > 0 && entry.notAfter.includes(text[from - 1]!))) return entry
  }
  return undefined
}

function gapHits(text: string, masked: Uint8Array): Hit[] {
  const hits: Hit[] = []
  for (let i = 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if ((code !== FULL_COMMA && code !== HALF_COMMA) || masked[i]) continue
    const entry = gapWordBefore(text, i)
    if (!entry) continue
    hits.push({ from: i - entry.word.length, to: i + 1, severity: 'warning', message: messages.gap(entry.word), suggestion: messages.gapSuggestion })
  }
  return hits
}

/**
 * Spaces between two Chinese characters or marks: Chinese text has no word spaces, and PDF line wrapping leaves
 * one (“数 字化”). Longer runs are deliberate blanks of a form (填写日期：    年    月    日) and are left alone. So are
 * the spaces that separate rather than split: two balanced halves of a slogan or title (筑巢引凤添动力 招商引资促发展,
 * “项目攻坚年 作风建设年”), the parts of a heading line, and names in a byline (（吴建军 王齐）).
 * A space between a figure and what it counts (工业总产值 72.38亿元, 27.77 %, 1500万元 用于) is a slip as well.
 */
function spaceHits(text: string, spacedFigures: boolean): Hit[] {
  const headingLine = !/[。！？；!?;，,]/u.test(text)
  const inTitle = titleMask(text)
  const hits: Hit[] = []
  for (const match of matchesOf(text, /[ \t\u00a0\u3000]+/g)) {
    const from = match.index
    const to = from + match[0].length
    if (match[0].length > MAX_STRAY_SPACES || inTitle[from]) continue
    const prev = text[from - 1]
    const next = text[to]
    // 签约项目10个 总投资, 海东工业园区 意向签约 160亿元: the parts of a headline.
    if (headingLine && tokenLength(text, from, -1) >= 4 && tokenLength(text, to, 1) >= 4) continue
    if (isCjk(prev) && isCjk(next)) {
      if (!separatesParts(text, from, to, headingLine)) hits.push({ from, to, severity: 'warning', message: messages.cjkSpace, replace: '' })
    } else if (spacedFigures) {
      continue
    } else if ((isHan(prev) && isDigit(next)) || (isDigit(prev) && (isHan(next) || next === '%' || next === '‰') && !afterLatin(text, from) && !listNumber(text, from))) {
      hits.push({ from, to, severity: 'warning', message: messages.figureSpace, replace: '' })
    }
  }
  return hits
}

// A draft typeset with spaces around its figures (园区 12 家企业实现产值 3.5 亿元) follows a web style, not a slip:
// from this many spaced figures on, the spaces are the layout's.
const SPACED_STYLE_MIN = 3
const FIGURE_EDGE_SPACED = /[\u4e00-\u9fa5][ \u00a0]\d|\d[ \u00a0][\u4e00-\u9fa5%]/gu

/**
 * Whether the draft spaces its figures as a layout choice: a web page's typesetting puts a space around figures in
 * many places (世界 500 强, 1—9 月), a slip leaves one or two.
 */
function figureSpacingStyle(source: string): boolean {
  return (source.match(FIGURE_EDGE_SPACED)?.length ?? 0) >= SPACED_STYLE_MIN
}

/** Length of the run of non-space characters from `at` in direction `step` (-1: the run ending before `at`). */
function tokenLength(text: string, at: number, step: 1 | -1): number {
  let i = step === 1 ? at : at - 1
  let length = 0
  while (i >= 0 && i < text.length && !isSpace(text[i]) && text[i] !== '\u3000') {
    length += 1
    i += step
  }
  return length
}

const TITLE_OPEN = '《'.charCodeAt(0)
const TITLE_CLOSE = '》'.charCodeAt(0)

/** Whether each character lies inside 《…》 (1) or not (0): a cited title is quoted as published, spaces and all. */
function titleMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length)
  let depth = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code === TITLE_OPEN) depth += 1
    if (depth > 0) mask[i] = 1
    if (code === TITLE_CLOSE && depth > 0) depth -= 1
  }
  return mask
}

// How far a run of Chinese characters around a space is read: a slogan half or a name is short.
const MAX_PART = 24
const PART_EDGE = /^[\s“”‘’「」（）()《》【】：:—]?$/u

/** Whether the space at [from, to) separates two parts (slogan halves, heading parts, names) rather than splitting a word. */
function separatesParts(text: string, from: number, to: number, headingLine: boolean): boolean {
  let left = from
  while (left > 0 && from - left < MAX_PART && isHan(text[left - 1])) left -= 1
  let right = to
  while (right < text.length && right - to < MAX_PART && isHan(text[right])) right += 1
  const leftLength = from - left
  const rightLength = right - to
  // A part must run from an edge (line start, quote, bracket, colon, another space) to the space.
  if (!PART_EDGE.test(text[left - 1] ?? '') || !PART_EDGE.test(text[right] ?? '')) return headingLine && leftLength >= 4 && rightLength >= 4
  if (leftLength >= 4 && rightLength >= 4 && (headingLine || Math.abs(leftLength - rightLength) <= 1)) return true
  // 吴建军 王齐 inside brackets or on a line of its own: names of two to four characters.
  return leftLength >= 2 && leftLength <= 4 && rightLength >= 2 && rightLength <= 4
}

/** Whether the digits ending at `end` open the paragraph: a list number (01 以管委会为核心), not a figure. */
function listNumber(text: string, end: number): boolean {
  return /^\s*\d{1,3}$/u.test(text.slice(0, end))
}

/** Whether the figure ending at `end` belongs to a Latin token (IPv6 地址, Q3 季度): spacing there is Latin usage. */
function afterLatin(text: string, end: number): boolean {
  let i = end - 1
  while (i >= 0 && /[0-9.]/.test(text[i]!)) i -= 1
  return i >= 0 && /[A-Za-z]/.test(text[i]!)
}

// 绿电生产-绿电消纳: a hyphen between Chinese words. 1-9月, 8月22-27日, 1-3个: a range written with a hyphen; a
// digit run of five or more (a telephone number), a Latin token (GB/T 4754-2017) or a date (2024-10-24) is left alone.
const HAN_DASH = /(?<=\p{Script=Han})[-－](?=\p{Script=Han})/gu
const RANGE_DASH = /(?<![\dA-Za-z./\-－])\d{1,4}(?:\.\d+)?\s*([年月日号])?\s*([-－])\s*\d{1,4}(?:\.\d+)?\s*(?=([年月日号时天个家项%倍万亿千百元吨人户亩次]))/gu
// 50%——60%: a dash of two em widths between figures marks a range.
const DOUBLE_DASH_RANGE = /(?<=[\d%])——(?=\d)/gu

/** Hyphens where Chinese typography wants 一字线 or 浪纹线 (GB/T 15834 4.13). */
function dashHits(text: string, masked: Uint8Array): Hit[] {
  const hits: Hit[] = []
  for (const match of matchesOf(text, HAN_DASH)) {
    if (!masked[match.index]) hits.push({ from: match.index, to: match.index + 1, severity: 'warning', message: messages.hanDash, replace: '—' })
  }
  for (const match of matchesOf(text, RANGE_DASH)) {
    const at = match.index + match[0].lastIndexOf(match[2]!)
    if (masked[at]) continue
    const time = match[1] !== undefined || /[年月日号时]/u.test(match[3]!)
    hits.push({ from: at, to: at + 1, severity: 'warning', message: time ? messages.timeRange : messages.numberRange, replace: time ? '—' : '～' })
  }
  // It opens with its lookbehind: tried only at each ——, not at every character (regex-matches.ts).
  for (const match of matchesNear(text, DOUBLE_DASH_RANGE, '——', 0)) {
    hits.push({ from: match.index, to: match.index + 2, severity: 'warning', message: messages.numberRange, replace: '～' })
  }
  return hits
}

// “……转变，”陈福昊说。 — quoted speech followed by its speaker keeps the comma inside (GB/T 15834 4.3.3).
const SPEAKER_AFTER = /^[^，。；：！？“”]{0,24}?(?:说|表示|介绍|指出|坦言|告诉|称|强调|认为|谈到|感慨|透露|补充)/u

/** 谁靠，”: a comma before the closing quote of a quoted phrase belongs outside it (按照“……谁靠”，及时……). */
function commaInQuoteHits(text: string): Hit[] {
  return [...matchesOf(text, /，”/gu)].filter((match) => !SPEAKER_AFTER.test(text.slice(match.index + 2, match.index + 40))).map((match) => ({
    from: match.index,
    to: match.index + 2,
    severity: 'warning' as const,
    message: messages.commaInQuote,
    replace: '”，',
  }))
}
