import type { AbstractAnswer, SectionBody } from './llm-schemas.js'
import { shapes } from './llm-schemas.js'

/**
 * Answers that parse as JSON and fit the schema but are no draft: the prompt's own JSON example sent back
 * (“段落正文 / （一）小标题”), an empty part, or prose in another language. Real models do all three under load or
 * with a long prompt; delivered as they are, they would pass for a finished section. The drafter retries such an
 * answer once with the reason, then marks the part as failed.
 */

export const degenerateMessages = {
  echo: (words: string) => `大模型照抄了格式示例（“${words}”），没有写正文`,
  empty: '大模型返回的内容为空或过短',
  language: '大模型没有用中文撰写',
  promptEcho: '大模型照抄了提示中的要求和资料，没有写正文',
} as const

/** The placeholder strings of the JSON examples (shapes): a part made of them is an echo. */
const EXAMPLE_VALUES = new Set(
  Object.values(shapes).flatMap((shape) => [...shape.matchAll(/"([^"]*[\u4e00-\u9fff][^"]*)"/g)].map((m) => m[1]!)),
)
/** Section labels of our own prompts: an answer quoting them copied the prompt. */
const PROMPT_LABELS = /【(?:可用数据|字数预算|写法|专有名词|模板对本部分的要求|需要改正的问题|修改要求|改写规则)】|\{\{[a-z_]+\}\}/u
const HAN = /\p{Script=Han}/gu
const LATIN = /[A-Za-z]/g

function textsOf(body: SectionBody | AbstractAnswer): string[] {
  if ('text' in body) return [body.text]
  return [
    ...body.paragraphs,
    ...body.subsections.flatMap((s) => [s.heading, ...s.paragraphs, ...s.items.flatMap((i) => [i.heading, i.text])]),
  ]
}

/**
 * Why an answer is no draft, or undefined when it is one. `minHan`: the fewest Chinese characters a real answer for
 * this part has (a sentence for the abstract, a paragraph for a section).
 */
export function degenerateReason(body: SectionBody | AbstractAnswer, minHan: number): string | undefined {
  const texts = textsOf(body).map((t) => t.trim()).filter(Boolean)
  const echoed = texts.filter((t) => EXAMPLE_VALUES.has(t.replace(/^[（(]?[一二三四五六七八九十\d]+[)）.、]?/u, '')))
  if (echoed.length && echoed.length * 2 >= texts.length) return degenerateMessages.echo(echoed.slice(0, 2).join('、'))
  const joined = texts.join('')
  if (PROMPT_LABELS.test(joined)) return degenerateMessages.promptEcho
  const han = joined.match(HAN)?.length ?? 0
  const latin = joined.match(LATIN)?.length ?? 0
  if (latin > 40 && han < latin) return degenerateMessages.language
  if (han < minHan) return degenerateMessages.empty
  return undefined
}
