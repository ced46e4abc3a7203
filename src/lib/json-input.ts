/**
 * Limits on parsed JSON that no route schema can express, checked once per body.
 *
 * - Depth: JSON.parse itself copes with any depth, but every later recursive step
 *   (JSON.stringify when PostgreSQL gets a jsonb value or a response is written, ajv on a
 *   profile_schema) overflows the stack somewhere past a few thousand levels: a
 *   RangeError, a 500. No field of this API needs more than a handful of levels.
 * - Unpaired UTF-16 surrogates: a JSON escape such as `"\ud800"` yields a string that is
 *   not valid Unicode. PostgreSQL rejects it in jsonb (a 500), and silently turns it into
 *   U+FFFD in text columns (a username that is not what was sent). Raw bytes cannot do
 *   this: the body is decoded as UTF-8, so only the `\u` escape can, and it is refused.
 */
export const MAX_JSON_DEPTH = 32

// ES2024 string methods, in Node since 20.0; declared here rather than raising the whole
// `lib` to ES2024, which would also type-check APIs Node 20 lacks (Promise.withResolvers).
declare global {
  interface String {
    isWellFormed(): boolean
    toWellFormed(): string
  }
}

export const depthMessage = `Nesting deeper than ${MAX_JSON_DEPTH} levels is not allowed.`
export const surrogateMessage = 'Unpaired Unicode surrogate characters are not allowed.'

/** A lone surrogate can only come from a `\uD800`–`\uDFFF` escape; bodies without one skip the string checks. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/

/** The first problem of a parsed body as `{field: [message]}` (dotted path, as ajv errors are reported), or undefined. */
export function checkJsonBody(raw: string, value: unknown): Record<string, string[]> | undefined {
  const problem = inspect(value, 0, SURROGATE_ESCAPE.test(raw))
  if (!problem) return undefined
  // A too-deep value is reported at its top-level field (`profile`), not at a 33-segment path.
  const path = problem.message === depthMessage ? problem.path.slice(0, 1) : problem.path
  return { [path.join('.') || 'non_field_errors']: [problem.message] }
}

interface Problem { path: string[]; message: string }

/**
 * Depth-first, stopping at the first problem; the path is built only on the way back
 * from one, so a clean body costs one visit per node and no allocation. Recursion is
 * safe: it never goes deeper than MAX_JSON_DEPTH + 1.
 */
function inspect(value: unknown, depth: number, strings: boolean): Problem | undefined {
  if (typeof value === 'string') return strings && !value.isWellFormed() ? { path: [], message: surrogateMessage } : undefined
  if (value === null || typeof value !== 'object') return undefined
  if (depth >= MAX_JSON_DEPTH) return { path: [], message: depthMessage }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = inspect(value[i], depth + 1, strings)
      if (problem) { problem.path.unshift(String(i)); return problem }
    }
    return undefined
  }
  const object = value as Record<string, unknown>
  for (const key in object) {
    // The key is echoed in the error body, so it is made well-formed there.
    if (strings && !key.isWellFormed()) return { path: [key.toWellFormed()], message: surrogateMessage }
    const problem = inspect(object[key], depth + 1, strings)
    if (problem) { problem.path.unshift(key); return problem }
  }
  return undefined
}

/**
 * A copy of `value` that PostgreSQL can store in jsonb: lone surrogates become U+FFFD and
 * NUL characters are dropped. For records that must never be lost to odd input (audit
 * events); request bodies are refused instead, by checkJsonBody.
 */
export function storableJson<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return clean(value) as T
  if (value === null || typeof value !== 'object') return value
  if (depth > MAX_JSON_DEPTH) return '[too deep]' as T
  if (Array.isArray(value)) return value.map((v) => storableJson(v, depth + 1)) as T
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), storableJson(v, depth + 1)])) as T
}

const clean = (s: string): string => (s.isWellFormed() && !s.includes('\u0000') ? s : s.toWellFormed().replaceAll('\u0000', ''))
