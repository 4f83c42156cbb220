import { UserError } from '../errors.js'
import { scopeFromLabel } from './kind-spec.js'

/**
 * Turns a spec *source* (a JSON object after `extends` merging) into the plain object `KindSpecSchema` validates:
 * `$ref` pointers are replaced, `$`-prefixed meta keys dropped, `{year}`-style placeholders filled, relative years
 * made concrete and indicator scopes defaulted. Pure: no file access (the registry does that).
 *
 * Why the machinery: the 2026 templates (000/001) share most of their text and will come back in 2027 with other
 * years; one spec file per kind and per edition should be enough, without copying the shared parts.
 */

export type JsonObject = { [key: string]: unknown }

export const messages = {
  refNotFound: (ref: string) => `报告类型定义中的引用 ${ref} 指向不存在的内容。`,
  refInvalid: (ref: string) => `报告类型定义中的引用 ${ref} 格式不正确，应为以 #/ 开头的 JSON 指针。`,
  refTooDeep: (ref: string) => `报告类型定义中的引用 ${ref} 嵌套过深（可能存在循环引用）。`,
} as const

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Objects merge key by key (recursively); arrays and scalars of `override` replace those of `base`. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override === undefined ? base : override
  const out: JsonObject = { ...base }
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value)
  return out
}

const MAX_REF_DEPTH = 32

/** Replaces every `{ "$ref": "#/a/b" }` by the value at that JSON pointer of `root` (RFC 6901 escapes). */
export function resolveRefs(root: unknown): unknown {
  const walk = (value: unknown, depth: number, via: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, depth, via))
    if (!isObject(value)) return value
    const ref = value['$ref']
    if (ref !== undefined) {
      if (typeof ref !== 'string' || !ref.startsWith('#/')) throw specError('SPEC_REF_INVALID', messages.refInvalid(String(ref)))
      if (depth >= MAX_REF_DEPTH) throw specError('SPEC_REF_CYCLE', messages.refTooDeep(via || ref))
      return walk(pointer(root, ref), depth + 1, via || ref)
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, depth, via)]))
  }
  return walk(root, 0, '')
}

function pointer(root: unknown, ref: string): unknown {
  let node = root
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) node = node[Number(key)]
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key]
    else throw specError('SPEC_REF_NOT_FOUND', messages.refNotFound(ref))
  }
  return node
}

/** Drops `$defs`, `$comment`, `$abstract` and any other `$`-prefixed key, at every depth. */
export function stripMeta(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMeta)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !k.startsWith('$'))
      .map(([k, v]) => [k, stripMeta(v)]),
  )
}

export type Placeholders = { year: number; dataYear: number; category?: string }

const PLACEHOLDER = /\{(year|dataYear)([+-]\d+)?\}|\{category\}/g

/** Fills `{year}`, `{dataYear}`, `{dataYear-1}`, `{year+1}` and `{category}` in every string. Unknown braces stay. */
export function fillPlaceholders(value: unknown, vars: Placeholders): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (match, name: string | undefined, offset: string | undefined) => {
      if (name === undefined) return vars.category ?? match
      return String((name === 'year' ? vars.year : vars.dataYear) + Number(offset ?? 0))
    })
  }
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, vars))
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, vars)]))
  return value
}

/** Relative years are numbers (offsets from dataYear): [0, -1, -2] → ['2025', '2024', '2023']; asOf 0 → '2025-12-31'. */
function concretePeriod(node: JsonObject, dataYear: number): JsonObject {
  const out = { ...node }
  for (const key of ['years', 'yoyYears'] as const) {
    const years = out[key]
    if (Array.isArray(years)) out[key] = years.map((y) => (typeof y === 'number' ? String(dataYear + y) : y))
  }
  if (typeof out['asOf'] === 'number') out['asOf'] = `${dataYear + out['asOf']}-12-31`
  return out
}

function inherit(child: JsonObject, parent: JsonObject): JsonObject {
  const out = { ...child }
  if (out['years'] === undefined && out['asOf'] === undefined) {
    if (parent['years'] !== undefined) out['years'] = parent['years']
    else if (parent['asOf'] !== undefined) out['asOf'] = parent['asOf']
  }
  if (out['yoyYears'] === undefined && parent['yoyYears'] !== undefined && out['asOf'] === undefined) {
    out['yoyYears'] = parent['yoyYears']
  }
  return out
}

/**
 * Makes indicator periods concrete and explicit on every row (block → group → indicator inheritance), and fills a
 * missing `scope` by the 000/001 填写说明 rule. Anything not shaped as expected is left for the schema to report.
 */
export function resolveIndicators(spec: JsonObject, dataYear: number): JsonObject {
  const block = spec['indicatorBlock']
  if (!isObject(block)) return spec
  const blockPeriod = concretePeriod(block, dataYear)
  const groups = Array.isArray(block['groups'])
    ? block['groups'].map((g) => {
        if (!isObject(g)) return g
        const group = inherit(concretePeriod(g, dataYear), blockPeriod)
        const indicators = Array.isArray(group['indicators'])
          ? group['indicators'].map((i) => {
              if (!isObject(i)) return i
              const indicator = inherit(concretePeriod(i, dataYear), group)
              if (indicator['scope'] === undefined && typeof indicator['label'] === 'string') {
                indicator['scope'] = scopeFromLabel(indicator['label'])
              }
              return indicator
            })
          : group['indicators']
        return { ...group, indicators }
      })
    : block['groups']
  return { ...spec, indicatorBlock: { ...blockPeriod, groups } }
}

export type ResolveOptions = {
  /** Re-target the spec to another data year; `year` moves by the same amount. */
  dataYear?: number
}

/** The whole pipeline after merging: refs → meta → placeholders → periods. Returns input for `KindSpecSchema`. */
export function resolveSpecSource(merged: JsonObject, options: ResolveOptions = {}): unknown {
  const withRefs = resolveRefs(merged)
  const plain = stripMeta(withRefs)
  if (!isObject(plain)) return plain
  const fileYear = plain['year']
  const fileDataYear = plain['dataYear']
  if (typeof fileYear !== 'number' || typeof fileDataYear !== 'number') return plain
  const dataYear = options.dataYear ?? fileDataYear
  const year = fileYear + (dataYear - fileDataYear)
  const category = typeof plain['category'] === 'string' ? plain['category'] : undefined
  const filled = fillPlaceholders({ ...plain, year, dataYear }, { year, dataYear, ...(category ? { category } : {}) })
  return isObject(filled) ? resolveIndicators(filled, dataYear) : filled
}

function specError(code: string, message: string): UserError {
  return new UserError(code, message, 422)
}
