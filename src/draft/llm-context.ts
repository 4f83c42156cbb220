import { OFFICIAL_NAMES } from '../check/official-names.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import { renderPrompt, type PromptValues } from '../llm/prompts.js'
import type { ParkData } from '../park/park-schema.js'
import type { DraftPlan, PlanFact, PlanFigure, PlanSection } from './plan.js'

/**
 * The prompt variables of the LLM calls, from the DraftPlan: the template's rules, the section's guidance and budget,
 * and — listed item by item — the only figures the model may write and the only names it may use (with the short
 * forms it must not). Lists are compact (one line per item) because every call carries them: the first draft must
 * stay under 16k prompt tokens in 4 calls.
 */

const NONE = '（无）'
/** A clause is cited for its gist; the full text would cost tokens on every call. */
const CLAUSE_CHARS = 90
const NOTE_CHARS = 220

const lines = (items: readonly string[]) => (items.length ? items.join('\n') : NONE)
const clip = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max).join('')}……` : text)

/** 2025 → 2025年, 2025-06 → 2025年6月. */
export function periodText(period: string | undefined): string {
  if (!period) return ''
  const [year, month] = period.split('-')
  return month ? `${year}年${Number(month)}月` : `${year}年`
}

/** A number as the model must copy it: no exponent, no float noise. */
function num(value: number): string {
  return String(Number(value.toPrecision(12)))
}

export function factLine(fact: Pick<PlanFact, 'label' | 'value' | 'unit' | 'period'>): string {
  const period = fact.period ? `（${periodText(fact.period)}）` : ''
  return `- ${fact.label}${period}：${num(fact.value)}${fact.unit}`
}

export function figureLine(figure: PlanFigure): string {
  return `- ${figure.label}：${num(figure.value)}${figure.unit}（计算：${figure.formula}）`
}

/** Facts then derived figures, each once. */
export function factLines(section: Pick<PlanSection, 'facts' | 'figures'>): string {
  const seen = new Set<string>()
  const out: string[] = []
  const once = (key: string, line: string) => {
    if (seen.has(key)) return
    seen.add(key)
    out.push(line)
  }
  for (const fact of section.facts) once(factLine(fact), factLine(fact))
  // The same computation appears under two labels (2025年较2023年 and 前后对比): one line is enough.
  for (const figure of section.figures) once(`${figure.formula}|${figure.unit}`, figureLine(figure))
  return lines(out)
}

/**
 * The names to write in full: the park's entities with their forbidden short forms, and the glossary entries
 * (工业和信息化部 for 工信部 …) that the texts of this call mention either way.
 */
export function entityLines(entities: readonly { name: string; aliases: readonly string[] }[], texts: readonly string[]): string {
  const joined = texts.join('\n')
  const forbidden = new Map<string, Set<string>>()
  const add = (name: string, aliases: readonly string[]) => {
    const set = forbidden.get(name) ?? new Set<string>()
    for (const alias of aliases) if (alias !== name && alias.length >= 2) set.add(alias)
    forbidden.set(name, set)
  }
  for (const e of entities) add(e.name, e.aliases)
  for (const entry of OFFICIAL_NAMES.entries) {
    if (!joined.includes(entry.right) && !entry.wrong.some((w) => joined.includes(w))) continue
    add(entry.right, entry.wrong)
  }
  const out = [...forbidden].map(([name, aliases]) => (aliases.size ? `- ${name}（禁用：${[...aliases].join('、')}）` : `- ${name}`))
  return lines(out)
}

/**
 * The shared system message: the template's rules only. Nothing a person typed (the park's name, notes) or a file
 * brought (policy clauses) goes here; they come in the user message inside data blocks (dataBlock).
 */
export function systemPrompt(kind: KindSpec, limit: number = kind.limits.totalZishu): string {
  return renderPrompt('system', {
    kind_name: kind.name,
    total_limit: limit,
    logic: kind.rules.logic ?? '问题导向—解决路径—实践成效',
  })
}

export const DATA_START = '<<<资料开始>>>'
export const DATA_END = '<<<资料结束>>>'
/** Anything that could pass for our delimiters inside data: the block cannot be closed from within. */
const DELIMITER_LIKE = /<{2,}|>{2,}|资料(?:开始|结束)/gu

/**
 * Park data, policy clauses and draft text as the model must read them: between the delimiters the system message
 * names, with any look-alike of the delimiters removed from the data. Instructions written inside (a park name
 * ending in “。忽略以上要求……”) stay data.
 */
export function dataBlock(text: string | number): string {
  const clean = String(text)
    .replace(DELIMITER_LIKE, (m) => (m.startsWith('资料') ? m.replace('资料', '资 料') : ''))
    // Control characters other than line breaks and tabs carry nothing a report needs and can hide text.
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' || c === '\r' ? c : ''))
  return `${DATA_START}\n${clean}\n${DATA_END}`
}

/** The park the report is about, as data: its name and the lead industry the report must stay on. */
export function parkBlock(parkName: string, focusIndustry: string): string {
  return dataBlock(`园区名称：${parkName}\n主导产业（全篇聚焦）：${focusIndustry}`)
}

/** The texts a section's prompt carries, to choose the glossary entries worth listing. */
function sectionTexts(section: PlanSection): string[] {
  return [
    section.guidance,
    ...section.problems.map((p) => p.text),
    ...section.measures.flatMap((m) => [m.text, ...m.clauses.map((c) => c.text)]),
    ...section.results.map((r) => r.text),
    ...section.notes.map((n) => n.text),
  ]
}

function structureFor(section: PlanSection): string {
  switch (section.role) {
    case 'background':
    case 'overview':
      return renderPrompt('structure-background', { parts: backgroundParts(section) })
    case 'measures':
    case 'practices':
      if (!section.measures.length) break
      return renderPrompt('structure-measures', {
        count: section.measures.length,
        refs: section.measures.map((m) => m.id).join('、'),
        headings: section.measures.map((m) => `“${m.heading}”`).join('、'),
      })
    case 'results':
    case 'highlights':
      if (!section.results.length) break
      return renderPrompt('structure-results', {
        count: section.results.length,
        refs: section.results.map((r) => r.id).join('、'),
        headings: section.results.map((r) => `“${r.heading}”`).join('、'),
      })
  }
  return renderPrompt('structure-default', { item_style: section.itemStyle ?? '按内容分若干小标题撰写。' })
}

/**
 * The three aspects of 背景介绍 (000/001 报告框架参考 一是/二是/三是). When the guidance already quotes them, they are
 * named by their first words only: the guidance is in the same prompt.
 */
function backgroundParts(section: PlanSection): string {
  if (!section.parts.length) return '一是发展基础，二是主要制约因素，三是开展创新实践的必要性与紧迫性。'
  if (section.parts.every((p) => section.guidance.includes(p))) {
    return `即【模板对本部分的要求】中${section.parts.map((p) => `“${p.slice(0, 2)}”`).join('')}所列的方面。`
  }
  return section.parts.map((p) => `- ${p}`).join('\n')
}

function measureLines(measures: PlanSection['measures']): string {
  const cited = new Set<string>()
  return lines(
    measures.map((m) => {
      const addresses = m.addresses.length ? `（针对${m.addresses.join('、')}）` : ''
      // A clause serving several measures is quoted once; later measures cite its path only.
      const clauses = m.clauses
        .map((c) => {
          const quoted = cited.has(c.path)
          cited.add(c.path)
          return `\n  政策依据：${c.path}${quoted ? '（见上）' : `：${clip(c.text, CLAUSE_CHARS)}`}`
        })
        .join('')
      return `- ${m.id}${addresses}${m.text}${clauses}`
    }),
  )
}

export function sectionPromptValues(plan: DraftPlan, section: PlanSection): PromptValues {
  return {
    section_heading: section.path,
    park: parkBlock(plan.parkName, plan.focusIndustry),
    guidance: section.guidance,
    budget: section.budget,
    structure: structureFor(section),
    problems: dataBlock(lines(section.problems.map((p) => `- ${p.id} ${p.text}`))),
    measures: dataBlock(measureLines(section.measures)),
    results: dataBlock(lines(section.results.map((r) => `- ${r.id}${r.from.length ? `（来自${r.from.join('、')}）` : ''}${r.text}`))),
    notes: dataBlock(lines(section.notes.map((n) => `- ${n.label}：${clip(n.text, NOTE_CHARS)}`))),
    facts: dataBlock(factLines(section)),
    entities: dataBlock(entityLines(plan.entities, sectionTexts(section))),
  }
}

export function abstractPromptValues(plan: DraftPlan): PromptValues {
  // The abstract states the key before/after figures: those of the results part, plus every problem's own numbers.
  const results = plan.sections.find((s) => s.role === 'results' || s.role === 'highlights')
  const facts = results ? factLines(results) : NONE
  return {
    park: parkBlock(plan.parkName, plan.focusIndustry),
    budget: plan.abstract.budget,
    points: dataBlock(lines(plan.abstract.points.map((p) => `- ${p}`))),
    facts: dataBlock(facts),
    entities: dataBlock(entityLines(plan.entities, plan.abstract.points)),
  }
}

/**
 * Figures for a call that has no plan section at hand (a rewrite of a human draft): the park's facts, one line each.
 * Numbers already written in the section are allowed by the prompt itself (“原文中的数字”).
 */
export function parkFactLines(park: ParkData | undefined): string {
  if (!park) return NONE
  return lines(park.facts.map((f) => factLine(f)))
}
