import { UserError } from '../errors.js'

/** The messages between the server's event loop and a worker thread, and how a UserError crosses between them. */

export interface JobMessage {
  id: number
  job: string
  payload: { json: string } | { value: unknown }
}

export type WireError = { user: ReturnType<UserError['toJSON']> & { status: UserError['status'] } } | { internal: string }

export type JobReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: WireError }

/** A worker announces it has loaded the job code and can take work. */
export interface ReadyMessage {
  ready: true
}

export function toWireError(error: unknown): WireError {
  if (error instanceof UserError) return { user: { ...error.toJSON(), status: error.status } }
  return { internal: error instanceof Error ? (error.stack ?? error.message) : String(error) }
}

/** The UserError a worker threw, rebuilt on this side; anything else stays a plain Error (a 500, logged). */
export function fromWireError(error: WireError): Error {
  if ('internal' in error) return new Error(`worker job failed: ${error.internal}`)
  const { code, message, status, ...details } = error.user
  return new UserError(code, message, status, details)
}
