import { zValidator } from '@hono/zod-validator'
import type { Context, ValidationTargets } from 'hono'
import type { z } from 'zod'
import { UserError } from '../errors.js'

/** A zod issue as a user reads it: where (a JSON path) and what is wrong, in Chinese. */
export function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = ['$', ...issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))].join('')
  const field = issue.path.length ? `字段 ${path.slice(2) || path}` : '请求内容'
  switch (issue.code) {
    case 'invalid_type':
      return { path, message: issue.input === undefined ? `缺少${field}` : `${field}的类型不正确，应为 ${issue.expected}` }
    case 'too_small':
      return { path, message: `${field}过小或过短（最小 ${String(issue.minimum)}）` }
    case 'too_big':
      return { path, message: `${field}过大或过长（最大 ${String(issue.maximum)}）` }
    case 'invalid_value':
      return { path, message: `${field}的取值不在允许范围内：${issue.values.map(String).join('、')}` }
    case 'unrecognized_keys':
      return { path, message: `${field}含有未知字段：${issue.keys.join('、')}` }
    case 'custom':
      // Refinements carry their own Chinese message.
      return { path, message: issue.message }
    default:
      return { path, message: `${field}不正确` }
  }
}

/** zValidator whose failures become a 400 UserError with every issue listed in Chinese. */
export function validated<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalidRequest(result.error.issues)
  })
}

/** The request body as JSON, or a 400 UserError in Chinese when it is not valid JSON. */
export async function readJsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new UserError('invalid_json', '请求内容格式不正确，请提交有效的 JSON。', 400)
  }
}

/** Validates a request value against a schema, or throws the same 400 UserError as `validated`. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw invalidRequest(parsed.error.issues)
}

function invalidRequest(zodIssues: readonly z.core.$ZodIssue[]): UserError {
  const issues = zodIssues.map(describeIssue)
  return new UserError('invalid_request', issues.map((issue) => issue.message).join('；'), 400, { issues })
}

/** The multipart form of an upload; a body that does not parse is the client's error (400), not the server's. */
export async function readUpload(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody()
  } catch {
    throw new UserError('invalid_form', '上传内容不是有效的表单（multipart/form-data），请重新选择文件上传。', 400)
  }
}
