import { openZip, ZipError } from '../model/docx-zip.js'

/**
 * Refuses a zip bomb before an Office file reaches a library that unzips everything into memory (mammoth for
 * .docx uploads, exceljs for .xlsx imports): too many entries, too much declared uncompressed data, or ANY entry
 * that inflates beyond its declared size. Every entry is inflated here, each stopped one byte past what the
 * directory declares, so the real total can never pass the declared budget: the libraries inflate every entry
 * (exceljs) or whatever part a relationship names (mammoth), media and binary parts included. The archive is read by the same defensive reader the .docx draft
 * parser uses (src/model/docx-zip.ts); this module only turns its verdict into three problems callers map to
 * their own messages.
 */

export type ZipProblem = 'malformed' | 'too_many_entries' | 'too_large'

export class ZipCheckError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip check failed: ${problem}`)
    this.name = 'ZipCheckError'
  }
}

const PROBLEM_OF: Partial<Record<ZipError['reason'], ZipProblem>> = {
  'too-many-entries': 'too_many_entries',
  'too-large': 'too_large',
  'inflates-beyond-declared-size': 'too_large',
  // ZIP64 is only needed past 4 GB or 65535 entries: far beyond any upload limit.
  unsupported: 'too_large',
}

/**
 * The archive's entry names, after every entry has been inflated within its declared size. `inspect` sees each
 * entry's bytes as they are checked (e.g. to count a worksheet's rows before a library loads the workbook).
 */
export function checkZipArchive(
  data: Uint8Array,
  limits: { maxEntries: number; maxUnzippedBytes: number },
  inspect?: (name: string, bytes: Uint8Array) => void,
): { name: string }[] {
  try {
    const archive = openZip(data, { maxEntries: limits.maxEntries, maxUncompressedBytes: limits.maxUnzippedBytes })
    for (const name of archive.names) {
      const bytes = archive.read(name)
      if (bytes && inspect) inspect(name, bytes)
    }
    return archive.names.map((name) => ({ name }))
  } catch (error) {
    if (error instanceof ZipError) throw new ZipCheckError(PROBLEM_OF[error.reason] ?? 'malformed')
    throw error
  }
}
