import client, { type Counter, type Histogram } from 'prom-client'
import type { AdmissionEvents } from './admission'

/**
 * The service's own Prometheus metrics (docs/metrics.md lists each with its meaning),
 * on one registry per app, next to Node's default process metrics. No Fastify here:
 * services get the typed instruments they need, and gauges read their source (pool,
 * admission queue, Redis connection) when /metrics is scraped, so nothing is updated
 * on the request path for them.
 *
 * Labels are few and fixed (outcome, reason, state…): never a user, organization or
 * token, whose number is unbounded.
 */

const LOGIN_STEPS = ['password', 'mfa', 'token'] as const
export type LoginStep = (typeof LOGIN_STEPS)[number]
export type LoginOutcome =
  | 'success' | 'mfa_required' | 'mfa_setup_required' | 'invalid_credentials' | 'invalid_code' | 'invalid_token'
  | 'email_not_verified' | 'locked' | 'throttled' | 'unavailable' | 'invalid_request' | 'error'

/** What the mailer reports; each call is one message (not one attempt), except `retried`. */
export interface MailerEvents { sent(): void; failed(): void; retried(): void; unsent(): void }

export interface CacheEvents { hit(): void; miss(): void }

/** What the gauges read at scrape time. */
export interface PoolStats { total: number; idle: number; waiting: number; max: number }
interface ConnectionStatus { readonly status: string }

const PREFIX = 'commercecore_'

export class Metrics {
  readonly registry = new client.Registry()
  readonly logins: Counter<'step' | 'outcome'>
  readonly lockouts: Counter
  readonly refreshReuseDetections: Counter
  readonly invalidationPublishFailures: Counter
  /** Counted on every authenticated request: a plain increment (~ns), published to the counter at scrape time. */
  readonly principalCacheEvents: CacheEvents
  private readonly emails: Counter<'result'>
  private readonly emailRetries: Counter
  private readonly admissionRejections: Counter<'reason'>
  private readonly hashWait: Histogram

  constructor() {
    client.collectDefaultMetrics({ register: this.registry })
    const registers = [this.registry]
    this.logins = new client.Counter({ name: `${PREFIX}logins_total`, help: 'Sign-in attempts by step (password, mfa, token) and outcome', labelNames: ['step', 'outcome'], registers })
    this.lockouts = new client.Counter({ name: `${PREFIX}account_lockouts_total`, help: 'Accounts locked after LOCKOUT_THRESHOLD consecutive failures', registers })
    this.refreshReuseDetections = new client.Counter({ name: `${PREFIX}refresh_token_reuse_detections_total`, help: 'Rotated refresh tokens presented again (the session was ended)', registers })
    this.invalidationPublishFailures = new client.Counter({ name: `${PREFIX}invalidation_publish_failures_total`, help: 'Cache invalidations of a committed write that failed to publish (the write still succeeded)', registers })
    this.principalCacheEvents = this.principalCacheCounter()
    this.emails = new client.Counter({ name: `${PREFIX}emails_total`, help: 'Emails by final result: sent, failed (gave up after EMAIL_MAX_ATTEMPTS), unsent (no SMTP_URL)', labelNames: ['result'], registers })
    this.emailRetries = new client.Counter({ name: `${PREFIX}email_retries_total`, help: 'Failed delivery attempts that were retried', registers })
    this.admissionRejections = new client.Counter({ name: `${PREFIX}admission_rejections_total`, help: 'Password hashes refused by admission control (503): queue full or waited too long', labelNames: ['reason'], registers })
    this.hashWait = new client.Histogram({
      name: `${PREFIX}password_hash_queue_wait_seconds`,
      help: 'Time a password hash waited for a hashing slot (0 when one was free)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    })
    for (const step of LOGIN_STEPS) this.logins.labels(step, 'success').inc(0) // the series exist before the first login
    for (const result of ['sent', 'failed'] as const) this.emails.labels(result).inc(0)
    for (const reason of ['queue_full', 'timeout'] as const) this.admissionRejections.labels(reason).inc(0)
  }

  /** For the password hasher's admission control. */
  readonly admissionEvents: AdmissionEvents = {
    admitted: (waitedMs) => this.hashWait.observe(waitedMs / 1000),
    rejected: (reason) => this.admissionRejections.labels(reason).inc(),
  }

  readonly mailerEvents: MailerEvents = {
    sent: () => this.emails.labels('sent').inc(),
    failed: () => this.emails.labels('failed').inc(),
    unsent: () => this.emails.labels('unsent').inc(),
    retried: () => this.emailRetries.inc(),
  }

  /** Hashes running and waiting, read at scrape time. */
  watchAdmission(admission: { readonly load: { running: number; waiting: number } }): void {
    this.gauge('password_hash_queue_depth', 'Password hashes waiting for a slot', () => admission.load.waiting)
    this.gauge('password_hash_running', 'Password hashes being computed', () => admission.load.running)
  }

  /** PostgreSQL pool occupancy, read at scrape time; absent for the embedded database (one in-process session, no pool). */
  watchDatabase(database: { poolStats?: () => PoolStats }): void {
    const stats = database.poolStats
    if (!stats) return
    this.gauge('database_pool_connections', 'Open PostgreSQL connections (busy and idle)', () => stats().total)
    this.gauge('database_pool_idle_connections', 'Open PostgreSQL connections not in use', () => stats().idle)
    this.gauge('database_pool_waiting_requests', 'Queries waiting for a free connection (all DATABASE_POOL_SIZE busy)', () => stats().waiting)
    this.gauge('database_pool_max_connections', 'DATABASE_POOL_SIZE', () => stats().max)
  }

  /** 1 while each Redis connection is ready, read at scrape time; absent without REDIS_URL. */
  watchRedis(connections: Record<string, ConnectionStatus | null>): void {
    const live = Object.entries(connections).filter((e): e is [string, ConnectionStatus] => e[1] !== null)
    if (!live.length) return
    new client.Gauge({
      name: `${PREFIX}redis_connected`,
      help: 'Redis connection ready (1) or not (0), by connection: commands, subscriber',
      labelNames: ['connection'],
      registers: [this.registry],
      collect() { for (const [name, redis] of live) this.labels(name).set(redis.status === 'ready' ? 1 : 0) },
    })
  }

  /** prom-client's labelled inc() costs ~1 µs (it hashes the labels): too much for every request. */
  private principalCacheCounter(): CacheEvents {
    const counts = { hit: 0, miss: 0 }
    const published = { hit: 0, miss: 0 }
    new client.Counter({
      name: `${PREFIX}principal_cache_lookups_total`,
      help: 'Bearer credentials resolved from the in-process cache (hit) or the database (miss)',
      labelNames: ['result'],
      registers: [this.registry],
      collect() {
        for (const result of ['hit', 'miss'] as const) {
          this.labels(result).inc(counts[result] - published[result])
          published[result] = counts[result]
        }
      },
    })
    return { hit: () => { counts.hit++ }, miss: () => { counts.miss++ } }
  }

  private gauge(name: string, help: string, read: () => number): void {
    new client.Gauge({ name: `${PREFIX}${name}`, help, registers: [this.registry], collect() { this.set(read()) } })
  }
}
