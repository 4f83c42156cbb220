import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkDraft } from '../../src/check/check-draft.js'
import { parseReport } from '../../src/model/parse-report.js'
import type { ParkData } from '../../src/park/park-schema.js'
import { requireValidPark } from '../../src/park/read-park.js'

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park = (name: string): ParkData => requireValidPark(JSON.parse(fixture(`parks/${name}.json`)))
const check = (text: string, parkData: ParkData) => checkDraft({ doc: parseReport(text) }, { park: parkData }).findings

describe('the clean fixture drafts', () => {
  it.each([
    ['nanling-green', 1031],
    ['jialan-digital', 2009],
    ['lingjiang-green', 1840],
  ])('%s (%i 字) gives no finding at all for its park', (name, zishu) => {
    const result = checkDraft({ doc: parseReport(fixture(`drafts/${name}.txt`)) }, { park: park(name) })
    expect(result.findings).toEqual([])
    expect(result.stats.total).toBe(zishu)
  })

  it('says once, up front and as an error, when the draft never names the park it is checked against', () => {
    const findings = check(fixture('drafts/nanling-green.txt'), park('lingjiang-green'))
    expect(findings[0]).toMatchObject({
      rule: 'park-data',
      severity: 'error',
      start: 0,
      end: 0,
      message:
        '稿件中没有出现所选园区“绫江高新技术产业开发区”的名称或简称，可能选错了园区。数字和专有名词是按这个园区的资料核对的，因此不提供对它们的一键修改；请先在页面上方选择与稿件一致的园区，或在稿件中写明园区全称。',
    })
    expect(findings.filter((f) => f.rule === 'park-data')).toHaveLength(1)
  })

  it('offers no fix that would write the other park\'s figures into the draft', () => {
    // Against its own park the planted 2.15 gets a fix back to 2.05; against another park's data it must get none.
    const text = fixture('drafts/nanling-green.txt').replace('降至2.05吨/吨标准煤，绿电', '降至2.15吨/吨标准煤，绿电')
    const own = check(text, park('nanling-green')).filter((f) => f.rule === 'number-consistency')
    expect(own.map((f) => f.fix?.text)).toEqual(['2.05吨/吨标准煤'])
    // Fixes that do not come from the park data (a term's standard form, punctuation) are still offered.
    const lingjiang = park('lingjiang-green')
    const otherNames = [lingjiang.park.name, ...lingjiang.entities.flatMap((e) => [e.name, ...e.aliases])]
    const fromOtherPark = check(text, lingjiang).filter((f) => f.fix && (/\d/.test(f.fix.text) || otherNames.some((name) => f.fix!.text.includes(name))))
    expect(fromOtherPark).toEqual([])
  })
})

// Each row plants one realistic defect in the clean 南岭 draft: the first occurrence of `find` becomes
// `replace`, and the rule must flag exactly `span` (the text at the finding's offsets) with that severity.
const PLANTED: { rule: string; find: string; replace: string; span: string; severity: 'error' | 'warning' }[] = [
  { rule: 'placeholder', find: '南岭市绿源环保科技有限公司建设', replace: 'XX环保科技有限公司建设', span: 'XX', severity: 'error' },
  { rule: 'proper-noun', find: '建成南岭经济技术开发区智慧安全应急管理平台，接入', replace: '建成智慧安监平台，接入', span: '智慧安监平台', severity: 'error' },
  { rule: 'proper-noun', find: '国家级绿色工业园区、省级', replace: '绿色园区、省级', span: '绿色园区', severity: 'error' },
  { rule: 'number-consistency', find: '降至2.05吨/吨标准煤，绿电', replace: '降至2.15吨/吨标准煤，绿电', span: '2.15吨/吨标准煤', severity: 'error' },
  { rule: 'number-trace', find: '预警平均响应时间由45分钟缩短至8分钟。\n', replace: '预警平均响应时间由45分钟缩短至8分钟，巡检人力节约35%。\n', span: '35%', severity: 'warning' },
  { rule: 'structure', find: '一、背景介绍', replace: '一、项目背景', span: '项目背景', severity: 'error' },
  { rule: 'heading-numbering', find: '（三）建设南岭', replace: '(三)建设南岭', span: '(三)', severity: 'error' },
  { rule: 'heading-numbering', find: '2. 能碳智管', replace: '3. 能碳智管', span: '3.', severity: 'error' },
  { rule: 'punctuation', find: '降低企业外购煤电比例。', replace: '降低企业外购煤电比例.', span: '.', severity: 'error' },
  { rule: 'sensitive-info', find: '实现危化品储运全过程实时监测。', replace: '实现危化品储运全过程实时监测，值班电话0731-84561234。', span: '0731-84561234', severity: 'error' },
  { rule: 'vague-language', find: '实现副产固废就地转化。', replace: '实现副产固废就地转化。园区循环经济发展取得显著成效。', span: '显著成效', severity: 'warning' },
  { rule: 'focus', find: '光伏电量优先供给正极材料企业', replace: '光伏电量优先供给精细化工企业', span: '精细化工', severity: 'error' },
]

describe('planted defects in the clean draft', () => {
  const clean = fixture('drafts/nanling-green.txt')
  it.each(PLANTED)('$rule flags “$span”', ({ rule, find, replace, span, severity }) => {
    expect(clean).toContain(find)
    const text = clean.replace(find, replace)
    const flagged = check(text, park('nanling-green'))
      .filter((finding) => finding.rule === rule)
      .map((finding) => ({ span: text.slice(finding.start, finding.end), severity: finding.severity }))
    expect(flagged).toContainEqual({ span, severity })
  })

  it('length flags a draft over 3000 字 with the count and the excess', () => {
    const background = clean.slice(clean.indexOf('南岭经济技术开发区始建于'), clean.indexOf('\n\n二、创新举措'))
    const long = clean.replace('\n\n二、创新举措', `\n${background}\n${background}\n${background}\n${background}\n${background}\n${background}\n\n二、创新举措`)
    const finding = check(long, park('nanling-green')).find((f) => f.rule === 'length' && f.severity === 'error')
    expect(finding?.message).toMatch(/^全文共3\d{3}字，超出3000字上限\d+字/)
  })

  it('quant-evidence flags a results section without figures', () => {
    const results = clean.slice(clean.indexOf('三、实践成效'))
    const vague = clean.replace(results, '三、实践成效\n园区绿色安全发展水平明显提升，企业获得感不断增强。\n')
    expect(check(vague, park('nanling-green')).some((f) => f.rule === 'quant-evidence' && f.severity === 'error')).toBe(true)
  })

  it('logic-chain flags a problem that no measure or result answers', () => {
    const text = clean.replace('三是危化品储运风险点多', '三是专业人才引育不足，高端研发人才缺口较大；四是危化品储运风险点多')
    const finding = check(text, park('nanling-green')).find((f) => f.rule === 'logic-chain')
    expect(finding && text.slice(finding.start, finding.end)).toContain('专业人才引育不足')
  })
})
