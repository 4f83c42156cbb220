import {
  AlignmentType,
  Footer,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
  type IPropertiesOptions,
  type IRunOptions,
  type ISectionOptions,
} from 'docx'
import { xmlSafe } from './xml-safe.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { PageGeometry } from './page-estimate.js'

/**
 * The Word typography of a report kind, turned into OOXML values, and the builders every exported paragraph goes
 * through. 000/001 填写要求 5: 全文行间距22磅，无段间距，字体大小使用【小四】号；各级标题依次使用“一、”“（一）”“1.”“（1）”，
 * 对应字体依次为黑体、楷体_GB2312、仿宋_GB2312、仿宋_GB2312；正文内容使用仿宋_GB2312. Every value is read from the
 * kind (`typography`, `headingLevels`); nothing here knows a kind id.
 *
 * Word-output pitfalls (shared/design/PITFALLS.md “Word output (docx)”) handled here, once:
 * - line spacing uses `LineRuleType.EXACT` (w:lineRule="exact"), never the older `EXACTLY`;
 * - every run carries w:rFonts with eastAsia set (the Chinese font), ascii/hAnsi/cs set to the Latin font, so Latin
 *   letters and digits show in Times New Roman and Chinese in the template's font;
 * - a run holding “” ‘’ —— …… · × → ☑ (characters Word classes with Latin text) carries w:hint="eastAsia", so they
 *   show in the Chinese font, not Times New Roman;
 * - the theme's major/minor fonts (and their Hans script fonts) name the template's fonts instead of Office's
 *   等线/Calibri, and docDefaults carry the body font, size and spacing, so WPS finds no missing theme font;
 * - tables (docx-table.ts) always write w:gridCol widths that add up to the table width.
 */

/** Twips per point; half-points per point (w:sz); hundredths of a character per character (w:firstLineChars). */
const TWIPS_PER_PT = 20
const HALF_POINTS_PER_PT = 2
const AUTO_LINE_UNIT = 240

/**
 * A4 with the margins of GB/T 9704—2012《党政机关公文格式》5.2.1: 天头（上白边）37 mm, 订口（左白边）28 mm, 版心
 * 156 mm × 225 mm, hence 下白边 35 mm and 右白边 26 mm. The templates (000/001) state no page setup; Chinese
 * government forms follow this standard, so the product does (derived, not a template rule).
 * Page numbers (GB/T 9704 7.5): 4号半角宋体阿拉伯数字，数码左右各放一条一字线 — “— 1 —”, centred (the standard puts
 * odd pages right and even pages left; a centred number reads the same on single-sided prints).
 */
export const PAGE = {
  widthTwips: 11906,
  heightTwips: 16838,
  marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
  /** Footer distance from the bottom edge: the page number sits about 7 mm below the text block. */
  footerMm: 23,
  pageNumber: { font: '宋体', sizePt: 14, dash: '—' },
} as const

export function mmToTwips(mm: number): number {
  return Math.round((mm / 25.4) * 1440)
}

/** Width of the text block in twips (A4 minus left and right margins): 8845 twips = 156 mm. */
export const TEXT_WIDTH_TWIPS = PAGE.widthTwips - mmToTwips(PAGE.marginsMm.left) - mmToTwips(PAGE.marginsMm.right)

/** The text block and line grid the report flows on, for page estimates (page-estimate.ts). */
export function pageGeometry(t: DocxTypography): PageGeometry {
  return {
    heightTwips: PAGE.heightTwips - mmToTwips(PAGE.marginsMm.top) - mmToTwips(PAGE.marginsMm.bottom),
    widthTwips: TEXT_WIDTH_TWIPS,
    lineTwips: t.lineRule === LineRuleType.EXACT || t.lineRule === LineRuleType.AT_LEAST ? t.line : Math.round(t.sizePt * 20 * 1.3 * (t.line / AUTO_LINE_UNIT)),
    emTwips: t.sizePt * TWIPS_PER_PT,
  }
}

/** The kind's typography in OOXML units. */
export interface DocxTypography {
  bodyFont: string
  latinFont: string
  /** East Asian font of heading levels 1–4. */
  headingFonts: readonly [string, string, string, string]
  /** w:sz, half-points (小四 = 24). */
  sizeHalfPoints: number
  sizePt: number
  /** w:spacing w:line and w:lineRule: 22 pt exact = 440 exact. */
  line: number
  lineRule: (typeof LineRuleType)[keyof typeof LineRuleType]
  /** w:spacing w:before/w:after, twips. */
  before: number
  after: number
  /** w:ind w:firstLineChars (hundredths of a character) and the same indent in twips at the body size. */
  firstLineChars: number
  firstLineTwips: number
}

export function docxTypography(kind: KindSpec): DocxTypography {
  const t = kind.typography
  const fonts = kind.headingLevels.map((h) => h.font)
  const lineRule = t.lineRule === 'exact' ? LineRuleType.EXACT : t.lineRule === 'atLeast' ? LineRuleType.AT_LEAST : LineRuleType.AUTO
  return {
    bodyFont: t.bodyFont,
    latinFont: t.latinFont,
    headingFonts: [fonts[0]!, fonts[1]!, fonts[2]!, fonts[3]!],
    sizeHalfPoints: Math.round(t.sizePt * HALF_POINTS_PER_PT),
    sizePt: t.sizePt,
    // For 'auto' the kind's value is a multiple of single spacing (the checker reads it so: line/240).
    line: t.lineRule === 'auto' ? Math.round(t.lineSpacingPt * AUTO_LINE_UNIT) : Math.round(t.lineSpacingPt * TWIPS_PER_PT),
    lineRule,
    before: Math.round(t.spaceBeforePt * TWIPS_PER_PT),
    after: Math.round(t.spaceAfterPt * TWIPS_PER_PT),
    firstLineChars: Math.round(t.firstLineIndentChars * 100),
    firstLineTwips: Math.round(t.firstLineIndentChars * t.sizePt * TWIPS_PER_PT),
  }
}

/**
 * The title and the 【摘要】 label: the template prescribes neither font. Both take the level-1 heading font (黑体),
 * the strongest face the template names, at the body size (全文…小四); the title is centred without indent.
 */
export function titleFont(t: DocxTypography): string {
  return t.headingFonts[0]
}

// Characters Word lays out with the Latin font unless the run says w:hint="eastAsia": Latin-1 symbols (× · °),
// general punctuation (“” ‘’ —— …… ‰ ※), letterlike symbols and number forms (℃ Ⅱ), arrows, mathematical
// operators, enclosed numbers (①), box drawing, geometric shapes (□ ■ △) and miscellaneous symbols (☑ ☐ ★).
const LATIN_CLASSED_CJK_PUNCTUATION = /[\u00a1-\u00ff\u2000-\u206f\u2100-\u27bf]/

export function needsEastAsiaHint(text: string): boolean {
  return LATIN_CLASSED_CJK_PUNCTUATION.test(text)
}

export interface RunStyle {
  /** East Asian font; the body font when omitted. */
  font?: string
  /** Font size in points; the body size when omitted. */
  sizePt?: number
  /** Latin font for this run (the page number uses 宋体 digits); the kind's Latin font when omitted. */
  latinFont?: string
  bold?: boolean
  underline?: boolean
  superScript?: boolean
}

/** One text run with the complete w:rFonts (eastAsia on every run) and the size. */
export function textRun(rawText: string, t: DocxTypography, style: RunStyle = {}, extra: IRunOptions = {}): TextRun {
  const text = xmlSafe(rawText)
  const latin = style.latinFont ?? t.latinFont
  return new TextRun({
    ...(text ? { text } : {}),
    font: {
      ascii: latin,
      hAnsi: latin,
      cs: latin,
      eastAsia: style.font ?? t.bodyFont,
      ...(needsEastAsiaHint(text) ? { hint: 'eastAsia' } : {}),
    },
    size: style.sizePt === undefined ? t.sizeHalfPoints : Math.round(style.sizePt * HALF_POINTS_PER_PT),
    ...(style.bold ? { bold: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
    ...(style.superScript ? { superScript: true } : {}),
    ...extra,
  })
}

/**
 * ☑ and ☐ are not in GB2312, so 仿宋_GB2312 and 宋体 have no glyph for them and Word draws an empty box or a
 * substitute. Segoe UI Symbol (every Windows since 7) has both; Word and WPS elsewhere fall back to a symbol font.
 */
export const CHECK_BOX_FONT = 'Segoe UI Symbol'
const CHECK_BOXES = /([☑☐☒])/

/** Text as runs: check boxes in CHECK_BOX_FONT, everything else as `textRun` sets it. */
export function textRuns(text: string, t: DocxTypography, style: RunStyle = {}): TextRun[] {
  return text
    .split(CHECK_BOXES)
    .filter(Boolean)
    .map((part) => (CHECK_BOXES.test(part) ? textRun(part, t, { ...style, font: CHECK_BOX_FONT, latinFont: CHECK_BOX_FONT }) : textRun(part, t, style)))
}

type Children = NonNullable<IParagraphOptions['children']>

/** Spacing of every report paragraph: the kind's line spacing and paragraph spacing. */
export function reportSpacing(t: DocxTypography): NonNullable<IParagraphOptions['spacing']> {
  return { line: t.line, lineRule: t.lineRule, before: t.before, after: t.after }
}

/** A body paragraph (or a heading line, which the template indents like the body): justified, first line indented. */
export function bodyParagraph(children: Children, t: DocxTypography, options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: reportSpacing(t),
    // Word reads firstLineChars; the twips value is the same indent for readers that do not (LibreOffice before 7.x).
    indent: { firstLineChars: t.firstLineChars, firstLine: t.firstLineTwips },
    ...options,
    children,
  })
}

/**
 * The start of a new page, carried by the paragraph that begins it (w:pageBreakBefore), never by a paragraph of
 * its own holding a page break: such a paragraph, falling on a page's last line, pushed the break onto a page of
 * its own and left a blank page (only “— 6 —”). Between two tables, where a paragraph must separate them, this is
 * an empty 1-pt paragraph: it starts the new page and takes no visible room.
 */
export function pageStart(): Paragraph {
  return new Paragraph({
    pageBreakBefore: true,
    spacing: { line: TWIPS_PER_PT, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [],
  })
}

/** A paragraph in the report's spacing without the first-line indent: the title, captions, table cells. */
export function plainParagraph(children: Children, t: DocxTypography, options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ spacing: reportSpacing(t), ...options, children })
}

/**
 * Document-wide defaults: theme fonts and docDefaults. A run without direct formatting (a footnote number, a field
 * result) still comes out in the template's fonts, and WPS sees theme fonts it knows.
 */
export function documentDefaults(t: DocxTypography): Pick<IPropertiesOptions, 'theme' | 'styles'> {
  const latin = t.latinFont
  return {
    theme: {
      fonts: {
        headings: { latin, eastAsia: t.headingFonts[0], scripts: { Hans: t.headingFonts[0], Hant: t.headingFonts[0] } },
        body: { latin, eastAsia: t.bodyFont, scripts: { Hans: t.bodyFont, Hant: t.bodyFont } },
      },
    },
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: latin, hAnsi: latin, cs: latin, eastAsia: t.bodyFont },
            size: t.sizeHalfPoints,
            sizeComplexScript: t.sizeHalfPoints,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: reportSpacing(t) },
        },
      },
    },
  }
}

/** The footer with the page number, “— 1 —”. */
export function pageNumberFooter(t: DocxTypography): Footer {
  const style: RunStyle = { font: PAGE.pageNumber.font, latinFont: PAGE.pageNumber.font, sizePt: PAGE.pageNumber.sizePt }
  const dash = PAGE.pageNumber.dash
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: AUTO_LINE_UNIT, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [textRun(`${dash} `, t, style), textRun('', t, style, { children: [PageNumber.CURRENT] }), textRun(` ${dash}`, t, style)],
      }),
    ],
  })
}

/** An empty footer (the cover page of the form carries no page number). */
export function emptyFooter(): Footer {
  return new Footer({ children: [new Paragraph({ children: [] })] })
}

/** Page size, GB/T 9704 margins and the footer position of a section. */
export function pageProperties(options: { titlePage?: boolean } = {}): NonNullable<ISectionOptions['properties']> {
  return {
    ...(options.titlePage ? { titlePage: true } : {}),
    page: {
      size: { width: PAGE.widthTwips, height: PAGE.heightTwips },
      margin: {
        top: mmToTwips(PAGE.marginsMm.top),
        bottom: mmToTwips(PAGE.marginsMm.bottom),
        left: mmToTwips(PAGE.marginsMm.left),
        right: mmToTwips(PAGE.marginsMm.right),
        footer: mmToTwips(PAGE.footerMm),
        header: mmToTwips(15),
      },
    },
  }
}

/** docx's Packer gives a Buffer; callers get a plain Uint8Array. */
export function toUint8Array(buffer: Buffer | Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
