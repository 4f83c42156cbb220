import type { DraftFigure } from './draft-figures.js'

/**
 * Whether a figure of a draft and a number of the park data speak about the same thing, judged by their words. A
 * figure equal to a datum is traced to it only when they do: 入驻企业生产效率平均提升12.8% is not backed by the park's
 * 增加值占全市地区生产总值比重 of 12.8% — the same number, a different thing. Models invent figures that way, and a
 * figure-by-value match alone would let any number the data happens to hold pass.
 *
 * The figure's description is the words of its own clause around it (labelBefore, labelAfter); the datum's is its
 * label (an indicator or fact label, a derived figure's label, or the words before a number in the park's texts). Both
 * are read as Chinese character pairs (bigrams) without the words every figure has around it (提升, 达到, 园区 …). They
 * agree when they share two pairs, or one pair that is at least a third of the figure's description (开发强度 ~ 实际开发
 * 面积占实际管理面积比重). A figure with too few words of its own to judge (达93.6%, 其中37家) is left to agree: the
 * words are not there to contradict the match; so is a datum with too few (较2023年增加277家).
 */

/** Words around any figure that say nothing about what it counts. */
const GENERIC_WORDS = [
  '提升', '提高', '增长', '增加', '上升', '下降', '降低', '减少', '缩短', '压减', '降至', '提升至', '达到', '实现', '累计',
  '平均', '同比', '环比', '较上年', '全年', '年度', '当年', '其中', '共计', '合计', '超过', '以上', '左右', '分别', '新增',
  '园区', '全区', '我区', '本园', '目前', '已经', '已有', '同期', '以来', '期间', '总计', '约为', '达到了', '首次',
]
const HAN_RUN = /\p{Script=Han}+/gu
const GENERIC_BIGRAMS = new Set(GENERIC_WORDS.flatMap((word) => pairsOf(word)))

/** Fewest content pairs a figure's description needs before its words can contradict a match. */
const MIN_DESCRIPTION_PAIRS = 2
/** Share of the figure's own pairs one shared pair must make up when only one is shared. */
const SINGLE_PAIR_SHARE = 1 / 3

function pairsOf(text: string): string[] {
  const out: string[] = []
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = Array.from(run)
    for (let i = 1; i < chars.length; i++) out.push(chars[i - 1]! + chars[i]!)
  }
  return out
}

/** The content pairs of a text: Chinese character pairs other than the generic ones. */
export function contentPairs(text: string): Set<string> {
  return new Set(pairsOf(text).filter((pair) => !GENERIC_BIGRAMS.has(pair)))
}

/** The words that say what a figure counts: its clause before it and the noun after it. */
export function figureDescription(figure: Pick<DraftFigure, 'labelBefore' | 'labelAfter'>): string {
  return `${figure.labelBefore.text}\u0000${figure.labelAfter.text}`
}

/**
 * Whether a figure described by `description` may be the datum whose label has the content pairs `labelPairs` (both
 * from contentPairs: a datum's pairs are computed once, however many figures it is compared with). Undefined
 * `labelPairs` (a number with no words, from a material's list) agrees: nothing to compare.
 */
export function describesSameThing(description: ReadonlySet<string>, labelPairs: ReadonlySet<string> | undefined): boolean {
  if (description.size < MIN_DESCRIPTION_PAIRS || labelPairs === undefined) return true
  // The same on the datum's side: a number of the park's texts whose clause holds too few words of its own (较2023年
  // 增加277家, where the subject is in the clause before) cannot contradict the figure's description either.
  if (labelPairs.size < MIN_DESCRIPTION_PAIRS) return true
  let shared = 0
  for (const pair of description) if (labelPairs.has(pair)) shared++
  return shared >= 2 || (shared === 1 && shared / description.size >= SINGLE_PAIR_SHARE)
}
