import { parseJsonText } from '../json-text.js'
import { parseRequest } from '../server/validation.js'
import type { JobName, JobPayload } from './catalog.js'
import { JOBS, type JobContext, type JobOutput } from './registry.js'

/**
 * One job run: the job's code loaded (then `onStart`: the time budget counts from here), the payload parsed (request
 * JSON text becomes a value here, off the event loop) and validated against the job's schema — a Chinese 400 naming
 * the field when it does not fit — then the job itself.
 */
export async function runJob<Name extends JobName>(
  name: Name,
  payload: JobPayload,
  context: JobContext,
  onStart: () => void = () => undefined,
): Promise<JobOutput<Name>> {
  const job = JOBS[name]
  const code = await job.load()
  onStart()
  const value = 'json' in payload ? parseJsonText(payload.json, '请求内容') : payload.value
  const input = parseRequest(job.input, value)
  return (await (job.run as (input: unknown, code: unknown, context: JobContext) => unknown)(input, code, context)) as JobOutput<Name>
}
