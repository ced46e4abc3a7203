import { ValidationError, isUniqueViolation } from '../../lib/errors'

export function takenErrors(taken: { username?: true; email?: true }): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (taken.username) errors.username = ['A user with that username already exists.']
  if (taken.email) errors.email = ['A user with this email already exists.']
  return errors
}

/** A unique-index race lost after the pre-check: report it as the same field error. */
export function rethrowTaken(err: unknown): never {
  if (isUniqueViolation(err)) {
    const text = String((err as { cause?: { constraint?: string }; constraint?: string }).cause?.constraint ?? (err as { constraint?: string }).constraint ?? (err as Error).message)
    throw new ValidationError(takenErrors(text.includes('email') ? { email: true } : { username: true }))
  }
  throw err
}
