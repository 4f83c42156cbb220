import { matchesOf } from '../regex-matches.js'
/**
 * Numbers as they are written in Chinese report prose: "1.2万个监测点位", "由71.3%提升至93.6%".
 * Used on park-data texts (figure index, before/after pairs) and reusable on drafts, so that a number in a draft and
 * the same number in the data are read the same way.
 */

/** An Arabic-digit number with optional thousands separators and decimals. Chinese numerals are not read. */
const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`

/**
 * Units seen in park materials and the 000/001/003 indicator tables. Longest first so that 吨/吨标准煤 wins over 吨.
 * A magnitude (万/亿/千/百) may precede any of them: 1.2万个, 12万吨, 1.8亿条.
 */
const UNITS = [
  '%', '‰', '个百分点', '百分点',
  '吨/吨标准煤', '万元/亩', '立方米/万元', '吨水/百米布', '千克标准煤/百米布', '吨标准煤/万元', '次/年',
  // Intensities of the green indicators (per 万元 of output or value added, per tonne of product, per person or area).
  '吨/万元', '千克/万元', '千瓦时/万元', '千克标准煤/万元', '吨二氧化碳/万元', '立方米/吨', '千瓦时/吨', '千克/吨', '吨/吨',
  '万元/人', '亿元/平方公里', '万元/公顷', '亿元/公顷', '吨/年', '家次',
  '吨标准煤', '千瓦时', '兆瓦时', '吉瓦时', '兆瓦', '千瓦', '吉瓦', '兆帕',
  '平方公里', '平方米', '公顷', '亩', '立方米', '公里', '千米', '米',
  '元', '吨', '千克', '公斤',
  '台（套）', '台(套)', '台套', '台', '套', '个月', '个', '家', '项', '条', '座', '人次', '人', '名', '次', '起',
  '分钟', '小时', '天', '周', '年', '月', '倍', '件', '款', '户', '辆', '批', '所', '栋', '场', '类', '种', '张', '份', '篇',
  'Gbps', 'Mbps', 'GB', 'TB', 'PB', 'G',
].sort((a, b) => b.length - a.length)

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
// Units as listed first: a listed unit may itself start with a magnitude (万元/亩), which the magnitude-then-unit
// form would read as 万 + 元 and stop, without trying the whole unit.
const UNIT_ALTERNATIVES = UNITS.map(escape).join('|')
const UNIT_RE = String.raw`(?:(?:${UNIT_ALTERNATIVES})|(?:万|亿|千|百)(?:${UNIT_ALTERNATIVES})|万|亿)`

/** A number as written, without the words around it (numbersIn). */
export interface WrittenNumber {
  value: number
  /** Unit as written, magnitude included ('万个'); '' when none follows. */
  unit: string
  /** The number and unit as written, e.g. '1.2万个'. */
  raw: string
  /** Offset of the number in the text. */
  index: number
  /** A 4-digit year followed by 年 (2006年): a date, not a quantity. */
  isYear: boolean
}

export interface TextNumber extends WrittenNumber {
  /** Up to 20 characters before the number within its clause, e.g. 接入 in "接入1.2万个监测点位". */
  context: string
  /** Up to 12 characters after the number and its unit within its clause, e.g. 监测点位 in "接入1.2万个监测点位". */
  contextAfter: string
}

const NUMBER_RE = new RegExp(String.raw`(${NUM})(${UNIT_RE})?`, 'g')
const ANY_DIGIT = /\d/
/** Clause delimiters: a subject or context never spans them. Code units, looked up without a string per character. */
const CLAUSE_BREAK = new Set(Array.from('，。；、：:,;！？!?\n（）()“”', (c) => c.charCodeAt(0)))

/** The numbers of a text with the words of their clause around them (the park's texts, uploaded materials). */
export function extractNumbers(text: string): TextNumber[] {
  return numbersIn(text).map((n) => ({
    ...n,
    context: clauseBefore(text, n.index, 20).replace(/^[\d.,%]+[年月日号]?/, ''),
    contextAfter: clauseAfter(text, n.index + n.raw.length, 12),
  }))
}

/**
 * The numbers of a text as written, read as extractNumbers reads them but without their context: a draft's figures
 * are read with windows of their own (draft-figures.ts), for every sentence of every check.
 */
export function numbersIn(text: string): WrittenNumber[] {
  const out: WrittenNumber[] = []
  // Most sentences of a report have no digit: one quick scan instead of trying the number pattern at every character.
  if (!ANY_DIGIT.test(text)) return out
  for (const m of matchesOf(text, NUMBER_RE)) {
    const index = m.index
    // Digits right after a Latin letter are part of a code (P1, M2, L2级), not a quantity.
    const before = text[index - 1]
    if (before !== undefined && /[A-Za-z]/.test(before)) continue
    const digits = m[1]!
    const unit = m[2] ?? ''
    out.push({ value: Number(digits.replace(/,/g, '')), unit, raw: m[0], index, isYear: /^(19|20)\d{2}$/.test(digits) && unit === '年' })
  }
  return out
}

export interface TextChange {
  /** What changed, taken from the clause before 由/从, e.g. 工业固体废弃物综合利用率; '' when not found. */
  subject: string
  from: { value: number; unit: string; period?: string }
  to: { value: number; unit: string; period?: string }
  /** 'down' for 降/减/缩/压, 'up' for 提/增/升/扩, undefined for a bare 从A到B. */
  direction?: 'up' | 'down'
  raw: string
  index: number
}

const VERB_DOWN = ['降低', '下降', '减少', '缩短', '压缩', '压减', '降', '减']
const VERB_UP = ['提升', '提高', '增加', '增长', '上升', '扩大', '跃升', '攀升', '延长', '升', '增']
const VERB = [...VERB_DOWN, ...VERB_UP].sort((a, b) => b.length - a.length).join('|')
const PERIOD = String.raw`(?:(\d{4})年(?:底|末|度)?的?)?`
const LEAD_UNIT = String.raw`([^\d\s，。；、,;：:（）()“”的]{0,10}?)`
const TAIL_UNIT = String.raw`([^\d\s，。；、,;：:（）()“”的]{0,10})`
/** 由A降至B, 由A提升至B, 从A到B, 从2023年的A提升到2025年的B, 由A降为B. */
const CHANGE_RE = new RegExp(
  String.raw`(?:由|从)${PERIOD}(${NUM})${LEAD_UNIT}(?:(${VERB})(?:至|到|为)|至|到)${PERIOD}(${NUM})${TAIL_UNIT}`,
  'g',
)
const TRAILING_WORDS = /(以内|以上|以下|左右|之内|上下|内|多|余)$/

export function extractChanges(text: string): TextChange[] {
  const out: TextChange[] = []
  for (const m of matchesOf(text, CHANGE_RE)) {
    const [, p1, n1, u1raw, verb, p2, n2, u2raw] = m
    let u1 = u1raw ?? ''
    let u2 = u2raw ?? ''
    // The second unit runs to the clause end, so cut it back to the first unit or a known trailing word.
    if (u1 !== '' && (u2 === '' || u2.startsWith(u1))) u2 = u1
    else u2 = u2.replace(TRAILING_WORDS, '')
    if (u1 === '') u1 = u2
    const direction = verb === undefined ? undefined : VERB_DOWN.includes(verb) ? 'down' : 'up'
    out.push({
      subject: subjectBefore(text, m.index),
      from: { value: Number(n1!.replace(/,/g, '')), unit: u1, ...(p1 ? { period: p1 } : {}) },
      to: { value: Number(n2!.replace(/,/g, '')), unit: u2, ...(p2 ? { period: p2 } : {}) },
      ...(direction ? { direction } : {}),
      raw: m[0],
      index: m.index,
    })
  }
  return out
}

function clauseBefore(text: string, index: number, max: number): string {
  let start = index
  while (start > 0 && index - start < max && !CLAUSE_BREAK.has(text.charCodeAt(start - 1))) start--
  return text.slice(start, index)
}

function clauseAfter(text: string, index: number, max: number): string {
  let end = index
  while (end < text.length && end - index < max && !CLAUSE_BREAK.has(text.charCodeAt(end))) end++
  return text.slice(index, end)
}

/** The noun phrase before 由/从: the clause so far, without a leading year ("2025年") or connective. */
function subjectBefore(text: string, index: number): string {
  return clauseBefore(text, index, 30)
    .replace(/^\d{4}年(底|末)?/, '')
    .replace(/^(其中|同时|并且|并|使得|使|推动|带动|实现|助力)/, '')
    .trim()
}
