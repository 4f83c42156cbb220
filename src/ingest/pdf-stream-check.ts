import { constants, inflateSync } from 'node:zlib'

/**
 * Refuses a PDF bomb before pdf.js reads it. A PDF keeps pages, fonts and images in streams, mostly Flate-compressed;
 * pdf.js inflates what it reads into memory and parses it in JavaScript, and decodes an image to the size its
 * dictionary declares. Measured before this check: an 816 KB upload whose one page inflates to 800 MB of spaces kept
 * an ingestion thread busy for 35 s; a 321 KB one whose page draws 30 million one-letter texts, for 50 s; a 370 KB one
 * drawing a 20,000 × 19,000-pixel image, for 62 s.
 *
 * So, reading the file's bytes only:
 * - every Flate or LZW stream that is not an image (page contents, fonts, object streams: what text extraction
 *   parses) is decoded (Flate in native code; LZW counted without keeping its output), all of them together stopped
 *   one byte past a budget that grows with the upload (real PDFs inflate to 1–3.5 times their size: Chromium's and
 *   LibreOffice's prints, TeX manuals);
 * - an image's size is read from its dictionary (and a JPEG's own header), and inline images from the inflated page
 *   contents: none may have more pixels than a page scanned at 600 dpi on A4.
 * Streams are found as PDF writers lay them out: an indirect object's dictionary, the keyword `stream`, the data,
 * `endstream` (a stream cannot sit inside an object stream, so every one is visible in the file's bytes). A stream
 * this reader cannot decode (a filter it does not know, corrupt data) is left to pdf.js, which tolerates the same.
 */

export interface PdfInflateLimits {
  /** Bytes all non-image streams may inflate to whatever the upload's size. */
  baseBytes: number
  /** And this many times the upload's size more. */
  bytesPerUploadedByte: number
  /** Most pixels of one image. */
  maxImagePixels: number
}

const MiB = 1024 * 1024

export const DEFAULT_PDF_INFLATE_LIMITS: Readonly<PdfInflateLimits> = Object.freeze({
  baseBytes: 4 * MiB,
  bytesPerUploadedByte: 8,
  // A4 scanned at 600 dpi is 4960 × 7016 pixels (35 million); pdf.js took 9 s of CPU to decode and draw one.
  maxImagePixels: 40_000_000,
})

export class PdfBombError extends Error {
  constructor(readonly problem: 'inflates-too-much' | 'image-too-large') {
    super(`PDF check failed: ${problem}`)
    this.name = 'PdfBombError'
  }
}

/** Farthest back from `stream` that its object's dictionary is looked for (a font's dictionary is a few hundred bytes). */
const MAX_DICTIONARY_BYTES = 64 * 1024

/** Throws PdfBombError when the file is a bomb; returns the bytes its non-image Flate streams inflate to. */
export function checkPdfStreams(data: Uint8Array, limits: PdfInflateLimits = DEFAULT_PDF_INFLATE_LIMITS): { inflatedBytes: number } {
  // One byte per character: offsets in the string are offsets in the file.
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1')
  const allowed = limits.baseBytes + limits.bytesPerUploadedByte * data.byteLength
  let inflatedBytes = 0
  for (const stream of streamsOf(text)) {
    if (/\/Subtype\s*\/Image\b/.test(stream.dictionary)) {
      if (imagePixels(stream.dictionary, data.subarray(stream.start, stream.end)) > limits.maxImagePixels) {
        throw new PdfBombError('image-too-large')
      }
      continue
    }
    const filters = filtersOf(stream.dictionary)
    if (!filters.some((filter) => EXPANDING_FILTERS.has(filter))) continue
    const earlyChange = /\/EarlyChange\s+0\b/.test(stream.dictionary) ? 0 : 1
    const out = decoded(data.subarray(stream.start, stream.end), filters, allowed - inflatedBytes, earlyChange)
    if (out === 'too-large') throw new PdfBombError('inflates-too-much')
    inflatedBytes += out.length
    if (out.bytes && mayDrawInlineImages(stream.dictionary) && largestInlineImage(out.bytes) > limits.maxImagePixels) {
      throw new PdfBombError('image-too-large')
    }
  }
  return { inflatedBytes }
}

interface RawStream {
  dictionary: string
  start: number
  end: number
}

function* streamsOf(text: string): Generator<RawStream> {
  let at = 0
  // The last `obj` keyword before `at`, found moving forward only: the scan stays linear in the file's size.
  let objectStart = -1
  let nextObject = text.indexOf('obj')
  for (;;) {
    const keyword = text.indexOf('stream', at)
    if (keyword < 0) return
    at = keyword + 6
    while (nextObject >= 0 && nextObject < keyword) {
      objectStart = nextObject
      nextObject = text.indexOf('obj', nextObject + 3)
    }
    if (text.startsWith('end', keyword - 3)) continue
    if (!/>>\s*$/.test(text.slice(Math.max(0, keyword - 16), keyword))) continue
    if (objectStart < 0 || keyword - objectStart > MAX_DICTIONARY_BYTES) continue
    const dictionary = text.slice(objectStart + 3, keyword)
    // The data starts after the end of line that follows the keyword (CR LF, or LF; a lone CR is tolerated).
    let start = at
    if (text[start] === '\r') start++
    if (text[start] === '\n') start++
    const end = dataEnd(text, dictionary, start)
    yield { dictionary, start, end }
    at = end
  }
}

/** Where a stream's data ends: its direct /Length when `endstream` follows it, else the next `endstream`. */
function dataEnd(text: string, dictionary: string, start: number): number {
  const declared = /\/Length\s+(\d{1,10})\b(?!\s+\d+\s+R)/.exec(dictionary)
  if (declared) {
    const end = start + Number(declared[1])
    if (end <= text.length && /^\s*endstream/.test(text.slice(end, end + 16))) return end
  }
  const found = text.indexOf('endstream', start)
  return found < 0 ? text.length : found
}

/** Short filter names (inline images use them; pdf.js accepts them anywhere) and the names they stand for. */
const FILTER_NAMES: Record<string, string> = { AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode', Fl: 'FlateDecode', DCT: 'DCTDecode', LZW: 'LZWDecode' }

/** The stream's filters in the order they are applied to decode it: `/Filter /FlateDecode` or `/Filter [/A /B]`. */
function filtersOf(dictionary: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)
  if (!match) return []
  return [...match[1]!.matchAll(/\/([A-Za-z0-9]+)/g)].map(([, name]) => FILTER_NAMES[name!] ?? name!)
}

/** The compressions that can put out far more than they take in: Flate (zlib) and LZW (up to about 2,500 times). */
const EXPANDING_FILTERS = new Set(['FlateDecode', 'LZWDecode'])

/**
 * What the stream's first compression filter puts out — its bytes for Flate, its length alone for LZW — or
 * 'too-large' past `budget` bytes. The text-encoding filters before it (hex, base-85) are decoded first, so a bomb
 * cannot hide behind them. A filter that is not understood, or corrupt data, gives nothing (pdf.js gets no more).
 */
function decoded(raw: Uint8Array, filters: readonly string[], budget: number, earlyChange: number): { bytes?: Uint8Array; length: number } | 'too-large' {
  let bytes: Uint8Array = raw
  for (const filter of filters) {
    if (filter === 'ASCIIHexDecode') bytes = fromHex(bytes)
    else if (filter === 'ASCII85Decode') bytes = fromBase85(bytes)
    else if (filter === 'FlateDecode') {
      const out = inflated(bytes, budget)
      return out === 'too-large' ? out : { bytes: out, length: out.byteLength }
    } else if (filter === 'LZWDecode') {
      const length = lzwDecodedLength(bytes, budget, earlyChange)
      return length === 'too-large' ? length : { length }
    } else break
  }
  return { length: 0 }
}

/**
 * How many bytes an LZW stream decodes to, counted as pdf.js decodes it (9- to 12-bit codes, the table reset by 256,
 * the end at 257, /EarlyChange 1 unless the dictionary says 0) but keeping only each table entry's length, not its
 * bytes: 'too-large' as soon as the count passes `budget`.
 */
function lzwDecodedLength(bytes: Uint8Array, budget: number, earlyChange: number): number | 'too-large' {
  const lengths = new Uint16Array(4096).fill(1, 0, 256)
  let codeLength = 9
  let nextCode = 258
  let previousCode = 0
  let current = 0
  let total = 0
  let cached = 0
  let cachedBits = 0
  let at = 0
  for (;;) {
    while (cachedBits < codeLength) {
      if (at >= bytes.length) return total
      cached = ((cached << 8) | bytes[at++]!) & 0xffffff
      cachedBits += 8
    }
    cachedBits -= codeLength
    const code = (cached >>> cachedBits) & ((1 << codeLength) - 1)
    const hadPrevious = current > 0
    if (code < 256) current = 1
    else if (code === 256) {
      codeLength = 9
      nextCode = 258
      current = 0
      continue
    } else if (code === 257) return total
    else current = code < nextCode ? lengths[code]! : current + 1
    if (hadPrevious) {
      if (nextCode < 4096) lengths[nextCode] = lengths[previousCode]! + 1
      nextCode++
      const next = nextCode + earlyChange
      if ((next & (next - 1)) === 0) codeLength = Math.min(Math.log2(next) + 1, 12)
    }
    previousCode = code
    total += current
    if (total > budget) return 'too-large'
  }
}

function inflated(bytes: Uint8Array, budget: number): Uint8Array | 'too-large' {
  try {
    // Sync flush: a stream cut short still gives what it holds, as pdf.js reads it.
    return inflateSync(bytes, { maxOutputLength: Math.max(1, budget + 1), finishFlush: constants.Z_SYNC_FLUSH })
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large'
    return new Uint8Array(0)
  }
}

/** An image's pixels as its dictionary declares them, or as its JPEG header does when that is larger. */
function imagePixels(dictionary: string, raw: Uint8Array): number {
  const width = Number(/\/Width\s+(\d{1,10})\b/.exec(dictionary)?.[1] ?? 0)
  const height = Number(/\/Height\s+(\d{1,10})\b/.exec(dictionary)?.[1] ?? 0)
  return Math.max(width * height, filtersOf(dictionary).includes('DCTDecode') ? jpegPixels(raw) : 0)
}

/** Width × height from a JPEG's start-of-frame segment (markers C0–CF except C4, C8, CC), 0 when there is none. */
function jpegPixels(jpeg: Uint8Array): number {
  let at = 2
  while (at + 9 < jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return ((jpeg[at + 5]! << 8) | jpeg[at + 6]!) * ((jpeg[at + 7]! << 8) | jpeg[at + 8]!)
    }
    at += 2 + length
  }
  return 0
}

/** Page contents and forms may hold inline images; fonts, object streams, cross-reference streams and metadata do not. */
function mayDrawInlineImages(dictionary: string): boolean {
  return !/\/Length[123]\b|\/Subtype\s*\/(?:Type1C|CIDFontType0C|OpenType|XML)\b|\/Type\s*\/(?:ObjStm|XRef|Metadata|EmbeddedFile)\b/.test(dictionary)
}

/** The most pixels an inline image (BI … ID) of a page's contents declares: /W and /H (or /Width, /Height). */
function largestInlineImage(contents: Uint8Array): number {
  const text = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength).toString('latin1')
  let largest = 0
  for (const image of text.matchAll(/\bBI\b([^]{0,512}?)\bID\b/g)) {
    const width = Number(/\/W(?:idth)?\s+(\d{1,10})\b/.exec(image[1]!)?.[1] ?? 0)
    const height = Number(/\/H(?:eight)?\s+(\d{1,10})\b/.exec(image[1]!)?.[1] ?? 0)
    largest = Math.max(largest, width * height)
  }
  return largest
}

function fromHex(bytes: Uint8Array): Uint8Array {
  const digits = Buffer.from(bytes).toString('latin1').replace(/>[\s\S]*$/, '').replace(/[^0-9A-Fa-f]/g, '')
  return Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex')
}

/** Adobe's base-85 (ASCII85Decode): groups of five characters `!`–`u` to four bytes, `z` for four zero bytes. */
function fromBase85(bytes: Uint8Array): Uint8Array {
  const source = Buffer.from(bytes).toString('latin1').replace(/~>[\s\S]*$/, '').replace(/\s/g, '')
  const out = new Uint8Array(source.length * 4)
  let length = 0
  let group: number[] = []
  const flush = (count: number) => {
    let value = 0
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84)
    for (let i = 0; i < count; i++) out[length++] = (value >>> (24 - 8 * i)) & 0xff
    group = []
  }
  for (const char of source) {
    if (char === 'z' && group.length === 0) {
      length += 4
      continue
    }
    const code = char.charCodeAt(0) - 33
    if (code < 0 || code > 84) continue
    group.push(code)
    if (group.length === 5) flush(4)
  }
  if (group.length > 1) flush(group.length - 1)
  return out.subarray(0, length)
}
