import { crc32, deflateRawSync } from 'node:zlib'
import type { StoredZipEntry } from './docx-zip.js'

/**
 * Writes a ZIP archive from entries that are either copied as stored (compressed bytes and CRC taken over from the
 * archive they came from, so a part we did not touch stays byte-for-byte what the person's Word wrote) or new
 * content deflated here. No ZIP64: a .docx we accept is far below 4 GB (parse-docx.ts caps it at 50 MB).
 */

export type ZipWriteEntry = { name: string; stored: StoredZipEntry } | { name: string; data: Uint8Array }

const METHOD_STORED = 0
const METHOD_DEFLATE = 8
const FLAG_UTF8 = 0x0800
// 1980-01-01 00:00 in DOS time: a fixed stamp keeps the output reproducible.
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const DOS_TIME = 0

export function writeZip(entries: readonly ZipWriteEntry[]): Uint8Array {
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const body = 'stored' in entry ? entry.stored : deflated(entry.name, entry.data)
    const name = Buffer.from(entry.name, 'utf8')

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(FLAG_UTF8, 6)
    local.writeUInt16LE(body.method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(body.crc, 14)
    local.writeUInt32LE(body.compressed.length, 18)
    local.writeUInt32LE(body.uncompressedSize, 22)
    local.writeUInt16LE(name.length, 26)
    chunks.push(local, name, body.compressed)

    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(FLAG_UTF8, 8)
    header.writeUInt16LE(body.method, 10)
    header.writeUInt16LE(DOS_TIME, 12)
    header.writeUInt16LE(DOS_DATE, 14)
    header.writeUInt32LE(body.crc, 16)
    header.writeUInt32LE(body.compressed.length, 20)
    header.writeUInt32LE(body.uncompressedSize, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += 30 + name.length + body.compressed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...chunks, directory, end]))
}

function deflated(name: string, data: Uint8Array): StoredZipEntry {
  const compressed = deflateRawSync(data)
  // Tiny parts (a rels file) can grow when deflated: store them instead.
  return compressed.length < data.length
    ? { name, method: METHOD_DEFLATE, crc: crc32(data), uncompressedSize: data.length, compressed }
    : { name, method: METHOD_STORED, crc: crc32(data), uncompressedSize: data.length, compressed: data }
}
