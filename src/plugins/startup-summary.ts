import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { settings, type Config } from '../config'
import type { MigrationReport } from '../db'
import { VERSION } from '../lib/version'

/** What only start-up knows: what the migrations did, and where the secret key came from. */
export interface StartupFacts {
  /** null: the app was built with `migrate: false`. */
  migrations: MigrationReport | null
  secretKey: 'configured' | 'file' | 'generated'
}

export interface Warning { setting: string; message: string }

/** Settings unsafe for production. SMTP_URL always (mail is dropped); the rest only with NODE_ENV=production. */
export function unsafeSettings(config: Config, facts: Pick<StartupFacts, 'secretKey'>): Warning[] {
  const warnings: Warning[] = []
  const warn = (setting: string, message: string) => warnings.push({ setting, message })
  if (!config.smtpUrl) warn('SMTP_URL', 'SMTP_URL is not set: no email is sent, so password reset and email verification cannot be completed')
  if (config.nodeEnv !== 'production') return warnings
  if (!config.databaseUrl) warn('DATABASE_URL', 'DATABASE_URL is not set: the embedded database (PGlite) serves one process only and has no replication; use PostgreSQL in production')
  if (!config.secretKey) {
    const how = facts.secretKey === 'generated' ? 'was generated just now into' : 'is read from'
    warn('COMMERCECORE_SECRET_KEY', `COMMERCECORE_SECRET_KEY is not set: the secret key ${how} DATA_DIR/secret.key; set it explicitly (the same on every instance) and back it up apart from the database`)
  }
  if (config.publicUrl === settings.publicUrl.default) warn('PUBLIC_URL', 'PUBLIC_URL is the default (http://127.0.0.1:8000): the token issuer and email links point at localhost')
  else if (!config.publicUrl.startsWith('https://')) warn('PUBLIC_URL', 'PUBLIC_URL is not https: tokens and reset links travel in clear text, and HSTS is off')
  if (!config.throttleAuthPerIp) warn('THROTTLE_AUTH_PER_IP', 'THROTTLE_AUTH_PER_IP is off: login, register and password reset are not rate-limited per IP')
  if (!config.throttleAuthPerAccount) warn('THROTTLE_AUTH_PER_ACCOUNT', 'THROTTLE_AUTH_PER_ACCOUNT is off: password guessing is not rate-limited per account')
  if (config.passwordHashMemoryKib < 19456 || config.passwordHashIterations < 2) {
    warn('PASSWORD_HASH_MEMORY_KIB', 'password hashing is below OWASP\'s argon2id minimum (PASSWORD_HASH_MEMORY_KIB 19456, PASSWORD_HASH_ITERATIONS 2)')
  }
  const cors = config.corsAllowedOrigins
  if (cors === '*') warn('CORS_ALLOWED_ORIGINS', 'CORS_ALLOWED_ORIGINS is *: any website can call the public endpoints (register, login, password reset) from its visitors\' browsers and read the answers')
  else if (cors.some(insecureOrigin)) warn('CORS_ALLOWED_ORIGINS', 'CORS_ALLOWED_ORIGINS lists a plain-http origin: a page served over http can be altered on the way, and it may call the API')
  if (config.logLevel === 'debug' || config.logLevel === 'trace') warn('LOG_LEVEL', `LOG_LEVEL is ${config.logLevel}: verbose logs are large and carry more request detail than production needs`)
  return warnings
}

/** http, and not this machine: what a network attacker could serve a page from. */
const insecureOrigin = (origin: string) => origin.startsWith('http://') && !/^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(origin)

/** A URL without its password, query or fragment: `postgres://app@db:5432/commercecore`. */
export function withoutCredentials(raw: string): string {
  try {
    const u = new URL(raw)
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname === '/' ? '' : u.pathname}`
  } catch {
    return '(not a URL)'
  }
}

/** The one line that says what this instance runs on, and what is unsafe about it. */
function startupSummary(app: FastifyInstance, facts: StartupFacts) {
  const { config } = app.ctx
  const address = app.server.address() as AddressInfo | null
  const m = facts.migrations
  return {
    version: VERSION,
    address: address ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : null,
    environment: config.nodeEnv,
    database: app.ctx.database.kind === 'postgres'
      ? { kind: 'postgres', location: withoutCredentials(config.databaseUrl ?? '') }
      : { kind: 'pglite', location: path.join(config.dataDir, 'pglite') },
    migrations: m ? { applied: m.applied, total: m.total, latest: m.latest } : 'not run',
    secret_key: { configured: 'COMMERCECORE_SECRET_KEY', file: path.join(config.dataDir, 'secret.key'), generated: `generated into ${path.join(config.dataDir, 'secret.key')}` }[facts.secretKey],
    signing_key: app.ctx.keys.signingKey() ?? null,
    redis: config.redisUrl ? withoutCredentials(config.redisUrl) : 'not configured (throttles, lockouts and cache invalidation are per instance)',
    smtp: config.smtpUrl ? withoutCredentials(config.smtpUrl) : 'not configured (emails are not sent)',
    public_url: config.publicUrl,
    cors_allowed_origins: config.corsAllowedOrigins.length === 0 ? 'none server-wide (organizations may list their own)' : config.corsAllowedOrigins,
    log_level: config.logLevel,
    warnings: unsafeSettings(config, facts).map((w) => w.setting),
  }
}

/** Once listening: the summary at info, then each unsafe setting on its own warn line. */
export function registerStartupSummary(app: FastifyInstance, facts: StartupFacts) {
  app.addHook('onListen', (done) => {
    app.log.info(startupSummary(app, facts), `CommerceCore Auth ${VERSION} started`)
    for (const w of unsafeSettings(app.ctx.config, facts)) app.log.warn({ setting: w.setting }, w.message)
    done()
  })
}
