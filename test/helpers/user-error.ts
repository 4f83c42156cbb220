import { expect } from 'vitest'
import { UserError } from '../../src/errors.js'

/** Awaits a promise that must reject with a UserError and returns the error, so a test can assert its code and message. */
export async function rejectionOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}
