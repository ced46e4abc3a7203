import type { FastifyBaseLogger } from 'fastify' // the logger's type only: nothing here runs Fastify
import type { Redis } from 'ioredis'
import type { Config } from './config'
import { openDatabase, type Database, type Db } from './db'
import { Admission, InFlightLimit } from './lib/admission'
import { tags as cacheTags, type CacheTag } from './lib/cache-tags'
import { TaggedCache } from './lib/invalidation'
import { InvalidationBus, invalidationChannel } from './lib/invalidation-bus'
import { Metrics } from './lib/metrics'
import { PasswordHasher } from './lib/passwords'
import { connectRedis, whenReady } from './lib/redis'
import { readSecretKey } from './lib/secret-key'
import { SecretBox } from './lib/secrets'
import { totpSecondFactor } from './modules/mfa/mfa.service'
import { PrincipalResolver, type Access, type Principal } from './modules/sessions/principal'
import type { SecondFactorStep } from './modules/sessions/sign-in.service'
import { Throttle } from './modules/throttle/throttle'
import { MemoryThrottleStore, RedisThrottleStore } from './modules/throttle/throttle.store'
import { Mailer } from './modules/email/mailer'
import { KeyStore } from './modules/signing-keys/signing-keys.service'
import { openSecretBox } from './modules/signing-keys/secret-check'
import { ensureDefaultOrganization } from './modules/organizations/bootstrap'
import { findOrganizationByIdOrSlug } from './modules/organizations/organizations.repository'
import { UserPageCache } from './modules/users/user-pages'
import type { User } from './modules/users/users.schemas'

export type Logger = FastifyBaseLogger

/**
 * What every service runs on, the same in the HTTP app, the CLI and tests: plain objects,
 * no web framework. `buildApp` decorates the app with it once (`app.ctx`); a CLI command
 * builds its own with `createContext` and so calls exactly what a route calls, writing the
 * same audit events and publishing the same invalidations.
 */
export interface AppContext {
  config: Config
  database: Database
  db: Db
  log: Logger
  /** Decides which signing key signs and which are published (tests of rotation move it). */
  clock: () => number
  secrets: SecretBox
  keys: KeyStore
  hasher: PasswordHasher
  /** The gate in front of every password hash (src/plugins/hash-admission.ts). */
  hashAdmission: Admission
  /** Sign-ins in flight per account (org + login as typed), checked before the user is looked up. */
  loginsInFlight: InFlightLimit
  principals: PrincipalResolver
  /** GET /auth/me/ responses, tagged `tags.user(id)` and `tags.org(id)`: every user write must invalidate `tags.user(id)`. */
  userViews: TaggedCache<User>
  /** Serialized GET /users/ pages, freshened by PostgreSQL notifications (users/user-pages.ts); never live in a CLI command. */
  userPages: UserPageCache
  /** Fans invalidations out to every instance (local only without Redis). */
  bus: InvalidationBus
  /**
   * Drops cached entries with these tags, on every instance. A write publishes its tags
   * through `write` (src/write.ts), after commit; strings are accepted only until the roles,
   * permissions, developers and products modules are on it.
   */
  invalidate(tags: CacheTag[]): Promise<void>
  /** Organization id for an id or slug (cached), or undefined. */
  organizationsByKey(idOrSlug: string): Promise<string | undefined>
  /** Commands (throttles, lockouts, publishing invalidations); null without REDIS_URL. */
  redis: Redis | null
  /** The invalidation subscription's own connection (a subscribed connection runs no other command); null in a CLI command. */
  redisSubscriber: Redis | null
  /** This process's Prometheus registry and instruments (served at /metrics). */
  metrics: Metrics
  /** Outgoing mail: queued, retried, never failing the request that sends it. */
  mailer: Mailer
  /** Per-IP / per-account throttles and the lockout (in Redis when REDIS_URL is set). */
  throttle: Throttle
  /** The second factor of a sign-in (MFA's TOTP step): sign-in decides when it is due, without importing MFA. */
  secondFactor: SecondFactorStep
  /** Runs work off the request path (errors logged); awaited on close. */
  background(label: string, task: () => Promise<void>): void
  /** Resolves once no background task is running (tests, shutdown). */
  backgroundIdle(): Promise<void>
  /** Background work, mail, Redis, then the database (when this context opened it). */
  close(): Promise<void>
}

export interface ContextOptions {
  log: Logger
  /** Reuse an open database (tests); otherwise one is opened from the config. */
  database?: Database
  /** Run migrations on start (default true). */
  migrate?: boolean
  keyClock?: () => number
  /**
   * `server` (default): subscribes to invalidations and loads (and periodically reloads) the
   * signing keys. `command`: a CLI command, which publishes invalidations only and leaves the
   * signing keys to the command that needs them.
   */
  role?: 'server' | 'command'
  /**
   * `check` (default): the secret key must decrypt every stored signing key (one is
   * generated into a database that has none). `accept-unreadable`: `keys rotate
   * --lost-secret-key`. `none`: a CLI command that never reads it (migrate, purge,
   * createsuperuser…) neither checks nor generates it, and any use of it throws.
   */
  secretKey?: 'check' | 'accept-unreadable' | 'none'
  poolSize?: number
}

/** Where the secret key came from (the start-up summary says it). */
type SecretKeyOrigin = 'configured' | 'file' | 'generated'

export interface CreatedContext {
  ctx: AppContext
  /** null: built with `migrate: false`. */
  migrations: Awaited<ReturnType<Database['migrate']>> | null
  secretKey: SecretKeyOrigin
}

/**
 * Opens (or reuses) the database, migrates it, checks the secret key against the stored
 * signing keys, and builds the rest. A failure closes what was opened.
 */
export async function createContext(config: Config, opts: ContextOptions): Promise<CreatedContext> {
  const database = opts.database ?? (await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: opts.poolSize ?? config.databasePoolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs, poolTimeoutMs: config.databasePoolTimeoutMs, queryTimeoutMs: config.databaseQueryTimeoutMs,
  }))
  const ownsDatabase = !opts.database
  try {
    const migrations = opts.migrate !== false ? await database.migrate() : null
    await ensureDefaultOrganization(database.db)
    const found = readSecretKey(config.secretKey, config.dataDir)
    const secretKey: SecretKeyOrigin = config.secretKey ? 'configured' : found.key ? 'file' : 'generated'
    const secrets = opts.secretKey === 'none' ? new UnreadSecretBox() : await openSecretBox(database.db, config, { acceptUnreadable: opts.secretKey === 'accept-unreadable' })
    const ctx = await assemble(config, opts, database, secrets, ownsDatabase)
    return { ctx, migrations, secretKey }
  } catch (err) {
    if (ownsDatabase) await database.close() // and with it the data directory's lock
    throw err
  }
}

class UnreadSecretBox extends SecretBox {
  constructor() { super('') }
  private refuse(): never { throw new Error('this command was started without reading the secret key') }
  override encrypt(): string { return this.refuse() }
  override decrypt(): string { return this.refuse() }
  override derive(): string { return this.refuse() }
}

async function assemble(config: Config, opts: ContextOptions, database: Database, secrets: SecretBox, ownsDatabase: boolean): Promise<AppContext> {
  const { log } = opts
  const server = opts.role !== 'command'
  const clock = opts.keyClock ?? Date.now
  const keys = new KeyStore(database.db, secrets, { issuer: config.publicUrl, accessLifetime: config.accessTokenLifetime, algorithm: config.jwtAlgorithm, clock: opts.keyClock })
  if (server) await keys.init()
  const reloadKeys = () => keys.load().catch((err) => log.warn({ err }, 'signing key reload failed'))
  // What makes a rotation reach this instance; the invalidation bus (below) only makes it sooner.
  const keyReload = server ? setInterval(reloadKeys, config.signingKeyReloadSeconds * 1000) : undefined
  keyReload?.unref()

  const { redis, redisSubscriber, bus } = await connectInvalidation(config, log, server)
  const cacheTtl = config.authCacheTtlSeconds * 1000
  const principalCache = new TaggedCache<Principal | null>(cacheTtl)
  const accessCache = new TaggedCache<Access>(cacheTtl)
  const orgCache = new TaggedCache<string | null>(cacheTtl)
  const userViews = new TaggedCache<User>(cacheTtl)
  const userPages = new UserPageCache(cacheTtl)
  if (server && config.usersListCache) await userPages.start(database) // not started: never live, every page read
  bus.onInvalidate((tags) => {
    for (const cache of [principalCache, accessCache, orgCache, userViews]) cache.invalidate(tags)
    // A rotation elsewhere, or a (re)subscription that may have missed one.
    if (server && (tags.includes(cacheTags.signingKeys) || tags.includes(cacheTags.everything))) void reloadKeys()
  })

  const { metrics, hashAdmission, mailer, throttle } = meteredServices(config, log, database, redis, redisSubscriber)
  const background = backgroundTasks(log)

  return {
    config, database, db: database.db, log, clock, secrets, keys, metrics, mailer, throttle, bus, redis, redisSubscriber, userViews, userPages, hashAdmission,
    hasher: new PasswordHasher({ memoryCost: config.passwordHashMemoryKib, timeCost: config.passwordHashIterations }, hashAdmission),
    // No more sign-ins in flight per account than the lockout would let reserve a guess anyway.
    loginsInFlight: new InFlightLimit(config.lockoutThreshold),
    principals: new PrincipalResolver(database.db, keys, principalCache, accessCache, metrics.principalCacheEvents),
    invalidate: (tags) => {
      userPages.droppedByLocalWrite(tags)
      return bus.publish(tags)
    },
    secondFactor: totpSecondFactor,
    organizationsByKey: organizationLookup(database.db, orgCache),
    ...background,
    async close() {
      clearInterval(keyReload)
      await background.backgroundIdle()
      await mailer.close()
      redis?.disconnect()
      redisSubscriber?.disconnect()
      // Side by side: each waits up to 2 s for a server that stopped answering.
      await Promise.all([userPages.close(), ownsDatabase && database.close()])
    },
  }
}

/** The metrics, and what they watch besides the database and Redis: password-hash admission, mail, throttles. */
function meteredServices(config: Config, log: Logger, database: Database, redis: Redis | null, redisSubscriber: Redis | null) {
  const metrics = new Metrics()
  metrics.watchDatabase(database)
  metrics.watchRedis({ commands: redis, subscriber: redisSubscriber })
  const hashAdmission = new Admission(config.hashConcurrency, config.hashQueueLimit, config.hashQueueTimeoutMs, metrics.admissionEvents)
  metrics.watchAdmission(hashAdmission)
  const mailer = new Mailer({
    smtpUrl: config.smtpUrl, from: config.emailFrom, maxAttempts: config.emailMaxAttempts, retryDelayMs: config.emailRetryDelayMs, log, events: metrics.mailerEvents,
  })
  const throttle = new Throttle(redis ? new RedisThrottleStore(redis, config.redisPrefix) : new MemoryThrottleStore(), {
    perIp: config.throttleAuthPerIp, perAccount: config.throttleAuthPerAccount, lockoutThreshold: config.lockoutThreshold, log,
    onLockout: () => metrics.lockouts.inc(),
  })
  return { metrics, hashAdmission, mailer, throttle }
}

/** Two connections in a server (commands, and the subscription); a CLI command only publishes. */
async function connectInvalidation(config: Config, log: Logger, subscribe: boolean) {
  const redisOpts = { timeoutMs: config.redisTimeoutMs, log }
  const redis = config.redisUrl ? connectRedis(config.redisUrl, { ...redisOpts, role: 'commands' }) : null
  const redisSubscriber = config.redisUrl && subscribe ? connectRedis(config.redisUrl, { ...redisOpts, role: 'subscriber' }) : null
  const bus = new InvalidationBus({
    pub: redis ?? undefined, sub: redisSubscriber ?? undefined, channel: invalidationChannel(config.redisPrefix), staleAfterMs: config.authCacheTtlSeconds * 1000, log,
  })
  // So the first logins after start do not meet a connection still opening (they would get 503).
  await Promise.all([redis, redisSubscriber].map((r) => r && whenReady(r, config.redisTimeoutMs * 2)))
  return { redis, redisSubscriber, bus }
}

function organizationLookup(db: Db, orgCache: TaggedCache<string | null>) {
  return async (idOrSlug: string): Promise<string | undefined> => {
    const key = idOrSlug.toLowerCase()
    const id = await orgCache.getOrLoad(key, async () => {
      // Looked up by the cache key itself: slugs are lowercase, and a lookup of the raw
      // header (`ACME`) would cache "no such organization" under the key of `acme`.
      const org = await findOrganizationByIdOrSlug(db, key)
      // A miss is cached too, until an organization is created or renamed (`org:*new`).
      return { value: org?.id ?? null, tags: org ? [cacheTags.org(org.id)] : [cacheTags.newOrganization] }
    })
    return id ?? undefined
  }
}

function backgroundTasks(log: Logger): Pick<AppContext, 'background' | 'backgroundIdle'> {
  const tasks = new Set<Promise<void>>()
  return {
    background(label, task) {
      const p = Promise.resolve().then(task).catch((err) => log.error({ err, task: label }, 'background task failed')).finally(() => tasks.delete(p))
      tasks.add(p)
    },
    async backgroundIdle() {
      while (tasks.size) await Promise.allSettled(tasks)
    },
  }
}
