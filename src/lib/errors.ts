/**
 * The one error type services throw. The error handler turns it (and every other error)
 * into the DRF-shaped bodies of SPEC §2.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail)
  }
}

/** 400 with field errors: `{"email": ["Enter a valid email address."], "non_field_errors": [...]}`. */
export class ValidationError extends Error {
  readonly statusCode = 400
  constructor(readonly fields: Record<string, string[]>) {
    super('Invalid input.')
  }
}

export const fieldError = (field: string, message: string) => new ValidationError({ [field]: [message] })

export const notFound = () => new ApiError(404, 'not_found', 'Not found.')
export const permissionDenied = () => new ApiError(403, 'permission_denied', 'You do not have permission to perform this action.')
export const conflict = (detail: string) => new ApiError(409, 'conflict', detail)
export const notAuthenticated = () =>
  new ApiError(401, 'not_authenticated', 'Authentication credentials were not provided.', { 'www-authenticate': 'Bearer realm="api"' })
export const tokenNotValid = () =>
  new ApiError(401, 'token_not_valid', 'Given token not valid for any token type', { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' })
export const noActiveAccount = () =>
  new ApiError(401, 'no_active_account', 'No active account found with the given credentials', { 'www-authenticate': 'Bearer realm="api"' })
export const throttled = (seconds: number) =>
  new ApiError(429, 'throttled', `Request was throttled. Expected available in ${Math.max(1, Math.ceil(seconds))} seconds.`, {
    'retry-after': String(Math.max(1, Math.ceil(seconds))),
  })
export const serviceBusy = (seconds: number) =>
  new ApiError(503, 'service_unavailable', 'The service is busy. Try again shortly.', { 'retry-after': String(seconds) })

/** Seconds a client is told to wait (Retry-After) when a dependency (PostgreSQL, Redis) is down. */
const DEPENDENCY_RETRY_AFTER_SECONDS = 5
/** A dependency is down or not answering: nothing the client did, worth retrying later. */
export const serviceUnavailable = () =>
  new ApiError(503, 'service_unavailable', 'The service is temporarily unavailable, try again later.', { 'retry-after': String(DEPENDENCY_RETRY_AFTER_SECONDS) })

/**
 * Errors that mean "PostgreSQL or Redis is unreachable", not "this request is wrong":
 * socket errors, PostgreSQL's shutdown / cannot-connect / connection-exception classes,
 * pg's and ioredis' own timeout and closed-connection errors. They answer 503.
 */
export function isUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    const code = typeof e.code === 'string' ? e.code : ''
    if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true
    if (e.name === 'MaxRetriesPerRequestError') return true
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => (e.message as string).startsWith(m))) return true
  }
  return false
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', // admin_shutdown, crash_shutdown, cannot_connect_now
  '53300', // too_many_connections
])
const UNAVAILABLE_MESSAGES = [
  // pg and pg-pool ('timeout expired' is pg's connectionTimeoutMillis on a new connection)
  'timeout exceeded when trying to connect', 'timeout expired', 'Connection terminated', 'Query read timeout',
  'Client has encountered a connection error', 'Client was closed and is not queryable',
  // ioredis (with the offline queue off, and its command/socket timeouts)
  'Connection is closed', "Stream isn't writeable", 'Command timed out', 'Socket timeout',
]

/** PostgreSQL error codes we turn into 4xx instead of 500. */
export const isUniqueViolation = (err: unknown) => pgCode(err) === '23505'
export const isForeignKeyViolation = (err: unknown) => pgCode(err) === '23503'
export const isCheckViolation = (err: unknown) => pgCode(err) === '23514'
/** Text PostgreSQL cannot store: a NUL character in a string (22021) or a `\u0000` escape in jsonb (22P05). */
export const isUnstorableText = (err: unknown) => pgCode(err) === '22021' || pgCode(err) === '22P05'

function pgCode(err: unknown): string | undefined {
  // drizzle wraps driver errors; the PostgreSQL code sits on the error or its cause.
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  }
  return undefined
}
