import type { AbstractAnswer, SectionBody } from '../../src/draft/llm-schemas.js'
import type { DraftPlan } from '../../src/draft/plan.js'
import type { ParkData } from '../../src/park/park-schema.js'
import type { ScriptHandler, ScriptStep } from '../helpers/scripted-llm-server.js'
import { taskOf } from './nanling-model.js'

/**
 * A careless model for ANY park, not scripted sentence by sentence: it answers each drafting prompt with the part of a
 * clean draft of that park (the offline composer's, parsed back into the answer shapes) and writes into it the
 * mistakes real models make — an invented percentage per part, a figure equal to an unrelated datum, a short name,
 * half-width commas, a sentence about another lead industry, vague formulas, JSON in a ```json fence. Every mistake
 * is a known string, so what reaches the delivered draft is counted by looking for it, not by trusting the checker.
 *
 * Repairs: `half` undoes the short names, commas and vague formulas and keeps the figures and the off-topic sentence;
 * `stubborn` sends its careless part back; `compliant` the clean part.
 */

export interface Injected {
  kind: 'invented-figure' | 'unrelated-datum' | 'short-name' | 'half-width' | 'off-topic' | 'vague'
  part: string
  text: string
}

interface Part {
  clean: AbstractAnswer | SectionBody
  careless: AbstractAnswer | SectionBody
  half: AbstractAnswer | SectionBody
}

const LEVEL1 = /^[一二三四五六七八九十]+、/
const LEVEL2 = /^（[一二三四五六七八九十]+）/
const LEVEL3 = /^\d+[.．]/

/** The offline draft's parts as the drafter's answer shapes: 【摘要】 text, and per level-1 section its body. */
export function answersOf(draft: string, plan: DraftPlan): Map<string, AbstractAnswer | SectionBody> {
  const parts = new Map<string, AbstractAnswer | SectionBody>()
  let body: SectionBody | undefined
  let sectionIndex = -1
  for (const line of draft.split('\n').map((l) => l.trim())) {
    if (!line) continue
    if (line.startsWith(plan.abstract.label)) {
      parts.set(plan.abstract.label, { text: line.slice(plan.abstract.label.length) })
    } else if (LEVEL1.test(line)) {
      sectionIndex = plan.sections.findIndex((s) => s.path === line)
      body = { paragraphs: [], subsections: [] }
      if (sectionIndex >= 0) parts.set(plan.sections[sectionIndex]!.path, body)
    } else if (body && LEVEL2.test(line)) {
      const section = plan.sections[sectionIndex]
      const ids = [...(section?.measures ?? []), ...(section?.results ?? [])].map((m) => m.id)
      body.subsections.push({ ref: ids[body.subsections.length] ?? '', heading: line.replace(LEVEL2, ''), paragraphs: [], items: [] })
    } else if (body && LEVEL3.test(line) && body.subsections.length > 0) {
      const rest = line.replace(LEVEL3, '')
      const cut = rest.indexOf('。')
      body.subsections.at(-1)!.items.push(cut > 0 && cut < 30 ? { heading: rest.slice(0, cut), text: rest.slice(cut + 1) } : { heading: '', text: rest })
    } else if (body) {
      const target = body.subsections.at(-1)
      if (target && target.items.length > 0) target.items.at(-1)!.text += line
      else (target ?? body).paragraphs.push(line)
    }
  }
  return parts
}

/** A sentence appended to the first paragraph a part has. */
function appendSentence(answer: AbstractAnswer | SectionBody, sentence: string): void {
  if ('text' in answer) {
    answer.text += sentence
    return
  }
  const holder = answer.paragraphs.length > 0 ? answer : answer.subsections.find((s) => s.paragraphs.length > 0)
  if (holder) holder.paragraphs[0] += sentence
  else answer.paragraphs.push(sentence)
}

function replaceFirst(answer: AbstractAnswer | SectionBody, from: string, to: string): boolean {
  const json = JSON.stringify(answer)
  if (!json.includes(from)) return false
  Object.assign(answer, JSON.parse(json.replace(from, to)))
  return true
}

/** Percentages the park's data holds, for a figure that equals a datum about something else. */
function dataPercentages(park: ParkData): string[] {
  return [...new Set(JSON.stringify(park).match(/\d+(?:\.\d+)?%/g) ?? [])]
}

export function mutatingModel(
  draft: string,
  plan: DraftPlan,
  park: ParkData,
  repair: 'compliant' | 'half' | 'stubborn',
): { model: ScriptHandler; injected: Injected[] } {
  const injected: Injected[] = []
  const parts = new Map<string, Part>()
  const others = park.park.leadIndustries.map((i) => i.name).filter((name) => name !== plan.focusIndustry)
  const data = dataPercentages(park)
  const shorts = (park.entities ?? []).filter((e) => e.type === 'enterprise' && (e.aliases?.length ?? 0) > 0)
  let n = 0
  for (const [key, clean] of answersOf(draft, plan)) {
    const careless = structuredClone(clean)
    const half = structuredClone(clean)
    const both = (apply: (a: AbstractAnswer | SectionBody) => void) => [careless, half].forEach(apply)
    // Kept by a half-compliant repair: figures and the other industry.
    const invented = `园区企业平均生产效率提升${(13.7 + n * 2.1).toFixed(1)}%。`
    both((a) => appendSentence(a, invented))
    injected.push({ kind: 'invented-figure', part: key, text: invented.replace('。', '') })
    if (n === 2 && data.length > 0) {
      const datum = `入驻企业用工成本平均下降${data[data.length - 1]!}。`
      both((a) => appendSentence(a, datum))
      injected.push({ kind: 'unrelated-datum', part: key, text: datum.replace('。', '') })
    }
    if (n === 1 && others.length > 0) {
      const offTopic = `同时，园区${others[0]!}产业加快集聚，${others[0]!}已成为园区新的增长极。`
      both((a) => appendSentence(a, offTopic))
      injected.push({ kind: 'off-topic', part: key, text: offTopic })
    }
    // Undone by a half-compliant repair: short names, commas, vague formulas.
    const entity = shorts.find((e) => JSON.stringify(careless).includes(e.name))
    if (entity && replaceFirst(careless, entity.name, entity.aliases![0]!)) injected.push({ kind: 'short-name', part: key, text: entity.aliases![0]! })
    const vague = n % 2 === 0 ? '各项工作取得显著成效。' : '相关工作成效显著，亮点纷呈。'
    appendSentence(careless, vague)
    injected.push({ kind: 'vague', part: key, text: vague.replace('。', '') })
    if (replaceFirst(careless, '，', ',')) injected.push({ kind: 'half-width', part: key, text: ',' })
    parts.set(key, { clean, careless, half })
    n += 1
  }
  const fenced = (value: unknown): ScriptStep => ({ content: `好的，以下是按要求撰写的内容：\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`` })
  const model: ScriptHandler = (request) => {
    const { task, part } = taskOf(request)
    const answers = parts.get(part)
    if (!answers) return { status: 500, message: `the mutating model has no answer for ${task} ${part}` }
    if (task === 'draft') return fenced(answers.careless)
    if (task === 'repair') return { json: repair === 'compliant' ? answers.clean : repair === 'half' ? answers.half : answers.careless }
    return { status: 500, message: `the mutating model does not ${task}` }
  }
  return { model, injected }
}
