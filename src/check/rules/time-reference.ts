import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { defineRule } from '../rule.js'
import { clauseAt, fullSentencesOf } from '../sentences.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { boundaryTest } from '../words.js'
import { matchesOf } from '../../regex-matches.js'

/**
 * A report is read by evaluators the year after it is written and kept on file: 今年, 去年, 目前, 近日, 6月底 or
 * 8月1日 without a year mean nothing then. Each month, day, quarter or half-year written without its year is reported
 * unless its sentence states a year (2025年，园区……；6月底建成 is dated). A relative word (src/check/data/time-words.json)
 * is dated only by a year in its own clause (截至2025年6月，目前…): a year elsewhere in the sentence is when something
 * else happened (于2024年7月完成基本建设，……，目前正在完善 — 目前 is still unknown), unless the sentence names the
 * year it speaks of (2022年是……开局之年，今年以来……).
 */

const TimeWordsSchema = z.object({
  relative: z.array(z.object({ word: z.string().min(2), suggestion: z.string().min(1) })).min(1),
})

const RELATIVE = TimeWordsSchema.parse(JSON.parse(readFileSync(new URL('../data/time-words.json', import.meta.url), 'utf8'))).relative
const SUGGESTION = new Map(RELATIVE.map((entry) => [entry.word, entry.suggestion]))
// Longest first, so 今年以来 is one finding rather than 今年 inside it.
const RELATIVE_WORD = new RegExp(
  RELATIVE.map((entry) => entry.word)
    .toSorted((a, b) => b.length - a.length)
    .join('|'),
  'gu',
)

// A month, a day, a month's end, a range of months or days (8月22-27日), a quarter or half-year, or a year's end
// written without its year, or N years before the writing (3年前). A day alone (5日，……揭牌 / 5日上午) opens a news item; 30日内 is a span and is left alone.
// The character before must not be 年 (2025年6月底), a digit or 个 (3个月), nor 每年/每 (每年3月 is a habit, not a date).
const UNDATED =
  /(?<![\d年])全年|(?<![\d年])前面?[\d一二三四五六七八九十]{1,2}个月|(?<![\d年个每])(?:\d{1,2}\s*[—–\-~～至到]\s*)?\d{1,2}\s*月(?:份|底|初|末|中旬|上旬|下旬|\s*\d{1,2}\s*(?:[—–\-~～至到]\s*\d{1,2}\s*)?[日号])?(?![\d个])|(?<![\d年月个每第号])\d{1,2}\s*日(?=[上下中晚凌早，,至到—–\-~～])|(?<![\d年个每])[一二三四五六七八九十]{1,3}月(?:份|底|初|末|中旬|上旬|下旬)|(?<![年第每\d])(?:上半年|下半年|前三季度|[一二三四]季度)|(?<![\d〇零一二三四五六七八九每当])年(?:底|初|末)(?!\d)|(?<![\d近])(?:\d{1,2}|[一二三四五六七八九十两]{1,2})\s*年前(?![期瞻\d])/gu
// A year stated in the sentence dates everything in it.
// 2024中国化工园区发展大会: a year that heads an event's name dates the sentence too; 2000亩 is no year.
const YEAR = /(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年|\d{4}\s*[-/.]\s*\d{1,2}|(?<!\d)(?:19|20)\d{2}(?=[\u4e00-\u9fff])(?![个家亩万千百亿元吨人项台套米平公余多座条名户辆次期批号])/u
// 2022年是……开局之年: the sentence names the year it is about, so its 今年 is that year.
const YEAR_NAMED = /(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年(?:是|为)/u
// The clause of a relative word: 截至2025年6月，目前…… is dated; …2024年7月完成，……，目前…… is not.
// A number written before 日前/月前 makes it a time span (10日前 = before the 10th), not 日前 “a few days ago”.
const NUMBER_BEFORE = /[\d一二三四五六七八九十]$/u

const messages = {
  relative: (word: string) => `“${word}”是相对时间，报告在次年评审和存档时读者无法确定具体年份，应写明年份。`,
  undated: (text: string) => `“${text}”没有写明年份，读者无法确定是哪一年，应补充年份。`,
  suggestYearsAgo: '改为具体年份（如“2022年”），以实际年份为准。',
  suggestUndated: (text: string) => `改为“2025年${/^\d/.test(text) && !text.includes('月') && !text.includes('季') ? '×月' : ''}${text}”这样带年份的写法（以实际年份为准）。`,
}

export const timeReferenceRule = defineRule({
  meta: {
    id: 'time-reference',
    description: '相对时间（今年、去年、目前、近日）和未写年份的日期（6月底、8月1日、上半年）',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    return textBlocks(doc).flatMap((block) => {
      const onWords = boundaryTest(block.text)
      return fullSentencesOf(block.text)
        .filter((sentence) => !YEAR_NAMED.test(sentence.text))
        .flatMap((sentence) => {
          const sentenceDated = YEAR.test(sentence.text)
          const relative = [...matchesOf(sentence.text, RELATIVE_WORD)]
            .filter((m) => !sentenceDated || !YEAR.test(clauseAt(sentence.text, m.index, m.index + m[0].length)))
            .filter((m) => !(m[0].endsWith('日前') && NUMBER_BEFORE.test(sentence.text.slice(0, m.index))))
            .filter((m) => onWords(sentence.start + m.index, sentence.start + m.index + m[0].length))
            .map((m) => ({
              index: m.index,
              text: m[0],
              message: messages.relative(m[0]),
              suggestion: SUGGESTION.get(m[0])!,
            }))
          const undated = (sentenceDated ? [] : [...matchesOf(sentence.text, UNDATED)]).map((m) => ({
            index: m.index,
            text: m[0],
            message: messages.undated(m[0]),
            suggestion: m[0].endsWith('年前') ? messages.suggestYearsAgo : messages.suggestUndated(m[0]),
          }))
          return [...relative, ...undated].map((found) => ({
            message: found.message,
            ...blockRange(doc, block, sentence.start + found.index, sentence.start + found.index + found.text.length),
            suggestion: found.suggestion,
          }))
        })
    })
  },
})
