/**
 * A small diff for showing what a rewrite changed in one section: lines first, then characters inside a block of
 * changed lines, so “由71.3%提升至93.6%” → “由71.3%提高到93.6%” shows as two characters, not two whole lines.
 *
 * Longest common subsequence by dynamic programming, after stripping the common prefix and suffix. A section is at
 * most a few thousand characters, so the table stays small; beyond MAX_CELLS the changed middle is reported as one
 * delete and one insert rather than spending memory. Written here rather than taking the `diff` package: ~100 lines,
 * no new dependency (CONVENTIONS), and the output is exactly the shape the API returns.
 */

export type DiffOp = { op: 'equal' | 'delete' | 'insert'; text: string }

const MAX_CELLS = 4_000_000

/** Diff of two token lists, merged into runs. */
function diffTokens(a: readonly string[], b: readonly string[]): DiffOp[] {
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  let suffix = 0
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++
  const x = a.slice(prefix, a.length - suffix)
  const y = b.slice(prefix, b.length - suffix)

  const ops: DiffOp[] = []
  const push = (op: DiffOp['op'], text: string) => {
    if (!text) return
    const last = ops[ops.length - 1]
    if (last && last.op === op) last.text += text
    else ops.push({ op, text })
  }
  push('equal', a.slice(0, prefix).join(''))

  const n = x.length
  const m = y.length
  if (n * m > MAX_CELLS) {
    push('delete', x.join(''))
    push('insert', y.join(''))
  } else {
    // lcs[i][j] = LCS length of x[i..] and y[j..]
    const width = m + 1
    const lcs = new Uint32Array((n + 1) * width)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
      }
    }
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        push('equal', x[i]!)
        i++
        j++
      } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
        push('delete', x[i++]!)
      } else {
        push('insert', y[j++]!)
      }
    }
    while (i < n) push('delete', x[i++]!)
    while (j < m) push('insert', y[j++]!)
  }

  push('equal', a.slice(a.length - suffix).join(''))
  return ops
}

/** Lines, each with its line break, so joining the ops gives back the texts. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

export function diffLines(before: string, after: string): DiffOp[] {
  return diffTokens(splitLines(before), splitLines(after))
}

export function diffChars(before: string, after: string): DiffOp[] {
  return diffTokens([...before], [...after])
}

/**
 * Line diff, with each block of deleted lines followed by inserted lines refined to a character diff. Joining the
 * `equal`+`delete` texts gives `before`, joining `equal`+`insert` gives `after`.
 */
export function diffText(before: string, after: string): DiffOp[] {
  const lines = diffLines(before, after)
  const out: DiffOp[] = []
  const push = (op: DiffOp) => {
    const last = out[out.length - 1]
    if (last && last.op === op.op) last.text += op.text
    else out.push({ ...op })
  }
  for (let k = 0; k < lines.length; k++) {
    const op = lines[k]!
    const next = lines[k + 1]
    if (op.op === 'delete' && next?.op === 'insert') {
      for (const piece of diffChars(op.text, next.text)) push(piece)
      k++
    } else {
      push(op)
    }
  }
  return out
}

/** Counts for a summary line: characters deleted and inserted. */
export function diffStats(ops: readonly DiffOp[]): { deleted: number; inserted: number } {
  let deleted = 0
  let inserted = 0
  for (const op of ops) {
    if (op.op === 'delete') deleted += [...op.text].length
    if (op.op === 'insert') inserted += [...op.text].length
  }
  return { deleted, inserted }
}

/** A plain-text rendering for the CLI: [-deleted-]{+inserted+}. */
export function formatDiff(ops: readonly DiffOp[]): string {
  return ops.map((op) => (op.op === 'equal' ? op.text : op.op === 'delete' ? `[-${op.text}-]` : `{+${op.text}+}`)).join('')
}
