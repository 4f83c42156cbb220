import type { ParkData } from '../../src/park/park-schema.js'
import { validPark } from './helpers.js'

/**
 * A park unlike the fixtures, made up for the composer's tests: another province, industry and set of names, two
 * problems, and one result (R2) that states no figure and has no fact behind it.
 */
export const qingchuanBiopharma: ParkData = validPark({
  formatVersion: 1,
  kind: 'innovation-digital',
  park: {
    name: '青川高新技术产业开发区',
    province: '四川省',
    city: '青川市',
    county: '川北区',
    leadIndustries: [
      { name: '生物医药', subfields: ['化学制剂', '生物制品'] },
      { name: '医疗器械', subfields: ['体外诊断试剂'] },
    ],
    intro: '青川高新技术产业开发区始建于2010年，2018年升级为省级高新技术产业开发区，已形成生物医药、医疗器械两大主导产业。园区先后获评省级生物医药特色产业基地。',
    filler: { name: '青川高新技术产业开发区管理委员会', category: '政府/事业单位' },
    leader: { name: '', title: '', mobile: '', email: '' },
    contact: { name: '', title: '', mobile: '', email: '' },
  },
  practice: {
    focusIndustry: '生物医药',
    title: '研发数据上云、质量追溯上链，推动生物医药产业数智升级',
    problems: [
      { id: 'P1', text: '研发数据分散、共享不足：2023年园区生物医药企业研发数据上云率仅为24.5%，临床前研究数据难以共享复用。' },
      { id: 'P2', text: '质量追溯依赖纸质记录：药品生产批记录以纸质为主，质量偏差调查耗时长。' },
    ],
    measures: [
      {
        id: 'M1',
        addresses: ['P1'],
        text: '建成青川高新技术产业开发区生物医药研发数据共享平台，汇聚化合物库、药效评价等研发数据，接入生物医药企业46家。',
      },
      { id: 'M2', addresses: ['P2'], text: '推广电子批记录系统和药品追溯码，建设青川市药品质量追溯中心。' },
    ],
    results: [
      { id: 'R1', from: ['M1'], text: '生物医药企业研发数据上云率由24.5%提升至68.2%。' },
      { id: 'R2', from: ['M2'], text: '质量偏差调查周期明显缩短，药品追溯码实现全品种覆盖。' },
    ],
  },
  indicators: {
    scale: {
      revenue: { '2025': 312.5, '2024': 280.1, '2023': 251.7 },
      leadIndustryRevenue: { '2025': 198.6, '2024': 176.3, '2023': 150.2 },
    },
    enterprises: { total: 420, highTech: 88, littleGiant: 4, listed: 3 },
    digital: { dualGigabitCoverage: 92.3, digitalTransformationRate: 61.5 },
  },
  facts: [
    { label: '生物医药企业研发数据上云率', value: 24.5, unit: '%', period: '2023' },
    { label: '生物医药企业研发数据上云率', value: 68.2, unit: '%', period: '2025' },
    { label: '研发数据共享平台接入企业', value: 46, unit: '家' },
  ],
  entities: [
    { name: '青川高新技术产业开发区', aliases: ['青川高新区'], type: 'park' },
    { name: '青川高新技术产业开发区生物医药研发数据共享平台', aliases: ['研发数据共享平台'], type: 'platform' },
    { name: '青川市药品质量追溯中心', aliases: ['追溯中心'], type: 'platform' },
  ],
})

/** The same park with what a first draft of the data often lacks: no problems, no results, no indicators. */
export const qingchuanBare: ParkData = validPark({
  ...qingchuanBiopharma,
  practice: {
    ...qingchuanBiopharma.practice,
    problems: [],
    measures: qingchuanBiopharma.practice.measures.map((m) => ({ ...m, addresses: [] })),
    results: [],
  },
  indicators: undefined,
  facts: [],
})
