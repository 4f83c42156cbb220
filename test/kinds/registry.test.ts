import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { UserError } from '../../src/errors.js'
import { indicatorRows, KindSpecSchema, scopeFromLabel, sectionHeadingLine } from '../../src/kinds/kind-spec.js'
import { getKind, KIND_IDS, listKinds } from '../../src/kinds/registry.js'

const ALL = ['innovation-digital', 'innovation-green', 'base-annual-report', 'base-excellent-case'] as const
const INNOVATION = ['innovation-digital', 'innovation-green'] as const

describe('built-in kinds', () => {
  it('loads the four spec files, in display order', () => {
    expect(KIND_IDS).toEqual(ALL)
    expect(listKinds().map((k) => k.id)).toEqual(ALL)
  })

  it.each(ALL)('%s is a valid KindSpec after resolution', (id) => {
    const spec = getKind(id)
    expect(KindSpecSchema.safeParse(spec).success).toBe(true)
    // Nothing of the source machinery survives resolution.
    expect(JSON.stringify(spec)).not.toMatch(/\$ref|\$defs|\$comment|\$abstract|"extends"|\{year\}|\{dataYear|\{category\}/)
  })

  it('has a JSON Schema for spec authors (convention: z.toJSONSchema)', () => {
    const schema = z.toJSONSchema(KindSpecSchema, { io: 'input' }) as { properties: Record<string, unknown> }
    expect(Object.keys(schema.properties)).toContain('indicatorBlock')
  })

  it('names the kinds in Chinese', () => {
    expect(listKinds().map((k) => [k.id, k.name, k.category])).toEqual([
      ['innovation-digital', '2026年工业园区高质量发展创新实践经验总结材料（促进实数深度融合类）', '促进实数深度融合类'],
      ['innovation-green', '2026年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）', '推动绿色安全发展类'],
      ['base-annual-report', '示范基地2025年发展情况报告', '年度发展情况报告'],
      ['base-excellent-case', '示范基地优秀案例推荐', '优秀案例推荐'],
    ])
  })
})

describe('getKind', () => {
  it('throws a UserError listing the valid kinds for an unknown id', () => {
    let error: unknown
    try {
      getKind('innovation-open')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect(error).toMatchObject({
      code: 'unknown_kind',
      status: 400,
      message:
        '未知的报告类型“innovation-open”。可选的报告类型：innovation-digital、innovation-green、base-annual-report、base-excellent-case。',
    })
  })

  it('returns the same object on repeated calls (validated once)', () => {
    expect(getKind('innovation-green')).toBe(getKind('innovation-green'))
  })
})

describe('sections', () => {
  it.each([
    ['innovation-digital', ['一、背景介绍', '二、创新举措', '三、实践成效']],
    ['innovation-green', ['一、背景介绍', '二、创新举措', '三、实践成效']],
    ['base-annual-report', ['一、示范基地发展概述', '二、发展亮点和成效', '三、示范性做法和经验', '四、存在的问题及建议']],
    ['base-excellent-case', ['一、背景情况', '二、主要做法', '三、取得成效']],
  ])('%s has the level-1 sections %j in order', (id, headings) => {
    expect(getKind(id).sections.map(sectionHeadingLine)).toEqual(headings)
  })

  it.each([
    ['innovation-digital', ['background', 'measures', 'results']],
    ['base-annual-report', ['overview', 'highlights', 'practices', 'problems']],
    ['base-excellent-case', ['background', 'practices', 'results']],
  ])('%s section roles are %j', (id, roles) => {
    expect(getKind(id).sections.map((s) => s.role)).toEqual(roles)
  })

  it('innovation kinds need 【摘要】, base kinds do not', () => {
    expect(getKind('innovation-digital').abstract).toEqual({
      required: true,
      label: '【摘要】',
      guidance: '概述全篇创新实践报告的核心内容，要求言简意赅、重点突出。',
    })
    expect(getKind('base-annual-report').abstract).toEqual({ required: false })
  })

  it('base-annual-report carries the 003 附件2 length guidance: 概述约300字, 亮点/做法 3–5 个每个约200字, 领句+具体内容', () => {
    const [overview, highlights, practices, problems] = getKind('base-annual-report').sections
    expect(overview?.lengthGuidance).toEqual({ target: 300, basis: 'template' })
    expect(highlights?.lengthGuidance).toEqual({ perItem: { target: 200, minItems: 3, maxItems: 5 }, basis: 'template' })
    expect(practices?.lengthGuidance).toEqual({ perItem: { target: 200, minItems: 3, maxItems: 5 }, basis: 'template' })
    expect([highlights?.itemStyle, practices?.itemStyle]).toEqual(['领句+具体内容', '领句+具体内容'])
    expect(problems?.guidanceBasis).toBe('derived')
  })

  it('base-excellent-case matches its part headings loosely', () => {
    const spec = getKind('base-excellent-case')
    expect(spec.sectionMatching).toEqual({ mode: 'loose', implicitAllowed: true })
    expect(spec.sections.map((s) => s.headingAliases.includes(`第${['一', '二', '三'][spec.sections.indexOf(s)]}部分`))).toEqual([
      true,
      true,
      true,
    ])
    expect(spec.sections[1]).toMatchObject({
      guidance: '从3-5方面介绍有关做法和举措',
      itemMarkers: ['一是', '（一）'],
      lengthGuidance: { perItem: { minItems: 3, maxItems: 5 } },
    })
    expect(spec.directionReference?.focusCount).toEqual({ min: 1, max: 2 })
  })

  it('the innovation background section guidance is the kind’s own backgroundGuidance text ($ref)', () => {
    for (const id of INNOVATION) {
      const spec = getKind(id)
      expect(spec.sections[0]?.guidance).toBe(spec.backgroundGuidance?.text)
    }
    expect(getKind('innovation-green').sections[0]?.guidance).toMatch(/^本部分旨在阐明创新实践的提出背景，应客观分析某一主导产业的绿色安全发展基础/)
  })
})

describe('limits, format and rules', () => {
  it.each(INNOVATION)('%s: 3000 字, hard', (id) => {
    expect(getKind(id).limits).toMatchObject({ totalZishu: 3000, hard: true, basis: 'template' })
  })

  it.each([
    ['base-annual-report', 2800],
    ['base-excellent-case', 2000],
  ])('%s: derived guidance of %i 字, not a hard limit', (id, total) => {
    expect(getKind(id).limits).toMatchObject({ totalZishu: total, hard: false, basis: 'derived' })
  })

  it.each(ALL)('%s heading levels: 一、黑体 （一）楷体_GB2312 1.仿宋_GB2312 （1）仿宋_GB2312', (id) => {
    expect(getKind(id).headingLevels.map((h) => [h.level, h.marker, h.font])).toEqual([
      [1, '一、', '黑体'],
      [2, '（一）', '楷体_GB2312'],
      [3, '1.', '仿宋_GB2312'],
      [4, '（1）', '仿宋_GB2312'],
    ])
  })

  it.each(INNOVATION)('%s typography: 仿宋_GB2312 小四 固定值22磅 无段间距', (id) => {
    expect(getKind(id).typography).toEqual({
      bodyFont: '仿宋_GB2312',
      sizePt: 12,
      sizeName: '小四',
      lineSpacingPt: 22,
      lineRule: 'exact',
      spaceBeforePt: 0,
      spaceAfterPt: 0,
      firstLineIndentChars: 2,
      latinFont: 'Times New Roman',
      derivedFields: ['firstLineIndentChars', 'latinFont'],
    })
  })

  it('base kinds mark their whole format as derived (003 states none)', () => {
    expect(getKind('base-annual-report').typography.derivedFields).toContain('headingLevels')
    expect(getKind('base-annual-report').typography.derivedFields).toContain('bodyFont')
  })

  it.each(INNOVATION)('%s rules', (id) => {
    expect(getKind(id).rules).toEqual({
      focusIndustryCount: 1,
      maxLeadIndustries: 3,
      logic: '问题导向—解决路径—实践成效',
      properNouns: 'full-official-name',
      quantified: true,
      beforeAfter: true,
    })
  })
})

describe('direction reference and background guidance', () => {
  it.each([
    [
      'innovation-digital',
      '《工业园区高质量发展指引》二（五）',
      [
        ['加强新型信息基础设施建设应用', ['《工业园区高质量发展指引》二（五）11']],
        ['提高园区数字化服务能力', ['《工业园区高质量发展指引》二（五）12']],
        ['推动企业数字化转型升级', ['《工业园区高质量发展指引》二（五）13']],
      ],
    ],
    [
      'innovation-green',
      '《工业园区高质量发展指引》二（六）',
      [
        ['加快园区绿色设施建设', ['《工业园区高质量发展指引》二（六）14']],
        ['鼓励企业绿色低碳发展', ['《工业园区高质量发展指引》二（六）15']],
        ['强化园区生产安全保障', ['《工业园区高质量发展指引》二（六）16']],
      ],
    ],
  ])('%s sub-directions come from %s', (id, clause, subs) => {
    const ref = getKind(id).directionReference
    expect(ref?.direction?.clause).toBe(clause)
    expect(ref?.clauseRelation).toBe('source')
    expect(ref?.subDirections.map((s) => [s.name, s.clauses])).toEqual(subs)
    for (const s of ref?.subDirections ?? []) expect(ref?.text).toContain(s.name)
  })

  it.each(INNOVATION)('%s background guidance = intro + 一是/二是/三是 parts', (id) => {
    const g = getKind(id).backgroundGuidance
    expect(g?.parts.map((p) => p.marker)).toEqual(['一是', '二是', '三是'])
    expect(`${g?.intro}${g?.parts.map((p) => `${p.marker}${p.text}`).join('；')}。`).toBe(g?.text)
  })

  it('the 填写要求 方向参考 item is the kind’s direction text', () => {
    const requirement = getKind('innovation-green').form?.overview.requirements[2]
    expect(requirement).toEqual({
      label: '方向参考',
      text: '推动绿色安全发展，重点包括加快园区绿色设施建设、鼓励企业绿色低碳发展、强化园区生产安全保障等细分内容。',
    })
  })
})

describe('indicator block', () => {
  const labels = (id: string) => indicatorRows(getKind(id)).map((r) => r.indicator.label)
  const shared = [
    '营业收入（亿元）',
    '主导产业营业收入（亿元）',
    '园区全口径增加值占所在城市地区生产总值比重（%）',
    '利润总额（亿元）',
    '亩均税收（万元/亩）',
    '实际管理面积（公顷）',
    '实际开发面积（公顷）',
    '工业用地综合容积率',
    '全部企业数量（个）',
    '2025年新注册且有实际经营活动的企业数量（个）',
    '上市企业数量（个）',
    '独角兽企业数量（个）',
    '国家高新技术企业数量（个）',
    '国家级制造业单项冠军企业数量（个）',
    '国家级专精特新“小巨人”企业数量（个）',
    '省级专精特新企业数量（个）',
  ]

  it('innovation-green has exactly the template rows, in order', () => {
    expect(getKind('innovation-green').indicatorBlock?.groups.map((g) => g.label)).toEqual([
      '整体规模情况',
      '土地利用情况',
      '企业培育情况',
      '绿色安全情况',
    ])
    expect(labels('innovation-green')).toEqual([
      ...shared,
      '单位能耗碳排放（吨/吨标准煤）',
      '工业固体废弃物综合利用率（%）',
      '规模以上工业单位增加值水耗（立方米/万元）',
      '国家级绿色工厂数量（个）',
      '国家级绿色供应链管理企业（个）',
      '是否获得国家级绿色工业园区称号',
      '是否获得零碳园区称号',
      '安全生产体系建设情况',
      '安全科技支撑情况',
    ])
  })

  it('innovation-digital has exactly the template rows, in order', () => {
    expect(labels('innovation-digital')).toEqual([
      ...shared,
      '双千兆网络覆盖率（%）',
      '园区数字化生产性服务应用覆盖规上工业企业比例（%）',
      '规模以上工业企业数字化改造率（%）',
      '园区管理服务数智化建设投资额占园区可支配财力比例（%）',
      '数字化管理服务平台建设运行情况',
      '高质量数据集构建情况',
    ])
  })

  it('innovation-green keys, units and value types', () => {
    const green = getKind('innovation-green').indicatorBlock?.groups[3]
    expect(green?.indicators.map((i) => [i.key, i.unit, i.valueType])).toEqual([
      ['green.carbonPerEnergy', '吨/吨标准煤', 'number'],
      ['green.solidWasteUtilization', '%', 'percent'],
      ['green.waterPerValueAdded', '立方米/万元', 'number'],
      ['green.greenFactories', '个', 'number'],
      ['green.greenSupplyChain', '个', 'number'],
      ['green.greenParkTitle', undefined, 'boolean'],
      ['green.zeroCarbonTitle', undefined, 'boolean'],
      ['green.safetySystem', undefined, 'text'],
      ['green.safetyTech', undefined, 'text'],
    ])
  })

  it('the 主导产业口径 rule: a label mentioning 主导产业 is 主导产业口径, all others 全口径', () => {
    for (const id of ALL) {
      for (const { indicator } of indicatorRows(getKind(id))) {
        expect([id, indicator.label, indicator.scope]).toEqual([id, indicator.label, scopeFromLabel(indicator.label)])
      }
    }
    const scopes = Object.fromEntries(indicatorRows(getKind('innovation-digital')).map((r) => [r.indicator.label, r.indicator.scope]))
    expect(scopes['主导产业营业收入（亿元）']).toBe('主导产业口径')
    expect(scopes['营业收入（亿元）']).toBe('全口径')
    expect(scopes['园区全口径增加值占所在城市地区生产总值比重（%）']).toBe('全口径')
    expect(indicatorRows(getKind('innovation-green')).filter((r) => r.indicator.scope === '主导产业口径').map((r) => r.indicator.key)).toEqual([
      'scale.leadIndustryRevenue',
    ])
  })

  it('innovation periods: three years for 整体规模, 截至 year end for land and enterprises, one year for 新注册', () => {
    const byKey = Object.fromEntries(indicatorRows(getKind('innovation-digital')).map((r) => [r.indicator.key, r.indicator]))
    expect(byKey['scale.revenue']?.years).toEqual(['2025', '2024', '2023'])
    expect(byKey['land.managedAreaHa']).toMatchObject({ asOf: '2025-12-31' })
    expect(byKey['land.managedAreaHa']?.years).toBeUndefined()
    expect(byKey['enterprises.newRegistered']).toMatchObject({ years: ['2025'] })
    expect(byKey['enterprises.newRegistered']?.asOf).toBeUndefined()
    expect(byKey['digital.platformDescription']).toMatchObject({ asOf: '2025-12-31', valueType: 'text' })
    expect(getKind('innovation-digital').indicatorBlock?.groups[2]?.note).toBe('（截至2025年12月31日、2025年）')
  })

  it('footnote formulas are kept verbatim', () => {
    const byKey = Object.fromEntries(indicatorRows(getKind('innovation-green')).map((r) => [r.indicator.key, r.indicator]))
    expect(byKey['scale.taxPerMu']?.footnote).toBe('亩均税收（万元/亩）=企业实缴税金/实际开发面积')
    expect(byKey['green.carbonPerEnergy']?.footnote).toBe('单位能耗碳排放（吨/吨标准煤）=园区碳排放量/综合能源消费量')
  })

  it('base kinds: years follow dataYear — dataYear 2021 gives the 003 附件1 columns 2021/2020/2019', () => {
    const edition2022 = getKind('base-annual-report', { dataYear: 2021 })
    expect(edition2022).toMatchObject({ year: 2022, dataYear: 2021, name: '示范基地2021年发展情况报告' })
    expect(edition2022.title.template).toBe('XX示范基地2021年发展情况报告')
    const revenue = indicatorRows(edition2022)[0]?.indicator
    expect(revenue).toMatchObject({ code: '1.1', label: '销售收入', unit: '亿元', years: ['2021', '2020', '2019'], yoyYears: ['2021', '2020'] })
    const current = indicatorRows(getKind('base-annual-report'))[0]?.indicator
    expect(current?.years).toEqual(['2025', '2024', '2023'])
    expect(getKind('base-annual-report', { dataYear: 2021 })).toBe(edition2022)
  })

  it('innovation kinds re-targeted to another data year shift labels and notes too', () => {
    const next = getKind('innovation-green', { dataYear: 2026 })
    expect(next.year).toBe(2027)
    expect(next.name).toBe('2027年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）')
    expect(indicatorRows(next).map((r) => r.indicator.label)).toContain('2026年新注册且有实际经营活动的企业数量（个）')
    expect(next.indicatorBlock?.groups[0]?.years).toEqual(['2026', '2025', '2024'])
  })
})

describe('form', () => {
  it('innovation cover, 填写说明 and 承诺声明', () => {
    const form = getKind('innovation-digital').form
    expect(form?.cover.titleLines).toEqual(['2026年工业园区高质量发展创新实践', '经验总结材料', '（促进实数深度融合类）'])
    expect(form?.cover.fields.map((f) => `${f.label}${f.suffix ?? ''}`)).toEqual([
      '创新实践名称',
      '工业园区名称',
      '填写单位名称（加盖单位公章）',
      '填写日期',
    ])
    expect(form?.instructions.items).toHaveLength(2)
    expect(form?.pledge.text).toBe(
      '本单位自愿参与2026年工业园区高质量发展创新实践活动，提供的全部资料完整、真实、准确，无弄虚作假行为，所有内容确保可公开发布，不包含涉密或不宜公开的信息。',
    )
    expect(form?.overview.title).toBe('二、促进实数深度融合类创新实践概述')
    expect(getKind('innovation-green').form?.overview.title).toBe('二、推动绿色安全发展类创新实践概述')
  })

  it('一、基本信息 labels and per-template footnotes', () => {
    expect(getKind('innovation-digital').form?.basicInfo.fields.map((f) => f.label)).toEqual([
      '工业园区名称',
      '主导产业及细分领域',
      '所在地区',
      '填写单位',
      '负责人信息',
      '联系人信息',
      '工业园区简介',
    ])
    expect(getKind('innovation-digital').form?.basicInfo.footnotes['park-name']).toBe('规范填写工业园区全称。')
    expect(getKind('innovation-green').form?.basicInfo.footnotes['park-name']).toBe('规范填写工业园区全称')
  })

  it('二、概述: the 创新实践名称 guidance is the kind’s title guidance', () => {
    const spec = getKind('innovation-green')
    expect(spec.form?.overview.fields.map((f) => [f.label, f.guidance])).toEqual([
      ['创新实践聚焦主导产业', '仅选择1个主导产业填写。'],
      ['创新实践名称', '突出所选择的主导产业、创新实践方向和特色亮点，示例：《平台赋能助力能效提升，光伏领航推动绿色转型》。'],
      ['创新实践经验总结报告', undefined],
    ])
    expect(spec.form?.overview.requirements.map((r) => r.label)).toEqual(['基本要求', '聚焦产业', '方向参考', '内容逻辑', '报告格式'])
  })

  it('base kinds have no Word form', () => {
    expect(getKind('base-annual-report').form).toBeUndefined()
    expect(getKind('base-annual-report').indicatorBlock?.embedded).toBe(false)
    expect(getKind('innovation-green').indicatorBlock?.embedded).toBe(true)
  })
})
