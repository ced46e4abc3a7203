/**
 * The profile JSON Schema text of the settings form, checked before anything is sent: it
 * must be JSON and a JSON object (or empty: no schema). The API then applies its own rules
 * (draft-07 validity, size, RE2 patterns, local $ref; docs/organizations in the README) and
 * refuses the whole change with a `profile_schema` field error, so nothing is half-saved.
 */
export type ParsedSchema = { schema: Record<string, unknown> | null; error?: undefined } | { schema?: undefined; error: string }

/** The API's limit (src/modules/users/profile-schema-rules.ts), said here so a huge paste fails at once. */
const MAX_BYTES = 16_384

export function parseProfileSchema(text: string): ParsedSchema {
  if (!text.trim()) return { schema: null }
  if (new TextEncoder().encode(text).length > MAX_BYTES * 4) return { error: `The schema must not be larger than ${MAX_BYTES} bytes as JSON.` }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return { error: `Not valid JSON: ${(err as Error).message}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'A JSON Schema here is a JSON object ({…}), or empty for no schema.' }
  if (new TextEncoder().encode(JSON.stringify(value)).length > MAX_BYTES) return { error: `The schema must not be larger than ${MAX_BYTES} bytes as JSON.` }
  return { schema: value as Record<string, unknown> }
}

export const formatSchema = (schema: Record<string, unknown> | null | undefined) => (schema ? JSON.stringify(schema, null, 2) : '')
