import type { KindSpec } from '../kinds/kind-spec.js'
import type { DocxParagraph } from '../model/docx-typography.js'
import type { ReportDoc } from '../model/report-doc.js'
import { reportZishu, type ReportZishu } from '../model/report-stats.js'
import { parkNamesOf } from '../park/entity-names.js'
import type { ParkData } from '../park/park-schema.js'
import { checkScope } from './check-memo.js'
import type { Finding, RuleFinding, Severity } from './finding.js'
import { excerptAt, lineColumnAt, sectionAt } from './locate.js'
import { UserError } from '../errors.js'
import type { AnyRule, Rule } from './rule.js'
import { kindPreset, mergeRuleConfigs, type RuleConfig } from './rule-config.js'
import { ALL_RULES } from './rules/index.js'

export interface CheckInput {
  doc: ReportDoc
  kind: KindSpec
  park?: ParkData
  materials?: readonly string[]
  /** For a .docx draft: its paragraphs with typography (parseDocxReport). Without them `needsDocx` rules are skipped. */
  docxParagraphs?: readonly DocxParagraph[]
  /** Settings layered over the kind's preset. */
  config?: RuleConfig
  rules?: readonly AnyRule[]
}

export interface CheckResult {
  findings: Finding[]
  stats: ReportZishu
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

const messages = {
  noPark: (rules: string[]) =>
    `未提供园区数据，以下规则未运行：${rules.join('、')}。请上传或选择园区数据后再审校，以核对数字和专有名词。`,
  otherPark: (name: string) =>
    `稿件中没有出现所选园区“${name}”的名称或简称，可能选错了园区。数字和专有名词是按这个园区的资料核对的，因此不提供对它们的一键修改；请先在页面上方选择与稿件一致的园区，或在稿件中写明园区全称。`,
  badOptions: (rule: string, where: readonly string[]) =>
    `规则“${rule}”的选项设置不正确（${where.join('、')}），请对照 README 中该规则的选项说明修改。`,
}

export function checkReport(input: CheckInput): CheckResult {
  // The rules share what they read of the doc and the park data within this one call (check-memo.ts).
  return checkScope(() => runRules(input))
}

function runRules(input: CheckInput): CheckResult {
  const { doc, kind, park } = input
  const config = mergeRuleConfigs(kindPreset(kind.id), input.config)
  const findings: Finding[] = []
  const skippedForPark: string[] = []
  // Said of a whole check only: a run of chosen rules (a rule's tests, a repair round) looks at fragments.
  const otherPark = park !== undefined && !input.rules && !mentionsPark(doc.source, park)

  for (const rule of input.rules ?? ALL_RULES) {
    const setting = config[rule.meta.id] ?? {}
    if (setting.severity === 'off') continue
    if (rule.meta.kinds !== 'all' && !rule.meta.kinds.includes(kind.id)) continue
    // A text draft has no typography to check: skipped silently, not reported like missing park data.
    if (rule.meta.needsDocx && !input.docxParagraphs) continue
    if (rule.meta.needsPark && !park) {
      skippedForPark.push(rule.meta.id)
      continue
    }
    const options = ruleOptions(rule, setting.options)
    const reported = rule.check({
      doc,
      kind,
      ...(park ? { park } : {}),
      materials: input.materials ?? [],
      ...(input.docxParagraphs ? { docxParagraphs: input.docxParagraphs } : {}),
      options,
    })
    for (const reportedFinding of reported) {
      // Against another park's data a one-click fix would write that park's figures and names into the draft.
      const finding = otherPark && rule.meta.needsPark ? withoutFix(reportedFinding) : reportedFinding
      findings.push(locateFinding(doc, rule.meta.id, setting.severity ?? finding.severity ?? rule.meta.defaultSeverity, finding))
    }
  }

  if (otherPark) {
    findings.push(locateFinding(doc, 'park-data', 'error', { message: messages.otherPark(park.park.name), start: 0, end: 0 }))
  }
  if (skippedForPark.length) {
    findings.push(locateFinding(doc, 'park-data', 'info', { message: messages.noPark(skippedForPark), start: 0, end: 0 }))
  }
  findings.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule))
  return { findings, stats: reportZishu(doc) }
}

function locateFinding(doc: ReportDoc, rule: string, severity: Severity, finding: RuleFinding): Finding {
  const { line, column } = lineColumnAt(doc, finding.start)
  return {
    rule,
    severity,
    message: finding.message,
    section: sectionAt(doc, finding.start),
    start: finding.start,
    end: finding.end,
    line,
    column,
    excerpt: excerptAt(doc, finding.start, finding.end),
    ...(finding.suggestion ? { suggestion: finding.suggestion } : {}),
    ...(finding.fix ? { fix: finding.fix } : {}),
  }
}

function withoutFix(finding: RuleFinding): RuleFinding {
  const { fix: _fix, ...rest } = finding
  return rest
}

/** The rule's options, or a 400 naming the rule and the option: a config file or request may hold anything. */
function ruleOptions<Options>(rule: Rule<Options>, options: Record<string, unknown> | undefined): Options {
  const parsed = rule.meta.options.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  const where = parsed.error.issues.map((issue) => [rule.meta.id, 'options', ...issue.path.map(String)].join('.'))
  throw new UserError('invalid_rule_options', messages.badOptions(rule.meta.id, where), 400, { path: where[0]! })
}

/**
 * Whether a draft names the park whose data it is checked against (its name, or a registered name or alias of its
 * `park` entity): a draft of another park checked against this one gets “fixes” that write this park's figures into
 * it, so the mismatch is said once, up front.
 */
function mentionsPark(text: string, park: ParkData): boolean {
  return parkNamesOf(park).some((name) => name.length >= 2 && text.includes(name))
}
