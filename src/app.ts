import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import type { Config } from './config'
import { openDatabase, type Database, type Db } from './db'
import { Admission, InFlightLimit } from './lib/admission'
import { requestIdFrom } from './lib/ids'
import { lazySerializerFactory } from './lib/lazy-compile'
import { TaggedCache } from './lib/invalidation'
import { InvalidationBus, invalidationChannel } from './lib/invalidation-bus'
import { Metrics } from './lib/metrics'
import { PasswordHasher } from './lib/passwords'
import { connectRedis, whenReady } from './lib/redis'
import { readSecretKey } from './lib/secret-key'
import type { SecretBox } from './lib/secrets'
import { PrincipalResolver, type Access, type Principal } from './modules/sessions/principal'
import type { User } from './modules/users/users.schemas'
import { signInRoutes } from './modules/sessions/sign-in.routes'
import { sessionsRoutes } from './modules/sessions/sessions.routes'
import { passwordRoutes } from './modules/password/password.routes'
import { emailVerificationRoutes } from './modules/email-verification/email-verification.routes'
import { mfaRoutes } from './modules/mfa/mfa.routes'
import { totpSecondFactor } from './modules/mfa/mfa.service'
import { meRoutes } from './modules/users/me.routes'
import { personalTokensRoutes } from './modules/personal-tokens/personal-tokens.routes'
import { SIGNING_KEYS_TAG } from './modules/signing-keys/key-schedule'
import { KeyStore } from './modules/signing-keys/signing-keys.service'
import { openSecretBox } from './modules/signing-keys/secret-check'
import { wellKnownRoutes } from './modules/signing-keys/well-known.routes'
import { ensureDefaultOrganization } from './modules/organizations/bootstrap'
import { findOrganizationByIdOrSlug } from './modules/organizations/organizations.repository'
import { registerAccountServices } from './plugins/account-services'
import { registerAuth } from './plugins/auth'
import { registerCors } from './plugins/cors'
import { registerErrorHandling } from './plugins/errors'
import { registerHashAdmission } from './plugins/hash-admission'
import { registerObservability } from './plugins/observability'
import { registerLoginMetrics } from './plugins/login-metrics'
import { registerOpenApi } from './plugins/openapi'
import { logRedaction, logSerializers, registerRequestLog } from './plugins/logging'
import { registerStartupSummary, type StartupFacts } from './plugins/startup-summary'
import { registerSecurityHeaders } from './plugins/security-headers'
import { productsRoutes } from './modules/products/products.routes'
import { ordersRoutes } from './modules/orders/orders.routes'
import { organizationsRoutes } from './modules/organizations/organizations.routes'
import { developersRoutes } from './modules/developers/developers.routes'
import { UserPageCache } from './modules/users/user-pages'
import { usersRoutes } from './modules/users/users.routes'
import { rolesRoutes } from './modules/roles/roles.routes'
import { permissionsRoutes } from './modules/permissions/permissions.routes'
import { userRolesRoutes } from './modules/user-roles/user-roles.routes'
import { auditRoutes } from './modules/audit/audit.routes'
import { seedRoutes } from './modules/seeds/seeds.routes'
import { pagesRoutes } from './modules/pages/pages.routes'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    database: Database
    db: Db
    secrets: SecretBox
    keys: KeyStore
    hasher: PasswordHasher
    principals: PrincipalResolver
    /** GET /auth/me/ responses, tagged `user:<id>` and `org:<id>`: every user write must invalidate `user:<id>`. */
    userViews: TaggedCache<User>
    /** Serialized GET /users/ pages, freshened by PostgreSQL notifications (users/user-pages.ts). */
    userPages: UserPageCache
    /** Drops cached principals/organizations with these tags, on every instance. Call after commit. */
    invalidate(tags: string[]): Promise<void>
    /** Organization id for an id or slug (cached), or undefined. */
    organizationsByKey(idOrSlug: string): Promise<string | undefined>
    /** Commands (throttles, lockouts, publishing invalidations); null without REDIS_URL. */
    redis: Redis | null
    /** The invalidation subscription's own connection (a subscribed connection runs no other command). */
    redisSubscriber: Redis | null
    /** This app's Prometheus registry and instruments (served at /metrics). */
    metrics: Metrics
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

/** Migrations, the default organization, and a secret key checked against the stored signing keys. */
async function prepareDatabase(config: Config, database: Database, opts: AppOptions): Promise<{ secrets: SecretBox; keys: KeyStore; facts: StartupFacts }> {
  const migrations = opts.migrate !== false ? await database.migrate() : null
  await ensureDefaultOrganization(database.db)
  const found = readSecretKey(config.secretKey, config.dataDir)
  const facts: StartupFacts = { migrations, secretKey: config.secretKey ? 'configured' : found.key ? 'file' : 'generated' }
  const secrets = await openSecretBox(database.db, config)
  const keys = new KeyStore(database.db, secrets, { issuer: config.publicUrl, accessLifetime: config.accessTokenLifetime, algorithm: config.jwtAlgorithm, clock: opts.keyClock })
  await keys.init()
  return { secrets, keys, facts }
}

export async function buildApp(config: Config, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
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
  })

  const database = opts.database ?? (await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs, poolTimeoutMs: config.databasePoolTimeoutMs, queryTimeoutMs: config.databaseQueryTimeoutMs,
  }))
  const ownsDatabase = !opts.database
  const { secrets, keys, facts } = await prepareDatabase(config, database, opts).catch(async (err) => {
    if (ownsDatabase) await database.close() // and with it the data directory's lock
    throw err
  })
  const reloadKeys = () => keys.load().catch((err) => app.log.warn({ err }, 'signing key reload failed'))
  // What makes a rotation reach this instance; the invalidation bus (below) only makes it sooner.
  const keyReload = setInterval(reloadKeys, config.signingKeyReloadSeconds * 1000)
  keyReload.unref()

  const redisOpts = { timeoutMs: config.redisTimeoutMs, log: app.log }
  const redis = config.redisUrl ? connectRedis(config.redisUrl, { ...redisOpts, role: 'commands' }) : null
  const redisSub = config.redisUrl ? connectRedis(config.redisUrl, { ...redisOpts, role: 'subscriber' }) : null
  const cacheTtl = config.authCacheTtlSeconds * 1000
  const bus = new InvalidationBus({ pub: redis ?? undefined, sub: redisSub ?? undefined, channel: invalidationChannel(config.redisPrefix), staleAfterMs: cacheTtl, log: app.log })
  // So the first logins after start do not meet a connection still opening (they would get 503).
  if (redis && redisSub) await Promise.all([whenReady(redis, config.redisTimeoutMs * 2), whenReady(redisSub, config.redisTimeoutMs * 2)])
  const principalCache = new TaggedCache<Principal | null>(cacheTtl)
  const accessCache = new TaggedCache<Access>(cacheTtl)
  const orgCache = new TaggedCache<string | null>(cacheTtl)
  const userViews = new TaggedCache<User>(cacheTtl)
  const userPages = new UserPageCache(cacheTtl)
  if (config.usersListCache) await userPages.start(database) // not started: never live, every page read
  bus.onInvalidate((tags) => {
    for (const cache of [principalCache, accessCache, orgCache, userViews]) cache.invalidate(tags)
    // A rotation elsewhere, or a (re)subscription that may have missed one.
    if (tags.includes(SIGNING_KEYS_TAG) || tags.includes('*')) void reloadKeys()
  })

  app.decorate('config', config)
  app.decorate('database', database)
  app.decorate('db', database.db)
  app.decorate('secrets', secrets)
  app.decorate('keys', keys)
  app.decorate('redis', redis)
  app.decorate('redisSubscriber', redisSub)
  const metrics = new Metrics()
  app.decorate('metrics', metrics)
  metrics.watchDatabase(database)
  metrics.watchRedis({ commands: redis, subscriber: redisSub })
  const hashAdmission = new Admission(config.hashConcurrency, config.hashQueueLimit, config.hashQueueTimeoutMs, metrics.admissionEvents)
  metrics.watchAdmission(hashAdmission)
  app.decorate('hasher', new PasswordHasher({ memoryCost: config.passwordHashMemoryKib, timeCost: config.passwordHashIterations }, hashAdmission))
  // No more sign-ins in flight per account than the lockout would let reserve a guess anyway.
  app.decorate('loginsInFlight', new InFlightLimit(config.lockoutThreshold))
  app.decorate('principals', new PrincipalResolver(database.db, keys, principalCache, accessCache, metrics.principalCacheEvents))
  app.decorate('userViews', userViews)
  app.decorate('userPages', userPages)
  app.decorate('invalidate', (tags: string[]) => {
    userPages.droppedByLocalWrite(tags)
    return bus.publish(tags)
  })
  app.decorate('organizationsByKey', async (idOrSlug: string) => {
    const key = idOrSlug.toLowerCase()
    const id = await orgCache.getOrLoad(key, async () => {
      // Looked up by the cache key itself: slugs are lowercase, and a lookup of the raw
      // header (`ACME`) would cache "no such organization" under the key of `acme`.
      const org = await findOrganizationByIdOrSlug(database.db, key)
      // A miss is cached too, until an organization is created or renamed (`org:*new`).
      return { value: org?.id ?? null, tags: org ? [`org:${org.id}`] : ['org:*new'] }
    })
    return id ?? undefined
  })

  // Handlers whose client hung up keep running after close() returns; let them finish
  // (up to 5 s) before the database goes, so they end normally instead of in a 500.
  // Counted from the handler's start to its reply (not the socket's life, which ends at the hang-up).
  const running = new WeakSet<object>()
  let inflight = 0
  // Callback-style hooks: no promise per request on the hot path.
  app.addHook('preHandler', (req, _reply, done) => { running.add(req); inflight++; done() })
  app.addHook('onSend', (req, reply, payload, done) => {
    if (running.delete(req)) inflight--
    reply.header('x-request-id', req.id) // the id in the logs, so support can find a request
    done(null, payload)
  })
  app.addHook('onClose', async () => {
    clearInterval(keyReload)
    for (let waited = 0; inflight > 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20))
    redis?.disconnect()
    redisSub?.disconnect()
    // Side by side: each waits up to 2 s for a server that stopped answering.
    await Promise.all([userPages.close(), ownsDatabase && database.close()])
  })

  registerRequestLog(app)
  registerStartupSummary(app, facts)
  registerErrorHandling(app)
  registerHashAdmission(app, hashAdmission) // before authentication, throttles, body parsing and any query
  registerSecurityHeaders(app, config)
  await registerCors(app, bus) // before registerAuth: an allowed preflight is answered before authentication
  registerAuth(app)
  registerAccountServices(app)
  app.decorate('secondFactor', totpSecondFactor)
  await registerOpenApi(app, config)
  registerLoginMetrics(app)
  registerObservability(app)

  // Modules, in one visible list.
  await app.register(wellKnownRoutes)
  await app.register(signInRoutes, { prefix: '/api/v1' })
  await app.register(passwordRoutes, { prefix: '/api/v1' })
  await app.register(meRoutes, { prefix: '/api/v1' })
  await app.register(personalTokensRoutes, { prefix: '/api/v1' })
  await app.register(emailVerificationRoutes, { prefix: '/api/v1' })
  await app.register(mfaRoutes, { prefix: '/api/v1' })
  await app.register(sessionsRoutes, { prefix: '/api/v1' })
  await app.register(productsRoutes, { prefix: '/api/v1' })
  await app.register(ordersRoutes, { prefix: '/api/v1' })
  await app.register(organizationsRoutes, { prefix: '/api/v1' })
  await app.register(developersRoutes, { prefix: '/api/v1' })
  await app.register(usersRoutes, { prefix: '/api/v1' })
  await app.register(rolesRoutes, { prefix: '/api/v1' })
  await app.register(permissionsRoutes, { prefix: '/api/v1' })
  await app.register(userRolesRoutes, { prefix: '/api/v1' })
  await app.register(auditRoutes, { prefix: '/api/v1' })
  await app.register(pagesRoutes)
  if (config.seedRoutes) await app.register(seedRoutes)

  return app
}
