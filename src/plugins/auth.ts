import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { notAuthenticated, notFound, permissionDenied, tokenNotValid } from '../lib/errors'
import type { BuiltinPermission } from '../lib/permissions'
import type { Principal } from '../modules/sessions/principal'
import type { Actor } from '../modules/audit/audit.repository'
import { DEFAULT_ORGANIZATION_SLUG } from '../modules/organizations/bootstrap'
import { holdsAny, needsPrincipal, outOfOrganization, refuses, type RouteAccess } from './route-access'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (plugins/route-access.ts); every route declares it. */
    access?: RouteAccess
  }
  interface FastifyInstance {
    /** Every route's declared access (method, URL): what the OpenAPI document and the authorization tests read. */
    routeAccess: DeclaredAccess[]
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
  collectDeclarations(app)

  app.addHook('onRequest', (req, _reply, done) => {
    // Unknown routes (404/405) have no auth config to apply.
    if (!req.routeOptions.url) return done()
    const token = bearer(req.headers.authorization)
    const cached = token ? app.ctx.principals.resolveCached(token) : undefined
    // Fast path, no awaits: a known non-superuser (superusers may switch tenant, below).
    if (cached && !cached.isSuperuser) {
      app.ctx.metrics.principalCacheEvents.hit()
      req.principal = cached
      req.organizationId = cached.organizationId
      return done(refuses(accessOf(req), cached, req.params) ? permissionDenied() : undefined)
    }
    authenticate(app, req, token).then(() => done(), done)
  })
}

/** `ownOrganization`: checked once the parameters are validated, so a malformed id stays a 400. */
const ownOrganizationGuard: preHandlerHookHandler = (req, _reply, done) => {
  done(outOfOrganization(accessOf(req), req.principal, req.params) ? notFound() : undefined)
}

interface DeclaredAccess { method: string; url: string; access: RouteAccess }

/** An undeclared route makes the app fail to start, so a new route is never public (or open) by accident. */
function collectDeclarations(app: FastifyInstance) {
  const routes: { method: string | string[]; url: string; config?: { access?: RouteAccess } }[] = []
  const declared: DeclaredAccess[] = []
  app.decorate('routeAccess', declared)
  // Kept until ready: later onRoute hooks (openapi.ts, for the docs UI) may still declare a route.
  app.addHook('onRoute', (route) => {
    routes.push(route)
    const access = route.config?.access
    if (typeof access === 'object' && access.ownOrganization) route.preHandler = [ownOrganizationGuard, ...[route.preHandler ?? []].flat()]
  })
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => r.config?.access === undefined).map((r) => `${[r.method].flat().join(',')} ${r.url}`)
    if (missing.length) throw new Error(`Routes without config.access (plugins/route-access.ts): ${missing.join('; ')}`)
    for (const r of routes) for (const method of [r.method].flat()) declared.push({ method, url: r.url, access: r.config!.access! })
    routes.length = 0
  })
}

/** The route's declaration; an undeclared one (refused at start-up) would need credentials. */
const accessOf = (req: FastifyRequest): RouteAccess => req.routeOptions.config?.access ?? 'authenticated'

/** The general path: verify, load the principal, resolve the tenant (superusers may pick one), check the permission. */
async function authenticate(app: FastifyInstance, req: FastifyRequest, token: string | undefined) {
  const access = accessOf(req)
  const required = needsPrincipal(access)
  if (token) {
    req.principal = (await app.ctx.principals.resolve(token)) ?? null
    if (!req.principal && required) throw tokenNotValid()
  } else if (req.headers.authorization !== undefined && required) {
    throw tokenNotValid()
  }
  if (required && !req.principal) throw notAuthenticated()
  req.organizationId = await tenantOf(app, req)
  if (required && refuses(access, req.principal, req.params)) throw permissionDenied()
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
  const org = await app.ctx.organizationsByKey(requested ?? DEFAULT_ORGANIZATION_SLUG)
  if (!org) throw notFound()
  return org
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name]
  const s = (Array.isArray(v) ? v[0] : v)?.trim()
  return s ? s : undefined
}

/** What a caller may see or change within a route it may call (drafts, staff-only fields): never who may call it. */
export function hasPermission(req: FastifyRequest, codenames: BuiltinPermission | readonly BuiltinPermission[]): boolean {
  return !!req.principal && holdsAny(req.principal, codenames)
}

/** The principal of a route declared with any access but `public` (the hook guarantees it). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw notAuthenticated()
  return req.principal
}

/** A public route's optional signed-in caller must be a user with our own session or token: not a developer key, not an application's OAuth token (MFA setup). */
export function userPrincipal(req: FastifyRequest): Principal {
  const p = principalOf(req)
  if (p.type !== 'user' || p.oauthScopes) throw permissionDenied()
  return p
}

/** Who to record in the audit log for this request. */
export function actorOf(req: FastifyRequest): Actor {
  const p = req.principal
  return { actorType: p ? p.type : 'anonymous', actorId: p?.id ?? null, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') }
}
