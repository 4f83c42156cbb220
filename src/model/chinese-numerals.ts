/** Chinese numerals as used in heading markers 一、 （十二） — 1 to 99 is all a report ever needs. */
const DIGITS = '零一二三四五六七八九'

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; undefined when `text` is not a numeral in that range. */
export function parseChineseNumeral(text: string): number | undefined {
  const match = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text)
  if (!match || text === '') return undefined
  const [, tensDigit = '', ten = '', unitDigit = ''] = match
  if (!ten) return tensDigit && !unitDigit ? DIGITS.indexOf(tensDigit) : undefined
  const tens = tensDigit ? DIGITS.indexOf(tensDigit) : 1
  return tens * 10 + (unitDigit ? DIGITS.indexOf(unitDigit) : 0)
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (1–99). */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) throw new RangeError(`no Chinese numeral for ${value}`)
  const tens = Math.floor(value / 10)
  const units = value % 10
  const unitText = units ? DIGITS[units]! : ''
  if (tens === 0) return unitText
  return (tens === 1 ? '' : DIGITS[tens]!) + '十' + unitText
}
