import { serviceBusy } from './errors'

/**
 * Admission control for CPU-heavy work (password hashing): at most `concurrency` jobs
 * run, at most `queueLimit` wait, and none waits longer than `timeoutMs`. Past that
 * the caller gets 503 + Retry-After, so a login flood queues briefly and then sheds
 * load instead of starving every other endpoint of CPU.
 */
export class Admission {
  private running = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly concurrency: number, private readonly queueLimit: number, private readonly timeoutMs: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await this.wait()
    else this.running++
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
    if (this.waiting.length >= this.queueLimit) return Promise.reject(serviceBusy(1))
    return new Promise((resolve, reject) => {
      const grant = () => { clearTimeout(timer); resolve() }
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant)
        if (i >= 0) this.waiting.splice(i, 1)
        reject(serviceBusy(Math.max(1, Math.ceil(this.timeoutMs / 1000))))
      }, this.timeoutMs)
      this.waiting.push(grant)
    })
  }
}
