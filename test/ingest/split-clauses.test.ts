import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ClauseSchema } from '../../src/ingest/clause.js'
import { normalizePolicyText } from '../../src/ingest/normalize.js'
import { matchMarker } from '../../src/ingest/numbering.js'
import { cutAtSentences, MAX_CLAUSE_CHARS, splitClauses } from '../../src/ingest/split-clauses.js'

const POLICIES = new URL('../../fixtures/policies/', import.meta.url)
const load = (file: string): string => normalizePolicyText(readFileSync(new URL(file, POLICIES), 'utf8'))

describe('splitClauses on seed 004 工业园区高质量发展指引', () => {
  const title = '工业园区高质量发展指引'
  const clauses = splitClauses({ id: 'zhiyin', title, text: load('gongye-yuanqu-gaozhiliang-fazhan-zhiyin.txt') })

  it('has the preamble, 一、总体要求 and the 21 numbered clauses, in document order', () => {
    const groups: Array<[string, number[]]> = [
      ['二（一）', [1, 2, 3]],
      ['二（二）', [4, 5]],
      ['二（三）', [6, 7, 8]],
      ['二（四）', [9, 10]],
      ['二（五）', [11, 12, 13]],
      ['二（六）', [14, 15, 16]],
      ['二（七）', [17, 18, 19]],
      ['三', [20, 21]],
    ]
    expect(clauses).toHaveLength(23)
    expect(clauses.map((c) => c.path)).toEqual([
      `《${title}》序言`,
      `《${title}》一`,
      ...groups.flatMap(([prefix, items]) => items.map((n) => `《${title}》${prefix}${n}`)),
    ])
  })

  it('gives each clause id, numbers, heading, group context and text', () => {
    expect(clauses.find((c) => c.path === `《${title}》二（五）11`)).toEqual({
      id: 'zhiyin#13',
      docId: 'zhiyin',
      source: title,
      path: `《${title}》二（五）11`,
      numbers: ['二', '（五）', '11'],
      heading: '加强新型信息基础设施建设应用',
      context: ['发展导向', '促进实数深度融合'],
      text: '加强新型信息基础设施建设应用。推进5G、千兆光网、IPv6、移动物联网等园区网络基础设施部署，推动工业互联网进园区。支持适度建设或有效利用数据存储与计算基础设施，加强园区内算力资源统筹调度。鼓励有条件的园区打造人工智能、云计算等新技术设施，提升开源操作系统应用水平，夯实园区数字化智能化发展基础。',
    })
  })

  it('keeps the paragraphs of one item together (item 2 has two)', () => {
    expect(clauses.find((c) => c.path === `《${title}》二（一）2`)?.text).toBe(
      '强化产业链式集聚。梳理企业、技术、产品强项与短板，精准识别园区产业链供应链的优势和薄弱环节，采取链式招商、产学研联合、生态协作等多种方式推动产业链上下游集聚发展。\n建立“链长制”等针对性工作体系，促进上下游企业强化产业协同与创新发展。',
    )
  })

  it('makes the preamble (both paragraphs) and 一、总体要求 (heading line first) clauses', () => {
    const [preamble, general] = clauses
    expect(preamble).toMatchObject({ numbers: [], context: [] })
    expect(preamble?.heading).toBeUndefined()
    expect(preamble?.text.split('\n')).toHaveLength(2)
    expect(preamble?.text).toMatch(/^工业园区是工业发展的重要载体/)
    expect(general).toMatchObject({ numbers: ['一'], heading: '总体要求', context: [] })
    expect(general?.text).toMatch(/^总体要求\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大/)
  })

  it('puts 三、组织实施 in the context of clauses 20 and 21', () => {
    expect(clauses.slice(-2).map((c) => [c.numbers, c.heading, c.context])).toEqual([
      [['三', '20'], '加强工业园区发展指导', ['组织实施']],
      [['三', '21'], '促进工业园区交流合作', ['组织实施']],
    ])
  })
})

describe('splitClauses on seed 002 高标准数字园区建设指南', () => {
  const title = '高标准数字园区建设指南'
  const clauses = splitClauses({ id: 'zhinan', title, text: load('gaobiaozhun-shuzi-yuanqu-jianshe-zhinan.txt') })

  it('has the preamble, 总体要求, 建设对象, 4 standards, 13 tasks and 3 implementation items', () => {
    const tasks: Array<[string, number[]]> = [
      ['四（一）', [1, 2, 3]],
      ['四（二）', [4, 5, 6]],
      ['四（三）', [7, 8, 9, 10]],
      ['四（四）', [11, 12, 13]],
    ]
    expect(clauses).toHaveLength(23)
    expect(clauses.map((c) => c.path)).toEqual([
      `《${title}》序言`,
      `《${title}》一`,
      `《${title}》二`,
      `《${title}》三（第1项）`,
      `《${title}》三（第2项）`,
      `《${title}》三（第3项）`,
      `《${title}》三（第4项）`,
      ...tasks.flatMap(([prefix, items]) => items.map((n) => `《${title}》${prefix}${n}`)),
      `《${title}》五（一）`,
      `《${title}》五（二）`,
      `《${title}》五（三）`,
    ])
  })

  it('numbers the dash standards by position and keeps the list lead-in as context', () => {
    expect(clauses[3]).toMatchObject({
      numbers: ['三', '（第1项）'],
      heading: '产业数字化水平高',
      context: ['建设标准', '高标准数字园区建设期满后应达到以下标准'],
      text: '产业数字化水平高。工业互联网应用覆盖园区全部行业，规上工业企业数字化改造覆盖率达100%。',
    })
  })

  it('keeps the group heading of a task in its context, not in its text', () => {
    const task = clauses.find((c) => c.path === `《${title}》四（二）4`)
    expect(task?.context).toEqual(['建设任务', '加强园区数字化服务'])
    expect(task?.text).toMatch(/^拓展数字化生产性服务。/)
  })

  it('makes 五、组织实施（一） a clause of heading line plus paragraph', () => {
    expect(clauses.at(-3)).toMatchObject({
      numbers: ['五', '（一）'],
      heading: '加强建设指导',
      context: ['组织实施'],
      text: '加强建设指导\n工业和信息化部加强高标准数字园区建设工作的指导，组织遴选高标准数字园区建设对象，推动地方和园区落实指南要求，推进园区数字化建设。地方工业和信息化主管部门按照指南建设标准开展评估，符合标准的正式确定为高标准数字园区。',
    })
  })
})

describe('splitClauses: numbering rules', () => {
  const split = (text: string) => splitClauses({ id: 'd', title: '测试办法', text })

  it.each([
    {
      name: '第X章 / 第X条',
      text: '测试办法\n第一章 总则\n第一条 为规范园区管理，制定本办法。\n第二条 本办法适用于省级以上园区。\n第二章 管理\n第三条 园区管理机构负责日常管理。',
      paths: ['第一章第一条', '第一章第二条', '第二章第三条'],
    },
    {
      name: '（1） under 1. under （一）; the text of item 1 before its sub-items is a clause of its own',
      text: '（一）主要任务\n1.加强基础设施。\n（1）建设5G网络。\n（2）建设数据中心。\n2.完善服务体系。',
      paths: ['（一）1', '（一）1（1）', '（一）1（2）', '（一）2'],
    },
    {
      name: 'an excerpt that starts at 二、 and 11.',
      text: '二、发展导向\n（五）促进实数深度融合\n11.加强新型信息基础设施建设应用。推进5G。\n12.提高园区数字化服务能力。建设数据集。',
      paths: ['二（五）11', '二（五）12'],
    },
    {
      name: 'an out-of-sequence number is text of the current item (one skipped number is tolerated)',
      text: '1.明确园区产业定位。原则上不宜超过\n5.个主导产业的规定另行制定。\n2.强化产业链式集聚。',
      paths: ['1', '2'],
    },
    {
      name: '1、 style, numbering restarting under a new group',
      text: '（一）第一组\n1、甲项。\n2、乙项。\n（二）第二组\n1、丙项。',
      paths: ['（一）1', '（一）2', '（二）1'],
    },
    {
      name: '附件N with a title line, annex sections',
      text: '附件2\nXX示范基地2021年发展情况报告（示例）\n一、示范基地发展概述\n重点介绍示范基地的总体特点。\n附件3\nXX示范基地优秀案例推荐（示例）\n提纲：\n第一部分：开展有关工作的背景',
      paths: ['附件2一', '附件3'],
    },
  ])('$name', ({ text, paths }) => {
    expect(split(text).map((c) => c.path)).toEqual(paths.map((p) => `《测试办法》${p}`))
  })

  it('a heading that has numbered children and a substantive intro paragraph: the intro is a clause', () => {
    const clauses = split('二、重点任务\n各地要结合实际推进以下工作，确保取得实效。\n1.甲项。\n2.乙项。')
    expect(clauses.map((c) => [c.path, c.text])).toEqual([
      ['《测试办法》二', '重点任务\n各地要结合实际推进以下工作，确保取得实效。'],
      ['《测试办法》二1', '甲项。'],
      ['《测试办法》二2', '乙项。'],
    ])
  })
})

describe('splitClauses: long clauses', () => {
  const sentence = '鼓励有条件的园区打造人工智能、云计算等新技术设施，提升开源操作系统应用水平。' // 38 characters
  const long = `加强新型信息基础设施建设应用。${sentence.repeat(40)}`

  it('cuts a clause over 600 characters at sentence ends into 续 parts of similar size', () => {
    const clauses = splitClauses({ id: 'd', title: '测试指引', text: `1.${long}\n2.第二项。` })
    expect(clauses.map((c) => c.path)).toEqual([
      '《测试指引》1',
      '《测试指引》1（续1）',
      '《测试指引》1（续2）',
      '《测试指引》2',
    ])
    const parts = clauses.slice(0, 3)
    expect(parts.map((c) => c.text).join('')).toBe(long)
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(MAX_CLAUSE_CHARS)
      expect(part.text).toMatch(/。$/)
      expect(part).toMatchObject({ numbers: ['1'], heading: '加强新型信息基础设施建设应用' })
    }
  })

  it('never cuts inside a sentence, even one longer than the limit', () => {
    const monster = `${'很长的句子，'.repeat(120)}结束。`
    expect(cutAtSentences(`${monster}短句。`, 600)).toEqual([monster, '短句。'])
    expect(cutAtSentences('短文本。', 600)).toEqual(['短文本。'])
  })

  it('cuts after ；！？ and keeps a closing quote with its sentence', () => {
    const text = `${'甲'.repeat(300)}；${'乙'.repeat(300)}！”${'丙'.repeat(100)}？`
    expect(cutAtSentences(text, 600)).toEqual([`${'甲'.repeat(300)}；`, `${'乙'.repeat(300)}！”${'丙'.repeat(100)}？`])
    const three = `${'甲'.repeat(500)}；${'乙'.repeat(500)}！”${'丙'.repeat(500)}？`
    expect(cutAtSentences(three, 600)).toEqual([`${'甲'.repeat(500)}；`, `${'乙'.repeat(500)}！”`, `${'丙'.repeat(500)}？`])
  })
})

describe('splitClauses over the whole built-in corpus', () => {
  const files = [
    ['gongye-yuanqu-gaozhiliang-fazhan-zhiyin.txt', '工业园区高质量发展指引'],
    ['gaobiaozhun-shuzi-yuanqu-jianshe-zhinan.txt', '高标准数字园区建设指南'],
    ['innovation-digital-guidance.txt', '2026年工业园区高质量发展创新实践经验总结材料填写要求（促进实数深度融合类）'],
    ['innovation-green-guidance.txt', '2026年工业园区高质量发展创新实践经验总结材料填写要求（推动绿色安全发展类）'],
    ['base-report-guidance.txt', '示范基地发展情况报告和优秀案例推荐示例（工规函〔2022〕530号附件2、3）'],
  ] as const
  const corpus = files.flatMap(([file, title], i) => splitClauses({ id: `doc${i}`, title, text: load(file) }))

  it('every clause is valid, non-empty and has a unique path', () => {
    for (const clause of corpus) {
      expect(ClauseSchema.parse(clause)).toEqual(clause)
      expect(clause.text.trim()).not.toBe('')
    }
    expect(new Set(corpus.map((c) => c.path)).size).toBe(corpus.length)
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length)
  })

  it('no clause contains a second numbered item (no paragraph of its text starts with a marker)', () => {
    for (const clause of corpus) {
      const numbered = clause.text.split('\n').filter((p) => matchMarker(p) !== null)
      expect(numbered, clause.path).toEqual([])
    }
  })

  it('a clause that continues in a 续 part ends at a sentence end', () => {
    corpus.forEach((clause, i) => {
      const next = corpus[i + 1]
      if (next?.path.startsWith(`${clause.path.replace(/（续\d+）$/, '')}（续`) && next.path !== clause.path) {
        expect(clause.text, clause.path).toMatch(/[。！？；][”’」』）)》〕】]*$/)
      }
    })
  })
})
