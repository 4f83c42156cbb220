import { readFile } from 'node:fs/promises'
import { UserError } from '../errors.js'
import { parseJsonText } from '../json-text.js'
import type { ParkData } from './park-schema.js'
import { validateParkData, type ParkIssue } from './validate-park.js'

const messages = {
  where: (where: string) => `园区数据（${where}）`,
  invalid: (count: number) => `园区数据有 ${count} 处问题，请逐条修改后重试。`,
  unreadable: (file: string) => `无法读取园区数据文件“${file}”。`,
}

/** Parses park-data JSON text and validates it; every problem is listed in the error's `issues`. */
export function parseParkJson(text: string, where = '请求内容'): ParkData {
  return requireValidPark(parseJsonText(text, messages.where(where), 'park_not_json'))
}

export function requireValidPark(raw: unknown): ParkData {
  const result = validateParkData(raw)
  if (result.ok) return result.park
  throw new UserError('invalid_park', messages.invalid(result.issues.length), 422, { issues: result.issues satisfies ParkIssue[] })
}

export async function readParkFile(file: string): Promise<ParkData> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UserError('park_unreadable', messages.unreadable(file), 400)
  }
  return parseParkJson(text, file)
}
