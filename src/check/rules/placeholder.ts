import { z } from 'zod'
import { defineRule } from '../rule.js'
import { blockRange, textBlocks } from '../text-blocks.js'

// Placeholders people leave in templates: 【待补充】 (and what the offline composer writes, 【待补充：…】),
// XX / xx / ×× / ＊＊ standing for a name or a number, 某某, and the template's own 示例 marks.
const PLACEHOLDER = /【\s*待(?:补充|完善|核实|填写)[^】]*】|[Xx×＊*]{2,}|某某|（示例）|\(示例\)/gu

const messages = {
  found: (text: string) => `“${text}”是未填写的占位内容，提交前必须替换为真实信息。`,
  suggestion: '补充实际名称或数据；没有可靠数据时删去该句，不要保留占位符。',
}

export const placeholderRule = defineRule({
  meta: {
    id: 'placeholder',
    description: '未填写的占位内容（【待补充】、XX、××、某某等）',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    return textBlocks(doc).flatMap((block) =>
      [...block.text.matchAll(PLACEHOLDER)]
        // “XX” inside a Latin word (e.g. a model number “XX-200” is still a placeholder, but “MAXX” is not).
        .filter((match) => !/[A-Za-z]/.test(block.text[match.index - 1] ?? '') && !/[A-Za-z]/.test(block.text[match.index + match[0].length] ?? ''))
        .map((match) => ({
          message: messages.found(match[0]),
          ...blockRange(doc, block, match.index, match.index + match[0].length),
          suggestion: messages.suggestion,
        })),
    )
  },
})
