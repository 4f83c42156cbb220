import { inflateRawSync } from 'node:zlib'

/**
 * A minimal reader of a ZIP's central directory, enough to refuse a zip bomb before a DOCX reaches mammoth
 * (which unzips everything it reads into memory). Zip64 archives are refused: a DOCX within the upload size
 * limit never needs them.
 */

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflate. */
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

export type ZipProblem = 'malformed' | 'too_many_entries' | 'too_large'

export class ZipCheckError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip check failed: ${problem}`)
    this.name = 'ZipCheckError'
  }
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const ZIP64_MARK = 0xffffffff

/** Lists the entries of a ZIP archive from its central directory. */
export function readZipDirectory(data: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const eocd = findEndOfCentralDirectory(view)
  const count = view.getUint16(eocd + 10, true)
  const size = view.getUint32(eocd + 12, true)
  const offset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) throw new ZipCheckError('too_large')
  if (count > maxEntries) throw new ZipCheckError('too_many_entries')
  if (offset + size > data.byteLength) throw new ZipCheckError('malformed')

  const decoder = new TextDecoder('utf-8')
  const entries: ZipEntry[] = []
  let p = offset
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.byteLength || view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new ZipCheckError('malformed')
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const entry: ZipEntry = {
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: decoder.decode(data.subarray(p + 46, p + 46 + nameLength)),
    }
    if ([entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(ZIP64_MARK)) {
      throw new ZipCheckError('too_large')
    }
    entries.push(entry)
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const last = view.byteLength - 22
  const first = Math.max(0, last - 0xffff)
  for (let p = last; p >= first; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) return p
  }
  throw new ZipCheckError('malformed')
}

/**
 * Refuses archives with too many entries or too much uncompressed data, and checks that the XML parts really
 * inflate to no more than their declared size (a forged directory could declare small sizes).
 */
export function checkZipArchive(
  data: Uint8Array,
  limits: { maxEntries: number; maxUnzippedBytes: number },
): ZipEntry[] {
  const entries = readZipDirectory(data, limits.maxEntries)
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0)
  if (total > limits.maxUnzippedBytes) throw new ZipCheckError('too_large')
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  for (const entry of entries) {
    if (!/\.(xml|rels)$/i.test(entry.name)) continue
    const start = localDataStart(view, entry)
    const compressed = data.subarray(start, start + entry.compressedSize)
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ZipCheckError('malformed')
      continue
    }
    if (entry.method !== 8) throw new ZipCheckError('malformed')
    let inflated: Buffer
    try {
      inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) })
    } catch (error) {
      if (error instanceof RangeError) throw new ZipCheckError('too_large')
      throw new ZipCheckError('malformed')
    }
    if (inflated.length > entry.uncompressedSize) throw new ZipCheckError('too_large')
  }
  return entries
}

function localDataStart(view: DataView, entry: ZipEntry): number {
  const p = entry.localHeaderOffset
  if (p + 30 > view.byteLength || view.getUint32(p, true) !== LOCAL_SIGNATURE) throw new ZipCheckError('malformed')
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true)
  if (start + entry.compressedSize > view.byteLength) throw new ZipCheckError('malformed')
  return start
}
