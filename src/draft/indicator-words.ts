import { indicatorRows, type KindSpec } from '../kinds/kind-spec.js'

/**
 * How running text names a kind's indicator row: its label in the kind's own table, without what only a form needs.
 * The label is the one source (the kinds differ: 示范基地 tables say 单位工业增加值用水量, the 绿色安全 template
 * 规模以上工业单位增加值水耗), so a draft names each figure as the table the reviewer holds names it.
 *
 * Dropped: 其中： (the table's indentation, not part of the name); a leading year (the sentence states it); a trailing
 * （…） (the form's unit or a note such as （有色金属、钢铁、化工填写）); a trailing 数量 (the figure's measure word
 * says it is a count: 两化融合贯标企业20家). A （…） inside the name stays: 光纤入户（FTTO）企业占比.
 */
export function labelAsWords(label: string): string {
  return label
    .replace(/^其中[：:]/, '')
    .replace(/^\d{4}年/, '')
    .replace(/（[^（）]*）$/, '')
    .replace(/数量$/, '')
    .trim()
}

/** The words for an indicator of this kind, or undefined when the kind's table has no such row. */
export function indicatorWords(kind: KindSpec, key: string): string | undefined {
  const row = indicatorRows(kind).find(({ indicator }) => indicator.key === key)
  return row && labelAsWords(row.indicator.label)
}
