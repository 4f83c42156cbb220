import { UserError } from '../errors.js'
import { indicatorRows, type KindSpec } from '../kinds/kind-spec.js'
import { getKind, isKindId } from '../kinds/registry.js'
import type { IndicatorField } from './indicator-catalogue.js'
import { jsonPath } from './json-path.js'
import { REPORT_YEAR, YEAR_PATTERN, type ParkData } from './park-schema.js'

/**
 * Reading indicator values by year. Park data writes a row either as one value — for the park's data year — or as a
 * year map ({"2025": 968.2, "2024": 887.5}); every reader goes through here, so a value is never shown under a
 * year it does not belong to.
 */

export const messages = {
  missingYears: (kind: string, dataYear: number, missing: readonly string[], present: readonly string[]) =>
    `园区数据缺少${missing.map((y) => `${y}年`).join('、')}的数据：“${kind}”按${dataYear}年的数据填报，` +
    `而这份园区数据${present.length ? `只有${present.map((y) => `${y}年`).join('、')}的数据` : '没有任何年份的指标数据'}。` +
    `请在园区数据中补充${missing.map((y) => `${y}年`).join('、')}的指标（按年填写的指标加上这些年份，单个数值的指标改填为这些年份的数值，并把报告类型改为“${kind}”），或选择与园区数据年份一致的报告类型。`,
} as const

/** The year the park's single values describe: the data year of the park's own kind (2025 for the 2026 templates). */
export function parkDataYear(park: Pick<ParkData, 'kind'>): string {
  return isKindId(park.kind) ? String(getKind(park.kind).dataYear) : REPORT_YEAR
}

export interface IndicatorPoint<V = unknown> {
  year: string
  value: V
  /** JSON path of the value: $.indicators.scale.revenue['2025'] or $.indicators.land.managedAreaHa. */
  path: string
}

function rawValue(park: ParkData, f: Pick<IndicatorField, 'group' | 'field'>): unknown {
  return (park.indicators?.[f.group] as Record<string, unknown> | undefined)?.[f.field]
}

function isYearMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every value of a row with its year, oldest first: a year map's entries, or the single value at the data year. */
export function indicatorPoints(park: ParkData, f: Pick<IndicatorField, 'group' | 'field'>): IndicatorPoint[] {
  const raw = rawValue(park, f)
  if (raw === undefined || raw === null) return []
  if (isYearMap(raw)) {
    return Object.entries(raw)
      .filter(([year, value]) => YEAR_PATTERN.test(year) && value !== undefined && value !== null)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, value]) => ({ year, value, path: jsonPath(['indicators', f.group, f.field, year]) }))
  }
  return [{ year: parkDataYear(park), value: raw, path: jsonPath(['indicators', f.group, f.field]) }]
}

/** The numeric points of a row (a text or yes/no row has none). */
export function numberPoints(park: ParkData, f: Pick<IndicatorField, 'group' | 'field'>): IndicatorPoint<number>[] {
  return indicatorPoints(park, f).filter((p): p is IndicatorPoint<number> => typeof p.value === 'number')
}

/** A row's value for one year, or undefined: a single value answers only for the park's data year. */
export function indicatorValueIn(park: ParkData, key: string, year: string): IndicatorPoint | undefined {
  const [group = '', ...rest] = key.split('.')
  return indicatorPoints(park, { group, field: rest.join('.') }).find((p) => p.year === year)
}

/** The years a kind prints values for: every year column and cut-off year of its indicator table. */
export function kindYears(kind: KindSpec): string[] {
  const years = new Set<string>()
  for (const { indicator } of indicatorRows(kind)) {
    for (const y of indicator.years ?? []) years.add(y)
    if (indicator.asOf) years.add(indicator.asOf.slice(0, 4))
  }
  return [...years].sort().reverse()
}

/** The years a park has any indicator value for. */
export function parkYears(park: ParkData): string[] {
  const years = new Set<string>()
  for (const group of Object.values(park.indicators ?? {})) {
    for (const value of Object.values(group ?? {})) {
      if (isYearMap(value)) for (const y of Object.keys(value)) if (YEAR_PATTERN.test(y)) years.add(y)
    }
  }
  if (park.indicators && Object.keys(park.indicators).length) years.add(parkDataYear(park))
  return [...years].sort()
}

/**
 * A park may be written up under a kind of another data year only when its data covers that kind's years: the
 * 2027 templates (data year 2026) need 2026 figures, and a 2025 park's single values must not appear under 2026
 * headings. Throws a UserError listing the missing years; returns quietly when the park's data year is the kind's.
 */
export function assertParkCoversKind(park: ParkData, kind: KindSpec): void {
  if (parkDataYear(park) === String(kind.dataYear)) return
  const present = parkYears(park)
  const missing = kindYears(kind).filter((y) => !present.includes(y))
  if (missing.length === 0) return
  throw new UserError('PARK_YEARS_MISSING', messages.missingYears(kind.name, kind.dataYear, missing, present), 422, {
    path: '$.indicators',
  })
}

/** The kind a park is written up under (its own unless `kindId` names another), checked to be covered by its data. */
export function kindForPark(park: ParkData, kindId: string = park.kind): KindSpec {
  const kind = getKind(kindId)
  assertParkCoversKind(park, kind)
  return kind
}
