import { UserError } from '../errors.js'
import { deriveFigures } from '../park/derived.js'
import { readParkFile } from '../park/read-park.js'
import type { ParkIssue } from '../park/validate-park.js'
import { parseCliArgs, type CliCommand } from './command.js'

const USAGE = 'npm run -s cli -- park <park.json> [--json]'

/** `park <file>`: validates a park-data file and lists every problem with its JSON path; prints derived figures. */
export const parkCommand: CliCommand = {
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' } }, USAGE)
    const [file] = positionals
    if (!file) throw new UserError('invalid_arguments', `请给出园区数据文件。\n用法：${USAGE}`)
    try {
      const park = await readParkFile(file)
      const derived = deriveFigures(park)
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ file, ok: true, issues: [], derived })}\n`)
      } else {
        process.stdout.write(`${file}：校验通过（${park.park.name}，${park.kind}）。派生指标 ${derived.length} 项：\n`)
        for (const figure of derived) process.stdout.write(`  ${figure.label}：${figure.value}${figure.unit}（${figure.formula}）\n`)
      }
      return 0
    } catch (error) {
      const issues = error instanceof UserError ? ((error.details?.issues ?? []) as ParkIssue[]) : []
      if (!(error instanceof UserError) || error.code !== 'invalid_park') throw error
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ file, ok: false, issues })}\n`)
      } else {
        process.stdout.write(`${file}：${error.message}\n`)
        for (const issue of issues) process.stdout.write(`  ${issue.path}  ${issue.message}\n`)
      }
      return 1
    }
  },
}
