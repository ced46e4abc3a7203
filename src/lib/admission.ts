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

  get load() { return { running: this.running, waiting: this.waiting.length } }

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
