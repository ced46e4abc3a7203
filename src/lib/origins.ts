/**
 * Web origins as CORS compares them: `scheme://host[:port]`, serialized the way browsers
 * send the `Origin` header (lowercase, punycode host, default port dropped). Used for
 * CORS_ALLOWED_ORIGINS and for an organization's `cors_allowed_origins`, so that a value
 * written as `HTTPS://Shop.Example.com:443` matches what a browser sends
 * (`https://shop.example.com`) by plain string equality.
 */

/** Longest origin accepted in a setting (a hostname is at most 253 characters). */
export const MAX_ORIGIN_LENGTH = 300

/** Scheme, `://`, then an authority with no path, query or fragment after it. */
const ORIGIN_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\\s]+$/i

/** The browser serialization of `raw`, or why it is not an origin. */
function parseOrigin(raw: string): { origin: string } | { error: string } {
  const value = raw.trim()
  const bad = (why: string) => ({ error: `"${value.slice(0, 80)}" is not an origin: ${why}` })
  if (value === '*') return bad('"*" (any origin) can only be set server-wide, alone, in CORS_ALLOWED_ORIGINS')
  if (value === 'null') return bad('"null" is what sandboxed frames and file: pages send; allowing it would allow all of them')
  if (value.length > MAX_ORIGIN_LENGTH) return bad(`longer than ${MAX_ORIGIN_LENGTH} characters`)
  if (!ORIGIN_SHAPE.test(value)) return bad('write scheme://host[:port], with no path, query or trailing slash')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return bad('not a valid URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return bad('only http and https origins exist for browsers')
  if (url.username || url.password) return bad('no user or password belongs in an origin')
  if (url.hostname.includes('*')) return bad('wildcards are not supported; list each origin')
  return { origin: url.origin }
}

/** Every entry normalized and deduplicated, or the first error. `*` is never accepted here. */
export function parseOriginList(entries: readonly string[]): { origins: string[] } | { error: string } {
  const origins = new Set<string>()
  for (const entry of entries) {
    const parsed = parseOrigin(entry)
    if ('error' in parsed) return parsed
    origins.add(parsed.origin)
  }
  return { origins: [...origins] }
}
