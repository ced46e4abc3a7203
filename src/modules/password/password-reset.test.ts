import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { auditEvents, oneTimeTokens, users } from '../../db/schema'
import { organizations } from '../../db/schema'
import { captureMail, settle, tokenIn } from '../../../test/support/security-helpers'

const app = await makeApp({ publicUrl: 'https://auth.example.test' })
const sent = captureMail(app)
const org = await createOrg(app)
const NEW_PASSWORD = 'a brand new passphrase 42'

const forgot = (email: string, o = org) => call(app, 'POST', '/api/v1/auth/password/forgot/', { org: o.slug, body: { email } })
const reset = (token: string, new_password = NEW_PASSWORD) => call(app, 'POST', '/api/v1/auth/password/reset/', { body: { token, new_password } })
const mailTo = (email: string) => sent.filter((m) => m.to.toLowerCase() === email.toLowerCase())
const login = (username: string, password: string, o = org) => call(app, 'POST', '/api/v1/auth/login/', { org: o.slug, body: { username, password } })

async function requestReset(email: string) {
  const res = await forgot(email)
  await settle(app)
  const mails = mailTo(email).filter((m) => m.subject === 'Reset your password')
  return { res, token: mails.length ? tokenIn(mails[mails.length - 1].text) : undefined, mail: mails[mails.length - 1] }
}

describe('POST /api/v1/auth/password/forgot/', () => {
  it('answers 202 with the same body for known and unknown emails, and mails only the known one', async () => {
    const { user } = await registerUser(app, org)
    const known = await requestReset(user.email.toUpperCase())
    const unknown = await forgot('nobody-at-all@example.com')
    expect(known.res.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(unknown.body).toEqual(known.res.body)
    expect(known.mail.to).toBe(user.email)
    expect(known.mail.text).toContain('https://auth.example.test/reset-password?token=')
    expect(known.mail.html).toContain('https://auth.example.test/reset-password?token=')
    expect(mailTo('nobody-at-all@example.com')).toHaveLength(0)
  })

  it('takes about the same time for known and unknown emails', async () => {
    const { user } = await registerUser(app, org)
    // Background work of one request is let finish before the next is timed, so it cannot blur the comparison.
    const time = async (email: string) => { const t = process.hrtime.bigint(); await forgot(email); const ms = Number(process.hrtime.bigint() - t) / 1e6; await settle(app); return ms }
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 15; i++) {
      known.push(await time(user.email))
      unknown.push(await time(`ghost-${i}@example.com`))
    }
    await settle(app)
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    // The lookup happens after the response, so both are request-parsing cost only (a few ms).
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(5)
  })

  it('stores the token hashed; a newer token kills the older one', async () => {
    const { user } = await registerUser(app, org)
    const first = await requestReset(user.email)
    const second = await requestReset(user.email)
    expect(first.token).not.toBe(second.token)
    const rows = await app.ctx.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id))
    for (const r of rows) {
      expect(r.tokenHash).not.toBe(first.token)
      expect(r.tokenHash).not.toBe(second.token)
    }
    expect(rows.filter((r) => r.purpose === 'password_reset')).toHaveLength(1)
    expect((await reset(first.token as string)).status).toBe(400)
    expect((await reset(second.token as string)).status).toBe(204)
  })

  it('is 404 for an unknown organization and 400 for a malformed email', async () => {
    expect((await forgot('x@example.com', { slug: 'no-such-org-here' } as typeof org)).status).toBe(404)
    expect((await forgot('not-an-email')).status).toBe(400)
  })
})

describe('POST /api/v1/auth/password/reset/', () => {
  it('sets the password, ends every session, and notifies the user', async () => {
    const { user, access, refresh } = await registerUser(app, org)
    const { token } = await requestReset(user.email)
    expect((await reset(token as string)).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh } })).status).toBe(401)
    expect((await login(user.username, PASSWORD)).status).toBe(401)
    expect((await login(user.username, NEW_PASSWORD)).status).toBe(200)
    expect(mailTo(user.email).map((m) => m.subject)).toContain('Your password was reset')
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
    expect(row.emailVerified).toBe(true)
  })

  it('revokes every personal access token of the user, and the mail says so', async () => {
    const { user, access } = await registerUser(app, org)
    const pats = await Promise.all(['cli', 'ci'].map(async (name) => (await call(app, 'POST', '/api/v1/auth/tokens/', { token: access, body: { name } })).body.key as string))
    const other = await registerUser(app, org)
    const bystander = (await call(app, 'POST', '/api/v1/auth/tokens/', { token: other.access, body: { name: 'cli' } })).body.key as string
    // Used once first, so the principal is cached: revocation must drop it, not just the database row.
    for (const key of [...pats, bystander]) expect((await call(app, 'GET', '/api/v1/auth/me/', { token: key })).status).toBe(200)
    const { token } = await requestReset(user.email)
    expect((await reset(token as string)).status).toBe(204)
    for (const key of pats) expect((await call(app, 'GET', '/api/v1/auth/me/', { token: key })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: bystander })).status).toBe(200)
    const mail = mailTo(user.email).find((m) => m.subject === 'Your password was reset')
    expect(mail?.text).toContain('every personal access token revoked')
    const [event] = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'password.reset')))
    expect(event.metadata).toMatchObject({ sessions_ended: 1, keys_revoked: 2 })
  })

  it('is single-use, applies the password policy, and rejects garbage tokens', async () => {
    const { user } = await registerUser(app, org)
    const { token } = await requestReset(user.email)
    const weak = await reset(token as string, 'password1234')
    expect(weak.status).toBe(400)
    expect(weak.body.new_password).toContain('This password is too common.')
    expect((await reset(token as string)).status).toBe(204)
    const again = await reset(token as string, 'yet another passphrase 43')
    expect(again.status).toBe(400)
    expect(again.body).toEqual({ token: ['Invalid or expired token.'] })
    expect((await reset('garbage')).status).toBe(400)
  })

  it('accepts exactly one of two parallel resets with the same token', async () => {
    const { user } = await registerUser(app, org)
    const { token } = await requestReset(user.email)
    const results = await Promise.all([reset(token as string, 'parallel passphrase one 1'), reset(token as string, 'parallel passphrase two 2')])
    expect(results.map((r) => r.status).sort()).toEqual([204, 400])
  })

  it('does not work once expired (30 minutes)', async () => {
    const { user } = await registerUser(app, org)
    const { token } = await requestReset(user.email)
    await app.ctx.db.update(oneTimeTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeTokens.userId, user.id))
    expect((await reset(token as string)).status).toBe(400)
  })

  it('writes audit events', async () => {
    const { user } = await registerUser(app, org)
    const { token } = await requestReset(user.email)
    await reset(token as string)
    const { auditEvents } = await import('../../db/schema')
    const events = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id))
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset']))
  })
})

describe('email verification', () => {
  it('register mails a verification link; verify marks the email verified, once', async () => {
    const { user } = await registerUser(app, org)
    await settle(app)
    const mail = mailTo(user.email).find((m) => m.subject === 'Confirm your email address')
    expect(mail?.text).toContain('https://auth.example.test/verify-email?token=')
    const token = tokenIn(mail?.text as string)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token } })).status).toBe(204)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token } })).status).toBe(400)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
    expect(row.emailVerified).toBe(true)
  })

  it('an organization requiring verification blocks sign-in until verified, after the password only', async () => {
    const strict = await createOrg(app)
    await app.ctx.db.update(organizations).set({ requireEmailVerification: true }).where(eq(organizations.id, strict.id))
    const username = `strict${Date.now()}`
    const email = `${username}@example.com`
    const reg = await call(app, 'POST', '/api/v1/auth/register/', { org: strict.slug, body: { username, email, password: PASSWORD } })
    expect(reg.status).toBe(201)
    expect(reg.body).toMatchObject({ email_verification_required: true, user: { username, email_verified: false } })
    expect(reg.body.access).toBeUndefined()
    const wrong = await login(username, 'not the password at all', strict)
    expect(wrong.body.code).toBe('no_active_account')
    const unverified = await login(username, PASSWORD, strict)
    expect(unverified.status).toBe(401)
    expect(unverified.body).toEqual({ detail: 'Email address is not verified.', code: 'email_not_verified' })
    const dr = await call(app, 'POST', '/api/v1/auth/token/', { org: strict.slug, body: { username, password: PASSWORD } })
    expect(dr.body.code).toBe('email_not_verified')
    await settle(app)
    const token = tokenIn(mailTo(email).find((m) => m.subject === 'Confirm your email address')?.text as string)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token } })).status).toBe(204)
    expect((await login(username, PASSWORD, strict)).status).toBe(200)
  })

  it('resend needs authentication, issues a new link that kills the old one, and refuses when verified', async () => {
    expect((await call(app, 'POST', '/api/v1/auth/email/resend/')).status).toBe(401)
    const { user, access } = await registerUser(app, org)
    await settle(app)
    const first = tokenIn(mailTo(user.email).find((m) => m.subject === 'Confirm your email address')?.text as string)
    expect((await call(app, 'POST', '/api/v1/auth/email/resend/', { token: access })).status).toBe(202)
    const mails = mailTo(user.email).filter((m) => m.subject === 'Confirm your email address')
    expect(mails).toHaveLength(2)
    const second = tokenIn(mails[1].text)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token: first } })).status).toBe(400)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token: second } })).status).toBe(204)
    const again = await call(app, 'POST', '/api/v1/auth/email/resend/', { token: access })
    expect(again.status).toBe(400)
    expect(again.body.non_field_errors).toEqual(['Email address is already verified.'])
  })
})
