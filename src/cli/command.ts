import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '../errors.js'

export interface CliCommand {
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>
}

/** parseArgs with strict options, turning its English errors into a Chinese UserError. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UserError('invalid_arguments', `参数不正确：${(error as Error).message}\n用法：${usage}`)
  }
}

export function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 100) throw new UserError('invalid_arguments', `${name} 应为 1 到 100 之间的整数，收到“${value}”`)
  return parsed
}

/** Lines of standard input, for commands that take one item per line when no argument is given. */
export async function readStdinLines(): Promise<string[]> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/**
 * Exit codes (README “CLI”): 0 success, 1 the input has problems (findings), 2 wrong arguments or unreadable input,
 * 3 the LLM service failed (unreachable, refused, timed out, cut off, answered nonsense) — worth retrying later or
 * with another endpoint, unlike 2 — and 70 an internal error.
 */
export const EXIT_UPSTREAM = 3

export function exitCodeOf(error: UserError): number {
  return error.code.startsWith('llm_') && error.code !== 'llm_not_configured' ? EXIT_UPSTREAM : 2
}
