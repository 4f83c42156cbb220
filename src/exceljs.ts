import type ExcelJS from 'exceljs'

/**
 * ExcelJS, loaded by the first workbook read or written. Importing it costs ~28 MiB and about half a second, which
 * the server (its main thread and every worker thread) and the CLI would otherwise pay at start whether or not a
 * workbook is ever touched (issue 16). Modules that only name its types import them with `import type`.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default
}
