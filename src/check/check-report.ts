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

/**
 * At most this many findings of one rule are listed, in text order; the rest are counted in one closing finding. A
 * pasted table, a run of 30,000 【 or a draft typed on an English keyboard would otherwise answer with tens of
 * thousands of findings (megabytes no person reads); the writer fixes what is listed and checks again.
 */
export const MAX_FINDINGS_PER_RULE = 50

/**
 * At most this many sections are counted one by one in the stats (a report has a few dozen); a pasted list of
 * thousands of headings would otherwise make the answer hundreds of kilobytes. `sectionsOmitted` says how many more.
 */
export const MAX_STATS_SECTIONS = 300

const messages = {
  noPark: (rules: string[]) =>
    `未提供园区数据，以下规则未运行：${rules.join('、')}。请上传或选择园区数据后再审校，以核对数字和专有名词。`,
  more: (count: number) => `另有 ${count} 处同类问题未逐条列出（从此处起）。请先按上面的提示修改，再重新审校，其余问题会依次列出。`,
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
    const override = setting.severity
    const severityOf = (finding: RuleFinding) => override ?? finding.severity ?? rule.meta.defaultSeverity
    // Against another park's data a one-click fix would write that park's figures and names into the draft.
    const fixable = otherPark && rule.meta.needsPark ? reported.map(withoutFix) : reported
    const { listed, omitted } = capFindings(fixable)
    for (const finding of listed) findings.push(locateFinding(doc, rule.meta.id, severityOf(finding), finding))
    if (omitted.length) findings.push(locateFinding(doc, rule.meta.id, mostSevere(omitted.map(severityOf)), summaryOf(omitted)))
  }

  if (otherPark) {
    findings.push(locateFinding(doc, 'park-data', 'error', { message: messages.otherPark(park.park.name), start: 0, end: 0 }))
  }
  if (skippedForPark.length) {
    findings.push(locateFinding(doc, 'park-data', 'info', { message: messages.noPark(skippedForPark), start: 0, end: 0 }))
  }
  findings.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule))
  return { findings, stats: capSections(reportZishu(doc)) }
}

function capSections(stats: ReportZishu): ReportZishu {
  if (stats.sections.length <= MAX_STATS_SECTIONS) return stats
  return { ...stats, sections: stats.sections.slice(0, MAX_STATS_SECTIONS), sectionsOmitted: stats.sections.length - MAX_STATS_SECTIONS }
}

/** The first MAX_FINDINGS_PER_RULE findings by position, and the rest. */
function capFindings(reported: readonly RuleFinding[]): { listed: readonly RuleFinding[]; omitted: readonly RuleFinding[] } {
  if (reported.length <= MAX_FINDINGS_PER_RULE) return { listed: reported, omitted: [] }
  const ordered = [...reported].sort((a, b) => a.start - b.start || a.end - b.end)
  return { listed: ordered.slice(0, MAX_FINDINGS_PER_RULE), omitted: ordered.slice(MAX_FINDINGS_PER_RULE) }
}

/** One finding for the omitted ones: their count, pointing at the first of them. */
function summaryOf(omitted: readonly RuleFinding[]): RuleFinding {
  const first = omitted[0]!
  return { message: messages.more(omitted.length), start: first.start, end: first.end }
}

function mostSevere(severities: readonly Severity[]): Severity {
  return severities.reduce((worst, severity) => (SEVERITY_ORDER[severity] < SEVERITY_ORDER[worst] ? severity : worst))
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

/** Parsed options by rule and by their JSON: every check parsed the same few settings again (≈2% of a check). */
const parsedOptions = new WeakMap<AnyRule, Map<string, unknown>>()
/** Settings kept per rule: the kinds' presets and a few custom configurations. */
const MAX_PARSED_PER_RULE = 32

/** Values JSON would write alike (undefined, NaN, Infinity → null or nothing) keep distinct keys. */
const keepNonJson = (_key: string, value: unknown) =>
  value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? `\u0000${String(value)}` : value

/**
 * The rule's options, or a 400 naming the rule and the option: a config file or request may hold anything. A parsed
 * result is shared by later checks with the same settings: rules only read their options (rule.ts).
 */
function ruleOptions<Options>(rule: Rule<Options>, options: Record<string, unknown> | undefined): Options {
  const key = options === undefined ? '' : JSON.stringify(options, keepNonJson)
  let known = parsedOptions.get(rule)
  if (!known) {
    known = new Map()
    parsedOptions.set(rule, known)
  }
  if (known.has(key)) return known.get(key) as Options
  const parsed = rule.meta.options.safeParse(options ?? {})
  if (parsed.success) {
    if (known.size >= MAX_PARSED_PER_RULE) known.delete(known.keys().next().value!)
    known.set(key, parsed.data)
    return parsed.data
  }
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
