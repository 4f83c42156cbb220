import { readFile } from 'node:fs/promises'
import { UserError } from '../errors.js'
import type { ParkData } from './park-schema.js'
import { validateParkData, type ParkIssue } from './validate-park.js'

const messages = {
  notJson: (where: string, detail: string) => `园区数据不是有效的 JSON（${where}）：${detail}`,
  invalid: (count: number) => `园区数据有 ${count} 处问题，请逐条修改后重试。`,
  unreadable: (file: string) => `无法读取园区数据文件“${file}”。`,
}

/** Parses park-data JSON text and validates it; every problem is listed in the error's `issues`. */
export function parseParkJson(text: string, where = '请求内容'): ParkData {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new UserError('park_not_json', messages.notJson(where, (error as Error).message), 400)
  }
  return requireValidPark(raw)
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
