import type { PolicyDocument } from '../ingest/clause.js'
import type { JobName } from './catalog.js'
import type { JobInput, JobOutput } from './registry.js'

/** A job's input: request JSON text (parsed where the job runs) or the value itself. */
export type JobRequest<Name extends JobName> = { json: string } | { value: JobInput<Name> }

/**
 * Where the server's CPU-heavy work runs: a pool of worker threads (worker-pool.ts, the server) or the calling
 * thread (inline-runner.ts, tests and the CLI). Routes only see this interface.
 */
export interface JobRunner {
  run<Name extends JobName>(name: Name, request: JobRequest<Name>, options?: { signal?: AbortSignal }): Promise<JobOutput<Name>>
  /** The uploaded policy documents changed: jobs that plan against the corpus see the new set. */
  setUploads(documents: readonly PolicyDocument[]): void
  close(): Promise<void>
}
