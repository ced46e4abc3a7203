import { createHash } from 'node:crypto'
import type { Options, ValidateFunction } from 'ajv'
import { createAjv } from '../../lib/ajv'
import { Lru } from '../../lib/lru'
import type { OrganizationRow } from '../organizations/organizations.repository'
import { PROFILE_FORMATS, profileSchemaProblem, re2Pattern } from './profile-schema-rules'

/**
 * Tenants' profile schemas. Each distinct schema gets its own ajv instance, so a `$id` in
 * one organization's schema is invisible to every other schema (a shared instance made
 * the second compile of that `$id` throw, and kept every schema ever compiled). Compiled
 * validators are cached by the hash of the schema's canonical JSON, in a bounded LRU.
 */

/** Largest profile (UTF-8 JSON) accepted; bounds the work of one validation, schema or not. */
const PROFILE_MAX_BYTES = 16_384

/** `pattern` and `patternProperties` run on RE2: linear time, whatever the pattern. */
const re2: NonNullable<Options['code']>['regExp'] = Object.assign((pattern: string) => re2Pattern(pattern), { code: 're2js' })

// The draft-07 meta-schema is compiled once here; a fresh ajv per schema skips it (it
// costs more than the compile itself). validateSchema() does not register the schema.
const meta = createAjv({ strict: false, logger: false })

type Compiled = { validate: ValidateFunction; problem?: undefined } | { validate?: undefined; problem: string }

export class ProfileSchemas {
  private readonly cache: Lru<string, Compiled>

  constructor(capacity = 256) {
    this.cache = new Lru(capacity)
  }

  get size(): number {
    return this.cache.size
  }

  /** The validator of `schema`, or why the schema cannot be used. */
  get(schema: Record<string, unknown>): Compiled {
    const key = createHash('sha256').update(canonicalJson(schema)).digest('base64url')
    let compiled = this.cache.get(key)
    if (!compiled) {
      compiled = compile(schema)
      this.cache.set(key, compiled)
    }
    return compiled
  }
}

function compile(schema: Record<string, unknown>): Compiled {
  const problem = profileSchemaProblem(schema)
  if (problem) return { problem }
  try {
    if (!meta.validateSchema(schema)) return { problem: `Invalid JSON Schema: ${meta.errorsText(meta.errors, { dataVar: 'schema' })}` }
  } catch (err) {
    return { problem: `Invalid JSON Schema: ${(err as Error).message}` } // an unknown $schema
  }
  // One error is enough for a form, and allErrors would let error lists grow with schema × data.
  const ajv = createAjv({ strict: false, logger: false, allErrors: false, validateSchema: false, addUsedSchema: false, code: { regExp: re2 } }, PROFILE_FORMATS)
  try {
    const validate = ajv.compile(schema)
    // An async validator returns a promise, which is truthy: every profile would pass.
    if ((validate as { $async?: boolean }).$async) return { problem: '$async is not supported.' }
    return { validate }
  } catch (err) {
    return { problem: `Invalid JSON Schema: ${(err as Error).message}` }
  }
}

/** JSON with object keys sorted: the same schema in another key order is the same cache entry. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v)
}

export const profileSchemas = new ProfileSchemas()

/** Can `schema` be an organization's `profile_schema`? Returns a message when not. */
export function checkProfileSchema(schema: Record<string, unknown>): string | undefined {
  return profileSchemas.get(schema).problem
}

/** Validates a user profile against the organization's `profile_schema`; returns DRF-style messages. */
export function validateProfile(org: Pick<OrganizationRow, 'profileSchema'>, profile: Record<string, unknown>): string[] {
  if (jsonBytes(profile) > PROFILE_MAX_BYTES) return [`Ensure the profile is no larger than ${PROFILE_MAX_BYTES} bytes as JSON.`]
  if (!org.profileSchema) return []
  const { validate, problem } = profileSchemas.get(org.profileSchema)
  // A schema stored before these rules existed, and which breaks them, is not applied (nor a 500).
  if (!validate) return [`The organization's profile schema cannot be used: ${problem}`]
  if (validate(profile)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.trim())
}

/** UTF-8 size of `value` as JSON. Nesting deep enough to overflow the stack is far larger than any limit. */
function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value))
  } catch (err) {
    if (err instanceof RangeError) return Number.POSITIVE_INFINITY
    throw err
  }
}
