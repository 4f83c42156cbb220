/**
 * 字数 as Word and WPS count it in 字数统计 (the figure a reviewer checks against “3000字以内”):
 * every CJK character counts 1, every full-width or Chinese punctuation mark counts 1, and every run of
 * other non-space characters (Latin letters, digits, half-width punctuation attached to them: “2.46”,
 * “5G-A”, “IPv6”, “86%”) counts 1 as one word. Whitespace counts 0.
 */

// Han ideographs, CJK punctuation (、。〈〉《》「」【】〔〕 …), full-width forms (，：；！？（）％ and full-width
// letters/digits), and the general punctuation a Chinese text uses: “ ” ‘ ’ — … · ．
const EAST_ASIAN = /[\p{Script=Han}\u3001-\u303f\uff01-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7\u2022]/u
const SPACE = /\s/u

// Character classes; 0 in the table below is “not classified yet”.
const SPACE_CLASS = 1
const EAST_ASIAN_CLASS = 2
const OTHER_CLASS = 3

/** A character's class by the two patterns above. */
function classify(char: string): number {
  return SPACE.test(char) ? SPACE_CLASS : EAST_ASIAN.test(char) ? EAST_ASIAN_CLASS : OTHER_CLASS
}

// The class of each BMP code unit, filled in as characters are met: the checker counts a whole report several times,
// and testing two Unicode-property patterns per character was most of the cost. The table only remembers what
// `classify` answered, which depends on the character alone.
const BMP_CLASS = new Uint8Array(0x10000)

export function countZishu(text: string): number {
  let count = 0
  let inWord = false
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    let cls: number
    // A surrogate pair is one character (as `for…of` reads it); a lone surrogate is a character of its own.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      cls = classify(text.slice(i, i + 2))
      i += 1
    } else {
      cls = BMP_CLASS[code]!
      if (cls === 0) {
        cls = classify(String.fromCharCode(code))
        BMP_CLASS[code] = cls
      }
    }
    if (cls === SPACE_CLASS) {
      inWord = false
    } else if (cls === EAST_ASIAN_CLASS) {
      count += 1
      inWord = false
    } else if (!inWord) {
      count += 1
      inWord = true
    }
  }
  return count
}
