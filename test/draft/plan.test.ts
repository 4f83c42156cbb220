import { describe, expect, it } from 'vitest'
import type { Clause } from '../../src/ingest/clause.js'
import { ClauseLangChainRetriever } from '../../src/retrieve/langchain-retriever.js'
import { ClauseRetriever } from '../../src/retrieve/retriever.js'
import { BUDGET_SHARE, DraftPlanSchema, planDraft, type ClauseLike } from '../../src/draft/plan.js'
import { getKind, KIND_IDS } from '../../src/kinds/registry.js'
import { measureHeading, problemKeyword, resultHeading, withSubject } from '../../src/draft/prose.js'
import { handCorpus } from '../retrieve/hand-corpus.js'
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
    // Through the retrieval the drafting entry point uses (LangChain retriever over the clause index).
    const clausesFrom = (clauses: readonly Clause[]) => {
      const retriever = new ClauseLangChainRetriever({ retriever: new ClauseRetriever(clauses), top: 6 })
      return async (query: string) =>
        (await retriever.invoke(query)).map((d) => ({ path: d.metadata.path, text: d.pageContent, source: d.metadata.source }))
    }
    const copy = handCorpus.map((c) => ({ ...c, id: `copy-${c.id}`, docId: `copy-${c.docId}`, source: `${c.source}（上传）` }))
    const withCopy = await planDraft(nanling, getKind('innovation-green'), clausesFrom([...handCorpus, ...copy]))
    const alone = await planDraft(nanling, getKind('innovation-green'), clausesFrom(handCorpus))
    const chosen = withCopy.sections[1]!.measures[0]!.clauses
    expect(chosen).toHaveLength(2)
    expect(new Set(chosen.map((c) => c.text)).size).toBe(2)
    expect(chosen.map((c) => c.path)).toEqual(alone.sections[1]!.measures[0]!.clauses.map((c) => c.path))
  })

})

describe('measureHeading: a complete verb–object phrase, never cut mid-word or on a dangling 年产', () => {
  const wanjiang = [{ name: '皖江铝循环再生科技有限公司', aliases: ['皖江铝业'], type: 'enterprise' as const }]
  const yufeng = [{ name: '豫丰绿能生物质能源有限公司', aliases: ['豫丰绿能'], type: 'enterprise' as const }]
  it.each([
    {
      // The quantity is the attribute of 再生铝项目, not a trailing amount: the next verb clause is the heading.
      text: '引进皖江铝循环再生科技有限公司建设年产15万吨再生铝项目，回收园区压铸企业铝屑、铝渣，打通“铝屑回收—熔炼提纯—再生铝锭—压铸件”闭环链条，与11家压铸企业签订长期回收协议。',
      entities: wanjiang,
      heading: '打通“铝屑回收—熔炼提纯—再生铝锭—压铸件”闭环链条',
    },
    {
      // 36 字: the verb phrase of the pivot (引进X建设Y), not the first 30 characters (…有机废弃物资).
      text: '引进豫丰绿能生物质能源有限公司建设餐厨及食品加工有机废弃物资源化项目，日处理有机固废1200吨，沼气发电装机容量12兆瓦。',
      entities: yufeng,
      heading: '建设餐厨及食品加工有机废弃物资源化项目',
    },
    {
      // Only digits and unit: the trailing amount goes.
      text: '建设集中供热站和蒸汽管网38公里，关停企业自备燃煤锅炉47台，总投资4.3亿元。',
      entities: [],
      heading: '建设集中供热站和蒸汽管网',
    },
    {
      // Without the enterprise among the entities, 有限公司 still ends the introduced company's name.
      text: '引进豫丰绿能生物质能源有限公司建设餐厨及食品加工有机废弃物资源化项目。',
      entities: [],
      heading: '建设餐厨及食品加工有机废弃物资源化项目',
    },
    {
      // Not a pivot: the first verb phrase before 并.
      text: '建设园区工业废水集中处理及中水回用工程并同步建设中水回用于冷却和清洗工序的配套管网，日处理能力2万吨。',
      entities: [],
      heading: '建设园区工业废水集中处理及中水回用工程',
    },
    {
      // 年产 with its quantity taken off would dangle: the quantity stays, so the shorter phrase before the verb.
      text: '引进再生铝企业建设年产15万吨，配套建设铝屑回收站点12个。',
      entities: [],
      heading: '引进再生铝企业',
    },
    {
      // A heading may end in 能力 when no quantity was taken off it.
      text: '提升园区污水集中处理能力，新增日处理能力2万吨。',
      entities: [],
      heading: '提升园区污水集中处理能力',
    },
    {
      text: '建设“源网荷储”一体化绿色微电网（屋顶光伏86兆瓦、储能40兆瓦时），建成南岭经济技术开发区数字化能碳管理中心。',
      entities: [],
      heading: '建设“源网荷储”一体化绿色微电网',
    },
  ])('$heading', ({ text, entities, heading }) => {
    expect(measureHeading(text, entities)).toBe(heading)
  })
})

describe('problemKeyword: a complete name of the problem for the 摘要 list', () => {
  it.each([
    // Two problems in one name: the first.
    ['能源结构偏煤、碳排放强度偏高：2023年园区单位能耗碳排放2.46吨/吨标准煤。', '能源结构偏煤'],
    ['危化品储运风险点多、监测预警靠人工巡检：园区现有危化品企业42家。', '危化品储运风险点多'],
    ['研发数据分散、共享不足：2023年园区生物医药企业研发数据上云率仅为24.5%。', '研发数据分散'],
    ['危化品分散储存、安全风险叠加：印染企业使用保险粉、双氧水等危化品，储存点位多。', '危化品分散储存'],
    // One problem of several things: kept whole, its 、 written 和 so that the list of problems stays readable.
    ['压铸、热处理工序能耗高：2023年园区单位能耗碳排放2.38吨/吨标准煤。', '压铸和热处理工序能耗高'],
    ['铝屑、铝渣等生产废料外售处置，2023年工业固体废弃物综合利用率仅为76.4%，原生铝采购成本高。', '铝屑和铝渣等生产废料外售处置'],
    ['食品企业分散自建燃煤、燃气锅炉，2023年食品加工企业综合能耗折合18.6万吨标准煤。', '食品企业分散自建燃煤和燃气锅炉'],
    ['果蔬皮渣、畜禽加工废弃物等有机固废产生量大，2023年有机固废年产生量32万吨。', '果蔬皮渣和畜禽加工废弃物等有机固废产生量大'],
    ['涂装、清洗、烘干工序用水量大，2023年规模以上工业单位增加值水耗9.8立方米/万元。', '涂装、清洗和烘干工序用水量大'],
    ['冷库氨制冷系统和液氨储罐分布分散，2023年涉氨制冷企业23家，安全隐患突出。', '冷库氨制冷系统和液氨储罐分布分散'],
  ])('%s → %s', (text, keyword) => {
    expect(problemKeyword(text)).toBe(keyword)
  })
})

describe('the title of a 年度发展情况报告 names the 示范基地 once', () => {
  it.each([
    ['南岭经济技术开发区', '南岭经济技术开发区示范基地2025年发展情况报告'],
    ['国家新型工业化产业示范基地（电子信息·赣南）', '国家新型工业化产业示范基地（电子信息·赣南）2025年发展情况报告'],
    ['赣南电子信息示范基地', '赣南电子信息示范基地2025年发展情况报告'],
  ])('%s → %s', async (name, title) => {
    const park = { ...nanling, park: { ...nanling.park, name } }
    expect((await planFor(park, 'base-annual-report')).title).toBe(title)
  })
})

describe('withSubject: a sentence taken out of its row gets the park as its subject', () => {
  it.each([
    ['推广熔炉智能测温装置210套。', '园区推广熔炉智能测温装置210套。'],
    ['2025年开展专项检查212家次。', '2025年，园区开展专项检查212家次。'],
    // 园区 already in its first clause: the park's name, not 园区落实园区….
    ['落实园区安全风险评估，完成化工园区安全整治提升。', '齐滨化工新材料产业园落实园区安全风险评估，完成化工园区安全整治提升。'],
    ['园区建成安全生产风险监测预警系统。', '园区建成安全生产风险监测预警系统。'],
    ['2025年，园区开展专项检查212家次。', '2025年，园区开展专项检查212家次。'],
    ['齐滨化工新材料产业园建成危化品车辆专用停车场。', '齐滨化工新材料产业园建成危化品车辆专用停车场。'],
    // 园区 inside a proper name does not count.
    ['建成齐滨化工新材料产业园智慧园区综合管理平台，汇聚企业运行数据。', '园区建成齐滨化工新材料产业园智慧园区综合管理平台，汇聚企业运行数据。'],
  ])('%s → %s', (text, expected) => {
    expect(withSubject(text, '齐滨化工新材料产业园', { names: ['齐滨化工新材料产业园智慧园区综合管理平台'] })).toBe(expected)
  })

  it.each([
    // After 针对…的问题，: the subject first, then the time (园区2025年…, not “，2025年，园区…”).
    ['2025年建成危化品车辆专用停车场。', '园区2025年建成危化品车辆专用停车场。'],
    ['建设园区蒸汽管网互联互通和余热梯级利用工程。', '齐滨化工新材料产业园建设园区蒸汽管网互联互通和余热梯级利用工程。'],
    ['建成危化品车辆专用停车场。', '园区建成危化品车辆专用停车场。'],
  ])('in a clause: %s → %s', (text, expected) => {
    expect(withSubject(text, '齐滨化工新材料产业园', { inClause: true })).toBe(expected)
  })
})

describe('resultHeading: a 领句 that is a whole clause', () => {
  it.each([
    ['单位能耗碳排放由2.38吨/吨标准煤降至1.96吨/吨标准煤，绿电消费占比由6.2%提升至24.5%。', '单位能耗碳排放明显下降'],
    ['余热回收利用量明显增加，企业用能成本降低。', '余热回收利用量明显增加'],
    // 35 字: whole, not its first 30 characters (…重点监管危险).
    ['2025年实现园区内全部化工新材料企业重大危险源和重点监管危险工艺在线监测全覆盖，企业安全管理水平提升。', '实现园区内全部化工新材料企业重大危险源和重点监管危险工艺在线监测全覆盖'],
    ['累计完成产品碳足迹核算146项。', '累计完成产品碳足迹核算146项'],
  ])('%s → %s', (text, heading) => {
    expect(resultHeading(text)).toBe(heading)
  })
})
