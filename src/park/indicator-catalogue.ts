import type { Indicator, KindSpec } from '../kinds/kind-spec.js'
import { indicatorRows } from '../kinds/kind-spec.js'
import { listKinds } from '../kinds/registry.js'

/**
 * The indicator rows park data can hold, read from the registered kinds' `indicatorBlock`s and nothing else: a key
 * in any spec (`scale.revenue`) is a park-data path (`indicators.scale.revenue`) and every park-data indicator path is
 * a key of some spec. The park-data schema, its validator and messages, derived figures, the checker and the
 * composer all read rows from here, so adding a kind file (built-in or KINDS_DIR) adds its rows everywhere.
 *
 * A key may appear in several kinds (营业收入 in 000/001 and 003 附件1). Its names come from the first kind in
 * display order that lists it; its value shapes from all of them: a kind that asks for year columns makes a
 * year map ({"2025": 968.2, …}) acceptable, a kind that asks for one period (截至2025年12月31日) a single value.
 */

/** A row's data group: the first segment of its key (`scale` of `scale.revenue`). */
export type IndicatorGroup = string

export interface IndicatorField {
  /** Key path inside `indicators`, e.g. 'scale.revenue'. */
  key: string
  group: IndicatorGroup
  field: string
  /** The row's name without its unit suffix or 其中： lead, e.g. 营业收入. Used in messages and drafts. */
  label: string
  /** The row heading as the first kind prints it, unit included, e.g. 营业收入（亿元）. */
  templateLabel: string
  /** Unit as in the template; '' when the template has none (容积率 单位：无, yes/no and text rows). */
  unit: string
  valueType: 'number' | 'count' | 'boolean' | 'text'
  /** The canonical shape: true = a map year → value (year columns), false = one value for the park's data year. */
  yearly: boolean
  /** Shapes park data may use for the row: every kind listing it contributes the shape it asks for. */
  shapes: { single: boolean; yearly: boolean }
  /** A percentage: must lie in 0–100, changes are stated in 百分点. */
  percent: boolean
  /** 填写说明 2: rows naming 主导产业 use 主导产业口径, all others 全口径. */
  scope: '全口径' | '主导产业口径'
  /** Ids of the kinds whose indicator table lists the row, in display order. */
  templates: readonly string[]
  /** The template footnote, verbatim (a formula for ratios). */
  formula?: string
  /** The template's period for a single-valued row: 截至2025年12月31日 or 2025年. */
  asOf?: string
  /** For text rows: what the template asks to describe. */
  guidance?: string
  /** The key of the total this row is part of (其中 rows): never above it in any year. */
  partOf?: string
}

/** Units of whole things: their values are non-negative integers (个, 起, 人 …). */
const COUNT_UNITS = new Set(['个', '家', '起', '人', '次', '项', '台', '件', '所'])

/** 营业收入（亿元） → 营业收入; 其中：主导产业销售收入 → 主导产业销售收入. */
export function plainLabel(indicator: Pick<Indicator, 'label' | 'unit'>): string {
  let label = indicator.label.replace(/^其中[：:]\s*/, '')
  if (indicator.unit) label = label.replace(new RegExp(`[（(]${escape(indicator.unit)}[）)]$`), '')
  return label.trim()
}

/** The row heading with its unit, as printed in a table: 营业收入（亿元）; a label that carries the unit is kept. */
export function labelWithUnit(indicator: Pick<Indicator, 'label' | 'unit'>): string {
  if (!indicator.unit || indicator.label.includes(`（${indicator.unit}）`)) return indicator.label
  return `${indicator.label}（${indicator.unit}）`
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function valueTypeOf(indicator: Indicator): IndicatorField['valueType'] {
  if (indicator.valueType === 'percent') return 'number'
  if (indicator.valueType === 'number' && indicator.unit && COUNT_UNITS.has(indicator.unit)) return 'count'
  return indicator.valueType
}

/** Several year columns → a year map; one year or a cut-off date → one value. */
function isYearly(indicator: Indicator): boolean {
  return (indicator.years?.length ?? 0) > 1
}

function periodText(indicator: Indicator): string | undefined {
  if (indicator.asOf) {
    const [y, m, d] = indicator.asOf.split('-')
    return `截至${y}年${Number(m)}月${Number(d)}日`
  }
  return indicator.years?.length === 1 ? `${indicator.years[0]}年` : undefined
}

function fieldOf(kind: KindSpec, indicator: Indicator): IndicatorField {
  const [group = '', ...rest] = indicator.key.split('.')
  const yearly = isYearly(indicator)
  const asOf = yearly ? undefined : periodText(indicator)
  const guidance = indicator.valueType === 'text' ? indicator.description : undefined
  return {
    key: indicator.key,
    group,
    field: rest.join('.'),
    label: plainLabel(indicator),
    templateLabel: labelWithUnit(indicator),
    unit: indicator.unit ?? '',
    valueType: valueTypeOf(indicator),
    yearly,
    shapes: { single: !yearly, yearly },
    percent: indicator.valueType === 'percent',
    scope: indicator.scope,
    templates: [kind.id],
    ...(indicator.footnote ? { formula: indicator.footnote } : {}),
    ...(asOf ? { asOf } : {}),
    ...(guidance ? { guidance } : {}),
    ...(indicator.partOf ? { partOf: indicator.partOf } : {}),
  }
}

/** Every row of every kind, first definition first; later kinds add their id and the shape they ask for. */
export function buildIndicatorCatalogue(kinds: readonly KindSpec[]): IndicatorField[] {
  const byKey = new Map<string, IndicatorField>()
  for (const kind of kinds) {
    for (const { indicator } of indicatorRows(kind)) {
      const known = byKey.get(indicator.key)
      if (!known) {
        byKey.set(indicator.key, fieldOf(kind, indicator))
        continue
      }
      const yearly = isYearly(indicator)
      byKey.set(indicator.key, {
        ...known,
        ...(known.partOf === undefined && indicator.partOf ? { partOf: indicator.partOf } : {}),
        templates: known.templates.includes(kind.id) ? known.templates : [...known.templates, kind.id],
        shapes: { single: known.shapes.single || !yearly, yearly: known.shapes.yearly || yearly },
      })
    }
  }
  return [...byKey.values()]
}

/** Group label: the first kind's table group holding a row of the data group (scale → 整体规模情况). */
function groupLabels(kinds: readonly KindSpec[], fields: readonly IndicatorField[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    if (out[f.group] !== undefined) continue
    const kind = kinds.find((k) => k.id === f.templates[0])
    const row = kind && indicatorRows(kind).find((r) => r.indicator.key === f.key)
    out[f.group] = row?.group.label ?? f.group
  }
  return out
}

const KINDS = listKinds()

export const INDICATOR_FIELDS: readonly IndicatorField[] = Object.freeze(buildIndicatorCatalogue(KINDS))

/** Data groups in first-appearance order: scale, land, enterprises, green, digital, then the 汇总表's. */
export const INDICATOR_GROUPS: readonly IndicatorGroup[] = Object.freeze([...new Set(INDICATOR_FIELDS.map((f) => f.group))])

/** Row-group headings, verbatim from the first kind that lists the group. */
export const INDICATOR_GROUP_LABELS: Readonly<Record<IndicatorGroup, string>> = Object.freeze(groupLabels(KINDS, INDICATOR_FIELDS))

const INDICATOR_BY_KEY = new Map(INDICATOR_FIELDS.map((f) => [f.key, f]))

/** The indicator row for a key path like 'scale.revenue', or undefined. */
export function indicatorField(key: string): IndicatorField | undefined {
  return INDICATOR_BY_KEY.get(key)
}
