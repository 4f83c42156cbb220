import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { loadConfig } from '../config.js'
import { formatDiff } from '../draft/diff.js'
import { rewriteReport, type RewriteAction } from '../draft/rewrite-report.js'
import { UserError } from '../errors.js'
import { decodeText } from '../ingest/extract-text.js'
import { readParkFile } from '../park/read-park.js'
import { parseCliArgs, type CliCommand } from './command.js'
import { writeOutputFile } from './output-file.js'

const USAGE =
  'npm run -s cli -- rewrite <草稿.txt|.md> --section "二、创新举措/（二）" (--instruction "…" | --apply-fixes | --max-chars N) [--park P] [--kind K] --out <文件>'

/** `rewrite`: one section changed, every other byte kept; prints the diff of the section and the remaining errors. */
export const rewriteCommand: CliCommand = {
  async run(args) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        section: { type: 'string' },
        instruction: { type: 'string' },
        'apply-fixes': { type: 'boolean' },
        'max-chars': { type: 'string' },
        park: { type: 'string' },
        kind: { type: 'string' },
        out: { type: 'string' },
      },
      USAGE,
    )
    const [file] = positionals
    const chosen = [values.instruction !== undefined, values['apply-fixes'] === true, values['max-chars'] !== undefined].filter(Boolean).length
    if (!file || !values.out || chosen !== 1) throw new UserError('invalid_arguments', `请给出草稿、一种改写方式和 --out 输出文件。\n用法：${USAGE}`)
    const action: RewriteAction =
      values.instruction !== undefined
        ? { instruction: values.instruction }
        : values['apply-fixes']
          ? { applyFixes: true }
          : { maxZishu: positiveIntegerUpTo(values['max-chars']!) }
    const text = decodeText(await readFile(file).catch(() => {
      throw new UserError('draft_unreadable', `无法读取草稿文件“${file}”。`)
    }))
    const park = values.park ? await readParkFile(values.park) : undefined
    const outcome = await rewriteReport(
      {
        text,
        format: ['.md', '.markdown'].includes(extname(file).toLowerCase()) ? 'markdown' : 'text',
        action,
        ...(values.section ? { path: values.section } : {}),
        ...(park ? { park } : {}),
        ...(values.kind ? { kindId: values.kind } : {}),
      },
      { config: loadConfig() },
    )
    await writeOutputFile(values.out, outcome.text)
    process.stdout.write(`${formatDiff(outcome.diff)}\n`)
    if (outcome.note) process.stderr.write(`提示：${outcome.note}\n`)
    const errors = outcome.findings.filter((f) => f.severity === 'error').length
    process.stderr.write(`已写入 ${values.out}；改写后全文还有 ${errors} 个错误。\n`)
    return errors ? 1 : 0
  },
}

function positiveIntegerUpTo(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 20 || parsed > 5000) throw new UserError('invalid_arguments', `--max-chars 应为 20 到 5000 之间的整数，收到“${value}”`)
  return parsed
}
