import { crc32, deflateRawSync } from 'node:zlib'

/**
 * Hand-made .docx packages for tests that need exact XML (a style chain, a theme, a tracked deletion) or broken
 * containers (a zip bomb, an encrypted entry) that no Word writer would produce.
 */

export interface ZipEntryInput {
  name: string
  data: Uint8Array | string
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8
  /** What the central directory claims; defaults to the real size (a zip bomb lies here). */
  declaredSize?: number
  /** General-purpose flags; bit 0 = encrypted. */
  flags?: number
}

export function makeZip(entries: readonly ZipEntryInput[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data)
    const method = entry.method ?? 8
    const body = method === 8 ? deflateRawSync(raw) : raw
    const name = Buffer.from(entry.name, 'utf8')
    const size = entry.declaredSize ?? raw.length
    const flags = (entry.flags ?? 0) | 0x0800

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc32(raw), 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, body)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc32(raw), 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
export const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`

export const stylesXml = (inner: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W_NS}">${inner}</w:styles>`

/** A theme whose minor/major font sets are given as their inner XML (a:latin, a:ea, a:font script=…). */
export const themeXml = (minor: string, major: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="${A_NS}" name="Test"><a:themeElements><a:fontScheme name="Test">
<a:majorFont>${major}</a:majorFont><a:minorFont>${minor}</a:minorFont>
</a:fontScheme></a:themeElements></a:theme>`

export const settingsXml = (inner: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="${W_NS}">${inner}</w:settings>`

/** A minimal .docx: the package relationships, the document and whichever of styles/theme/settings are given. */
export function makeDocx(parts: { document: string; styles?: string; theme?: string; settings?: string }): Uint8Array {
  const related = [
    ['styles', 'styles.xml', parts.styles],
    ['theme', 'theme/theme1.xml', parts.theme],
    ['settings', 'settings.xml', parts.settings],
  ] as const
  const present = related.filter(([, , xml]) => xml !== undefined)
  return makeZip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    { name: 'word/document.xml', data: parts.document },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${present
        .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${target}"/>`)
        .join('')}</Relationships>`,
    },
    ...present.map(([, target, xml]) => ({ name: `word/${target}`, data: xml! })),
  ])
}

export interface RunSpec {
  text: string
  eastAsia?: string
  size?: number
  style?: string
}

/** A w:p with direct formatting: `spacing` and `ind` are attribute strings, runs are text with font and size (pt). */
export function paragraphXml(runs: readonly (RunSpec | string)[], p: { spacing?: string; ind?: string; style?: string } = {}): string {
  const pPr = [
    p.style ? `<w:pStyle w:val="${p.style}"/>` : '',
    p.spacing !== undefined ? `<w:spacing ${p.spacing}/>` : '',
    p.ind !== undefined ? `<w:ind ${p.ind}/>` : '',
  ].join('')
  const runXml = runs.map((run) => {
    const spec = typeof run === 'string' ? { text: run } : run
    const rPr = [
      spec.style ? `<w:rStyle w:val="${spec.style}"/>` : '',
      spec.eastAsia ? `<w:rFonts w:eastAsia="${spec.eastAsia}"/>` : '',
      spec.size !== undefined ? `<w:sz w:val="${spec.size * 2}"/>` : '',
    ].join('')
    return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${spec.text}</w:t></w:r>`
  })
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runXml.join('')}</w:p>`
}
