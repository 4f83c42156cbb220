import { jsonPath, type PathSegment } from '../park/json-path.js'

/** Small conversions shared by the repositories, identical for PGlite and node-postgres. */

/** timestamptz comes back as a Date from both drivers; the repositories hand out ISO 8601 strings. */
export function isoOf(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString()
}

/** The SQLSTATE of a database error (both drivers put it in `code`), e.g. '23505' for a unique violation. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
} as const

/**
 * PostgreSQL text and jsonb cannot hold U+0000. A value that contains it would fail deep in the driver with a
 * 500; the repositories find it first and answer with a message naming where it is (a JSON path, `$.park.intro`).
 */
export function findNul(value: unknown, segments: PathSegment[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? jsonPath(segments) : undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...segments, i])
      if (found) return found
    }
    return undefined
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return jsonPath([...segments, key])
      const found = findNul(item, [...segments, key])
      if (found) return found
    }
  }
  return undefined
}
