import { Hono } from 'hono'
import { z } from 'zod'
import type { PolicyCorpus } from '../../corpus/policy-corpus.js'
import { UserError } from '../../errors.js'
import type { JobRunner } from '../../jobs/job-runner.js'
import { parseRequest, readJsonBody, readUpload } from '../validation.js'
import { limitBody } from '../body-limit.js'
import { UploadedFile } from '../multipart.js'

const RetrieveRequestSchema = z.object({
  query: z.string().trim().min(1).max(2000),
  top: z.number().int().min(1).max(50).default(5),
  docIds: z.array(z.string()).max(100).optional(),
})

const messages = {
  noFile: '请在表单字段“file”中上传一个文件（PDF、DOCX、TXT 或 Markdown）。',
  tooLarge: (mb: number) => `上传的文件超过 ${mb} MB 的大小限制。`,
}

/** Policy documents and clause retrieval: /api/retrieve and /api/documents. */
export function policyRoutes(corpus: PolicyCorpus, maxUploadBytes: number, jobs: JobRunner) {
  const app = new Hono()

  app.post('/retrieve', async (c) => {
    const { query, top, docIds } = parseRequest(RetrieveRequestSchema, await readJsonBody(c))
    const outcome = await corpus.retrieve(query, { top, ...(docIds ? { docIds } : {}) })
    return c.json({ query, ...outcome })
  })

  app.get('/documents', (c) => c.json({ documents: corpus.listDocuments() }))

  app.get('/documents/:id', (c) => c.json(corpus.getDocument(c.req.param('id'))))

  app.post(
    '/documents',
    // Multipart framing adds a little to the file itself; the extractor enforces the exact file limit.
    limitBody(maxUploadBytes + 64 * 1024, () => new UserError('file_too_large', messages.tooLarge(Math.round(maxUploadBytes / 1024 / 1024)), 413)),
    async (c) => {
      const body = await readUpload(c)
      const file = body['file']
      if (!(file instanceof UploadedFile)) throw new UserError('missing_file', messages.noFile, 400)
      // Extraction (PDF text, Word, OCR) and clause splitting run in a worker thread; storing and indexing here.
      const ingested = await jobs.run(
        'ingest',
        {
          value: {
            fileName: file.name,
            data: file.bytes,
            limits: corpus.ingestLimits,
          },
        },
        { signal: c.req.raw.signal },
      )
      const result = await corpus.addIngested(ingested)
      return c.json({ document: result.document, clauses: result.clauses.length }, 201)
    },
  )

  app.delete('/documents/:id', async (c) => {
    await corpus.removeDocument(c.req.param('id'))
    return c.body(null, 204)
  })

  return app
}
