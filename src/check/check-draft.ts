import type { LoadedDraft } from '../model/load-draft.js'
import type { ParkData } from '../park/park-schema.js'
import { checkReport, type CheckResult } from './check-report.js'
import type { Finding } from './finding.js'
import { resolveKind } from './resolve-kind.js'
import { mergeRuleConfigs, untemplatedPreset, type RuleConfig } from './rule-config.js'

export interface CheckDraftOptions {
  kindId?: string
  park?: ParkData
  materials?: readonly string[]
  config?: RuleConfig
}

export interface CheckDraftResult extends CheckResult {
  kind: string
}

/** The entry point the CLI, the HTTP API and the repair loop share: kind resolution, then every rule. */
export function checkDraft(draft: LoadedDraft, options: CheckDraftOptions = {}): CheckDraftResult {
  const { kind, assumption, template } = resolveKind(draft.doc, options.kindId, options.park)
  // A draft written to no template (a 汇报, a news item) keeps the rules on wording, names, time and figures only.
  const config = template ? options.config : mergeRuleConfigs(untemplatedPreset(), options.config)
  const result = checkReport({
    doc: draft.doc,
    kind,
    ...(options.park ? { park: options.park } : {}),
    ...(options.materials ? { materials: options.materials } : {}),
    ...(config ? { config } : {}),
    ...(draft.docxParagraphs ? { docxParagraphs: draft.docxParagraphs } : {}),
  })
  const findings: Finding[] = assumption
    ? [{ rule: 'kind', severity: 'info', message: assumption, section: '全文', start: 0, end: 0, line: 1, column: 1, excerpt: '' }, ...result.findings]
    : result.findings
  return { ...result, findings, kind: kind.id }
}

export const hasErrors = (findings: readonly Finding[]) => findings.some((finding) => finding.severity === 'error')
