/**
 * Every error code the API answers with, its HTTP status and its default message: the one
 * list (as supabase's `apierrors/errorcode.go`). `ApiError` takes a code from here, so a
 * code nobody listed does not compile, and the OpenAPI `Error` schema enumerates these.
 * Messages are DRF's wherever DRF has one (SPEC §2): clients compare them byte for byte.
 * A call site may say more than the default (`conflict`'s detail names what conflicts).
 * 401s carry their WWW-Authenticate challenge (RFC 6750) here too.
 */
const BEARER = { 'www-authenticate': 'Bearer realm="api"' }

export const ERROR_CODES = {
  parse_error: { status: 400, detail: 'Malformed request.' },
  not_authenticated: { status: 401, detail: 'Authentication credentials were not provided.', headers: BEARER },
  token_not_valid: { status: 401, detail: 'Given token not valid for any token type', headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' } },
  no_active_account: { status: 401, detail: 'No active account found with the given credentials', headers: BEARER },
  email_not_verified: { status: 401, detail: 'Email address is not verified.', headers: BEARER },
  mfa_code_not_valid: { status: 401, detail: 'The code is not valid.', headers: BEARER },
  permission_denied: { status: 403, detail: 'You do not have permission to perform this action.' },
  mfa_required: { status: 403, detail: 'This account uses two-factor authentication: sign in with /api/v1/auth/login/ and create a personal access token instead.' },
  mfa_setup_required: { status: 403, detail: 'Two-factor authentication must be set up before this account can sign in.' },
  origin_not_allowed: { status: 403, detail: 'This origin is not allowed to call the API for this organization.' },
  not_found: { status: 404, detail: 'Not found.' },
  method_not_allowed: { status: 405, detail: 'Method not allowed.' },
  conflict: { status: 409, detail: 'A conflicting object already exists.' },
  request_too_large: { status: 413, detail: 'Request body is too large.' },
  unsupported_media_type: { status: 415, detail: 'Unsupported media type in request.' },
  throttled: { status: 429, detail: 'Request was throttled.' },
  error: { status: 500, detail: 'A server error occurred.' },
  service_unavailable: { status: 503, detail: 'The service is temporarily unavailable, try again later.' },
} as const satisfies Record<string, { status: number; detail: string; headers?: Record<string, string> }>

export type ErrorCode = keyof typeof ERROR_CODES

export const errorCodes = Object.keys(ERROR_CODES) as ErrorCode[]

/** The codes answered with `status`, in list order (the OpenAPI responses name them). */
export const codesOfStatus = (status: number): ErrorCode[] => errorCodes.filter((c) => ERROR_CODES[c].status === status)
