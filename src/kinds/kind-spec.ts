import { z } from 'zod'
import { SeveritySchema } from '../check/finding.js'
import { SummaryTableSpecSchema } from './summary-table-spec.js'

/**
 * A report kind as data. Every kind the product writes, checks and exports (the 2026 创新实践 templates 000/001,
 * the 示范基地 annual report and excellent case of 003) is one resolved `KindSpec`; code never branches on a kind id.
 *
 * Spec files (src/kinds/specs/*.json) are *sources*: they may `extends` another file, use `{ "$ref": "#/…" }`
 * pointers, `{year}`/`{dataYear}`/`{dataYear-1}`/`{category}` placeholders and relative years (numbers = offsets
 * from `dataYear`). The registry resolves all of that first; this schema validates the resolved result.
 */

/** The four heading markers, level 1 to 4, in the order 000/001 填写要求 5 prescribes: “一、”“（一）”“1.”“（1）”. */
export const HEADING_MARKERS = ['一、', '（一）', '1.', '（1）'] as const
export const HeadingMarkerSchema = z.enum(HEADING_MARKERS)
export type HeadingMarker = z.infer<typeof HeadingMarkerSchema>

/**
 * How each marker looks at the start of a heading line. Half-width brackets and the full-width dot are accepted
 * because Word users type them; the canonical form is the one in `HEADING_MARKERS`.
 */
export const HEADING_MARKER_PATTERNS: Readonly<Record<HeadingMarker, RegExp>> = {
  '一、': /^[一二三四五六七八九十]+、/,
  '（一）': /^[（(][一二三四五六七八九十]+[）)]/,
  '1.': /^\d+[.．](?!\d)/,
  '（1）': /^[（(]\d+[）)]/,
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const

/** The level-1 marker of the n-th section (1-based): 一、 二、 … 十、. */
export function levelOneMarker(n: number): string {
  const numeral = CHINESE_NUMERALS[n - 1]
  if (numeral === undefined) throw new RangeError(`no level-1 marker for section ${n}`)
  return `${numeral}、`
}

/**
 * 000/001 填写说明 2: “指标名称明确提到‘主导产业’的填写主导产业口径，无特别说明的统一填写全口径”.
 * The same reading is applied to 003 附件1 (其中：主导产业销售收入 …).
 */
export function scopeFromLabel(label: string): IndicatorScope {
  return label.includes('主导产业') ? '主导产业口径' : '全口径'
}

const Slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lowercase slug like innovation-green')
const Text = z.string().min(1)
const PositiveInt = z.number().int().positive()
const Year = z.string().regex(/^\d{4}$/, 'must be a four-digit year like 2025')
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-12-31')
/** A citation path as src/ingest/clause.ts writes it: 《title》 followed by the numbering, e.g. 《工业园区高质量发展指引》二（五）11. */
const ClausePath = z.string().regex(/^《[^》]+》\S+$/, 'must be a clause path like 《工业园区高质量发展指引》二（五）11')
/** Where a text or number comes from: the seed template, or our own derivation where the template is silent. */
const Basis = z.enum(['template', 'derived'])

export const SectionRoleSchema = z.enum([
  'background',
  'measures',
  'results',
  'overview',
  'problems',
  'highlights',
  'practices',
  'suggestions',
])
export type SectionRole = z.infer<typeof SectionRoleSchema>

export const LengthGuidanceSchema = z
  .strictObject({
    /** Target length in 字 (e.g. 003 附件2 概述 “300字左右”). */
    target: PositiveInt.optional(),
    min: PositiveInt.optional(),
    max: PositiveInt.optional(),
    /** For sections made of parallel items, e.g. 003 附件2 “总结3-5个方面，每个方面200字左右”. */
    perItem: z
      .strictObject({
        target: PositiveInt.optional(),
        minItems: PositiveInt,
        maxItems: PositiveInt,
      })
      .refine((p) => p.minItems <= p.maxItems, { message: 'minItems must not exceed maxItems' })
      .optional(),
    basis: Basis.default('template'),
  })
  .refine((l) => l.min === undefined || l.max === undefined || l.min <= l.max, {
    message: 'min must not exceed max',
  })
export type LengthGuidance = z.infer<typeof LengthGuidanceSchema>

export const SectionSpecSchema = z.strictObject({
  id: Slug,
  /** The level-1 marker of this section, e.g. 一、 */
  marker: z.string().regex(/^[一二三四五六七八九十]+、$/, 'must be a level-1 marker like 一、'),
  /** The heading exactly as the template writes it, without the marker. */
  heading: Text,
  /** Other headings a real report uses for this part; matched when `sectionMatching.mode` is loose. */
  headingAliases: z.array(Text).default([]),
  role: SectionRoleSchema,
  required: z.boolean().default(true),
  /** What the section should contain, verbatim from the template unless `guidanceBasis` is derived. */
  guidance: Text,
  guidanceBasis: Basis.default('template'),
  lengthGuidance: LengthGuidanceSchema.default({ basis: 'template' }),
  /** How each item is written, e.g. 领句+具体内容 (003 附件2). */
  itemStyle: Text.optional(),
  itemStyleGuidance: Text.optional(),
  /** Enumeration styles accepted for the items, e.g. 一是 or （一）. */
  itemMarkers: z.array(Text).optional(),
  /** The template's own sample item, e.g. 003 附件2 （样例）成效1：…. */
  example: Text.optional(),
})
export type SectionSpec = z.infer<typeof SectionSpecSchema>

export const HeadingLevelSchema = z.strictObject({
  level: z.number().int().min(1).max(4),
  marker: HeadingMarkerSchema,
  font: Text,
})
export type HeadingLevel = z.infer<typeof HeadingLevelSchema>

const TYPOGRAPHY_FIELDS = [
  'bodyFont',
  'sizePt',
  'sizeName',
  'lineSpacingPt',
  'lineRule',
  'spaceBeforePt',
  'spaceAfterPt',
  'firstLineIndentChars',
  'latinFont',
  'headingLevels',
] as const

export const TypographySchema = z.strictObject({
  bodyFont: Text,
  sizePt: z.number().positive(),
  /** The Chinese size name the template uses, e.g. 小四 = 12 pt. */
  sizeName: Text,
  lineSpacingPt: z.number().positive(),
  /** 'exact' = Word 行距“固定值”. */
  lineRule: z.enum(['exact', 'atLeast', 'auto']),
  spaceBeforePt: z.number().nonnegative(),
  spaceAfterPt: z.number().nonnegative(),
  firstLineIndentChars: z.number().nonnegative(),
  latinFont: Text,
  /** Fields (and `headingLevels`) the template does not state; filled from Chinese official-document practice. */
  derivedFields: z.array(z.enum(TYPOGRAPHY_FIELDS)).default([]),
})
export type Typography = z.infer<typeof TypographySchema>

export const RulesSchema = z.strictObject({
  /** 000/001 填写要求 2: 全篇内容聚焦工业园区其中1个主导产业. */
  focusIndustryCount: PositiveInt.optional(),
  /** 000/001 基本信息 footnote: 填写1-3个主导产业. */
  maxLeadIndustries: PositiveInt.optional(),
  /** 000/001 填写要求 4, e.g. 问题导向—解决路径—实践成效. */
  logic: Text.optional(),
  properNouns: z.enum(['full-official-name']).optional(),
  /** Claims should be backed by numbers. */
  quantified: z.boolean(),
  /** Results should show the before/after change. */
  beforeAfter: z.boolean(),
})
export type Rules = z.infer<typeof RulesSchema>

export const SubDirectionSchema = z.strictObject({
  name: Text,
  clauses: z.array(ClausePath).default([]),
})

export const DirectionReferenceSchema = z.strictObject({
  /** Verbatim, e.g. 000 填写要求 3 after “方向参考：”. */
  text: Text,
  /** The 004 direction the kind belongs to, e.g. 促进实数深度融合 = 二（五）. */
  direction: z.strictObject({ name: Text, clause: ClausePath.optional() }).optional(),
  /** How many of the sub-directions a report should cover, e.g. 003 “聚焦1-2个方面”. */
  focusCount: z
    .strictObject({ min: PositiveInt, max: PositiveInt })
    .refine((f) => f.min <= f.max, { message: 'min must not exceed max' })
    .optional(),
  /** 'source': the template's sub-directions are the clause headings; 'related': our mapping to the nearest clauses. */
  clauseRelation: z.enum(['source', 'related']),
  subDirections: z.array(SubDirectionSchema).min(1),
})
export type DirectionReference = z.infer<typeof DirectionReferenceSchema>

export const BackgroundGuidanceSchema = z.strictObject({
  /** The whole paragraph, verbatim. */
  text: Text,
  /** The lead-in before the parts, ending in “展开：”. */
  intro: Text,
  /** The 一是/二是/三是 parts, verbatim, without the closing “；”/“。”. */
  parts: z.array(z.strictObject({ marker: Text, text: Text })).min(1),
})
export type BackgroundGuidance = z.infer<typeof BackgroundGuidanceSchema>

export const IndicatorScopeSchema = z.enum(['全口径', '主导产业口径'])
export type IndicatorScope = z.infer<typeof IndicatorScopeSchema>

/** A period: columns of years, or a single cut-off date (“截至2025年12月31日”). Resolved: concrete strings. */
const PeriodFields = {
  years: z.array(Year).min(1).optional(),
  asOf: IsoDate.optional(),
}

export const IndicatorSchema = z
  .strictObject({
    /** Path into park data (src/park), e.g. scale.revenue. */
    key: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, 'must be a park-data path like scale.revenue'),
    /** The row number in the template when it has one, e.g. 003 附件1 “1.1”. */
    code: Text.optional(),
    /** The row label exactly as the template writes it, unit included when the template includes it. */
    label: Text,
    /** Absent for dimensionless ratios (e.g. 工业用地综合容积率, “单位：无”) and texts. */
    unit: Text.optional(),
    ...PeriodFields,
    /** Year-on-year columns (003 附件1 “2021年同比%”). */
    yoyYears: z.array(Year).optional(),
    valueType: z.enum(['number', 'percent', 'boolean', 'text']),
    scope: IndicatorScopeSchema,
    /** The template's footnote, verbatim (formulas for ratios). */
    footnote: Text.optional(),
    /** For text rows: what to describe, verbatim. */
    description: Text.optional(),
    /** For boolean rows: the choices as printed (是/否). */
    options: z.array(Text).optional(),
    /**
     * The key of the row this one is part of (“其中：主导产业销售收入” of 销售收入): its value may not exceed the
     * total's in any year. The template marks most such rows with 其中; 上市及挂牌企业数量 is one without the mark.
     */
    partOf: z.string().optional(),
  })
  .refine((i) => (i.years === undefined) !== (i.asOf === undefined), {
    message: 'an indicator needs exactly one of years or asOf (directly or from its group)',
  })
export type Indicator = z.infer<typeof IndicatorSchema>

export const IndicatorGroupSchema = z.strictObject({
  id: Slug,
  /** Group label exactly as the template, e.g. 整体规模情况. */
  label: Text,
  code: Text.optional(),
  /** The period note printed under the label, e.g. （截至2025年12月31日）. */
  note: Text.optional(),
  /** A footnote on the group label, verbatim. */
  footnote: Text.optional(),
  /** Default period of the group's rows (the table's columns). */
  ...PeriodFields,
  yoyYears: z.array(Year).optional(),
  indicators: z.array(IndicatorSchema).min(1),
})
export type IndicatorGroup = z.infer<typeof IndicatorGroupSchema>

export const IndicatorBlockSchema = z.strictObject({
  title: Text,
  /** true: the table is part of the exported form (000/001 三); false: a companion form or reference data (003 附件1). */
  embedded: z.boolean(),
  /** The 填写说明 text that defines 全口径/主导产业口径, verbatim. */
  scopeRule: Text.optional(),
  /** Default period of all groups (003 附件1: one column set for the whole table). */
  ...PeriodFields,
  yoyYears: z.array(Year).optional(),
  groups: z.array(IndicatorGroupSchema).min(1),
})
export type IndicatorBlock = z.infer<typeof IndicatorBlockSchema>

const FormFieldSchema = z.strictObject({
  id: Slug,
  label: Text,
  subfields: z.array(Text).optional(),
  columns: z.array(Text).optional(),
  rows: PositiveInt.optional(),
  options: z.array(Text).optional(),
  guidance: Text.optional(),
  maxZishu: PositiveInt.optional(),
})

/** The Word form around the report (000/001): cover, 填写说明, 承诺声明, 一、基本信息, 二、…概述. */
export const FormSchema = z
  .strictObject({
    cover: z.strictObject({
      titleLines: z.array(Text).min(1),
      fields: z
        .array(
          z.strictObject({
            id: Slug,
            label: Text,
            /** Printed after the blank, e.g. （加盖单位公章）. */
            suffix: Text.optional(),
            valueType: z.enum(['text', 'date']).default('text'),
          }),
        )
        .min(1),
    }),
    instructions: z.strictObject({ title: Text, items: z.array(Text).min(1) }),
    pledge: z.strictObject({ title: Text, text: Text, signature: Text, dateLine: Text }),
    basicInfo: z.strictObject({
      title: Text,
      fields: z.array(FormFieldSchema).min(1),
      /** Footnotes by field id, verbatim (they differ in punctuation between 000 and 001). */
      footnotes: z.record(z.string(), Text).default({}),
    }),
    overview: z.strictObject({
      title: Text,
      fields: z.array(FormFieldSchema).min(1),
      requirementsTitle: Text,
      /** 填写要求 1–5, each “label：text”. */
      requirements: z.array(z.strictObject({ label: Text, text: Text })).min(1),
      frameworkTitle: Text,
    }),
  })
  .superRefine((form, ctx) => {
    const ids = new Set(form.basicInfo.fields.map((f) => f.id))
    for (const id of Object.keys(form.basicInfo.footnotes)) {
      if (!ids.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['basicInfo', 'footnotes', id], message: `no basicInfo field ${id}` })
      }
    }
  })
export type Form = z.infer<typeof FormSchema>

/**
 * The checker's settings for the kind (a textlint-style preset): per rule id, a severity or `off` and options the
 * rule validates itself. Layered under whatever a caller passes (`config` in POST /api/check); a kind that
 * `extends` another inherits its preset, so next year's kind is checked like this year's without a code change.
 */
export const CheckPresetSchema = z.record(
  z.string(),
  z.strictObject({
    severity: z.union([SeveritySchema, z.literal('off')]).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
)

export const KindSpecSchema = z
  .strictObject({
    id: Slug,
    /** Chinese name shown to users. */
    name: Text,
    family: z.enum(['innovation', 'base']),
    /** Display order in lists. */
    order: z.number().int(),
    /** The campaign/report year (2026 for the 2026 templates). */
    year: z.number().int().min(2000).max(2100),
    /** The latest year of data the report covers (2025 for the 2026 templates); relative years resolve from it. */
    dataYear: z.number().int().min(2000).max(2100),
    source: z.strictObject({
      /** File name under the seeds directory. */
      seed: Text,
      document: Text,
      part: Text.optional(),
    }),
    /** e.g. 促进实数深度融合类. */
    category: Text,
    limits: z.strictObject({
      totalZishu: PositiveInt,
      /** true: a limit the template states (“原则上控制在3000字以内”); false: our guidance only. */
      hard: z.boolean(),
      basis: Basis,
      note: Text.optional(),
    }),
    /** The report's own title (创新实践名称 / 标题). */
    title: z.strictObject({
      label: Text,
      required: z.boolean(),
      guidance: Text.optional(),
      example: Text.optional(),
      /** A fixed title where the template prescribes one; XX stands for the 示范基地 name. */
      template: Text.optional(),
    }),
    abstract: z.strictObject({
      required: z.boolean(),
      label: Text.optional(),
      guidance: Text.optional(),
    }),
    sections: z.array(SectionSpecSchema).min(1),
    /** exact: headings must match `heading`; loose: `headingAliases` and substrings also count. */
    sectionMatching: z.strictObject({
      mode: z.enum(['exact', 'loose']),
      /** true: the parts may be written without headings at all (003 附件3 示例 is prose with 一是…二是…). */
      implicitAllowed: z.boolean(),
    }),
    headingLevels: z.array(HeadingLevelSchema).length(4),
    typography: TypographySchema,
    rules: RulesSchema,
    directionReference: DirectionReferenceSchema.optional(),
    backgroundGuidance: BackgroundGuidanceSchema.optional(),
    indicatorBlock: IndicatorBlockSchema.optional(),
    form: FormSchema.optional(),
    /** The 示范基地 汇总表 beyond the quantity rows (003 附件1): header, contacts, rows 十二–二十五, 附表1–6. */
    summaryTable: SummaryTableSpecSchema.optional(),
    checkPreset: CheckPresetSchema.default({}),
  })
  .superRefine((spec, ctx) => {
    spec.sections.forEach((s, i) => {
      const expected = levelOneMarker(i + 1)
      if (s.marker !== expected) {
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'marker'], message: `expected ${expected}` })
      }
    })
    reportDuplicates(spec.sections.map((s) => s.id), ['sections'], ctx)
    spec.headingLevels.forEach((h, i) => {
      if (h.level !== i + 1 || h.marker !== HEADING_MARKERS[i]) {
        ctx.addIssue({
          code: 'custom',
          path: ['headingLevels', i],
          message: `level ${i + 1} must use marker ${HEADING_MARKERS[i]}`,
        })
      }
    })
    if (spec.dataYear > spec.year) {
      ctx.addIssue({ code: 'custom', path: ['dataYear'], message: 'dataYear must not be after year' })
    }
    if (spec.indicatorBlock) {
      const rows = spec.indicatorBlock.groups.flatMap((g) => g.indicators)
      const keys = new Set(rows.map((i) => i.key))
      rows.forEach((row) => {
        if (row.partOf !== undefined && (!keys.has(row.partOf) || row.partOf === row.key)) {
          ctx.addIssue({ code: 'custom', path: ['indicatorBlock', 'groups'], message: `${row.key}: partOf ${row.partOf} is not another row of the table` })
        }
      })
      reportDuplicates(
        spec.indicatorBlock.groups.flatMap((g) => g.indicators.map((i) => i.key)),
        ['indicatorBlock', 'groups'],
        ctx,
      )
    }
  })
export type KindSpec = z.infer<typeof KindSpecSchema>

function reportDuplicates(values: readonly string[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>()
  for (const v of values) {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path, message: `duplicate id ${v}` })
    seen.add(v)
  }
}

/** All indicator rows of a kind in table order, each with its group. */
export function indicatorRows(spec: KindSpec): { group: IndicatorGroup; indicator: Indicator }[] {
  return (spec.indicatorBlock?.groups ?? []).flatMap((group) => group.indicators.map((indicator) => ({ group, indicator })))
}

/** The heading line of a section as printed, e.g. 一、背景介绍. */
export function sectionHeadingLine(section: SectionSpec): string {
  return `${section.marker}${section.heading}`
}
