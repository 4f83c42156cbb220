import type { z } from 'zod'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { DocxParagraph } from '../model/docx-typography.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import type { RuleFinding, Severity } from './finding.js'

/** Everything a rule may read. Rules only read: they never change the document or each other's state. */
export interface RuleContext<Options> {
  doc: ReportDoc
  kind: KindSpec
  park?: ParkData
  /** Text of uploaded practice materials: figures found there count as sourced. */
  materials: readonly string[]
  /** The Word paragraphs of a .docx draft with their typography; paragraph i is `doc.lines[i]`. */
  docxParagraphs?: readonly DocxParagraph[]
  options: Options
}

export interface RuleMeta<Options> {
  id: string
  /** Chinese, shown in the web page and `check --rules`. */
  description: string
  defaultSeverity: Severity
  /** Kind ids the rule applies to; 'all' for every kind. */
  kinds: readonly string[] | 'all'
  /** Rules that compare the text with the park's data say so; without data they are skipped with one info. */
  needsPark?: boolean
  /** Rules that read the typography of a .docx (the `format` rule). */
  needsDocx?: boolean
  options: z.ZodType<Options>
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>
  check(context: RuleContext<Options>): RuleFinding[]
}

/** Defines a rule with its option types inferred from the schema (the remark-lint `lintRule` idea). */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule
}

/** A rule of any options type, for lists of rules (options are validated by each rule's own schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>
