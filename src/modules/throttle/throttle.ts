import type { FastifyBaseLogger } from 'fastify'
import type { Rate } from '../../config'
import { ApiError, serviceUnavailable, throttled } from '../../lib/errors'
import type { ThrottleStore } from './throttle.store'

export interface ThrottleOptions {
  perIp: Rate; perAccount: Rate; lockoutThreshold: number; clock?: () => number; log: FastifyBaseLogger
  /** Called each time an account becomes locked (metrics). */
  onLockout?: () => void
}

/** The 429 of a locked account: the same answer as any throttle, a distinct type for metrics. */
export class AccountLocked extends ApiError {
  constructor(seconds: number) {
    const t = throttled(seconds)
    super(t.code, { detail: t.detail, headers: t.headers })
  }
}

/**
 * Abuse protection of the auth endpoints (SPEC §3):
 * - per-IP and per-account fixed-window limits (`THROTTLE_AUTH_PER_IP`, `THROTTLE_AUTH_PER_ACCOUNT`);
 * - lockout after `LOCKOUT_THRESHOLD` consecutive failures (password or MFA code), for
 *   1 minute doubling up to 1 day. A slot is reserved atomically *before* the password
 *   is hashed and kept by a failure, so parallel guesses cannot overshoot the threshold.
 * Throttle counters fail open when Redis is unreachable (logged); the lockout fails closed
 * (503 service_unavailable + Retry-After, within REDIS_TIMEOUT_MS), because it is the one
 * that stops password guessing: without it, an outage would be an unlimited-guess window.
 */
export class Throttle {
  private readonly clock: () => number

  constructor(private readonly store: ThrottleStore, private readonly opts: ThrottleOptions) {
    this.clock = opts.clock ?? Date.now
  }

  /** Per-IP limit of one endpoint scope (`login`, `register`, …). */
  async checkIp(scope: string, ip: string): Promise<void> {
    await this.checkRate(this.opts.perIp, `ip:${scope}:${ip}`)
  }

  /** Per-account limit of one endpoint scope; `account` is an org-qualified user id or login. */
  async checkAccount(scope: string, account: string): Promise<void> {
    await this.checkRate(this.opts.perAccount, `acct:${scope}:${account}`)
  }

  /**
   * Reserves one guess against `account`, or throws 429 while it is locked. The returned
   * slot must be settled: `failed()`, `succeeded()` or `release()` (idempotent; the first wins).
   */
  async reserve(account: string): Promise<LockoutSlot> {
    let result
    try {
      result = await this.store.reserve(account, this.opts.lockoutThreshold, this.clock())
    } catch (err) {
      this.opts.log.error({ err: (err as Error).message }, 'lockout store unavailable')
      throw serviceUnavailable()
    }
    if (!result.ok) throw new AccountLocked(result.retryInMs / 1000)
    return new LockoutSlot(this.store, account, this.opts, this.clock)
  }

  /** Forgets failures of an account (after a password reset proves control of it). */
  async clear(account: string): Promise<void> {
    await this.store.clear(account).catch((err) => this.opts.log.warn({ err: (err as Error).message }, 'lockout store unavailable'))
  }

  private async checkRate(rate: { limit: number; windowSeconds: number } | null, key: string) {
    if (!rate) return
    let hit
    try {
      hit = await this.store.hit(key, rate.windowSeconds * 1000)
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'throttle store unavailable; not throttling')
      return
    }
    if (hit.count > rate.limit) throw throttled(hit.resetInMs / 1000)
  }
}

export class LockoutSlot {
  private settled = false

  constructor(private readonly store: ThrottleStore, private readonly account: string, private readonly opts: ThrottleOptions, private readonly clock: () => number) {}

  failed(): Promise<void> {
    return this.settle(async () => {
      if (await this.store.fail(this.account, this.opts.lockoutThreshold, this.clock())) this.opts.onLockout?.()
    })
  }
  succeeded(): Promise<void> { return this.settle(() => this.store.clear(this.account)) }
  release(): Promise<void> { return this.settle(() => this.store.release(this.account)) }

  private async settle(op: () => Promise<void>) {
    if (this.settled) return
    this.settled = true
    await op().catch((err) => this.opts.log.error({ err: (err as Error).message }, 'lockout store unavailable'))
  }
}

/** Lockout/throttle key of an account: the user id when the login names one, else the login itself. */
export const accountKey = (organizationId: string, user: { id: string } | undefined, login: string) =>
  `${organizationId}:${user ? user.id : `login:${login.trim().toLowerCase()}`}`
