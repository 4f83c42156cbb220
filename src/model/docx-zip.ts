import { crc32, inflateRawSync } from 'node:zlib'

/**
 * A minimal, defensive reader for the ZIP container of a .docx: the central directory, stored and deflated
 * entries, nothing else (no ZIP64, no encryption, no multi-disk). Uploaded files are untrusted, so the reader
 * caps the number of entries and the total uncompressed size before inflating anything, never inflates beyond an
 * entry's declared size (the zip-bomb trick is a small declared size over a huge stream), and checks each CRC.
 * Errors are `ZipError`s with a reason; parse-docx.ts turns them into Chinese messages.
 */

export interface ZipLimits {
  maxEntries: number
  /** Cap on the sum of the declared uncompressed sizes of all entries. */
  maxUncompressedBytes: number
}

export type ZipErrorReason =
  | 'not-zip'
  | 'truncated'
  | 'corrupted'
  | 'encrypted'
  | 'unsupported'
  | 'too-many-entries'
  | 'too-large'
  | 'inflates-beyond-declared-size'

export class ZipError extends Error {
  constructor(
    readonly reason: ZipErrorReason,
    message: string,
  ) {
    super(message)
    this.name = 'ZipError'
  }
}

interface ZipEntry {
  name: string
  method: number
  flags: number
  crc: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

export interface ZipArchive {
  readonly names: readonly string[]
  has(name: string): boolean
  /** The entry's bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined
  /** The entry as stored (compressed bytes, method, CRC), for copying it unchanged into another archive. */
  readStored(name: string): StoredZipEntry | undefined
}

export interface StoredZipEntry {
  name: string
  method: number
  crc: number
  uncompressedSize: number
  compressed: Uint8Array
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff
const FLAG_ENCRYPTED = 0x0001
const FLAG_UTF8 = 0x0800
const METHOD_STORED = 0
const METHOD_DEFLATE = 8

export function isZipSignature(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5) && (data[3] === 4 || data[3] === 6)
}

export function openZip(data: Uint8Array, limits: ZipLimits): ZipArchive {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const eocd = findEndOfCentralDirectory(view)
  if (eocd < 0) {
    throw isZipSignature(data)
      ? new ZipError('truncated', 'end of central directory not found')
      : new ZipError('not-zip', 'not a zip file')
  }
  const entryCount = view.getUint16(eocd + 10, true)
  const directorySize = view.getUint32(eocd + 12, true)
  const directoryOffset = view.getUint32(eocd + 16, true)
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 archives are not supported')
  if (entryCount > limits.maxEntries) throw new ZipError('too-many-entries', `${entryCount} entries`)
  if (directoryOffset + directorySize > eocd) throw new ZipError('truncated', 'central directory outside the file')

  const entries = new Map<string, ZipEntry>()
  let declaredTotal = 0
  let at = directoryOffset
  for (let n = 0; n < entryCount; n += 1) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipError('corrupted', `bad central directory entry ${n}`)
    const flags = view.getUint16(at + 8, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    if (at + 46 + nameLength > eocd) throw new ZipError('corrupted', `entry ${n} name outside the directory`)
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength)
    // Names in a .docx are ASCII; without the UTF-8 flag they are CP437, which agrees with ASCII.
    const name = new TextDecoder(flags & FLAG_UTF8 ? 'utf-8' : 'latin1').decode(nameBytes)
    const entry: ZipEntry = {
      name,
      flags,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    }
    // Two entries of one name: readers disagree on which one counts, so the one checked may not be the one read.
    if (entries.has(name)) throw new ZipError('corrupted', `duplicate entry ${name}`)
    declaredTotal += entry.uncompressedSize
    if (declaredTotal > limits.maxUncompressedBytes) throw new ZipError('too-large', `declared size over ${limits.maxUncompressedBytes} bytes`)
    entries.set(name, entry)
    at += 46 + nameLength + extraLength + commentLength
  }

  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    read: (name) => {
      const entry = entries.get(name)
      return entry ? readEntry(data, view, entry) : undefined
    },
    readStored: (name) => {
      const entry = entries.get(name)
      if (!entry) return undefined
      if (entry.flags & FLAG_ENCRYPTED) throw new ZipError('encrypted', `${entry.name} is encrypted`)
      return { name, method: entry.method, crc: entry.crc, uncompressedSize: entry.uncompressedSize, compressed: storedBytes(data, view, entry) }
    },
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE
  const first = Math.max(0, last - MAX_COMMENT)
  for (let at = last; at >= first; at -= 1) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue
    // The comment length must reach exactly to the end of the file, or this is a signature inside data.
    if (at + EOCD_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at
  }
  return -1
}

function storedBytes(data: Uint8Array, view: DataView, entry: ZipEntry): Uint8Array {
  const local = entry.localHeaderOffset
  if (local + 30 > data.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
    throw new ZipError('corrupted', `${entry.name}: bad local header`)
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
  const end = start + entry.compressedSize
  if (end > data.length) throw new ZipError('truncated', `${entry.name}: data outside the file`)
  return data.subarray(start, end)
}

function readEntry(data: Uint8Array, view: DataView, entry: ZipEntry): Uint8Array {
  if (entry.flags & FLAG_ENCRYPTED) throw new ZipError('encrypted', `${entry.name} is encrypted`)
  const compressed = storedBytes(data, view, entry)

  let bytes: Uint8Array
  if (entry.method === METHOD_STORED) {
    bytes = compressed
  } else if (entry.method === METHOD_DEFLATE) {
    try {
      // One byte of headroom tells "inflates beyond what the directory declared" from "exactly as declared".
      bytes = inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 })
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipError('inflates-beyond-declared-size', `${entry.name} inflates beyond its declared size`)
      }
      throw new ZipError('corrupted', `${entry.name}: ${(error as Error).message}`)
    }
  } else {
    throw new ZipError('unsupported', `${entry.name}: compression method ${entry.method}`)
  }
  if (bytes.length > entry.uncompressedSize) {
    throw new ZipError('inflates-beyond-declared-size', `${entry.name} inflates beyond its declared size`)
  }
  if (bytes.length !== entry.uncompressedSize || crc32(bytes) !== entry.crc) {
    throw new ZipError('corrupted', `${entry.name}: size or CRC mismatch`)
  }
  return bytes
}
