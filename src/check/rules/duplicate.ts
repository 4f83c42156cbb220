import { z } from 'zod'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { blockRange, textBlocks, type BlockRole, type TextBlock } from '../text-blocks.js'

/**
 * A passage written twice word for word — a sentence pasted again, a clause repeated (……集聚不足，……集聚不足), the
 * opening paragraph copied into a later one. Compared clause by clause (between ，；。！？：), so a repeat inside two
 * differently opened sentences is found too; a run of repeated clauses is one finding on the later copy.
 * The 【摘要】 sums up the body and the title names it: repeats between them and the body are expected and left alone.
 */

/** Shorter clauses repeat by nature (同比增长, 取得明显成效); this many Chinese characters make a repeat a slip. */
const MIN_CLAUSE_CHARS = 10
// Away from its first copy, a repeated clause can be deliberate (a list of measures per level, a refrain): a repeat
// in the same paragraph is a slip; in the next paragraph from this many characters, farther away from MIN_DISTANT….
const MIN_NEXT_RUN_CHARS = 20
const MIN_DISTANT_RUN_CHARS = 30
// As character codes: the scan reads every character of every block, and a Chinese character read as text[i] is a new string.
const CLAUSE_END_CODES: ReadonlySet<number> = new Set(Array.from('，,；;。！？!?：:', (mark) => mark.charCodeAt(0)))
const CHECKED_ROLES: ReadonlySet<BlockRole> = new Set(['preamble', 'lead', 'paragraph'])

const messages = {
  found: '这段文字与前文逐字重复。',
  suggestion: '删去重复的一处，或改写为新的内容。',
}

interface FirstCopy {
  /** Index of its block among the checked blocks. */
  index: number
  section: string
}

interface Clause {
  block: TextBlock
  /** Index of its block among the checked blocks. */
  blockIndex: number
  text: string
  start: number
  /** End including its closing mark. */
  end: number
}

export const duplicateRule = defineRule({
  meta: {
    id: 'duplicate',
    description: '逐字重复的句子或分句',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    // Each clause's text → where its first copy is.
    const seen = new Map<string, FirstCopy>()
    const findings: RuleFinding[] = []
    let run: { first: Clause; last: Clause; firstCopyBlock: FirstCopy } | undefined
    const flush = () => {
      if (!run) return
      const distance = run.first.blockIndex - run.firstCopyBlock.index
      // Paragraphs under different headings are not neighbours, however close.
      const sameSection = run.firstCopyBlock.section === run.first.block.section
      const chars = hanCount(run.first.block.text, run.first.start, run.last.end)
      if (chars < (distance === 0 ? 0 : distance === 1 && sameSection ? MIN_NEXT_RUN_CHARS : MIN_DISTANT_RUN_CHARS)) {
        run = undefined
        return
      }
      const range = blockRange(doc, run.first.block, run.first.start, run.last.end)
      // No automatic fix: which copy to keep, and the marks around it, are the writer's choice.
      findings.push({ message: messages.found, ...range, suggestion: messages.suggestion })
      run = undefined
    }
    for (const [blockIndex, block] of textBlocks(doc).filter((b) => CHECKED_ROLES.has(b.role)).entries()) {
      for (const clause of clausesOf(block, blockIndex)) {
        const key = clause.text.replace(/\s+/gu, '')
        // A clause citing a document (园区对照《……》“……”要求) is a formula each measure may repeat.
        if (hanCount(key) < MIN_CLAUSE_CHARS || key.includes('《')) {
          // A short clause seen before extends a run it follows (……平台，接入监测点位8600个。 pasted twice).
          if (run && run.last.block === block && run.last.end === clause.start && seen.has(key)) run.last = clause
          else flush()
          if (!seen.has(key)) seen.set(key, { index: blockIndex, section: block.section })
          continue
        }
        if (seen.has(key)) {
          if (run && run.last.block === block && run.last.end === clause.start) run.last = clause
          else {
            flush()
            run = { first: clause, last: clause, firstCopyBlock: seen.get(key)! }
          }
        } else {
          flush()
          seen.set(key, { index: blockIndex, section: block.section })
        }
      }
      flush()
    }
    return findings
  },
})

/**
 * How many Chinese characters (U+4E00–U+9FA5) `text` holds in [start, end). Counted by code: every clause of the draft
 * is counted, and `match` would make a string of each of its characters.
 */
function hanCount(text: string, start = 0, end = text.length): number {
  let count = 0
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i)
    if (code >= 0x4e00 && code <= 0x9fa5) count += 1
  }
  return count
}

/** The clauses of a block: text between clause marks, with the mark that ends each. */
function clausesOf(block: TextBlock, blockIndex: number): Clause[] {
  const clauses: Clause[] = []
  let start = 0
  const text = block.text
  for (let i = 0; i <= text.length; i += 1) {
    if (i < text.length && !CLAUSE_END_CODES.has(text.charCodeAt(i))) continue
    const end = Math.min(i + 1, text.length)
    let from = start
    while (from < i && /\s/u.test(text[from]!)) from += 1
    if (from < i) clauses.push({ block, blockIndex, text: text.slice(from, i), start: from, end })
    start = end
  }
  return clauses
}
