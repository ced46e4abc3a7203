import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { call, createOrg, makeApp, testConfig, unique } from '../../../test/support/helpers'
import { buildApp } from '../../app'
import { orgWithAdmin, userWith } from '../../../test/support/rbac-helpers'
import { auditEvents, oauthArtifacts, oauthClients } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { sha256 } from '../../lib/secrets'
import { findLiveOAuthClient } from './oauth-clients.repository'

const app = await makeApp()
const REDIRECT = 'https://shop.example.com/callback'

async function setup() {
  const { org, admin } = await orgWithAdmin(app)
  const dev = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: unique('shop-') } })
  expect(dev.status).toBe(201)
  const create = (body: Record<string, unknown>) =>
    call(app, 'POST', `/api/v1/developers/${dev.body.id}/oauth-clients/`, { token: admin.token, body: { name: 'Storefront', type: 'confidential', redirect_uris: [REDIRECT], ...body } })
  return { org, admin, dev: dev.body as { id: string }, create }
}

const storedRow = async (id: string) => (await app.ctx.db.select().from(oauthClients).where(eq(oauthClients.id, id)))[0]

describe('/api/v1/oauth-clients/', () => {
  it('a confidential client: its secret is shown once, stored as its SHA-256 only, never shown again', async () => {
    const { admin, dev, create } = await setup()
    const res = await create({})
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      developer_id: dev.id, name: 'Storefront', type: 'confidential', token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [REDIRECT], post_logout_redirect_uris: [], grant_types: ['authorization_code', 'refresh_token'],
      scopes: ['openid', 'profile', 'email'], first_party: false,
    })
    expect(res.body.client_id).toMatch(/^cc_client_[A-Za-z0-9_-]{22}$/)
    const secret = res.body.client_secret as string
    expect(secret).toMatch(/^cc_secret_[A-Za-z0-9_-]{43}$/)
    const row = await storedRow(res.body.id)
    expect(row.secretHash).toBe(sha256(secret))
    expect(JSON.stringify(row)).not.toContain(secret)
    const one = await call(app, 'GET', `/api/v1/oauth-clients/${res.body.id}/`, { token: admin.token })
    const list = await call(app, 'GET', '/api/v1/oauth-clients/', { token: admin.token })
    const patched = await call(app, 'PATCH', `/api/v1/oauth-clients/${res.body.id}/`, { token: admin.token, body: { first_party: true } })
    for (const r of [one, list, patched]) {
      expect(r.status).toBe(200)
      expect(JSON.stringify(r.body)).not.toContain(secret)
      expect(JSON.stringify(r.body)).not.toContain(row.secretHash!)
      expect(JSON.stringify(r.body)).not.toContain('client_secret"')
    }
    expect(one.body).toEqual({ ...res.body, client_secret: undefined, updated_at: one.body.updated_at })
    expect(list.body.results.map((c: { id: string }) => c.id)).toEqual([res.body.id])
    expect(patched.body.first_party).toBe(true)
  })

  it('rotating the secret shows a new one once and replaces the hash; a public client has none to rotate', async () => {
    const { admin, create } = await setup()
    const client = (await create({})).body
    const rotated = await call(app, 'POST', `/api/v1/oauth-clients/${client.id}/rotate-secret/`, { token: admin.token })
    expect(rotated.status).toBe(200)
    expect(rotated.body.client_secret).toMatch(/^cc_secret_/)
    expect(rotated.body.client_secret).not.toBe(client.client_secret)
    expect((await storedRow(client.id)).secretHash).toBe(sha256(rotated.body.client_secret))
    const spa = await create({ type: 'public', redirect_uris: ['http://localhost:5173/cb', 'com.shop.app:/callback'] })
    expect(spa.status).toBe(201)
    expect(spa.body.token_endpoint_auth_method).toBe('none')
    expect(spa.body).not.toHaveProperty('client_secret')
    expect((await storedRow(spa.body.id)).secretHash).toBeNull()
    const refused = await call(app, 'POST', `/api/v1/oauth-clients/${spa.body.id}/rotate-secret/`, { token: admin.token })
    expect(refused.status).toBe(409)
    expect((await storedRow(spa.body.id)).secretHash).toBeNull()
  })

  it('answers 400 with field errors for every rule, and writes nothing', async () => {
    const { admin, dev, create } = await setup()
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ type: 'public', grant_types: ['client_credentials'], redirect_uris: [] }, 'grant_types', 'client_credentials is only for confidential clients.'],
      [{ grant_types: ['refresh_token', 'client_credentials'] }, 'grant_types', 'refresh_token needs authorization_code.'],
      [{ redirect_uris: [] }, 'redirect_uris', 'authorization_code needs at least one redirect URI.'],
      [{ redirect_uris: ['/callback'] }, 'redirect_uris', '"/callback" is not an absolute URI.'],
      [{ redirect_uris: ['https://shop.example.com/cb#x'] }, 'redirect_uris', '"https://shop.example.com/cb#x" must not contain a fragment.'],
      [{ redirect_uris: ['http://shop.example.com/cb'] }, 'redirect_uris'],
      [{ redirect_uris: ['https://user:pw@shop.example.com/cb'] }, 'redirect_uris'],
      [{ redirect_uris: ['http://localhost.evil.example/cb'] }, 'redirect_uris'],
      [{ redirect_uris: ['com.shop.app:/callback'] }, 'redirect_uris', '"com.shop.app:/callback": a custom scheme is only for public clients.'],
      [{ type: 'public', redirect_uris: ['myapp:/callback'] }, 'redirect_uris'],
      [{ type: 'public', redirect_uris: ['javascript:alert(1)'] }, 'redirect_uris'],
      [{ post_logout_redirect_uris: ['http://shop.example.com/'] }, 'post_logout_redirect_uris'],
      // What the provider refuses by kind of app: no custom scheme for a web app, no loopback https for a native one.
      [{ type: 'public', post_logout_redirect_uris: ['com.shop.app:/bye'] }, 'post_logout_redirect_uris', '"com.shop.app:/bye": a custom scheme is only for native apps (a public client with a custom-scheme or loopback redirect URI).'],
      [{ type: 'public', redirect_uris: ['com.shop.app:/cb', 'https://localhost/cb'] }, 'redirect_uris', '"https://localhost/cb": a native app\'s https URIs must not use a loopback host (use http://127.0.0.1 instead).'],
      [{ redirect_uris: Array.from({ length: 21 }, (_, i) => `https://shop.example.com/${i}`) }, 'redirect_uris'],
      [{ redirect_uris: [`https://shop.example.com/${'a'.repeat(2000)}`] }, 'redirect_uris'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ scopes: ['openid', 'no_such_scope'] }, 'scopes', 'Unknown scope "no_such_scope".'],
      [{ type: 'public', token_endpoint_auth_method: 'client_secret_basic' }, 'token_endpoint_auth_method'],
      [{ token_endpoint_auth_method: 'none' }, 'token_endpoint_auth_method'],
      [{ grant_types: ['implicit'] }, 'grant_types'],
      [{ type: 'hybrid' }, 'type'],
    ]
    for (const [body, field, message] of cases) {
      const res = await create(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys(res.body).filter((k) => k.split('.')[0] === field), JSON.stringify(res.body)).not.toEqual([])
      if (message) expect(res.body[field]).toContain(message)
    }
    expect(await app.ctx.db.select().from(oauthClients).where(eq(oauthClients.developerId, dev.id))).toEqual([])
    // Loopback http on any port, and a permission codename as a scope, are fine.
    const ok = await create({ redirect_uris: ['http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'http://localhost/cb'], scopes: ['openid', 'view_users'], grant_types: ['authorization_code', 'client_credentials'] })
    expect(ok.status).toBe(201)
    // A PATCH is checked as the merged settings; the type cannot change.
    const url = `/api/v1/oauth-clients/${ok.body.id}/`
    expect((await call(app, 'PATCH', url, { token: admin.token, body: { redirect_uris: [] } })).body).toEqual({ redirect_uris: ['authorization_code needs at least one redirect URI.'] })
    expect((await call(app, 'PATCH', url, { token: admin.token, body: { type: 'public' } })).status).toBe(400)
    expect((await call(app, 'PATCH', url, { token: admin.token, body: { grant_types: ['client_credentials'], redirect_uris: [] } })).status).toBe(200)
  })

  it('view-only staff read, and may not write (403); a developer-less list filter works', async () => {
    const { org, dev, create } = await setup()
    const client = (await create({})).body
    const viewer = await userWith(app, org, ['view_developers'])
    expect((await call(app, 'GET', `/api/v1/oauth-clients/${client.id}/`, { token: viewer.token })).status).toBe(200)
    const filtered = await call(app, 'GET', `/api/v1/oauth-clients/?developer_id=${dev.id}&search=STORE`, { token: viewer.token })
    expect(filtered.body.results.map((c: { id: string }) => c.id)).toEqual([client.id])
    expect((await call(app, 'GET', `/api/v1/oauth-clients/?developer_id=${randomUUID()}`, { token: viewer.token })).body.results).toEqual([])
    const writes: [string, string, unknown?][] = [
      ['POST', `/api/v1/developers/${dev.id}/oauth-clients/`, { name: 'x', type: 'public', redirect_uris: [REDIRECT] }],
      ['PATCH', `/api/v1/oauth-clients/${client.id}/`, { name: 'y' }],
      ['DELETE', `/api/v1/oauth-clients/${client.id}/`],
      ['POST', `/api/v1/oauth-clients/${client.id}/rotate-secret/`],
    ]
    for (const [method, url, body] of writes) {
      expect((await call(app, method as 'GET', url, { token: viewer.token, ...(body !== undefined && { body }) })).status, `${method} ${url}`).toBe(403)
    }
    const nobody = await userWith(app, org, [])
    expect((await call(app, 'GET', '/api/v1/oauth-clients/', { token: nobody.token })).status).toBe(403)
    expect((await storedRow(client.id)).secretHash).toBe(sha256(client.client_secret))
  })

  it("answers 404 for another organization's client or developer on every route", async () => {
    const { dev, create } = await setup()
    const client = (await create({})).body
    const other = await orgWithAdmin(app)
    const t = { token: other.admin.token }
    const cases: [string, string, unknown?][] = [
      ['GET', `/api/v1/oauth-clients/${client.id}/`],
      ['PATCH', `/api/v1/oauth-clients/${client.id}/`, { name: 'stolen' }],
      ['DELETE', `/api/v1/oauth-clients/${client.id}/`],
      ['POST', `/api/v1/oauth-clients/${client.id}/rotate-secret/`],
      ['POST', `/api/v1/developers/${dev.id}/oauth-clients/`, { name: 'x', type: 'confidential', redirect_uris: [REDIRECT] }],
    ]
    for (const [method, url, body] of cases) {
      expect((await call(app, method as 'GET', url, { ...t, ...(body !== undefined && { body }) })).status, `${method} ${url}`).toBe(404)
    }
    expect((await call(app, 'GET', '/api/v1/oauth-clients/', t)).body.results).toEqual([])
    expect(await storedRow(client.id)).toMatchObject({ name: 'Storefront', deletedAt: null, secretHash: sha256(client.client_secret) })
  })

  it('writes an audit event for each write, never holding the secret or its hash', async () => {
    const { org, admin, create } = await setup()
    const client = (await create({})).body
    await call(app, 'PATCH', `/api/v1/oauth-clients/${client.id}/`, { token: admin.token, body: { name: 'Renamed', scopes: ['openid'] } })
    const rotated = await call(app, 'POST', `/api/v1/oauth-clients/${client.id}/rotate-secret/`, { token: admin.token })
    await call(app, 'DELETE', `/api/v1/oauth-clients/${client.id}/`, { token: admin.token })
    const events = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, client.id)))
    expect(events.map((e) => [e.action, e.actorId, e.metadata])).toEqual([
      ['oauth_client.created', admin.user.id, { name: 'Storefront', client_id: client.client_id, developer_id: client.developer_id, type: 'confidential' }],
      ['oauth_client.updated', admin.user.id, { fields: ['name', 'scopes'] }],
      ['oauth_client.secret_rotated', admin.user.id, { client_id: client.client_id }],
      ['oauth_client.deleted', admin.user.id, { client_id: client.client_id }],
    ])
    const text = JSON.stringify(events)
    for (const s of [client.client_secret, rotated.body.client_secret]) {
      expect(text).not.toContain(s)
      expect(text).not.toContain(sha256(s))
    }
  })

  it('deleting a client: GET answers 404, the provider no longer finds it, and the trigger ended its artifacts', async () => {
    const { org, admin, dev, create } = await setup()
    const client = (await create({})).body
    const kept = (await create({ name: 'Other' })).body
    const artifact = (clientId: string) => ({ kind: 'AccessToken', idHash: sha256(randomUUID()), organizationId: org.id, payload: {}, clientId })
    await app.ctx.db.insert(oauthArtifacts).values([artifact(client.client_id), artifact(client.client_id), artifact(kept.client_id)])
    expect(await findLiveOAuthClient(app.ctx.db, org.id, client.client_id)).toMatchObject({ id: client.id })
    expect(await findLiveOAuthClient(app.ctx.db, (await createOrg(app)).id, client.client_id)).toBeUndefined()
    expect((await call(app, 'DELETE', `/api/v1/oauth-clients/${client.id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', `/api/v1/oauth-clients/${client.id}/`, { token: admin.token })).status).toBe(404)
    expect((await call(app, 'DELETE', `/api/v1/oauth-clients/${client.id}/`, { token: admin.token })).status).toBe(404)
    expect(await findLiveOAuthClient(app.ctx.db, org.id, client.client_id)).toBeUndefined()
    const left = await app.ctx.db.select().from(oauthArtifacts).where(inArray(oauthArtifacts.clientId, [client.client_id, kept.client_id]))
    expect(left.map((a) => a.clientId)).toEqual([kept.client_id])
    // A client of a deleted developer is gone with it.
    expect((await call(app, 'DELETE', `/api/v1/developers/${dev.id}/`, { token: admin.token })).status).toBe(204)
    expect(await findLiveOAuthClient(app.ctx.db, org.id, kept.client_id)).toBeUndefined()
    expect((await call(app, 'GET', `/api/v1/oauth-clients/${kept.id}/`, { token: admin.token })).status).toBe(404)
    expect((await call(app, 'GET', '/api/v1/oauth-clients/', { token: admin.token })).body.results).toEqual([])
  })

  it("publishes the client's cache tag after every change, rotation and delete, and when its developer is restored", async () => {
    const { admin, dev, create } = await setup()
    const client = (await create({})).body
    const other = (await create({ name: 'Second' })).body
    const published = vi.spyOn(app.ctx, 'invalidate')
    try {
      const url = `/api/v1/oauth-clients/${client.id}/`
      await call(app, 'PATCH', url, { token: admin.token, body: { name: 'Renamed' } })
      expect(published).toHaveBeenLastCalledWith([tags.oauthClient(client.client_id)])
      published.mockClear()
      await call(app, 'POST', `${url}rotate-secret/`, { token: admin.token })
      expect(published).toHaveBeenLastCalledWith([tags.oauthClient(client.client_id)])
      published.mockClear()
      await call(app, 'DELETE', url, { token: admin.token })
      expect(published).toHaveBeenLastCalledWith([tags.oauthClient(client.client_id)])
      published.mockClear()
      // A refused change publishes nothing.
      await call(app, 'PATCH', `/api/v1/oauth-clients/${other.id}/`, { token: admin.token, body: { redirect_uris: [] } })
      expect(published).not.toHaveBeenCalled()
      // Deleting the developer drops its clients' entries through their developer tag; restoring it drops the
      // provider's cached misses, which carry only the client's tag (the deleted client stays gone).
      await call(app, 'DELETE', `/api/v1/developers/${dev.id}/`, { token: admin.token })
      expect(published.mock.calls.at(-1)?.[0]).toContain(tags.developer(dev.id))
      expect((await call(app, 'POST', `/api/v1/developers/${dev.id}/restore/`, { token: admin.token })).status).toBe(200)
      expect(published.mock.calls.at(-1)?.[0]).toEqual([tags.developer(dev.id), tags.oauthClient(other.client_id)])
    } finally {
      published.mockRestore()
    }
  })

  it('a stored scope whose permission was deleted since does not block changing something else', async () => {
    const { admin, create } = await setup()
    const perm = await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename: unique('refund_'), name: 'Refund' } })
    const client = (await create({ scopes: ['openid', perm.body.codename] })).body
    expect(client.scopes).toEqual(['openid', perm.body.codename])
    expect((await call(app, 'DELETE', `/api/v1/permissions/${perm.body.id}/`, { token: admin.token })).status).toBe(204)
    const url = `/api/v1/oauth-clients/${client.id}/`
    expect((await call(app, 'PATCH', url, { token: admin.token, body: { name: 'Renamed' } })).status).toBe(200)
    expect((await call(app, 'PATCH', url, { token: admin.token, body: { scopes: ['openid', perm.body.codename] } })).body).toEqual({ scopes: [`Unknown scope "${perm.body.codename}".`] })
  })

  it('writes no secret, nor its hash, to the log (debug level)', async () => {
    const lines: string[] = []
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done() } })
    const logged = await buildApp(testConfig({ logLevel: 'debug' }), { migrate: false, logStream: stream })
    try {
      const { org, admin } = await orgWithAdmin(logged)
      const dev = await call(logged, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: unique('shop-') } })
      const created = await call(logged, 'POST', `/api/v1/developers/${dev.body.id}/oauth-clients/`, { token: admin.token, body: { name: 'Logged', type: 'confidential', redirect_uris: [REDIRECT] } })
      const rotated = await call(logged, 'POST', `/api/v1/oauth-clients/${created.body.id}/rotate-secret/`, { token: admin.token })
      expect([created.status, rotated.status, org.id.length]).toEqual([201, 200, 36])
      const text = lines.join('')
      expect(text).toContain('/rotate-secret/')
      for (const secret of [created.body.client_secret, rotated.body.client_secret]) {
        expect(text.includes(secret)).toBe(false)
        expect(text.includes(sha256(secret))).toBe(false)
      }
    } finally {
      await logged.close()
    }
  })

  it('a registrant gives no API scope they do not hold, and only an administrator marks a client first-party', async () => {
    const { org, dev } = await setup()
    const staff = await userWith(app, org, ['manage_developers', 'view_orders'])
    const register = (body: Record<string, unknown>) =>
      call(app, 'POST', `/api/v1/developers/${dev.id}/oauth-clients/`, { token: staff.token, body: { name: unique('app-'), type: 'public', redirect_uris: [REDIRECT], ...body } })
    expect((await register({ scopes: ['openid', 'view_orders'] })).status).toBe(201)
    const escalating = await register({ scopes: ['openid', 'manage_roles'] })
    expect(escalating.status).toBe(403)
    expect(escalating.body.detail).toContain('manage_roles')
    expect((await register({ first_party: true })).status).toBe(403)
    const mine = await register({})
    expect((await call(app, 'PATCH', `/api/v1/oauth-clients/${mine.body.id}/`, { token: staff.token, body: { scopes: ['openid', 'manage_users'] } })).status).toBe(403)
    expect((await call(app, 'PATCH', `/api/v1/oauth-clients/${mine.body.id}/`, { token: staff.token, body: { first_party: true } })).status).toBe(403)
    const stored = await storedRow(mine.body.id)
    expect(stored.scopes).not.toContain('manage_users')
    expect(stored.firstParty).toBe(false)
  })

  it("staff cannot edit, rotate or delete an administrator's client they could not have registered", async () => {
    const { org, create } = await setup()
    const staff = await userWith(app, org, ['manage_developers', 'view_orders'])
    const scoped = await create({ scopes: ['openid', 'manage_roles'] })
    const firstParty = await create({ first_party: true })
    for (const client of [scoped.body, firstParty.body]) {
      const url = `/api/v1/oauth-clients/${client.id}/`
      const attempts = [
        await call(app, 'PATCH', url, { token: staff.token, body: { redirect_uris: ['https://attacker.example/cb'] } }),
        await call(app, 'POST', `${url}rotate-secret/`, { token: staff.token }),
        await call(app, 'DELETE', url, { token: staff.token }),
      ]
      expect(attempts.map((r) => r.status)).toEqual([403, 403, 403])
      const stored = await storedRow(client.id)
      expect([stored.redirectUris, stored.deletedAt]).toEqual([[REDIRECT], null])
    }
  })
})
