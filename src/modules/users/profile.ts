import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { OrganizationRow } from '../organizations/organizations.repository'

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const compiled = new Map<string, ValidateFunction>()

/** Is `schema` itself a valid JSON Schema? Returns a message when not. */
export function checkProfileSchema(schema: Record<string, unknown>): string | undefined {
  try {
    ajv.compile(schema)
    return undefined
  } catch (err) {
    return `Invalid JSON Schema: ${(err as Error).message}`
  }
}

/** Validates a user profile against the organization's `profile_schema`; returns DRF-style messages. */
export function validateProfile(org: Pick<OrganizationRow, 'id' | 'updatedAt' | 'profileSchema'>, profile: Record<string, unknown>): string[] {
  if (!org.profileSchema) return []
  const cacheKey = `${org.id}:${org.updatedAt.getTime()}`
  let validate = compiled.get(cacheKey)
  if (!validate) {
    validate = ajv.compile(org.profileSchema)
    if (compiled.size > 1000) compiled.clear()
    compiled.set(cacheKey, validate)
  }
  if (validate(profile)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.trim())
}
