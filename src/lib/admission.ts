import { serviceBusy } from './errors'

/** Optional observers (metrics); admission control works the same without them. */
export interface AdmissionEvents {
  /** A job got its slot after waiting `waitedMs` (0 when one was free). */
  admitted?(waitedMs: number): void
  rejected?(reason: 'queue_full' | 'timeout'): void
}

/**
 * Admission control for CPU-heavy work (password hashing): at most `concurrency` jobs
 * run, at most `queueLimit` wait, and none waits longer than `timeoutMs`. Past that
 * the caller gets 503 + Retry-After, so a login flood queues briefly and then sheds
 * load instead of starving every other endpoint of CPU.
 */
export class Admission {
  private running = 0
  private readonly waiting: Array<() => void> = []
  /** Requests holding a ticket (see `tryAdmit`). */
  private admitted = 0

  constructor(private readonly concurrency: number, private readonly queueLimit: number, private readonly timeoutMs: number, private readonly events: AdmissionEvents = {}) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    const queuedAt = performance.now()
    if (this.running >= this.concurrency) await this.wait()
    else this.running++
    this.events.admitted?.(performance.now() - queuedAt)
    try {
      return await job()
    } finally {
      const next = this.waiting.shift()
      if (next) next() // hand the slot over directly
      else this.running--
    }
  }

  get load() { return { running: this.running, waiting: this.waiting.length, admitted: this.admitted } }

  /**
   * The gate in front of hash-bound requests (plugins/hash-admission.ts): a synchronous
   * yes/no taken before any parsing, database or Redis work, so a flood is turned away for
   * almost nothing. At most `concurrency + queueLimit` requests hold a ticket, so each
   * admitted one finds a place in the queue. Every `true` must be matched by one `leave()`.
   */
  tryAdmit(): boolean {
    if (this.admitted >= this.concurrency + this.queueLimit) {
      this.events.rejected?.('queue_full')
      return false
    }
    this.admitted++
    return true
  }

  leave(): void {
    if (this.admitted > 0) this.admitted--
  }

  private wait(): Promise<void> {
    if (this.waiting.length >= this.queueLimit) {
      this.events.rejected?.('queue_full')
      return Promise.reject(serviceBusy(1))
    }
    return new Promise((resolve, reject) => {
      const grant = () => { clearTimeout(timer); resolve() }
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant)
        if (i >= 0) this.waiting.splice(i, 1)
        this.events.rejected?.('timeout')
        reject(serviceBusy(Math.max(1, Math.ceil(this.timeoutMs / 1000))))
      }, this.timeoutMs)
      this.waiting.push(grant)
    })
  }
}

/**
 * Requests in flight per key, capped in memory: one account cannot take more than `limit`
 * of the hash queue, and the check costs a map lookup, before the database is asked
 * whether the account exists. Entries go when their count drops to zero.
 */
export class InFlightLimit {
  private readonly counts = new Map<string, number>()

  constructor(private readonly limit: number) {}

  tryEnter(key: string): boolean {
    const n = this.counts.get(key) ?? 0
    if (n >= this.limit) return false
    this.counts.set(key, n + 1)
    return true
  }

  leave(key: string): void {
    const n = this.counts.get(key) ?? 0
    if (n <= 1) this.counts.delete(key)
    else this.counts.set(key, n - 1)
  }
}
