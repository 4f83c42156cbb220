import { randomUUID } from 'node:crypto'

/**
 * A short random id for a park or a draft: 16 hex digits (60 random bits) from a v4 UUID. Short enough for a URL a
 * person may copy, random enough that ids never collide in one workspace and cannot be guessed from each other.
 */
export function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16)
}

/** Ids reach the repositories from URLs: anything else is simply not found, without a query. */
export function isId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value)
}
