import { z } from 'zod'
import { UserError } from '../errors.js'
import type { ParkKind } from '../park/park-schema.js'
import type { Database, Queryable } from './database.js'
import { isId, newId } from './ids.js'
import { isoOf, SQLSTATE, sqlStateOf } from './sql-values.js'
import { KindIdSchema } from '../kinds/kind-id.js'

/**
 * Where a version's text came from: the offline composer, the LLM, an uploaded file, the person's own edit, an
 * accepted section rewrite, or accepted checker fixes.
 */
export const DRAFT_SOURCES = ['compose', 'llm', 'upload', 'edit', 'rewrite', 'fixes'] as const
export type DraftSource = (typeof DRAFT_SOURCES)[number]

export interface Draft {
  id: string
  parkId: string
  kind: ParkKind
  title: string
  createdAt: string
  /** When the last version was added or the draft was renamed. */
  updatedAt: string
  /** The number of the latest version (versions are 1, 2, …). */
  latestVersion: number
}

export interface DraftVersion {
  draftId: string
  number: number
  text: string
  source: DraftSource
  /** E.g. the rewrite instruction, or which fixes were accepted. */
  note?: string
  createdAt: string
}

/** A version without its text, for a history list; `chars` is the text's length in characters (code points). */
export type DraftVersionSummary = Omit<DraftVersion, 'text'> & { chars: number }

const MAX_TITLE = 200
const MAX_NOTE = 2000

const messages = {
  draftNotFound: (id: string) => `找不到编号为“${id}”的稿件。`,
  parkNotFound: (id: string) => `找不到编号为“${id}”的园区，无法保存稿件。`,
  versionNotFound: (id: string, n: number) => `稿件“${id}”没有第${n}稿。`,
  conflict: (title: string, basedOn: number, latest: number) =>
    `稿件“${title}”已在其他页面或由其他人保存了新的一稿（您基于第${basedOn}稿修改，现在已有第${latest}稿）。` +
    '为避免覆盖对方的修改，本次没有保存：请先复制您的修改，刷新页面查看最新一稿后再合并保存。',
  invalid: '稿件内容不完整或格式不对，本次没有保存。',
  titleRequired: '请填写稿件标题',
  titleTooLong: `稿件标题不能超过${MAX_TITLE}个字`,
  noteTooLong: `修改说明不能超过${MAX_NOTE}个字`,
  source: `版本来源应为以下之一：${DRAFT_SOURCES.join('、')}`,
  text: '稿件正文应为文本',
  nul: '文本中含有无法保存的空字符（U+0000），请删除后重试。',
  versionNumber: '版本号应为正整数',
}

const noNul = (value: string) => !value.includes('\u0000')
const TitleSchema = z.string({ error: messages.titleRequired }).trim().min(1, messages.titleRequired).max(MAX_TITLE, messages.titleTooLong).refine(noNul, messages.nul)
const TextSchema = z.string({ error: messages.text }).refine(noNul, messages.nul)
const NoteSchema = z.string().max(MAX_NOTE, messages.noteTooLong).refine(noNul, messages.nul).optional()
const SourceSchema = z.enum(DRAFT_SOURCES, { error: messages.source })
const VersionNumberSchema = z.number({ error: messages.versionNumber }).int(messages.versionNumber).min(1, messages.versionNumber)

export const NewDraftSchema = z.object({
  parkId: z.string(),
  /** Default: the park's own kind. */
  kind: KindIdSchema.optional(),
  title: TitleSchema,
  text: TextSchema,
  source: SourceSchema,
  note: NoteSchema,
})
export type NewDraft = z.input<typeof NewDraftSchema>

export const NewVersionSchema = z.object({
  text: TextSchema,
  source: SourceSchema,
  note: NoteSchema,
  /**
   * The version the text was based on. When given and a newer version exists (another tab saved in between), 409
   * and nothing is added; without it the version is appended unconditionally.
   */
  basedOn: VersionNumberSchema.optional(),
})
export type NewVersion = z.input<typeof NewVersionSchema>

interface DraftRow {
  id: string
  park_id: string
  kind: string
  title: string
  created_at: unknown
  updated_at: unknown
  latest: number
}

interface VersionRow {
  draft_id: string
  number: number
  text?: string
  chars?: number
  source: string
  note: string | null
  created_at: unknown
}

const DRAFT_SELECT = `SELECT d.id, d.park_id, d.kind, d.title, d.created_at, d.updated_at,
  (SELECT coalesce(max(v.number), 0) FROM draft_versions v WHERE v.draft_id = d.id)::int AS latest
  FROM drafts d`

/**
 * Drafts of a park's reports and every version of each. Versions are append-only (the database refuses updates):
 * saving, composing, accepting a rewrite or accepting fixes adds a version; rejecting a rewrite adds nothing. So any
 * earlier text can always be reopened, and nothing a person typed is lost.
 */
export class DraftRepository {
  constructor(private readonly db: Database) {}

  /** A new draft for a park with its first version (both or neither are stored). */
  async create(input: NewDraft): Promise<{ draft: Draft; version: DraftVersion }> {
    const draft = parse(NewDraftSchema, input)
    if (!isId(draft.parkId)) throw new UserError('park_not_found', messages.parkNotFound(draft.parkId), 404)
    const id = newId()
    try {
      return await this.db.transaction(async (tx) => {
        const park = await tx.query<{ kind: string }>('SELECT kind FROM parks WHERE id = $1', [draft.parkId])
        if (!park.rows[0]) throw new UserError('park_not_found', messages.parkNotFound(draft.parkId), 404)
        await tx.query('INSERT INTO drafts (id, park_id, kind, title) VALUES ($1, $2, $3, $4)', [
          id,
          draft.parkId,
          draft.kind ?? park.rows[0].kind,
          draft.title,
        ])
        const version = await insertVersion(tx, id, 1, draft)
        return { draft: await requireDraft(tx, id), version }
      })
    } catch (error) {
      // The park was deleted between the check and the insert (PostgreSQL, another instance).
      if (sqlStateOf(error) === SQLSTATE.foreignKeyViolation) throw new UserError('park_not_found', messages.parkNotFound(draft.parkId), 404)
      throw error
    }
  }

  async get(id: string): Promise<Draft> {
    return requireDraft(this.db, id)
  }

  /** The drafts of a park, most recently changed first; 404 for an unknown park. */
  async listByPark(parkId: string): Promise<Draft[]> {
    const park = isId(parkId) ? await this.db.query('SELECT 1 FROM parks WHERE id = $1', [parkId]) : undefined
    if (!park?.rowCount) throw new UserError('park_not_found', messages.parkNotFound(parkId), 404)
    const { rows } = await this.db.query<DraftRow>(`${DRAFT_SELECT} WHERE d.park_id = $1 ORDER BY d.updated_at DESC, d.id COLLATE "C"`, [parkId])
    return rows.map(toDraft)
  }

  async rename(id: string, title: string): Promise<Draft> {
    const value = parse(TitleSchema, title)
    const { rowCount } = isId(id)
      ? await this.db.query('UPDATE drafts SET title = $2, updated_at = now() WHERE id = $1', [id, value])
      : { rowCount: 0 }
    if (rowCount === 0) throw new UserError('draft_not_found', messages.draftNotFound(id), 404)
    return this.get(id)
  }

  /** Deletes a draft with all its versions: the one way versions go away. */
  async remove(id: string): Promise<void> {
    const { rowCount } = isId(id) ? await this.db.query('DELETE FROM drafts WHERE id = $1', [id]) : { rowCount: 0 }
    if (rowCount === 0) throw new UserError('draft_not_found', messages.draftNotFound(id), 404)
  }

  /**
   * Appends the next version (latest + 1). Concurrent calls are serialized on the draft's row, so numbers never
   * collide; with `basedOn`, a call that is no longer based on the latest version gets 409 and adds nothing.
   */
  async addVersion(draftId: string, input: NewVersion): Promise<DraftVersion> {
    const version = parse(NewVersionSchema, input)
    if (!isId(draftId)) throw new UserError('draft_not_found', messages.draftNotFound(draftId), 404)
    return this.db.transaction(async (tx) => {
      const locked = await tx.query<{ title: string }>('SELECT title FROM drafts WHERE id = $1 FOR UPDATE', [draftId])
      if (!locked.rows[0]) throw new UserError('draft_not_found', messages.draftNotFound(draftId), 404)
      const latest = await latestNumber(tx, draftId)
      if (version.basedOn !== undefined && version.basedOn !== latest) {
        throw new UserError('draft_version_conflict', messages.conflict(locked.rows[0].title, version.basedOn, latest), 409)
      }
      const added = await insertVersion(tx, draftId, latest + 1, version)
      await tx.query('UPDATE drafts SET updated_at = now() WHERE id = $1', [draftId])
      return added
    })
  }

  async latest(draftId: string): Promise<DraftVersion> {
    const row = isId(draftId)
      ? (await this.db.query<VersionRow>('SELECT draft_id, number, text, source, note, created_at FROM draft_versions WHERE draft_id = $1 ORDER BY number DESC LIMIT 1', [draftId])).rows[0]
      : undefined
    if (!row) throw new UserError('draft_not_found', messages.draftNotFound(draftId), 404)
    return toVersion(row)
  }

  /** Every version of a draft, oldest first, without the texts. */
  async listVersions(draftId: string): Promise<DraftVersionSummary[]> {
    await requireDraft(this.db, draftId)
    const { rows } = await this.db.query<VersionRow>(
      'SELECT draft_id, number, char_length(text)::int AS chars, source, note, created_at FROM draft_versions WHERE draft_id = $1 ORDER BY number',
      [draftId],
    )
    return rows.map((row) => {
      const { text: _text, ...rest } = toVersion(row)
      return { ...rest, chars: row.chars ?? 0 }
    })
  }

  async getVersion(draftId: string, number: number): Promise<DraftVersion> {
    const n = parse(VersionNumberSchema, number)
    const row = isId(draftId)
      ? (await this.db.query<VersionRow>('SELECT draft_id, number, text, source, note, created_at FROM draft_versions WHERE draft_id = $1 AND number = $2', [draftId, n])).rows[0]
      : undefined
    if (row) return toVersion(row)
    await requireDraft(this.db, draftId)
    throw new UserError('draft_version_not_found', messages.versionNotFound(draftId, n), 404)
  }
}

async function insertVersion(
  tx: Queryable,
  draftId: string,
  number: number,
  input: { text: string; source: DraftSource; note?: string | undefined },
): Promise<DraftVersion> {
  const { rows } = await tx.query<VersionRow>(
    `INSERT INTO draft_versions (draft_id, number, text, source, note) VALUES ($1, $2, $3, $4, $5)
     RETURNING draft_id, number, text, source, note, created_at`,
    [draftId, number, input.text, input.source, input.note ?? null],
  )
  return toVersion(rows[0]!)
}

async function latestNumber(tx: Queryable, draftId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT coalesce(max(number), 0)::int AS n FROM draft_versions WHERE draft_id = $1', [draftId])
  return rows[0]?.n ?? 0
}

async function requireDraft(db: Queryable, id: string): Promise<Draft> {
  const row = isId(id) ? (await db.query<DraftRow>(`${DRAFT_SELECT} WHERE d.id = $1`, [id])).rows[0] : undefined
  if (!row) throw new UserError('draft_not_found', messages.draftNotFound(id), 404)
  return toDraft(row)
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  throw new UserError('invalid_draft', issues.length === 1 ? issues[0]!.message : messages.invalid, 400, { issues })
}

function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    parkId: row.park_id,
    kind: row.kind as ParkKind,
    title: row.title,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    latestVersion: row.latest,
  }
}

function toVersion(row: VersionRow): DraftVersion {
  return {
    draftId: row.draft_id,
    number: row.number,
    text: row.text ?? '',
    source: row.source as DraftSource,
    ...(row.note !== null ? { note: row.note } : {}),
    createdAt: isoOf(row.created_at),
  }
}
