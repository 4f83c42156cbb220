import { freezeForChecks } from '../check/check-memo.js'
import type { ParkData } from '../park/park-schema.js'
import { requireValidPark } from '../park/read-park.js'

/**
 * Park data of recent check requests, validated and deep-frozen, by their JSON. Clients send the same park with every
 * draft, and what the checker derives from a park (its known figures and data series, ≈10% of a check) is kept only
 * for a frozen park object (check-memo.ts): reusing the object lets the next check find it, and skips validation.
 * The key is the serialized value itself and validation reads nothing else, so an entry can never be stale.
 */
const MAX_PARKS = 16
/** Larger park data (long materials texts) is validated every time rather than kept. */
const MAX_KEY_CHARS = 256 * 1024

const parks = new Map<string, ParkData>()

/** requireValidPark, for a value parsed from a request body; throws the same UserError for invalid data. */
export function validParkOf(raw: unknown): ParkData {
  const key = JSON.stringify(raw)
  if (key === undefined || key.length > MAX_KEY_CHARS) return requireValidPark(raw)
  const hit = parks.get(key)
  if (hit) {
    parks.delete(key)
    parks.set(key, hit)
    return hit
  }
  const park = freezeForChecks(requireValidPark(raw))
  parks.set(key, park)
  if (parks.size > MAX_PARKS) parks.delete(parks.keys().next().value!)
  return park
}
