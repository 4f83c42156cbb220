import type { AbstractAnswer, SectionBody } from '../../src/draft/llm-schemas.js'
import type { RecordedRequest, ScriptHandler, ScriptStep } from '../helpers/scripted-llm-server.js'
import { ABSTRACT, BACKGROUND, MEASURES, nanlingModel, RESULTS, SECTIONS, taskOf, type ModelOverrides } from './nanling-model.js'

/**
 * Adversarial stand-ins for real models, over the example park (南岭经济技术开发区, lead industry 新能源电池材料):
 * the mistakes real models make when drafting these reports, each written into the clean answers of nanling-model.ts.
 * Tests and the bench drive the real client against them on a scripted server.
 *
 * The careless first draft, per part:
 * - 【摘要】: an invented figure (综合成本下降15.3%), a short name (绿源环保), half-width commas; answered in a
 *   ```json fence.
 * - 一、背景介绍: a sentence about the park's other lead industry (精细化工) with an invented count, and a vague formula.
 * - 二、创新举措: a figure equal to an unrelated datum (生产效率提升27.8% — 27.8% is the park's 绿电消费占比), a
 *   short name (工信部), half-width punctuation, a measure of the other lead industry.
 * - 三、实践成效: an invented percentage (17.6%), a vague formula.
 *
 * Repair behaviours: `compliant` returns the clean part; `half` fixes only the first half of what it is told — it
 * drops the vague formulas and short names but keeps every invented figure and the off-topic sentence (what the
 * issue saw from real models); `stubborn` sends the careless part back unchanged.
 */

export const INVENTED = {
  abstract: '综合成本下降15.3%',
  measures: '入驻企业生产效率平均提升27.8%',
  results: '园区企业平均生产效率提升17.6%',
  offTopic: '精细化工产业集聚企业46家',
} as const

export const CARELESS_ABSTRACT: AbstractAnswer = {
  text: ABSTRACT.text
    .replace('打通副产硫酸钠资源化循环链条', '联合绿源环保打通副产硫酸钠资源化循环链条')
    .replace('针对能源结构偏煤、副产固废利用不足', '针对能源结构偏煤,副产固废利用不足')
    .replace('2025年实现生产安全事故零发生。', `2025年实现生产安全事故零发生，企业${INVENTED.abstract}。`),
}

export const CARELESS_BACKGROUND: SectionBody = {
  ...BACKGROUND,
  paragraphs: [
    `${BACKGROUND.paragraphs[0]!}同时，园区${INVENTED.offTopic}，精细化工已成为园区新的增长极。`,
    `${BACKGROUND.paragraphs[1]!}近年来园区各项工作取得显著成效。`,
  ],
}

export const CARELESS_MEASURES: SectionBody = {
  ...MEASURES,
  subsections: MEASURES.subsections.map((s, i) =>
    i === 0
      ? {
          ...s,
          paragraphs: [`${s.paragraphs[0]!.replace('。', ',')}${INVENTED.measures}。`],
        }
      : i === 1
        ? { ...s, paragraphs: [`${s.paragraphs[0]!}项目入选工信部资源综合利用典型案例。园区同步推动精细化工企业开展智能化改造。`] }
        : s,
  ),
}

export const CARELESS_RESULTS: SectionBody = {
  ...RESULTS,
  subsections: RESULTS.subsections.map((s, i) =>
    i === 0 ? { ...s, paragraphs: [`${s.paragraphs[0]!.replace('。', '')}，${INVENTED.results}。`] } : i === 2 ? { ...s, paragraphs: [`${s.paragraphs[0]!}安全生产工作成效显著。`] } : s,
  ),
}

/** The half of each list a half-compliant model fixes: vague formulas and short names go, invented figures stay. */
const HALF_FIXED: Record<string, AbstractAnswer | SectionBody> = {
  '【摘要】': { text: CARELESS_ABSTRACT.text.replace('联合绿源环保', '联合南岭市绿源环保科技有限公司') },
  '一、背景介绍': { ...CARELESS_BACKGROUND, paragraphs: [CARELESS_BACKGROUND.paragraphs[0]!, BACKGROUND.paragraphs[1]!] },
  '二、创新举措': {
    ...CARELESS_MEASURES,
    subsections: CARELESS_MEASURES.subsections.map((s, i) => (i === 1 ? MEASURES.subsections[1]! : s)),
  },
  '三、实践成效': {
    ...CARELESS_RESULTS,
    subsections: CARELESS_RESULTS.subsections.map((s, i) => (i === 2 ? RESULTS.subsections[2]! : s)),
  },
}

const CARELESS: Record<string, AbstractAnswer | SectionBody> = {
  '【摘要】': CARELESS_ABSTRACT,
  '一、背景介绍': CARELESS_BACKGROUND,
  '二、创新举措': CARELESS_MEASURES,
  '三、实践成效': CARELESS_RESULTS,
}

/** The JSON fenced the way chat models often wrap it. */
const fenced = (value: unknown): ScriptStep => ({ content: `好的，以下是按要求撰写的内容：\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`` })

export type RepairBehaviour = 'compliant' | 'half' | 'stubborn'

/** The careless model: the careless first draft (the 【摘要】 fenced), and repairs as `repair` says. */
export function carelessModel(repair: RepairBehaviour): ScriptHandler {
  const overrides: ModelOverrides = {
    draft: {
      '【摘要】': fenced(CARELESS_ABSTRACT),
      '一、背景介绍': CARELESS_BACKGROUND,
      '二、创新举措': CARELESS_MEASURES,
      '三、实践成效': CARELESS_RESULTS,
    },
    ...(repair === 'compliant' ? {} : { repair: repair === 'half' ? HALF_FIXED : CARELESS }),
  }
  return nanlingModel(overrides)
}

/** The prompt's own JSON example sent back (the shapes of llm-schemas.ts), for every draft call. */
export const ECHO_SECTION: SectionBody = {
  paragraphs: ['段落正文'],
  subsections: [{ ref: 'M1', heading: '（一）小标题', paragraphs: ['段落正文'], items: [{ heading: '小标题', text: '段落正文' }] }],
}
export const ECHO_ABSTRACT: AbstractAnswer = { text: '摘要正文' }

/** A model that echoes the example `times` times per part, then answers as the clean model does. */
export function echoingModel(times: number): ScriptHandler {
  const clean = nanlingModel()
  const seen = new Map<string, number>()
  return (request) => {
    const { task, part } = taskOf(request)
    const n = seen.get(part) ?? 0
    seen.set(part, n + 1)
    if (task === 'draft' && n < times) return { json: part === '【摘要】' ? ECHO_ABSTRACT : ECHO_SECTION }
    return clean(request)
  }
}

/**
 * A network that fails the first attempt of every call: a reset before the answer, a body cut half-way (the full
 * content-length announced), or a stream cut mid-answer — in turn.
 */
export function flakyNetwork(inner: ScriptHandler = nanlingModel()): ScriptHandler {
  const attempts = new Map<string, number>()
  let failures = 0
  return async (request: RecordedRequest) => {
    const key = `${taskOf(request).task}:${taskOf(request).part}:${request.messages.length}`
    const n = attempts.get(key) ?? 0
    attempts.set(key, n + 1)
    if (n > 0) return inner(request)
    const kind = failures++ % 3
    if (kind === 0) return { destroy: true }
    const answer = await inner(request)
    return { ...(answer as object), cutAt: 0.5 } as ScriptStep
  }
}

/**
 * A model that writes far past its budget: every first-draft part is the clean part with its own sentences said again
 * ("在此基础上，…") until it is `share` times its 字数 budget (the issue saw 40 % over). Repairs answer cleanly.
 */
export function verboseModel(budgets: Record<string, number>, share = 1.4): ScriptHandler {
  const clean = nanlingModel()
  const longer = (text: string, target: number, current: number) => {
    const sentences = text.match(/[^。]+。/g) ?? [text]
    let out = text
    let length = current
    for (let i = 0; length < target; i++) {
      const again = `在此基础上，${sentences[i % sentences.length]!}`
      out += again
      length += again.length
    }
    return out
  }
  return (request) => {
    const { task, part } = taskOf(request)
    if (task !== 'draft') return clean(request)
    const target = Math.ceil((budgets[part] ?? 0) * share)
    if (part === '【摘要】') return { json: { text: longer(ABSTRACT.text, target, ABSTRACT.text.length) } }
    const body = structuredClone(SECTIONS[part]!)
    const size = (b: SectionBody) => [...b.paragraphs, ...b.subsections.flatMap((s) => [s.heading, ...s.paragraphs, ...s.items.map((i) => i.heading + i.text)])].join('').length
    const first = body.paragraphs.length > 0 ? body : body.subsections[0]!
    const extra = target - size(body)
    first.paragraphs[0] = longer(first.paragraphs[0]!, first.paragraphs[0]!.length + extra, first.paragraphs[0]!.length)
    return { json: body }
  }
}
