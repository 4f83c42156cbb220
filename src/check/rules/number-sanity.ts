import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { changeFinding } from '../change-finding.js'
import { draftFigures, quoteFigure, type DraftFigure } from '../draft-figures.js'
import { changeVerdicts } from '../figure-binding.js'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { sentencesOf } from '../sentences.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { matchesOf } from '../../regex-matches.js'

/**
 * Figures an editor knows are wrong without any park data: a share or bounded rate above 100 %
 * (占全省规上工业的305%, 企业上云率达到120%), a change its own 由A至B contradicts (由326家增至612家，增长了46.7%),
 * 个百分点 for the change of an amount (销售收入比上年增加10个百分点), and a lead claim its own rank contradicts
 * (全国领先……居全国第5位; 全国领先。在全国同类园区中排名第5位。). With park data, number-consistency judges the changes (it also corrects A and B).
 * Word lists: src/check/data/number-sanity-words.json.
 */

const WordsSchema = z.object({
  $comment: z.string(),
  boundedRates: z.array(z.string().min(2)).min(1),
  amountWords: z.array(z.string().min(2)).min(1),
  rateWords: z.array(z.string().min(1)).min(1),
  leadClaims: z.array(z.object({ claim: z.string().min(2), scope: z.string().min(2), minRank: z.number().int().min(2) })).min(1),
})
const WORDS = WordsSchema.parse(JSON.parse(readFileSync(new URL('../data/number-sanity-words.json', import.meta.url), 'utf8')))

const alternatives = (words: readonly string[]) => words.toSorted((a, b) => b.length - a.length).join('|')
// 上云率达到120%, 占比为105%, 占全省规上工业的305%, 占全县工业总产值132.5%: the rate (or 占 + what the share is
// of) and a verb of reaching, nothing else between. 覆盖率由60%提高到105%: the rate's value after a change is a rate.
// (占 + a verb of change, 占据市场增长120%, is a growth; 占地/占用 are other words.)
const REACHES = '(?:已|已经|均|分别)?(?:达到|达|为|是|提升至|提升到|提高至|提高到|升至|增至|增长至|超过|约)?(?:了)?'
const FROM_TO = '(?:由|从)[^，,。；;：:]{1,12}?(?:提升|提高|增长|增加|上升|升)?(?:至|到)'
const SHARE_OF = '占(?![地用据领有])(?:(?!增长|提高|增加|上升|下降|减少|降低)[^，,。；;：:\\d]){1,24}?(?:的)?(?:比重|比例)?'
const BOUNDED_LABEL = new RegExp(`(?:(?:${alternatives(WORDS.boundedRates)})(?:${REACHES}|${FROM_TO})|${SHARE_OF}${REACHES})\\s*$`, 'u')
const AMOUNT = new RegExp(alternatives(WORDS.amountWords), 'gu')
const RATE_WORD = new RegExp(alternatives(WORDS.rateWords), 'u')
const ELASTICITY = /每[^，,。；;]{0,4}?(?:提高|增长|增加|上升|下降|降低|减少)\s*$/u
const CONTRIBUTION = /拉动|带动|贡献/u
const PERCENT_FIGURE = /\d(?:\.\d+)?\s*[%％]/u
const CLAIM = new RegExp(alternatives(WORDS.leadClaims.map((entry) => entry.claim)), 'gu')
const CLAIMS = new Map(WORDS.leadClaims.map((entry) => [entry.claim, entry]))
// 居全国第5位, 位列全省第3名, 排名全国第十; the scope first: 全国排名第8, 在全国同类园区中排名第5位.
const RANK_VERB = '(?:位居|位列|名列|排名|排在|居|排|列)'
const RANK_NUMBER = '第\\s*(\\d+|[一二三四五六七八九十]+)(?:位|名)?'
const RANK = new RegExp(`${RANK_VERB}(全国|全省|全市)(?:同类园区)?${RANK_NUMBER}|(全国|全省|全市)(?:同类园区|[^，,。；;：:\\d]{0,6}?中)?${RANK_VERB}${RANK_NUMBER}`, 'gu')
const RANKED_BEFORE = new RegExp(`${RANK_VERB}$`, 'u')
// 在全国同类园区中排名第5位 opening a sentence has no subject of its own: it ranks what the sentence before claimed.
const SUBJECTLESS_RANK = new RegExp(`^(?:在)?(?:${RANK.source})(?!的)`, 'u')
const CHINESE_DIGITS = '一二三四五六七八九'

const messages = {
  bounded: (written: string) => `“${written}”超过100%：比率和比重不可能超过100%，请核对数值或口径。`,
  boundedSuggestion: '核对原始数据（是否小数点错位，如305%应为30.5%），改为正确的比率。',
  points: (written: string, amount: string) => `“${written}”用“百分点”表示“${amount}”的变化：百分点只用于比率之差，总量的变化应写增长的百分比或绝对量。`,
  pointsSuggestion: '改为“增长××%”或“增加××亿元”。',
  claim: (claim: string, rank: string, nextSentence?: boolean) => `“${claim}”与${nextSentence ? '下一句' : '同句'}的“${rank}”矛盾。`,
  claimSuggestion: (rank: string) => `删去“领先”“第一”一类说法，如实写“${rank}”。`,
}

export const numberSanityRule = defineRule({
  meta: {
    id: 'number-sanity',
    description: '不需要园区数据就能看出的数字错误（比率超过100%、变化量与前后数值矛盾、“领先”与名次矛盾）',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc, park }) {
    const figures = draftFigures(doc)
    const findings: RuleFinding[] = []
    for (const figure of figures) {
      const finding = boundedRate(figure) ?? percentagePoints(figure)
      if (finding) findings.push({ ...finding, ...blockRange(doc, figure.block, figure.start, figure.end) })
    }
    if (!park) {
      for (const [figure, change] of changeVerdicts(figures, [], { rounding: true, approxTolerance: 0.05 })) {
        if (!change.agrees) findings.push(changeFinding(doc, figure, change))
      }
    }
    for (const block of textBlocks(doc)) {
      const sentences = sentencesOf(block.text)
      for (const [i, sentence] of sentences.entries()) {
        const next = sentences[i + 1]?.text
        const ranks = [...rankMatches(sentence.text), ...(next !== undefined && SUBJECTLESS_RANK.test(next) ? rankMatches(next).slice(0, 1).map((r) => ({ ...r, nextSentence: true })) : [])]
        for (const claim of contradictedClaims(sentence.text, ranks)) {
          findings.push({
            message: messages.claim(claim.claim, claim.rank, claim.nextSentence),
            ...blockRange(doc, block, sentence.start + claim.index, sentence.start + claim.index + claim.claim.length),
            suggestion: messages.claimSuggestion(claim.rank),
          })
        }
      }
    }
    return findings.toSorted((a, b) => a.start - b.start)
  },
})

function boundedRate(figure: DraftFigure): Omit<RuleFinding, 'start' | 'end'> | undefined {
  if (figure.unit !== '%' && figure.unit !== '％') return undefined
  if (figure.value <= 100 || figure.role === 'delta' || figure.role === 'increment') return undefined
  const before = figure.block.text.slice(figure.sentence.start, figure.start)
  if (!BOUNDED_LABEL.test(before)) return undefined
  return { message: messages.bounded(quoteFigure(figure)), suggestion: messages.boundedSuggestion }
}

/** 销售收入……比上年增加10个百分点: the last amount named before it, with no rate word or percentage in between. */
function percentagePoints(figure: DraftFigure): Omit<RuleFinding, 'start' | 'end'> | undefined {
  if (figure.unit !== '个百分点' && figure.unit !== '百分点') return undefined
  const before = figure.block.text.slice(figure.sentence.start, figure.start)
  const amounts = [...matchesOf(before, AMOUNT)]
  const amount = amounts[amounts.length - 1]
  if (!amount) return undefined
  const between = before.slice(amount.index + amount[0].length)
  // 营业收入增速提高3个百分点, 增加值增长7.5%，高于全省2个百分点: the points are a rate's.
  if (RATE_WORD.test(between) || PERCENT_FIGURE.test(between) || RATE_WORD.test(before.slice(Math.max(0, amount.index - 2), amount.index))) return undefined
  // 销售收入每提高1个百分点，可带动地区生产总值提高0.56个百分点: an elasticity, and a contribution to growth
  // (拉动GDP增长0.5个百分点), speak of growth rates — the points are right there.
  if (ELASTICITY.test(before) || CONTRIBUTION.test(between)) return undefined
  return { message: messages.points(quoteFigure(figure), amount[0]), suggestion: messages.pointsSuggestion }
}

interface Rank {
  scope: string
  rank: number
  /** As quoted in the message (居全国第5位, 全国排名第8). */
  text: string
  /** The rank stands in the next sentence, which has no subject of its own. */
  nextSentence?: boolean
}

function rankMatches(sentence: string): Rank[] {
  return [...matchesOf(sentence, RANK)].map((match) => ({
    scope: match[1] ?? match[3]!,
    rank: rankNumber(match[2] ?? match[4]!),
    text: (match[1] ? match[0].replace(/^(?:位居|位列|名列|排名|排在|居|排|列)/u, '居') : match[0]).replace(/第\s+/u, '第'),
  }))
}

function contradictedClaims(sentence: string, ranks: readonly Rank[]): { claim: string; index: number; rank: string; nextSentence?: boolean }[] {
  if (!ranks.length) return []
  return [...matchesOf(sentence, CLAIM)].flatMap((match) => {
    // 均居全国第一 states a rank (of something else), not a claim.
    if (RANKED_BEFORE.test(sentence.slice(0, match.index))) return []
    const entry = CLAIMS.get(match[0])!
    const rank = ranks.find((r) => r.scope === entry.scope && r.rank >= entry.minRank)
    return rank ? [{ claim: match[0], index: match.index, rank: rank.text, ...(rank.nextSentence ? { nextSentence: true } : {}) }] : []
  })
}

/** 5 → 5, 十 → 10, 十二 → 12, 二十 → 20. */
function rankNumber(written: string): number {
  if (/^\d+$/u.test(written)) return Number(written)
  const [tens, ones] = written.includes('十') ? written.split('十') : ['', written]
  const digit = (s: string | undefined) => (s ? CHINESE_DIGITS.indexOf(s) + 1 : 0)
  return (written.includes('十') ? (tens ? digit(tens) : 1) * 10 : 0) + digit(ones)
}
