import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { SMTPServer } from 'smtp-server'
import { vi } from 'vitest'
import type { Email } from '../../src/modules/email/mailer'

/**
 * Test-only helpers of the mail, password, MFA and log tests (not a test file: vitest picks
 * `*.test.ts` only). A real SMTP server, a mail spy and a log capture.
 */

interface Received { to: string[]; raw: string; text: string }

/** A real SMTP server on a free port; `failNext(n)` makes the next n messages fail with 451. */
export async function startSmtp() {
  const received: Received[] = []
  let failures = 0
  const waiters: Array<() => void> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (c: Buffer) => { raw += c.toString('utf8') })
      stream.on('end', () => {
        if (failures > 0) {
          failures--
          return callback(Object.assign(new Error('Temporary failure, try later'), { responseCode: 451 }))
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQuotedPrintable(raw) })
        waiters.splice(0).forEach((w) => w())
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(n: number) { failures = n },
    /** Waits until `count` messages have arrived. */
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, got ${received.length}`)
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 50) })
      }
      return received
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const decodeQuotedPrintable = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))

/** Replaces delivery with a spy: returns the list the app's emails land in. */
export function captureMail(app: FastifyInstance): Email[] {
  const sent: Email[] = []
  vi.spyOn(app.ctx.mailer, 'send').mockImplementation((email: Email) => { sent.push(email) })
  return sent
}

export const tokenIn = (text: string): string => {
  const m = /token=([A-Za-z0-9_%-]+)/.exec(text)
  if (!m) throw new Error('no token in the email')
  return decodeURIComponent(m[1])
}

/** Waits for the app's background tasks (password-reset lookup, verification mails). */
export const settle = (app: FastifyInstance) => app.ctx.backgroundIdle()

/** A log stream that keeps every line. */
export function logCapture() {
  const lines: string[] = []
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done() } })
  return { stream, lines, text: () => lines.join('') }
}
