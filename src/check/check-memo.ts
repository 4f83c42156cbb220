/**
 * Results the rules of one check share. Several rules read the same things of a draft and of the park data — the
 * text blocks, the figures of the draft, the park's known figures and data series — and each used to compute them
 * again. Within `checkScope` (checkReport runs every rule inside one) such a result is computed once, keyed by the
 * very object it is computed from.
 *
 * Why this can never return a stale result: a check is one synchronous call in which rules only read (rule.ts);
 * nothing can change the draft or the park data between two rules. The memo lives only as long as that call: it is
 * dropped when the call returns, so an object changed between two checks is read afresh. Outside a check (a rule or
 * helper called directly) nothing is memoized — except for objects deep-frozen by `freezeForChecks`, which cannot
 * change at all, so what is computed from them is kept for as long as they live (the HTTP API checks many drafts
 * against one park).
 *
 * A memoized value is shared by every rule of the check (and, for a frozen owner, by later checks): it is typed
 * readonly and must not be changed. `compute` must read nothing but its owner.
 */

let scope: WeakMap<object, Map<string, unknown>> | undefined
/** Results computed from strings (a block's text) within the current check, by key and then by the text. */
let textScope: Map<string, Map<string, unknown>> | undefined
/** Objects deep-frozen by freezeForChecks or memoized from one, and what has been computed from them. */
const frozen = new WeakMap<object, Map<string, unknown>>()

/** Runs `run` with a fresh memo (nested calls get their own, and the outer one is restored after). */
export function checkScope<T>(run: () => T): T {
  const outer = scope
  const outerText = textScope
  scope = new WeakMap()
  textScope = new Map()
  try {
    return run()
  } finally {
    scope = outer
    textScope = outerText
  }
}

/**
 * `compute(text)`, computed once per check for this text and key: what several rules read of the same block text
 * (its sentences) is computed once. `compute` must read nothing but the text. Outside a check nothing is kept.
 */
export function checkTextMemo<T>(text: string, key: string, compute: (text: string) => T): T {
  if (!textScope) return compute(text)
  let byText = textScope.get(key) as Map<string, T> | undefined
  if (!byText) {
    byText = new Map()
    textScope.set(key, byText)
  }
  if (byText.has(text)) return byText.get(text)!
  const value = compute(text)
  byText.set(text, value)
  return value
}

/**
 * `compute(owner)`, computed once per check for this owner object and key (once for a frozen owner). A value computed
 * from a frozen owner is kept as long as the owner, so what is computed from that value in turn (the park's data
 * series, then the phrase matcher of their terms) is kept as long too: it is a function of frozen data alone.
 */
export function checkMemo<Owner extends object, T>(owner: Owner, key: string, compute: (owner: Owner) => T): T {
  let slots = frozen.get(owner)
  const lasting = slots !== undefined
  if (!slots) {
    if (!scope) return compute(owner)
    slots = scope.get(owner)
    if (!slots) {
      slots = new Map()
      scope.set(owner, slots)
    }
  }
  if (slots.has(key)) return slots.get(key) as T
  const value = compute(owner)
  slots.set(key, value)
  if (lasting && typeof value === 'object' && value !== null && !frozen.has(value)) frozen.set(value, new Map())
  return value
}

/**
 * Deep-freezes a plain JSON-like value (objects and arrays all the way down) and lets checkMemo keep what is computed
 * from it across checks. Returns the same object.
 */
export function freezeForChecks<T extends object>(value: T): T {
  if (!frozen.has(value)) {
    deepFreeze(value)
    frozen.set(value, new Map())
  }
  return value
}

function deepFreeze(value: object, seen = new Set<object>()): void {
  if (seen.has(value)) return
  seen.add(value)
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object, seen)
  }
  Object.freeze(value)
}
