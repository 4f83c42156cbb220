import { extname } from 'node:path'

/**
 * The file formats the product writes: the report and the 经验总结材料 as Word (.docx), the indicator table and the
 * 示范基地 汇总表 as Excel (.xlsx). One place for what a format is — its extension and media type — so an export
 * entry point (CLI, HTTP, the drafting command) picks a writer by format instead of assuming .docx.
 */
export const FILE_FORMATS = {
  docx: { extension: '.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word 文件' },
  xlsx: { extension: '.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'Excel 文件' },
} as const

export type FileFormat = keyof typeof FILE_FORMATS

/** A file an export wrote: its bytes, the Chinese file name offered to the person, and what they must hear. */
export interface ExportedFile {
  format: FileFormat
  data: Uint8Array
  fileName: string
  /** Why the file is not ready to submit (over the 字数 limit, open errors); empty when it is. */
  warnings: readonly string[]
}

/** The format a path names by its extension (case-insensitive); undefined for anything else (.txt, .md). */
export function formatOfPath(path: string): FileFormat | undefined {
  const extension = extname(path).toLowerCase()
  return (Object.keys(FILE_FORMATS) as FileFormat[]).find((format) => FILE_FORMATS[format].extension === extension)
}

/** A file name stem from a park name or a title: characters Windows and macOS refuse are dropped, kept short. */
export function safeFileStem(text: string): string {
  return text.replace(/[\\/:*?"<>|\r\n]+/g, '').trim().slice(0, 40) || '园区报告'
}
