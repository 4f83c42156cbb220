import type { KindSpec } from '../kinds/kind-spec.js'
import { getKind, listKinds } from '../kinds/registry.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import { itemMarkersOf, markerRuns } from './enumerations.js'

const messages = {
  assumption: (name: string, basis: string) => `未指定报告类型，已根据${basis}按“${name}”审校；如不对，请指定报告类型。`,
  headings: '章节标题',
  headingsAndWords: '章节标题和正文用词',
  words: '正文用词',
  noTemplate: (name: string) =>
    `未指定报告类型，稿件也没有模板规定的章节标题和【摘要】，不像是按某一类报告模板写的（如工作汇报、新闻稿），` +
    `因此只检查名称、用语、时间、数字和标点，未按模板检查结构、篇幅和内容要求（用词最接近“${name}”）。如需按模板审校，请指定报告类型。`,
}

export interface ResolvedKind {
  kind: KindSpec
  /** Said to the user when the kind was guessed. */
  assumption?: string
  /**
   * Whether the draft is held to the kind's template (frame, length, per-part content). False for a guess that rests
   * on words alone: a 汇报, a news item or a visit report has neither the template's headings nor its 【摘要】, and
   * checking it against a template it was never written to gives only false alarms (issue 12, item 7).
   */
  template: boolean
}

/**
 * Which kind a draft is checked against: the one asked for, else the park's, else a guess from the draft's
 * own level-1 headings and words — with a note saying so and on what it rests, because a wrong kind gives
 * misleading findings.
 */
export function resolveKind(doc: ReportDoc, kindId?: string, park?: ParkData): ResolvedKind {
  if (kindId) return { kind: getKind(kindId), template: true }
  if (park) return { kind: getKind(park.kind), template: true }
  const { kind, basis } = guessKind(doc)
  if (basis === 'words' && !doc.abstract) return { kind, assumption: messages.noTemplate(kind.name), template: false }
  return { kind, assumption: messages.assumption(kind.name, messages[basis]), template: true }
}

type Basis = 'headings' | 'headingsAndWords' | 'words'

// 001 方向参考 (绿色设施、绿色低碳、生产安全) versus 000 (信息基础设施、数字化服务、数字化转型). Safety is 001's second
// half: a chemical park's 危化品、重大危险源、应急 case is a green-and-safety report. Longer words first, so that
// 安全生产 counts once rather than as 安全 too.
const GREEN_WORDS = /绿色|低碳|碳排放|节能|能耗|固废|安全生产|危险化学品|危化品|危化|重大危险源|应急|安全|零碳|清洁/g
const DIGITAL_WORDS = /数字|数智|智能|工业互联网|数据|5G|千兆|算力|平台|上云/g
// 003 附件3's 示例 is prose whose 做法 are 一是…二是…三是…: a draft without headings written so is such a case.
const CASE_MIN_ITEMS = 3

function guessKind(doc: ReportDoc): { kind: KindSpec; basis: Basis } {
  const headings = new Set(doc.sections.filter((section) => section.level === 1).map((section) => section.heading.text))
  if (!headings.size && markerRuns(itemMarkersOf(doc.source)).some((run) => run.length >= CASE_MIN_ITEMS)) {
    return { kind: getKind('base-excellent-case'), basis: 'words' }
  }
  const matches = (kind: KindSpec) => kind.sections.filter((s) => headings.has(s.heading) || s.headingAliases.some((a) => headings.has(a))).length
  const best = listKinds().reduce((a, b) => (matches(b) > matches(a) ? b : a))
  const byHeadings = matches(best) > 0
  if (best.family !== 'innovation') return { kind: best, basis: byHeadings ? 'headings' : 'words' }
  const green = doc.source.match(GREEN_WORDS)?.length ?? 0
  const digital = doc.source.match(DIGITAL_WORDS)?.length ?? 0
  return { kind: getKind(green > digital ? 'innovation-green' : 'innovation-digital'), basis: byHeadings ? 'headingsAndWords' : 'words' }
}
