import { AsyncLocalStorage } from 'node:async_hooks'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/**
 * pino redaction: credentials never reach the log, whatever logs a request or an error.
 * Fastify does not log bodies, but errors and our own log lines may carry them.
 */
export const logRedaction = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'res.headers["set-cookie"]',
    '*.password', '*.password2', '*.old_password', '*.new_password',
    '*.token', '*.access', '*.refresh', '*.key', '*.secret', '*.code', '*.recovery_code', '*.recovery_codes', '*.mfa_token', '*.otpauth_url',
    '*.client_secret', '*.secret_hash', '*.secretHash',
    'err.body', 'body',
  ],
  censor: '[REDACTED]',
}

/**
 * Query parameters whose value may be a credential (`?token=`, `?api_key=`, `?code=`…),
 * matched on the name so a new parameter is covered unless it says otherwise. The request
 * line logs every request's URL; links in emails, and clients that put a key in the URL, would
 * otherwise write secrets to the log in full.
 */
const CREDENTIAL_PARAM = /token|key|secret|passw|pwd|code|refresh|access|auth|signature|sig$|otp|session|credential|jwt|assertion/i

/** The URL with credential-looking query values replaced by `[REDACTED]`; everything else as sent. */
export function redactUrl(rawUrl: string): string {
  // Seed 003's `/reset_password/<token>` carries its token in the path (`//` reaches the route too).
  const url = rawUrl.replace(/(\/reset_password\/+)[^/?#]+/gi, `$1${logRedaction.censor}`)
  const q = url.indexOf('?')
  if (q === -1) return url
  const params = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=')
    const name = eq === -1 ? pair : pair.slice(0, eq)
    return eq !== -1 && CREDENTIAL_PARAM.test(decodeName(name)) ? `${name}=${logRedaction.censor}` : pair
  })
  return `${url.slice(0, q)}?${params.join('&')}`
}

const decodeName = (name: string): string => {
  try { return decodeURIComponent(name.replace(/\+/g, ' ')) } catch { return name }
}

/** Fastify's request serializer (same fields), with the URL redacted. */
export const logSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: redactUrl(req.url),
    version: req.headers['accept-version'] as string | undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
}

/**
 * Set while a seed route runs its canonical route in-process (src/modules/seeds/forward.ts):
 * the inner request is part of the outer one, which alone gets the info-level line.
 * An async context rather than a header, so a client cannot hide its own requests.
 */
const forwarding = new AsyncLocalStorage<true>()
export const runForwarded = <T>(fn: () => Promise<T>): Promise<T> => forwarding.run(true, fn)
/** True inside a seed route's in-process call: the outer request alone is logged and measured. */
export const isForwarded = (): boolean => forwarding.getStore() === true

declare module 'fastify' {
  interface FastifyRequest {
    /** performance.now() when the request arrived: the duration of a request its client abandoned. */
    receivedAt: number
  }
}

/**
 * One line per request, at info, written when the response is finished (Fastify's own
 * two lines per request are off: `logController`). Fields: `reqId` (as on every other
 * line of the request), method, route pattern (`unmatched` for 404s), URL with
 * credentials redacted, status, duration, client IP, and who acted: organization and
 * principal ids (never a token). A request whose client hangs up before its answer gets
 * its line then, with `aborted: true` and `status: null` (Fastify runs no onResponse for
 * it). Forwarded in-process requests log at debug.
 */
export function registerRequestLog(app: FastifyInstance) {
  app.decorateRequest('receivedAt', 0)
  app.addHook('onRequest', (req, _reply, done) => {
    req.receivedAt = performance.now()
    done()
  })
  app.addHook('onResponse', (req, reply, done) => {
    writeRequestLine(req, reply.statusCode, reply.elapsedTime)
    done()
  })
  app.addHook('onRequestAbort', (req, done) => {
    writeRequestLine(req, null, performance.now() - req.receivedAt)
    done()
  })
}

function writeRequestLine(req: FastifyRequest, status: number | null, durationMs: number) {
  const line = {
    method: req.method,
    route: req.routeOptions.url ?? 'unmatched',
    url: redactUrl(req.url),
    status,
    duration_ms: Math.round(durationMs * 100) / 100,
    ip: req.ip,
    organization_id: req.organizationId || null,
    principal_type: req.principal?.type ?? null,
    principal_id: req.principal?.id ?? null,
    ...(status === null && { aborted: true }),
  }
  if (isForwarded()) req.log.debug({ ...line, forwarded: true }, 'request')
  else req.log.info(line, 'request')
}
