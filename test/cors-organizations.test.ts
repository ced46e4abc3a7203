import { describe, expect, it } from 'vitest'
import { auth, corsHeaders, listening, preflight } from './support/cors-helpers'
import { testRedisUrl } from './support/env'
import { call, registerUser, unique } from './support/helpers'
import { orgWithAdmin, superuserOf } from './support/rbac-helpers'

const { app, send } = await listening({ corsAllowedOrigins: ['https://console.example.com'] })

describe("CORS: an organization's own origins (cors_allowed_origins)", async () => {
  const a = await orgWithAdmin(app)
  const b = await orgWithAdmin(app)
  const SHOP_A = `https://${unique('shop-a-')}.example.com`
  const memberA = await registerUser(app, a.org)
  const memberB = await registerUser(app, b.org)
  const setOrigins = (origins: string[]) => call(app, 'PATCH', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token, body: { cors_allowed_origins: origins } })

  it('an admin sets them through PATCH; they are stored normalized and shown in the organization', async () => {
    const res = await setOrigins([SHOP_A.toUpperCase() + ':443', SHOP_A, 'http://localhost:5173'])
    expect(res.status).toBe(200)
    expect(res.body.cors_allowed_origins).toEqual([SHOP_A, 'http://localhost:5173'])
    expect((await call(app, 'GET', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token })).body.cors_allowed_origins).toEqual([SHOP_A, 'http://localhost:5173'])
    const [event] = (await call(app, 'GET', `/api/v1/audit-events/?action=organization.updated&target=${a.org.id}`, { token: a.admin.token })).body.results
    expect(event.metadata).toEqual({ fields: ['cors_allowed_origins'], cors_allowed_origins: [SHOP_A, 'http://localhost:5173'] })
  })

  it('a superuser may set them on create; PUT without them empties the list', async () => {
    const root = await superuserOf(app, a.org)
    const slug = unique('shop-')
    const origin = `https://${slug}.example.com`
    const created = await call(app, 'POST', '/api/v1/organizations/', { token: root.token, body: { name: slug, slug, cors_allowed_origins: [origin.toUpperCase()] } })
    expect(created.status).toBe(201)
    expect(created.body.cors_allowed_origins).toEqual([origin])
    expect((await send('OPTIONS', '/api/v1/auth/me/', preflight(origin))).status).toBe(204)
    const put = await call(app, 'PUT', `/api/v1/organizations/${created.body.id}/`, { token: root.token, body: { name: slug, slug } })
    expect(put.body.cors_allowed_origins).toEqual([])
    expect((await send('OPTIONS', '/api/v1/auth/me/', preflight(origin))).status).toBe(405)
  })

  it('refuses what is not an exact origin, and more than 20', async () => {
    for (const bad of [['*'], ['null'], [`${SHOP_A}/shop`], [`${SHOP_A}/`], ['https://*.example.com'], ['ftp://files.example.com'], ['shop.example.com']]) {
      const res = await setOrigins(bad)
      expect(res.status, bad[0]).toBe(400)
      expect(res.body.cors_allowed_origins[0], bad[0]).toMatch(/is not an origin/)
    }
    expect((await setOrigins(Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`))).status).toBe(400)
    expect((await call(app, 'PATCH', `/api/v1/organizations/${a.org.id}/`, { token: memberA.access, body: { cors_allowed_origins: [] } })).status).toBe(403)
  })

  it("the shop's origin is allowed for that organization's requests only (tenant isolation)", async () => {
    expect((await setOrigins([SHOP_A])).status).toBe(200)
    const pre = await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A))
    expect(pre.status).toBe(204)
    expect(pre.headers['access-control-allow-origin']).toBe(SHOP_A)

    const own = await send('GET', '/api/v1/auth/me/', auth(memberA.access, SHOP_A))
    expect(own.status).toBe(200)
    expect(own.headers['access-control-allow-origin']).toBe(SHOP_A)
    const ownLogin = await send('POST', '/api/v1/auth/login/', { origin: SHOP_A, 'x-organization': a.org.slug }, { username: memberA.user.username, password: memberA.password })
    expect(ownLogin.status).toBe(200)
    expect(ownLogin.headers['access-control-allow-origin']).toBe(SHOP_A)

    // Organization B never listed it: refused before the body is read, and unreadable.
    const other = await send('GET', '/api/v1/auth/me/', auth(memberB.access, SHOP_A))
    expect(other.status).toBe(403)
    expect(JSON.parse(other.body).code).toBe('origin_not_allowed')
    expect(corsHeaders(other)).toEqual([])
    const username = unique('intruder')
    const register = await send('POST', '/api/v1/auth/register/', { origin: SHOP_A, 'x-organization': b.org.slug }, { username, email: `${username}@example.com`, password: 'correct horse battery staple 7' })
    expect(register.status).toBe(403)
    expect(corsHeaders(register)).toEqual([])
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: b.org.slug, body: { username, password: 'correct horse battery staple 7' } })
    expect(login.status).toBe(401) // the account was never created
    // Nor does the shop's origin open anything server-wide: the default organization's public endpoints refuse it too.
    expect((await send('GET', '/.well-known/jwks.json', { origin: SHOP_A })).status).toBe(403)
  })

  it("an organization listing this service's own origin changes nothing for others (the hosted pages stay same-origin)", async () => {
    const own = new URL(app.ctx.config.publicUrl).origin
    expect((await setOrigins([own])).status).toBe(200)
    const other = await send('GET', '/api/v1/auth/me/', auth(memberB.access, own))
    expect(other.status).toBe(200)
    expect(corsHeaders(other)).toEqual([])
    expect((await setOrigins([])).status).toBe(200)
  })

  it('a change takes effect on the next request, without a restart (the origin index is invalidated)', async () => {
    expect((await setOrigins([SHOP_A])).status).toBe(200)
    expect((await send('GET', '/api/v1/auth/me/', auth(memberA.access, SHOP_A))).headers['access-control-allow-origin']).toBe(SHOP_A)
    expect((await setOrigins([])).status).toBe(200)
    const pre = await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A))
    expect(pre.status).toBe(405)
    expect(corsHeaders(pre)).toEqual([])
    const get = await send('GET', '/api/v1/auth/me/', auth(memberA.access, SHOP_A))
    expect(get.status).toBe(200)
    expect(corsHeaders(get)).toEqual([])
    // Put back, then the organization deleted: its origins go with it.
    expect((await setOrigins([SHOP_A])).status).toBe(200)
    expect((await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A))).status).toBe(204)
    expect((await call(app, 'DELETE', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token })).status).toBe(204)
    expect(corsHeaders(await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A)))).toEqual([])
  })
})

describe('CORS: several instances', async () => {
  // Long cache TTL: only the invalidation published through Redis can make the change visible in time.
  const shared = { redisUrl: testRedisUrl, redisPrefix: `${unique('cc-cors-')}:`, authCacheTtlSeconds: 300 }
  const one = await listening(shared)
  const two = await listening(shared)
  const { org, admin } = await orgWithAdmin(one.app)
  const SHOP = `https://${unique('shop-')}.example.com`

  it("an organization's change reaches the other instance's origin index", async () => {
    expect((await call(one.app, 'PATCH', `/api/v1/organizations/${org.id}/`, { token: admin.token, body: { cors_allowed_origins: [SHOP] } })).status).toBe(200)
    let status = 0
    for (let i = 0; i < 50 && status !== 204; i++, await new Promise((r) => setTimeout(r, 40))) status = (await two.send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP))).status
    expect(status).toBe(204) // instance two has now loaded (and cached) the index with SHOP
    expect((await call(one.app, 'PATCH', `/api/v1/organizations/${org.id}/`, { token: admin.token, body: { cors_allowed_origins: [] } })).status).toBe(200)
    for (let i = 0; i < 50 && status === 204; i++, await new Promise((r) => setTimeout(r, 40))) status = (await two.send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP))).status
    expect(status).toBe(405)
  })
})
