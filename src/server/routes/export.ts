import { Hono } from 'hono'
import type { JobRunner } from '../../jobs/job-runner.js'
import { readJsonText } from '../validation.js'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name, so browsers save the Chinese file name. */
export function contentDisposition(fileName: string): string {
  // toWellFormed: a lone surrogate (a broken character pasted into a title) would make encodeURIComponent throw.
  return `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(fileName.toWellFormed())}`
}

/**
 * POST /api/export: `{text, park?, kind?, form?, charts?, fillDate?}` → the .docx file, built in a worker thread,
 * X-Export-Warnings when not ready to submit.
 */
export function exportRoutes(jobs: JobRunner) {
  const app = new Hono()
  app.post('/export', async (c) => {
    const { data, fileName, warnings } = await jobs.run('export', { json: await readJsonText(c) }, { signal: c.req.raw.signal })
    // Warnings (over the 字数 limit, open errors) ride along with the file: a header holds only ASCII, so each is
    // percent-encoded UTF-8, the list joined by commas.
    return c.body(data as Uint8Array<ArrayBuffer>, 200, {
      'content-type': DOCX_TYPE,
      'content-disposition': contentDisposition(fileName),
      ...(warnings.length ? { 'x-export-warnings': warnings.map((w) => encodeURIComponent(w)).join(',') } : {}),
    })
  })
  return app
}
