import { afterAll, describe, expect, it, vi } from 'vitest'
import { call, createOrg, registerUser, testConfig } from '../../../test/support/helpers'
import { buildApp } from '../../app'
import { logCapture, settle, startSmtp, tokenIn } from '../../../test/support/security-helpers'

const smtp = await startSmtp()
const logs = logCapture()
const app = await buildApp(testConfig({ smtpUrl: smtp.url, emailRetryDelayMs: 20, emailMaxAttempts: 3, logLevel: 'info', publicUrl: 'https://shop.example.test' }), { migrate: false, logStream: logs.stream })
afterAll(async () => { await app.close(); await smtp.close() })
const org = await createOrg(app)

const forgot = (email: string) => call(app, 'POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email } })
const resetMailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email) && m.raw.includes('Reset your password'))

describe('email over SMTP', () => {
  it('delivers the reset mail (text and HTML) through a real SMTP server, with a PUBLIC_URL link that resets', async () => {
    const { user } = await registerUser(app, org)
    expect((await forgot(user.email)).status).toBe(202)
    await settle(app)
    await app.ctx.mailer.idle()
    const [mail] = resetMailsTo(user.email)
    expect(mail.raw).toMatch(/From: CommerceCore <no-reply@localhost>/)
    expect(mail.raw).toContain('text/plain')
    expect(mail.raw).toContain('text/html')
    expect(mail.text).toContain('https://shop.example.test/reset-password?token=')
    const token = tokenIn(mail.text)
    const reset = await call(app, 'POST', '/api/v1/auth/password/reset/', { body: { token, new_password: 'mailed passphrase works 9' } })
    expect(reset.status).toBe(204)
    await app.ctx.mailer.idle()
    expect(smtp.received.some((m) => m.to.includes(user.email) && m.raw.includes('Your password was reset'))).toBe(true)
  })

  it('retries a failing server with backoff and logs each failure without the token', async () => {
    const { user } = await registerUser(app, org)
    await settle(app)
    await app.ctx.mailer.idle()
    smtp.failNext(2)
    expect((await forgot(user.email)).status).toBe(202)
    await settle(app)
    await app.ctx.mailer.idle()
    const [mail] = resetMailsTo(user.email)
    const token = tokenIn(mail.text)
    const text = logs.text()
    expect(text).toContain('email delivery failed; will retry')
    expect(text).toContain('email delivered after retry')
    expect(text.includes(token)).toBe(false)
  })

  it('never fails the request when the server is down, and logs the give-up at error level', async () => {
    const { user } = await registerUser(app, org)
    await settle(app)
    await app.ctx.mailer.idle()
    smtp.failNext(3)
    const res = await forgot(user.email)
    expect(res.status).toBe(202)
    await settle(app)
    await app.ctx.mailer.idle()
    expect(resetMailsTo(user.email)).toHaveLength(0)
    const giveUp = logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'email delivery failed; giving up')
    expect(giveUp).toMatchObject({ level: 50, attempts: 3, subject: 'Reset your password', to_domain: 'example.com' })
  })
})

describe('without SMTP_URL', () => {
  it('drops the email with a warn line (recipient, subject), never its body or link, and the request still succeeds', async () => {
    const devLogs = logCapture()
    const dev = await buildApp(testConfig({ logLevel: 'info' }), { migrate: false, logStream: devLogs.stream })
    try {
      const mails: string[] = []
      const send = dev.ctx.mailer.send.bind(dev.ctx.mailer)
      vi.spyOn(dev.ctx.mailer, 'send').mockImplementation((mail) => { mails.push(mail.text); send(mail) })
      const devOrg = await createOrg(dev)
      const { user } = await registerUser(dev, devOrg)
      await settle(dev)
      await dev.ctx.mailer.idle()
      const line = devLogs.lines.map((l) => JSON.parse(l)).find((l) => l.to === user.email)
      expect(line).toMatchObject({ level: 40, msg: 'email not sent: SMTP_URL is not set', subject: 'Confirm your email address' })
      const token = tokenIn(mails[0])
      expect(devLogs.text().includes(token)).toBe(false)
      expect(devLogs.text()).not.toContain('verify-email')
    } finally {
      await dev.close()
    }
  })
})
