import { childElement, childElements, type XmlElement } from '../model/ooxml.js'

/**
 * Word automatic numbering (word/numbering.xml) turned into the markers a reader sees: 一、 （一） 1. （1） ①.
 * Government documents typed in Word very often number 一、/（一）/1. this way, and the marker then is not in the
 * paragraph text at all; without it the clause splitter sees one long unnumbered paragraph.
 *
 * Modelled (ECMA-376 Part 1, §17.9): abstract definitions (w:abstractNum) with levels (w:lvl: w:start, w:numFmt,
 * w:lvlText with %1…%9, w:lvlRestart, w:isLgl), numbering instances (w:num) with w:lvlOverride (w:startOverride or a
 * whole w:lvl), numbering linked from paragraph styles (w:style/w:pPr/w:numPr, through w:basedOn). Counters follow
 * Word: instances of one abstract definition share counters; an instance with a start override restarts them at
 * its first item (and the count goes on from there); a level restarts after any higher level (or only after level n − 1 with
 * w:lvlRestart = n; never with 0).
 * Not modelled: pictures as bullets, w:legacy, right-to-left lists.
 */

export interface LevelDefinition {
  start: number
  format: string
  text: string
  /** 0: never restart; n: restart after level n − 1 is used; undefined: after any higher level. */
  restart?: number
  legal: boolean
}

export interface NumberingDefinitions {
  /** numId → abstractNumId and the levels as overridden for this instance. */
  instances: Map<string, { abstractId: string; levels: (LevelDefinition | undefined)[]; overridesStart: boolean }>
}

const attr = (element: XmlElement | undefined, name: string): string | undefined => element?.attrs[`w:${name}`]
const intAttr = (element: XmlElement | undefined, name: string): number | undefined => {
  const value = attr(element, name)
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10)
  return Number.isFinite(n) ? n : undefined
}

function readLevel(lvl: XmlElement): LevelDefinition {
  const restart = intAttr(childElement(lvl, 'w:lvlRestart'), 'val')
  return {
    start: intAttr(childElement(lvl, 'w:start'), 'val') ?? 0,
    format: attr(childElement(lvl, 'w:numFmt'), 'val') ?? 'decimal',
    text: attr(childElement(lvl, 'w:lvlText'), 'val') ?? '',
    ...(restart !== undefined ? { restart } : {}),
    legal: childElement(lvl, 'w:isLgl') !== undefined && attr(childElement(lvl, 'w:isLgl'), 'val') !== '0',
  }
}

export function readNumberingDefinitions(numbering: XmlElement | undefined): NumberingDefinitions {
  const abstracts = new Map<string, (LevelDefinition | undefined)[]>()
  for (const abstract of childElements(numbering, 'w:abstractNum')) {
    const levels: (LevelDefinition | undefined)[] = []
    for (const lvl of childElements(abstract, 'w:lvl')) {
      const ilvl = intAttr(lvl, 'ilvl') ?? 0
      if (ilvl >= 0 && ilvl < 9) levels[ilvl] = readLevel(lvl)
    }
    abstracts.set(attr(abstract, 'abstractNumId') ?? '', levels)
  }
  const instances: NumberingDefinitions['instances'] = new Map()
  for (const num of childElements(numbering, 'w:num')) {
    const abstractId = attr(childElement(num, 'w:abstractNumId'), 'val') ?? ''
    const levels = [...(abstracts.get(abstractId) ?? [])]
    let overridesStart = false
    for (const override of childElements(num, 'w:lvlOverride')) {
      const ilvl = intAttr(override, 'ilvl') ?? 0
      if (ilvl < 0 || ilvl >= 9) continue
      const lvl = childElement(override, 'w:lvl')
      if (lvl) levels[ilvl] = readLevel(lvl)
      const start = intAttr(childElement(override, 'w:startOverride'), 'val')
      if (start !== undefined) {
        const base = levels[ilvl] ?? { start: 0, format: 'decimal', text: '', legal: false }
        levels[ilvl] = { ...base, start }
        overridesStart = true
      }
    }
    instances.set(attr(num, 'numId') ?? '', { abstractId, levels, overridesStart })
  }
  return { instances }
}

/** Counts list items through a document and writes each item's marker. */
export class NumberingCounter {
  private readonly counters = new Map<string, (number | undefined)[]>()
  private readonly started = new Set<string>()

  constructor(private readonly definitions: NumberingDefinitions) {}

  /** The marker text of the next item of list `numId` at level `ilvl` ('' for a bullet, none, or an unknown list). */
  next(numId: string, ilvl: number): string {
    const instance = this.definitions.instances.get(numId)
    // numId 0 means "no numbering" (a style's numbering switched off for this paragraph).
    if (!instance || numId === '0') return ''
    const key = `abstract:${instance.abstractId}`
    const counts = this.counters.get(key) ?? []
    this.counters.set(key, counts)
    // An instance with a start override restarts the shared count where it is first used; items after it, of either
    // instance, continue from there (LibreOffice saves a list as a restarting first item plus the plain instance).
    if (instance.overridesStart && !this.started.has(numId)) counts.length = 0
    this.started.add(numId)
    const level = instance.levels[ilvl]
    if (!level) return ''
    const current = counts[ilvl]
    counts[ilvl] = current === undefined ? level.start : current + 1
    // Deeper levels restart after this one, unless their lvlRestart says otherwise.
    for (let deeper = ilvl + 1; deeper < 9; deeper++) {
      const restart = instance.levels[deeper]?.restart
      if (restart === 0) continue
      if (restart === undefined || restart - 1 >= ilvl) counts[deeper] = undefined
    }
    if (level.format === 'bullet' || level.format === 'none') return ''
    return level.text.replace(/%([1-9])/g, (_m, n: string) => {
      const at = Number(n) - 1
      const def = instance.levels[at]
      const value = counts[at] ?? def?.start ?? 1
      return formatNumber(value, level.legal && at !== ilvl ? 'decimal' : (def?.format ?? 'decimal'))
    })
  }
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'
const CN_DIGITS = '〇一二三四五六七八九'
const CN_TRADITIONAL = '零壹贰叁肆伍陆柒捌玖'
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸'
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥'

/** A number in one of Word's numFmt values; unknown formats fall back to decimal, as Word does. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographLegalTraditional':
      return format === 'ideographLegalTraditional' ? chineseCounting(value, CN_TRADITIONAL, '拾', '佰') : chineseCounting(value, CN_DIGITS, '十', '百')
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return [...String(value)].map((d) => CN_DIGITS[Number(d)]).join('')
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(value - 1) % 10] ?? String(value)
    case 'ideographZodiac':
      return EARTHLY_BRANCHES[(value - 1) % 12] ?? String(value)
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return CIRCLED[value - 1] ?? String(value)
    case 'decimalEnclosedParen':
      return `（${value}）`
    case 'decimalEnclosedFullstop':
      return `${value}.`
    case 'decimalZero':
      return value < 10 ? `0${value}` : String(value)
    case 'upperLetter':
    case 'lowerLetter': {
      const letter = String.fromCharCode(65 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1)
      return format === 'upperLetter' ? letter : letter.toLowerCase()
    }
    case 'upperRoman':
    case 'lowerRoman':
      return format === 'upperRoman' ? roman(value) : roman(value).toLowerCase()
    default:
      // decimal, decimalFullWidth, decimalHalfWidth, ordinal…: the normalizer turns full-width digits to ASCII.
      return String(value)
  }
}

/** 1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五 (0 → 〇, as Word writes it). */
function chineseCounting(value: number, digits: string, ten: string, hundred: string): string {
  if (value <= 0 || value >= 1000) return String(value)
  const h = Math.floor(value / 100)
  const t = Math.floor((value % 100) / 10)
  const u = value % 10
  let out = h ? digits[h] + hundred : ''
  if (t) out += (t === 1 && !h ? '' : digits[t]) + ten
  else if (h && u) out += digits[0]
  if (u) out += digits[u]
  return out
}

function roman(value: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
  let n = value
  let out = ''
  for (const [v, s] of table) {
    while (n >= v) {
      out += s
      n -= v
    }
  }
  return out
}

/** Paragraph styles that carry numbering (Word's "heading numbering" links 标题 1/2/3 to a list), basedOn resolved. */
export function readStyleNumbering(styles: XmlElement | undefined): Map<string, { numId: string; ilvl: number }> {
  const own = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>()
  for (const style of styles?.children ?? []) {
    if (style.name !== 'w:style' || style.attrs['w:type'] !== 'paragraph') continue
    const numPr = childElement(childElement(style, 'w:pPr'), 'w:numPr')
    const numId = childElement(numPr, 'w:numId')?.attrs['w:val']
    const ilvl = childElement(numPr, 'w:ilvl')?.attrs['w:val']
    const basedOn = childElement(style, 'w:basedOn')?.attrs['w:val']
    own.set(style.attrs['w:styleId'] ?? '', {
      ...(numId !== undefined ? { numId } : {}),
      ...(ilvl !== undefined ? { ilvl: Number(ilvl) } : {}),
      ...(basedOn !== undefined ? { basedOn } : {}),
    })
  }
  const resolved = new Map<string, { numId: string; ilvl: number }>()
  for (const id of own.keys()) {
    let numId: string | undefined
    let ilvl: number | undefined
    const seen = new Set<string>()
    for (let s = own.get(id), sid = id; s && !seen.has(sid); sid = s.basedOn ?? '', s = own.get(sid)) {
      seen.add(sid)
      numId ??= s.numId
      ilvl ??= s.ilvl
    }
    if (numId !== undefined) resolved.set(id, { numId, ilvl: Number.isInteger(ilvl) ? (ilvl ?? 0) : 0 })
  }
  return resolved
}

/**
 * The marker Word shows before each paragraph (一、 （一） 1. …, '' for none), for paragraphs in document order: from
 * the paragraph's own w:numPr, else its style's. A draft typed in Word very often numbers its headings this way.
 */
export function paragraphNumberLabels(paragraphs: readonly XmlElement[], numbering: XmlElement | undefined, styles: XmlElement | undefined): string[] {
  if (!numbering) return paragraphs.map(() => '')
  const styleNumbering = readStyleNumbering(styles)
  const counter = new NumberingCounter(readNumberingDefinitions(numbering))
  return paragraphs.map((p) => {
    const pPr = childElement(p, 'w:pPr')
    const numPr = childElement(pPr, 'w:numPr')
    const styleId = childElement(pPr, 'w:pStyle')?.attrs['w:val']
    const styleNum = styleId ? styleNumbering.get(styleId) : undefined
    const numId = childElement(numPr, 'w:numId')?.attrs['w:val'] ?? styleNum?.numId
    const ilvl = Number(childElement(numPr, 'w:ilvl')?.attrs['w:val'] ?? styleNum?.ilvl ?? 0)
    return numId !== undefined ? counter.next(numId, Number.isInteger(ilvl) ? ilvl : 0) : ''
  })
}
