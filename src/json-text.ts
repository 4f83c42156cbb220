import { UserError } from './errors.js'

/**
 * JSON from people and scripts, read with the errors they can act on: where the text stops being JSON (in Chinese,
 * not V8's English), and a bound on nesting, because every consumer downstream (the park validator, the database
 * layer, JSON.stringify) walks values recursively and a 10,000-deep array would overflow its stack.
 */

export const MAX_JSON_DEPTH = 64

/** JSON and zod type names as a Chinese message says them (应为数字, 实际为列表). */
export const JSON_TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '列表',
  null: '空值（null）',
  undefined: '空',
  record: '对象',
}

const messages = {
  notJson: (where: string, detail: string) => `${where}不是有效的 JSON：${detail}。`,
  atPosition: (position: number) => `第 ${position} 个字符附近有格式错误`,
  unexpected: (token: string) => `出现了无法识别的字符“${token}”（文本须用英文双引号括起，如 "光伏"）`,
  truncated: '内容不完整，在结尾处中断',
  unknown: '格式错误',
  tooDeep: (where: string) => `${where}的嵌套层级超过 ${MAX_JSON_DEPTH} 层，请检查数据结构。`,
}

/** Parses `text` (a leading BOM is ignored) or throws a 400 UserError naming `where` (e.g. “上传的文件”). */
export function parseJsonText(text: string, where: string, code = 'invalid_json'): unknown {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const reason = (error as Error).message
    const position = /position (\d+)/.exec(reason)
    const token = /Unexpected token '(.)'/u.exec(reason)
    const detail = position
      ? messages.atPosition(Number(position[1]) + 1)
      : token
        ? messages.unexpected(token[1]!)
        : /end of JSON/i.test(reason)
          ? messages.truncated
          : messages.unknown
    throw new UserError(code, messages.notJson(where, detail), 400, position ? { position: Number(position[1]) } : undefined)
  }
  if (depthExceeds(value, MAX_JSON_DEPTH)) throw new UserError('json_too_deep', messages.tooDeep(where), 400)
  return value
}

/** Iterative, so that measuring a deep value cannot overflow the stack it protects. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [item, depth] = stack.pop()!
    if (item === null || typeof item !== 'object') continue
    if (depth > limit) return true
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1])
  }
  return false
}
