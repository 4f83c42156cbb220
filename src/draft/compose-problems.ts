import { toChineseNumeral } from '../model/chinese-numerals.js'
import { numberPoints, parkDataYear } from '../park/indicator-values.js'
import { phrases } from './phrases.js'
import { num, paragraph, register, s, type Context, type Line } from './compose-context.js'

/**
 * 003 附件2 四、存在的问题及建议: today's problems of the base and what to do about them. The practice's problems are
 * the ones it solved, so they do not belong here; what the data says of the base's present shortfalls does, and only
 * that: accidents and environmental incidents in the data year, and the 汇总表's yes/no rows answered 否 (a row that
 * applies to some base types only counts for those). Each is stated with its figure and year, as the data has it, and
 * followed by the step that answers it. When the data holds none, the section keeps its 【待补充：……】: a problem is
 * never made up.
 */

interface Shortfall {
  problem: string
  advice: string
}

// Accidents and incidents of the data year, worst first, with the words a report uses for them.
const EVENTS: readonly { key: string; what: string; advice: keyof typeof phrases.shortfallAdvice }[] = [
  { key: 'safety.especiallyMajorAccidents', what: '特别重大生产安全事故', advice: 'accidents' },
  { key: 'safety.majorAccidents', what: '重大生产安全事故', advice: 'accidents' },
  { key: 'safety.largerAccidents', what: '较大生产安全事故', advice: 'accidents' },
  { key: 'safety.generalAccidents', what: '一般生产安全事故', advice: 'accidents' },
  { key: 'green.levelOneEnvironmentalIncidents', what: 'Ⅰ级突发环境事件', advice: 'incidents' },
  { key: 'green.levelTwoEnvironmentalIncidents', what: 'Ⅱ级突发环境事件', advice: 'incidents' },
  { key: 'green.levelThreeEnvironmentalIncidents', what: 'Ⅲ级突发环境事件', advice: 'incidents' },
  { key: 'green.levelFourEnvironmentalIncidents', what: 'Ⅳ级突发环境事件', advice: 'incidents' },
]

// 汇总表 18.x rows answered 否, with the base types a row is asked of (18.10: 有色金属、钢铁、化工填写 — the 原材料 type, or
// a lead industry of those).
const UNMET_ROWS: readonly { key: 'greenLawCompliance' | 'energyTargetsMet' | 'accidentsControlled' | 'safetyRiskAssessment'; baseTypes?: RegExp }[] = [
  { key: 'greenLawCompliance' },
  { key: 'energyTargetsMet' },
  { key: 'accidentsControlled' },
  { key: 'safetyRiskAssessment', baseTypes: /原材料|有色|钢铁|化工/u },
]

function shortfalls(ctx: Context): Shortfall[] {
  const year = parkDataYear(ctx.park)
  const out: Shortfall[] = []
  const events = new Map<string, string[]>()
  for (const event of EVENTS) {
    const [group = '', field = ''] = event.key.split('.')
    const point = numberPoints(ctx.park, { group, field }).find((p) => p.year === year)
    if (!point || point.value <= 0) continue
    register(ctx, { value: point.value, unit: event.what.includes('事故') ? '起' : '次', source: 'indicator', provenance: point.path, label: event.what })
    const list = events.get(event.advice) ?? []
    list.push(`${event.what}${num(point.value)}${event.what.includes('事故') ? '起' : '次'}`)
    events.set(event.advice, list)
  }
  for (const [advice, list] of events) {
    out.push({ problem: phrases.shortfallEvents(year, list.join('、')), advice: phrases.shortfallAdvice[advice as keyof typeof phrases.shortfallAdvice] })
  }
  const rows = ctx.park.summaryTable?.rows as Record<string, { done?: boolean } | undefined> | undefined
  const header = ctx.park.summaryTable?.header
  const baseType = `${String(header?.baseType ?? '')} ${String(header?.leadIndustry ?? '')}`
  for (const row of UNMET_ROWS) {
    if (rows?.[row.key]?.done !== false || (row.baseTypes && !row.baseTypes.test(baseType))) continue
    // 近三年事故得到较好控制 answered 否 says again what the accidents above say.
    if (row.key === 'accidentsControlled' && events.has('accidents')) continue
    out.push({ problem: phrases.shortfallRows[row.key], advice: phrases.shortfallAdvice[row.key] })
  }
  return out
}

export function currentProblemLines(ctx: Context): Line[] {
  const found = shortfalls(ctx)
  if (!found.length) return [paragraph(s(phrases.placeholder(phrases.missing.currentProblems)))]
  const problems = found.length > 1
    ? phrases.shortfallsMany(countOf(found.length), found.map((f, i) => phrases.item(toChineseNumeral(i + 1), f.problem)).join('；'))
    : phrases.shortfallsOne(found[0]!.problem)
  return [paragraph(s(problems)), paragraph(s(phrases.shortfallSuggestions(found.map((f) => f.advice).join('；'))))]
}

const countOf = (n: number) => (n === 2 ? '两' : toChineseNumeral(n))
