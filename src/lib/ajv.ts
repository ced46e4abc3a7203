import Ajv, { type Options } from 'ajv'
import addFormats, { type FormatName } from 'ajv-formats'
import { isUuid } from './ids'

/**
 * An ajv instance with ajv-formats and this project's format fixes; used for request
 * bodies and queries (src/plugins/errors.ts) and for tenants' profile schemas.
 * `formats` limits which formats are known (default: all of ajv-formats).
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
