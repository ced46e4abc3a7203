/**
 * Why a request was refused, in the three ways a resource server can refuse one:
 * - `invalid_token` (401): missing, malformed, expired, tampered, another organization's,
 *   or (online mode) revoked.
 * - `insufficient_scope` (403): a valid token without the permission the route needs.
 * - `unavailable` (503): the keys or the online check could not be reached, so nothing
 *   can be said about the token. Never treated as valid.
 */
export type RejectionKind = 'invalid_token' | 'insufficient_scope' | 'unavailable'

/** What exactly was wrong, for logs and tests; `message` is safe to show the caller. */
export type RejectionReason =
  | 'missing' | 'malformed' | 'expired' | 'signature' | 'algorithm' | 'unknown_key' | 'issuer'
  | 'claims' | 'organization' | 'revoked' | 'permission' | 'keys_unreachable' | 'server_unreachable'

export class VerificationError extends Error {
  /** The permission that was missing (`insufficient_scope` only). */
  readonly permission: string | undefined

  constructor(
    readonly kind: RejectionKind,
    readonly reason: RejectionReason,
    message: string,
    options?: { cause?: unknown; permission?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'VerificationError'
    this.permission = options?.permission
  }

  get status(): 401 | 403 | 503 {
    return this.kind === 'invalid_token' ? 401 : this.kind === 'insufficient_scope' ? 403 : 503
  }
}

export const invalidToken = (reason: RejectionReason, message: string, cause?: unknown) =>
  new VerificationError('invalid_token', reason, message, { cause })

export const unavailable = (reason: 'keys_unreachable' | 'server_unreachable', message: string, cause?: unknown) =>
  new VerificationError('unavailable', reason, message, { cause })

export const missingPermission = (permission: string) =>
  new VerificationError('insufficient_scope', 'permission', 'You do not have permission to perform this action.', { permission })
