import { UserError } from '../errors.js'
import { ParkDataSchema, type ParkData, type ParkKind } from '../park/park-schema.js'
import { requireValidPark } from '../park/read-park.js'
import type { Database, Queryable } from './database.js'
import { isId, newId } from './ids.js'
import { findNul, isoOf } from './sql-values.js'

export interface ParkRecord {
  id: string
  /** park.name of the data, kept in a column for lists. */
  name: string
  /** The report kind of the data (innovation-green, …). */
  kind: ParkKind
  data: ParkData
  /** 1 on creation, +1 on every update; an update must name the version it was based on. */
  version: number
  createdAt: string
  updatedAt: string
}

/** A park without its data, for lists. */
export type ParkSummary = Omit<ParkRecord, 'data'>

const messages = {
  notFound: (id: string) => `找不到编号为“${id}”的园区。`,
  conflict: (name: string, expected: number, current: number) =>
    `园区“${name}”的数据已在其他页面或由其他人修改（您编辑的是第${expected}版，现在已是第${current}版）。` +
    '为避免覆盖对方的修改，本次没有保存：请先复制您的修改，刷新页面后再合并保存。',
  badVersion: '缺少有效的版本号（version），无法判断是否会覆盖他人的修改，本次没有保存。',
  hasDrafts: (name: string, drafts: number) =>
    `园区“${name}”下还有 ${drafts} 份稿件。删除园区会同时删除这些稿件及其全部历史版本；请先确认，或先删除稿件。`,
  nul: (path: string) => `园区数据 ${path} 中含有无法保存的空字符（U+0000），请删除后重试。`,
}

interface ParkRow {
  id: string
  name: string
  kind: string
  data?: unknown
  version: number
  created_at: unknown
  updated_at: unknown
}

const SUMMARY_COLUMNS = 'id, name, kind, version, created_at, updated_at'
const COLUMNS = `${SUMMARY_COLUMNS}, data`

/**
 * Parks of the workspace: validated park-data JSON (jsonb) with optimistic concurrency, so two tabs editing the same
 * park never silently overwrite each other — the later save gets a 409 and keeps its text on the page.
 */
export class ParkRepository {
  constructor(private readonly db: Database) {}

  /** Validates (422 with every issue when invalid) and stores a new park at version 1. */
  async create(raw: unknown): Promise<ParkRecord> {
    const data = validated(raw)
    const { rows } = await this.db.query<ParkRow>(
      `INSERT INTO parks (id, name, kind, data) VALUES ($1, $2, $3, $4::text::jsonb) RETURNING ${COLUMNS}`,
      [newId(), data.park.name, data.kind, JSON.stringify(data)],
    )
    return toRecord(rows[0]!)
  }

  async get(id: string): Promise<ParkRecord> {
    const row = isId(id) ? (await this.db.query<ParkRow>(`SELECT ${COLUMNS} FROM parks WHERE id = $1`, [id])).rows[0] : undefined
    if (!row) throw new UserError('park_not_found', messages.notFound(id), 404)
    return toRecord(row)
  }

  /** Every park, most recently changed first. */
  async list(): Promise<ParkSummary[]> {
    const { rows } = await this.db.query<ParkRow>(`SELECT ${SUMMARY_COLUMNS} FROM parks ORDER BY updated_at DESC, id COLLATE "C"`)
    return rows.map(toSummary)
  }

  /**
   * Replaces the data of a park if it is still at `expectedVersion` (the version the person started editing);
   * otherwise 409, and nothing changes. Answers the stored park at its new version.
   */
  async update(id: string, raw: unknown, expectedVersion: number): Promise<ParkRecord> {
    const expected = requireVersion(expectedVersion)
    const data = validated(raw)
    if (!isId(id)) throw new UserError('park_not_found', messages.notFound(id), 404)
    // One statement: the version check and the write are atomic on both backends, with no lock held in between.
    const { rows } = await this.db.query<ParkRow>(
      `UPDATE parks SET data = $2::text::jsonb, name = $3, kind = $4, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $5 RETURNING ${COLUMNS}`,
      [id, JSON.stringify(data), data.park.name, data.kind, expected],
    )
    if (rows[0]) return toRecord(rows[0])
    const current = await this.db.query<{ name: string; version: number }>('SELECT name, version FROM parks WHERE id = $1', [id])
    const found = current.rows[0]
    if (!found) throw new UserError('park_not_found', messages.notFound(id), 404)
    throw new UserError('park_version_conflict', messages.conflict(found.name, expected, found.version), 409)
  }

  /**
   * Deletes a park. A park with drafts is deleted only with `withDrafts: true` (its drafts and all their versions go
   * with it); otherwise 409, so no text is lost by a stray click. With `expectedVersion`, also 409 when someone
   * changed the park in the meantime.
   */
  async remove(id: string, options: { expectedVersion?: number; withDrafts?: boolean } = {}): Promise<void> {
    const expected = options.expectedVersion === undefined ? undefined : requireVersion(options.expectedVersion)
    if (!isId(id)) throw new UserError('park_not_found', messages.notFound(id), 404)
    await this.db.transaction(async (tx) => {
      // FOR UPDATE: a draft created concurrently waits for this delete and then finds no park (404), never an orphan.
      const { rows } = await tx.query<{ name: string; version: number }>('SELECT name, version FROM parks WHERE id = $1 FOR UPDATE', [id])
      const park = rows[0]
      if (!park) throw new UserError('park_not_found', messages.notFound(id), 404)
      if (expected !== undefined && park.version !== expected) {
        throw new UserError('park_version_conflict', messages.conflict(park.name, expected, park.version), 409)
      }
      if (!options.withDrafts) {
        const drafts = await countDrafts(tx, id)
        if (drafts > 0) throw new UserError('park_has_drafts', messages.hasDrafts(park.name, drafts), 409)
      }
      await tx.query('DELETE FROM parks WHERE id = $1', [id])
    })
  }
}

function validated(raw: unknown): ParkData {
  const nul = findNul(raw)
  if (nul) throw new UserError('nul_character', messages.nul(nul), 400, { path: nul })
  return requireValidPark(raw)
}

function requireVersion(version: unknown): number {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new UserError('park_version_required', messages.badVersion, 400, { path: 'version' })
  }
  return version
}

async function countDrafts(tx: Queryable, parkId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM drafts WHERE park_id = $1', [parkId])
  return rows[0]?.n ?? 0
}

function toSummary(row: ParkRow): ParkSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ParkKind,
    version: row.version,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
  }
}

function toRecord(row: ParkRow): ParkRecord {
  // jsonb keeps no key order; parsing again gives the schema's order, the same object `create` was given back.
  // Data stored under an older schema that no longer parses is handed out as stored rather than made unreadable.
  const parsed = ParkDataSchema.safeParse(row.data)
  return { ...toSummary(row), data: parsed.success ? parsed.data : (row.data as ParkData) }
}
