import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../lib/errors'
import type { InvalidationBus } from '../lib/invalidation-bus'
import { OriginIndex, organizationsIn, type OriginMap } from '../modules/organizations/origin-index'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when only organizations' own lists allowed this request's Origin: their ids. */
    corsOrganizations: ReadonlySet<string> | null
  }
}

/** What the API uses; answered on every allowed preflight. */
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'X-Organization', 'Idempotency-Key']
/** Response headers a page may read beyond the CORS-safelisted ones. */
const CORS_EXPOSED_HEADERS = ['Retry-After', 'WWW-Authenticate', 'Idempotent-Replayed', 'X-Request-Id']
/** How long a browser may reuse a preflight answer: an origin removed from a list stops working within this. */
const CORS_MAX_AGE_SECONDS = 600

const originNotAllowed = () => new ApiError('origin_not_allowed')

/**
 * CORS with @fastify/cors (docs/cors.md). An origin is allowed by CORS_ALLOWED_ORIGINS for
 * every organization, or by an organization's `cors_allowed_origins` for that one only.
 *
 * A preflight carries neither credentials nor X-Organization, so it is answered when the
 * origin is allowed anywhere (the origin index, in memory). The request that follows
 * belongs to one organization once the auth hook has resolved it: an origin allowed only
 * by other organizations is refused (403) and its response loses the CORS headers. A
 * response given before any organization is known (401 for a bad token, 503) keeps them,
 * so the page can read why. Credentials (cookies) are never allowed: none are used.
 *
 * Registered before the auth hook, so an allowed preflight is answered before it.
 */
export async function registerCors(app: FastifyInstance, bus: InvalidationBus) {
  const index = new OriginIndex(app.ctx.db, app.ctx.config.authCacheTtlSeconds * 1000)
  bus.onInvalidate((tags) => index.invalidate(tags))
  const configured = app.ctx.config.corsAllowedOrigins
  const everywhere = new Set(configured === '*' ? [] : configured)
  const ownOrigin = new URL(app.ctx.config.publicUrl).origin
  const { allowed, denied } = corsAnswers(configured === '*')

  app.decorateRequest('corsOrganizations', null)
  // The library's preflight route: no credentials come with a preflight, so it is public
  // (a disallowed origin then gets the usual 405/404, not a 401).
  app.addHook('onRoute', (route) => {
    if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, access: 'public' }
  })

  const decide = (req: FastifyRequest, map: OriginMap, origin: string) => {
    const orgs = organizationsIn(map, origin)
    if (orgs.size === 0) return denied
    req.corsOrganizations = orgs
    return allowed
  }
  await app.register(fastifyCors, {
    hook: 'onRequest',
    delegator: (req, cb) => {
      const origin = req.headers.origin
      // This service's own pages (hosted pages, /docs) are same-origin: no CORS, and no
      // organization's listing of that origin may turn their requests into 403s.
      if (!origin || origin === ownOrigin) return cb(null, denied)
      // The OpenID providers answer CORS themselves, per client (its redirect URIs' origins).
      if (req.url.startsWith('/oidc/')) return cb(null, denied)
      if (configured === '*' || everywhere.has(origin)) return cb(null, allowed)
      const map = index.current()
      if (map) return cb(null, decide(req, map, origin))
      index.load().then((loaded) => cb(null, decide(req, loaded, origin)), (err) => {
        req.log.warn({ err }, 'CORS origin index could not be loaded; origin treated as not allowed')
        cb(null, denied)
      })
    },
  })
  refuseOutsideItsOrganizations(app)
}

/** The two answers of the delegator: the CORS headers, or none. */
function corsAnswers(anyOrigin: boolean) {
  const base: FastifyCorsOptions = {
    methods: CORS_METHODS, allowedHeaders: CORS_REQUEST_HEADERS, exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS, credentials: false,
    // An OPTIONS from an allowed origin without Access-Control-Request-Method is answered like a preflight instead of a text/plain 400.
    strictPreflight: false,
  }
  const allowed = { ...base, origin: anyOrigin ? '*' : true } // true: reflect the request's origin
  const denied = { ...base, origin: false }
  return { allowed, denied }
}

/** An origin allowed only by other organizations: 403, and the response loses the CORS headers. */
function refuseOutsideItsOrganizations(app: FastifyInstance) {
  const outsideItsOrganizations = (req: FastifyRequest) =>
    req.corsOrganizations !== null && req.organizationId !== '' && !req.corsOrganizations.has(req.organizationId)
  // After the auth hook has resolved the organization, before the body is read.
  app.addHook('preParsing', (req, _reply, payload, done) => done(outsideItsOrganizations(req) ? originNotAllowed() : null, payload))
  app.addHook('onSend', (req, reply, payload, done) => {
    if (outsideItsOrganizations(req)) {
      reply.removeHeader('access-control-allow-origin')
      reply.removeHeader('access-control-expose-headers')
    }
    done(null, payload)
  })
}
