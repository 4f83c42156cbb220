import { listKinds } from '../kinds/registry.js'
import { parseCliArgs, type CliCommand } from './command.js'

/** `kinds`: the report kinds the product knows, with their sections and limits. */
export const kindsCommand: CliCommand = {
  async run(args) {
    const { values } = parseCliArgs(args, { json: { type: 'boolean' } }, 'npm run -s cli -- kinds [--json]')
    for (const kind of listKinds()) {
      if (values.json) {
        process.stdout.write(`${JSON.stringify(kind)}\n`)
        continue
      }
      const sections = kind.sections.map((s) => `${s.marker}${s.heading}`).join(' ')
      process.stdout.write(`${kind.id}\t${kind.name}\t${kind.limits.totalZishu}字${kind.limits.hard ? '以内' : '左右'}\t${kind.abstract.required ? '【摘要】 ' : ''}${sections}\n`)
    }
    return 0
  },
}
