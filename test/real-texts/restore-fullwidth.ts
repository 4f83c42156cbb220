/**
 * Stored copies of Chinese web pages often have the author's full-width ，：；（）？！ turned into ASCII.
 * Those marks are not the author's, so they are put back before a text is saved as a fixture (issue 12:
 * “restore them before you count anything”). Applied once, when saving (save-fixture.ts); the fixture files
 * hold the restored text and say so in their header.
 *
 * Kept ASCII: a comma or colon between two digits (1,000 / 10:30), a colon in a URL (https://), and anything
 * inside a run of Latin text (e.g. “Co.,Ltd.”), since Chinese typography keeps those half-width too.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…]/u

const isDigit = (ch: string | undefined) => ch !== undefined && /[0-9]/.test(ch)
const isCjk = (ch: string | undefined) => ch !== undefined && CJK.test(ch)

const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '?': '？', '!': '！' }

export function restoreFullWidth(text: string): string {
  const chars = [...text]
  const out: string[] = []
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!
    const full = FULL[ch]
    if (!full) {
      out.push(ch)
      continue
    }
    const before = chars[i - 1]
    const after = chars[i + 1]
    if ((ch === ',' || ch === ':') && isDigit(before) && isDigit(after)) out.push(ch)
    else if (ch === ':' && after === '/' && chars[i + 2] === '/') out.push(ch)
    else if (ch === '(' || ch === ')') out.push(parenIsChinese(chars, i) ? full : ch)
    else out.push(isCjk(before) || isCjk(after) || isDigit(before) || before === '%' || before === '”' ? full : latinContext(chars, i) ? ch : full)
  }
  return out.join('')
}

/** A bracket pair belongs to Chinese text when its content or its neighbourhood has a Chinese character. */
function parenIsChinese(chars: readonly string[], at: number): boolean {
  const window = chars.slice(Math.max(0, at - 2), at + 12).join('')
  return [...window].some((c) => isCjk(c))
}

/** Inside a Latin run (letters on both sides within a few characters), e.g. an English abstract. */
function latinContext(chars: readonly string[], at: number): boolean {
  const left = chars.slice(Math.max(0, at - 3), at).join('')
  const right = chars.slice(at + 1, at + 4).join('')
  return /[A-Za-z]/.test(left) && /[A-Za-z ]/.test(right) && !isCjk(chars[at - 1])
}

/**
 * Some stored copies join a page's paragraphs with a single space (“……推进。 目前，……”): a space right after a
 * sentence end and before the next sentence is such a lost paragraph break, and is put back as one.
 */
export function restoreParagraphBreaks(text: string): string {
  return text.replace(/([。！？”]) +(?=[\u4e00-\u9fff0-9“（])/gu, '$1\n')
}
