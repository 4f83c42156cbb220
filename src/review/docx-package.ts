import { UserError } from '../errors.js'
import { openZip, ZipError, type ZipArchive } from '../model/docx-zip.js'
import { parseXml, type XmlElement } from '../model/ooxml.js'
import { DEFAULT_DOCX_LIMITS, decodeXml, messages as docxMessages, relationTarget } from '../model/parse-docx.js'
import { writeZip, type ZipWriteEntry } from '../model/zip-write.js'

/**
 * Reading and re-writing the parts of a .docx we edit in place (the annotated draft, the tracked-changes export):
 * the zip opened with the reader's limits, the main document part found through the package relationships, and the
 * package written back with every part we did not replace copied as stored, byte for byte.
 */

export function openArchive(data: Uint8Array): ZipArchive {
  try {
    return openZip(data, DEFAULT_DOCX_LIMITS)
  } catch (error) {
    if (error instanceof ZipError) throw new UserError('docx_corrupted', docxMessages.unknownFormat, 415)
    throw error
  }
}

export function readText(zip: ZipArchive, path: string): string | undefined {
  const bytes = zip.read(path)
  return bytes ? decodeXml(bytes) : undefined
}

export function readXml(zip: ZipArchive, path: string): XmlElement | undefined {
  const text = readText(zip, path)
  return text === undefined ? undefined : parseXml(text)
}

/** The main document part (word/document.xml in every file Word writes) and where its relationships are. */
export function documentPart(zip: ZipArchive): { path: string; folder: string; relsPath: string; xml: string } {
  const path = relationTarget(readXml(zip, '_rels/.rels'), '/officeDocument', '') ?? 'word/document.xml'
  const slash = path.lastIndexOf('/')
  const folder = path.slice(0, slash + 1)
  const xml = readText(zip, path)
  if (xml === undefined) throw new UserError('docx_not_word', docxMessages.notWord, 415)
  return { path, folder, relsPath: `${folder}_rels/${path.slice(slash + 1)}.rels`, xml }
}

/** The same entries in the same order; replaced parts re-encoded as UTF-8, new parts appended. */
export function repack(zip: ZipArchive, replaced: Map<string, string>): Uint8Array {
  const encoder = new TextEncoder()
  const entries: ZipWriteEntry[] = []
  const pending = new Map(replaced)
  for (const name of zip.names) {
    const text = pending.get(name)
    if (text !== undefined) {
      entries.push({ name, data: encoder.encode(asUtf8Declaration(text)) })
      pending.delete(name)
    } else {
      entries.push({ name, stored: zip.readStored(name)! })
    }
  }
  for (const [name, text] of pending) entries.push({ name, data: encoder.encode(text) })
  return writeZip(entries)
}

/** A part read from UTF-16 is written back as UTF-8, so its declaration must say so. */
function asUtf8Declaration(xml: string): string {
  return xml.replace(/^(\uFEFF?<\?xml[^>]*encoding=["'])UTF-16(["'])/i, '$1UTF-8$2').replace(/^\uFEFF/, '')
}

/** The largest w:id in use (comments, changes and bookmarks share the number space in practice). */
export function maxAnnotationId(...parts: string[]): number {
  let max = 0
  for (const part of parts) {
    for (const match of part.matchAll(/:id="(\d{1,9})"/g)) max = Math.max(max, Number(match[1]))
  }
  return max
}

/** w:date as Word writes it: ISO 8601 without milliseconds. */
export function wordDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}
