import { loadConfig } from '../config.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import { draftReport } from '../draft/draft-report.js'
import { UserError } from '../errors.js'
import { exportDraft } from '../export/export-draft.js'
import { formatOfPath } from '../export/file-format.js'
import { parseReport } from '../model/parse-report.js'
import { readParkFile } from '../park/read-park.js'
import { documentStoreFor } from '../store/workspace.js'
import { EXIT_UPSTREAM, parseCliArgs, type CliCommand } from './command.js'
import { writeOutputFile } from './output-file.js'

const USAGE = 'npm run -s cli -- draft --park P [--kind K] [--offline] --out draft.txt|draft.docx [--json]'

/**
 * `draft`: a first draft for a park — with the configured LLM, else (the default on a fresh machine) the offline
 * composer — checked, written as text or straight to Word. --json prints the outcome (text, evidence, findings).
 */
export const draftCommand: CliCommand = {
  async run(args) {
    const { values } = parseCliArgs(
      args,
      { park: { type: 'string' }, kind: { type: 'string' }, out: { type: 'string' }, offline: { type: 'boolean' }, json: { type: 'boolean' } },
      USAGE,
    )
    if (!values.park || (!values.out && !values.json)) throw new UserError('invalid_arguments', `请给出 --park 园区数据和 --out 输出文件。\n用法：${USAGE}`)
    // Refused before drafting, not after: a draft is text or Word, never a workbook (the 汇总表 is `export --summary-table`).
    if (values.out && formatOfPath(values.out) === 'xlsx') throw new UserError('invalid_arguments', `初稿只能保存为 .txt、.md 或 .docx；《汇总表》请用 export --summary-table 导出。\n用法：${USAGE}`)
    const config = loadConfig()
    const documents = await documentStoreFor(config)
    const corpus = await PolicyCorpus.open(config, documents.store).finally(() => documents.close())
    const park = await readParkFile(values.park)
    const outcome = await draftReport(
      {
        park,
        ...(values.kind ? { kindId: values.kind } : {}),
        mode: values.offline ? 'offline' : 'auto',
        onProgress: (event) => {
          if (event.type === 'section') process.stderr.write(`已写完 ${event.path}（${event.done}/${event.total}）\n`)
          if (event.type === 'repair') process.stderr.write(`第${event.round}轮修改：${event.targets.join('、')}\n`)
        },
      },
      { config, corpus },
    )
    if (values.out) {
      const data =
        formatOfPath(values.out) === 'docx'
          ? (await exportDraft({ doc: parseReport(outcome.text), park, kindId: outcome.kind })).data
          : outcome.text
      await writeOutputFile(values.out, data)
    }
    for (const part of outcome.failed ?? []) process.stderr.write(`未能生成 ${part.path}：${part.reason}\n`)
    if (outcome.removed?.length) {
      process.stderr.write(`已删去大模型写出的${outcome.removed.length}处无来源数字、偏题或空泛内容：\n`)
      for (const r of outcome.removed) process.stderr.write(`  ${r.section}：${r.text}\n`)
    }
    if (outcome.notice) process.stderr.write(`${outcome.notice}\n`)
    const errors = outcome.findings.filter((f) => f.severity === 'error').length
    if (values.json) process.stdout.write(`${JSON.stringify({ ...outcome, plan: undefined })}\n`)
    process.stderr.write(
      `已生成初稿（${outcome.mode === 'llm' ? '大模型撰写' : '离线撰写'}，${outcome.stats.total}字，${errors}个错误）${values.out ? `：${values.out}` : ''}\n`,
    )
    // A part the model service failed to write is an upstream failure (3), not a problem of the input (1).
    if (outcome.failed?.length) return EXIT_UPSTREAM
    return errors ? 1 : 0
  },
}
