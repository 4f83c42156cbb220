import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { RuleFinding } from '../finding.js'
import { homophoneSlips } from '../homophone-slips.js'
import { defineRule } from '../rule.js'
import { SURNAME_SOURCE } from '../surnames.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { boundaryTest } from '../words.js'
import { matchesOf } from '../../regex-matches.js'

/**
 * Typos an official-document editor marks in any draft, without park data: a curated confusion list (布署 → 部署,
 * 截止 before a date → 截至, 企业入住 → 入驻, 万平 → 万平方米), 的 where 地 or 得 belongs (扎实有序的推进, 进展的非常顺利),
 * a doubled function word (的的), and a stray ASCII symbol (`) among Chinese characters. Word lists and contexts:
 * src/check/data/typo-words.json. Every finding carries the certain fix.
 */

const regex = z.string().transform((source) => new RegExp(source, 'u'))
const ConfusionSchema = z.object({
  wrong: z.string().min(2),
  right: z.string().min(2),
  followedBy: regex.optional(),
  precededBy: regex.optional(),
  notFollowedBy: regex.optional(),
  notPrecededBy: regex.optional(),
})
const TypoWordsSchema = z.object({
  $comment: z.string(),
  confusions: z.array(ConfusionSchema).min(1),
  adverbials: z.array(z.string().min(1)).min(1),
  adverbialVerbs: z.array(z.string().min(1)).min(1),
  complementVerbs: z.array(z.string().min(1)).min(1),
  degreeWords: z.array(z.string().min(1)).min(1),
  complementAdverbs: z.array(z.string().min(1)).min(1),
  degreeNotFollowedBy: regex,
  doubled: z.array(z.object({ text: z.string().length(2), exceptFollowedBy: regex.optional(), exceptPrecededBy: regex.optional() })).min(1),
  notDoubled: z.string().min(1),
})
type Confusion = z.infer<typeof ConfusionSchema>
const WORDS = TypoWordsSchema.parse(JSON.parse(readFileSync(new URL('../data/typo-words.json', import.meta.url), 'utf8')))

const alternatives = (words: readonly string[]) => words.toSorted((a, b) => b.length - a.length).join('|')
// How far around a match the contexts of the data file look.
const CONTEXT = 16
const CONFUSION = new RegExp(alternatives(WORDS.confusions.map((entry) => entry.wrong)), 'gu')
const CONFUSIONS_BY_WORD = new Map<string, Confusion[]>()
for (const entry of WORDS.confusions) CONFUSIONS_BY_WORD.set(entry.wrong, [...(CONFUSIONS_BY_WORD.get(entry.wrong) ?? []), entry])
// 扎实有序的推进协同排产 / 全面超额的完成了: an adverbial, 的, a verb. The verb must show it is one (了/着/过 or the
// clause ends after it), or the adverbial must open its clause (一个有效的推进机制 is a noun phrase and is left alone).
// Each pattern around 的 matches the 的 first and looks back from after it: the same matches, but the engine tries only
// the places where a 的 stands instead of reading the lookbehind at every character of the block.
const ADVERBIAL_DE = new RegExp(`的(?<=(^|[，,；;。：:、！？\\s]|[并又更都也均已正要将需还])?(?:${alternatives(WORDS.adverbials)})的)(?=(?:${alternatives(WORDS.adverbialVerbs)})(了|着|过|[，,；;。！？]|$)?)`, 'gu')
// 进展的非常顺利, 推进的都比较顺利: a verb, 的, (an adverb,) a degree word — a complement takes 得 (发展的非常时期 is
// a noun phrase).
const DEGREE_SOURCE = `(?:${alternatives(WORDS.complementAdverbs)})?(?:${alternatives(WORDS.degreeWords)})`
const COMPLEMENT_DE = new RegExp(`的(?<=(?:${alternatives(WORDS.complementVerbs)})的)(?=${DEGREE_SOURCE})`, 'gu')
const DEGREE = new RegExp(`^${DEGREE_SOURCE}`, 'u')
const DOUBLED = new RegExp(alternatives(WORDS.doubled.map((entry) => entry.text)), 'gu')
const DOUBLED_BY_TEXT = new Map(WORDS.doubled.map((entry) => [entry.text, entry]))
// Any Chinese character typed twice (园园区, 园区区), judged by the segmentation below.
const ANY_DOUBLED = /([\u4e00-\u9fa5])\1/gu
const NOT_DOUBLED = new Set(WORDS.notDoubled)
// 冯媛媛, 王丽丽: a given name repeats its character after the surname.
const SURNAME_BEFORE = new RegExp(`${SURNAME_SOURCE}$`, 'u')
// 总计1.85亿，: an amount of money that stops at 万 or 亿 (the 元 was left out). Only after a money word of the same
// clause, and only when nothing follows the figure (1.85亿千瓦时, 3万吨, 5万人 carry their unit). Matched from the 万 or
// 亿 and looking back from after it, like the 的 patterns above (a figure never ends in 万, so 万亿 is read whole).
const AMOUNT_WITHOUT_YUAN =
  /(?:万亿|万|亿)(?<=(?:投资|引资|资金|金额|总额|总计|合计|营收|营业收入|税收|销售额|签约额|合同额|贷款|融资|补助|奖励|奖补)[^，。；、,;\n]{0,10}?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:万亿|万|亿))(?![\u4e00-\u9fa5A-Za-z%‰％0-9])/gu
// A backtick, caret or backslash between Chinese characters is a keyboard slip; in code or a formula it is not.
const STRAY_SYMBOL = /(?<=[\u4e00-\u9fa5，。；：、“”（）])[`^\\]+|[`^\\]+(?=[\u4e00-\u9fa5，。；：、“”（）])/gu

const messages = {
  confusion: (wrong: string, right: string) => `“${wrong}”是错别字，应为“${right}”。`,
  adverbial: '状语修饰动词用“地”，不用“的”。',
  complement: '动词后接程度补语用“得”，不用“的”。',
  doubled: (text: string) => `“${text}”重复了一个字，应删去一个。`,
  stray: (text: string) => `“${text}”是误输入的符号，应删除。`,
  homophone: (written: string, meant: string) => `“${written}”与本文其他地方的“${meant}”读音相同，疑为打错的字。`,
  suggestHomophone: (meant: string) => `核对原意，如为笔误改为“${meant}”。`,
  noYuan: (unit: string) => `金额写到“${unit}”就停了，缺少单位“元”。`,
  suggestion: (right: string) => (right ? `改为“${right}”。` : '删去多余的字符。'),
}

export const typoRule = defineRule({
  meta: {
    id: 'typo',
    description: '错别字、“的地得”误用、重复的字和误输入的符号',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    const slips = homophoneSlips(doc)
    return textBlocks(doc).flatMap((block) => {
      const findings: RuleFinding[] = []
      const add = (from: number, to: number, message: string, replacement: string) => {
        const range = blockRange(doc, block, from, to)
        findings.push({ message, ...range, suggestion: messages.suggestion(replacement), fix: { ...range, text: replacement } })
      }
      const text = block.text
      for (const match of matchesOf(text, CONFUSION)) {
        const entry = CONFUSIONS_BY_WORD.get(match[0])?.find((candidate) => fits(candidate, text, match.index, match[0].length))
        if (entry) add(match.index, match.index + entry.wrong.length, messages.confusion(entry.wrong, entry.right), entry.right)
      }
      for (const match of matchesOf(text, ADVERBIAL_DE)) {
        // At the start of a clause the adverbial reading is certain; elsewhere the verb must end its clause or carry 了.
        if (match[1] === undefined && match[2] === undefined) continue
        add(match.index, match.index + 1, messages.adverbial, '地')
      }
      for (const match of matchesOf(text, COMPLEMENT_DE)) {
        const rest = text.slice(match.index + 1).replace(DEGREE, '')
        if (!WORDS.degreeNotFollowedBy.test(rest)) add(match.index, match.index + 1, messages.complement, '得')
      }
      const onWords = boundaryTest(text)
      for (const match of matchesOf(text, DOUBLED)) {
        const entry = DOUBLED_BY_TEXT.get(match[0])!
        const before = text.slice(Math.max(0, match.index - CONTEXT), match.index)
        const after = text.slice(match.index + 2, match.index + 2 + CONTEXT)
        if (entry.exceptPrecededBy?.test(before) || entry.exceptFollowedBy?.test(after)) continue
        // The first ends a word of its own (现在|在推进, 目的|的实现): both are meant.
        if (!onWords(match.index, match.index + 1)) continue
        add(match.index + 1, match.index + 2, messages.doubled(match[0]), '')
      }
      for (const match of matchesOf(text, ANY_DOUBLED)) {
        if (!DOUBLED_BY_TEXT.has(match[0]) && typedTwice(text, match.index, onWords)) add(match.index + 1, match.index + 2, messages.doubled(match[0]), '')
      }
      for (const match of matchesOf(text, AMOUNT_WITHOUT_YUAN)) add(match.index, match.index + match[0].length, messages.noYuan(match[0]), `${match[0]}元`)
      for (const match of matchesOf(text, STRAY_SYMBOL)) add(match.index, match.index + match[0].length, messages.stray(match[0]), '')
      // Not certain (the draft may mean both words): a suggestion, no fix; and never where a listed confusion was found.
      for (const slip of slips) {
        if (slip.block !== block) continue
        const range = blockRange(doc, block, slip.index, slip.index + slip.written.length)
        if (findings.some((finding) => finding.start < range.end && range.start < finding.end)) continue
        findings.push({ message: messages.homophone(slip.written, slip.meant), ...range, suggestion: messages.suggestHomophone(slip.meant) })
      }
      return findings.toSorted((a, b) => a.start - b.start)
    })
  },
})

/** Whether a confusion's context (its data-file regular expressions) holds around the match. */
function fits(entry: Confusion, text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - CONTEXT), index)
  const after = text.slice(index + length, index + length + CONTEXT)
  if (entry.followedBy && !entry.followedBy.test(after)) return false
  if (entry.precededBy && !entry.precededBy.test(before)) return false
  if (entry.notFollowedBy?.test(after)) return false
  if (entry.notPrecededBy?.test(before)) return false
  return true
}

/**
 * Whether the pair of equal characters at `index` is one character typed twice. The dictionary segmentation decides:
 * a word that holds the pair (常常, 人人, 谢谢) or two words that each hold one of them (生产|产品, 管理|理念) are
 * right; a character standing alone next to a word that holds its twin (园|园区, 园区|区) is a slip — unless the
 * character is a word of its own that may follow itself (现在|在|推进, 目的|的, 一一, 十五五: the data's notDoubled),
 * the pair is part of AABB (认认真真), a count (一个个) or a given name after a surname (冯媛媛).
 */
function typedTwice(text: string, index: number, onWords: (start: number, end: number) => boolean): boolean {
  const char = text[index]!
  if (NOT_DOUBLED.has(char) || text[index + 2] === text[index + 3] || (index >= 2 && text[index - 2] === text[index - 1])) return false
  if (text[index - 1] === '一' || SURNAME_BEFORE.test(text.slice(Math.max(0, index - 2), index))) return false
  if (!onWords(index + 1, index + 1)) return false
  return onWords(index, index + 1) || onWords(index + 1, index + 2)
}
