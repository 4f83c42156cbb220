/** Chinese numerals as used in heading markers 一、 （十二） — 1 to 99 is all a report ever needs. */
const DIGITS = '零一二三四五六七八九'

// 一百零五: hundreds, an optional 零 standing for missing tens, tens (一十 or 十), units. Headings and 第X条 never
// need more than 999.
const NUMERAL = /^(?:([一二三四五六七八九])百)?([零〇])?(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/

/**
 * 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105, 一百一十 → 110; undefined when `text` is not a
 * well-formed numeral from 1 to 999 (十十, 零, 二零 are not).
 */
export function parseChineseNumeral(text: string): number | undefined {
  const match = NUMERAL.exec(text)
  if (!match || text === '') return undefined
  const [, hundreds, zero, tensDigit, ten, units] = match
  // 零 only fills the gap between hundreds and units (一百零五), never before tens or on its own.
  if (zero && (!hundreds || ten || !units)) return undefined
  const value = (hundreds ? digit(hundreds) * 100 : 0) + (ten ? (tensDigit ? digit(tensDigit) : 1) * 10 : 0) + (units ? digit(units) : 0)
  return value > 0 ? value : undefined
}

const digit = (char: string) => DIGITS.indexOf(char)

/**
 * 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十, 10010 → 一万零一十 (1 to 99,999,999). Beyond 99
 * only the checker needs it: the 120th （一） of a pasted list of headings is renumbered （一百二十）.
 */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value >= 1e8) throw new RangeError(`no Chinese numeral for ${value}`)
  const high = Math.floor(value / 10000)
  const low = value % 10000
  if (!high) return belowTenThousand(low, true)
  if (!low) return `${belowTenThousand(high, true)}万`
  return `${belowTenThousand(high, true)}万${low < 1000 ? '零' : ''}${belowTenThousand(low, false)}`
}

const PLACES = ['千', '百', '十', '']

/** 1–9999; `leading` when nothing precedes it, so that 10–19 are written 十… rather than 一十…. */
function belowTenThousand(value: number, leading: boolean): string {
  if (leading && value >= 10 && value < 20) return `十${value % 10 ? DIGITS[value % 10] : ''}`
  const digits = [Math.floor(value / 1000), Math.floor(value / 100) % 10, Math.floor(value / 10) % 10, value % 10]
  let out = ''
  let zero = false
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== ''
      return
    }
    out += `${zero ? '零' : ''}${DIGITS[d]}${PLACES[i]}`
    zero = false
  })
  return out
}
