import { UserError } from '../errors.js'

/** How a job's answer, and a UserError it threw, cross from a worker thread to the event loop. */

export type WireError = { user: ReturnType<UserError['toJSON']> & { status: UserError['status'] } } | { internal: string }

export type JobReply = { ok: true; output: unknown } | { ok: false; error: WireError }

export function toWireError(error: unknown): WireError {
  if (error instanceof UserError) return { user: { ...error.toJSON(), status: error.status } }
  return { internal: error instanceof Error ? (error.stack ?? error.message) : String(error) }
}

/** How the message of a job's own (non-user) error starts once it crossed over. */
export const WORKER_JOB_FAILED = 'worker job failed: '

/** The UserError a worker threw, rebuilt on this side; anything else stays a plain Error (a 500, logged). */
export function fromWireError(error: WireError): Error {
  if ('internal' in error) return new Error(WORKER_JOB_FAILED + error.internal)
  const { code, message, status, ...details } = error.user
  return new UserError(code, message, status, details)
}
