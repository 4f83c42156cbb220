import { z } from 'zod'

/**
 * The one currency between the checker, the repair loop, the CLI, the HTTP API and the web page.
 * `start`/`end` are offsets into the checked source text; a fix is data (a range and its replacement)
 * applied by the runner or the user, never by the rule itself.
 */
export const SeveritySchema = z.enum(['error', 'warning', 'info'])
export type Severity = z.infer<typeof SeveritySchema>

export const TextFixSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })
export type TextFix = z.infer<typeof TextFixSchema>

export const FindingSchema = z.object({
  rule: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  /** Section path like “二、创新举措/（二）”, or “【摘要】”, “标题”, “全文”. */
  section: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** 1-based line and column of `start`, for people reading a terminal. */
  line: z.number().int(),
  column: z.number().int(),
  excerpt: z.string(),
  suggestion: z.string().optional(),
  fix: TextFixSchema.optional(),
})
export type Finding = z.infer<typeof FindingSchema>

/** What a rule reports; the runner adds rule id, severity, section, line, column and excerpt. */
export interface RuleFinding {
  message: string
  start: number
  end: number
  severity?: Severity
  suggestion?: string
  fix?: TextFix
}
