import { availableParallelism } from 'node:os'
import path from 'node:path'
import { parseOriginList } from './lib/origins'

/**
 * Every setting, in one table: its environment variable, default, parser and meaning.
 * `loadConfig` reads the environment once; everything else receives the parsed Config.
 * The README's configuration table is written from this list.
 */
type Parser<T> = (raw: string, name: string) => T

const str: Parser<string> = (raw) => raw
const optional: Parser<string | undefined> = (raw) => (raw === '' ? undefined : raw)
/** Empty (unset), or a secret of at least `min` characters. */
const secret = (min: number): Parser<string | undefined> => (raw, name) => {
  if (raw === '') return undefined
  if (raw.length < min) throw new Error(`${name} must be at least ${min} characters long`)
  return raw
}
const int = (min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> => (raw, name) => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  return n
}
const bool: Parser<boolean> = (raw, name) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  if (/^(0|false|no|off|)$/i.test(raw)) return false
  throw new Error(`${name} must be true or false, got "${raw}"`)
}
const oneOf = <T extends string>(...values: T[]): Parser<T> => (raw, name) => {
  if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`)
  return raw as T
}
/** `30/minute`, `5/second`, `100/hour`, `1000/day`, or `off`. */
export type Rate = { limit: number; windowSeconds: number } | null
const rate: Parser<Rate> = (raw, name) => {
  if (raw === 'off') return null
  const m = /^(\d+)\/(second|minute|hour|day)$/.exec(raw)
  if (!m) throw new Error(`${name} must look like 30/minute or be off, got "${raw}"`)
  const windowSeconds = { second: 1, minute: 60, hour: 3600, day: 86400 }[m[2] as 'second']
  return { limit: Number(m[1]), windowSeconds }
}
/** `30d`, `12h`, `15m`, `90s` or plain seconds. */
export const parseDuration: Parser<number> = (raw, name) => {
  const m = /^(\d+)([smhd]?)$/.exec(raw)
  if (!m) throw new Error(`${name} must be a duration such as 30d, 12h, 15m or 90s, got "${raw}"`)
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '']
}

/** `*` alone (any origin), or exact origins separated by commas; empty: none. */
type AllowedOrigins = '*' | readonly string[]
const origins: Parser<AllowedOrigins> = (raw, name) => {
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean)
  if (entries.length === 1 && entries[0] === '*') return '*'
  if (entries.includes('*')) throw new Error(`${name}: "*" allows every origin, so it must stand alone, got "${raw}"`)
  const parsed = parseOriginList(entries)
  if ('error' in parsed) throw new Error(`${name}: ${parsed.error}`)
  return parsed.origins
}

const cores = availableParallelism()

export const settings = {
  host: { env: 'HOST', default: '127.0.0.1', parse: str, doc: 'Interface to listen on.' },
  port: { env: 'PORT', default: '8000', parse: int(0, 65535), doc: 'TCP port to listen on (0 picks a free one).' },
  databaseUrl: { env: 'DATABASE_URL', default: '', parse: optional, doc: 'PostgreSQL URL (`postgres://user@host:5432/db`). Empty: embedded PostgreSQL (PGlite) under `DATA_DIR`.' },
  databasePoolSize: { env: 'DATABASE_POOL_SIZE', default: '10', parse: int(1, 500), doc: 'PostgreSQL connections per instance.' },
  databaseConnectTimeoutMs: { env: 'DATABASE_CONNECT_TIMEOUT_MS', default: '2000', parse: int(100, 60000), doc: 'Longest wait for a new PostgreSQL connection to open; then the request gets 503 with Retry-After.' },
  databasePoolTimeoutMs: { env: 'DATABASE_POOL_TIMEOUT_MS', default: '10000', parse: int(100, 600000), doc: 'Longest wait for a free pooled connection while all `DATABASE_POOL_SIZE` are busy; then 503 with Retry-After (load shedding).' },
  databaseQueryTimeoutMs: { env: 'DATABASE_QUERY_TIMEOUT_MS', default: '30000', parse: int(0, 3600000), doc: 'Longest wait for the answer to one query on an open connection (a server that stopped answering); then 503. 0: no limit. Migrations have none.' },
  dataDir: { env: 'DATA_DIR', default: './data', parse: str, doc: 'Where the embedded database and the generated secret key live.' },
  secretKey: { env: 'COMMERCECORE_SECRET_KEY', default: '', parse: optional, doc: 'Secret that encrypts signing keys and MFA secrets at rest and keys derived tokens. Empty: generated once into `DATA_DIR/secret.key`. Set it explicitly when running several instances.' },
  publicUrl: { env: 'PUBLIC_URL', default: 'http://127.0.0.1:8000', parse: str, doc: 'Public base URL: token issuer, links in emails, pagination links. The emails link to its `/reset-password` and `/verify-email`: this service\'s hosted pages by default, or your own front end\'s.' },
  redisUrl: { env: 'REDIS_URL', default: '', parse: optional, doc: 'Redis URL. When set, throttles, lockouts and revocation events are shared between instances.' },
  redisTimeoutMs: { env: 'REDIS_TIMEOUT_MS', default: '500', parse: int(50, 60000), doc: 'Longest wait for Redis to connect or answer a command; past it the command fails (login: 503) and the connection is re-established in the background.' },
  redisPrefix: { env: 'REDIS_PREFIX', default: 'commercecore:', parse: str, doc: 'Prefix of every Redis key this service writes (throttles, lockouts) and of its invalidation channel; lets deployments share one Redis.' },
  smtpUrl: { env: 'SMTP_URL', default: '', parse: optional, doc: '`smtp://user:pass@host:port` to send mail. Empty: no email is sent (password reset and email verification cannot be completed); each one is logged at warn level with its recipient and subject, never its body or link.' },
  emailFrom: { env: 'EMAIL_FROM', default: 'CommerceCore <no-reply@localhost>', parse: str, doc: 'Sender of outgoing mail.' },
  emailMaxAttempts: { env: 'EMAIL_MAX_ATTEMPTS', default: '6', parse: int(1, 50), doc: 'Delivery attempts per email before giving up (logged at error level).' },
  emailRetryDelayMs: { env: 'EMAIL_RETRY_DELAY_MS', default: '2000', parse: int(1, 3600000), doc: 'Delay before the first retry of a failed email; doubles on each further attempt.' },
  jwtAlgorithm: { env: 'JWT_ALGORITHM', default: 'ES256', parse: oneOf('ES256', 'EdDSA'), doc: 'Signing algorithm of new signing keys (ES256 or EdDSA).' },
  signingKeyReloadSeconds: { env: 'SIGNING_KEY_RELOAD_SECONDS', default: '30', parse: int(1, 3600), doc: 'How often every instance rereads the signing keys from the database. `keys rotate` (which reads it too: set the same value where you run it) publishes a new key 2 × this + 10 s before it signs.' },
  accessTokenLifetime: { env: 'ACCESS_TOKEN_LIFETIME', default: '5m', parse: parseDuration, doc: 'Lifetime of access tokens.' },
  refreshTokenLifetime: { env: 'REFRESH_TOKEN_LIFETIME', default: '14d', parse: parseDuration, doc: 'Lifetime of a refresh token (each refresh issues a new one).' },
  refreshReuseGraceSeconds: { env: 'REFRESH_REUSE_GRACE_SECONDS', default: '0', parse: int(0, 300), doc: 'Seconds during which re-presenting a just-rotated refresh token returns the same new refresh token instead of ending the session.' },
  authCacheTtlSeconds: { env: 'AUTH_CACHE_TTL_SECONDS', default: '10', parse: int(0, 300), doc: 'Upper bound on how long a resolved principal, or a page of `GET /users/`, is cached in-process. Revocations invalidate it at once (through Redis across instances; list pages through PostgreSQL notifications); 0 disables the cache.' },
  usersListCache: { env: 'USERS_LIST_CACHE', default: 'true', parse: bool, doc: 'Cache `GET /users/` pages in-process, kept fresh by PostgreSQL LISTEN/NOTIFY on one more connection per instance. `false` behind a connection pooler that cannot carry LISTEN (PgBouncer in transaction mode).' },
  passwordMinLength: { env: 'PASSWORD_MIN_LENGTH', default: '12', parse: int(8, 128), doc: 'Minimum password length.' },
  passwordHashMemoryKib: { env: 'PASSWORD_HASH_MEMORY_KIB', default: '19456', parse: int(1024), doc: 'argon2id memory cost (KiB). OWASP: 19456.' },
  passwordHashIterations: { env: 'PASSWORD_HASH_ITERATIONS', default: '2', parse: int(1, 20), doc: 'argon2id time cost. OWASP: 2.' },
  hashConcurrency: { env: 'HASH_CONCURRENCY', default: String(Math.max(1, cores - 1)), parse: int(1, 64), doc: 'Password hashes computed at once (default: cores - 1, so hashing never takes every core).' },
  hashQueueLimit: { env: 'HASH_QUEUE_LIMIT', default: '64', parse: int(0, 100000), doc: 'Password hashes allowed to wait. Requests to routes that hash beyond HASH_CONCURRENCY + this get 503 with Retry-After at once, before any database work.' },
  hashQueueTimeoutMs: { env: 'HASH_QUEUE_TIMEOUT_MS', default: '2000', parse: int(1, 60000), doc: 'Longest wait for a hashing slot before 503.' },
  throttleAuthPerIp: { env: 'THROTTLE_AUTH_PER_IP', default: '30/minute', parse: rate, doc: 'Per-IP limit on login, register, token, forgot and reset (`off` disables).' },
  throttleAuthPerAccount: { env: 'THROTTLE_AUTH_PER_ACCOUNT', default: '10/minute', parse: rate, doc: 'Per-account limit on login, token, forgot and reset (`off` disables).' },
  lockoutThreshold: { env: 'LOCKOUT_THRESHOLD', default: '10', parse: int(1, 1000), doc: 'Consecutive failed logins before an account is locked (for 1 minute, doubling each time, up to 1 day); also the most sign-ins of one account in flight at once per instance (beyond: 429).' },
  trustProxy: { env: 'TRUST_PROXY', default: 'false', parse: bool, doc: 'Take the client IP from `X-Forwarded-For` (only behind a trusted proxy).' },
  requireMfaForSuperusers: { env: 'REQUIRE_MFA_FOR_SUPERUSERS', default: 'false', parse: bool, doc: 'Superusers without MFA cannot sign in until they enable it.' },
  metricsToken: { env: 'METRICS_TOKEN', default: '', parse: secret(16), doc: 'When set (16 characters or more), `GET /metrics` answers only requests with `Authorization: Bearer <this token>` (401 otherwise). Empty: `/metrics` is open, so keep it off the public network. See docs/metrics.md.' },
  corsAllowedOrigins: { env: 'CORS_ALLOWED_ORIGINS', default: '', parse: origins, doc: 'Browser origins allowed to call the API from every organization, comma-separated exact origins (`https://admin.example.com,http://localhost:5173`: scheme, host and port, no path; case and default ports are normalized). `*` alone: any origin. Empty: none, apart from the origins each organization lists in its `cors_allowed_origins`. Credentials (cookies) are never allowed. See docs/cors.md.' },
  seedRoutes: { env: 'SEED_ROUTES', default: 'true', parse: bool, doc: 'Also serve the paths and bodies of the five Django systems this replaces (`/api/auth/…`, `/api/users/`, `/products/add/`, …; see docs/migrating-from-django.md). `false`: only `/api/v1/`.' },
  httpConnectionTimeoutMs: { env: 'HTTP_CONNECTION_TIMEOUT_MS', default: '30000', parse: int(1, 3600000), doc: 'A connection with no traffic either way for this long is closed (stalled clients, clients that stop reading).' },
  httpHeadersTimeoutMs: { env: 'HTTP_HEADERS_TIMEOUT_MS', default: '10000', parse: int(1, 3600000), doc: 'Time a client has to send the request line and headers, counted from connecting for the first request (408, then closed). At most `HTTP_REQUEST_TIMEOUT_MS`.' },
  httpRequestTimeoutMs: { env: 'HTTP_REQUEST_TIMEOUT_MS', default: '30000', parse: int(1, 3600000), doc: 'Time a client has to send a whole request, headers and body (408, then closed): a body dripped byte by byte is cut off.' },
  httpKeepAliveTimeoutMs: { env: 'HTTP_KEEP_ALIVE_TIMEOUT_MS', default: '5000', parse: int(1, 3600000), doc: "Idle time after a response before a keep-alive connection is closed (Node adds 1 s). Behind a load balancer, set it above the balancer's idle timeout." },
  shutdownGraceMs: { env: 'SHUTDOWN_GRACE_MS', default: '1000', parse: int(0, 600000), doc: 'After SIGTERM, how long connections already open may still send a request (answered, with `Connection: close`) before idle ones are closed. The listener stays open through the grace (closing it at once resets connections the kernel accepted but had not handed over), and `/readyz` answers 503.' },
  bodyLimit: { env: 'BODY_LIMIT', default: '1048576', parse: int(1024), doc: 'Largest accepted request body in bytes (413 beyond).' },
  nodeEnv: { env: 'NODE_ENV', default: 'development', parse: str, doc: '`production` adds start-up warnings (warn level) for settings unsafe in production: embedded database, no `COMMERCECORE_SECRET_KEY`, `PUBLIC_URL` default or not https, throttles off, password hashing below OWASP, debug logging, `CORS_ALLOWED_ORIGINS` `*` or a plain-http origin other than localhost. Changes nothing else.' },
  logLevel: { env: 'LOG_LEVEL', default: 'info', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), doc: 'pino log level. `info`: one line per request, plus start-up, shutdown and dependency events; `debug` adds the in-process requests of seed routes.' },
} as const

type Settings = typeof settings
export type Config = { [K in keyof Settings]: ReturnType<Settings[K]['parse']> }

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const config = {} as Record<string, unknown>
  for (const [key, s] of Object.entries(settings)) {
    const raw = env[s.env] ?? s.default
    config[key] = (s.parse as Parser<unknown>)(raw.trim(), s.env)
  }
  const result = { ...(config as Config), ...overrides }
  result.dataDir = path.resolve(result.dataDir)
  result.publicUrl = result.publicUrl.replace(/\/+$/, '')
  // Node refuses to start a server whose headers timeout outlasts its request timeout.
  if (result.httpHeadersTimeoutMs > result.httpRequestTimeoutMs) {
    throw new Error(`HTTP_HEADERS_TIMEOUT_MS (${result.httpHeadersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${result.httpRequestTimeoutMs})`)
  }
  return result
}
