import { ERROR_CODES, type ErrorCode } from './error-codes'

export interface ApiErrorOptions {
  /** Instead of the list's default message. */
  detail?: string
  /** Merged over the list's headers (Retry-After). */
  headers?: Record<string, string>
  /** Body fields after `detail` and `code` (the MFA-setup 403's `mfa_token`). */
  extra?: Record<string, unknown>
  /** Only for a framework error that carries its own 4xx status (code `error`). */
  status?: number
}

/**
 * The one error type: a code from the list (lib/error-codes.ts) gives the status, the
 * message and the headers. The error handler (plugins/errors.ts) sends `body`, the DRF
 * shape of SPEC §2: `{"detail", "code"}`.
 */
export class ApiError extends Error {
  readonly statusCode: number
  readonly detail: string
  readonly headers: Record<string, string>
  readonly extra: Record<string, unknown>

  constructor(readonly code: ErrorCode, options: ApiErrorOptions = {}) {
    const listed: { status: number; detail: string; headers?: Record<string, string> } = ERROR_CODES[code]
    const detail = options.detail ?? listed.detail
    super(detail)
    this.statusCode = options.status ?? listed.status
    this.detail = detail
    this.headers = { ...listed.headers, ...options.headers }
    this.extra = options.extra ?? {}
  }

  get body(): Record<string, unknown> {
    return { detail: this.detail, code: this.code, ...this.extra }
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
export const nonFieldError = (message: string) => fieldError('non_field_errors', message)

export const notFound = () => new ApiError('not_found')
export const permissionDenied = (detail?: string) => new ApiError('permission_denied', { detail })
export const conflict = (detail: string) => new ApiError('conflict', { detail })
export const notAuthenticated = () => new ApiError('not_authenticated')
export const tokenNotValid = () => new ApiError('token_not_valid')
export const noActiveAccount = () => new ApiError('no_active_account')

const wholeSeconds = (seconds: number) => Math.max(1, Math.ceil(seconds))
export const throttled = (seconds: number) =>
  new ApiError('throttled', { detail: `Request was throttled. Expected available in ${wholeSeconds(seconds)} seconds.`, headers: { 'retry-after': String(wholeSeconds(seconds)) } })
export const serviceBusy = (seconds: number) =>
  new ApiError('service_unavailable', { detail: 'The service is busy. Try again shortly.', headers: { 'retry-after': String(seconds) } })

/** Seconds a client is told to wait (Retry-After) when a dependency (PostgreSQL, Redis) is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5
/** A dependency is down or not answering: nothing the client did, worth retrying later. */
export const serviceUnavailable = () => new ApiError('service_unavailable', { headers: { 'retry-after': String(DEPENDENCY_RETRY_AFTER_SECONDS) } })

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
