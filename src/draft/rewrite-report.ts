import type { AppConfig } from '../config.js'
import { checkReport } from '../check/check-report.js'
import type { Finding } from '../check/finding.js'
import { UserError } from '../errors.js'
import { getKind } from '../kinds/registry.js'
import type { TokenUsage } from '../llm/usage.js'
import { parseDraftText } from '../model/load-draft.js'
import type { ReportDoc } from '../model/report-doc.js'
import { requireSection } from '../model/sections.js'
import { sectionLineRange } from '../model/serialize-report.js'
import type { ParkData } from '../park/park-schema.js'
import { diffText, type DiffOp } from './diff.js'
import { rewriteSectionWithLlm } from './rewrite-llm.js'
import { ABSTRACT_PATH, applyAllFixes, compressSection } from './rewrite-offline.js'

/** What a person asks of one section: an instruction for the LLM, the checker's fixes, or a 字数 target. */
export type RewriteAction = { instruction: string } | { applyFixes: true } | { maxZishu: number }

export interface RewriteRequest {
  text: string
  format?: 'text' | 'markdown'
  /** A section path such as 二、创新举措/（二）, or 【摘要】; for applyFixes it may be omitted (the whole draft). */
  path?: string
  action: RewriteAction
  park?: ParkData
  kindId?: string
}

export interface RewriteOutcome {
  mode: 'llm' | 'fixes' | 'compress'
  /** The whole draft after the change; every other section byte-for-byte as before. */
  text: string
  path?: string
  before: string
  after: string
  diff: DiffOp[]
  findings: Finding[]
  /** Why the change could not do all that was asked (e.g. a 字数 target that would need dropping figures). */
  note?: string
  usage?: TokenUsage
}

const messages = {
  needsPath: '请指定要改写的章节，例如“二、创新举措/（二）”。',
  noLlm: '未配置大模型（OPENAI_API_KEY / OPENAI_BASE_URL），无法按指令改写。可以改用“应用全部修改建议”或“压缩到指定字数”。',
  noKind: '请指定报告类型（或提供含 kind 字段的园区数据）。',
  nothingToFix: '这一部分没有可自动修改的问题。',
}

/**
 * Rewrites one section and re-checks the draft — with the LLM for a free instruction, deterministically for the
 * checker's fixes or a 字数 target. The CLI and the HTTP API share it.
 */
export async function rewriteReport(request: RewriteRequest, deps: { config: Pick<AppConfig, 'llm'> }): Promise<RewriteOutcome> {
  const kindId = request.kindId ?? request.park?.kind
  if (!kindId) throw new UserError('missing_kind', messages.noKind, 400)
  const kind = getKind(kindId)
  const format = request.format ?? 'text'
  const doc = parseDraftText(request.text, format)
  const check = (text: string) =>
    checkReport({
      doc: parseDraftText(text, format),
      kind,
      ...(request.park ? { park: request.park, materials: request.park.materials?.map((m) => m.text) ?? [] } : {}),
    }).findings
  const { action, path } = request

  if ('instruction' in action) {
    if (!path) throw new UserError('missing_section', messages.needsPath, 400)
    if (!deps.config.llm) throw new UserError('llm_not_configured', messages.noLlm, 400)
    // The OpenAI SDK is loaded only for an LLM rewrite.
    const { chatClientFromConfig } = await import('../llm/client.js')
    const result = await rewriteSectionWithLlm(request.text, path, action.instruction, {
      chat: chatClientFromConfig(deps.config),
      kind,
      ...(request.park ? { park: request.park } : {}),
    }, { format })
    return { mode: 'llm', text: result.text, path, before: result.before, after: result.after, diff: result.diff, findings: result.findings, usage: result.usage }
  }

  if ('applyFixes' in action) {
    const fixed = applyAllFixes(request.text, check(request.text), path, format)
    const findings = check(fixed.text)
    const note = fixed.applied.length ? undefined : messages.nothingToFix
    return { mode: 'fixes', ...sectionChange(doc, fixed.text, format, path), findings, ...(note ? { note } : {}) }
  }

  if (!path) throw new UserError('missing_section', messages.needsPath, 400)
  const compressed = compressSection(doc, path, action.maxZishu, { names: request.park?.entities.map((entity) => entity.name) ?? [] })
  return {
    mode: 'compress',
    ...sectionChange(doc, compressed.text, format, path),
    findings: check(compressed.text),
    ...(compressed.message ? { note: compressed.message } : {}),
  }
}

/** The changed section before and after (or the whole draft when no path), with a diff for review. */
function sectionChange(doc: ReportDoc, text: string, format: 'text' | 'markdown', path?: string): Pick<RewriteOutcome, 'text' | 'path' | 'before' | 'after' | 'diff'> {
  const slice = (source: ReportDoc) => {
    if (!path || path === ABSTRACT_PATH) return path ? source.source.slice(source.abstract?.start ?? 0, source.abstract?.end ?? 0) : source.source
    const { start, end } = sectionLineRange(source, requireSection(source, path))
    return source.source.slice(start, end)
  }
  const before = slice(doc)
  const after = slice(parseDraftText(text, format))
  return { text, ...(path ? { path } : {}), before, after, diff: diffText(before, after) }
}
