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

export function countZishu(text: string): number {
  let count = 0
  let inWord = false
  for (const char of text) {
    if (SPACE.test(char)) {
      inWord = false
    } else if (EAST_ASIAN.test(char)) {
      count += 1
      inWord = false
    } else if (!inWord) {
      count += 1
      inWord = true
    }
  }
  return count
}
