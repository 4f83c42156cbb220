import { z } from 'zod'
import { defineRule } from '../rule.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { matchesOf } from '../../regex-matches.js'

// Placeholders people leave in templates: 【待补充】 (and what the offline composer writes, 【待补充：…】),
// XX / xx / ×× / ＊＊ standing for a name or a number, 某某, and the template's own 示例 marks; a single x or * among
// Chinese words or figures (工业园区x个, 营业收入*亿元, x工业园区, *月*日); 某市/某县/某园区 standing for a name.
const PLACEHOLDER = /【\s*待(?:补充|完善|核实|填写)[^】]*】|[Xx×＊*]{2,}|某某|某(?:省|市|县|区|镇|乡|园区|工业园|产业园|开发区|公司|企业|集团)|（示例）|\(示例\)|[Xx＊*]/gu
// The drafting prompts' own JSON example (段落正文, 摘要正文, 小标题 …) sent back by a model instead of a draft: words no
// report writes on their own. 段落正文/摘要正文/具体内容 anywhere they stand alone; 小标题/领句/本节标题 as a whole line or
// a run-in lead (1.小标题。).
const EXAMPLE_TEXT = /(?<!\p{Script=Han})(?:段落正文|摘要正文|具体内容)(?!\p{Script=Han})|^(?:小标题|领句|本节标题)(?=。|$)/gu
// A single mark is a placeholder only next to Chinese or a figure, and not between two figures (3x4 is a size).
const SINGLE_MARK = /^[Xx＊*]$/u
const FILLED_NEIGHBOUR = /[\u4e00-\u9fff\d%％、，。；：-]/u
const DIGIT = /\d/u

const messages = {
  found: (text: string) => `“${text}”是未填写的占位内容，提交前必须替换为真实信息。`,
  suggestion: '补充实际名称或数据；没有可靠数据时删去该句，不要保留占位符。',
}

export const placeholderRule = defineRule({
  meta: {
    id: 'placeholder',
    description: '未填写的占位内容（【待补充】、XX、××、某某、照抄的格式示例等）',
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
        .concat([...matchesOf(block.text, EXAMPLE_TEXT)])
        .map((match) => ({
          message: messages.found(match[0]),
          ...blockRange(doc, block, match.index, match.index + match[0].length),
          suggestion: messages.suggestion,
        })),
    )
  },
})

function singlePlaceholder(before: string, after: string): boolean {
  if (DIGIT.test(before) && DIGIT.test(after)) return false
  return FILLED_NEIGHBOUR.test(before) || FILLED_NEIGHBOUR.test(after)
}
