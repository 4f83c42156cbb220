import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * The curated glossary of official names (src/check/data/official-names.json, see its README): agencies, honours,
 * laws and policy documents with their short or outdated forms — Vale's `substitution` rules as data. The checker
 * reports the wrong forms; the composer and the LLM prompts use the right ones.
 */

const GlossaryEntrySchema = z.strictObject({
  wrong: z.array(z.string().min(2)).min(1),
  right: z.string().min(2),
  type: z.enum(['agency', 'honor', 'policy', 'enterprise', 'other']),
  /** Other correct forms that contain a wrong form (国家发展和改革委员会, 专精特新“小巨人”). */
  accepted: z.array(z.string().min(2)).optional(),
  /** The wrong form followed by one of these is another word (科技部门). */
  notBefore: z.array(z.string().min(1)).optional(),
  /** The wrong form preceded by one of these is another name (湖南省发改委 is not 国家发展改革委). */
  notAfter: z.array(z.string().min(1)).optional(),
  /** Regular expressions: the wrong form is only a name in this context (高企 as an enterprise, not 能耗高企). */
  onlyIf: z.strictObject({ precededBy: z.string().optional(), followedBy: z.string().optional() }).optional(),
  note: z.string().optional(),
})
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>

export const GlossarySchema = z.object({
  /** Words that make an honour another level's title (省级绿色工厂 is not 国家级绿色工厂). */
  levelQualifiers: z.array(z.string().min(1)),
  entries: z.array(GlossaryEntrySchema).min(1),
})

/** The glossary as edited by domain experts (src/check/data/official-names.json, see its README). */
export const OFFICIAL_NAMES = GlossarySchema.parse(
  JSON.parse(readFileSync(new URL('./data/official-names.json', import.meta.url), 'utf8')),
)
