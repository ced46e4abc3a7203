import type { TSchema } from 'typebox'
import { createAjv } from '../lib/ajv'
import { ValidationError } from '../lib/errors'
import { formatValidation } from '../plugins/errors'

/** The options request bodies are validated with (src/plugins/errors.ts): strict, no coercion. */
const ajv = createAjv({ allErrors: true, verbose: true, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false })

/**
 * A command's input checked against a route's body schema, so the CLI refuses exactly
 * what the API refuses, with the same messages (a ValidationError, as from a service).
 */
export function validateBody<T>(schema: TSchema, value: T): T {
  const check = ajv.compile(schema)
  if (!check(value)) throw new ValidationError(formatValidation(check.errors ?? [], true))
  return value
}

/** One line for a command's error: a ValidationError's fields (`username: A user with …`), else the message. */
export function commandError(err: unknown): string {
  if (err instanceof ValidationError) return Object.entries(err.fields).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; ')
  return (err as Error).message.split('\n')[0]
}
