import { describe, expect, it } from 'vitest'
import { itemMarkersOf } from '../../src/check/enumerations.js'
import { dropClauses } from '../../src/draft/compose-focus.js'
import { problemClause, tidyParkText } from '../../src/draft/prose.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { check, composeFor, validPark } from './helpers.js'
import { qingchuanBiopharma } from './parks.js'

/**
 * Defects found by drafting unseen parks (/tmp/unseen2): the composer copied another lead industry's mentions out of the
 * practice notes (minyang-equip), kept Word's hard line breaks and indents (ganchuan-furniture), nested a problem's own
 * 一是/二是 list inside its own (ganchuan-furniture), and dropped the subject and the year of a result clause it
 * shortened (jifeng-steel). Each is reproduced here on 青川高新技术产业开发区 (生物医药; other lead industry 医疗器械,
 * 细分领域 体外诊断试剂).
 */

const practice = qingchuanBiopharma.practice
const [m1, m2] = practice.measures as [ParkData['practice']['measures'][number], ParkData['practice']['measures'][number]]
const [r1, r2] = practice.results as [ParkData['practice']['results'][number], ParkData['practice']['results'][number]]

// The clause retrieved for the measure depends on its words; the lead names one of the guideline’s. The measure leads
// with its goal: its result (研发数据上云率 24.5% → 68.2%) is the largest change of the park’s two.
const lead1 = /^为破解研发数据分散、共享不足的问题、提高生物医药企业研发数据上云率，对照《工业园区高质量发展指引》“[^”]+”要求，园区/u

describe('composeReport: no clause the focus rule reports (全篇聚焦1个主导产业)', () => {
  const withMeasure = (text: string, facts: ParkData['facts'] = []) =>
    validPark({
      ...qingchuanBiopharma,
      practice: { ...practice, measures: [{ ...m1, text }, m2] },
      facts: [...qingchuanBiopharma.facts, ...facts],
    })
  const base = '建成青川高新技术产业开发区生物医药研发数据共享平台，汇聚化合物库、药效评价等研发数据，接入生物医药企业46家'

  it.each([
    {
      name: 'a passing mention of the other industry after ；, and its figure (a number of the note only)',
      text: `${base}；平台同时向园区医疗器械企业开放，12家体外诊断试剂企业已接入。`,
      facts: [],
      body: `${base}。`,
      errors: [],
    },
    {
      name: 'a figure of a fact about the other industry goes with its clause',
      text: `${base}，医疗器械企业同步接入18家。`,
      facts: [{ label: '接入研发数据共享平台的医疗器械企业', value: 18, unit: '家' }],
      body: `${base}。`,
      errors: [],
    },
    {
      name: 'the first clause of a sentence goes with its trailing ，',
      text: `${base}。医疗器械企业同步纳入，平台按季度更新化合物库。`,
      facts: [],
      body: `${base}。平台按季度更新化合物库。`,
      errors: [],
    },
    {
      name: 'a figure the evidence needs, about the platform, stays (the finding stays too)',
      text: `${base}，医疗器械企业共享检测数据2.6万条。`,
      facts: [{ label: '研发数据共享平台汇聚检测数据', value: 2.6, unit: '万条' }],
      body: `${base}，医疗器械企业共享检测数据2.6万条。`,
      errors: ['error focus 二、创新举措/（一）'],
    },
  ])('$name', async ({ text, facts, body, errors }) => {
    const park = withMeasure(text, facts)
    const { text: draft, evidence } = await composeFor(park)
    const measures = draft.split('\n\n')[3]!.split('\n')
    expect(measures[1]).toBe('（一）建成青川高新技术产业开发区生物医药研发数据共享平台')
    expect(measures[2]).toMatch(lead1)
    expect(measures[2]!.replace(lead1, '')).toBe(body)
    const focus = check(draft, park).filter((f) => f.rule === 'focus' && f.severity === 'error')
    expect(focus.map((f) => `${f.severity} ${f.rule} ${f.section}`)).toEqual(errors)
    expect(evidence.untraced).toEqual([])
  })
})

describe('dropClauses: a clause out with its own mark, the sentence well formed', () => {
  // The offsets flagged are those of the text between ⟨ and ⟩, which the table marks for reading.
  const marked = (text: string) => {
    const flagged: number[] = []
    let plain = ''
    for (const ch of text) {
      if (ch === '⟨') flagged.push(plain.length)
      else if (ch !== '⟩') plain += ch
    }
    return { plain, flagged }
  }
  it.each([
    ['a middle clause with its leading mark', '建成共享平台，⟨向医疗器械企业开放⟩，接入企业46家。', '建成共享平台，接入企业46家。'],
    ['a first clause with its trailing mark', '⟨医疗器械企业同步纳入⟩，平台按季度更新。', '平台按季度更新。'],
    ['a last clause with its leading mark, the 。 kept', '建成共享平台，接入企业46家，⟨医疗器械企业同步纳入⟩。', '建成共享平台，接入企业46家。'],
    ['after ；: the clause after it takes its place', '推动62家企业协同研制；⟨平台同时向园区航空零部件企业开放⟩，⟨14家航空配套企业已接入⟩。建成运维中心。', '推动62家企业协同研制。建成运维中心。'],
    ['a whole sentence', '建成共享平台，接入企业46家。⟨医疗器械企业同步接入⟩，⟨共享检测数据⟩。', '建成共享平台，接入企业46家。'],
    ['the only clause of a paragraph stays', '⟨医疗器械企业同步纳入⟩。', '医疗器械企业同步纳入。'],
    ['nor is a paragraph emptied', '⟨医疗器械企业同步纳入⟩，⟨体外诊断试剂企业接入⟩。', '医疗器械企业同步纳入，体外诊断试剂企业接入。'],
    ['a quotation is not cut in two', '建成平台，医疗器械企业推行“一企一码，⟨一品一档”管理，接入企业46家。', '建成平台，接入企业46家。'],
    ['a middle clause keeps the mark before it', '推动62家企业协同研制；⟨平台同时向园区航空零部件企业开放⟩，四川岷航精密零部件有限公司已接入。', '推动62家企业协同研制；四川岷航精密零部件有限公司已接入。'],
    ['the change the composer added after a clause goes with it', '建成平台，⟨医疗器械企业检测周期由10天缩短至4天⟩，缩短60%，接入企业46家。', '建成平台，接入企业46家。'],
  ])('%s', (_name, input, expected) => {
    const { plain, flagged } = marked(input)
    expect(dropClauses(plain, flagged)).toBe(expected)
  })

  it('a clause the caller keeps (a figure the evidence needs) stays', () => {
    const text = '建成共享平台，医疗器械企业共享检测数据2.6万条，接入企业46家。'
    expect(dropClauses(text, [text.indexOf('医疗器械')], (clause) => !/\d/.test(clause))).toBe(text)
  })
})

describe('tidyParkText: a text pasted from Word, as one paragraph', () => {
  it.each([
    ['以中小微企业为主，\n大部分企业自建喷漆房，废气收集效率低', '以中小微企业为主，大部分企业自建喷漆房，废气收集效率低'],
    ['以中小微企业为主，\r\n大部分企业自建喷漆房', '以中小微企业为主，大部分企业自建喷漆房'],
    [
      '推进木粉尘涉爆企业智能监管。\n　　一是建设监测预警系统。建成粉尘涉爆企业智能监测预警系统，\n在除尘器进出口安装压差、温度、火花探测等传感器。\n　　二是开展专项整治。',
      '推进木粉尘涉爆企业智能监管。一是建设监测预警系统。建成粉尘涉爆企业智能监测预警系统，在除尘器进出口安装压差、温度、火花探测等传感器。二是开展专项整治。',
    ],
    ['粉尘涉爆重大事故隐患由187项降至9项，\n2024年、2025年连续两年未发生粉尘爆炸事故。', '粉尘涉爆重大事故隐患由187项降至9项，2024年、2025年连续两年未发生粉尘爆炸事故。'],
    ['水性涂料使用比例由12.5%提升至58.0%，\n\n涉异味信访投诉由236件降至41件。', '水性涂料使用比例由12.5%提升至58.0%，涉异味信访投诉由236件降至41件。'],
    ['　　园区 建设 5G 网络，覆盖 重点企业 。', '园区建设5G网络，覆盖重点企业。'],
    // A heading line of the note without its stop: it ends its sentence before the first item.
    ['推动木材废料综合利用\n一是引进江西赣林生物质能源有限公司', '推动木材废料综合利用。一是引进江西赣林生物质能源有限公司'],
    ['部署 Windows 11 终端 320 台', '部署Windows 11终端320台'],
    ['建设“沸石转轮吸附浓缩+蓄热式焚烧（RTO）”工艺', '建设“沸石转轮吸附浓缩+蓄热式焚烧（RTO）”工艺'],
    ['3', '3'],
    ['', ''],
  ])('%j', (input, expected) => {
    expect(tidyParkText(input)).toBe(expected)
  })
})

describe('composeReport: every park text tidied once, as if it had been typed clean', () => {
  const clean = validPark({
    ...qingchuanBiopharma,
    indicators: { ...qingchuanBiopharma.indicators, digital: { ...qingchuanBiopharma.indicators!.digital, datasetDescription: '构建化合物活性、药效评价2个行业数据集，累计汇集研发数据1.8亿条。' } },
  })
  it.each([
    {
      where: 'park.intro',
      messy: (p: ParkData): ParkData => ({
        ...p,
        park: { ...p.park, intro: '青川高新技术产业开发区始建于2010年，\n2018年升级为省级高新技术产业开发区，已形成生物医药、医疗器械两大主导产业。\n　　园区先后获评省级生物医药特色产业基地。' },
      }),
    },
    {
      where: 'practice.problems',
      messy: (p: ParkData): ParkData => ({
        ...p,
        practice: {
          ...p.practice,
          problems: [
            { id: 'P1', text: '研发数据分散、共享不足：2023年园区生物医药企业研发数据上云率仅为24.5%，\n临床前研究数据难以共享复用。' },
            { id: 'P2', text: '　　质量追溯依赖纸质记录：药品生产批记录以纸质为主，质量偏差 调查耗时长。' },
          ],
        },
      }),
    },
    {
      where: 'practice.measures',
      messy: (p: ParkData): ParkData => ({
        ...p,
        practice: { ...p.practice, measures: [{ ...m1, text: m1.text.replace('汇聚', '\n汇聚') }, { ...m2, text: '推广电子批记录系统和药品追溯码，\r\n　　建设青川市药品质量追溯中心。' }] },
      }),
    },
    {
      where: 'practice.results',
      messy: (p: ParkData): ParkData => ({
        ...p,
        practice: { ...p.practice, results: [{ ...r1, text: '生物医药企业研发数据上云率由24.5%提升至68.2%。\n' }, { ...r2, text: '质量偏差调查周期明显缩短，\n药品追溯码实现全品种覆盖。' }] },
      }),
    },
    {
      where: 'indicators.digital.datasetDescription',
      messy: (p: ParkData): ParkData => ({
        ...p,
        indicators: { ...p.indicators, digital: { ...p.indicators!.digital, datasetDescription: '构建化合物活性、药效评价2个行业数据集，\n　　累计汇集研发数据1.8亿条。' } },
      }),
    },
  ])('$where', async ({ messy }) => {
    const expected = (await composeFor(clean)).text
    const { text } = await composeFor(validPark(messy(clean)))
    expect(text).toBe(expected)
  })
})

describe('problemClause: a problem with its own 一是/二是 inside the composer’s list', () => {
  it.each([
    {
      name: 'three items: joined by ；, without markers',
      text:
        '木粉尘涉爆安全隐患突出。一是企业数量多、分布散，园区涉木粉尘企业1326家，多数为租用标准厂房的小微企业；二是除尘系统不规范，部分企业仍使用正压吹送、布袋除尘器未设泄爆装置；三是监管力量不足，园区安监人员仅14人，2023年检查发现粉尘涉爆重大事故隐患187项。',
      clause:
        '木粉尘涉爆安全隐患突出，企业数量多、分布散，园区涉木粉尘企业1326家，多数为租用标准厂房的小微企业；除尘系统不规范，部分企业仍使用正压吹送、布袋除尘器未设泄爆装置；监管力量不足，园区安监人员仅14人，2023年检查发现粉尘涉爆重大事故隐患187项',
    },
    {
      name: 'two items: 一方面/另一方面',
      text: '危化品储运风险点多：一是园区危化品仓储企业23家，分布在三个片区；二是运输车辆进出频繁，2023年危化品车辆违规停放127起。',
      clause: '危化品储运风险点多，一方面园区危化品仓储企业23家，分布在三个片区；另一方面运输车辆进出频繁，2023年危化品车辆违规停放127起',
    },
    {
      name: 'items after commas',
      text: '研发数据共享不足，一是数据标准不统一，二是企业担心数据泄露，三是缺少公共算力。',
      clause: '研发数据共享不足，数据标准不统一；企业担心数据泄露；缺少公共算力',
    },
    {
      name: 'no list of its own: as before (；→，)',
      text: '能源结构偏煤、碳排放强度偏高：2023年园区煤炭消费占比61.2%；单位能耗碳排放2.46吨/吨标准煤。',
      clause: '能源结构偏煤、碳排放强度偏高，2023年园区煤炭消费占比61.2%，单位能耗碳排放2.46吨/吨标准煤',
    },
    {
      name: '统一是 is prose, not a marker',
      text: '标准不统一是主要障碍，企业各自建设系统。',
      clause: '标准不统一是主要障碍，企业各自建设系统',
    },
  ])('$name', ({ text, clause }) => {
    expect(problemClause(text, { inList: true })).toBe(clause)
    expect(itemMarkersOf(clause)).toEqual([])
  })

  it('a problem alone (no list around it) keeps its own markers', () => {
    expect(problemClause('研发数据共享不足，一是数据标准不统一，二是企业担心数据泄露。')).toBe('研发数据共享不足，一是数据标准不统一，二是企业担心数据泄露')
  })

  it('in the report: the only 一是/二是/三是 of 背景介绍 are the composer’s', async () => {
    const park = validPark({
      ...qingchuanBiopharma,
      practice: {
        ...practice,
        problems: [
          practice.problems[0]!,
          { id: 'P2', text: '质量追溯依赖纸质记录。一是药品生产批记录以纸质为主；二是质量偏差调查平均耗时12天；三是追溯码覆盖率仅为35%。' },
        ],
      },
    })
    const { text } = await composeFor(park)
    const problems = text.split('\n\n')[2]!.split('\n')[2]!
    expect(problems).toBe(
      '生物医药产业在实数深度融合方面仍面临两方面突出问题：一是研发数据分散、共享不足，2023年园区生物医药企业研发数据上云率仅为24.5%，临床前研究数据难以共享复用；' +
        '二是质量追溯依赖纸质记录，药品生产批记录以纸质为主；质量偏差调查平均耗时12天；追溯码覆盖率仅为35%。' +
        '破解上述问题，既是生物医药产业提升核心竞争力的迫切需要，也是落实《工业园区高质量发展指引》“促进实数深度融合”要求的具体行动。',
    )
    expect(itemMarkersOf(problems).map((m) => m.ordinal)).toEqual([1, 2])
  })
})

describe('composeReport: a result clause shortened under its heading keeps its subject and its period', () => {
  const withResult = (text: string) => validPark({ ...qingchuanBiopharma, practice: { ...practice, results: [r1, { ...r2, text }] } })
  it.each([
    {
      text: '两家生物医药企业均通过药品生产质量管理规范符合性检查，数据可靠性评为A级；批记录电子化率达到100%。',
      lines: ['（二）两家生物医药企业均通过药品生产质量管理规范符合性检查', '通过推广电子批记录系统和药品追溯码，两家生物医药企业数据可靠性评为A级；批记录电子化率达到100%。'],
    },
    {
      text: '2025年未发生药品质量安全事故，质量偏差降至3起，批记录电子化率达到100%。',
      lines: ['（二）未发生药品质量安全事故', '通过推广电子批记录系统和药品追溯码，2025年质量偏差降至3起，批记录电子化率达到100%。'],
    },
    {
      text: '2025年，两家生物医药企业均未发生药品质量安全事故，质量偏差降至3起。',
      lines: ['（二）两家生物医药企业均未发生药品质量安全事故', '通过推广电子批记录系统和药品追溯码，2025年，两家生物医药企业质量偏差降至3起。'],
    },
    {
      // The clause after the heading has a subject of its own.
      text: '园区生物医药企业均完成数据治理，企业研发周期缩短至14个月。',
      lines: ['（二）园区生物医药企业均完成数据治理', '通过推广电子批记录系统和药品追溯码，企业研发周期缩短至14个月。'],
    },
    {
      // A clause that states its own year keeps it.
      text: '2024年实现药品追溯码全品种覆盖，2025年质量偏差降至3起。',
      lines: ['（二）实现药品追溯码全品种覆盖', '通过推广电子批记录系统和药品追溯码，2025年质量偏差降至3起。'],
    },
  ])('$text', async ({ text, lines }) => {
    const { text: draft } = await composeFor(withResult(text))
    const results = draft.trimEnd().split('\n\n')[4]!.split('\n')
    expect(results.slice(4)).toEqual(lines)
  })
})
