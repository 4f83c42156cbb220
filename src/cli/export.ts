import { readFile } from 'node:fs/promises'
import { UserError } from '../errors.js'
import { exportDraft } from '../export/export-draft.js'
import { FILE_FORMATS, formatOfPath, type ExportedFile, type FileFormat } from '../export/file-format.js'
import { exportSummaryWorkbook } from '../export/summary-table-xlsx.js'
import { loadDraft } from '../model/load-draft.js'
import { readParkFile } from '../park/read-park.js'
import { parseCliArgs, type CliCommand } from './command.js'
import { writeOutputFile } from './output-file.js'

const USAGE =
  'npm run -s cli -- export <草稿.txt|.md|.docx> [--park park.json] [--kind K] --out report.docx [--form] [--charts] [--date YYYY-MM-DD] [--previous 上一稿.txt|.md|.docx]\n' +
  '       npm run -s cli -- export --park park.json [--kind base-annual-report] --summary-table --out 汇总表.xlsx'

/**
 * `export`: a draft to a Word file in the template's typography — the report, or with --form the whole 经验总结材料;
 * with --previous, the report with every change from that earlier version as a tracked change (修订).
 */
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
        previous: { type: 'string' },
        'summary-table': { type: 'boolean' },
      },
      USAGE,
    )
    if (values['summary-table']) {
      if (!values.park || !values.out) throw new UserError('invalid_arguments', `导出《汇总表》请给出 --park 园区数据文件和 --out 输出文件。\n用法：${USAGE}`)
      requireFormat(values.out, 'xlsx', '《汇总表》')
      const park = await readParkFile(values.park)
      return writeExported(values.out, await exportSummaryWorkbook(values.kind ?? park.kind, park))
    }
    const [file] = positionals
    if (!file || !values.out) throw new UserError('invalid_arguments', `请给出草稿文件和 --out 输出文件。\n用法：${USAGE}`)
    requireFormat(values.out, 'docx', values.form ? '经验总结材料' : '报告')
    const draft = await readDraftFile(file)
    const previous = values.previous ? await readDraftFile(values.previous) : undefined
    const park = values.park ? await readParkFile(values.park) : undefined
    const exported = await exportDraft({
      doc: draft.doc,
      ...(park ? { park } : {}),
      ...(values.kind ? { kindId: values.kind } : {}),
      form: values.form ?? false,
      charts: values.charts ?? false,
      ...(values.date ? { fillDate: values.date } : {}),
      ...(previous ? { previous: previous.doc } : {}),
    })
    return writeExported(values.out, exported)
  },
}

async function readDraftFile(file: string) {
  return loadDraft(file, await readFile(file).catch(() => {
    throw new UserError('draft_unreadable', `无法读取草稿文件“${file}”。`)
  }))
}

/** An output path whose extension is not the export's format would give a file its program cannot open. */
function requireFormat(out: string, format: FileFormat, what: string): void {
  if (formatOfPath(out) === format) return
  const { extension, name } = FILE_FORMATS[format]
  throw new UserError('invalid_arguments', `${what}应导出为${name}：--out 的文件名请以 ${extension} 结尾（收到“${out}”）。\n用法：${USAGE}`)
}

async function writeExported(out: string, file: ExportedFile): Promise<number> {
  await writeOutputFile(out, file.data)
  process.stderr.write(`已导出 ${out}（${Math.round(file.data.length / 1024)} KB）\n`)
  for (const warning of file.warnings) process.stderr.write(`提醒：${warning}\n`)
  return 0
}
