import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { users } from '../../db/schema'
import { rotateSigningKeys } from '../signing-keys/signing-keys.service'
import { insertUser } from '../users/users.repository'
import { call, createOrg, makeApp, PASSWORD, registerUser, testConfig } from '../../../test/support/helpers'
import { tags } from '../../lib/cache-tags'

const app = await makeApp({ refreshReuseGraceSeconds: 0 })
const org = await createOrg(app)
const refreshUrl = '/api/v1/auth/token/refresh/'

describe('/api/v1/auth/me/', () => {
  it('PATCH changes some fields, PUT replaces them, a taken username is a field error', async () => {
    const { access } = await registerUser(app, org, { first_name: 'Old', phone_number: '+44 1234' })
    const other = await registerUser(app, org)
    const patch = await call(app, 'PATCH', '/api/v1/auth/me/', { token: access, body: { first_name: 'New' } })
    expect(patch.status).toBe(200)
    expect(patch.body).toMatchObject({ first_name: 'New', phone_number: '+44 1234' })
    const put = await call(app, 'PUT', '/api/v1/auth/me/', { token: access, body: { username: patch.body.username, email: patch.body.email } })
    expect(put.body).toMatchObject({ first_name: '', phone_number: '' })
    const clash = await call(app, 'PATCH', '/api/v1/auth/me/', { token: access, body: { username: other.user.username.toUpperCase() } })
    expect(clash.status).toBe(400)
    expect(clash.body).toEqual({ username: ['A user with that username already exists.'] })
    const sneaky = await call(app, 'PATCH', '/api/v1/auth/me/', { token: access, body: { is_superuser: true } })
    expect(sneaky.status).toBe(400)
  })

  it('DELETE soft-deletes the account and kills its tokens at once', async () => {
    const { access, refresh, user } = await registerUser(app, org)
    expect((await call(app, 'DELETE', '/api/v1/auth/me/', { token: access })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).status).toBe(401)
    expect((await call(app, 'POST', refreshUrl, { body: { refresh } })).status).toBe(401)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
    expect(row.deletedAt).not.toBeNull()
    // The username is free again for a new live account.
    const again = await call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username: user.username, email: user.email, password: PASSWORD } })
    expect(again.status).toBe(201)
  })
})

describe('POST /api/v1/auth/password/change/', () => {
  it('needs the old password, applies the policy, and ends the other sessions only', async () => {
    const a = await registerUser(app, org)
    const other = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: a.user.username, password: PASSWORD } })
    const wrong = await call(app, 'POST', '/api/v1/auth/password/change/', { token: a.access, body: { old_password: 'nope nope nope', new_password: 'brand new passphrase 9' } })
    expect(wrong.status).toBe(400)
    expect(wrong.body.old_password).toBeDefined()
    const weak = await call(app, 'POST', '/api/v1/auth/password/change/', { token: a.access, body: { old_password: PASSWORD, new_password: '1234567890123' } })
    expect(weak.body.new_password).toContain('This password is entirely numeric.')
    const ok = await call(app, 'POST', '/api/v1/auth/password/change/', { token: a.access, body: { old_password: PASSWORD, new_password: 'brand new passphrase 9' } })
    expect(ok.status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: a.access })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: other.body.access })).status).toBe(401)
    expect((await call(app, 'POST', refreshUrl, { body: { refresh: other.body.refresh } })).status).toBe(401)
    const relogin = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: a.user.username, password: 'brand new passphrase 9' } })
    expect(relogin.status).toBe(200)
  })
})

describe('logout', () => {
  it('logout/all ends every session of the user', async () => {
    const a = await registerUser(app, org)
    const second = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: a.user.username, password: PASSWORD } })
    expect((await call(app, 'POST', '/api/v1/auth/logout/all/', { token: a.access })).status).toBe(204)
    for (const token of [a.access, second.body.access]) expect((await call(app, 'GET', '/api/v1/auth/me/', { token })).status).toBe(401)
    expect((await call(app, 'POST', refreshUrl, { body: { refresh: second.body.refresh } })).status).toBe(401)
  })

  it("cannot end another user's session", async () => {
    const a = await registerUser(app, org)
    const b = await registerUser(app, org)
    expect((await call(app, 'POST', '/api/v1/auth/logout/', { token: a.access, body: { refresh: b.refresh } })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: b.access })).status).toBe(200)
  })
})

describe('POST /api/v1/auth/token/verify/', () => {
  it('accepts live access and refresh tokens, rejects revoked ones', async () => {
    const a = await registerUser(app, org)
    const verify = (token: string) => call(app, 'POST', '/api/v1/auth/token/verify/', { body: { token } })
    expect((await verify(a.access)).body).toEqual({})
    expect((await verify(a.refresh)).status).toBe(200)
    await call(app, 'POST', '/api/v1/auth/logout/', { token: a.access, body: { refresh: a.refresh } })
    expect((await verify(a.access)).status).toBe(401)
    expect((await verify(a.refresh)).status).toBe(401)
    expect((await verify('garbage')).status).toBe(401)
  })
})

describe('refresh rotation under concurrency', () => {
  it('lets exactly one of two simultaneous refreshes win and treats the other as reuse', async () => {
    const a = await registerUser(app, org)
    const results = await Promise.all([0, 1].map(() => call(app, 'POST', refreshUrl, { body: { refresh: a.refresh } })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 401])
  })

  it('with a grace window, a retry of the same refresh gets the same new refresh token', async () => {
    const graceful = await buildApp(testConfig({ refreshReuseGraceSeconds: 30 }), { migrate: false, logger: false })
    try {
      const a = await registerUser(graceful, org)
      const first = await call(graceful, 'POST', refreshUrl, { body: { refresh: a.refresh } })
      const retry = await call(graceful, 'POST', refreshUrl, { body: { refresh: a.refresh } })
      expect(retry.status).toBe(200)
      expect(retry.body.refresh).toBe(first.body.refresh)
      // Once the successor is used, the old token is plain reuse again.
      expect((await call(graceful, 'POST', refreshUrl, { body: { refresh: first.body.refresh } })).status).toBe(200)
      expect((await call(graceful, 'POST', refreshUrl, { body: { refresh: a.refresh } })).status).toBe(401)
    } finally {
      await graceful.close()
    }
  })
})

describe('deactivation', () => {
  it('stops access tokens, refresh tokens and keys on the next request', async () => {
    const a = await registerUser(app, org)
    const pat = await call(app, 'POST', '/api/v1/auth/tokens/', { token: a.access, body: { name: 'x' } })
    await app.ctx.db.update(users).set({ isActive: false }).where(eq(users.id, a.user.id))
    await app.ctx.invalidate([tags.user(a.user.id)])
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: a.access })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { headers: { authorization: `Token ${pat.body.key}` } })).status).toBe(401)
    expect((await call(app, 'POST', refreshUrl, { body: { refresh: a.refresh } })).status).toBe(401)
  })
})

describe('signing key rotation', () => {
  it('signs new tokens with the new key while old tokens keep verifying', async () => {
    const a = await registerUser(app, org)
    const oldKid = JSON.parse(Buffer.from(a.access.split('.')[0], 'base64url').toString()).kid
    const { kid: newKid } = await rotateSigningKeys(app.ctx.db, app.ctx.secrets, { algorithm: 'ES256', activateInMs: 0, revokeOthers: false })
    await app.ctx.keys.load()
    const b = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: a.user.username, password: PASSWORD } })
    expect(JSON.parse(Buffer.from(b.body.access.split('.')[0], 'base64url').toString()).kid).toBe(newKid)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: a.access })).status).toBe(200)
    const kids = (await call(app, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid)
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]))
  })
})

describe('Django password hashes', () => {
  it('verify pbkdf2_sha256 and pbkdf2_sha1 and are re-hashed to argon2id on login', async () => {
    const fixtures = [
      { username: 'alice', password: 'Correct-Horse-Battery-1', hash: 'pbkdf2_sha256$260000$9ULMtAEjYcTDa1yWkUVBtw$UyvgXvRZKBb5AhX8GldYozVdW7RzB7mChqF83Z7plUE=' },
      { username: 'carol', password: 'Purple-Monkey-Dishwasher-9', hash: 'pbkdf2_sha1$260000$djigkkOyKkjMv12tRocuWU$K3s5/AWaiVEy6+6gkFu8gqOVZa0=' },
    ]
    for (const f of fixtures) {
      const user = await insertUser(app.ctx.db, org.id, { username: f.username, email: `${f.username}@example.com`, passwordHash: f.hash })
      const wrong = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: f.username, password: 'wrong-password-here' } })
      expect(wrong.status).toBe(401)
      const res = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: f.username, password: f.password } })
      expect(res.status).toBe(200)
      const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
      expect(row.passwordHash).toMatch(/^\$argon2id\$/)
      expect((await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: f.username, password: f.password } })).status).toBe(200)
    }
  })

  it('a re-hash at /auth/token/ shows in the cached GET /auth/me/ at once', async () => {
    const { access, user } = await registerUser(app, org)
    const password = 'Correct-Horse-Battery-1'
    await app.ctx.db.update(users).set({ passwordHash: 'pbkdf2_sha256$260000$9ULMtAEjYcTDa1yWkUVBtw$UyvgXvRZKBb5AhX8GldYozVdW7RzB7mChqF83Z7plUE=' }).where(eq(users.id, user.id))
    await app.ctx.invalidate([tags.user(user.id)])
    const before = (await call(app, 'GET', '/api/v1/auth/me/', { token: access })).body.updated_at
    await new Promise((r) => setTimeout(r, 5))
    expect((await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: user.username, password } })).status).toBe(200)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    expect(row.updatedAt.toISOString()).not.toBe(before)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).body.updated_at).toBe(row.updatedAt.toISOString())
  })
})

describe('registration', () => {
  it('is refused when the organization closed it', async () => {
    const closed = await createOrg(app, { allowRegistration: false })
    const res = await call(app, 'POST', '/api/v1/auth/register/', { org: closed.slug, body: { username: 'zed', email: 'zed@example.com', password: PASSWORD } })
    expect(res.status).toBe(403)
  })

  it('rejects a password too similar to the username or email', async () => {
    const res = await call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username: 'margaretthatcher', email: 'mt@example.com', password: 'margaretthatcher1' } })
    expect(res.status).toBe(400)
    expect(res.body.password).toContain('The password is too similar to the username.')
  })

  it('keeps users of different organizations apart: same username, separate accounts', async () => {
    const other = await createOrg(app)
    const a = await registerUser(app, org)
    const b = await registerUser(app, other, { username: a.user.username, email: a.user.email })
    expect(b.user.id).not.toBe(a.user.id)
    const wrongOrg = await call(app, 'POST', '/api/v1/auth/login/', { org: other.slug, body: { username: a.user.username, password: 'x'.repeat(14) } })
    expect(wrongOrg.status).toBe(401)
  })
})
