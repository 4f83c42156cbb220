import { z } from 'zod'
import type { CheckDraftResult } from '../check/check-draft.js'
import { UserError } from '../errors.js'
import { RuleConfigSchema } from '../check/rule-config.js'
import type { PolicyCorpus } from '../corpus/policy-corpus.js'
import type { DraftOutcome } from '../draft/draft-report.js'
import type { RewriteOutcome } from '../draft/rewrite-report.js'
import { KindIdSchema } from '../kinds/kind-id.js'
import type { ParkData } from '../park/park-schema.js'
import type { JobName } from './catalog.js'

/**
 * The CPU-heavy work of the server as jobs: each a zod schema for its input (the request as the route received it)
 * and a function from that input to a value that can cross to the event loop by structured clone. Worker threads
 * run them (worker-entry.ts); tests and the CLI run them in-process (inline-runner.ts). Both go through runJob, so
 * a job behaves the same wherever it runs. Each job imports its code when it first runs: a worker thread loads only
 * the code of the jobs it is given (a check thread never loads the PDF reader or the Word writer).
 */

export interface JobContext {
  /** The policy corpus as the server has it (built-in guidelines plus uploads), for planning a draft. */
  corpus(): Promise<PolicyCorpus>
  /** Reports one step of work done (an OCR page read): each earns the job its lane's `budgetPerStepMs` more time. */
  step?(): void
}

interface JobDefinition<Input extends z.ZodType, Code, Output> {
  input: Input
  /** Imports the job's code (once per thread): loading is not counted against the job's time budget. */
  load(): Promise<Code>
  run(input: z.output<Input>, code: Code, context: JobContext): Promise<Output> | Output
  /**
   * A small input a thread runs once as it starts, answer discarded: it loads what the job's code only imports when
   * first used (the word-segmentation dictionary, the Word writer), so no person's first request waits for it. A
   * function, so that a sample read from a file is read by the thread that runs it, not by every importer.
   */
  warmUp?: () => z.input<Input>
}

const defineJob = <Input extends z.ZodType, Code, Output>(job: JobDefinition<Input, Code, Output>) => job

const Bytes = z.instanceof(Uint8Array)
/** The text the warm-up runs use: a short report in the required shape. */
const WARM_TEXT = '【摘要】\n园区以数字化转型带动产业升级。\n一、背景介绍\n园区主导产业为装备制造。\n二、创新举措\n（一）建设工业互联网平台\n三、实践成效\n2025年园区产值增长12%。'
const warmBytes = () => new TextEncoder().encode(WARM_TEXT)
/** A draft's text; its length limit (413 past 60,000 characters) is checked where it is parsed (parseDraftText). */
const DraftText = z.string()
const DraftFormat = z.enum(['text', 'markdown']).default('text')

export const CheckRequestSchema = z.object({
  text: DraftText,
  format: DraftFormat,
  kind: z.string().optional(),
  // Validated by the park-data validator, which lists every problem with its path.
  park: z.unknown().optional(),
  materials: z.array(z.string().max(200_000)).max(20).optional(),
  config: RuleConfigSchema.optional(),
})

export const ExportRequestSchema = z.object({
  text: DraftText,
  format: DraftFormat,
  kind: z.string().optional(),
  park: z.unknown().optional(),
  form: z.boolean().default(false),
  charts: z.boolean().default(false),
  fillDate: z.string().max(40).optional(),
  /** The version `text` was rewritten from: the report comes back with the changes from it tracked (修订). */
  previous: DraftText.optional(),
})

const OfflineRewriteSchema = z.object({
  text: DraftText,
  format: DraftFormat,
  section: z.string().max(200).optional(),
  action: z.union([z.object({ applyFixes: z.literal(true) }), z.object({ maxZishu: z.number().int().min(20).max(5000) })]),
  kind: z.string().optional(),
  park: z.unknown().optional(),
})

const optionalPark = (raw: unknown, requireValidPark: (raw: unknown) => ParkData) => (raw === undefined ? {} : { park: requireValidPark(raw) })

/** A setting for a rule that does not exist would be silently ignored: the person would think it applied. */
function requireKnownRules(config: Record<string, unknown> | undefined, ruleIds: readonly string[]): void {
  const unknown = Object.keys(config ?? {}).filter((name) => !ruleIds.includes(name))
  if (!unknown.length) return
  throw new UserError(
    'unknown_rule',
    `config 中有不存在的检查规则：${unknown.map((name) => `“${name}”`).join('、')}。请检查拼写；可设置的规则有：${ruleIds.join('、')}。`,
    400,
    { path: `config.${unknown[0]}` },
  )
}

export const JOBS = {
  /** POST /api/check with JSON: the whole answer, serialized here so the event loop only sends it. */
  check: defineJob({
    warmUp: () => ({ text: WARM_TEXT }),
    input: CheckRequestSchema,
    load: () =>
      Promise.all([import('../check/check-draft.js'), import('../model/load-draft.js'), import('../server/valid-parks.js'), import('../check/rules/index.js')]),
    run: (request, [{ checkDraft }, { parseDraftText }, { validParkOf }, { ALL_RULES }]): string => {
      requireKnownRules(request.config, ALL_RULES.map((rule) => rule.meta.id))
      const park = request.park === undefined ? undefined : validParkOf(request.park)
      const result = checkDraft(
        { doc: parseDraftText(request.text, request.format) },
        {
          ...(request.kind ? { kindId: request.kind } : {}),
          ...(park ? { park } : {}),
          ...(request.materials ? { materials: request.materials } : {}),
          ...(request.config ? { config: request.config } : {}),
        },
      )
      return JSON.stringify(result)
    },
  }),

  /** An uploaded draft file (.docx/.txt/.md) read and checked; `park` is park JSON text or a stored park's data. */
  checkUpload: defineJob({
    warmUp: () => ({ fileName: 'warm-up.txt', data: warmBytes() }),
    input: z.object({
      fileName: z.string().max(1000),
      data: Bytes,
      kind: z.string().optional(),
      park: z.union([z.object({ json: z.string() }), z.object({ data: z.unknown() })]).optional(),
      /** Check figures against the park's materials too (a stored park's draft), not only its data. */
      withMaterials: z.boolean().default(false),
    }),
    load: () =>
      Promise.all([import('../check/check-draft.js'), import('../model/load-draft.js'), import('../park/read-park.js'), import('../ingest/extract-text.js')]),
    run: async (input, [{ checkDraft }, { loadDraft }, { parseParkJson, requireValidPark }, { stripMarkdown }]): Promise<{ text: string; result: CheckDraftResult }> => {
      const loaded = await loadDraft(input.fileName, input.data)
      const park = !input.park ? undefined : 'json' in input.park ? parseParkJson(input.park.json, '表单字段 park') : requireValidPark(input.park.data)
      const materials = input.withMaterials ? (park?.materials?.map((material) => material.text) ?? []) : undefined
      const result = checkDraft(loaded, {
        ...(input.kind ? { kindId: input.kind } : {}),
        ...(park ? { park } : {}),
        ...(materials ? { materials } : {}),
      })
      const markdown = /\.(md|markdown)$/i.test(input.fileName)
      // Markdown decorations would be findings of their own in the plain-text draft every later step works on.
      return { text: markdown ? stripMarkdown(loaded.doc.source) : loaded.doc.source, result }
    },
  }),

  /** A .docx draft returned with every finding as a comment (批注) and every fix as a tracked change (修订). */
  annotate: defineJob({
    input: z.object({
      fileName: z.string().max(1000),
      data: Bytes,
      kind: z.string().optional(),
      park: z.object({ json: z.string() }).optional(),
    }),
    load: () => Promise.all([import('../review/review-docx.js'), import('../park/read-park.js')]),
    run: (input, [{ reviewDocx }, { parseParkJson }]) => {
      const park = input.park ? parseParkJson(input.park.json, '表单字段 park') : undefined
      return reviewDocx(input.fileName, input.data, { ...(input.kind ? { kindId: input.kind } : {}), ...(park ? { park } : {}) })
    },
  }),

  /** An offline first draft: plan against the corpus, compose, check. */
  draft: defineJob({
    input: z.object({ park: z.unknown(), kind: z.string().optional() }),
    load: () => Promise.all([import('../draft/draft-report.js'), import('../park/read-park.js')]),
    run: async (input, [{ draftReport }, { requireValidPark }], context): Promise<DraftOutcome> => {
      const park = requireValidPark(input.park)
      return draftReport({ park, mode: 'offline', ...(input.kind ? { kindId: input.kind } : {}) }, { config: {}, corpus: await context.corpus() })
    },
  }),

  /** The deterministic rewrites (apply the checker's fixes, compress to a 字数); instructions go to the LLM elsewhere. */
  rewrite: defineJob({
    warmUp: () => ({ text: WARM_TEXT, action: { applyFixes: true as const } }),
    input: OfflineRewriteSchema,
    load: () => Promise.all([import('../draft/rewrite-report.js'), import('../park/read-park.js')]),
    run: (request, [{ rewriteReport }, { requireValidPark }]): Promise<RewriteOutcome> =>
      rewriteReport(
        {
          text: request.text,
          format: request.format,
          action: 'applyFixes' in request.action ? { applyFixes: true } : { maxZishu: request.action.maxZishu },
          ...(request.section ? { path: request.section } : {}),
          ...optionalPark(request.park, requireValidPark),
          ...(request.kind ? { kindId: request.kind } : {}),
        },
        { config: {} },
      ),
  }),

  export: defineJob({
    warmUp: () => ({ text: WARM_TEXT }),
    input: ExportRequestSchema,
    load: () => Promise.all([import('../export/export-draft.js'), import('../model/load-draft.js'), import('../park/read-park.js')]),
    run: (request, [{ exportDraft }, { parseDraftText }, { requireValidPark }]) =>
      exportDraft({
        doc: parseDraftText(request.text, request.format),
        ...optionalPark(request.park, requireValidPark),
        ...(request.kind ? { kindId: request.kind } : {}),
        form: request.form,
        charts: request.charts,
        ...(request.fillDate ? { fillDate: request.fillDate } : {}),
        ...(request.previous !== undefined ? { previous: parseDraftText(request.previous, request.format) } : {}),
      }),
  }),

  /** A policy upload extracted, normalized and split; the event loop stores it and adds it to the index. */
  ingest: defineJob({
    warmUp: () => ({ fileName: 'warm-up.txt', data: warmBytes(), limits: { maxBytes: 1024 * 1024, maxPages: 1 } }),
    input: z.object({
      fileName: z.string().max(1000),
      data: Bytes,
      mediaType: z.string().max(200).optional(),
      limits: z.object({ maxBytes: z.number().int().positive(), maxPages: z.number().int().positive() }),
    }),
    load: () => import('../ingest/ingest-document.js'),
    run: (input, { ingestDocument }, context) =>
      ingestDocument(
        { fileName: input.fileName, data: input.data, ...(input.mediaType ? { mediaType: input.mediaType } : {}) },
        { limits: input.limits, onProgress: () => context.step?.() },
      ),
  }),

  /** The indicator table of an uploaded workbook (streamed row count and zip check first, then exceljs). */
  readWorkbook: defineJob({
    input: z.object({ data: Bytes, kind: KindIdSchema }),
    load: () => import('../ingest/indicator-workbook.js'),
    run: (input, { readIndicatorWorkbook }) => readIndicatorWorkbook(input.data, input.kind),
  }),

  /** A filled-in 汇总表 read into park-data form; `park` is the stored park it will be merged into (its kind's years). */
  readSummaryWorkbook: defineJob({
    input: z.object({ data: Bytes, kind: KindIdSchema, park: z.unknown() }),
    load: () => Promise.all([import('../ingest/summary-table-xlsx.js'), import('../park/indicator-values.js'), import('../park/read-park.js')]),
    run: (input, [{ readSummaryWorkbook }, { kindForPark }, { requireValidPark }]) =>
      readSummaryWorkbook(input.data, kindForPark(requireValidPark(input.park), input.kind)),
  }),

  /** The 汇总表 workbook written, blank or from park data. */
  summaryWorkbook: defineJob({
    input: z.object({ kind: KindIdSchema.optional(), park: z.unknown().optional() }),
    load: () => Promise.all([import('../export/summary-table-xlsx.js'), import('../park/read-park.js')]),
    run: (input, [{ exportSummaryWorkbook }, { requireValidPark }]) => {
      const park = input.park === undefined ? undefined : requireValidPark(input.park)
      const kind = input.kind ?? park?.kind
      if (!kind) throw new UserError('missing_kind', '请指定报告类型（kind）。', 400, { path: 'kind' })
      return exportSummaryWorkbook(kind, park)
    },
  }),
} satisfies Record<JobName, { input: z.ZodType; load(): Promise<unknown>; run(...args: never[]): unknown }>

export type Jobs = typeof JOBS
export type JobInput<Name extends JobName> = z.input<Jobs[Name]['input']>
export type JobOutput<Name extends JobName> = Awaited<ReturnType<Jobs[Name]['run']>>
