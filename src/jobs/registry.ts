import { z } from 'zod'
import { checkDraft, type CheckDraftResult } from '../check/check-draft.js'
import { RuleConfigSchema } from '../check/rule-config.js'
import type { PolicyCorpus } from '../corpus/policy-corpus.js'
import { draftReport, type DraftOutcome } from '../draft/draft-report.js'
import { rewriteReport, type RewriteOutcome } from '../draft/rewrite-report.js'
import { exportDraft } from '../export/export-draft.js'
import { ingestDocument } from '../ingest/ingest-document.js'
import { stripMarkdown } from '../ingest/extract-text.js'
import { loadDraft, MAX_DRAFT_CHARS, parseDraftText } from '../model/load-draft.js'
import { parseParkJson, requireValidPark } from '../park/read-park.js'
import { PARK_KINDS } from '../park/park-schema.js'
import { readIndicatorWorkbook } from '../server/routes/workspace-indicators.js'
import { validParkOf } from '../server/valid-parks.js'
import type { JobName } from './catalog.js'

/**
 * The CPU-heavy work of the server as jobs: each a zod schema for its input (the request as the route received it)
 * and a function from that input to a value that can cross to the event loop by structured clone. Worker threads
 * run them (worker-entry.ts); tests and the CLI run them in-process (inline-runner.ts). Both go through runJob, so
 * a job behaves the same wherever it runs.
 */

export interface JobContext {
  /** The policy corpus as the server has it (built-in guidelines plus uploads), for planning a draft. */
  corpus(): Promise<PolicyCorpus>
}

interface JobDefinition<Input extends z.ZodType, Output> {
  input: Input
  run(input: z.output<Input>, context: JobContext): Promise<Output> | Output
}

const defineJob = <Input extends z.ZodType, Output>(job: JobDefinition<Input, Output>) => job

const Bytes = z.instanceof(Uint8Array)
const DraftFormat = z.enum(['text', 'markdown']).default('text')

export const CheckRequestSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  format: DraftFormat,
  kind: z.string().optional(),
  // Validated by the park-data validator, which lists every problem with its path.
  park: z.unknown().optional(),
  materials: z.array(z.string().max(200_000)).max(20).optional(),
  config: RuleConfigSchema.optional(),
})

export const ExportRequestSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  format: DraftFormat,
  kind: z.string().optional(),
  park: z.unknown().optional(),
  form: z.boolean().default(false),
  charts: z.boolean().default(false),
  fillDate: z.string().max(40).optional(),
})

const OfflineRewriteSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  format: DraftFormat,
  section: z.string().max(200).optional(),
  action: z.union([z.object({ applyFixes: z.literal(true) }), z.object({ maxZishu: z.number().int().min(20).max(5000) })]),
  kind: z.string().optional(),
  park: z.unknown().optional(),
})

const optionalPark = (raw: unknown) => (raw === undefined ? {} : { park: requireValidPark(raw) })

export const JOBS = {
  /** POST /api/check with JSON: the whole answer, serialized here so the event loop only sends it. */
  check: defineJob({
    input: CheckRequestSchema,
    run: (request): string => {
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
    input: z.object({
      fileName: z.string().max(1000),
      data: Bytes,
      kind: z.string().optional(),
      park: z.union([z.object({ json: z.string() }), z.object({ data: z.unknown() })]).optional(),
      /** Check figures against the park's materials too (a stored park's draft), not only its data. */
      withMaterials: z.boolean().default(false),
    }),
    run: async (input): Promise<{ text: string; result: CheckDraftResult }> => {
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

  /** An offline first draft: plan against the corpus, compose, check. */
  draft: defineJob({
    input: z.object({ park: z.unknown(), kind: z.string().optional() }),
    run: async (input, context): Promise<DraftOutcome> => {
      const park = requireValidPark(input.park)
      return draftReport({ park, mode: 'offline', ...(input.kind ? { kindId: input.kind } : {}) }, { config: {}, corpus: await context.corpus() })
    },
  }),

  /** The deterministic rewrites (apply the checker's fixes, compress to a 字数); instructions go to the LLM elsewhere. */
  rewrite: defineJob({
    input: OfflineRewriteSchema,
    run: (request): Promise<RewriteOutcome> =>
      rewriteReport(
        {
          text: request.text,
          format: request.format,
          action: 'applyFixes' in request.action ? { applyFixes: true } : { maxZishu: request.action.maxZishu },
          ...(request.section ? { path: request.section } : {}),
          ...optionalPark(request.park),
          ...(request.kind ? { kindId: request.kind } : {}),
        },
        { config: {} },
      ),
  }),

  export: defineJob({
    input: ExportRequestSchema,
    run: (request): Promise<{ data: Uint8Array; fileName: string }> =>
      exportDraft({
        doc: parseDraftText(request.text, request.format),
        ...optionalPark(request.park),
        ...(request.kind ? { kindId: request.kind } : {}),
        form: request.form,
        charts: request.charts,
        ...(request.fillDate ? { fillDate: request.fillDate } : {}),
      }),
  }),

  /** A policy upload extracted, normalized and split; the event loop stores it and adds it to the index. */
  ingest: defineJob({
    input: z.object({
      fileName: z.string().max(1000),
      data: Bytes,
      mediaType: z.string().max(200).optional(),
      limits: z.object({ maxBytes: z.number().int().positive(), maxPages: z.number().int().positive() }),
    }),
    run: (input) =>
      ingestDocument(
        { fileName: input.fileName, data: input.data, ...(input.mediaType ? { mediaType: input.mediaType } : {}) },
        { limits: input.limits },
      ),
  }),

  readWorkbook: defineJob({
    input: z.object({ data: Bytes, kind: z.enum(PARK_KINDS) }),
    run: (input) => readIndicatorWorkbook(input.data, input.kind),
  }),
} satisfies Record<JobName, JobDefinition<z.ZodType, unknown>>

export type Jobs = typeof JOBS
export type JobInput<Name extends JobName> = z.input<Jobs[Name]['input']>
export type JobOutput<Name extends JobName> = Awaited<ReturnType<Jobs[Name]['run']>>
