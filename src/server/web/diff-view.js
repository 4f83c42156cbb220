// The two columns of a comparison: the text before with its deletions struck through, the text after with its
// insertions marked. Shared by 改写 (one section) and 审校's comparison of two versions.
import { h } from './dom.js'

/** [before nodes, after nodes] from the server's diff ops ({op: 'equal'|'delete'|'insert', text}). */
export function diffColumns(diff) {
  const before = []
  const after = []
  for (const op of diff) {
    if (op.op === 'equal') {
      before.push(op.text)
      after.push(op.text)
    } else if (op.op === 'delete') before.push(h('del', {}, op.text))
    else after.push(h('ins', {}, op.text))
  }
  return [before, after]
}
