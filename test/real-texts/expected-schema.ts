import { z } from 'zod'
import { listKinds } from '../../src/kinds/registry.js'

/**
 * What a careful editor at a 工信厅 marks in one real text (fixtures/real/README.md has the guidelines).
 * A mark points at an exact substring of the text body (its `occurrence`-th match, 1-based); a document-level
 * mark (`scope: "document"`) has no place — a missing template part, a second lead industry — and is found by
 * any finding of its category's rules.
 */
export const MARK_CATEGORIES = [
  'short-name',
  'honour',
  'time-reference',
  'number-sanity',
  'data-mismatch',
  'vague',
  'register',
  'typo',
  'duplicate',
  'structure',
  'heading-numbering',
  'punctuation',
  'logic-chain',
  'quant-evidence',
  'focus',
  'sensitive',
  'placeholder',
] as const
export const MarkCategorySchema = z.enum(MARK_CATEGORIES)
export type MarkCategory = z.infer<typeof MarkCategorySchema>

/**
 * Which checker rules answer for a category: a finding of one of these rules at the marked place finds the mark.
 * Rule ids the checker does not have yet (time-reference, register, typo, duplicate, number-sanity) are the
 * ids issue 12 names; until they exist their categories simply score 0.
 */
export const CATEGORY_RULES: Record<MarkCategory, readonly string[]> = {
  'short-name': ['proper-noun'],
  honour: ['proper-noun', 'number-consistency'],
  'time-reference': ['time-reference'],
  'number-sanity': ['number-sanity', 'number-consistency'],
  'data-mismatch': ['number-consistency', 'number-trace', 'proper-noun'],
  vague: ['vague-language'],
  register: ['register'],
  typo: ['typo'],
  duplicate: ['duplicate'],
  structure: ['structure', 'length'],
  'heading-numbering': ['heading-numbering'],
  punctuation: ['punctuation'],
  'logic-chain': ['logic-chain'],
  'quant-evidence': ['quant-evidence'],
  focus: ['focus'],
  sensitive: ['sensitive-info'],
  placeholder: ['placeholder'],
}

const Quote = z.string().min(1)

export const MarkSchema = z
  .object({
    quote: Quote.optional(),
    occurrence: z.number().int().min(1).optional(),
    scope: z.enum(['span', 'document']).default('span'),
    category: MarkCategorySchema,
    note: z.string().min(1),
  })
  .strict()
  .refine((mark) => (mark.scope === 'document') === (mark.quote === undefined), {
    message: 'a span mark needs a quote; a document mark has none',
  })
export type Mark = z.infer<typeof MarkSchema>

export const LeaveAloneSchema = z
  .object({ quote: Quote, occurrence: z.number().int().min(1).optional(), note: z.string().min(1) })
  .strict()
export type LeaveAlone = z.infer<typeof LeaveAloneSchema>

export const ExpectedSchema = z
  .object({
    /** The kind the editor checks the text against; null when no kind fits (a news item, a 汇报). */
    kind: z
      .string()
      .refine((id) => listKinds().some((kind) => kind.id === id), { message: 'not a report kind id of src/kinds/specs' })
      .nullable(),
    /** For planted drafts: the park-data file (relative to the expected file) the text is checked with. */
    park: z.string().optional(),
    marks: z.array(MarkSchema),
    leaveAlone: z.array(LeaveAloneSchema).default([]),
  })
  .strict()
export type Expected = z.infer<typeof ExpectedSchema>
