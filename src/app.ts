import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Config } from './config'
import { createContext, type AppContext } from './context'
import type { Database } from './db'
import { requestIdFrom } from './lib/ids'
import { lazySerializerFactory } from './lib/lazy-compile'
import { signInRoutes } from './modules/sessions/sign-in.routes'
import { sessionsRoutes } from './modules/sessions/sessions.routes'
import { passwordRoutes } from './modules/password/password.routes'
import { emailVerificationRoutes } from './modules/email-verification/email-verification.routes'
import { mfaRoutes } from './modules/mfa/mfa.routes'
import { accessRoutes } from './modules/users/access.routes'
import { meRoutes } from './modules/users/me.routes'
import { personalTokensRoutes } from './modules/personal-tokens/personal-tokens.routes'
import { wellKnownRoutes } from './modules/signing-keys/well-known.routes'
import { registerAccountServices } from './plugins/account-services'
import { registerAuth } from './plugins/auth'
import { registerCors } from './plugins/cors'
import { registerErrorHandling } from './plugins/errors'
import { registerHashAdmission } from './plugins/hash-admission'
import { registerObservability } from './plugins/observability'
import { registerLoginMetrics } from './plugins/login-metrics'
import { registerOpenApi } from './plugins/openapi'
import { logRedaction, logSerializers, registerRequestLog } from './plugins/logging'
import { registerStartupSummary } from './plugins/startup-summary'
import { frameworkErrorReply, registerSecurityHeaders } from './plugins/security-headers'
import { productsRoutes } from './modules/products/products.routes'
import { ordersRoutes } from './modules/orders/orders.routes'
import { organizationsRoutes } from './modules/organizations/organizations.routes'
import { developersRoutes } from './modules/developers/developers.routes'
import { oauthClientsRoutes } from './modules/oauth-clients/oauth-clients.routes'
import { usersRoutes } from './modules/users/users.routes'
import { rolesRoutes } from './modules/roles/roles.routes'
import { permissionsRoutes } from './modules/permissions/permissions.routes'
import { userRolesRoutes } from './modules/user-roles/user-roles.routes'
import { auditRoutes } from './modules/audit/audit.routes'
import { seedRoutes } from './modules/seeds/seeds.routes'
import { pagesRoutes } from './modules/pages/pages.routes'
import { oidcRoutes } from './modules/oidc/oidc.routes'

declare module 'fastify' {
  interface FastifyInstance {
    /** What every service takes (src/context.ts). */
    ctx: AppContext
  }
}

export interface AppOptions {
  /** Reuse an open database (tests); otherwise one is opened from the config. */
  database?: Database
  /** Run migrations on start (default true). */
  migrate?: boolean
  logger?: boolean
  /** Where logs go (tests capture them to prove no secret is written). Default stdout. */
  logStream?: NodeJS.WritableStream
  /** The clock that decides which signing key signs and which are published (tests of rotation). */
  keyClock?: () => number
}

/**
 * Slow or idle sockets must not pile up (each holds a file descriptor): Node's defaults
 * let a silent connection live 60–90 s and a dripped body 5 minutes. Node enforces the
 * headers and request timeouts on a periodic sweep (30 s by default), so it runs at a
 * quarter of the headers timeout, at most every second.
 */
function httpTimeouts(config: Config) {
  return {
    connectionTimeout: config.httpConnectionTimeoutMs,
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    requestTimeout: config.httpRequestTimeoutMs,
    http: {
      headersTimeout: config.httpHeadersTimeoutMs,
      requestTimeout: config.httpRequestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.httpHeadersTimeoutMs / 4))),
    },
  }
}

export async function buildApp(config: Config, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = createFastify(config, opts)
  const { ctx, migrations, secretKey } = await createContext(config, { log: app.log, database: opts.database, migrate: opts.migrate, keyClock: opts.keyClock })
  app.decorate('ctx', ctx)
  closeAfterHandlers(app, ctx)

  registerRequestLog(app)
  registerStartupSummary(app, { migrations, secretKey })
  registerErrorHandling(app)
  registerHashAdmission(app, ctx.hashAdmission) // before authentication, throttles, body parsing and any query
  registerSecurityHeaders(app, config)
  await registerCors(app, ctx.bus) // before registerAuth: an allowed preflight is answered before authentication
  registerAuth(app)
  registerAccountServices(app)
  await registerOpenApi(app, config)
  registerLoginMetrics(app)
  registerObservability(app)

  // Modules, in one visible list.
  await app.register(wellKnownRoutes)
  await app.register(signInRoutes, { prefix: '/api/v1' })
  await app.register(passwordRoutes, { prefix: '/api/v1' })
  await app.register(meRoutes, { prefix: '/api/v1' })
  await app.register(accessRoutes, { prefix: '/api/v1' })
  await app.register(personalTokensRoutes, { prefix: '/api/v1' })
  await app.register(emailVerificationRoutes, { prefix: '/api/v1' })
  await app.register(mfaRoutes, { prefix: '/api/v1' })
  await app.register(sessionsRoutes, { prefix: '/api/v1' })
  await app.register(productsRoutes, { prefix: '/api/v1' })
  await app.register(ordersRoutes, { prefix: '/api/v1' })
  await app.register(organizationsRoutes, { prefix: '/api/v1' })
  await app.register(developersRoutes, { prefix: '/api/v1' })
  await app.register(oauthClientsRoutes, { prefix: '/api/v1' })
  await app.register(usersRoutes, { prefix: '/api/v1' })
  await app.register(rolesRoutes, { prefix: '/api/v1' })
  await app.register(permissionsRoutes, { prefix: '/api/v1' })
  await app.register(userRolesRoutes, { prefix: '/api/v1' })
  await app.register(auditRoutes, { prefix: '/api/v1' })
  await app.register(pagesRoutes)
  await app.register(oidcRoutes)
  if (config.seedRoutes) await app.register(seedRoutes)

  return app
}

function createFastify(config: Config, opts: AppOptions): FastifyInstance {
  return Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: logRedaction, serializers: logSerializers, ...(opts.logStream && { stream: opts.logStream }) },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 200 },
    requestIdHeader: false,
    // One line per request instead of Fastify's two: src/plugins/logging.ts.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => requestIdFrom(req.headers['x-request-id'], () => crypto.randomUUID()),
    ...httpTimeouts(config),
    // While closing, server.ts answers late requests itself (503 in the DRF shape, Retry-After).
    return503OnClosing: false,
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory } },
    frameworkErrors: frameworkErrorReply(config),
  })
}

/**
 * Handlers whose client hung up keep running after close() returns; let them finish
 * (up to 5 s) before the context (and the database) goes, so they end normally instead
 * of in a 500. Counted from the handler's start to its reply (not the socket's life,
 * which ends at the hang-up). Every reply carries its request id, so support can find it in the logs.
 */
function closeAfterHandlers(app: FastifyInstance, ctx: AppContext) {
  const running = new WeakSet<object>()
  let inflight = 0
  // Callback-style hooks: no promise per request on the hot path.
  app.addHook('preHandler', (req, _reply, done) => { running.add(req); inflight++; done() })
  app.addHook('onSend', (req, reply, payload, done) => {
    if (running.delete(req)) inflight--
    reply.header('x-request-id', req.id)
    done(null, payload)
  })
  app.addHook('onClose', async () => {
    for (let waited = 0; inflight > 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20))
    await ctx.close()
  })
}
