import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
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
 * Which checker rules answer for a category: data (category-rules.json), so the table is one place that a test
 * checks against the checker's rule registry (category-rules.test.ts). `plannedRules` are the ids issue 12 names
 * that the checker may not have yet (time-reference, register, typo, duplicate, number-sanity).
 */
export const CategoryRulesFileSchema = z
  .object({
    $comment: z.string().optional(),
    categories: z.record(z.string(), z.array(z.string().min(1)).min(1)),
    plannedRules: z.array(z.string().min(1)),
  })
  .strict()
  .superRefine((file, ctx) => {
    const keys = Object.keys(file.categories)
    for (const category of MARK_CATEGORIES) {
      if (!keys.includes(category)) ctx.addIssue({ code: 'custom', message: `category ${category} has no rules` })
    }
    for (const key of keys) {
      if (!(MARK_CATEGORIES as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', message: `unknown category ${key}` })
    }
  })

export const CATEGORY_RULES_FILE = fileURLToPath(new URL('./category-rules.json', import.meta.url))
const categoryRulesFile = CategoryRulesFileSchema.parse(JSON.parse(readFileSync(CATEGORY_RULES_FILE, 'utf8')))
export const CATEGORY_RULES = categoryRulesFile.categories as Record<MarkCategory, readonly string[]>
export const PLANNED_RULES: readonly string[] = categoryRulesFile.plannedRules

const Quote = z.string().min(1)

export const MarkSchema = z
  .object({
    quote: Quote.optional(),
    occurrence: z.number().int().min(1).optional(),
    scope: z.enum(['span', 'document']).default('span'),
    category: MarkCategorySchema,
    note: z.string().min(1),
    /**
     * Findable only with the park data (a figure or honour level that contradicts the data); such a mark is left out
     * of recall when a planted draft is checked without its park file. Default: true for data-mismatch.
     */
    needsData: z.boolean().optional(),
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

/** Where a collected text was published (the same as the text file's header): the page address and its title. */
export const SourceSchema = z.object({ url: z.string().min(1), title: z.string().min(1) }).strict()

export const ExpectedSchema = z
  .object({
    /** Collected texts: where it was published. Planted drafts (written here) have none. */
    source: SourceSchema.optional(),
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

/** A mark that only a check with the park data can find (see MarkSchema.needsData). */
export const needsData = (mark: Pick<Mark, 'category' | 'needsData'>) => mark.needsData ?? mark.category === 'data-mismatch'
