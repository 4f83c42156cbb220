import { readFile, writeFile } from 'node:fs/promises'
import { UserError } from '../errors.js'
import { exportDraft } from '../export/export-draft.js'
import { exportSummaryWorkbook } from '../export/summary-table-xlsx.js'
import { loadDraft } from '../model/load-draft.js'
import { readParkFile } from '../park/read-park.js'
import { parseCliArgs, type CliCommand } from './command.js'

const USAGE =
  'npm run -s cli -- export <草稿.txt|.md|.docx> [--park park.json] [--kind K] --out report.docx [--form] [--charts] [--date YYYY-MM-DD]\n' +
  '       npm run -s cli -- export --park park.json [--kind base-annual-report] --summary-table --out 汇总表.xlsx'

/** `export`: a draft to a Word file in the template's typography — the report, or with --form the whole 经验总结材料. */
export const exportCommand: CliCommand = {
  async run(args) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        park: { type: 'string' },
        kind: { type: 'string' },
        out: { type: 'string' },
        form: { type: 'boolean' },
        charts: { type: 'boolean' },
        date: { type: 'string' },
        'summary-table': { type: 'boolean' },
      },
      USAGE,
    )
    if (values['summary-table']) {
      if (!values.park || !values.out) throw new UserError('invalid_arguments', `导出《汇总表》请给出 --park 园区数据文件和 --out 输出文件。\n用法：${USAGE}`)
      const park = await readParkFile(values.park)
      const { data } = await exportSummaryWorkbook(values.kind ?? park.kind, park)
      await writeFile(values.out, data)
      process.stderr.write(`已导出 ${values.out}（${Math.round(data.length / 1024)} KB）\n`)
      return 0
    }
    const [file] = positionals
    if (!file || !values.out) throw new UserError('invalid_arguments', `请给出草稿文件和 --out 输出文件。\n用法：${USAGE}`)
    const draft = await loadDraft(file, await readFile(file).catch(() => {
      throw new UserError('draft_unreadable', `无法读取草稿文件“${file}”。`)
    }))
    const park = values.park ? await readParkFile(values.park) : undefined
    const { data, warnings } = await exportDraft({
      doc: draft.doc,
      ...(park ? { park } : {}),
      ...(values.kind ? { kindId: values.kind } : {}),
      form: values.form ?? false,
      charts: values.charts ?? false,
      ...(values.date ? { fillDate: values.date } : {}),
    })
    await writeFile(values.out, data)
    process.stderr.write(`已导出 ${values.out}（${Math.round(data.length / 1024)} KB）\n`)
    for (const warning of warnings) process.stderr.write(`提醒：${warning}\n`)
    return 0
  },
}
