import type { SectionSpec } from '../kinds/kind-spec.js'
import { toChineseNumeral } from '../model/chinese-numerals.js'
import { numberPoints, parkDataYear } from '../park/indicator-values.js'
import { extractNumbers } from '../park/text-numbers.js'
import { indicatorWords } from './indicator-words.js'
import { phrases } from './phrases.js'
import type { PlanSection } from './plan.js'
import { splitTopLevel, withoutFinalStop, withSubject } from './prose.js'
import { ensureStop, num, paragraph, register, registerDerived, s, type Context, type Line } from './compose-context.js'

/**
 * The rest of the park's data, where a report has room for it: the data year's scale (利润总额, 亩均税收, 工业总产值 …)
 * beside the revenue in 背景介绍 / 发展概述, and — for the 示范基地 reports, whose 发展亮点和成效 and 示范性做法和经验 ask
 * for 3-5 aspects each (003 附件2) — aspects from the yearly indicator groups (研发投入, 有效发明专利 …, first year to
 * data year) and from the 汇总表's own descriptions of what the base did (示范和带动情况, 产业链完善情况 …). Every
 * figure is the data's, registered with its path; wording around it is fixed here, so nothing is claimed the data does
 * not hold: an aspect is written only when its rows moved the right way.
 */

interface ScaleRow {
  key: string
  /**
   * Words for a row the text writes as a clause rather than by its name (占……的35%); other rows are named by their label
   * in the kind's table (indicatorWords).
   */
  clause?: string
  /** The unit as a reader reads it after the value (亩均税收35.6万元, 规模以上工业企业86家). */
  unit: string
}

// Rows of the data year a report states with the revenue, in this order; a row the kind's table lacks is not stated.
const SCALE_ROWS: readonly ScaleRow[] = [
  { key: 'scale.industrialOutput', unit: '亿元' },
  { key: 'scale.leadIndustryOutput', unit: '亿元' },
  { key: 'scale.industrialValueAdded', unit: '亿元' },
  { key: 'scale.totalTax', unit: '亿元' },
  { key: 'scale.totalProfit', unit: '亿元' },
  { key: 'scale.taxPerMu', unit: '万元/亩' },
  { key: 'scale.addedValueShareOfCityGdp', clause: '全口径增加值占所在城市地区生产总值的', unit: '%' },
  { key: 'land.developedAreaHa', unit: '公顷' },
  { key: 'land.industrialFloorAreaRatio', unit: '' },
  { key: 'enterprises.aboveScaleIndustrial', unit: '家' },
  { key: 'enterprises.listedOrQuoted', unit: '家' },
  { key: 'enterprises.newRegistered', unit: '家' },
]

/** The unit as a reader of the text takes it (0.318吨标煤/万元 reads 0.318吨), so that the registered figure is found. */
const readerUnit = (value: number, unit: string) => extractNumbers(`${num(value)}${unit}`)[0]?.unit ?? unit

const pointOf = (ctx: Context, key: string, year: string) => {
  const [group = '', field = ''] = key.split('.')
  return numberPoints(ctx.park, { group, field }).find((p) => p.year === year)
}

/** 同年，园区实现利润总额61.3亿元，亩均税收35.6万元……: the data year's scale rows no other sentence states. */
export function scaleSentence(ctx: Context, afterRevenue: boolean): string | undefined {
  const year = parkDataYear(ctx.park)
  const items: string[] = []
  for (const row of SCALE_ROWS) {
    const words = row.clause ?? indicatorWords(ctx.kind, row.key)
    const point = pointOf(ctx, row.key, year)
    if (!words || !point || point.value <= 0) continue
    register(ctx, { value: point.value, unit: readerUnit(point.value, row.unit), source: 'indicator', provenance: point.path, label: words })
    items.push(`${words}${num(point.value)}${row.unit}`)
  }
  if (!items.length) return undefined
  return phrases.scaleLevels(afterRevenue ? '' : year, items.join('，'))
}

interface Aspect {
  heading: string
  rows: readonly { key: string; lowerIsBetter?: boolean }[]
}

// 发展亮点和成效 aspects from the yearly groups of the 汇总表, each with its 领句. Written when at least two of its rows
// improved from the first year to the data year; only the rows that improved are stated.
const ASPECTS: readonly Aspect[] = [
  {
    heading: '创新投入和创新成果同步增长',
    rows: [
      { key: 'innovation.rdSpending' },
      { key: 'workforce.rdStaff' },
      { key: 'innovation.inventionPatents' },
      { key: 'innovation.nationalRdInstitutions' },
      { key: 'innovation.provincialRdInstitutions' },
    ],
  },
  {
    heading: '数字化基础和应用水平同步提高',
    rows: [
      { key: 'digital.keyProcessNcRate' },
      { key: 'digital.fttoShare' },
      { key: 'digital.rdToolEnterprises' },
      { key: 'digital.integrationCertifiedEnterprises' },
    ],
  },
  {
    heading: '能源资源利用效率稳步提高',
    rows: [
      { key: 'green.energyPerIndustrialValueAdded', lowerIsBetter: true },
      { key: 'green.waterPerValueAdded', lowerIsBetter: true },
      { key: 'green.solidWasteUtilization' },
      { key: 'green.cleanerProductionAuditShare' },
    ],
  },
  {
    heading: '产业投资和技术改造投资持续增长',
    rows: [
      { key: 'investment.fixedAssets' },
      { key: 'investment.industrialFixedAssets' },
      { key: 'investment.techRenovation' },
    ],
  },
  {
    heading: '开放型经济规模扩大',
    rows: [
      { key: 'trade.importExport' },
      { key: 'trade.export' },
      { key: 'trade.foreignCapitalUsed' },
    ],
  },
  {
    heading: '质量标准建设成果增加',
    rows: [
      { key: 'quality.certifiedEnterprises' },
      { key: 'quality.nationalStandards' },
      { key: 'quality.internationalStandards' },
    ],
  },
]

const MIN_ROWS = 2

/** Room for aspects in a part asking for 3-5 (003): up to its maxItems, after the items the practice data gives. */
export function aspectRoom(spec: Pick<SectionSpec, 'lengthGuidance'> | undefined, taken: number): number {
  const max = spec?.lengthGuidance.perItem?.maxItems ?? 0
  return Math.max(0, max - taken)
}

/** Up to `room` aspects of 发展亮点和成效 as （N） items, numbered from `first`. */
export function aspectLines(ctx: Context, room: number, first: number, stated: string): Line[] {
  const lines: Line[] = []
  const year = parkDataYear(ctx.park)
  for (const aspect of ASPECTS) {
    if (lines.length / 2 >= room) break
    const clauses: string[] = []
    let from = ''
    for (const row of aspect.rows) {
      const [group = '', field = ''] = row.key.split('.')
      const points = numberPoints(ctx.park, { group, field })
      const last = points.find((p) => p.year === year)
      const start = points[0]
      const words = indicatorWords(ctx.kind, row.key)
      if (!words || !last || !start || start === last || stated.includes(words)) continue
      const better = row.lowerIsBetter ? last.value < start.value : last.value > start.value
      if (!better) continue
      const percent = row.key.endsWith('Rate') || row.key.endsWith('Share') || row.key.endsWith('Utilization')
      const unit = percent ? '%' : unitOf(row.key)
      register(ctx, { value: start.value, unit: readerUnit(start.value, unit), source: 'indicator', provenance: start.path, label: words })
      register(ctx, { value: last.value, unit: readerUnit(last.value, unit), source: 'indicator', provenance: last.path, label: words })
      let clause = phrases.aspectChange(words, `${num(start.value)}${unit}`, `${num(last.value)}${unit}`, row.lowerIsBetter ? '降' : percent ? '提高' : '增')
      const figure = ctx.derived.find((d) => d.id === `ind:${row.key}:${start.year}-${last.year}:${percent ? 'pp' : 'rate'}`)
      if (figure && figure.value !== 0) {
        registerDerived(ctx, figure)
        clause += phrases.pointChange(percent ? (figure.value > 0 ? '提高' : '下降') : row.lowerIsBetter ? '下降' : '增长', num(figure.value), percent ? phrases.percentPoints : '%')
      }
      clauses.push(clause)
      from = start.year
    }
    if (clauses.length < MIN_ROWS) continue
    lines.push({ heading: `（${toChineseNumeral(first + lines.length / 2)}）${aspect.heading}` })
    lines.push(paragraph(s(phrases.aspectBody(from, year, clauses.join('；')))))
  }
  return lines
}

const COUNT_UNITS: Readonly<Record<string, string>> = {
  'workforce.rdStaff': '人',
  'innovation.inventionPatents': '件',
  'quality.nationalStandards': '项',
  'quality.internationalStandards': '项',
}
// Money rows are in 亿元 (亿元人民币 as the form prints it); counts of enterprises and institutions are 家.
function unitOf(key: string): string {
  if (COUNT_UNITS[key]) return COUNT_UNITS[key]!
  if (/^(?:investment|trade)\.|rdSpending/.test(key)) return '亿元'
  if (key === 'green.energyPerIndustrialValueAdded') return '吨标煤/万元'
  if (key === 'green.waterPerValueAdded') return '立方米/万元'
  return '家'
}

// 示范性做法和经验 from the 汇总表's descriptions of what the base did, each with the 领句 of its row.
const PRACTICE_ROWS: readonly { key: string; heading: string }[] = [
  { key: 'industryDemonstration', heading: '发挥主导产业示范引领作用' },
  { key: 'industryChain', heading: '完善产业链协作体系' },
  { key: 'regionalRadiation', heading: '辐射带动周边区域发展' },
  { key: 'innovationCollaboration', heading: '健全多主体协同创新机制' },
  { key: 'greenDevelopment', heading: '构建绿色制造体系' },
  { key: 'smartManufacturing', heading: '推进智能工厂和数字化车间建设' },
  { key: 'publicServices', heading: '完善公共服务体系' },
  { key: 'talentMechanisms', heading: '健全人才引进和培养机制' },
  { key: 'governmentSupport', heading: '强化规划政策和政务服务保障' },
]

/** Up to `room` practices from the 汇总表's text rows as （N） items, numbered from `first`; a clause whose figures are stated already goes. */
export function practiceRowLines(ctx: Context, section: PlanSection, room: number, first: number): Line[] {
  const rows = ctx.park.summaryTable?.rows as Record<string, unknown> | undefined
  const lines: Line[] = []
  const measures = section.measures.map((m) => m.text).join('')
  for (const row of PRACTICE_ROWS) {
    if (lines.length / 2 >= room) break
    const raw = rows?.[row.key]
    if (typeof raw !== 'string' || !raw.trim()) continue
    const stated = (n: { value: number }) => ctx.refs.some((r) => r.value === n.value)
    const clauses = splitTopLevel(ctx.full(raw), '，；。').filter((clause) => {
      const figures = extractNumbers(clause).filter((n) => !n.isYear)
      return !(figures.length && figures.every(stated)) && !measures.includes(clause)
    })
    if (!clauses.length) continue
    for (const n of clauses.flatMap((c) => extractNumbers(c)).filter((n) => !n.isYear)) {
      register(ctx, { value: n.value, unit: n.unit, source: 'text', provenance: `$.summaryTable.rows.${row.key}`, label: row.heading })
    }
    const text = withSubject(withoutFinalStop(clauses.join('，')), ctx.park.park.name, { subject: phrases.baseSubject })
    lines.push({ heading: `（${toChineseNumeral(first + lines.length / 2)}）${row.heading}` })
    lines.push(paragraph(s(ensureStop(text), 1)))
  }
  return lines
}
