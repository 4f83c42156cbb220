import { openZip } from '../model/docx-zip.js'
import { writeZip, type ZipWriteEntry } from '../model/zip-write.js'

/**
 * The last touches of an exported package that the `docx` library leaves out:
 *
 * - word/fontTable.xml lists every font the document names, with what Word needs to stand in for a font the
 *   machine lacks: the alternate name (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体: the _GB2312 fonts of Windows XP are
 *   missing from a fresh Windows 10/11, which has 仿宋 and 楷体), the GB2312 character set (86), family, pitch and
 *   PANOSE classification. The library writes an empty table, so Word falls back to its default font instead.
 * - docProps/app.xml names the filling unit as the company (the library writes no extended properties).
 */

export interface FontInfo {
  /** Tried when the named font is not installed. */
  altName?: string
  panose: string
  /** Hex w:charset: 86 = GB2312, 00 = ANSI. */
  charset: string
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto'
  pitch: 'fixed' | 'variable'
}

/** The fonts the templates name and the symbol font of the check boxes. Values as Word itself writes them. */
export const KNOWN_FONTS: Readonly<Record<string, FontInfo>> = {
  '仿宋_GB2312': { altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  '楷体_GB2312': { altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体: { altName: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  黑体: { altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  宋体: { altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  'Times New Roman': { panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
  'Segoe UI Symbol': { panose: '020B0502040204020203', charset: '00', family: 'swiss', pitch: 'variable' },
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const ZIP_LIMITS = { maxEntries: 10_000, maxUncompressedBytes: 200 * 1024 * 1024 }

/** Every font named in w:rFonts (ascii, hAnsi, eastAsia, cs) of the given parts, in first-use order. */
export function fontsNamed(...parts: string[]): string[] {
  const names = new Set<string>()
  for (const part of parts) {
    for (const tag of part.matchAll(/<w:rFonts\b[^>]*>/g)) {
      for (const attr of tag[0].matchAll(/w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"/g)) names.add(unescape(attr[1]!))
    }
  }
  return [...names]
}

export function fontTableXml(fonts: readonly string[]): string {
  const entries = fonts.map((name) => {
    const info = KNOWN_FONTS[name]
    if (!info) return `<w:font w:name="${escape(name)}"/>`
    return (
      `<w:font w:name="${escape(name)}">` +
      (info.altName ? `<w:altName w:val="${escape(info.altName)}"/>` : '') +
      `<w:panose1 w:val="${info.panose}"/><w:charset w:val="${info.charset}"/><w:family w:val="${info.family}"/><w:pitch w:val="${info.pitch}"/></w:font>`
    )
  })
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W_NS}">${entries.join('')}</w:fonts>`
}

export function appPropertiesXml(company: string | undefined): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>园区报告助手</Application>${company ? `<Company>${escape(company)}</Company>` : ''}</Properties>`
  )
}

/** The package with its font table filled in and, when given, the company in the extended properties. */
export function finishPackage(data: Uint8Array, options: { company?: string } = {}): Uint8Array {
  const zip = openZip(data, ZIP_LIMITS)
  const decode = (name: string) => new TextDecoder().decode(zip.read(name) ?? new Uint8Array())
  const parts = zip.names.filter((name) => /^word\/(document|styles|footnotes|endnotes|header\d*|footer\d*|numbering)\.xml$/.test(name))
  const replaced = new Map<string, string>([
    ['word/fontTable.xml', fontTableXml(fontsNamed(...parts.map(decode)))],
    ['docProps/app.xml', appPropertiesXml(options.company)],
  ])
  const encoder = new TextEncoder()
  const entries: ZipWriteEntry[] = zip.names.map((name) => {
    const text = replaced.get(name)
    return text === undefined ? { name, stored: zip.readStored(name)! } : { name, data: encoder.encode(text) }
  })
  return writeZip(entries)
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!)
}
