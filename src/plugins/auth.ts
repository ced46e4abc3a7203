import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notAuthenticated, notFound, permissionDenied, tokenNotValid } from '../lib/errors'
import type { Principal } from '../modules/sessions/principal'
import type { Actor } from '../modules/audit/audit.repository'
import { DEFAULT_ORGANIZATION_SLUG } from '../modules/organizations/bootstrap'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No credentials needed; the tenant comes from `X-Organization` (or `default`). */
    public?: boolean
    /** Any one of these codenames grants access (superusers always pass). */
    permission?: string | string[]
  }
  interface FastifyRequest {
    principal: Principal | null
    /** The tenant this request acts in. */
    organizationId: string
  }
}

/**
 * Authentication and authorization in one onRequest hook, driven by each route's
 * declared config — never by URL prefix. Runs before the body is parsed, so an
 * unauthenticated caller gets 401 whatever it sent.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('principal', null)
  app.decorateRequest('organizationId', '')

  app.addHook('onRequest', (req, _reply, done) => {
    // Unknown routes (404/405) have no auth config to apply.
    if (!req.routeOptions.url) return done()
    const token = bearer(req.headers.authorization)
    const cached = token ? app.principals.resolveCached(token) : undefined
    // Fast path, no awaits: a known non-superuser (superusers may switch tenant, below).
    if (cached && !cached.isSuperuser) {
      app.metrics.principalCacheEvents.hit()
      req.principal = cached
      req.organizationId = cached.organizationId
      const permission = req.routeOptions.config?.permission
      return done(permission && !hasPermission(req, permission) ? permissionDenied() : undefined)
    }
    authenticate(app, req, token).then(() => done(), done)
  })
}

/** The general path: verify, load the principal, resolve the tenant (superusers may pick one), check the permission. */
async function authenticate(app: FastifyInstance, req: FastifyRequest, token: string | undefined) {
  const config = req.routeOptions.config ?? {}
  if (token) {
    req.principal = (await app.principals.resolve(token)) ?? null
    if (!req.principal && !config.public) throw tokenNotValid()
  } else if (req.headers.authorization !== undefined && !config.public) {
    throw tokenNotValid()
  }
  if (!config.public && !req.principal) throw notAuthenticated()
  req.organizationId = await tenantOf(app, req)
  if (config.permission && !hasPermission(req, config.permission)) throw permissionDenied()
}

/** `Bearer <token>` or DRF's `Token <key>`; both carry a JWT or an opaque key. */
function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined
  const m = /^(?:Bearer|Token)\s+(\S+)\s*$/i.exec(header)
  return m?.[1]
}

async function tenantOf(app: FastifyInstance, req: FastifyRequest): Promise<string> {
  const requested = header(req, 'x-organization')
  const p = req.principal
  // Everyone but a superuser is confined to their own organization, whatever they send.
  if (p && (!p.isSuperuser || !requested)) return p.organizationId
  const org = await app.organizationsByKey(requested ?? DEFAULT_ORGANIZATION_SLUG)
  if (!org) throw notFound()
  return org
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name]
  const s = (Array.isArray(v) ? v[0] : v)?.trim()
  return s ? s : undefined
}

export function hasPermission(req: FastifyRequest, permission: string | string[]): boolean {
  const p = req.principal
  if (!p) return false
  if (p.isSuperuser) return true
  return (Array.isArray(permission) ? permission : [permission]).some((c) => p.permissions.has(c))
}

/** The principal of an authenticated route (the hook guarantees it). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw notAuthenticated()
  return req.principal
}

/** Endpoints about "my account" are for users, not developer keys. */
export function userPrincipal(req: FastifyRequest): Principal {
  const p = principalOf(req)
  if (p.type !== 'user') throw permissionDenied()
  return p
}

/** Who to record in the audit log for this request. */
export function actorOf(req: FastifyRequest): Actor {
  const p = req.principal
  return { actorType: p ? p.type : 'anonymous', actorId: p?.id ?? null, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') }
}
