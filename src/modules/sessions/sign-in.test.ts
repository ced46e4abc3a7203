import { hash } from '@node-rs/argon2'
import { tags } from '../../lib/cache-tags'
import { and, eq, ne } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { auditEvents, refreshTokens, rolePermissions, roles, sessions, users } from '../../db/schema'
import { assignRoles } from '../users/users.repository'
import { loadAccess } from './principal'

const app = await makeApp()
const org = await createOrg(app)

describe('POST /api/v1/auth/register/', () => {
  it('creates a user with the customer role and returns a token pair', async () => {
    const { access, refresh, user } = await registerUser(app, org, { first_name: 'Ada' })
    expect(access.split('.')).toHaveLength(3)
    expect(refresh.length).toBeGreaterThanOrEqual(43)
    expect(user).toMatchObject({ first_name: 'Ada', is_superuser: false, roles: [{ name: 'customer' }] })
    expect(user).not.toHaveProperty('password')
    expect(user).not.toHaveProperty('password_hash')
  })

  it('rejects a mismatched password2, a common password and a taken username', async () => {
    const { user } = await registerUser(app, org)
    const res = await call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username: user.username, email: 'x@example.com', password: 'password1234', password2: 'nope' } })
    expect(res.status).toBe(400)
    expect(res.body.password2).toEqual(["The two password fields didn't match."])
    expect(res.body.password).toContain('This password is too common.')
    expect(res.body.username).toEqual(['A user with that username already exists.'])
  })
})

describe('POST /api/v1/auth/login/', () => {
  it('accepts the username or the email, case-insensitively', async () => {
    const { user } = await registerUser(app, org)
    for (const login of [user.username, user.email.toUpperCase()]) {
      const res = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: login, password: PASSWORD } })
      expect(res.status).toBe(200)
      expect(res.body.user.id).toBe(user.id)
    }
    const byEmail = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { email: user.email, password: PASSWORD } })
    expect(byEmail.status).toBe(200)
  })

  it('answers the user as GET /auth/me/ shows it, with a session, its refresh token, an audit event and a token of the user\'s roles', async () => {
    const { user } = await registerUser(app, org)
    // A second role, with permissions, so the token's claims have something to get wrong.
    const [role] = await app.ctx.db.selectDistinct({ id: roles.id }).from(roles).innerJoin(rolePermissions, eq(rolePermissions.roleId, roles.id))
      .where(and(eq(roles.organizationId, org.id), ne(roles.name, 'customer'))).limit(1)
    await assignRoles(app.ctx.db, org.id, user.id, [role.id])
    await app.ctx.invalidate([tags.user(user.id)])
    const res = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password: PASSWORD }, headers: { 'user-agent': 'login-test' } })
    expect(res.status).toBe(200)
    const me = await call(app, 'GET', '/api/v1/auth/me/', { token: res.body.access })
    expect(me.status).toBe(200)
    expect(res.body.user).toEqual(me.body)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
    expect(res.body.user.last_login).toBe(row.lastLogin?.toISOString())
    expect(res.body.user.updated_at).toBe(row.updatedAt.toISOString())

    const claims = JSON.parse(Buffer.from(res.body.access.split('.')[1], 'base64url').toString())
    const access = await loadAccess(app.ctx.db, org.id, { type: 'user', id: user.id })
    expect(access.roles).toHaveLength(2)
    expect(access.permissions.length).toBeGreaterThan(0)
    expect(res.body.user.roles).toHaveLength(2)
    expect({ roles: claims.roles, perms: claims.perms }).toEqual({ roles: access.roles, perms: access.permissions })
    const [session] = await app.ctx.db.select().from(sessions).where(eq(sessions.id, claims.sid))
    expect(session).toMatchObject({ userId: user.id, organizationId: org.id, userAgent: 'login-test', revokedAt: null })
    expect(await app.ctx.db.select().from(refreshTokens).where(eq(refreshTokens.sessionId, claims.sid))).toHaveLength(1)
    const [event] = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login'), eq(auditEvents.targetId, claims.sid)))
    expect(event).toMatchObject({ organizationId: org.id, actorType: 'user', actorId: user.id, targetType: 'session', userAgent: 'login-test', metadata: {} })
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: res.body.refresh } })).status).toBe(200)
  })

  it('re-hashes a password stored with other parameters, in the same write as the session', async () => {
    const { user } = await registerUser(app, org)
    const old = await hash(PASSWORD, { algorithm: 2, memoryCost: 2048, timeCost: 1, parallelism: 1 })
    await app.ctx.db.update(users).set({ passwordHash: old }).where(eq(users.id, user.id))
    const res = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password: PASSWORD } })
    expect(res.status).toBe(200)
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id))
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/)
    const sid = JSON.parse(Buffer.from(res.body.access.split('.')[1], 'base64url').toString()).sid
    const [event] = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login'), eq(auditEvents.targetId, sid)))
    expect(event.metadata).toEqual({ rehashed: true })
    expect((await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password: PASSWORD } })).status).toBe(200)
  })

  it('answers a wrong password and an unknown user identically', async () => {
    const { user } = await registerUser(app, org)
    const wrong = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password: 'wrong password 123' } })
    const unknown = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: 'nobody-here', password: 'wrong password 123' } })
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ detail: 'No active account found with the given credentials', code: 'no_active_account' })
      expect(res.headers['www-authenticate']).toBeDefined()
    }
  })
})

describe('refresh tokens', () => {
  it('rotates on every use and kills the session when a rotated token comes back', async () => {
    const first = await registerUser(app, org)
    const r1 = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: first.refresh } })
    expect(r1.status).toBe(200)
    expect(r1.body.refresh).not.toBe(first.refresh)
    const reuse = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: first.refresh } })
    expect(reuse.status).toBe(401)
    expect(reuse.body.code).toBe('token_not_valid')
    // The whole family is dead: the newest refresh and the access token of the session.
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: r1.body.refresh } })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: r1.body.access })).status).toBe(401)
  })
})

describe('GET /api/v1/auth/me/', () => {
  it('needs credentials', async () => {
    const res = await call(app, 'GET', '/api/v1/auth/me/')
    expect(res.status).toBe(401)
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.', code: 'not_authenticated' })
  })

  it('stops working on the very next request after logout', async () => {
    const { access, refresh } = await registerUser(app, org)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).status).toBe(200)
    expect((await call(app, 'POST', '/api/v1/auth/logout/', { token: access, body: { refresh } })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).status).toBe(401)
  })
})
