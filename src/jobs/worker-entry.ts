import { parentPort, workerData } from 'node:worker_threads'
import type { AppConfig } from '../config.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import type { PolicyDocument } from '../ingest/clause.js'
import type { JobName } from './catalog.js'
import { runJob } from './run-job.js'
import { toWireError, type JobMessage, type JobReply } from './wire.js'

/**
 * A worker thread of the job pool: loads the job code once, then runs one job at a time as the pool sends them.
 * The pool terminates the whole thread when a job overruns its budget, so nothing here needs to be interruptible.
 */

export interface WorkerOptions {
  corpusConfig: Pick<AppConfig, 'env' | 'dataDir' | 'limits'>
}

const port = parentPort
if (!port) throw new Error('worker-entry.ts runs only as a worker thread')
const { corpusConfig } = workerData as WorkerOptions

// The worker's own copy of the corpus (built-in guidelines + the uploads the server last sent), built on first use.
let uploads: readonly PolicyDocument[] = []
let corpus: Promise<PolicyCorpus> | undefined
const context = {
  corpus: () =>
    (corpus ??= PolicyCorpus.open(corpusConfig, { list: async () => [...uploads], save: async () => undefined, remove: async () => undefined })),
}

/** A result's bytes move to the event loop instead of being copied, when they own their whole buffer. */
function transferList(output: unknown): ArrayBuffer[] {
  const data = (output as { data?: unknown } | null)?.data
  if (data instanceof Uint8Array && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) {
    return [data.buffer]
  }
  return []
}

port.on('message', (message: JobMessage | { uploads: PolicyDocument[] }) => {
  if ('uploads' in message) {
    uploads = message.uploads
    corpus = undefined
    return
  }
  runJob(message.job as JobName, message.payload, context).then(
    (output) => port.postMessage({ id: message.id, ok: true, output } satisfies JobReply, transferList(output)),
    (error: unknown) => port.postMessage({ id: message.id, ok: false, error: toWireError(error) } satisfies JobReply),
  )
})
port.postMessage({ ready: true })
