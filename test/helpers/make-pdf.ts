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
