import { readFile } from 'node:fs/promises'
import { checkDraft, hasErrors } from '../check/check-draft.js'
import type { Finding } from '../check/finding.js'
import type { RuleConfig } from '../check/rule-config.js'
import { UserError } from '../errors.js'
import { loadDraft } from '../model/load-draft.js'
import type { ParkData } from '../park/park-schema.js'
import { readParkFile } from '../park/read-park.js'
import { reviewDocx } from '../review/review-docx.js'
import { listRules, ruleName } from '../review/rule-names.js'
import { parseCliArgs, type CliCommand } from './command.js'
import { writeOutputFile } from './output-file.js'

const USAGE = 'npm run -s cli -- check <草稿文件>... [--park park.json] [--kind innovation-digital] [--json] [--annotate 审校稿.docx]；列出全部审校项：check --rules'
const SEVERITY_LABEL: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' }

/**
 * With the park's data given, `check` is the last look before a draft goes out: a figure the data does not back (an
 * invented one, or one equal to an unrelated datum) would mislead the evaluators, so it is an error and the exit code
 * is not 0 — not the warning it is on the web page while a person is still writing.
 */
const FIGURES_MUST_BE_BACKED: RuleConfig = { 'number-trace': { options: { strict: true } } }

/**
 * `check <file>...`: every finding of every rule, for .txt, .md and .docx drafts. With --json, one JSON
 * object per file per line. Exit code 1 when any file has an error finding. With --annotate OUT.docx (one .docx
 * draft), the same findings are also written into a copy of the person's file: comments (批注) and tracked changes (修订).
 */
export const checkCommand: CliCommand = {
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { park: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' }, annotate: { type: 'string' }, rules: { type: 'boolean' } }, USAGE)
    if (values.rules) {
      process.stdout.write(values.json ? `${JSON.stringify({ rules: listRules() })}\n` : formatRules())
      return 0
    }
    if (!positionals.length) throw new UserError('invalid_arguments', `请给出要审校的草稿文件。\n用法：${USAGE}`)
    if (values.annotate && positionals.length > 1) throw new UserError('invalid_arguments', `--annotate 一次只能标注一个 Word 文件。\n用法：${USAGE}`)
    const park: ParkData | undefined = values.park ? await readParkFile(values.park) : undefined
    let anyError = false
    for (const file of positionals) {
      let data: Buffer
      try {
        data = await readFile(file)
      } catch {
        throw new UserError('draft_unreadable', `无法读取草稿文件“${file}”。`)
      }
      const options = { ...(values.kind ? { kindId: values.kind } : {}), ...(park ? { park, config: FIGURES_MUST_BE_BACKED } : {}) }
      let result
      if (values.annotate) {
        const reviewed = await reviewDocx(file, data, options)
        await writeOutputFile(values.annotate, reviewed.data)
        process.stderr.write(`已写入 ${values.annotate}：${reviewed.comments} 条批注、${reviewed.changes} 处修订。\n`)
        result = reviewed.check
      } else {
        result = checkDraft(await loadDraft(file, data), options)
      }
      anyError ||= hasErrors(result.findings)
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ file, kind: result.kind, findings: result.findings, stats: result.stats })}\n`)
      } else {
        process.stdout.write(formatForPeople(file, result.findings, result.stats.total))
      }
    }
    return anyError ? 1 : 0
  },
}

function formatForPeople(file: string, findings: readonly Finding[], total: number): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length
  const lines = [`${file}（全文 ${total} 字）`]
  for (const finding of findings) {
    lines.push(`  第${finding.line}行第${finding.column}列  ${SEVERITY_LABEL[finding.severity]}  [${ruleName(finding.rule)}]  ${finding.section}`)
    lines.push(`    ${finding.message}`)
    if (finding.excerpt) lines.push(`    原文：${finding.excerpt}`)
    if (finding.suggestion) lines.push(`    建议：${finding.suggestion}`)
  }
  lines.push(`  共 ${count('error')} 个错误、${count('warning')} 个警告、${count('info')} 个提示。`, '')
  return lines.join('\n')
}

/** One line per rule: its Chinese name, the id a kind's `checkPreset` uses, and what it finds. */
function formatRules(): string {
  const rules = listRules()
  const lines = rules.map((rule) => `${rule.name}（${rule.id}）：${rule.description}${rule.needsPark ? '（需要园区资料）' : ''}${rule.needsDocx ? '（仅审校 Word 文件时）' : ''}`)
  return [`共 ${rules.length} 项审校：`, ...lines, ''].join('\n')
}
