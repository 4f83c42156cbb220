import { z } from 'zod'
import { defineRule } from '../rule.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { matchesOf } from '../../regex-matches.js'

// Placeholders people leave in templates: 【待补充】 (and what the offline composer writes, 【待补充：…】),
// XX / xx / ×× / ＊＊ (full-width ＸＸ too) standing for a name or a number, 某某, and the template's own 示例 marks; a
// single x or * among Chinese words or figures (工业园区x个, 营业收入*亿元, x工业园区, *月*日); 某市/某县/某园区 standing
// for a name. And the other blanks of Chinese office templates: ○○ or □□ for a name or a figure (○○公司, □□万元), a
// line to write on (____亿元, ＿＿), ？？ for a figure not yet known, and empty brackets left to fill in (增长（ ）%).
const PLACEHOLDER =
  /【\s*待(?:补充|完善|核实|填写)[^】]*】|[Xx×＊*Ｘｘ]{2,}|某某|某(?:省|市|县|区|镇|乡|园区|工业园|产业园|开发区|公司|企业|集团)|（示例）|\(示例\)|[○□■]{2,}|[_＿]{2,}|[?？]{2,}|（[\s\u3000]*）|\([\s\u3000]*\)|【[\s\u3000]*】|[Xx＊*Ｘｘ]/gu
// The drafting prompts' own JSON example (段落正文, 摘要正文, 小标题 …) sent back by a model instead of a draft: words no
// report writes on their own. 段落正文/摘要正文/具体内容 anywhere they stand alone; 小标题/领句/本节标题 as a whole line or
// a run-in lead (1.小标题。).
const EXAMPLE_TEXT = /(?<!\p{Script=Han})(?:段落正文|摘要正文|具体内容)(?!\p{Script=Han})|^(?:小标题|领句|本节标题)(?=。|$)/gu
// A single mark is a placeholder only next to Chinese or a figure, and not between two figures (3x4 is a size).
// ○ also writes a zero in years typed with the wrong circle (二○○八年): a run of it beside a Chinese numeral is a year.
const SINGLE_MARK = /^[Xx＊*Ｘｘ]$/u
const FILLED_NEIGHBOUR = /[\u4e00-\u9fff\d%％、，。；：-]/u
const DIGIT = /\d/u
const CIRCLES = /^○+$/u
const CHINESE_NUMERAL = /[一二三四五六七八九十〇○零]/u

const messages = {
  found: (text: string) => `“${text}”是未填写的占位内容，提交前必须替换为真实信息。`,
  suggestion: '补充实际名称或数据；没有可靠数据时删去该句，不要保留占位符。',
}

export const placeholderRule = defineRule({
  meta: {
    id: 'placeholder',
    description: '未填写的占位内容（【待补充】、XX、××、某某、○○、□□、____、空括号、照抄的格式示例等）',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    return textBlocks(doc).flatMap((block) =>
      [...matchesOf(block.text, PLACEHOLDER)]
        // “XX” inside a Latin word (e.g. a model number “XX-200” is still a placeholder, but “MAXX” is not).
        .filter((match) => !/[A-Za-z]/.test(block.text[match.index - 1] ?? '') && !/[A-Za-z]/.test(block.text[match.index + match[0].length] ?? ''))
        .filter((match) => !SINGLE_MARK.test(match[0]) || singlePlaceholder(block.text[match.index - 1] ?? '', block.text[match.index + 1] ?? ''))
        .filter((match) => !CIRCLES.test(match[0]) || !inChineseYear(block.text[match.index - 1] ?? '', block.text[match.index + match[0].length] ?? ''))
        .concat([...matchesOf(block.text, EXAMPLE_TEXT)])
        .map((match) => ({
          message: messages.found(match[0]),
          ...blockRange(doc, block, match.index, match.index + match[0].length),
          suggestion: messages.suggestion,
        })),
    )
  },
})

function inChineseYear(before: string, after: string): boolean {
  return CHINESE_NUMERAL.test(before) || CHINESE_NUMERAL.test(after)
}

function singlePlaceholder(before: string, after: string): boolean {
  if (DIGIT.test(before) && DIGIT.test(after)) return false
  return FILLED_NEIGHBOUR.test(before) || FILLED_NEIGHBOUR.test(after)
}
