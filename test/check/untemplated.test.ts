import { describe, expect, it } from 'vitest'
import { checkDraft } from '../../src/check/check-draft.js'
import { parseDraftText } from '../../src/model/load-draft.js'

// A visit report as published (fixtures/real/17, its first sentences): no template heading, no 【摘要】.
const VISIT =
  '近期，石奇珠区长在区企业建设局局长张超平等同志的陪同下，分别走访调研瀚阳钢铁公司、速成仓储项目等重点项目。' +
  '在走访中，石奇珠区长详细了解企业生产经营情况，听取企业负责人的意见和建议。\n'
const TEMPLATE_RULES = ['structure', 'length', 'focus', 'quant-evidence', 'logic-chain']
const DIGITAL_NAME = '2026年工业园区高质量发展创新实践经验总结材料（促进实数深度融合类）'

describe('a draft written to no template', () => {
  it('is not held to a guessed template, and the user is told so', () => {
    const { findings, kind } = checkDraft({ doc: parseDraftText(VISIT) })
    expect(kind).toBe('innovation-digital')
    expect(findings.filter((f) => TEMPLATE_RULES.includes(f.rule))).toEqual([])
    expect(findings[0]).toMatchObject({
      rule: 'kind',
      severity: 'info',
      message:
        '未指定报告类型，稿件也没有模板规定的章节标题和【摘要】，不像是按某一类报告模板写的（如工作汇报、新闻稿），' +
        `因此只检查名称、用语、时间、数字和标点，未按模板检查结构、篇幅和内容要求（用词最接近“${DIGITAL_NAME}”）。如需按模板审校，请指定报告类型。`,
    })
    // The wording rules still run: 近期 has no year, 瀚阳钢铁公司 is a short name.
    expect(findings.filter((f) => f.rule === 'time-reference' || f.rule === 'proper-noun').map((f) => VISIT.slice(f.start, f.end))).toEqual(['近期', '瀚阳钢铁公司'])
  })

  it('is held to the template the user picks', () => {
    const { findings } = checkDraft({ doc: parseDraftText(VISIT) }, { kindId: 'innovation-green' })
    expect(findings.filter((f) => f.rule === 'structure').map((f) => f.message)).toEqual([
      '缺少【摘要】。模板要求在标题之后、正文一级标题之前用【摘要】概述全篇核心内容。',
      '未识别到一级标题。报告应依次包含：一、背景介绍 二、创新举措 三、实践成效。',
    ])
  })
})
