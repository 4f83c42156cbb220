import { childElement, childElements, pathElement, type XmlElement } from './ooxml.js'

/**
 * Word's formatting inheritance, as far as typography checks need it (PITFALLS “Reading human .docx drafts”):
 * docDefaults (w:rPrDefault / w:pPrDefault) → paragraph style and its w:basedOn chain → character style (w:rStyle)
 * and its chain → direct formatting. Each level overrides the properties it states and inherits the rest.
 * Fonts are resolved through the theme (theme1.xml) when a level names a theme font (w:eastAsiaTheme="minorEastAsia").
 * Not modelled: table styles, numbering indents, toggle properties (bold), hidden text — none is a template rule.
 */

/** One script slot of w:rFonts. A level that sets either the theme font or the explicit font replaces the slot. */
export interface FontSlot {
  /** e.g. 'minorEastAsia'; wins over `font` on the same element (ECMA-376 17.3.2.26). */
  theme?: string
  font?: string
}

export interface RunProps {
  ascii?: FontSlot
  hAnsi?: FontSlot
  eastAsia?: FontSlot
  cs?: FontSlot
  /** w:sz, in half-points. */
  sizeHalfPoints?: number
  /** w:lang w:eastAsia, which picks the theme's script font (zh-CN → Hans). */
  eastAsiaLang?: string
}

/** Twips (1/20 pt) and hundredths of a line or character, as w:spacing and w:ind write them. */
export interface ParagraphProps {
  before?: number
  beforeLines?: number
  beforeAutospacing?: boolean
  after?: number
  afterLines?: number
  afterAutospacing?: boolean
  line?: number
  lineRule?: string
  firstLine?: number
  firstLineChars?: number
  hanging?: number
  hangingChars?: number
}

interface StyleDefinition {
  type: string
  basedOn?: string
  paragraph: ParagraphProps
  run: RunProps
}

interface ThemeFontSet {
  latin: string
  ea: string
  cs: string
  scripts: Map<string, string>
}

const FONT_SLOTS = [
  ['ascii', 'asciiTheme'],
  ['hAnsi', 'hAnsiTheme'],
  ['eastAsia', 'eastAsiaTheme'],
  ['cs', 'cstheme'],
] as const

// What Word falls back to when no level names a font: Times New Roman for Latin text, 宋体 for Chinese (the
// default East Asian font of a Chinese Word installation), 10 pt (w:sz absent = 20 half-points).
export const WORD_DEFAULTS = { latinFont: 'Times New Roman', eastAsiaFont: '宋体', sizeHalfPoints: 20 } as const

const MAX_BASED_ON_DEPTH = 32

export function readRunProps(rPr: XmlElement | undefined): RunProps {
  const props: RunProps = {}
  const fonts = childElement(rPr, 'w:rFonts')
  if (fonts) {
    for (const [slot, themeAttr] of FONT_SLOTS) {
      const theme = fonts.attrs[`w:${themeAttr}`]
      const font = fonts.attrs[`w:${slot}`]
      if (theme !== undefined || font !== undefined) props[slot] = { ...(theme ? { theme } : {}), ...(font ? { font } : {}) }
    }
  }
  const size = measure(childElement(rPr, 'w:sz')?.attrs['w:val'], 2)
  if (size !== undefined) props.sizeHalfPoints = size
  const lang = childElement(rPr, 'w:lang')?.attrs['w:eastAsia']
  if (lang) props.eastAsiaLang = lang
  return props
}

export function readParagraphProps(pPr: XmlElement | undefined): ParagraphProps {
  const props: ParagraphProps = {}
  const spacing = childElement(pPr, 'w:spacing')?.attrs ?? {}
  const ind = childElement(pPr, 'w:ind')?.attrs ?? {}
  const set = <K extends keyof ParagraphProps>(key: K, value: ParagraphProps[K] | undefined) => {
    if (value !== undefined) props[key] = value
  }
  set('before', measure(spacing['w:before'], 20))
  set('beforeLines', integer(spacing['w:beforeLines']))
  set('beforeAutospacing', onOff(spacing['w:beforeAutospacing']))
  set('after', measure(spacing['w:after'], 20))
  set('afterLines', integer(spacing['w:afterLines']))
  set('afterAutospacing', onOff(spacing['w:afterAutospacing']))
  set('line', measure(spacing['w:line'], 20))
  set('lineRule', spacing['w:lineRule'])
  set('firstLine', measure(ind['w:firstLine'], 20))
  set('firstLineChars', integer(ind['w:firstLineChars']))
  set('hanging', measure(ind['w:hanging'], 20))
  set('hangingChars', integer(ind['w:hangingChars']))
  return props
}

/** Properties of `over` replace those of `base`; a font slot is replaced whole. */
export function mergeProps<T extends object>(base: T, over: T): T {
  const merged = { ...base }
  for (const [key, value] of Object.entries(over)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value
  }
  return merged
}

export interface StyleSheet {
  /** docDefaults, then the paragraph style chain (or the default paragraph style when none is named). */
  paragraphBase(styleId: string | undefined): { paragraph: ParagraphProps; run: RunProps }
  /** The character style chain of w:rStyle (or the default character style), without docDefaults. */
  characterStyle(styleId: string | undefined): RunProps
  /** The font a script slot shows in: theme font first, then the explicit font, then Word's default. */
  fontOf(props: RunProps, slot: 'ascii' | 'hAnsi' | 'eastAsia'): string
}

export function readStyleSheet(styles?: XmlElement, theme?: XmlElement, settings?: XmlElement): StyleSheet {
  const definitions = new Map<string, StyleDefinition>()
  let defaultParagraphStyle: string | undefined
  let defaultCharacterStyle: string | undefined
  for (const style of childElements(styles, 'w:style')) {
    const id = style.attrs['w:styleId']
    const type = style.attrs['w:type'] ?? 'paragraph'
    if (!id) continue
    const basedOn = childElement(style, 'w:basedOn')?.attrs['w:val']
    definitions.set(id, {
      type,
      ...(basedOn ? { basedOn } : {}),
      paragraph: readParagraphProps(childElement(style, 'w:pPr')),
      run: readRunProps(childElement(style, 'w:rPr')),
    })
    if (onOff(style.attrs['w:default'])) {
      if (type === 'paragraph') defaultParagraphStyle ??= id
      if (type === 'character') defaultCharacterStyle ??= id
    }
  }
  const defaults = {
    paragraph: readParagraphProps(pathElement(styles, 'w:docDefaults', 'w:pPrDefault', 'w:pPr')),
    run: readRunProps(pathElement(styles, 'w:docDefaults', 'w:rPrDefault', 'w:rPr')),
  }
  const themeFonts = readThemeFonts(theme)
  const documentEastAsiaLang = childElement(settings, 'w:themeFontLang')?.attrs['w:eastAsia']

  /** The chain of a style, base first; stops at a missing style, a type mismatch or a cycle. */
  const chain = (styleId: string | undefined, type: string): StyleDefinition[] => {
    const found: StyleDefinition[] = []
    const seen = new Set<string>()
    for (let id = styleId; id && !seen.has(id) && found.length < MAX_BASED_ON_DEPTH; ) {
      seen.add(id)
      const definition = definitions.get(id)
      if (!definition || definition.type !== type) break
      found.unshift(definition)
      id = definition.basedOn
    }
    return found
  }

  return {
    paragraphBase(styleId) {
      const id = styleId && definitions.get(styleId)?.type === 'paragraph' ? styleId : defaultParagraphStyle
      return chain(id, 'paragraph').reduce(
        (acc, style) => ({ paragraph: mergeProps(acc.paragraph, style.paragraph), run: mergeProps(acc.run, style.run) }),
        defaults,
      )
    },
    characterStyle(styleId) {
      const id = styleId && definitions.get(styleId)?.type === 'character' ? styleId : defaultCharacterStyle
      return chain(id, 'character').reduce<RunProps>((acc, style) => mergeProps(acc, style.run), {})
    },
    fontOf(props, slot) {
      const value = props[slot]
      const fromTheme = value?.theme ? themeFont(themeFonts, value.theme, props.eastAsiaLang ?? documentEastAsiaLang) : undefined
      const fallback = slot === 'eastAsia' ? WORD_DEFAULTS.eastAsiaFont : WORD_DEFAULTS.latinFont
      return fromTheme || value?.font || fallback
    },
  }
}

function readThemeFonts(theme: XmlElement | undefined): { major?: ThemeFontSet; minor?: ThemeFontSet } {
  const scheme = pathElement(theme, 'a:themeElements', 'a:fontScheme')
  const read = (name: string): ThemeFontSet | undefined => {
    const set = childElement(scheme, name)
    if (!set) return undefined
    const typeface = (child: string) => childElement(set, child)?.attrs['typeface'] ?? ''
    const scripts = new Map(childElements(set, 'a:font').map((font) => [font.attrs['script'] ?? '', font.attrs['typeface'] ?? '']))
    return { latin: typeface('a:latin'), ea: typeface('a:ea'), cs: typeface('a:cs'), scripts }
  }
  const major = read('a:majorFont')
  const minor = read('a:minorFont')
  return { ...(major ? { major } : {}), ...(minor ? { minor } : {}) }
}

/**
 * minorEastAsia → the theme's <a:ea typeface>, or when that is empty (as in Office's own theme) the
 * <a:font script="Hans"> entry for the document's East Asian language — how a Chinese draft gets 等线 by default.
 */
function themeFont(fonts: { major?: ThemeFontSet; minor?: ThemeFontSet }, theme: string, eastAsiaLang: string | undefined): string | undefined {
  const set = theme.startsWith('major') ? fonts.major : theme.startsWith('minor') ? fonts.minor : undefined
  if (!set) return undefined
  if (theme.endsWith('EastAsia')) return set.ea || set.scripts.get(scriptOf(eastAsiaLang)) || undefined
  if (theme.endsWith('Bidi')) return set.cs || undefined
  return set.latin || undefined
}

function scriptOf(lang: string | undefined): string {
  const tag = (lang ?? 'zh-CN').toLowerCase()
  if (/^zh-(tw|hk|mo)|^zh-hant/.test(tag)) return 'Hant'
  if (tag.startsWith('ja')) return 'Jpan'
  if (tag.startsWith('ko')) return 'Hang'
  return 'Hans'
}

const UNIT_TO_POINTS: Readonly<Record<string, number>> = { pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4, pc: 12, pi: 12 }

/**
 * A measure in the attribute's native unit (`perPoint` of them make a point: 20 for twips, 2 for half-points).
 * Transitional files write bare integers; Strict files may write universal measures such as “12pt” or “0.5cm”.
 */
function measure(value: string | undefined, perPoint: number): number | undefined {
  if (value === undefined) return undefined
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|cm|mm|pc|pi)?\s*$/.exec(value)
  if (!match) return undefined
  const number = Number.parseFloat(match[1]!)
  return match[2] ? number * UNIT_TO_POINTS[match[2]]! * perPoint : number
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return undefined
  return Number.parseInt(value, 10)
}

function onOff(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined
  return !['0', 'false', 'off'].includes(value.trim().toLowerCase())
}
