import { and, eq, isNotNull } from 'drizzle-orm'
import { TOTP } from 'otpauth'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, createOrg, makeApp, PASSWORD, promoteToSuperuser, registerUser } from '../../../test/support/helpers'
import { auditEvents, mfaRecoveryCodes, oneTimeTokens, users } from '../../db/schema'
import { captureMail, settle, tokenIn } from '../../../test/support/security-helpers'

const app = await makeApp({ lockoutThreshold: 5 })
const sent = captureMail(app)
const org = await createOrg(app)

// TOTP runs on a controlled clock: only Date is faked, so the database and timers run as usual.
let now = Date.now()
beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }); vi.setSystemTime(now) })
afterEach(() => { vi.useRealTimers() })
/** Moves the clock to the next 30-second TOTP step. */
const nextStep = () => { now = (Math.floor(now / 30_000) + 1) * 30_000 + 1000; vi.setSystemTime(now) }
const codeAt = (secret: string, at = Date.now()) => new TOTP({ secret }).generate({ timestamp: at })

const login = (username: string, password = PASSWORD) => call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password } })
const verify = (body: Record<string, string>) => call(app, 'POST', '/api/v1/auth/mfa/verify/', { body })

/** A user with MFA on: returns the secret and recovery codes too. */
async function mfaUser() {
  const u = await registerUser(app, org)
  const setup = await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })
  expect(setup.status).toBe(200)
  const confirm = await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: u.access, body: { code: codeAt(setup.body.secret) } })
  expect(confirm.status).toBe(200)
  nextStep()
  return { ...u, secret: setup.body.secret as string, recovery: confirm.body.recovery_codes as string[] }
}

describe('TOTP setup', () => {
  it('returns a secret and an otpauth URL, stores the secret encrypted, and is live only once confirmed', async () => {
    const u = await registerUser(app, org)
    const setup = await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(setup.body.otpauth_url).toMatch(/^otpauth:\/\/totp\/CommerceCore:.+\?.*secret=/)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, u.user.id))
    expect(row.totpSecretEncrypted).toMatch(/^v1\./)
    expect(row.totpSecretEncrypted).not.toContain(setup.body.secret)
    expect(row.mfaEnabled).toBe(false)
    expect((await login(u.user.username)).body.access).toBeDefined() // not live yet

    const wrong = await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: u.access, body: { code: '000000' } })
    expect(wrong.status).toBe(400)
    const ok = await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: u.access, body: { code: codeAt(setup.body.secret) } })
    expect(ok.status).toBe(200)
    expect(ok.body.recovery_codes).toHaveLength(10)
    expect(new Set(ok.body.recovery_codes).size).toBe(10)
    const stored = await app.ctx.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.user.id))
    expect(stored).toHaveLength(10)
    for (const code of ok.body.recovery_codes) expect(stored.some((s) => s.codeHash.includes(code))).toBe(false)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: u.access })).body.mfa_enabled).toBe(true)
    expect(sent.some((m) => m.to === u.user.email && m.subject === 'Two-factor authentication is on')).toBe(true)
    const again = await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })
    expect(again.status).toBe(409)
  })

  it('needs authentication', async () => {
    expect((await call(app, 'POST', '/api/v1/auth/mfa/totp/')).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { body: { code: '123456' } })).status).toBe(401)
  })
})

describe('two-step login', () => {
  it('answers mfa_required, then gives tokens for a valid code; the mfa_token is single-use', async () => {
    const u = await mfaUser()
    const first = await login(u.user.username)
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ mfa_required: true, mfa_token: expect.any(String) })
    const [tokenRow] = await app.ctx.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, u.user.id)).then((rows) => rows.filter((r) => r.purpose === 'mfa'))
    expect(tokenRow.tokenHash).not.toBe(first.body.mfa_token)
    const done = await verify({ mfa_token: first.body.mfa_token, code: codeAt(u.secret) })
    expect(done.status).toBe(200)
    expect(done.body.user.id).toBe(u.user.id)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: done.body.access })).status).toBe(200)
    nextStep()
    expect((await verify({ mfa_token: first.body.mfa_token, code: codeAt(u.secret) })).status).toBe(401)
  })

  it('rejects a wrong code, and the same code twice within its window', async () => {
    const u = await mfaUser()
    const a = await login(u.user.username)
    const wrong = await verify({ mfa_token: a.body.mfa_token, code: '000000' === codeAt(u.secret) ? '111111' : '000000' })
    expect(wrong.status).toBe(401)
    expect(wrong.body.code).toBe('mfa_code_not_valid')
    const code = codeAt(u.secret)
    expect((await verify({ mfa_token: a.body.mfa_token, code })).status).toBe(200)
    const b = await login(u.user.username)
    const replay = await verify({ mfa_token: b.body.mfa_token, code })
    expect(replay.status).toBe(401)
    // The previous step's code is still inside the window but was not used: accepted.
    nextStep()
    expect((await verify({ mfa_token: b.body.mfa_token, code: codeAt(u.secret) })).status).toBe(200)
  })

  it('accepts codes of the neighbouring time steps only (clock drift of ±30 s)', async () => {
    const u = await mfaUser()
    const t = Date.now()
    const a = await login(u.user.username)
    expect((await verify({ mfa_token: a.body.mfa_token, code: codeAt(u.secret, t - 90_000) })).status).toBe(401)
    expect((await verify({ mfa_token: a.body.mfa_token, code: codeAt(u.secret, t + 30_000) })).status).toBe(200)
  })

  it('accepts each recovery code once, and mails the user', async () => {
    const u = await mfaUser()
    const a = await login(u.user.username)
    expect((await verify({ mfa_token: a.body.mfa_token, recovery_code: u.recovery[0].toUpperCase() })).status).toBe(200)
    const b = await login(u.user.username)
    expect((await verify({ mfa_token: b.body.mfa_token, recovery_code: u.recovery[0] })).status).toBe(401)
    expect((await verify({ mfa_token: b.body.mfa_token, recovery_code: u.recovery[1] })).status).toBe(200)
    expect(sent.some((m) => m.to === u.user.email && m.subject === 'A recovery code was used to sign in')).toBe(true)
    const events = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, u.user.id))
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['mfa.enabled', 'mfa.recovery_code_used', 'login.failed']))
  })

  it('keeps a recovery code unspent when its MFA token was already used (the code, token and event go together)', async () => {
    const u = await mfaUser()
    const a = await login(u.user.username)
    expect((await verify({ mfa_token: a.body.mfa_token, code: codeAt(u.secret) })).status).toBe(200)
    expect((await verify({ mfa_token: a.body.mfa_token, recovery_code: u.recovery[0] })).status).toBe(401)
    const spent = await app.ctx.db.select().from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.userId, u.user.id), isNotNull(mfaRecoveryCodes.usedAt)))
    expect(spent).toHaveLength(0)
    nextStep()
    const b = await login(u.user.username)
    expect((await verify({ mfa_token: b.body.mfa_token, recovery_code: u.recovery[0] })).status).toBe(200)
  })

  it('throttles code guesses like passwords: locked after LOCKOUT_THRESHOLD wrong codes', async () => {
    const u = await mfaUser()
    const a = await login(u.user.username)
    const good = codeAt(u.secret)
    const bad = good === '123456' ? '654321' : '123456'
    for (let i = 0; i < 5; i++) expect((await verify({ mfa_token: a.body.mfa_token, code: bad })).status).toBe(401)
    const locked = await verify({ mfa_token: a.body.mfa_token, code: good })
    expect(locked.status).toBe(429)
    expect(locked.headers['retry-after']).toBe('60')
    expect((await login(u.user.username)).status).toBe(429) // the same account lockout as the password
  })

  it('rejects a bad mfa_token and a body with neither code nor recovery code', async () => {
    expect((await verify({ mfa_token: 'nope', code: '123456' })).status).toBe(401)
    const missing = await verify({ mfa_token: 'nope' })
    expect(missing.status).toBe(400)
  })
})

describe('MFA and the DRF token endpoint', () => {
  it('refuses /auth/token/ for an MFA user with a clear 403, only after the right password', async () => {
    const u = await mfaUser()
    const wrong = await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: u.user.username, password: 'wrong password here 1' } })
    expect(wrong.status).toBe(401)
    const res = await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('mfa_required')
  })
})

describe('DELETE /api/v1/auth/mfa/totp/', () => {
  it('needs a current code, a recovery code or the password, and notifies the user', async () => {
    const u = await mfaUser()
    const noProof = await call(app, 'DELETE', '/api/v1/auth/mfa/totp/', { token: u.access, body: {} })
    expect(noProof.status).toBe(400)
    const badPassword = await call(app, 'DELETE', '/api/v1/auth/mfa/totp/', { token: u.access, body: { password: 'not my password 123' } })
    expect(badPassword.status).toBe(400)
    const ok = await call(app, 'DELETE', '/api/v1/auth/mfa/totp/', { token: u.access, body: { code: codeAt(u.secret) } })
    expect(ok.status).toBe(204)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, u.user.id))
    expect(row).toMatchObject({ mfaEnabled: false, totpSecretEncrypted: null })
    expect(await app.ctx.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.user.id))).toHaveLength(0)
    expect((await login(u.user.username)).body.access).toBeDefined()
    expect(sent.some((m) => m.to === u.user.email && m.subject === 'Two-factor authentication was turned off')).toBe(true)
    expect((await call(app, 'DELETE', '/api/v1/auth/mfa/totp/', { token: u.access })).status).toBe(409)
  })

  it('accepts the password as proof', async () => {
    const u = await mfaUser()
    expect((await call(app, 'DELETE', '/api/v1/auth/mfa/totp/', { token: u.access, body: { password: PASSWORD } })).status).toBe(204)
  })
})

describe('cached GET /auth/me/', () => {
  it('shows the write of a TOTP setup at once', async () => {
    const u = await registerUser(app, org)
    await call(app, 'GET', '/api/v1/auth/me/', { token: u.access })
    vi.setSystemTime(Date.now() + 1000)
    expect((await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })).status).toBe(200)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, u.user.id))
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: u.access })).body.updated_at).toBe(row.updatedAt.toISOString())
  })
})

describe('pending sign-ins and a new password', () => {
  it('a password change kills mfa_tokens issued for the old password', async () => {
    const u = await mfaUser()
    const pending = await login(u.user.username)
    expect(pending.body.mfa_required).toBe(true)
    const NEW = 'another long passphrase 99'
    expect((await call(app, 'POST', '/api/v1/auth/password/change/', { token: u.access, body: { old_password: PASSWORD, new_password: NEW } })).status).toBe(204)
    expect((await verify({ mfa_token: pending.body.mfa_token, code: codeAt(u.secret) })).status).toBe(401)
  })

  it('a password reset kills the setup token a superuser got with the old password', async () => {
    const strictApp = await makeApp({ requireMfaForSuperusers: true })
    const mails = captureMail(strictApp)
    const u = await registerUser(strictApp, org)
    await promoteToSuperuser(strictApp, u.user.id)
    const stolen = await call(strictApp, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    expect(stolen.body.code).toBe('mfa_setup_required')
    await call(strictApp, 'POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email: u.user.email } })
    await settle(strictApp)
    const token = tokenIn(mails.filter((m) => m.subject === 'Reset your password').at(-1)!.text)
    expect((await call(strictApp, 'POST', '/api/v1/auth/password/reset/', { body: { token, new_password: 'another long passphrase 99' } })).status).toBe(204)
    expect((await call(strictApp, 'POST', '/api/v1/auth/mfa/totp/', { body: { mfa_token: stolen.body.mfa_token } })).status).toBe(401)
  })
})

describe('REQUIRE_MFA_FOR_SUPERUSERS', () => {
  it('makes a superuser without MFA enrol before signing in, through the setup token of the 403', async () => {
    const strictApp = await makeApp({ requireMfaForSuperusers: true })
    const u = await registerUser(strictApp, org)
    await promoteToSuperuser(strictApp, u.user.id)
    const res = await call(strictApp, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ code: 'mfa_setup_required', mfa_token: expect.any(String) })
    const dr = await call(strictApp, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    expect(dr.body.code).toBe('mfa_setup_required')
    // The setup token can start and confirm enrolment, and nothing else.
    expect((await call(strictApp, 'GET', '/api/v1/auth/me/', { token: res.body.mfa_token })).status).toBe(401)
    const setup = await call(strictApp, 'POST', '/api/v1/auth/mfa/totp/', { body: { mfa_token: res.body.mfa_token } })
    expect(setup.status).toBe(200)
    const confirm = await call(strictApp, 'POST', '/api/v1/auth/mfa/totp/confirm/', { body: { mfa_token: res.body.mfa_token, code: codeAt(setup.body.secret) } })
    expect(confirm.status).toBe(200)
    expect(confirm.body.recovery_codes).toHaveLength(10)
    expect((await call(strictApp, 'GET', '/api/v1/auth/me/', { token: confirm.body.access })).body.mfa_enabled).toBe(true)
    // Used up.
    expect((await call(strictApp, 'POST', '/api/v1/auth/mfa/totp/', { body: { mfa_token: res.body.mfa_token } })).status).toBe(401)
    nextStep()
    const next = await call(strictApp, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    expect(next.body.mfa_required).toBe(true)
  })
})
