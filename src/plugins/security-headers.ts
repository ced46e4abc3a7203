import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config'
import { ApiError } from '../lib/errors'

/**
 * Headers on every response, in one hook and without a dependency: this is a JSON API,
 * so the usual set is short and fixed (OWASP's REST cheat sheet).
 *
 * - `Cache-Control: no-store` unless the route chose its own caching (the public JWKS and
 *   discovery documents do): responses carry tokens, keys and personal data, and one rule
 *   for all of them cannot forget a new token endpoint.
 * - A CSP that allows nothing: a JSON body rendered by a browser runs no script and
 *   cannot be framed. The Swagger UI under /docs sets its own policy (docsCsp).
 * - HSTS only when PUBLIC_URL is https: browsers ignore it over http, and promising it
 *   for a deployment that is not served over TLS would be wrong.
 */
export const securityHeaders = (config: Config): Record<string, string> => ({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  ...(config.publicUrl.startsWith('https://') && { 'strict-transport-security': 'max-age=31536000' }),
})

export function registerSecurityHeaders(app: FastifyInstance, config: Config) {
  const headers = securityHeaders(config)
  // Callback style: no promise per request on the hot path.
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.headers(headers)
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    done(null, payload)
  })
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode (`/admin/%`) is answered before any
 * route or hook (so is a path segment over maxParamLength, a 414), so without this they had none of the headers above and echoed the path.
 */
const FRAMEWORK_DETAILS: Record<string, string> = { FST_ERR_BAD_URL: 'Malformed URL (a bad percent-encoding).', FST_ERR_MAX_PARAM_LENGTH: 'A part of the path is too long.' }

export const frameworkErrorReply = (config: Config) => (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
  const error = new ApiError('error', { status: err.statusCode ?? 400, detail: FRAMEWORK_DETAILS[err.code] ?? 'The request could not be routed.' })
  return reply.code(error.statusCode).headers({ ...securityHeaders(config), 'cache-control': 'no-store' }).send(error.body)
}

/**
 * The Swagger UI's policy: its own scripts and styles (it uses inline style attributes)
 * and data: icons; "Try it out" may call PUBLIC_URL. No third-party origin, so the
 * validator badge (validator.swagger.io) stays off and the spec's URL is not sent there.
 */
export const docsCsp = (config: Config): string =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${new URL(config.publicUrl).origin}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
