import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import { users } from '../src/db/schema'
import { rotateSigningKeys } from '../src/modules/signing-keys/signing-keys.service'
import { findRolesByName } from '../src/modules/organizations/organizations.repository'
import { assignRoles } from '../src/modules/users/users.repository'
import { call, PASSWORD, testConfig } from './support/helpers'
import { tags } from '../src/lib/cache-tags'

/** Smoke run of the same app on the embedded database (no DATABASE_URL): the zero-setup default. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-pglite-'))
const app = await buildApp(testConfig({ databaseUrl: undefined, dataDir, secretKey: undefined }), { logger: false })
afterAll(() => app.close())

describe('embedded PostgreSQL (PGlite)', () => {
  it('migrates, creates the default organization, and runs the auth flow', async () => {
    expect(app.ctx.database.kind).toBe('pglite')
    const reg = await call(app, 'POST', '/api/v1/auth/register/', { body: { username: 'smoke', email: 'smoke@example.com', password: PASSWORD } })
    expect(reg.status).toBe(201)
    const login = await call(app, 'POST', '/api/v1/auth/login/', { body: { username: 'smoke', password: PASSWORD } })
    expect(login.status).toBe(200)
    const refreshed = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: login.body.refresh } })
    expect(refreshed.status).toBe(200)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: login.body.refresh } })).status).toBe(401)
    const pat = await call(app, 'POST', '/api/v1/auth/tokens/', { token: reg.body.access, body: { name: 'smoke' } })
    expect((await call(app, 'GET', '/api/v1/auth/me/', { headers: { authorization: `Token ${pat.body.key}` } })).body.username).toBe('smoke')
    expect((await call(app, 'GET', '/readyz')).status).toBe(200)
  })

  it('signs with EdDSA after rotating to an Ed25519 key, and the ES256 tokens keep working', async () => {
    const before = await call(app, 'POST', '/api/v1/auth/login/', { body: { username: 'smoke', password: PASSWORD } })
    await rotateSigningKeys(app.ctx.db, app.ctx.secrets, { algorithm: 'EdDSA', activateInMs: 0, revokeOthers: false })
    await app.ctx.keys.load()
    const after = await call(app, 'POST', '/api/v1/auth/login/', { body: { username: 'smoke', password: PASSWORD } })
    const header = JSON.parse(Buffer.from(after.body.access.split('.')[0], 'base64url').toString())
    expect(header.alg).toBe('EdDSA')
    for (const token of [before.body.access, after.body.access]) expect((await call(app, 'GET', '/api/v1/auth/me/', { token })).status).toBe(200)
    const jwks = (await call(app, 'GET', '/.well-known/jwks.json')).body.keys
    expect(jwks.map((k: { kty: string }) => k.kty).sort()).toEqual(['EC', 'OKP'])
  })

  it('lists users (a prepared listing query) exactly as GET /users/{id}/ shows each', async () => {
    const login = await call(app, 'POST', '/api/v1/auth/login/', { body: { username: 'smoke', password: PASSWORD } })
    const { id, organization } = login.body.user
    await assignRoles(app.ctx.db, organization, id, (await findRolesByName(app.ctx.db, organization, ['admin'])).map((r) => r.id))
    await app.ctx.invalidate([tags.user(id)])
    const { access } = (await call(app, 'POST', '/api/v1/auth/login/', { body: { username: 'smoke', password: PASSWORD } })).body
    for (let i = 0; i < 2; i++) { // the second runs the statement prepared by the first (another limit: not the cached page)
      const list = await call(app, 'GET', `/api/v1/users/?limit=${10 + i}`, { token: access })
      expect(list.status).toBe(200)
      expect(list.body.results.map((u: { username: string }) => u.username)).toEqual(['smoke'])
      const one = await call(app, 'GET', `/api/v1/users/${id}/`, { token: access })
      expect(JSON.stringify(list.body.results[0])).toBe(JSON.stringify(one.body))
    }
  })

  it('drops a cached users page on a write the API did not make: the triggers notify in-process too', async () => {
    const { access, user } = (await call(app, 'POST', '/api/v1/auth/login/', { body: { username: 'smoke', password: PASSWORD } })).body
    const firstName = async () => (await call(app, 'GET', '/api/v1/users/?limit=10', { token: access })).body.results[0].first_name
    expect(await firstName()).toBe('')
    await app.ctx.db.update(users).set({ firstName: 'Embedded' }).where(eq(users.id, user.id)) // no invalidation published
    expect(await firstName()).toBe('Embedded')
  })

  it('serves /metrics without pool gauges (one in-process session, no pool), without Redis, and counts unsent mail (no SMTP_URL)', async () => {
    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body
    expect(body).toMatch(/^commercecore_logins_total\{step="password",outcome="success"\} [1-9]/m)
    expect(body).toMatch(/^commercecore_emails_total\{result="unsent"\} [1-9]/m) // no SMTP_URL: the verification mail
    expect(body).not.toContain('commercecore_database_pool_')
    expect(body).not.toContain('commercecore_redis_connected')
  })
})
