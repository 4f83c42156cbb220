import { basename, extname } from 'node:path'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppConfig } from '../../config.js'
import type { PolicyCorpus } from '../../corpus/policy-corpus.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import type { DraftOutcome } from '../../draft/draft-report.js'
import { diffStats, diffText } from '../../draft/diff.js'
import { traceFigures, type EvidenceMap } from '../../draft/evidence.js'
import { planDraft } from '../../draft/plan.js'
import { UserError } from '../../errors.js'
import { getKind } from '../../kinds/registry.js'
import { MAX_DRAFT_CHARS, parseDraftText } from '../../model/load-draft.js'
import { parseReport } from '../../model/parse-report.js'
import type { ParkData } from '../../park/park-schema.js'
import { requireValidPark } from '../../park/read-park.js'
import { distinctTitle } from '../draft-title.js'
import type { Workspace } from '../../store/workspace.js'
import { respondWithDraft } from '../draft-response.js'
import { fileResponse } from '../file-response.js'
import { FILE_FORMATS, safeFileStem } from '../../export/file-format.js'
import { parseRequest, readJsonBody, readUpload } from '../validation.js'
import { limitBody } from '../body-limit.js'
import { UploadedFile } from '../multipart.js'
import { KindIdSchema } from '../../kinds/kind-id.js'
import { kindForPark } from '../../park/indicator-values.js'

/**
 * Drafts of a stored park and their append-only versions: generate a first draft from the park (offline composer
 * or the LLM, SSE progress like POST /api/draft) and keep it as version 1; upload a person's own draft; read a draft
 * with its history; add a version (an edit, an accepted rewrite, accepted fixes) with `baseVersion`, so a tab that
 * is behind gets 409 instead of silently replacing what another tab saved.
 */

const messages = {
  noFile: '请在表单字段“file”中上传草稿：.docx、.txt 或 .md 文件。',
  tooLarge: '上传的草稿超过 10 MB 的大小限制。',
  badVersion: '版本号应为正整数。',
  baseVersion: '缺少 baseVersion（修改所基于的版本号），无法判断是否会覆盖其他页面保存的版本。',
  badBaseVersion: (value: unknown) =>
    `baseVersion（修改所基于的版本号）应为正整数，如 3，现为 ${JSON.stringify(value) ?? String(value)}。请重新打开稿件后再保存。`,
  source: '版本来源应为 edit（手工修改）、rewrite（接受改写）或 fixes（应用修改建议）之一。',
  generated: (mode: string, zishu: number) => `${mode === 'llm' ? '大模型撰写' : '离线撰写'}，${zishu}字`,
  uploaded: (name: string) => `上传文件：${name}`,
  defaultTitle: (category: string) => `${category}初稿`,
}

const MAX_DRAFT_UPLOAD_BYTES = 10 * 1024 * 1024
const CLAUSES_PER_QUERY = 6

const GenerateSchema = z.object({
  kind: KindIdSchema.optional(),
  mode: z.enum(['auto', 'offline', 'llm']).default('auto'),
  title: z.string().trim().min(1).max(200).optional(),
})

/** A version without its text: what a comparison says about each side. */
function versionSummary<Version extends { text: string }>(version: Version): Omit<Version, 'text'> {
  const { text: _text, ...summary } = version
  return summary
}

const VersionNumber = z.coerce.number({ error: messages.badVersion }).int(messages.badVersion).min(1, messages.badVersion)

const NewVersionSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  source: z.enum(['edit', 'rewrite', 'fixes'], { error: messages.source }),
  note: z.string().max(2000).optional(),
  baseVersion: z
    .number({ error: (issue) => (issue.input === undefined ? messages.baseVersion : messages.badBaseVersion(issue.input)) })
    .int({ error: (issue) => messages.badBaseVersion(issue.input) })
    .min(1, { error: (issue) => messages.badBaseVersion(issue.input) }),
})

export function workspaceDraftRoutes(deps: { workspace: Workspace; config: AppConfig; corpus: PolicyCorpus; jobs: JobRunner }) {
  const { parks, drafts } = deps.workspace
  const app = new Hono()

  /** The stored park, validated again (the schema may have moved on since it was saved). */
  const parkData = async (id: string): Promise<{ id: string; data: ParkData }> => {
    const park = await parks.get(id)
    return { id: park.id, data: requireValidPark(park.data) }
  }

  const titlesOf = async (parkId: string) => (await drafts.listByPark(parkId)).map((draft) => draft.title)

  app.get('/parks/:id/drafts', async (c) => c.json({ drafts: await drafts.listByPark(c.req.param('id')) }))

  app.post('/parks/:id/drafts', async (c) => {
    // Every field is optional: an empty body generates the park's own kind offline (or with the LLM when configured).
    const request = parseRequest(GenerateSchema, await readJsonBody(c, {}))
    const park = await parkData(c.req.param('id'))
    const kind = kindForPark(park.data, request.kind)
    const draftRequest = { park: park.data, mode: request.mode, kindId: kind.id }
    const save = async (outcome: DraftOutcome) => {
      const saved = await drafts.create({
        parkId: park.id,
        kind: kind.id,
        title: distinctTitle(request.title ?? messages.defaultTitle(kind.category), await titlesOf(park.id)),
        text: outcome.text,
        source: outcome.mode === 'llm' ? 'llm' : 'compose',
        note: messages.generated(outcome.mode, outcome.stats.total),
      })
      return { ...outcome, draft: saved.draft, version: saved.version }
    }
    return respondWithDraft(c, draftRequest, deps, save, 201)
  })

  app.post(
    '/parks/:id/drafts/upload',
    limitBody(MAX_DRAFT_UPLOAD_BYTES, () => new UserError('file_too_large', messages.tooLarge, 413)),
    async (c) => {
      const park = await parkData(c.req.param('id'))
      const body = await readUpload(c)
      const file = body['file']
      if (!(file instanceof UploadedFile)) throw new UserError('missing_file', messages.noFile, 400)
      const fields = parseRequest(
        z.object({ title: z.string().trim().max(200).optional(), kind: KindIdSchema.optional() }),
        { title: typeof body['title'] === 'string' && body['title'].trim() ? body['title'] : undefined, kind: typeof body['kind'] === 'string' && body['kind'] ? body['kind'] : undefined },
      )
      const kind = fields.kind ?? park.data.kind
      // Reading the file (a .docx is unzipped) and checking it run in a worker thread.
      const { text, result: check } = await deps.jobs.run(
        'checkUpload',
        { value: { fileName: file.name, data: file.bytes, kind, park: { data: park.data }, withMaterials: true } },
        { signal: c.req.raw.signal },
      )
      const saved = await drafts.create({
        parkId: park.id,
        kind,
        title: distinctTitle(fields.title || basename(file.name, extname(file.name)) || file.name, await titlesOf(park.id)),
        text,
        source: 'upload',
        note: messages.uploaded(file.name),
      })
      return c.json({ draft: saved.draft, version: saved.version, kind: check.kind, findings: check.findings, stats: check.stats }, 201)
    },
  )

  app.get('/drafts/:id', async (c) => {
    const id = c.req.param('id')
    const draft = await drafts.get(id)
    const [latest, versions] = await Promise.all([drafts.latest(id), drafts.listVersions(id)])
    return c.json({ draft, latest, versions })
  })

  app.delete('/drafts/:id', async (c) => {
    await drafts.remove(c.req.param('id'))
    return c.body(null, 204)
  })

  app.post('/drafts/:id/versions', async (c) => {
    const request = parseRequest(NewVersionSchema, await readJsonBody(c))
    // The same limits as every other entry point: not empty, not longer than a report could be.
    parseDraftText(request.text)
    const id = c.req.param('id')
    const version = await drafts.addVersion(id, {
      text: request.text,
      source: request.source,
      basedOn: request.baseVersion,
      ...(request.note?.trim() ? { note: request.note.trim() } : {}),
    })
    return c.json({ draft: await drafts.get(id), version }, 201)
  })

  app.get('/drafts/:id/versions/:n', async (c) => {
    const n = parseRequest(VersionNumber, c.req.param('n'))
    return c.json({ version: await drafts.getVersion(c.req.param('id'), n) })
  })

  /** Two versions side by side: what changed from `from` to `to` (lines, refined to characters). */
  app.get('/drafts/:id/compare', async (c) => {
    const from = parseRequest(VersionNumber, c.req.query('from'))
    const to = parseRequest(VersionNumber, c.req.query('to'))
    const id = c.req.param('id')
    const [before, after] = await Promise.all([drafts.getVersion(id, from), drafts.getVersion(id, to)])
    const diff = diffText(before.text, after.text)
    return c.json({ from: versionSummary(before), to: versionSummary(after), diff, ...diffStats(diff) })
  })

  /**
   * The same two versions as a Word file for a reviewer: the report of `to` with every change from `from` as a
   * tracked change (修订) they accept or reject one by one. Built in a worker thread like every export.
   */
  app.get('/drafts/:id/compare.docx', async (c) => {
    const from = parseRequest(VersionNumber, c.req.query('from'))
    const to = parseRequest(VersionNumber, c.req.query('to'))
    const id = c.req.param('id')
    const draft = await drafts.get(id)
    const [before, after, park] = await Promise.all([drafts.getVersion(id, from), drafts.getVersion(id, to), parkData(draft.parkId)])
    const file = await deps.jobs.run('export', { value: { text: after.text, previous: before.text, kind: draft.kind, park: park.data } }, { signal: c.req.raw.signal })
    return fileResponse({ ...file, fileName: `${safeFileStem(draft.title)}-第${from}稿至第${to}稿修订${FILE_FORMATS.docx.extension}` }, 'revisions')
  })

  /**
   * The evidence of a stored draft's latest text: the policy clauses each measure of the park was aligned with (the
   * same plan the drafter made) and the source of every figure. Not stored with the draft: the clauses follow the
   * corpus as it is now, and the figures follow the text as it was edited.
   */
  app.get('/drafts/:id/evidence', async (c) => {
    const id = c.req.param('id')
    const draft = await drafts.get(id)
    const [latest, park] = await Promise.all([drafts.latest(id), parkData(draft.parkId)])
    return c.json(await evidenceOf(latest.text, park.data, draft.kind, deps.corpus))
  })

  return app
}

async function evidenceOf(text: string, park: ParkData, kindId: string, corpus: PolicyCorpus): Promise<EvidenceMap> {
  // LangChain is loaded when the evidence is first asked for, not at the server's start.
  const { ClauseLangChainRetriever } = await import('../../retrieve/langchain-retriever.js')
  const retriever = new ClauseLangChainRetriever({ retriever: corpus.retrieverForChains, top: CLAUSES_PER_QUERY })
  const plan = await planDraft(park, getKind(kindId), async (query) =>
    (await retriever.invoke(query)).map((document) => ({ path: document.metadata.path, text: document.pageContent, source: document.metadata.source })),
  )
  const doc = parseReport(text)
  const measures = plan.sections.flatMap((section) => {
    const part = doc.sections.find((d) => d.path === section.path)
    return section.measures.map((m, i) => ({
      id: m.id,
      section: part?.children[i]?.path ?? section.path,
      heading: m.heading,
      addresses: m.addresses,
      results: m.results,
      clauses: m.clauses,
    }))
  })
  return { ...traceFigures(text, park, []), measures }
}
