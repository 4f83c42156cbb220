import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizePolicyText } from '../../src/ingest/normalize.js'

const POLICIES = new URL('../../fixtures/policies/', import.meta.url)

describe('normalizePolicyText on snippets of the seeds', () => {
  it.each([
    {
      name: 'seed 002: stray spaces inside words and around numbers, a sentence broken over two lines',
      input:
        '建设高标准数字园区是促进园区高质量发展的关键举 措，是推动制造业数字化转型的重要抓手。为贯彻落实\n' +
        '《制造业数字化转型行动方案》（国办发〔2024〕25 号） 任务部署，加快打造一批高标准数字园区，引领带动各类 园区加快数字化转型步伐，制定本指南。',
      expected:
        '建设高标准数字园区是促进园区高质量发展的关键举措，是推动制造业数字化转型的重要抓手。为贯彻落实' +
        '《制造业数字化转型行动方案》（国办发〔2024〕25号）任务部署，加快打造一批高标准数字园区，引领带动各类园区加快数字化转型步伐，制定本指南。',
    },
    {
      name: 'seed 002: bookmarks removed, a heading stays a paragraph, "数 字化" joined',
      input:
        '[bookmark: 二、建设对象]二、建设对象\n' +
        '到 2027 年，建成 200 个左右高标准数字园区，实现园\n' +
        '区规上工业企业数字化改造全覆盖，园区管理、服务数字 化水平明显提升。',
      expected: '二、建设对象\n\n到2027年，建成200个左右高标准数字园区，实现园区规上工业企业数字化改造全覆盖，园区管理、服务数字化水平明显提升。',
    },
    {
      name: 'seed 002: a page number "(\\n1\\n)" in the middle of a sentence',
      input:
        '高标准数字园区依托国务院或省级（自治区、直辖市）\n\n (\n1\n)\n' +
        '人民政府（含新疆生产建设兵团）批准设立的、以制造业 和生产性服务业为主导产业的各类园区或园区内特色产业 园（即“园中园”）开展建设。\n' +
        '[bookmark: 三、建设标准]三、建设标准',
      expected:
        '高标准数字园区依托国务院或省级（自治区、直辖市）人民政府（含新疆生产建设兵团）批准设立的、以制造业和生产性服务业为主导产业的各类园区或园区内特色产业园（即“园中园”）开展建设。\n\n三、建设标准',
    },
    {
      name: 'seed 002: a run-in item with doubled bookmarks, cut by a page break after "积极"',
      input:
        '1. [bookmark: 1.打造企业数字化转型标杆。聚焦园区主导产业，依托制造业数字化转型通用评估指标体][bookmark: 1.打造企业数字化转型标杆。聚焦园区主导产业，依托制造业数字化转型通用评估指标体]打造企业数字化转型标杆。聚焦园区主导产业，依托\n' +
        '制造业数字化转型通用评估指标体系引导企业数字化改造， 建设制造业数字化转型促进中心等载体，深化新一代信息 技术全链条赋能应用，推动企业全要素生产率提升。积极\n' +
        '\n' +
        '开展“人工智能+制造”应用探索，支持企业开展智能工厂 梯度建设，推进工业机器人等智能制造装备规模化部署， 推动企业生产智能化跃升。\n' +
        '2. 开展链式数字化改造。支持龙头企业实施供应链协同',
      expected:
        '1.打造企业数字化转型标杆。聚焦园区主导产业，依托制造业数字化转型通用评估指标体系引导企业数字化改造，建设制造业数字化转型促进中心等载体，深化新一代信息技术全链条赋能应用，推动企业全要素生产率提升。积极开展“人工智能+制造”应用探索，支持企业开展智能工厂梯度建设，推进工业机器人等智能制造装备规模化部署，推动企业生产智能化跃升。\n\n' +
        '2.开展链式数字化改造。支持龙头企业实施供应链协同',
    },
    {
      name: 'seed 002: dash items each start a paragraph; "5G—A" and "100%" kept',
      input:
        '高标准数字园区建设期满后应达到以下标准：\n' +
        '——专业服务品质高。在生产、生活、政务等方面提供高质量的数字化公共服务，园区数字化生产性服务应用\n' +
        '覆盖规上工业企业比例达 100%。\n' +
        '——基础设施能级高。推动5G—A、万兆光网等网络基础设施建设。',
      expected:
        '高标准数字园区建设期满后应达到以下标准：\n\n' +
        '——专业服务品质高。在生产、生活、政务等方面提供高质量的数字化公共服务，园区数字化生产性服务应用覆盖规上工业企业比例达100%。\n\n' +
        '——基础设施能级高。推动5G—A、万兆光网等网络基础设施建设。',
    },
    {
      name: 'seed 004: a blank line between every wrapped line, title and headings kept apart',
      input:
        ' 工业园区高质量发展指引\n\n' +
        '工业园区是工业发展的重要载体，在推进新型工业化、发展\n\n' +
        '新质生产力中发挥重要作用。为贯彻落实党中央、国务院决策部\n\n' +
        '署，进一步引导工业园区提质增效升级，加快高质量发展，制定\n\n' +
        '本指引。\n\n' +
        '本指引所称工业园区是由省级人民政府及新疆生产建设兵\n\n' +
        '团批准设立，以制造业和相关生产性服务业为主体，具有明确四\n\n' +
        '至范围的实体型产业集聚区，原则上应列入《中国开发区审核公\n\n' +
        '告目录》。\n\n' +
        '二、发展导向\n\n' +
        '（一）做强特色优势产业\n\n' +
        '1. 明确园区产业定位。充分考虑本地资源环境禀赋和产业\n' +
        ' 基础，聚焦产业发展重点，编制园区产业发展规划。着力打造特\n\n' +
        '色突出、优势明显、效益显著的主导产业，避免低水平、同质化\n\n' +
        '竞争，原则上不宜超过 3个主导产业。\n',
      expected:
        '工业园区高质量发展指引\n\n' +
        '工业园区是工业发展的重要载体，在推进新型工业化、发展新质生产力中发挥重要作用。为贯彻落实党中央、国务院决策部署，进一步引导工业园区提质增效升级，加快高质量发展，制定本指引。\n\n' +
        '本指引所称工业园区是由省级人民政府及新疆生产建设兵团批准设立，以制造业和相关生产性服务业为主体，具有明确四至范围的实体型产业集聚区，原则上应列入《中国开发区审核公告目录》。\n\n' +
        '二、发展导向\n\n' +
        '（一）做强特色优势产业\n\n' +
        '1.明确园区产业定位。充分考虑本地资源环境禀赋和产业基础，聚焦产业发展重点，编制园区产业发展规划。着力打造特色突出、优势明显、效益显著的主导产业，避免低水平、同质化竞争，原则上不宜超过3个主导产业。',
    },
    {
      name: 'seed 004: "推进 5G、…、\\n\\nIPv6、" — no space next to Chinese, IPv6 intact',
      input:
        '11. 加强新型信息基础设施建设应用。推进 5G、千兆光网、\n\n' +
        'IPv6、移动物联网等园区网络基础设施部署，推动工业互联网进\n\n' +
        '园区。支持适度建设或有效利用数据存储与计算基础设施，加强\n\n' +
        '园区内算力资源统筹调度。鼓励有条件的园区打造人工智能、云\n\n' +
        '计算等新技术设施，提升开源操作系统应用水平，夯实园区数字\n' +
        ' 化智能化发展基础。\n',
      expected:
        '11.加强新型信息基础设施建设应用。推进5G、千兆光网、IPv6、移动物联网等园区网络基础设施部署，推动工业互联网进园区。支持适度建设或有效利用数据存储与计算基础设施，加强园区内算力资源统筹调度。鼓励有条件的园区打造人工智能、云计算等新技术设施，提升开源操作系统应用水平，夯实园区数字化智能化发展基础。',
    },
    {
      name: 'seed 000: footnote reference and body become an inline note',
      input: '\t工业园区名称[footnoteRef:0] [0:  规范填写工业园区全称。] \n\n\t亩均税收（万元/亩）[footnoteRef:3] [3:  亩均税收（万元/亩）=企业实缴税金/实际开发面积] ',
      expected: '工业园区名称（注：规范填写工业园区全称。）\n\n亩均税收（万元/亩）（注：亩均税收（万元/亩）=企业实缴税金/实际开发面积）',
    },
    {
      name: 'seed 003: half-width parentheses around Chinese numerals and half-width punctuation after Chinese',
      input:
        '(二) 各省级工业和信息化主管部门、通信管理局负责组织本地示范基地材料报送工作。\n\n' +
        '(六)请于2022年8月24日前报送《汇总表》和示范基地总结材料;8月31日前报送省(区、市)总结材料及示范基地优秀案例。\n\n' +
        '工业和信息化部规划司:李元\n\n' +
        '(三) 报送材料通过“国家新型工业化产业示范基地信息管理系统管理端”（网址为 <http://xxcyguanli.miit.gov.cn>）填报。',
      expected:
        '（二）各省级工业和信息化主管部门、通信管理局负责组织本地示范基地材料报送工作。\n\n' +
        '（六）请于2022年8月24日前报送《汇总表》和示范基地总结材料；8月31日前报送省（区、市）总结材料及示范基地优秀案例。\n\n' +
        '工业和信息化部规划司：李元\n\n' +
        '（三）报送材料通过“国家新型工业化产业示范基地信息管理系统管理端”（网址为http://xxcyguanli.miit.gov.cn）填报。',
    },
    {
      name: 'seed 003: <p> tags become paragraphs',
      input: '<p>未来发展计划</p> <p>(填写园区未来的发展计划、发展过程中的主要问题以及对未来发展的意见建议)</p>',
      expected: '未来发展计划\n\n（填写园区未来的发展计划、发展过程中的主要问题以及对未来发展的意见建议）',
    },
    {
      name: 'seed 003: a table row keeps its cells apart (tab-separated)',
      input: '示范基地名称\t\t\t\t批次\t\t\t\t\t\t\n主导产业\t\t\t\t主导产业主要细分领域 (按《国民经济行业分类》GB/T4754-2017 填写)',
      expected: '示范基地名称\t批次\n\n主导产业\t主导产业主要细分领域（按《国民经济行业分类》GB/T4754-2017填写）',
    },
  ])('$name', ({ input, expected }) => {
    expect(normalizePolicyText(input)).toBe(expected)
  })
})

describe('normalizePolicyText: characters and spaces', () => {
  it.each([
    { input: '２０２４年，ＡＩ赋能５Ｇ网络。', expected: '2024年，AI赋能5G网络。' },
    { input: '１．明确园区产业定位。', expected: '1.明确园区产业定位。' },
    { input: '推进 5G 网络和 IPv6 地址部署。', expected: '推进5G网络和IPv6地址部署。' },
    { input: '升级到 Windows 11 系统。', expected: '升级到Windows 11系统。' },
    { input: '(1) 加强组织领导。', expected: '（1）加强组织领导。' },
    { input: '工业互联网\u3000平台\u00A0建设。', expected: '工业互联网平台建设。' },
    { input: '\uFEFF一、总体要求', expected: '一、总体要求' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(normalizePolicyText(input)).toBe(expected)
  })
})

describe('normalizePolicyText: page numbers and running headers', () => {
  it.each(['- 3 -', '— 12 —', '第 2 页', '第2页 共10页', '2 / 10', '7', '-- 1 of 3 --'])(
    'drops the page-number line %j and joins the sentence it cut',
    (pageNumber) => {
      const input = `4.加强土地集约利用。探索长期租赁、先租后让、弹性年\n${pageNumber}\n期出让等方式优化园区土地供给。`
      expect(normalizePolicyText(input)).toBe('4.加强土地集约利用。探索长期租赁、先租后让、弹性年期出让等方式优化园区土地供给。')
    },
  )

  it('drops a header and a footer repeated on every page (pages separated by form feeds)', () => {
    const page = (n: number, body: string): string =>
      `工业和信息化部文件\n${body}\n园区报告助手测试 — 第${n}页`
    const input = [
      page(1, '一、总体要求\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党'),
      page(2, '的二十大和二十届二中、三中全会精神。\n二、发展导向'),
      page(3, '（一）做强特色优势产业\n1.明确园区产业定位。'),
    ].join('\f')
    expect(normalizePolicyText(input)).toBe(
      '一、总体要求\n\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神。\n\n二、发展导向\n\n（一）做强特色优势产业\n\n1.明确园区产业定位。',
    )
  })

  it('drops a short line repeated far apart in text without page breaks', () => {
    // A page of converted text has 20–30 lines; the rule needs at least 15 lines between the repetitions.
    const body = Array.from({ length: 40 }, (_, i) => `${i + 1}.第${i + 1}项任务的内容。`)
    const header = '内部资料 注意保存'
    const input = [header, ...body.slice(0, 20), header, ...body.slice(20), header].join('\n')
    const output = normalizePolicyText(input)
    expect(output).toBe(body.join('\n\n'))
  })
})

describe('normalizePolicyText on whole documents', () => {
  const files = readdirSync(POLICIES).filter((f) => f.endsWith('.txt'))
  it.each(files)('fixtures/policies/%s: artefacts gone and normalizing again changes nothing', (file) => {
    const once = normalizePolicyText(readFileSync(new URL(file, POLICIES), 'utf8'))
    expect(once).not.toMatch(/\[bookmark:|\[footnoteRef:|<\/?p>/)
    expect(once).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/)
    expect(normalizePolicyText(once)).toBe(once)
  })

  it('seed 004: 2 title/preamble paragraphs, headings on their own, 21 numbered items', () => {
    const text = normalizePolicyText(readFileSync(new URL('gongye-yuanqu-gaozhiliang-fazhan-zhiyin.txt', POLICIES), 'utf8'))
    const paragraphs = text.split('\n\n')
    expect(paragraphs.slice(0, 2)).toEqual([
      '工业园区高质量发展指引',
      '工业园区是工业发展的重要载体，在推进新型工业化、发展新质生产力中发挥重要作用。为贯彻落实党中央、国务院决策部署，进一步引导工业园区提质增效升级，加快高质量发展，制定本指引。',
    ])
    expect(paragraphs.filter((p) => /^\d+\./.test(p)).map((p) => Number(p.split('.')[0]))).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    )
    expect(paragraphs.filter((p) => /^（[一二三四五六七]）/.test(p))).toEqual([
      '（一）做强特色优势产业',
      '（二）完善园区空间治理',
      '（三）培优园区企业主体',
      '（四）提升产业科技创新能力',
      '（五）促进实数深度融合',
      '（六）推动绿色安全发展',
      '（七）提高开放合作水平',
    ])
  })
})
