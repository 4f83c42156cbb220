import type { PolicyCorpus } from '../corpus/policy-corpus.js'
import type { JobRunner } from './job-runner.js'
import { runJob } from './run-job.js'

/**
 * Runs jobs on the calling thread, against the caller's own corpus: for tests of the routes and for the CLI, where
 * there is no event loop to keep free. Same parsing, validation and code as in a worker; no budget, no queue.
 */
export function inlineJobRunner(corpus?: PolicyCorpus): JobRunner {
  const context = {
    corpus: async () => {
      if (!corpus) throw new Error('this job needs the policy corpus')
      return corpus
    },
  }
  return {
    run: (name, request) => runJob(name, request, context),
    // The corpus is the caller's own object, already up to date.
    setUploads: () => undefined,
    close: async () => undefined,
  }
}
