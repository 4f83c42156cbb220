import { checkDraft, type CheckDraftOptions, type CheckDraftResult } from '../check/check-draft.js'
import { UserError } from '../errors.js'
import { loadDraft } from '../model/load-draft.js'
import { annotateDocx, type AnnotateOptions, type AnnotateResult } from './annotate-docx.js'

/**
 * The one “check my Word file and give it back marked up” entry point the CLI (`check --annotate`) and the HTTP API
 * (POST /api/check/annotate) share: read the .docx, check it with every rule, write the findings into the same file
 * as comments and the fixes as tracked changes.
 */

export interface ReviewedDocx extends AnnotateResult {
  check: CheckDraftResult
}

export const messages = {
  notDocx: (name: string) => `“${name}”不是 Word（.docx）文件：带批注和修订的审校稿只能在 Word 文件上生成。请上传 .docx 文件，或去掉批注选项只做审校。`,
} as const

const isZip = (data: Uint8Array) => data[0] === 0x50 && data[1] === 0x4b

export async function reviewDocx(
  fileName: string,
  data: Uint8Array,
  options: CheckDraftOptions & Pick<AnnotateOptions, 'date' | 'trackedFixes'> = {},
): Promise<ReviewedDocx> {
  if (!isZip(data)) throw new UserError('annotate_needs_docx', messages.notDocx(fileName), 415)
  const draft = await loadDraft(fileName, data)
  const { date, trackedFixes, ...checkOptions } = options
  const check = checkDraft(draft, checkOptions)
  const annotated = annotateDocx(data, check.findings, {
    checkedText: draft.doc.source,
    ...(draft.form ? { segments: draft.form.segments } : {}),
    ...(date ? { date } : {}),
    ...(trackedFixes === undefined ? {} : { trackedFixes }),
  })
  return { ...annotated, check }
}
