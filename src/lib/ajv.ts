import Ajv, { type Options } from 'ajv'
import addFormats, { type FormatName } from 'ajv-formats'
import { isUuid } from './ids'

/**
 * The one ajv setup: ajv-formats with this project's format fixes. Request bodies and
 * queries (`requestAjv`, Fastify's validator in src/plugins/errors.ts) and tenants' profile
 * schemas (src/modules/users/profile.ts) are all built here. `formats` limits which
 * formats are known (default: all of ajv-formats).
 */
export function createAjv(options: Options, formats?: FormatName[]): Ajv {
  const ajv = new Ajv(options)
  if (formats) addFormats(ajv, formats)
  else addFormats(ajv)
  // ajv-formats accepts leap seconds (23:59:60), which a JavaScript Date cannot hold: the
  // Invalid Date would fail later, in SQL, as a 500. Such a timestamp is a 400 here.
  const dateTime = ajv.formats['date-time'] as { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined } | undefined
  if (dateTime) ajv.addFormat('date-time', { ...dateTime, validate: (s: string) => dateTime.validate(s) && !Number.isNaN(Date.parse(s)) })
  // ajv-formats also accepts `urn:uuid:…`, which PostgreSQL's uuid type does not (a 500).
  if (ajv.formats.uuid) ajv.addFormat('uuid', { type: 'string', validate: isUuid })
  return ajv
}

/**
 * Fastify's validators: bodies strictly (no type coercion, unknown fields rejected by the
 * schemas); query strings coerced, because they only ever carry strings.
 */
export const requestAjv = (httpPart: 'body' | 'query'): Ajv =>
  createAjv({ allErrors: true, verbose: true, coerceTypes: httpPart === 'body' ? false : 'array', removeAdditional: false, useDefaults: true, strict: false })
