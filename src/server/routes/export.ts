import { Hono } from 'hono'
import type { JobRunner } from '../../jobs/job-runner.js'
import { fileResponse } from '../file-response.js'
import { readJsonText } from '../validation.js'

/**
 * POST /api/export: `{text, park?, kind?, form?, charts?, fillDate?}` → the .docx file, built in a worker thread,
 * X-Export-Warnings when not ready to submit.
 */
export function exportRoutes(jobs: JobRunner) {
  const app = new Hono()
  app.post('/export', async (c) => {
    const file = await jobs.run('export', { json: await readJsonText(c) }, { signal: c.req.raw.signal })
    // Warnings (over the 字数 limit, open errors) ride along with the file (X-Export-Warnings).
    return fileResponse(file, 'report')
  })
  return app
}
