import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve as resolvePath } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { z } from 'zod'
import { UserError } from '../errors.js'
import { KindSpecSchema, type KindSpec } from './kind-spec.js'
import { PREVALIDATED_KINDS_FILE, readPrevalidatedKinds, sourceKey, writePrevalidatedKinds } from './prevalidated.js'
import { deepMerge, isObject, resolveSpecSource, type JsonObject, type ResolveOptions } from './resolve.js'

/**
 * The report kinds the product knows: every `*.json` in ./specs that is not marked `"$abstract": true`, and every
 * `*.json` in the directory named by the `KINDS_DIR` environment variable, loaded, `extends`-resolved and validated
 * once at module load. Adding a kind = adding a spec file; next year's template needs no code change.
 */

/** Environment variable naming a directory of extra spec files, loaded at start-up beside the built-in ones. */
export const KINDS_DIR_ENV = 'KINDS_DIR'

export const messages = {
  unknownKind: (id: string, valid: readonly string[]) => `未知的报告类型“${id}”。可选的报告类型：${valid.join('、')}。`,
  duplicateKind: (id: string) => `报告类型“${id}”已存在，不能重复添加。`,
  unreadable: (file: string) => `无法读取报告类型定义文件 ${file}。`,
  notJson: (file: string, reason: string) => `报告类型定义文件 ${file} 不是有效的 JSON：${reason}`,
  notObject: (file: string) => `报告类型定义文件 ${file} 的内容应为 JSON 对象。`,
  badExtends: (file: string) => `报告类型定义文件 ${file} 的 extends 应为另一个定义文件的相对路径。`,
  extendsCycle: (chain: readonly string[]) => `报告类型定义文件存在循环继承：${chain.join(' → ')}。`,
  abstractSpec: (file: string) => `报告类型定义文件 ${file} 是公共部分（$abstract），不能单独作为报告类型使用。`,
  invalid: (file: string, issues: string) => `报告类型定义文件 ${file} 校验失败：${issues}`,
  kindsDirMissing: (dir: string) =>
    `环境变量 KINDS_DIR 指定的目录 ${dir} 不存在或无法读取。请改为存放报告类型定义文件（.json）的目录，或删除该设置。`,
} as const

type Source = { file: string; merged: JsonObject }

const SPECS_DIR = new URL('./specs/', import.meta.url)
/** Specs the build validated, by source (prevalidated.ts); empty when running from the sources. */
const PREVALIDATED = readPrevalidatedKinds(new URL(`./${PREVALIDATED_KINDS_FILE}`, import.meta.url))

function displayName(url: URL): string {
  return fileURLToPath(url)
}

function readJsonObject(url: URL): JsonObject {
  let text: string
  try {
    text = readFileSync(url, 'utf8')
  } catch {
    throw new UserError('KIND_SPEC_UNREADABLE', messages.unreadable(displayName(url)), 422, { path: displayName(url) })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new UserError('KIND_SPEC_NOT_JSON', messages.notJson(displayName(url), (e as Error).message), 422, {
      path: displayName(url),
    })
  }
  if (!isObject(value)) throw new UserError('KIND_SPEC_NOT_OBJECT', messages.notObject(displayName(url)), 422)
  return value
}

/**
 * Reads a spec file and everything it `extends` (a path relative to the file), parents first. The parent's
 * `$abstract` flag is not inherited: a file is abstract only if it says so itself.
 */
function loadSource(url: URL, chain: readonly string[] = []): JsonObject {
  const name = displayName(url)
  if (chain.includes(name)) throw new UserError('KIND_SPEC_EXTENDS_CYCLE', messages.extendsCycle([...chain, name]), 422)
  const { extends: parentRef, ...own } = readJsonObject(url)
  if (parentRef === undefined) return own
  if (typeof parentRef !== 'string' || parentRef.length === 0) {
    throw new UserError('KIND_SPEC_BAD_EXTENDS', messages.badExtends(name), 422, { path: name })
  }
  const { $abstract: _inheritedFlag, ...parent } = loadSource(parentUrl(parentRef, url), [...chain, name])
  return deepMerge(parent, own) as JsonObject
}

/**
 * `extends` is relative to the extending file; a file outside ./specs (KINDS_DIR) may also name a built-in spec by
 * its file name (`"extends": "innovation-green.json"`) without copying it.
 */
function parentUrl(ref: string, child: URL): URL {
  const relative = new URL(ref, child)
  if (existsSync(relative)) return relative
  const builtIn = new URL(ref, SPECS_DIR)
  return existsSync(builtIn) ? builtIn : relative
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')
      return `${path || '(根)'}：${i.message}`
    })
    .join('；')
}

/** Resolves and validates a merged source; a schema failure becomes a UserError naming each failing field. */
function validate(source: Source, options: ResolveOptions = {}): KindSpec {
  const result = KindSpecSchema.safeParse(resolveSpecSource(source.merged, options))
  if (!result.success) {
    throw new UserError('KIND_SPEC_INVALID', messages.invalid(source.file, formatIssues(result.error.issues)), 422, {
      path: source.file,
      issues: result.error.issues,
    })
  }
  return result.data
}

function toUrl(path: string | URL): URL {
  return path instanceof URL ? path : pathToFileURL(resolvePath(path))
}

function readSource(path: string | URL): Source {
  const url = toUrl(path)
  const merged = loadSource(url)
  if (merged['$abstract'] === true) throw new UserError('KIND_SPEC_ABSTRACT', messages.abstractSpec(displayName(url)), 422)
  return { file: displayName(url), merged }
}

/** Loads, resolves and validates one spec file (anywhere on disk) without registering it. */
export function loadKindFile(path: string | URL, options: ResolveOptions = {}): KindSpec {
  return validate(readSource(path), options)
}

type Entry = { source: Source; spec: KindSpec; byDataYear: Map<number, KindSpec> }
const entries = new Map<string, Entry>()

function register(source: Source): KindSpec {
  const spec = PREVALIDATED.get(sourceKey(source.merged)) ?? validate(source)
  if (entries.has(spec.id)) throw new UserError('KIND_DUPLICATE', messages.duplicateKind(spec.id), 409)
  entries.set(spec.id, { source, spec, byDataYear: new Map([[spec.dataYear, spec]]) })
  return spec
}

/** Registers every non-abstract `*.json` of a directory, in file-name order; returns the ids registered. */
function registerDirectory(dir: URL): string[] {
  const ids: string[] = []
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const url = new URL(name, dir)
    if (readJsonObject(url)['$abstract'] === true) continue
    ids.push(register(readSource(url)).id)
  }
  return ids
}

const builtInIds = registerDirectory(SPECS_DIR)

/** For the build: writes the built-in kinds, validated, into `dir` (the compiled registry's folder). */
export function writeBuiltInKinds(dir: string): void {
  const kinds = builtInIds.map((id) => {
    const { source, spec } = entries.get(id)!
    return { merged: source.merged, spec }
  })
  writePrevalidatedKinds(resolvePath(dir, PREVALIDATED_KINDS_FILE), kinds)
}

function sorted(): KindSpec[] {
  return [...entries.values()].map((e) => e.spec).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
}

/** Ids of the built-in kinds, in display order. */
export const KIND_IDS: readonly string[] = Object.freeze(sorted().map((s) => s.id))

const extraDir = process.env[KINDS_DIR_ENV]?.trim()
if (extraDir) {
  const dir = pathToFileURL(`${resolvePath(extraDir)}/`)
  if (!existsSync(dir)) throw new UserError('KINDS_DIR_MISSING', messages.kindsDirMissing(fileURLToPath(dir)), 422)
  registerDirectory(dir)
}

/** Ids of every registered kind (built-in, KINDS_DIR and added), in display order. */
export function kindIds(): string[] {
  return sorted().map((s) => s.id)
}

/** Whether a kind id is registered. */
export function isKindId(id: string): boolean {
  return entries.has(id)
}

/** All kinds (built-in and added), in display order. */
export function listKinds(): KindSpec[] {
  return sorted()
}

/**
 * One kind by id. `dataYear` re-targets it (e.g. the 003 附件1 columns 2021/2020/2019 for dataYear 2021);
 * results are cached.
 */
export function getKind(id: string, options: ResolveOptions = {}): KindSpec {
  const entry = entries.get(id)
  if (!entry) {
    // A kind named in a request (its body or query) that does not exist is a bad request; the one route that takes a
    // kind in its path (GET /api/kinds/:id) answers 404 for it instead.
    throw new UserError('unknown_kind', messages.unknownKind(id, sorted().map((s) => s.id)), 400, { path: 'kind' })
  }
  const dataYear = options.dataYear ?? entry.spec.dataYear
  let spec = entry.byDataYear.get(dataYear)
  if (!spec) {
    spec = validate(entry.source, { dataYear })
    entry.byDataYear.set(dataYear, spec)
  }
  return spec
}

/** Registers a new spec file at run time (e.g. next year's template); throws if its id is taken. */
export function addKindFile(path: string | URL): KindSpec {
  return register(readSource(path))
}
