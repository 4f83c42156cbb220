import { deflateSync } from 'node:zlib'

/**
 * A minimal PDF as writers lay one out (numbered objects, a cross-reference table, a trailer): enough for pdf.js to
 * open, to build hostile files in tests (bombs, giant images) without keeping megabytes of fixtures.
 */
export interface PdfStream {
  /** Dictionary entries besides /Length, e.g. '/Filter /FlateDecode'. */
  dictionary: string
  data: Uint8Array
}

/** Objects 1 and 2 are the catalog and the page tree; pass the rest (3 is the page) as dictionaries or streams. */
export function makePdf(objects: readonly (string | PdfStream)[]): Uint8Array {
  const all = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', ...objects]
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')]
  const offsets: number[] = []
  let length = parts[0]!.length
  const push = (part: Buffer) => {
    parts.push(part)
    length += part.length
  }
  all.forEach((object, index) => {
    offsets.push(length)
    push(Buffer.from(`${index + 1} 0 obj\n`, 'latin1'))
    if (typeof object === 'string') push(Buffer.from(object, 'latin1'))
    else {
      push(Buffer.from(`<< ${object.dictionary} /Length ${object.data.byteLength} >>\nstream\n`, 'latin1'))
      push(Buffer.from(object.data))
      push(Buffer.from('\nendstream', 'latin1'))
    }
    push(Buffer.from('\nendobj\n', 'latin1'))
  })
  const xref = length
  const table = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  push(Buffer.from(`xref\n0 ${all.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'))
  return new Uint8Array(Buffer.concat(parts))
}

/** A one-page PDF whose page contents are `contents`, Flate-compressed, drawing image object 5 as /Im1 if given. */
export function onePagePdf(contents: string | Uint8Array, image?: PdfStream): Uint8Array {
  const page = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >>${image ? ' /XObject << /Im1 5 0 R >>' : ''} >> >>`
  const data = deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents)
  return makePdf([
    page,
    { dictionary: '/Filter /FlateDecode', data },
    image ?? '<< >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ])
}

/**
 * An image XObject that declares `width` × `height` grey pixels and holds one white row of them, Flate-compressed: a
 * few bytes whatever size it claims (pdf.js would fill the rest).
 */
export function declaredImage(width: number, height: number): PdfStream {
  return {
    dictionary: `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
    data: deflateSync(Buffer.alloc(width, 0xff)),
  }
}

/**
 * LZW as PDF's LZWDecode reads it (/EarlyChange 1): a clear code first, 9- to 12-bit codes, the code width growing
 * one code early, the table cleared before it is full, the end-of-data code last.
 */
export function lzwEncode(input: Uint8Array): Uint8Array {
  const out: number[] = []
  let bits = 0
  let bitCount = 0
  const write = (code: number, width: number) => {
    bits = (bits << width) | code
    bitCount += width
    while (bitCount >= 8) {
      out.push((bits >>> (bitCount - 8)) & 0xff)
      bitCount -= 8
    }
    bits &= (1 << bitCount) - 1
  }
  // The reader adds a table entry after every code but the first, so it is one entry behind: its width for the
  // next code is the bit length of the encoder's count of entries.
  const width = (entries: number) => Math.min(12, Math.floor(Math.log2(entries)) + 1)
  let table = new Map<number, number>()
  let nextCode = 258
  write(256, 9)
  let prefix = -1
  for (const byte of input) {
    if (prefix < 0) {
      prefix = byte
      continue
    }
    const known = table.get(prefix * 256 + byte)
    if (known !== undefined) {
      prefix = known
      continue
    }
    write(prefix, width(nextCode))
    table.set(prefix * 256 + byte, nextCode++)
    prefix = byte
    if (nextCode >= 4094) {
      write(256, width(nextCode))
      table = new Map()
      nextCode = 258
    }
  }
  if (prefix >= 0) write(prefix, width(nextCode))
  write(257, width(nextCode + 1))
  if (bitCount > 0) out.push((bits << (8 - bitCount)) & 0xff)
  return Uint8Array.from(out)
}
