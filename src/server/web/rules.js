// The checker's rules as people see them: each rule's Chinese name and what it finds, from GET /api/rules (the one
// table the CLI and Word comments use too). The page keeps no copy of its own, so a rule added on the server is
// named here without a change to the page.
import { h } from './dom.js'
import { state } from './state.js'

let rules = []
let ruleNames = {}

/** Called once at start-up with the answer of GET /api/rules. */
export function setRules(answer) {
  rules = answer.rules
  ruleNames = answer.names
}

/** The Chinese name of a checker rule (“其他” only before the list has arrived). */
export const ruleName = (id) => ruleNames[id] ?? '其他'

/** What the checker looks at: every rule's name and what it finds, folded away until asked for. */
export function rulesCard() {
  const kindName = (id) => state.kinds.find((k) => k.id === id)?.name ?? id
  return h(
    'details',
    { class: 'card rules-card' },
    h('summary', {}, `审校检查哪些内容（${rules.length} 项）`),
    h(
      'dl',
      { class: 'rules' },
      rules.flatMap((rule) => [
        h('dt', {}, rule.name),
        h(
          'dd',
          {},
          rule.description,
          rule.needsPark ? '（需要园区资料）' : null,
          rule.needsDocx ? '（仅审校 Word 文件时）' : null,
          rule.kinds === 'all' ? null : `（仅适用于：${rule.kinds.map(kindName).join('、')}）`,
        ),
      ]),
    ),
  )
}
