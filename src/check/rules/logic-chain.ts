import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { sectionHeadingLine, type SectionRole } from '../../kinds/kind-spec.js'
import type { ReportDoc, Section, TextSpan } from '../../model/report-doc.js'
import type { ParkData } from '../../park/park-schema.js'
import { checkMemo } from '../check-memo.js'
import { announcesItems, enumerationsOf } from '../enumerations.js'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { partsByRole } from '../section-match.js'
import { sentencesOf } from '../sentences.js'
import { keyTerms, overlapScorer, type TermBag } from '../term-overlap.js'
import { blockRange } from '../text-blocks.js'

/**
 * 000/001 填写要求4: 全文应遵循“问题导向—解决路径—实践成效”的逻辑结构; 二、创新举措 “对应上文提出的发展问题”,
 * 三、实践成效 “要对应上文提出的发展问题”. Two checks:
 * - every problem raised in the background part is answered by some measure or some result;
 * - every measure (a sub-section of the measures part) has some result.
 *
 * Problems are extracted from the background part (role 'background'), in this order:
 * 1. a sub-section whose heading states a problem (contains a cue, src/check/data/logic-chain-terms.json) is one
 *    problem; a sub-section headed by a mere label (（二）存在的主要问题) is read like the part itself;
 * 2. an enumeration 一是…；二是…；三是… in a paragraph: every item when the sentence introducing it has a cue
 *    (“仍面临三方面制约：”), otherwise the items that have one (一是 may list the 基础, 二是 the 短板);
 *    The sentence introducing the items may be a sentence of its own (“……突出表现在三个方面。一是……”, enumerations.ts);
 * 3. any other sentence with a cue, unless it refers back (“破解上述问题，是…的迫切需要”) or is a conditional
 *    (“如果……迈不出第一步，……将面临……风险”: what is at stake, the problems it rests on are stated elsewhere).
 * “About the same thing” = enough shared key terms (src/check/term-overlap.ts: jieba words, bigrams and figures,
 * weighted by rarity, overlap coefficient ≥ `threshold`), and near the best score the unit has with any other
 * candidate. A measure has a result when a result is about it, or about the problem the measure is about: results
 * share few words with measures (建成协同云平台 → 交付周期由21天缩短至12天) but many with the problem (21天).
 *
 * With park data, `practice.problems/measures/results` link units the words alone may miss (a problem matching
 * P2 is answered by a measure matching a measure that addresses P2); and a measure matching M2 must have a result
 * matching a result with `from` M2 when the park data lists one — the data says which result belongs to it. A draft
 * may state several park results in one unit (a Markdown table of indicators, whose rows reach the rules as
 * paragraphs, figures and all) and one park result across units (the figures in the table, the saving in the next
 * sub-section): both count.
 */

const CuesSchema = z.object({
  cues: z.array(z.string().min(1)).min(1),
  backReferences: z.array(z.string().min(1)),
  labelWords: z.array(z.string().min(1)),
  genericTerms: z.array(z.string().min(1)),
})
const CUES = CuesSchema.parse(JSON.parse(readFileSync(new URL('../data/logic-chain-terms.json', import.meta.url), 'utf8')))
// Cues say that something is a problem, not what it is about: they are no evidence of a match.
const IGNORED = new Set([...CUES.genericTerms, ...CUES.cues])

const MEASURE_ROLES: readonly SectionRole[] = ['measures', 'practices']
const RESULT_ROLES: readonly SectionRole[] = ['results']
const QUOTE_CHARS = 24
// A unit with fewer key terms than this cannot be judged by shared words.
const MIN_TERMS = 2
// A unit is about each target scoring at least this share of its best target's score.
const RELATIVE = 0.6

const messages = {
  problem: (quote: string, background: string, measures: string, results: string) =>
    `“${background}”提出的问题“${quote}”在“${measures}”和“${results}”中都没有对应内容。`,
  problemSuggestion: (measures: string, results: string) => `在${measures}中补充针对该问题的举措，或在${results}中说明其改善。`,
  measure: (quote: string, results: string) => `举措“${quote}”在“${results}”中没有对应的成效。`,
  measureSuggestion: (results: string) => `在${results}中补充该举措带来的变化，优先采用量化数据和前后对比。`,
  parkResult: (results: string, texts: string[]) => `在${results}中写明园区数据所列的对应成效：${texts.join('；')}`,
}

export const logicChainRule = defineRule({
  meta: {
    id: 'logic-chain',
    description: '逻辑链条：背景中提出的问题是否都有对应举措或成效，每项举措是否都有对应成效（问题导向—解决路径—实践成效）',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z
      .object({
        /** Overlap score (0–1) from which two texts count as about the same thing. */
        threshold: z.number().min(0).max(1).default(0.1),
        /**
         * Score from which a unit of the draft is taken to be an item of the park data. Higher: drafts are written from
         * the data, so the same measure or result shares most of its words and figures with it.
         */
        parkThreshold: z.number().min(0).max(1).default(0.5),
      })
      .strict(),
  },
  check({ doc, kind, park, options }) {
    const match = partsByRole(doc, kind)
    const byRoles = (roles: readonly SectionRole[]) => match.pairs.find((pair) => roles.includes(pair.spec.role))
    const background = byRoles(['background'])
    const measures = byRoles(MEASURE_ROLES)
    const results = byRoles(RESULT_ROLES)
    // Kinds without the chain (003 附件2 has no background and lists 亮点 before 做法) are not checked.
    if (!measures || !results) return []

    const problemUnits = background ? problemsOf(doc, background.section) : []
    const measureUnits = unitsOf(doc, measures.section)
    const resultUnits = unitsOf(doc, results.section)
    const parkUnits = parkUnitsOf(park)
    const score = overlapScorer([...problemUnits, ...measureUnits, ...resultUnits, ...parkUnits.all])
    const { threshold } = options

    /**
     * Whether `unit` is about `target`, one of `targets`: the score reaches the threshold and is near the best
     * score of the unit among all targets — a result about 用水 that shares a few words with the 能耗 problem is
     * not taken as the answer to both, while a measure that serves two problems equally answers both.
     */
    const about = (unit: Unit, target: Unit, targets: readonly Unit[]) => {
      const value = score(target, unit)
      return value >= threshold && value >= RELATIVE * Math.max(...targets.map((other) => score(other, unit)))
    }
    const parkItem = <T extends Unit>(unit: Unit, candidates: readonly T[]): T | undefined => {
      let found: T | undefined
      let bestScore = options.parkThreshold
      for (const candidate of candidates) {
        const value = score(unit, candidate)
        if (value >= bestScore) [found, bestScore] = [candidate, value]
      }
      return found
    }
    const answersProblem = (problem: Unit, units: readonly Unit[]) =>
      units.some((unit) => unit.terms.size >= MIN_TERMS && about(unit, problem, problemUnits))

    const measureParks = measureUnits.map((unit) => parkItem(unit, parkUnits.measures))
    // The park's results the draft states. A result unit may state several (a table of indicators), and one result
    // may be spread over several units (the figures in a table, the saving in the next sub-section): a park result
    // is found when one unit matches it, or when the units that share its terms (each at least `threshold`) do
    // together — read as one passage, they must reach `parkThreshold` like a single unit.
    const resultsFound = new Set<ParkUnit>()
    for (const result of parkUnits.results) {
      const scores = resultUnits.map((unit) => score(unit, result))
      if (scores.some((value) => value >= options.parkThreshold)) {
        resultsFound.add(result)
        continue
      }
      const parts = resultUnits.filter((unit, i) => unit.terms.size >= MIN_TERMS && scores[i]! >= threshold)
      if (parts.length >= 2 && score(merged(parts), result) >= options.parkThreshold) resultsFound.add(result)
    }
    const parkLinked = (problem: Unit) => {
      const parkProblem = parkItem(problem, parkUnits.problems)
      if (!parkProblem) return false
      const addressing = new Set(parkUnits.measures.filter((m) => m.links.includes(parkProblem.id)).map((m) => m.id))
      return measureParks.some((m) => m && addressing.has(m.id)) || [...resultsFound].some((r) => r.links.some((id) => addressing.has(id)))
    }

    const measuresLine = sectionHeadingLine(measures.spec)
    const resultsLine = sectionHeadingLine(results.spec)
    const backgroundName = background?.section.heading.text ?? ''
    const findings: RuleFinding[] = []

    for (const problem of problemUnits) {
      if (problem.terms.size < MIN_TERMS) continue
      if (answersProblem(problem, [...measureUnits, ...resultUnits]) || parkLinked(problem)) continue
      findings.push({
        message: messages.problem(problem.label, backgroundName, measures.spec.heading, results.spec.heading),
        start: problem.start,
        end: problem.end,
        suggestion: messages.problemSuggestion(measuresLine, resultsLine),
      })
    }

    measureUnits.forEach((measure, i) => {
      if (measure.terms.size < MIN_TERMS) return
      const parkMeasure = measureParks[i]
      const expected = parkMeasure ? parkUnits.results.filter((r) => r.links.includes(parkMeasure.id)) : []
      let answered: boolean
      if (expected.length) {
        // The park data names this measure's results: one of them must be in the draft.
        answered = expected.some((r) => resultsFound.has(r))
      } else {
        // A result answers a measure directly, or through the problem both are about (the chain of 填写要求4:
        // the measure addresses a problem and a result shows that problem improved). Results share few words with
        // measures (“建成协同云平台” → “交付周期由21天缩短至12天”) but many with the problem (21天, 交付周期).
        const problems = problemUnits.filter((problem) => about(measure, problem, problemUnits))
        answered =
          resultUnits.some((result) => about(result, measure, measureUnits)) ||
          problems.some((problem) => answersProblem(problem, resultUnits))
      }
      if (answered) return
      findings.push({
        message: messages.measure(measure.label, results.spec.heading),
        start: measure.start,
        end: measure.end,
        suggestion: expected.length
          ? messages.parkResult(resultsLine, expected.map((r) => `${r.id} ${r.text}`))
          : messages.measureSuggestion(resultsLine),
      })
    })
    return findings
  },
})

interface Unit {
  text: string
  /** Shown in messages: a heading, or the text itself. */
  label: string
  /** Where a finding points. */
  start: number
  end: number
  terms: TermBag
}

interface ParkUnit extends Unit {
  id: string
  /** Problem ids a measure addresses, measure ids a result comes from. */
  links: string[]
}

/** A problem or measure as quoted in a message: its first clause when that says enough, at most QUOTE_CHARS. */
function quote(text: string): string {
  const clean = text.replace(/^[一二三四五六七八九十]+是/, '').replace(/[。；;，,\s]+$/, '')
  const clause = /^[^，,；;。：:]{4,}(?=[，,；;。：:])/.exec(clean)?.[0]
  const shown = clause ?? clean
  return shown.length > QUOTE_CHARS ? `${shown.slice(0, QUOTE_CHARS)}……` : shown
}

// ---------------------------------------------------------------------------------------------
// Units of the report
// ---------------------------------------------------------------------------------------------

function unit(text: string, label: string, at: { start: number; end: number }): Unit {
  return { text, label, ...at, terms: keyTerms(text, IGNORED) }
}

/** Several units read as one passage: every key term of any of them. */
function merged(units: readonly Unit[]): { terms: TermBag } {
  const terms = new Map<string, number>()
  for (const part of units) for (const [term, weight] of part.terms) terms.set(term, Math.max(weight, terms.get(term) ?? 0))
  return { terms }
}

function fullText(section: Section): string {
  return [section.headingLine, ...section.paragraphs].map((span) => span.text).concat(section.children.map(fullText)).join('\n')
}

function ownBlocks(section: Section): TextSpan[] {
  return [...(section.lead ? [section.lead] : []), ...section.paragraphs]
}

function headingRange(section: Section): { start: number; end: number } {
  return { start: section.marker.start, end: section.heading.text ? section.heading.end : section.marker.end }
}

/**
 * Measures or results: the part's sub-sections (level 2 in the template); without sub-sections its 一是…二是…
 * items; without those, its paragraphs.
 */
function unitsOf(doc: ReportDoc, section: Section): Unit[] {
  if (section.children.length) {
    return section.children.map((child) => unit(fullText(child), `${child.marker.text}${child.heading.text || quote(child.lead?.text ?? '')}`, headingRange(child)))
  }
  const blocks = ownBlocks(section)
  const items = blocks.flatMap((block) => enumerationsOf(block.text).flatMap((run) => run.items.map((item) => ({ block, item }))))
  if (items.length) return items.map(({ block, item }) => unit(item.text, quote(item.text), blockRange(doc, block, item.start, item.end)))
  return blocks.map((block) => {
    const first = sentencesOf(block.text)[0] ?? { start: 0, end: block.text.length }
    return unit(block.text, quote(block.text), blockRange(doc, block, first.start, first.end))
  })
}

const hasCue = (text: string) => CUES.cues.some((cue) => text.includes(cue))
// 这三个问题不解决……, 这两大短板: a count after 这 refers back to problems already listed (the word list has 这些问题).
const COUNTED_BACK_REFERENCE = /这[一二三四五六七八九十两几\d]+(?:个|项|大|类|方面)?(?:问题|短板|瓶颈|难题|制约|痛点|短处|不足)/u
const refersBack = (text: string) => CUES.backReferences.some((word) => text.includes(word)) || COUNTED_BACK_REFERENCE.test(text)
/** 发现三个突出问题。 / ……短板逐步显现： — a sentence that announces what follows is its lead-in, not a problem. */
const introducesWhatFollows = (sentence: string) => announcesItems(sentence) || /[：:]\s*$/u.test(sentence)

// 如果/若/一旦 … 将/就会: what would happen if the problems stayed (the 必要性 of 背景介绍), not a problem of its own.
// The condition opens the sentence or follows its subject in the first clause (园区若不加快改造，将……); 若干 is no 若.
const CONDITION = /^[^，,；;。：:]*?(?:如果|假如|假若|倘若|如若|若(?!干)|一旦|要是|如不(?!断)|万一)/u
const CONSEQUENCE = /[，,]\s*[^，,；;。]*?(?:将|就会|就将|便会|则|会|势必|必将|必然|可能)/u
const isConditional = (sentence: string) => CONDITION.test(sentence) && CONSEQUENCE.test(sentence)

/** A heading that only labels what follows: 存在的主要问题, 发展短板与瓶颈. */
function isLabel(heading: string): boolean {
  let rest = heading.replace(/[\s\u3000。．.，,；;：:、]/g, '')
  for (const word of [...CUES.cues, ...CUES.labelWords].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('')
  return rest.length <= 1
}

/** The problems the background part raises (see the module comment for the order of the readings). */
function problemsOf(doc: ReportDoc, section: Section): Unit[] {
  const problems: Unit[] = []
  for (const block of ownBlocks(section)) {
    const covered: [number, number][] = []
    for (const run of enumerationsOf(block.text)) {
      const leadIn = block.text.slice(run.leadInStart, run.items[0]!.start)
      const all = hasCue(leadIn) && !refersBack(leadIn)
      for (const item of run.items) {
        if (all || hasCue(item.text)) problems.push(unit(item.text, quote(item.text), blockRange(doc, block, item.start, item.end)))
      }
      covered.push([run.leadInStart, run.items[run.items.length - 1]!.end])
    }
    for (const sentence of sentencesOf(block.text)) {
      if (covered.some(([from, to]) => sentence.start < to && sentence.end > from)) continue
      if (!hasCue(sentence.text) || refersBack(sentence.text) || isConditional(sentence.text) || introducesWhatFollows(sentence.text)) continue
      problems.push(unit(sentence.text, quote(sentence.text), blockRange(doc, block, sentence.start, sentence.end)))
    }
  }
  for (const child of section.children) {
    if (child.heading.text && hasCue(child.heading.text) && !isLabel(child.heading.text)) {
      problems.push(unit(fullText(child), child.heading.text, headingRange(child)))
    } else {
      problems.push(...problemsOf(doc, child))
    }
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// Park data
// ---------------------------------------------------------------------------------------------

interface ParkUnits {
  problems: ParkUnit[]
  measures: ParkUnit[]
  results: ParkUnit[]
  all: ParkUnit[]
}

/** The park's practice items as units: a function of the park alone, so computed once per check (or per frozen park). */
function parkUnitsOf(park: ParkData | undefined): ParkUnits {
  return park ? checkMemo(park, 'logicChainUnits', readParkUnits) : readParkUnits(undefined)
}

function readParkUnits(park: ParkData | undefined): ParkUnits {
  const practice = park?.practice
  const toUnit = (id: string, text: string, links: string[]): ParkUnit => ({ ...unit(text, text, { start: 0, end: 0 }), id, links })
  const problems = (practice?.problems ?? []).map((p) => toUnit(p.id, p.text, []))
  const measures = (practice?.measures ?? []).map((m) => toUnit(m.id, m.text, m.addresses))
  const results = (practice?.results ?? []).map((r) => toUnit(r.id, r.text, r.from))
  return { problems, measures, results, all: [...problems, ...measures, ...results] }
}
