import { describe, expect, it } from 'vitest'
import { BUDGET_SHARE, DraftPlanSchema, planDraft, type ClauseLike } from '../../src/draft/plan.js'
import { getKind, KIND_IDS } from '../../src/kinds/registry.js'
import { FIXTURE_PARKS, loadPark, planFor } from './helpers.js'

const nanling = loadPark('nanling-green')

describe('planDraft budgets', () => {
  it.each(FIXTURE_PARKS.flatMap((park) => KIND_IDS.map((kind) => [park, kind] as const)))(
    '%s as %s: budgets sum to totalBudget ≤ 90%% of the limit, every section has guidance',
    async (name, kindId) => {
      const plan = await planFor(loadPark(name), kindId)
      const kind = getKind(kindId)
      const sum = plan.abstract.budget + plan.sections.reduce((total, s) => total + s.budget, 0)
      expect(sum).toBe(plan.totalBudget)
      expect(plan.totalBudget).toBeLessThanOrEqual(Math.floor(kind.limits.totalZishu * BUDGET_SHARE))
      expect(plan.limit).toBe(kind.limits.totalZishu)
      expect(plan.sections.map((s) => s.path)).toEqual(kind.sections.map((s) => `${s.marker}${s.heading}`))
      for (const section of plan.sections) {
        expect(section.guidance.length).toBeGreaterThan(10)
        expect(section.budget).toBeGreaterThan(0)
      }
      expect(DraftPlanSchema.parse(plan)).toEqual(plan)
    },
  )

  it('000/001 kinds: abstract 8%, 背景 25%, 举措 42%, 成效 25% of 2700 字', async () => {
    const plan = await planFor(nanling)
    expect([plan.abstract.budget, ...plan.sections.map((s) => s.budget)]).toEqual([216, 675, 1134, 675])
    expect(plan.totalBudget).toBe(2700)
  })

  it('003 附件2: the template’s own lengths (300字左右; 3-5个方面×200字; 问题及建议 500)', async () => {
    const plan = await planFor(nanling, 'base-annual-report')
    expect(plan.abstract).toEqual({ required: false, label: '【摘要】', budget: 0, points: [] })
    expect(plan.sections.map((s) => [s.heading, s.budget])).toEqual([
      ['示范基地发展概述', 300],
      ['发展亮点和成效', 600],
      ['示范性做法和经验', 600],
      ['存在的问题及建议', 500],
    ])
    expect(plan.title).toBe('南岭经济技术开发区示范基地2025年发展情况报告')
  })
})

describe('planDraft content (南岭经济技术开发区, innovation-green)', () => {
  it('背景介绍: the template’s 一是/二是/三是 parts, the problems with their names, the base and its figures', async () => {
    const plan = await planFor(nanling)
    const background = plan.sections[0]!
    expect(background.parts.map((p) => p.slice(0, 2))).toEqual(['一是', '二是', '三是'])
    expect(background.problems.map((p) => [p.id, p.name])).toEqual([
      ['P1', '能源结构偏煤、碳排放强度偏高'],
      ['P2', '副产固废利用不足'],
      ['P3', '危化品储运风险点多、监测预警靠人工巡检'],
    ])
    expect(background.measures).toEqual([])
    expect(background.facts.find((f) => f.label === '营业收入' && f.period === '2025')).toEqual({
      label: '营业收入', value: 968.2, unit: '亿元', period: '2025', source: "$.indicators.scale.revenue['2025']",
    })
    // Outcome rows of 绿色安全情况 are not the base.
    expect(background.facts.some((f) => f.label === '工业固体废弃物综合利用率' && f.period === '2025')).toBe(false)
    expect(background.facts.find((f) => f.label === '国家级绿色工厂数量')?.value).toBe(9)
    expect(background.figures.map((f) => [f.id, f.value])).toEqual([
      ['ind:scale.revenue:2023-2025:rate', 20.5],
      ['ind:scale.leadIndustryRevenue:2023-2025:rate', 31.7],
      ['share:scale.leadIndustryRevenue/scale.revenue:2025', 52.9],
    ])
  })

  it('创新举措: headings from the measures, the problems they answer, the two best clauses of the kind’s direction', async () => {
    const plan = await planFor(nanling)
    const measures = plan.sections[1]!.measures
    expect(measures.map((m) => [m.id, m.heading, m.addresses, m.results])).toEqual([
      ['M1', '建设“源网荷储”一体化绿色微电网', ['P1'], ['R1']],
      ['M2', '打通“副产硫酸钠—元明粉—玻璃原料”循环链条', ['P2'], ['R2']],
      ['M3', '建成南岭经济技术开发区智慧安全应急管理平台', ['P3'], ['R3']],
    ])
    expect(measures.map((m) => m.clauses.map((c) => c.path))).toEqual([
      ['《工业园区高质量发展指引》二（六）14', '《工业园区高质量发展指引》二（六）15'],
      ['《工业园区高质量发展指引》二（六）14', '《工业园区高质量发展指引》二（六）15'],
      ['《工业园区高质量发展指引》二（六）16', '《高标准数字园区建设指南》四（三）10'],
    ])
    expect(measures[0]!.clauses[0]!.text).toMatch(/^加快园区绿色设施建设。/)
    expect(plan.sections[1]!.facts.map((f) => `${f.label}${f.value}${f.unit}`)).toEqual([
      '屋顶光伏装机86兆瓦', '储能规模40兆瓦时', '能耗在线监测重点用能企业37家', '硫酸钠资源化项目年处理能力12万吨', '安全监测点位1.2万个',
    ])
    expect(plan.sections[1]!.notes.map((n) => n.label)).toEqual(['安全生产体系建设情况', '安全科技支撑情况'])
  })

  it('实践成效: results with 领句 headings, the before/after facts and their derived changes', async () => {
    const plan = await planFor(nanling)
    const results = plan.sections[2]!
    expect(results.results.map((r) => [r.id, r.heading, r.from])).toEqual([
      ['R1', '单位能耗碳排放明显下降', ['M1']],
      ['R2', '工业固体废弃物综合利用率大幅提升', ['M2']],
      ['R3', '预警平均响应时间大幅缩短', ['M3']],
    ])
    expect(results.figures.find((f) => f.id === 'fact:绿电消费占比:2023-2025:pp')).toEqual({
      id: 'fact:绿电消费占比:2023-2025:pp', label: '绿电消费占比2025年较2023年变化（百分点）', value: 18.3, unit: '百分点', formula: '27.8-9.5',
    })
    expect(results.facts.find((f) => f.label === '工业固体废弃物综合利用率' && f.period === '2025')?.source).toBe('$.indicators.green.solidWasteUtilization')
  })

  it('abstract points, title and entities for the prompt', async () => {
    const plan = await planFor(nanling)
    expect(plan.abstract.points).toEqual([
      '聚焦新能源电池材料主导产业（南岭经济技术开发区）',
      '问题：能源结构偏煤、碳排放强度偏高；副产固废利用不足；危化品储运风险点多、监测预警靠人工巡检',
      '举措：建设“源网荷储”一体化绿色微电网；打通“副产硫酸钠—元明粉—玻璃原料”循环链条；建成南岭经济技术开发区智慧安全应急管理平台',
      '成效：单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，绿电消费占比提升至27.8%。',
      '成效：工业固体废弃物综合利用率由71.3%提升至93.6%。',
      '成效：2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。',
    ])
    expect(plan.direction).toEqual({ name: '推动绿色安全发展', clause: '《工业园区高质量发展指引》二（六）' })
    expect(plan.entities).toContainEqual({ name: '南岭经济技术开发区', aliases: ['南岭经开区'] })
  })

  it('the title uses official full names (嘉澜: 协同云平台 → 嘉澜汽车零部件产业链协同云平台)', async () => {
    const plan = await planFor(loadPark('jialan-digital'))
    expect(plan.title).toBe(
      '改造券撬动中小企业转型、嘉澜汽车零部件产业链协同云平台贯通链上数据、标识解析赋能质量追溯，推动汽车零部件产业数智升级',
    )
  })
})

describe('planDraft clause selection', () => {
  const clause = (path: string, source = path.slice(1, path.indexOf('》'))): ClauseLike => ({ path, text: `${path}的条文。`, source })

  it('asks once per measure with the measure and its problems; drops the templates’ own instructions; direction first', async () => {
    const queries: string[] = []
    const plan = await planDraft(nanling, getKind('innovation-green'), async (query) => {
      queries.push(query)
      return [
        clause('《2026年工业园区高质量发展创新实践经验总结材料填写要求（推动绿色安全发展类）》第一部分3'),
        clause('《高标准数字园区建设指南》四（三）9'),
        clause('《工业园区高质量发展指引》二（五）12'),
        clause('《工业园区高质量发展指引》二（六）14'),
      ]
    })
    expect(queries).toHaveLength(3)
    expect(queries[0]).toBe(`${nanling.practice.measures[0]!.text}\n${nanling.practice.problems[0]!.text}`)
    expect(plan.sections[1]!.measures[0]!.clauses.map((c) => c.path)).toEqual([
      '《工业园区高质量发展指引》二（六）14',
      '《高标准数字园区建设指南》四（三）9',
    ])
  })

  it('a clause number is not a prefix of a longer one (二（一）2 does not cover 二（一）20)', async () => {
    const plan = await planDraft(nanling, getKind('base-excellent-case'), async () => [
      clause('《工业园区高质量发展指引》二（一）20'),
      clause('《工业园区高质量发展指引》二（一）2'),
    ])
    expect(plan.sections[1]!.measures[0]!.clauses.map((c) => c.path)).toEqual([
      '《工业园区高质量发展指引》二（一）2',
      '《工业园区高质量发展指引》二（一）20',
    ])
  })

  it('an uploaded copy of a built-in guideline does not show the same clause twice', async () => {
    const builtIn = clause('《高标准数字园区建设指南》四（三）9')
    const plan = await planDraft(nanling, getKind('innovation-green'), async () => [
      builtIn,
      { ...builtIn, source: '高标准数字园区建设指南（上传）' },
      clause('《高标准数字园区建设指南》四（三）10'),
    ])
    expect(plan.sections[1]!.measures[0]!.clauses.map((c) => c.path)).toEqual([
      '《高标准数字园区建设指南》四（三）9',
      '《高标准数字园区建设指南》四（三）10',
    ])
  })
})
