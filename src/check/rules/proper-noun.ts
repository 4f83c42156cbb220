import { z } from 'zod'
import { entityNameForms } from '../../park/entity-names.js'
import { findNameMentions } from '../name-mentions.js'
import { defineRule } from '../rule.js'
import { blockRange, textBlocks } from '../text-blocks.js'

/**
 * 000/001 填写要求 1: 文中涉及的企业名称、技术名称、荣誉称号等专有名词，应使用规范完整的官方全称.
 *
 * The park's registered entities (full name, aliases, and the short forms implied by them, see
 * src/park/entity-names.ts) and the curated glossary src/check/data/official-names.json; how a mention is told from
 * a near-miss is in src/check/name-mentions.ts.
 */
export const properNounRule = defineRule({
  meta: {
    id: 'proper-noun',
    description: '专有名词未使用规范完整的官方全称（园区登记的企业、平台、荣誉简称，以及机构、称号、法规的常见简称）',
    defaultSeverity: 'error',
    kinds: 'all',
    // Not needsPark: the glossary part runs without park data; only the entity part needs it.
    options: z.object({}).strict(),
  },
  check({ doc, park }) {
    const entities = entityNameForms(park?.entities ?? [], park?.park.name)
    return textBlocks(doc).flatMap((block) =>
      findNameMentions(block.text, entities).map((candidate) => {
        const range = blockRange(doc, block, candidate.start, candidate.end)
        return {
          message: candidate.message,
          ...range,
          suggestion: candidate.suggestion,
          fix: { ...range, text: candidate.replacement },
        }
      }),
    )
  },
})

