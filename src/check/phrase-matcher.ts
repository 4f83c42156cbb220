/**
 * Every occurrence of many fixed phrases in a text, in one pass (Aho–Corasick): a rule that looks for a hundred
 * glossary forms in each block of a draft read the block a hundred times (one indexOf scan per form). The answer is
 * exactly what `occurrences(text, phrase)` gives for each phrase — every start, overlapping ones and phrases inside
 * other phrases included — so a rule can switch to it without any finding changing.
 */

interface Node {
  next: Map<number, Node>
  /** The node of the longest proper suffix of this node's path that is a prefix of some phrase. */
  fail: Node | undefined
  /** Indexes of the phrases that end here, this node's own and those of its suffixes. */
  ends: number[]
}

export interface PhraseMatcher {
  readonly phrases: readonly string[]
  /** Start offsets of each phrase in `text`, by phrase index, ascending; phrases that do not occur have no entry. */
  find(text: string): ReadonlyMap<number, readonly number[]>
}

const newNode = (): Node => ({ next: new Map(), fail: undefined, ends: [] })

/** A matcher of `phrases` (empty phrases never match, as with `occurrences`). Build it once and reuse it. */
export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const root = newNode()
  phrases.forEach((phrase, index) => {
    if (!phrase) return
    let node = root
    for (let i = 0; i < phrase.length; i += 1) {
      const code = phrase.charCodeAt(i)
      let child = node.next.get(code)
      if (!child) {
        child = newNode()
        node.next.set(code, child)
      }
      node = child
    }
    node.ends.push(index)
  })
  // Breadth first, so that a node's failure link (a shorter path) is complete before the node's own.
  const queue: Node[] = []
  for (const child of root.next.values()) {
    child.fail = root
    queue.push(child)
  }
  for (let q = 0; q < queue.length; q += 1) {
    const node = queue[q]!
    for (const [code, child] of node.next) {
      let fail = node.fail
      while (fail && !fail.next.has(code)) fail = fail.fail
      child.fail = fail ? fail.next.get(code)! : root
      child.ends = [...child.ends, ...child.fail.ends]
      queue.push(child)
    }
  }
  // The characters some phrase starts with, one bit per UTF-16 code unit (8 KiB). Most characters of a text start no
  // phrase and leave the automaton at its root: one bit tells so, where the Map lookup cost four times more.
  const opens = new Uint32Array(0x10000 >>> 5)
  for (const code of root.next.keys()) opens[code >>> 5]! |= 1 << (code & 31)
  return {
    phrases,
    find(text) {
      // Made on the first occurrence: most texts a matcher reads hold none.
      let found: Map<number, number[]> | undefined
      let node = root
      for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i)
        if (node === root && ((opens[code >>> 5]! >>> (code & 31)) & 1) === 0) continue
        // Follow failure links to the longest suffix that continues with this character (one lookup per node).
        for (;;) {
          const child = node.next.get(code)
          if (child) {
            node = child
            break
          }
          if (node === root) break
          node = node.fail!
        }
        for (const index of node.ends) {
          const start = i + 1 - phrases[index]!.length
          found ??= new Map()
          const list = found.get(index)
          if (list) list.push(start)
          else found.set(index, [start])
        }
      }
      return found ?? NOTHING_FOUND
    },
  }
}

const NOTHING_FOUND: ReadonlyMap<number, readonly number[]> = new Map()
