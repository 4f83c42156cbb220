import { readFileSync } from 'node:fs'
import { planDraft, type ClauseLike, type DraftPlan } from '../../src/draft/plan.js'
import type { AbstractAnswer, HeadedSection, SectionBody } from '../../src/draft/llm-schemas.js'
import { getKind } from '../../src/kinds/registry.js'
import type { KindSpec } from '../../src/kinds/kind-spec.js'
import type { ParkData } from '../../src/park/park-schema.js'
import type { RecordedRequest, ScriptHandler, ScriptStep } from '../helpers/scripted-llm-server.js'

/**
 * A scripted model for the shared example park (fixtures/parks/nanling-green.json): what a well-behaved model answers
 * to each drafting prompt — the prose of fixtures/drafts/nanling-green.txt, with only the park's figures and full
 * names — routed by the prompt, so calls may arrive in any order (the drafter runs them in parallel). Tests and the
 * bench override single parts to play a model that invents a figure, abbreviates a name or overruns its budget.
 */

export const park = JSON.parse(readFileSync(new URL('../../fixtures/parks/nanling-green.json', import.meta.url), 'utf8')) as ParkData
export const kind: KindSpec = getKind('innovation-green')

/** Two clauses of 《工业园区高质量发展指引》 per measure, as the retriever would return them. */
const CLAUSES: Record<string, ClauseLike[]> = {
  M1: [{ path: '《工业园区高质量发展指引》二（六）14', text: '推动园区能源梯级利用和清洁能源替代，建设绿色微电网，提高可再生能源使用比例，推进园区碳排放核算和监测。' }],
  M2: [{ path: '《工业园区高质量发展指引》二（六）15', text: '推进工业固体废物资源综合利用，构建园区循环经济产业链，提高资源产出率。' }],
  M3: [{ path: '《工业园区高质量发展指引》二（七）17', text: '健全安全风险分级管控和隐患排查治理双重预防机制，建设园区安全生产信息化平台，提升本质安全水平。' }],
}

/** Each measure's query (its text, with whatever the planner adds) is recognised by a word of its own. */
const QUERY_WORDS: [string, string][] = [['M1', '绿色微电网'], ['M2', '硫酸钠资源化'], ['M3', '智慧安全应急']]

/** The retriever's answer to a measure's query. */
export async function nanlingClauses(query: string): Promise<ClauseLike[]> {
  const id = QUERY_WORDS.find(([, word]) => query.includes(word))?.[0]
  return id ? CLAUSES[id]! : []
}

export async function nanlingPlan(): Promise<DraftPlan> {
  return planDraft(park, kind, nanlingClauses)
}

export const ABSTRACT: AbstractAnswer = {
  text: '南岭经济技术开发区聚焦新能源电池材料主导产业，针对能源结构偏煤、副产固废利用不足、危化品储运风险点多等问题，建设“源网荷储”一体化绿色微电网，打通副产硫酸钠资源化循环链条，建成南岭经济技术开发区智慧安全应急管理平台。单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，工业固体废弃物综合利用率由71.3%提升至93.6%，2025年实现生产安全事故零发生。',
}

export const BACKGROUND: SectionBody = {
  paragraphs: [
    '南岭经济技术开发区始建于2006年，2014年升级为省级经济技术开发区，实际管理面积3260公顷。新能源电池材料是园区第一主导产业，2025年营业收入512.4亿元，形成正极材料、电解液两大细分领域。园区先后获评国家级绿色工业园区、省级化工园区安全整治提升示范园区。',
    '在快速发展的同时，新能源电池材料产业绿色安全发展仍面临三方面制约：一是能源结构偏煤、碳排放强度偏高，2023年园区单位能耗碳排放2.46吨/吨标准煤，绿电消费占比仅9.5%，企业面临下游客户碳足迹要求；二是副产固废利用不足，正极材料生产副产硫酸钠等固废综合利用率2023年仅为71.3%，外运处置成本高；三是危化品储运风险点多、监测预警靠人工巡检，2023年发生一般生产安全事故2起，预警平均响应时间45分钟。破解上述问题，是园区巩固产业竞争力、守住安全底线的迫切需要。',
  ],
  subsections: [],
}

export const MEASURES: SectionBody = {
  paragraphs: [],
  subsections: [
    {
      ref: 'M1',
      heading: '建设绿色微电网，推动能源结构低碳转型',
      paragraphs: ['针对能源结构偏煤问题，园区建设“源网荷储”一体化绿色微电网，建成屋顶光伏86兆瓦、储能40兆瓦时，建成南岭经济技术开发区数字化能碳管理中心，对37家重点用能企业实施能耗在线监测。'],
      items: [
        { heading: '绿电直供', text: '光伏电量优先供给正极材料企业，降低企业外购煤电比例。' },
        { heading: '能碳智管', text: '南岭经济技术开发区数字化能碳管理中心按企业、工序核算碳排放，为企业提供节能诊断。' },
      ],
    },
    {
      ref: 'M2',
      heading: '打通副产硫酸钠循环链条，提升固废综合利用水平',
      paragraphs: ['园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，打通“副产硫酸钠—元明粉—玻璃原料”循环链条，实现副产固废就地转化。'],
      items: [],
    },
    {
      ref: 'M3',
      heading: '建设南岭经济技术开发区智慧安全应急管理平台，筑牢安全生产底线',
      paragraphs: ['园区建成南岭经济技术开发区智慧安全应急管理平台，接入1.2万个监测点位，推行安全风险分级管控和隐患排查治理双重预防机制，实现危化品储运全过程实时监测。'],
      items: [],
    },
  ],
}

export const RESULTS: SectionBody = {
  paragraphs: [],
  subsections: [
    { ref: 'R1', heading: '碳排放强度明显下降', paragraphs: ['单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，绿电消费占比由9.5%提升至27.8%。'], items: [] },
    { ref: 'R2', heading: '固废综合利用水平大幅提升', paragraphs: ['工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。'], items: [] },
    { ref: 'R3', heading: '安全生产形势持续向好', paragraphs: ['2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。'], items: [] },
  ],
}

/** What the clean scripted model's answers become: markers 一、（一）1. assigned by the drafter, parts separated by a blank line. */
export const CLEAN_DRAFT = `绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展

【摘要】南岭经济技术开发区聚焦新能源电池材料主导产业，针对能源结构偏煤、副产固废利用不足、危化品储运风险点多等问题，建设“源网荷储”一体化绿色微电网，打通副产硫酸钠资源化循环链条，建成南岭经济技术开发区智慧安全应急管理平台。单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，工业固体废弃物综合利用率由71.3%提升至93.6%，2025年实现生产安全事故零发生。

一、背景介绍
南岭经济技术开发区始建于2006年，2014年升级为省级经济技术开发区，实际管理面积3260公顷。新能源电池材料是园区第一主导产业，2025年营业收入512.4亿元，形成正极材料、电解液两大细分领域。园区先后获评国家级绿色工业园区、省级化工园区安全整治提升示范园区。
在快速发展的同时，新能源电池材料产业绿色安全发展仍面临三方面制约：一是能源结构偏煤、碳排放强度偏高，2023年园区单位能耗碳排放2.46吨/吨标准煤，绿电消费占比仅9.5%，企业面临下游客户碳足迹要求；二是副产固废利用不足，正极材料生产副产硫酸钠等固废综合利用率2023年仅为71.3%，外运处置成本高；三是危化品储运风险点多、监测预警靠人工巡检，2023年发生一般生产安全事故2起，预警平均响应时间45分钟。破解上述问题，是园区巩固产业竞争力、守住安全底线的迫切需要。

二、创新举措
（一）建设绿色微电网，推动能源结构低碳转型
针对能源结构偏煤问题，园区建设“源网荷储”一体化绿色微电网，建成屋顶光伏86兆瓦、储能40兆瓦时，建成南岭经济技术开发区数字化能碳管理中心，对37家重点用能企业实施能耗在线监测。
1.绿电直供。光伏电量优先供给正极材料企业，降低企业外购煤电比例。
2.能碳智管。南岭经济技术开发区数字化能碳管理中心按企业、工序核算碳排放，为企业提供节能诊断。
（二）打通副产硫酸钠循环链条，提升固废综合利用水平
园区引进南岭市绿源环保科技有限公司建设年处理12万吨硫酸钠资源化项目，打通“副产硫酸钠—元明粉—玻璃原料”循环链条，实现副产固废就地转化。
（三）建设南岭经济技术开发区智慧安全应急管理平台，筑牢安全生产底线
园区建成南岭经济技术开发区智慧安全应急管理平台，接入1.2万个监测点位，推行安全风险分级管控和隐患排查治理双重预防机制，实现危化品储运全过程实时监测。

三、实践成效
（一）碳排放强度明显下降
单位能耗碳排放由2.46吨/吨标准煤降至2.05吨/吨标准煤，绿电消费占比由9.5%提升至27.8%。
（二）固废综合利用水平大幅提升
工业固体废弃物综合利用率由71.3%提升至93.6%，提高22.3个百分点。
（三）安全生产形势持续向好
2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。
`

export const SECTIONS: Record<string, SectionBody> = { '一、背景介绍': BACKGROUND, '二、创新举措': MEASURES, '三、实践成效': RESULTS }

export type Task = { task: 'draft' | 'repair' | 'rewrite'; part: string } | { task: 'unknown'; part: '' }

/** Which call a request is, read from the prompt the drafter rendered. */
export function taskOf(request: RecordedRequest): Task {
  // The first user message states the task; a corrective JSON retry appends more after it.
  const user = request.messages.find((m) => m.role === 'user')?.content ?? ''
  if (user.includes('请撰写报告的【摘要】')) return { task: 'draft', part: '【摘要】' }
  let m = /请撰写报告的“([^”]+)”部分/.exec(user)
  if (m) return { task: 'draft', part: m[1]! }
  m = /自动审校在报告的“([^”]+)”部分/.exec(user)
  if (m) return { task: 'repair', part: m[1]! }
  m = /请按用户的要求改写报告中的“([^”]+)”这一节/.exec(user)
  if (m) return { task: 'rewrite', part: m[1]! }
  return { task: 'unknown', part: '' }
}

export type Answer = AbstractAnswer | SectionBody | HeadedSection | ScriptStep | ((request: RecordedRequest) => ScriptStep)

export interface ModelOverrides {
  /** First-draft answers by part (【摘要】 or a level-1 path). */
  draft?: Record<string, Answer>
  /** Repair answers by part; each entry is used for every repair call of that part unless it is a list. */
  repair?: Record<string, Answer | Answer[]>
}

const isStep = (a: Answer): a is ScriptStep =>
  typeof a === 'object' && ('status' in a || 'rawBody' in a || 'destroy' in a || 'content' in a || 'json' in a || 'toolCalls' in a)

function stepOf(answer: Answer, request: RecordedRequest): ScriptStep {
  if (typeof answer === 'function') return answer(request)
  return isStep(answer) ? answer : { json: answer }
}

/** The scripted model: the clean answers above unless overridden; a repair returns the clean part. */
export function nanlingModel(overrides: ModelOverrides = {}): ScriptHandler {
  const repairsSeen = new Map<string, number>()
  return (request) => {
    const task = taskOf(request)
    const clean = task.part === '【摘要】' ? ABSTRACT : SECTIONS[task.part]
    if (task.task === 'draft') return stepOf(overrides.draft?.[task.part] ?? clean ?? { status: 500, message: `no draft for ${task.part}` }, request)
    if (task.task === 'repair') {
      const n = repairsSeen.get(task.part) ?? 0
      repairsSeen.set(task.part, n + 1)
      const scripted = overrides.repair?.[task.part]
      const answer = Array.isArray(scripted) ? (scripted[n] ?? scripted.at(-1)) : scripted
      return stepOf(answer ?? clean ?? { status: 500, message: `no repair for ${task.part}` }, request)
    }
    return { status: 500, message: `the nanling model has no answer for this request (${task.task})` }
  }
}
