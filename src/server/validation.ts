import { readMultipart, type MultipartForm } from './multipart.js'
import type { Context } from 'hono'
import type { z } from 'zod'
import { UserError } from '../errors.js'
import { JSON_TYPE_NAMES, parseJsonText } from '../json-text.js'

const CHINESE = /[\u4e00-\u9fff]/u

/**
 * A zod issue as a user reads it: where (a JSON path) and what is wrong, in Chinese. `input` is the value that was
 * validated, to tell a missing field from one of the wrong type (zod does not keep the input on its issues).
 */
export function describeIssue(issue: z.core.$ZodIssue, input?: unknown): { path: string; message: string } {
  const path = ['$', ...issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))].join('')
  const field = issue.path.length ? `字段 ${path.slice(2) || path}` : '请求内容'
  // A schema's own Chinese message (版本号应为正整数。) says it better than any generic one.
  if (CHINESE.test(issue.message)) return { path, message: issue.message }
  switch (issue.code) {
    case 'invalid_type': {
      const present = input === undefined ? issue.input !== undefined : valueAt(input, issue.path) !== undefined
      return { path, message: present ? `${field}的类型不正确，应为${JSON_TYPE_NAMES[issue.expected] ?? issue.expected}` : `缺少${field}` }
    }
    case 'too_small':
      return { path, message: `${field}过小或过短（最小 ${String(issue.minimum)}）` }
    case 'too_big':
      return { path, message: `${field}过大或过长（最大 ${String(issue.maximum)}）` }
    case 'invalid_value':
      return { path, message: `${field}的取值不在允许范围内：${issue.values.map(String).join('、')}` }
    case 'unrecognized_keys':
      return { path, message: `${field}含有未知字段：${issue.keys.join('、')}` }
    default:
      return { path, message: `${field}不正确` }
  }
}

/**
 * The request body as JSON, or a 400 UserError in Chinese when it is not valid JSON (with the position) or nested
 * too deeply. `emptyAs` is the value of an empty body, for routes whose every field is optional.
 */
export async function readJsonBody(c: Context, emptyAs?: unknown): Promise<unknown> {
  const text = await readJsonText(c)
  if (emptyAs !== undefined && !text.trim()) return emptyAs
  return parseJsonText(text, '请求内容')
}

/** The request body as text, unparsed: for a job that parses it in a worker thread. */
export async function readJsonText(c: Context): Promise<string> {
  try {
    return await c.req.text()
  } catch {
    // The client went away mid-body; nobody reads this answer, but it must not be logged as a server error.
    throw new UserError('body_aborted', '请求内容未完整上传，请重试。', 400)
  }
}

/** Validates a request value against a schema, or throws the same 400 UserError as `validated`. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw invalidRequest(parsed.error.issues, value)
}

function invalidRequest(zodIssues: readonly z.core.$ZodIssue[], input: unknown): UserError {
  const issues = zodIssues.map((issue) => describeIssue(issue, input))
  return new UserError('invalid_request', issues.map((issue) => issue.message).join('；'), 400, { issues })
}

/** The multipart form of an upload, parsed as it arrives (multipart.ts); a body that does not parse is a 400. */
export function readUpload(c: Context): Promise<MultipartForm> {
  return readMultipart(c.req.raw)
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}
