/**
 * The organization's `profile_schema` (a JSON Schema) turned into form fields: each
 * top-level property whose type is a scalar gets a control; whatever else the profile
 * holds (nested objects, arrays, keys the schema does not list) stays editable as JSON.
 * The server validates against the schema either way: this only shapes the form.
 */
export type ProfileField = {
  key: string; label: string; hint?: string; required: boolean
  kind: 'text' | 'number' | 'integer' | 'boolean' | 'choice'; choices?: string[]; inputType: 'text' | 'email' | 'date' | 'url' | 'tel'
}

type Schema = Record<string, unknown>
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)
const FORMAT_INPUT: Record<string, ProfileField['inputType']> = { email: 'email', date: 'date', uri: 'url', url: 'url' }

function fieldOf(key: string, prop: Schema, required: boolean): ProfileField | undefined {
  const label = typeof prop.title === 'string' ? prop.title : key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  const hint = typeof prop.description === 'string' ? prop.description : undefined
  const base = { key, label, hint, required, inputType: 'text' as const }
  if (Array.isArray(prop.enum) && prop.enum.every((v) => typeof v === 'string')) return { ...base, kind: 'choice', choices: prop.enum as string[] }
  if (prop.type === 'string') return { ...base, kind: 'text', inputType: FORMAT_INPUT[String(prop.format)] ?? 'text' }
  if (prop.type === 'number' || prop.type === 'integer' || prop.type === 'boolean') return { ...base, kind: prop.type }
  return undefined
}

/** The fields the schema describes well enough for a plain control, in the schema's order. */
export function profileFields(schema: unknown): ProfileField[] {
  if (!isObject(schema) || !isObject(schema.properties)) return []
  const required = new Set(Array.isArray(schema.required) ? schema.required : [])
  return Object.entries(schema.properties).flatMap(([key, prop]) => {
    const field = isObject(prop) ? fieldOf(key, prop, required.has(key)) : undefined
    return field ? [field] : []
  })
}

/** What a control shows for a stored value. */
export function fieldText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value)
}

/** A control's text as the profile value: empty removes the key; numbers stay numbers when they parse. */
function fieldValue(field: ProfileField, text: string): unknown {
  if (field.kind === 'boolean') return text === 'true'
  if (text === '') return undefined
  if (field.kind === 'number' || field.kind === 'integer') {
    const n = Number(text)
    return Number.isFinite(n) ? n : text // left as text, the server's message says what is wrong
  }
  return text
}

/** The profile to send: the form's fields over the other data (`rest`, parsed from the JSON box). */
export function mergeProfile(fields: ProfileField[], texts: Record<string, string>, rest: Record<string, unknown>): Record<string, unknown> {
  const profile: Record<string, unknown> = { ...rest }
  for (const field of fields) {
    const value = fieldValue(field, texts[field.key] ?? '')
    if (value === undefined) delete profile[field.key]
    else profile[field.key] = value
  }
  return profile
}

/** The part of the profile the fields do not show (edited as JSON). */
export function otherProfileData(fields: ProfileField[], profile: Record<string, unknown>): Record<string, unknown> {
  const shown = new Set(fields.map((f) => f.key))
  return Object.fromEntries(Object.entries(profile).filter(([key]) => !shown.has(key)))
}
