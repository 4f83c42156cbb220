import { indicatorRows, type Indicator, type KindSpec } from '../kinds/kind-spec.js'
import { plainLabel } from '../park/indicator-catalogue.js'

/**
 * How running text names a kind's indicator row: its label in the kind's own table, without what only a form needs.
 * The label is the one source (the kinds differ: 示范基地 tables say 单位工业增加值用水量, the 绿色安全 template
 * 规模以上工业单位增加值水耗), so a draft names each figure as the table the reviewer holds names it.
 *
 * Beyond plainLabel (其中：, the unit in brackets) it drops a leading year (the sentence states it), a trailing note in
 * brackets such as （有色金属、钢铁、化工填写）, and a trailing 数量 (the figure's measure word says it is a count:
 * 两化融合贯标企业20家). A （…） inside the name stays: 光纤入户（FTTO）企业占比.
 */
export function labelAsWords(indicator: Pick<Indicator, 'label' | 'unit'>): string {
  return plainLabel(indicator)
    .replace(/^\d{4}年/, '')
    .replace(/（[^（）]*）$/, '')
    .replace(/数量$/, '')
    .trim()
}

/** The words for an indicator of this kind, or undefined when the kind's table has no such row. */
export function indicatorWords(kind: KindSpec, key: string): string | undefined {
  const row = indicatorRows(kind).find(({ indicator }) => indicator.key === key)
  return row && labelAsWords(row.indicator)
}
