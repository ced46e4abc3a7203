/**
 * Names for reusable schemas: the OpenAPI document lists each named schema once, in
 * `components.schemas`, and refers to it by `$ref` everywhere it is used. The schema
 * objects themselves are untouched (they also validate and serialize), the name is kept
 * on the side, by object identity.
 */
const nameOf = new WeakMap<object, string>()
const byName = new Map<string, object>()

/** Gives `schema` a component name; returns it unchanged. */
export function named<T extends object>(name: string, schema: T): T {
  const owner = byName.get(name)
  if (owner && owner !== schema) throw new Error(`two different schemas are named ${name}`)
  if (!nameOf.has(schema)) nameOf.set(schema, name)
  byName.set(name, schema)
  return schema
}

/** Names every exported schema of a `*.schemas.ts` module after its export. */
export function nameExports(module: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(module)) {
    if (isSchema(value) && /^[A-Z]/.test(name)) named(name, value)
  }
}

export const schemaName = (schema: unknown): string | undefined =>
  typeof schema === 'object' && schema !== null ? nameOf.get(schema) : undefined

const SCHEMA_KEYS = ['type', 'anyOf', 'allOf', 'oneOf', 'const', 'enum', '$ref']
const isSchema = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && SCHEMA_KEYS.some((k) => k in v)
