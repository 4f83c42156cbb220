import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { composeReport } from '../../src/draft/compose.js'
import { EvidenceMapSchema } from '../../src/draft/evidence.js'
import { readHeadingMarker } from '../../src/model/heading-markers.js'
import { parseReport } from '../../src/model/parse-report.js'
import { reportZishu } from '../../src/model/report-stats.js'
import { extractNumbers } from '../../src/park/text-numbers.js'
import { brief, check, composeFor, FIXTURE_PARKS, loadPark, planFor, validPark } from './helpers.js'
import { qingchuanBare, qingchuanBiopharma } from './parks.js'

describe('composeReport on the fixture parks', () => {
  it.each(FIXTURE_PARKS)('%s: no error and no warning from any checker rule, within the budget', async (name) => {
    const park = loadPark(name)
    const { text, plan } = await composeFor(park)
    const findings = check(text, park)
    expect(brief(findings.filter((f) => f.severity !== 'info'))).toEqual([])
    const total = reportZishu(parseReport(text)).total
    expect(total).toBeLessThanOrEqual(plan.totalBudget)
    expect(total).toBeGreaterThan(1200)
  })

  it.each(FIXTURE_PARKS)('%s: the same input gives byte-identical text and evidence', async (name) => {
    const park = loadPark(name)
    const first = await composeFor(park)
    const second = composeReport(await planFor(park), structuredClone(park))
    expect(second.text).toBe(first.text)
    expect(second.evidence).toEqual(first.evidence)
  })

  it.each(FIXTURE_PARKS)('%s: every number of the text is in the evidence map, none untraced', async (name) => {
    const park = loadPark(name)
    const { text, evidence } = await composeFor(park)
    expect(EvidenceMapSchema.parse(evidence)).toEqual(evidence)
    expect(evidence.untraced).toEqual([])
    // Every number but years and the markers of numbered items (1.安全生产体系建设).
    const numbers = text.split('\n').flatMap((line) => {
      const marker = readHeadingMarker(line)?.text.length ?? 0
      return extractNumbers(line).filter((n) => !n.isYear && n.index >= marker).map((n) => n.raw)
    })
    expect(evidence.figures.map((f) => f.raw)).toEqual(numbers)
    expect(evidence.measures.map((m) => m.section)).toEqual(['二、创新举措/（一）', '二、创新举措/（二）', '二、创新举措/（三）'])
  })
})

describe('composeReport: the text of 南岭经济技术开发区', () => {
  it('title, 【摘要】 with the focus, problems, measures and three before/after figures', async () => {
    const { text } = await composeFor(loadPark('nanling-green'))
    const lines = text.split('\n')
    expect(lines[0]).toBe('绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展')
    expect(lines[1]).toBe('')
    expect(lines[2]).toBe(
      '【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业，针对能源结构偏煤、副产固废利用不足、危化品储运风险点多等问题，' +
        '建设“源网荷储”一体化绿色微电网，打通“副产硫酸钠—元明粉—玻璃原料”循环链条，建成南岭经济技术开发区智慧安全应急管理平台。' +
        '创新实践实施以来，单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，工业固体废弃物综合利用率由71.3%提升至93.6%，' +
        '预警平均响应时间由45分钟缩短至8分钟。',
    )
  })

  it('背景介绍: the base from the indicators, the problems as 一是…二是…三是…, the necessity', async () => {
    const { text } = await composeFor(loadPark('nanling-green'))
    const background = text.split('\n\n')[2]!.split('\n')
    expect(background[0]).toBe('一、背景介绍')
    expect(background[1]).toContain(
      '2025年，园区实现营业收入968.2亿元，较2023年增长20.5%；三大主导产业实现营业收入512.4亿元，占园区营业收入的52.9%。',
    )
    expect(background[1]).toContain(
      '园区集聚各类企业1482家，其中国家高新技术企业214家、国家级专精特新“小巨人”企业13家、国家级制造业单项冠军企业2家、省级专精特新企业87家、上市企业6家。',
    )
    // The data year's other scale rows follow the revenue: every row of the park's 整体规模 and 土地利用 is used once.
    expect(background[1]).toContain(
      '同年，园区利润总额61.3亿元，亩均税收35.6万元/亩，全口径增加值占所在城市地区生产总值的18.4%，实际开发面积2410公顷，' +
        '工业用地综合容积率1.12，新注册且有实际经营活动的企业126家。',
    )
    expect(background[2]).toMatch(/^新能源电池材料产业在绿色安全发展方面仍面临三方面突出问题：一是能源结构偏煤、碳排放强度偏高，2023年/)
    expect(background[2]).toContain('；二是副产固废利用不足，')
    expect(background[2]).toContain('；三是危化品储运风险点多、监测预警靠人工巡检，')
    expect(background[2]).toMatch(/也是落实《工业园区高质量发展指引》“推动绿色安全发展”要求的具体行动。$/)
  })

  it('创新举措: one （一） per measure, each opening differently (goal, policy, problem), the aligned clause named by its 领句', async () => {
    const { text, evidence } = await composeFor(loadPark('nanling-green'))
    const measures = text.split('\n\n')[3]!.split('\n')
    expect(measures.filter((line) => line.startsWith('（'))).toEqual([
      '（一）建设“源网荷储”一体化绿色微电网',
      '（二）打通“副产硫酸钠—元明粉—玻璃原料”循环链条',
      '（三）建成南岭经济技术开发区智慧安全应急管理平台',
    ])
    // The microgrid's result changed most (绿电消费占比 9.5% → 27.8%): it leads with that goal. The safety platform
    // has the problem with the most figures left; the 硫酸钠 project leads with the clause it follows.
    expect(measures[2]).toBe(
      '为破解能源结构偏煤、碳排放强度偏高的问题、降低单位能耗碳排放、提高绿电消费占比，对照《工业园区高质量发展指引》“加快园区绿色设施建设”要求，' +
        '园区建设“源网荷储”一体化绿色微电网（屋顶光伏86兆瓦、储能40兆瓦时），建成南岭经济技术开发区数字化能碳管理中心，对37家重点用能企业实施能耗在线监测。',
    )
    expect(measures[4]).toBe(
      '按照《工业园区高质量发展指引》“加快园区绿色设施建设”要求，围绕副产固废利用不足的问题，' +
        '园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，打通“副产硫酸钠—元明粉—玻璃原料”循环链条。',
    )
    expect(measures[6]).toBe(
      '针对危化品储运风险点多、监测预警靠人工巡检的问题，对照《工业园区高质量发展指引》“强化园区生产安全保障”要求，' +
        '园区建成南岭经济技术开发区智慧安全应急管理平台，接入1.2万个监测点位，推行安全风险分级管控和隐患排查治理双重预防机制。',
    )
    // The two safety rows of 绿色安全情况 are parts of the safety measure: numbered items, headed by their subject.
    expect(measures.slice(7)).toEqual([
      '1.安全生产体系建设。南岭经济技术开发区建立园区、企业、车间三级安全生产责任体系，实施项目安全准入负面清单，2025年组织应急演练46次。',
      '2.安全科技支撑。园区推广应用防爆巡检机器人24台，淘汰落后工艺设备31台（套）。',
    ])
    // The safety rows of 绿色安全情况 join the safety measure, without repeating what it built.
    expect(text).not.toContain('。建成智慧安全应急管理平台')
    expect(evidence.measures[0]).toEqual({
      id: 'M1',
      section: '二、创新举措/（一）',
      heading: '建设“源网荷储”一体化绿色微电网',
      addresses: ['P1'],
      results: ['R1'],
      clauses: [
        expect.objectContaining({ path: '《工业园区高质量发展指引》二（六）14' }),
        expect.objectContaining({ path: '《工业园区高质量发展指引》二（六）15' }),
      ],
    })
  })

  it('实践成效: 领句 headings, the measure that led there, the change from derived.ts after each 由A至B', async () => {
    const { text, evidence } = await composeFor(loadPark('nanling-green'))
    const results = text.trimEnd().split('\n\n')[4]!.split('\n')
    expect(results.slice(2)).toEqual([
      '（一）单位能耗碳排放明显下降',
      '通过建设“源网荷储”一体化绿色微电网，单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，下降16.7%，绿电消费占比由9.5%提升至27.8%，提高18.3个百分点。',
      '（二）工业固体废弃物综合利用率大幅提升',
      '通过打通“副产硫酸钠—元明粉—玻璃原料”循环链条，工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。',
      '（三）预警平均响应时间大幅缩短',
      '通过建成南岭经济技术开发区智慧安全应急管理平台，2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟，缩短82.2%。',
    ])
    expect(evidence.figures.find((f) => f.raw === '22.3个百分点')).toMatchObject({
      section: '三、实践成效/（二）', source: 'derived', formula: '93.6-71.3', provenance: 'fact:工业固体废弃物综合利用率:2023-2025:pp',
    })
    expect(evidence.figures.find((f) => f.raw === '9.5%' && f.section === '三、实践成效/（一）')).toMatchObject({
      source: 'fact', provenance: '$.facts[0].value',
    })
    expect(evidence.figures.find((f) => f.raw === '968.2亿元')).toMatchObject({
      section: '一、背景介绍', source: 'indicator', provenance: "$.indicators.scale.revenue['2025']",
    })
    expect(evidence.figures.find((f) => f.raw === '214家')).toMatchObject({ source: 'indicator', provenance: '$.indicators.enterprises.highTech' })
  })

  it('official full names throughout: no alias of a registered entity in the text', async () => {
    for (const name of FIXTURE_PARKS) {
      const park = loadPark(name)
      const { text } = await composeFor(park)
      const blanked = park.entities.map((e) => e.name).sort((a, b) => b.length - a.length).reduce((t, n) => t.split(n).join('＃'), text)
      for (const entity of park.entities) for (const alias of entity.aliases) expect(blanked, `${name}: ${alias}`).not.toContain(alias)
    }
  })
})

describe('composeReport where the data is thin', () => {
  it('a 生物医药 park with two problems and a result without figures: the only error is the placeholder there', async () => {
    const { text, evidence } = await composeFor(qingchuanBiopharma)
    const findings = check(text, qingchuanBiopharma)
    expect(brief(findings.filter((f) => f.severity === 'error'))).toEqual([
      'error placeholder 三、实践成效/（二）: …品追溯码实现全品种覆盖。【待补充：该项成效的量化数据和前后对比】',
    ])
    expect(brief(findings.filter((f) => f.severity === 'warning'))).toEqual([
      // Two one-line measures (198字) against the park's base and problems (380字): the length rule's balance
      // warning (背景介绍 over 1.5 times 创新举措) is right, and only more data on the measures answers it.
      'warning length 一、背景介绍: 一、背景介绍',
      'warning quant-evidence 三、实践成效/（二）: （二）质量偏差调查周期明显缩短',
    ])
    expect(text).toContain('生物医药产业在实数深度融合方面仍面临两方面突出问题：一是研发数据分散、共享不足，')
    expect(text).toContain('两大主导产业实现营业收入198.6亿元，占园区营业收入的63.6%。')
    expect(text).toContain('生物医药企业研发数据上云率由24.5%提升至68.2%，提高43.7个百分点。')
    expect(evidence.untraced).toEqual([])
  })

  it('no problems, no results, no indicators: placeholders instead of invented content', async () => {
    const { text } = await composeFor(qingchuanBare)
    const errors = check(text, qingchuanBare).filter((f) => f.severity === 'error')
    expect(errors.map((f) => `${f.rule} ${f.section}`)).toEqual([
      'placeholder 一、背景介绍',
      'placeholder 一、背景介绍',
      // 三、实践成效 holds nothing but its placeholder, so it has no figure either.
      'quant-evidence 三、实践成效',
      'placeholder 三、实践成效',
    ])
    expect(text).toContain('【待补充：园区及生物医药产业发展基础数据（营业收入、主导产业营业收入、企业培育等）】')
    expect(text).toContain('【待补充：生物医药产业发展中存在的主要制约因素或提升空间，并写明有关数据】')
    expect(text).toContain('三、实践成效\n【待补充：创新实践前后对比的量化成效（如某指标由多少提升至多少）】')
    expect(extractNumbers(text).filter((n) => !n.isYear).map((n) => n.raw)).toEqual(['46家'])
  })
})

describe('composeReport over its budget', () => {
  it('drops supporting detail first; the problems, measures and results and their figures stay', async () => {
    const nanling = loadPark('nanling-green')
    const drill = '组织园区、企业、车间三级应急演练和危化品运输专项检查，覆盖正极材料、电解液生产企业全部重点岗位和储运环节'
    const park = validPark({
      ...nanling,
      indicators: {
        ...nanling.indicators,
        green: { ...nanling.indicators!.green, safetySystem: `${Array.from({ length: 24 }, () => drill).join('；')}，2025年组织应急演练46次。` },
      },
    })
    const { text, plan } = await composeFor(park)
    expect(reportZishu(parseReport(text)).total).toBeLessThanOrEqual(plan.totalBudget)
    expect(text).not.toContain(drill)
    const full = (await composeFor(nanling)).text
    // Everything else is as composed without the long row: its item goes, and the next item is numbered 1.
    expect(text).toBe(
      full
        .replace('1.安全生产体系建设。南岭经济技术开发区建立园区、企业、车间三级安全生产责任体系，实施项目安全准入负面清单，2025年组织应急演练46次。\n', '')
        .replace('2.安全科技支撑。', '1.安全科技支撑。'),
    )
    expect(brief(check(text, park).filter((f) => f.severity === 'error'))).toEqual([])
  })
})

describe('composeReport for the 示范基地 kinds (003)', () => {
  it('年度发展情况报告: the four parts, 亮点 from results, 做法 from measures, a placeholder for today’s problems', async () => {
    const park = loadPark('nanling-green')
    const { text } = await composeFor(park, 'base-annual-report')
    const errors = check(text, park, 'base-annual-report').filter((f) => f.severity === 'error')
    expect(errors.map((f) => `${f.rule} ${f.section}`)).toEqual(['placeholder 四、存在的问题及建议'])
    expect(text.split('\n').filter((line) => /^[一二三四]、/.test(line))).toEqual([
      '一、示范基地发展概述', '二、发展亮点和成效', '三、示范性做法和经验', '四、存在的问题及建议',
    ])
    expect(text.startsWith('南岭经济技术开发区示范基地2025年发展情况报告\n\n一、示范基地发展概述\n')).toBe(true)
  })

  it('澧州 (年度发展情况报告): 存在的问题 from the data year’s accidents and incidents, each with its advice; no error', async () => {
    const park = loadPark('lizhou-base')
    const { text, evidence } = await composeFor(park)
    expect(text.trimEnd().split('\n\n').at(-1)!.split('\n')).toEqual([
      '四、存在的问题及建议',
      '对照高质量发展要求，示范基地仍存在两方面短板：一是2025年示范基地内仍发生一般生产安全事故2起；二是2025年示范基地内仍发生Ⅳ级突发环境事件1次。',
      '针对上述问题，建议压实企业安全生产主体责任，健全安全风险分级管控和隐患排查治理双重预防机制，压减生产安全事故起数；开展环境风险隐患排查，完善突发环境事件应急预案和处置能力。',
    ])
    expect(evidence.figures.filter((f) => f.section === '四、存在的问题及建议').map((f) => `${f.raw} ${f.provenance}`)).toEqual([
      "2起 $.indicators.safety.generalAccidents['2025']",
      "1次 $.indicators.green.levelFourEnvironmentalIncidents['2025']",
    ])
    expect(brief(check(text, park).filter((f) => f.severity === 'error'))).toEqual([])
  })

  it('澧州: 发展亮点和成效 and 示范性做法和经验 filled to five aspects from the yearly indicators and the 汇总表 descriptions', async () => {
    const park = loadPark('lizhou-base')
    const { text, evidence } = await composeFor(park)
    const [, highlights, practices] = text.split('\n\n').slice(1)
    expect(highlights!.split('\n').filter((line) => line.startsWith('（'))).toEqual([
      '（一）上云上平台企业达到689家',
      '（二）创新投入和创新成果同步增长',
      '（三）数字化基础和应用水平同步提高',
      '（四）能源资源利用效率稳步提高',
      '（五）产业投资和技术改造投资持续增长',
    ])
    // Each indicator named as the 示范基地 汇总表 names it (单位工业增加值用水量, 工业固体废物综合利用率), not as the
    // 绿色安全 template does.
    expect(highlights).toContain(
      '2023年至2025年，示范基地单位工业增加值能耗由0.318吨标煤/万元降至0.286吨标煤/万元，下降10.1%；单位工业增加值用水量由7.7立方米/万元降至6.8立方米/万元，下降11.7%；' +
        '工业固体废物综合利用率由90.5%提高至94.2%，提高3.7个百分点；基地内企业实施清洁生产审核的比例由27.8%提高至36.5%，提高8.7个百分点。',
    )
    expect(practices!.split('\n').slice(3)).toEqual([
      '（二）发挥主导产业示范引领作用',
      '示范基地以澧云工业互联网平台为牵引，为工程机械、食品加工等行业提供设备联网、能耗管理等服务，2025年带动基地外1260家企业上云用平台。',
      '（三）完善产业链协作体系',
      '示范基地形成“传感器—边缘网关—平台—工业APP”链条，组建澧州工业互联网产业联盟，成员单位86家。',
      '（四）辐射带动周边区域发展',
      '示范基地与周边3个县市区共建工业互联网赋能中心，2025年为周边企业实施数字化改造项目148个。',
      // The row's “2025年单位工业增加值能耗0.286吨标煤/万元” is stated in （四） of the highlights: each fact once.
      '（五）构建绿色制造体系',
      '示范基地建成园区能碳管理平台，接入重点用能企业214家。',
    ])
    expect(evidence.untraced).toEqual([])
    expect(text.match(/0\.286吨标煤/g)).toHaveLength(1)
  })

  it('存在的问题: a 汇总表 row answered 否 counts where the base type is asked it (18.10: 原材料), never a made-up problem', async () => {
    const lizhou = loadPark('lizhou-base')
    const calm = {
      ...lizhou.indicators,
      safety: { ...lizhou.indicators!.safety, generalAccidents: { '2025': 0, '2024': 3, '2023': 4 } },
      green: { ...lizhou.indicators!.green, levelFourEnvironmentalIncidents: { '2025': 0, '2024': 0, '2023': 0 } },
    }
    const section = async (baseType: string) => {
      const park = validPark({ ...lizhou, indicators: calm, summaryTable: { ...lizhou.summaryTable, header: { ...lizhou.summaryTable!.header, baseType } } })
      const { text } = await composeFor(park)
      return text.trimEnd().split('\n\n').at(-1)!.split('\n').slice(1)
    }
    // 工业互联网: 18.10 is not asked of it, so its 否 says nothing; with nothing else, the placeholder stays.
    expect(await section('工业互联网')).toEqual(['【待补充：示范基地发展中当前存在的主要问题和短板，以及下一步工作思路和意见建议】'])
    expect(await section('原材料')).toEqual([
      '对照高质量发展要求，示范基地仍存在短板：尚未开展整体性安全风险评价。',
      '针对上述问题，建议开展整体性安全风险评价，确定安全容量，实施总量控制。',
    ])
  })

  it.each(FIXTURE_PARKS)('%s as 优秀案例推荐: no error', async (name) => {
    const park = loadPark(name)
    const { text } = await composeFor(park, 'base-excellent-case')
    expect(brief(check(text, park, 'base-excellent-case').filter((f) => f.severity === 'error'))).toEqual([])
  })
})

describe('the hand-polished drafts in fixtures/drafts (checker fixtures)', () => {
  it.each(['jialan-digital', 'lingjiang-green'])('%s.txt: within 3000字, no finding of any rule', (name) => {
    const text = readFileSync(new URL(`../../fixtures/drafts/${name}.txt`, import.meta.url), 'utf8')
    const park = loadPark(name)
    expect(reportZishu(parseReport(text)).total).toBeLessThanOrEqual(3000)
    expect(brief(check(text, park))).toEqual([])
  })
})

describe('composeReport: the problems as the 【摘要】 lists them', () => {
  const withProblems = (texts: string[]) =>
    validPark({
      ...qingchuanBiopharma,
      practice: {
        ...qingchuanBiopharma.practice,
        problems: texts.map((text, i) => ({ id: `P${i + 1}`, text })),
        measures: qingchuanBiopharma.practice.measures.map((m) => ({ ...m, addresses: m.addresses.filter((id) => Number(id.slice(1)) <= texts.length) })),
      },
    })
  it.each([
    {
      problems: [
        '压铸、热处理工序能耗高：2023年园区单位能耗碳排放2.38吨/吨标准煤，压铸企业天然气和网电消耗占生产成本的18.5%。',
        '铝屑、铝渣等生产废料外售处置，2023年工业固体废弃物综合利用率仅为76.4%，原生铝采购成本高。',
        '压铸车间高温熔融金属作业和涂装车间有机溶剂使用风险集中，2023年发生一般生产安全事故3起，隐患整改平均周期9天。',
        '涂装、清洗工序用水量大，2023年规模以上工业单位增加值水耗9.8立方米/万元。',
      ],
      phrase:
        '针对压铸和热处理工序能耗高、铝屑和铝渣等生产废料外售处置、压铸车间高温熔融金属作业和涂装车间有机溶剂使用风险集中、涂装和清洗工序用水量大等问题，',
    },
    {
      problems: [
        '食品企业分散自建燃煤、燃气锅炉，2023年食品加工企业综合能耗折合18.6万吨标准煤，年蒸汽成本约2.4亿元。',
        '果蔬皮渣、畜禽加工废弃物等有机固废产生量大，2023年有机固废年产生量32万吨，综合利用率仅58.2%。',
        '冷库氨制冷系统和液氨储罐分布分散，2023年涉氨制冷企业23家，安全隐患突出。',
      ],
      phrase: '针对食品企业分散自建燃煤和燃气锅炉、果蔬皮渣和畜禽加工废弃物等有机固废产生量大、冷库氨制冷系统和液氨储罐分布分散等问题，',
    },
    {
      // “…服务器中等问题” would read 中等问题.
      problems: ['园区生物医药企业研发数据分散在各自的实验记录本和本地服务器中，难以共享复用。'],
      phrase: '针对园区生物医药企业研发数据分散在各自的实验记录本和本地服务器中的问题，',
    },
    {
      problems: ['研发数据分散、共享不足：2023年园区生物医药企业研发数据上云率仅为24.5%。', '药品生产批记录停留在纸质台账上，质量偏差调查耗时长。'],
      phrase: '针对研发数据分散、药品生产批记录停留在纸质台账上的问题，',
    },
    {
      problems: qingchuanBiopharma.practice.problems.map((p) => p.text),
      phrase: '针对研发数据分散、质量追溯依赖纸质记录等问题，',
    },
  ])('$phrase', async ({ problems, phrase }) => {
    const { text } = await composeFor(withProblems(problems))
    const abstract = text.split('\n')[2]!
    expect(abstract).toContain(`聚焦生物医药主导产业，${phrase}`)
  })
})

describe('composeReport: indicator rows joined to a measure read as items with a subject', () => {
  const nanling = loadPark('nanling-green')
  const lead =
    '针对危化品储运风险点多、监测预警靠人工巡检的问题，对照《工业园区高质量发展指引》“强化园区生产安全保障”要求，' +
    '园区建成南岭经济技术开发区智慧安全应急管理平台，接入1.2万个监测点位，推行安全风险分级管控和隐患排查治理双重预防机制。'
  // A row that names 园区 in its first clause gets the park's name as its subject.
  const system = '1.安全生产体系建设。南岭经济技术开发区建立园区、企业、车间三级安全生产责任体系，实施项目安全准入负面清单，2025年组织应急演练46次。'
  it.each([
    {
      // The platform clause repeats the measure and goes; what is left starts without a subject.
      safetyTech: '建成智慧安全应急管理平台，推广应用防爆巡检机器人24台，淘汰落后工艺设备31台（套）。',
      item: '2.安全科技支撑。园区推广应用防爆巡检机器人24台，淘汰落后工艺设备31台（套）。',
    },
    {
      // 接入监测点位1.2万个 tells again what the measure states (接入1.2万个监测点位): each fact once.
      safetyTech: '建成智慧安全应急管理平台，接入监测点位1.2万个，推广熔炉智能测温装置210套。',
      item: '2.安全科技支撑。园区推广熔炉智能测温装置210套。',
    },
    {
      safetyTech: '建成智慧安全应急管理平台，2025年开展危化品储运专项检查212家次。',
      item: '2.安全科技支撑。2025年，园区开展危化品储运专项检查212家次。',
    },
  ])('$safetyTech', async ({ safetyTech, item }) => {
    const park = validPark({ ...nanling, indicators: { ...nanling.indicators, green: { ...nanling.indicators!.green, safetyTech } } })
    const { text, evidence } = await composeFor(park)
    const measures = text.split('\n\n')[3]!.split('\n')
    expect(measures[5]).toBe('（三）建成南岭经济技术开发区智慧安全应急管理平台')
    expect(measures.slice(6)).toEqual([lead, system, item])
    expect(evidence.untraced).toEqual([])
  })
})

describe('composeReport: a chemical park with results that lack before/after pairs (齐滨化工新材料产业园)', () => {
  const qibin = (facts: { label: string; value: number; unit: string; period?: string }[]) =>
    validPark({
      formatVersion: 1,
      kind: 'innovation-green',
      park: {
        name: '齐滨化工新材料产业园',
        province: '山东省',
        city: '齐滨市',
        county: '滨海区',
        leadIndustries: [
          { name: '化工新材料', subfields: ['高端聚烯烃', '特种工程塑料', '电子化学品'] },
          { name: '精细化工', subfields: [] },
          { name: '现代物流', subfields: [] },
        ],
        intro: '齐滨化工新材料产业园是省政府认定的化工园区，实际管理面积1980公顷，聚焦化工新材料、精细化工、现代物流三大主导产业，入驻化工企业93家。',
        filler: { name: '齐滨化工新材料产业园管理委员会', category: '政府/事业单位' },
        leader: { name: '', title: '', mobile: '', email: '' },
        contact: { name: '', title: '', mobile: '', email: '' },
      },
      practice: {
        focusIndustry: '化工新材料',
        title: '蒸汽梯级利用、封闭化管理、数字孪生安监，推动化工新材料产业绿色安全发展',
        problems: [
          { id: 'P1', text: '园区化工新材料企业蒸汽需求大，余热利用率低，能源利用效率不高。' },
          { id: 'P2', text: '危化品运输车辆进出频繁，园区封闭化管理水平不高，2023年危化品车辆违规停放问题发现127起。' },
          { id: 'P3', text: '园区重大危险源多，安全监管依靠人工巡查，风险底数不清。' },
        ],
        measures: [
          { id: 'M1', addresses: ['P1'], text: '建设园区蒸汽管网互联互通和余热梯级利用工程，推动6家聚烯烃企业之间实现蒸汽互供。' },
          { id: 'M2', addresses: ['P2'], text: '建成齐滨化工新材料产业园危化品车辆专用停车场，设置封闭化卡口9处，实行危化品车辆预约通行。' },
          { id: 'M3', addresses: ['P3'], text: '建设齐滨化工新材料产业园数字孪生安全监管平台，对重大危险源实施在线监测和分级预警。' },
        ],
        results: [
          { id: 'R1', from: ['M1'], text: '余热回收利用量明显增加，企业用能成本降低。' },
          { id: 'R2', from: ['M2'], text: '危化品车辆违规停放问题由127起降至9起。' },
          { id: 'R3', from: ['M3'], text: '实现重大危险源在线监测全覆盖。' },
        ],
      },
      indicators: {
        scale: { revenue: { '2025': 512.3, '2023': 438.9 }, leadIndustryRevenue: { '2025': 276.4 } },
        land: { managedAreaHa: 1980 },
        enterprises: { total: 312, highTech: 41 },
        green: { carbonPerEnergy: 2.72, greenFactories: 3, safetySystem: '落实园区安全风险评估，完成化工园区安全整治提升。' },
      },
      facts: [
        { label: '危化品车辆违规停放问题', value: 127, unit: '起', period: '2023' },
        { label: '危化品车辆违规停放问题', value: 9, unit: '起', period: '2025' },
        { label: '单位能耗碳排放', value: 2.95, unit: '吨/吨标准煤', period: '2023' },
        ...facts,
      ],
      entities: [
        { name: '齐滨化工新材料产业园', aliases: ['齐滨化工园'], type: 'park' },
        { name: '齐滨化工新材料产业园数字孪生安全监管平台', aliases: ['数字孪生平台'], type: 'platform' },
      ],
    })
  const rest = [
    '（二）危化品车辆违规停放问题大幅下降',
    '通过建成齐滨化工新材料产业园危化品车辆专用停车场，危化品车辆违规停放问题由127起降至9起，下降92.9%。',
    '（三）实现重大危险源在线监测全覆盖',
    '通过建设齐滨化工新材料产业园数字孪生安全监管平台，实现重大危险源在线监测全覆盖。【待补充：该项成效的量化数据和前后对比】',
  ]

  it.each([
    {
      // One fact of the result's subject: stated in place of the heading, which the body does not repeat.
      facts: [{ label: '余热回收利用量', value: 42, unit: '万吨蒸汽', period: '2025' }],
      lines: ['（一）余热回收利用量明显增加', '通过建设园区蒸汽管网互联互通和余热梯级利用工程，2025年余热回收利用量为42万吨蒸汽，企业用能成本降低。', ...rest],
    },
    {
      // A before/after series of it: the change and the figure derived.ts computes.
      facts: [
        { label: '余热回收利用量', value: 18, unit: '万吨蒸汽', period: '2023' },
        { label: '余热回收利用量', value: 42, unit: '万吨蒸汽', period: '2025' },
      ],
      lines: [
        '（一）余热回收利用量明显增加',
        '通过建设园区蒸汽管网互联互通和余热梯级利用工程，余热回收利用量由2023年的18万吨蒸汽提升至2025年的42万吨蒸汽，提升133.3%，企业用能成本降低。',
        ...rest,
      ],
    },
    {
      // No fact: the heading still is not the whole body; the placeholder asks for the figures.
      facts: [],
      lines: [
        '（一）余热回收利用量明显增加',
        '通过建设园区蒸汽管网互联互通和余热梯级利用工程，企业用能成本降低。【待补充：该项成效的量化数据和前后对比】',
        ...rest,
      ],
    },
  ])('$lines.1', async ({ facts, lines }) => {
    const park = qibin(facts)
    const { text, evidence } = await composeFor(park)
    const results = text.trimEnd().split('\n\n')[4]!.split('\n')
    expect(results.slice(2)).toEqual(lines)
    expect(evidence.untraced).toEqual([])
    const placeholders = check(text, park).filter((f) => f.rule === 'placeholder').map((f) => f.section)
    expect(placeholders).toEqual([...(facts.length ? [] : ['三、实践成效/（一）']), '三、实践成效/（三）'])
  })

  it('背景介绍: a row that names 园区 itself gets the park as its subject, not a second 园区', async () => {
    const { text } = await composeFor(qibin([]))
    expect(text).toContain('园区现有国家级绿色工厂3家。齐滨化工新材料产业园落实园区安全风险评估，完成化工园区安全整治提升。\n')
    expect(text).not.toContain('园区落实园区')
  })
})
