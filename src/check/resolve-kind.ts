import type { KindSpec } from '../kinds/kind-spec.js'
import { getKind, listKinds } from '../kinds/registry.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'

/**
 * Which kind a draft is checked against: the one asked for, else the park's, else a guess from the draft's
 * own level-1 headings — with a note saying so, because a wrong kind gives misleading findings.
 */
export function resolveKind(doc: ReportDoc, kindId?: string, park?: ParkData): { kind: KindSpec; assumption?: string } {
  if (kindId) return { kind: getKind(kindId) }
  if (park) return { kind: getKind(park.kind) }
  const kind = guessKind(doc)
  return { kind, assumption: `未指定报告类型，已根据章节标题按“${kind.name}”审校；如不对，请指定报告类型。` }
}

// 001 方向参考 (绿色设施、绿色低碳、生产安全) versus 000 (信息基础设施、数字化服务、数字化转型).
const GREEN_WORDS = /绿色|低碳|碳排放|节能|能耗|固废|安全生产|危化品|零碳|清洁/g
const DIGITAL_WORDS = /数字|数智|智能|工业互联网|数据|5G|千兆|算力|平台|上云/g

function guessKind(doc: ReportDoc): KindSpec {
  const headings = new Set(doc.sections.map((section) => section.heading.text))
  const matches = (kind: KindSpec) => kind.sections.filter((s) => headings.has(s.heading) || s.headingAliases.some((a) => headings.has(a))).length
  const best = listKinds().reduce((a, b) => (matches(b) > matches(a) ? b : a))
  if (best.family !== 'innovation') return best
  const green = doc.source.match(GREEN_WORDS)?.length ?? 0
  const digital = doc.source.match(DIGITAL_WORDS)?.length ?? 0
  return getKind(green > digital ? 'innovation-green' : 'innovation-digital')
}
