/**
 * An error meant for an end user: a Chinese message, where it happened, and the HTTP status it maps to.
 * Thrown at the edges (ingest, store, routes) and turned into `{error: {code, message, path?}}` JSON by the server
 * and into a one-line message by the CLI. Anything else that is thrown is a bug and becomes a 500.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503 | 504 = 400,
    readonly details?: { path?: string; position?: number; issues?: readonly unknown[]; documentId?: string },
  ) {
    super(message)
    this.name = 'UserError'
  }

  toJSON(): { code: string; message: string; path?: string; position?: number; issues?: readonly unknown[]; documentId?: string } {
    return { code: this.code, message: this.message, ...this.details }
  }
}

/** A UserError the client should retry after a while (the server is busy, or this client sent too much): 429 or 503 with Retry-After. */
export class RetryLaterError extends UserError {
  constructor(
    code: string,
    message: string,
    status: 429 | 503,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, status)
    this.name = 'RetryLaterError'
  }
}
