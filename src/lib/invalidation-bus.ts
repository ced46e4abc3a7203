import type { Redis } from 'ioredis'
import type { Log } from './redis'

/** The pub/sub channel of a deployment (`REDIS_PREFIX` + `invalidate`). */
export const invalidationChannel = (redisPrefix: string): string => `${redisPrefix}invalidate`

/** Failed publishes kept for republishing at most (the oldest are dropped first). */
const MAX_PENDING = 10_000

export interface BusOptions {
  pub?: Redis
  sub?: Redis
  /** Pub/sub channel (under REDIS_PREFIX, so deployments sharing a Redis stay apart). */
  channel: string
  /** How long another instance may hold a cached entry (the cache TTL): an older missed invalidation is moot. */
  staleAfterMs: number
  log: Log
  clock?: () => number
}

/**
 * Fans invalidations out to every instance. Without Redis it is local only (one instance).
 *
 * A publish never fails the write that triggered it (the transaction has committed):
 * local caches are invalidated first, then the tags go to Redis (bounded by
 * REDIS_TIMEOUT_MS). If Redis is down they are kept and published when it is back, unless
 * every remote entry they could concern has expired by then (the cache TTL is the bound on
 * staleness). A subscriber that (re)connects drops every cached entry, so messages it
 * missed while down cannot leave a revoked token alive.
 */
export class InvalidationBus {
  private readonly listeners: Array<(tags: string[]) => void> = []
  private pending: Array<{ tags: string[]; at: number }> = []
  private readonly clock: () => number

  constructor(private readonly opts: BusOptions) {
    this.clock = opts.clock ?? Date.now
    const { pub, sub } = opts
    if (sub) {
      sub.on('message', (_channel: string, message: string) => this.receive(message))
      sub.on('ready', () => void this.subscribe(sub))
      if (sub.status === 'ready') void this.subscribe(sub)
    }
    pub?.on('ready', () => void this.flush())
  }

  onInvalidate(listener: (tags: string[]) => void): void { this.listeners.push(listener) }

  /** Call after the transaction that made the change has committed. Never throws. */
  async publish(tags: string[]): Promise<void> {
    if (tags.length === 0) return
    this.emitLocal(tags)
    if (!this.opts.pub) return
    if (await this.send(tags)) {
      if (this.pending.length > 0) await this.flush()
      return
    }
    if (this.pending.length === 0) this.opts.log.warn({ tags: tags.length }, 'invalidation not published (Redis unavailable); will retry when it is back')
    this.pending.push({ tags, at: this.clock() })
    if (this.pending.length > MAX_PENDING) this.pending.shift()
  }

  /** Publishes what failed earlier and still matters (newer than the cache TTL). */
  private async flush(): Promise<void> {
    const horizon = this.clock() - this.opts.staleAfterMs
    const due = this.pending.filter((p) => p.at > horizon)
    const expired = this.pending.length - due.length
    this.pending = []
    if (due.length === 0) return
    const tags = [...new Set(due.flatMap((p) => p.tags))]
    if (await this.send(tags)) this.opts.log.info({ tags: tags.length, expired }, 'deferred invalidations published')
    else this.pending.unshift(...due)
  }

  private async send(tags: string[]): Promise<boolean> {
    return (this.opts.pub as Redis).publish(this.opts.channel, JSON.stringify(tags)).then(() => true, () => false)
  }

  private async subscribe(sub: Redis) {
    try {
      await sub.subscribe(this.opts.channel)
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'invalidation subscribe failed; reconnecting')
      sub.disconnect(true)
      return
    }
    // Only now: an entry cached after this point is covered by the live subscription.
    this.emitLocal(['*'])
  }

  private receive(message: string) {
    let tags: unknown
    try { tags = JSON.parse(message) } catch { return }
    if (Array.isArray(tags) && tags.every((t) => typeof t === 'string')) this.emitLocal(tags)
  }

  private emitLocal(tags: string[]) {
    for (const l of this.listeners) l(tags)
  }
}
