import { createRequire } from 'node:module'
import type { Transporter } from 'nodemailer'
import type { FastifyBaseLogger } from 'fastify'
import type { MailerEvents } from '../../lib/metrics'

export interface Email { to: string; subject: string; text: string; html: string }

export interface MailerOptions {
  /** `smtp://user:pass@host:port`; absent: nothing is sent (a warn line names recipient and subject). */
  smtpUrl?: string
  from: string
  maxAttempts: number
  /** First retry delay; doubles on each further attempt. */
  retryDelayMs: number
  log: FastifyBaseLogger
  /** Delivery results (metrics). */
  events?: MailerEvents
}

/**
 * Outgoing mail, off the request path. `send` never throws and never waits for the SMTP
 * server: a slow or failing server cannot fail (or slow down) the request that triggered
 * the mail. Failures are retried with exponential backoff; each failure is logged at warn
 * level, the final give-up at error level. Log lines carry the recipient's domain and the
 * subject only — never the body, which may hold a single-use link. Without SMTP_URL each
 * message is dropped with a warn line (recipient and subject, again never the body).
 */
export class Mailer {
  private readonly transport: Transporter | null
  private readonly pending = new Set<Promise<void>>()
  /** Retry waits in progress: on close each is cut short, so the give-up is logged, not lost. */
  private readonly waits = new Map<NodeJS.Timeout, () => void>()
  private closed = false

  constructor(private readonly opts: MailerOptions) {
    // Loaded only with an SMTP server configured (~15 MiB otherwise held for nothing).
    this.transport = opts.smtpUrl ? (createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer')).createTransport(opts.smtpUrl) : null
  }

  /** Queues a message; returns at once. */
  send(email: Email): void {
    const job = this.deliver(email).finally(() => this.pending.delete(job))
    this.pending.add(job)
  }

  /** Resolves when every queued message was delivered or given up (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled(this.pending)
  }

  /**
   * Stops retrying; messages still waiting for a retry are logged as given up. A delivery
   * in progress gets `waitMs` to finish: an SMTP server that accepts but never answers
   * must not hold shutdown for nodemailer's own minutes-long timeouts.
   */
  async close(waitMs = 3000): Promise<void> {
    this.closed = true
    for (const [t, wake] of this.waits) { clearTimeout(t); wake() }
    let timer: NodeJS.Timeout | undefined
    const finished = await Promise.race([
      this.idle().then(() => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), waitMs) }),
    ])
    clearTimeout(timer)
    if (!finished) this.opts.log.error({ emails: this.pending.size }, 'email delivery still in progress at shutdown; abandoned')
    this.transport?.close()
  }

  private async deliver(email: Email): Promise<void> {
    const meta = { to_domain: email.to.split('@')[1] ?? '', subject: email.subject }
    if (!this.transport) {
      // No SMTP_URL: the mail is dropped. Never its body: its link carries a live
      // single-use token, and logs are read by more people than mailboxes.
      this.opts.log.warn({ to: email.to, subject: email.subject }, 'email not sent: SMTP_URL is not set')
      this.opts.events?.unsent()
      return
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transport.sendMail({ from: this.opts.from, to: email.to, subject: email.subject, text: email.text, html: email.html })
        if (attempt > 1) this.opts.log.info({ ...meta, attempt }, 'email delivered after retry')
        this.opts.events?.sent()
        return
      } catch (err) {
        const reason = (err as Error).message?.split('\n')[0] ?? String(err)
        if (attempt >= this.opts.maxAttempts || this.closed) {
          this.opts.log.error({ ...meta, attempts: attempt, reason }, 'email delivery failed; giving up')
          this.opts.events?.failed()
          return
        }
        const delay = this.opts.retryDelayMs * 2 ** (attempt - 1)
        this.opts.log.warn({ ...meta, attempt, reason, retry_in_ms: delay }, 'email delivery failed; will retry')
        this.opts.events?.retried()
        await this.sleep(delay)
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => { this.waits.delete(t); resolve() }
      const t = setTimeout(wake, ms)
      this.waits.set(t, wake)
    })
  }
}
