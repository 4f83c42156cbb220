import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { checkPdfStreams, DEFAULT_PDF_INFLATE_LIMITS, PdfBombError } from '../../src/ingest/pdf-stream-check.js'
import { declaredImage, lzwEncode, makePdf, onePagePdf } from '../helpers/make-pdf.js'

const MiB = 1024 * 1024
const DOCS = new URL('../../fixtures/docs/', import.meta.url)
const problemOf = (data: Uint8Array, limits = DEFAULT_PDF_INFLATE_LIMITS): string => {
  try {
    checkPdfStreams(data, limits)
    return 'none'
  } catch (error) {
    if (error instanceof PdfBombError) return error.problem
    throw error
  }
}
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'
/** Page contents that draw "Hello", then `spaces` bytes of blanks (a content stream's filler pdf.js must lex). */
const helloThenSpaces = (spaces: number) => `BT /F1 12 Tf 72 712 Td (Hello) Tj ET\n${' '.repeat(spaces)}`

describe('checkPdfStreams on real PDFs', () => {
  // What each fixture's non-image Flate streams inflate to (fonts, page contents, object streams): 1.1–1.3 × the file.
  it.each([
    ['policy-excerpt.pdf', 117_592],
    ['zhinan-libreoffice.pdf', 241_313],
    ['zhiyin-libreoffice-numbered.pdf', 272_473],
    ['zhiyin-chromium.pdf', 1_043_295],
    ['scanned-image-only.pdf', 121],
    ['zhiyin-scan.pdf', 0],
    ['blank-scan.pdf', 0],
  ])('%s passes, inflating to %i bytes', (name, inflatedBytes) => {
    expect(checkPdfStreams(new Uint8Array(readFileSync(new URL(name, DOCS))))).toEqual({ inflatedBytes })
  })
})

describe('checkPdfStreams on bombs', () => {
  it('a page that inflates past 4 MiB + 8 × the upload is refused; one just under passes', () => {
    const bomb = onePagePdf(helloThenSpaces(16 * MiB))
    expect(bomb.byteLength).toBeLessThan(40_000)
    expect(problemOf(bomb)).toBe('inflates-too-much')
    expect(problemOf(onePagePdf(helloThenSpaces(3 * MiB)))).toBe('none')
  })

  it('the budget holds for all streams together', () => {
    const contents = deflateSync(Buffer.from(helloThenSpaces(3 * MiB), 'latin1'))
    const twoStreams = makePdf([
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] >>',
      { dictionary: '/Filter /FlateDecode', data: contents },
      { dictionary: '/Filter /FlateDecode', data: contents },
    ])
    expect(problemOf(twoStreams)).toBe('inflates-too-much')
  })

  it('a bomb behind hexadecimal or base-85 text encoding is found', () => {
    const compressed = deflateSync(Buffer.from(helloThenSpaces(16 * MiB), 'latin1'))
    const hex = { dictionary: '/Filter [/ASCIIHexDecode /FlateDecode]', data: Buffer.from(`${compressed.toString('hex')}>`, 'latin1') }
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'
    expect(problemOf(makePdf([page, hex]))).toBe('inflates-too-much')
    const base85 = { dictionary: '/Filter [/A85 /Fl]', data: Buffer.from(`${toBase85(compressed)}~>`, 'latin1') }
    expect(problemOf(makePdf([page, base85]))).toBe('inflates-too-much')
  })

  it('LZW is counted as pdf.js decodes it: 20 MB of page text through many table resets, to the byte', () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => `BT /F1 10 Tf 40 ${800 - (i % 70) * 11} Td (Line ${i} of the policy text here) Tj ET\n`).join('')
    const pdf = makePdf([PAGE, { dictionary: '/Filter /LZWDecode', data: lzwEncode(Buffer.from(lines, 'latin1')) }])
    expect(checkPdfStreams(pdf, { ...DEFAULT_PDF_INFLATE_LIMITS, bytesPerUploadedByte: 16 })).toEqual({ inflatedBytes: 19_963_180 })
  })

  it('an LZW bomb (64 MB of blanks in 51 KB) is refused', () => {
    const pdf = makePdf([PAGE, { dictionary: '/Filter /LZWDecode', data: lzwEncode(Buffer.alloc(64 * MiB, 0x20)) }])
    expect(pdf.byteLength).toBeLessThan(60_000)
    expect(problemOf(pdf)).toBe('inflates-too-much')
  })

  it('a stream whose /Length is an indirect reference is read up to endstream', () => {
    const data = deflateSync(Buffer.from(helloThenSpaces(16 * MiB), 'latin1'))
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n4 0 obj\n<< /Length 5 0 R /Filter /FlateDecode >>\nstream\n', 'latin1'),
      data,
      Buffer.from(`\nendstream\nendobj\n5 0 obj\n${data.byteLength}\nendobj\n`, 'latin1'),
    ])
    expect(problemOf(new Uint8Array(pdf))).toBe('inflates-too-much')
  })

  it('an image that declares more pixels than A4 at 600 dpi is refused by its dictionary, without inflating it', () => {
    expect(problemOf(onePagePdf('q 595 0 0 842 0 0 cm /Im1 Do Q', declaredImage(20_000, 19_000)))).toBe('image-too-large')
    expect(problemOf(onePagePdf('q 595 0 0 842 0 0 cm /Im1 Do Q', declaredImage(4960, 7016)))).toBe('none')
  })

  it('a JPEG whose own header declares a giant frame is refused', () => {
    // SOI, then a baseline frame (FFC0) of 65,000 × 65,000 pixels, 1 component.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9])
    const image = { dictionary: '/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode', data: jpeg }
    expect(problemOf(onePagePdf('q 595 0 0 842 0 0 cm /Im1 Do Q', image))).toBe('image-too-large')
  })

  it('an inline image in the page contents that declares a giant size is refused', () => {
    expect(problemOf(onePagePdf('q 595 0 0 842 0 0 cm BI /W 20000 /H 19000 /CS /G /BPC 8 ID \xff EI Q'))).toBe('image-too-large')
    expect(problemOf(onePagePdf('q 595 0 0 842 0 0 cm BI /W 2000 /H 1900 /CS /G /BPC 8 ID \xff EI Q'))).toBe('none')
  })

  it('200,000 stream keywords with no object around them are skipped in one pass', () => {
    const junk = new Uint8Array(Buffer.from(`%PDF-1.4\n${'<< >>stream\n'.repeat(200_000)}`, 'latin1'))
    expect(checkPdfStreams(junk)).toEqual({ inflatedBytes: 0 })
  })
})

/** Adobe base-85 of `bytes` (the encoder of the ASCII85Decode filter), for the test above. */
function toBase85(bytes: Uint8Array): string {
  let out = ''
  for (let at = 0; at < bytes.length; at += 4) {
    const chunk = [...bytes.subarray(at, at + 4)]
    const padded = [...chunk, 0, 0, 0].slice(0, 4)
    let value = ((padded[0]! << 24) | (padded[1]! << 16) | (padded[2]! << 8) | padded[3]!) >>> 0
    if (value === 0 && chunk.length === 4) {
      out += 'z'
      continue
    }
    const digits: string[] = []
    for (let i = 0; i < 5; i++) {
      digits.unshift(String.fromCharCode((value % 85) + 33))
      value = Math.floor(value / 85)
    }
    out += digits.slice(0, chunk.length + 1).join('')
  }
  return out
}
