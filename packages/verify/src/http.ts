import { invalidToken, missingPermission, VerificationError } from './errors.js'
import { hasPermission, type AccessToken, type Verifier, type VerifyOptions } from './verifier.js'

/** An HTTP answer to a refused request, the same in every framework. */
export interface Rejection {
  status: 401 | 403 | 503
  headers: Record<string, string>
  body: { detail: string; code: string }
}

/**
 * The token of an `Authorization: Bearer <token>` header; undefined when there is no
 * header at all. Any other scheme or shape is a malformed credential (401).
 */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined
  const m = typeof header === 'string' ? /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header) : null
  if (!m) throw invalidToken('malformed', 'Authorization header must be: Bearer <token>.')
  return m[1]
}

/** Verifies the request's bearer token (what both middlewares run). Throws `VerificationError`. */
export async function authenticateRequest(verifier: Verifier, authorization: string | string[] | undefined, options: VerifyOptions): Promise<AccessToken> {
  const token = bearerToken(authorization)
  if (token === undefined) throw new VerificationError('invalid_token', 'missing', 'Authentication credentials were not provided.')
  return verifier.verify(token, options)
}

/** Throws 403 unless the (already verified) token holds the permission; 401 when there is no token. */
export function checkPermission(token: AccessToken | undefined, codename: string): void {
  if (!token) throw new VerificationError('invalid_token', 'missing', 'Authentication credentials were not provided.')
  if (!hasPermission(token, codename)) throw missingPermission(codename)
}

/**
 * RFC 6750 §3: a request without credentials gets a bare challenge; a bad token
 * `error="invalid_token"` (401); a missing permission `error="insufficient_scope"` (403).
 * Bodies are DRF-shaped, like the CommerceCore API's own. Undefined: not ours, rethrow it.
 */
export function rejectionOf(err: unknown): Rejection | undefined {
  if (!(err instanceof VerificationError)) return undefined
  const challenge = 'Bearer realm="api"'
  if (err.reason === 'missing') {
    return { status: 401, headers: { 'www-authenticate': challenge }, body: { detail: err.message, code: 'not_authenticated' } }
  }
  if (err.kind === 'invalid_token') {
    return { status: 401, headers: { 'www-authenticate': `${challenge}, error="invalid_token", error_description="${quotable(err.message)}"` }, body: { detail: err.message, code: 'token_not_valid' } }
  }
  if (err.kind === 'insufficient_scope') {
    return { status: 403, headers: { 'www-authenticate': `${challenge}, error="insufficient_scope", scope="${err.permission}"` }, body: { detail: err.message, code: 'permission_denied' } }
  }
  return { status: 503, headers: { 'retry-after': '5' }, body: { detail: 'Token verification is unavailable. Try again shortly.', code: 'service_unavailable' } }
}

/** RFC 6750 allows no double quote or backslash inside error_description. */
const quotable = (text: string) => text.replace(/["\\]/g, "'")
