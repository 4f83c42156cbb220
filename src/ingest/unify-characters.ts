import { EQUIVALENT_IDEOGRAPH_PAIRS } from './equivalent-ideographs.js'

/**
 * Text as the reader sees it: characters that look like ordinary Chinese characters, digits or numbering markers but
 * are other code points become the ordinary ones, so a query typed normally matches them.
 *
 * - Kangxi radicals (U+2F00–2FD5), CJK Radicals Supplement (U+2E80–2EF3) and CJK strokes → the equivalent unified
 *   ideograph, from Unicode's EquivalentUnifiedIdeograph.txt (generated table, see scripts/make-radical-table.ts).
 *   Browser-printed PDFs with Noto CJK fonts write ⼯业园区⾼质量 for 工业园区高质量.
 * - CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) → their canonical equivalent (NFKC); the twelve
 *   that are unified ideographs themselves (U+FA0E …) have none and stay.
 * - Full-width ASCII letters and digits (２０２４, ５Ｇ) → ASCII (NFKC); full-width punctuation stays: ，（）：；
 *   are the right punctuation in Chinese text.
 * - Numbering that fonts or converters write as one symbol: ㈠ → （一）, ⑴ → （1）, ⒈ → 1. (from NFKC, with
 *   full-width parentheses as the official numbering uses).
 */

const EQUIVALENTS: ReadonlyMap<string, string> = (() => {
  const chars = Array.from(EQUIVALENT_IDEOGRAPH_PAIRS)
  const map = new Map<string, string>()
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!)
  return map
})()

/** Code points this module rewrites; anything else is left exactly as it is. */
const CANDIDATES =
  /[\u2E80-\u2EFF\u2F00-\u2FDF\u31C0-\u31EF\uF900-\uFAFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2474-\u249B\u3220-\u3243]|[\u{2F800}-\u{2FA1F}]/gu

/** The unified form of one character (see the module comment); the character itself when it has none. */
export function unifyCharacter(ch: string): string {
  const equivalent = EQUIVALENTS.get(ch)
  if (equivalent) return equivalent
  const code = ch.codePointAt(0) ?? 0
  const nfkc = ch.normalize('NFKC')
  // ⑴ (1) ㈠ (一): official numbering writes the parentheses full-width.
  if ((code >= 0x2474 && code <= 0x2487) || (code >= 0x3220 && code <= 0x3243)) {
    return nfkc.replace(/^\((.+)\)$/, '（$1）')
  }
  return nfkc
}

export function unifyCharacters(text: string): string {
  return text.replace(CANDIDATES, unifyCharacter)
}
