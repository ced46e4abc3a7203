import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { orders } from '../src/db/schema'
import { newId } from '../src/lib/ids'
import { BUILTIN_CODENAMES } from '../src/lib/permissions'
import { call, createOrg, makeApp, registerUser } from './support/helpers'
import { permissionsOf, type RouteAccess } from '../src/plugins/route-access'
import { declaredRoutes, developerWith, superuserOf, userWith } from './support/rbac-helpers'
import { REVIEWED_ACCESS } from './support/reviewed-access'

/**
 * The authorization matrix, generated from the declarations of the running app's routes
 * (`config.access`, src/plugins/route-access.ts) after checking them against the reviewed
 * table (test/support/reviewed-access.ts), so a new route is checked the day it lands: a caller with exactly one declared codename passes, one with every other codename
 * gets the exact DRF 403, a developer key gets 403 where users only are declared, the user
 * in the path passes an `orSelf` route that another user may not, and anonymous callers get
 * 401 everywhere but on public routes. Ids are random, so an allowed call ends in 404 or 400
 * — never a change — while a denied one is refused before the object is looked up.
 */
const app = await makeApp()
await app.ready()
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }
const NOT_AUTHENTICATED = { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' }
const routes = declaredRoutes(app)
/** Public routes whose body carries the proof instead (an `mfa_token`): anonymous without it is their own 401. */
const PROOF_IN_BODY = new Set(['POST /api/v1/auth/mfa/totp/'])

type Caller = { token?: string }
const request = (caller: Caller, method: string, url: string, params: Record<string, string> = {}) => {
  const path = url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? randomUUID()).replace('*', 'x')
  return call(app, method as 'GET', path, { token: caller.token, ...(['POST', 'PUT', 'PATCH'].includes(method) && { body: {} }) })
}
const show = (res: { status: number; body: unknown }) => `${res.status} ${JSON.stringify(res.body)}`
async function expectAllowed(who: string, caller: Caller, method: string, url: string, params?: Record<string, string>) {
  const res = await request(caller, method, url, params)
  expect([401, 403].includes(res.status) && [DENIED.code, NOT_AUTHENTICATED.code].includes(res.body?.code), `${who}: ${method} ${url} → ${show(res)}`).toBe(false)
}
async function expectDenied(who: string, caller: Caller, method: string, url: string, params?: Record<string, string>) {
  const res = await request(caller, method, url, params)
  expect(res.status, `${who}: ${method} ${url} → ${show(res)}`).toBe(403)
  expect(res.body).toEqual(DENIED)
}

describe('every declared route enforces its declaration', async () => {
  const org = await createOrg(app)
  const root = await superuserOf(app, org)
  const once = new Map<string, Promise<Caller>>()
  const cached = (key: string, make: () => Promise<Caller>) => { if (!once.has(key)) once.set(key, make()); return once.get(key)! }
  const userHolding = (codenames: string[]) => cached(`user:${codenames.join()}`, () => userWith(app, org, codenames))
  const developerHolding = (codenames: string[]) => cached(`dev:${codenames.join()}`, () => developerWith(app, org, root.token, codenames))
  const allBut = (codenames: readonly string[]) => BUILTIN_CODENAMES.filter((c) => !codenames.includes(c))

  it('declares every route as reviewed in test/support/reviewed-access.ts', () => {
    const normal = (a: RouteAccess) => typeof a === 'string' ? a : JSON.stringify({ ...a, permission: [...permissionsOf(a)].sort() }, ['permission', 'orSelf', 'orUser', 'ownOrganization'])
    const declared = Object.fromEntries(routes.map((r) => [`${r.method} ${r.url}`, normal(r.access)]))
    const reviewed = Object.fromEntries(REVIEWED_ACCESS.flatMap(([a, rs]) => rs.map((r) => [r, normal(a)])))
    expect(declared).toEqual(reviewed)
  })

  it('an app with a route that declares no access does not start', async () => {
    const other = await makeApp()
    other.get('/api/v1/undeclared/', async () => ({ open: true }))
    await expect(other.ready()).rejects.toThrow(/without config\.access.*GET \/api\/v1\/undeclared\//)
  })

  it('uses every built-in codename', () => {
    const used = new Set(routes.flatMap((r) => permissionsOf(r.access)))
    expect(BUILTIN_CODENAMES.filter((c) => !used.has(c))).toEqual([])
  })

  it.each(routes.map((r) => [r.method, r.url, r.access] as const))('%s %s (%j)', async (method, url, access) => {
    if (access === 'public') {
      if (!PROOF_IN_BODY.has(`${method} ${url}`)) await expectAllowed('anonymous', {}, method, url)
      return
    }
    const anonymous = await request({}, method, url)
    expect(anonymous.status, `anonymous: ${show(anonymous)}`).toBe(401)
    expect(anonymous.body).toEqual(NOT_AUTHENTICATED)
    // "My account" routes may change the caller (DELETE /auth/me/): each gets callers of its own.
    const fresh = access === 'user' || access === 'authenticated'
    await expectAllowed('superuser', fresh ? await superuserOf(app, org) : root, method, url)
    switch (access) {
      case 'authenticated':
        await expectAllowed('user without permissions', await userWith(app, org, []), method, url)
        return expectAllowed('developer without permissions', await developerWith(app, org, root.token, []), method, url)
      case 'user':
        await expectAllowed('user without permissions', await userWith(app, org, []), method, url)
        return expectDenied('developer holding every permission', await developerHolding([...BUILTIN_CODENAMES]), method, url)
      case 'superuser':
        await expectDenied('user holding every permission', await userHolding([...BUILTIN_CODENAMES]), method, url)
        return expectDenied('developer holding every permission', await developerHolding([...BUILTIN_CODENAMES]), method, url)
      default: {
        const codenames = permissionsOf(access)
        for (const c of codenames) {
          await expectAllowed(`user holding ${c}`, await userHolding([c]), method, url)
          await expectAllowed(`developer holding ${c}`, await developerHolding([c]), method, url)
        }
        const others = allBut(codenames)
        await expectDenied(`developer holding all but ${codenames}`, await developerHolding(others), method, url)
        if (access.orUser) return expectAllowed('user without permissions', await userWith(app, org, []), method, url)
        await expectDenied(`user holding all but ${codenames}`, await userHolding(others), method, url)
        if (access.orSelf) {
          const self = await userWith(app, org, [])
          await expectAllowed('the user in the path', self, method, url, { [access.orSelf]: self.user.id })
          await expectDenied('another user', self, method, url, { [access.orSelf]: root.user.id })
        }
      }
    }
  })

  it('a user may read and edit themselves without view_users/manage_users, but not delete themselves or set staff flags', async () => {
    const me = await userWith(app, org, [])
    const url = `/api/v1/users/${me.user.id}/`
    expect((await call(app, 'GET', url, { token: me.token })).status).toBe(200)
    expect((await call(app, 'PATCH', url, { token: me.token, body: { first_name: 'Me' } })).body.first_name).toBe('Me')
    expect((await call(app, 'PUT', url, { token: me.token, body: { username: me.user.username, email: me.user.email } })).status).toBe(200)
    for (const body of [{ is_active: false }, { is_superuser: true }, { email_verified: true }]) {
      const res = await call(app, 'PATCH', url, { token: me.token, body })
      expect(res.status).toBe(403)
      expect(res.body).toEqual(DENIED)
    }
    expect((await call(app, 'DELETE', url, { token: me.token })).status).toBe(403)
  })

  it('only a superuser may grant is_superuser, and staff cannot touch a superuser', async () => {
    const staff = await userWith(app, org, ['manage_users'])
    const target = await registerUser(app, org)
    expect((await call(app, 'PATCH', `/api/v1/users/${target.user.id}/`, { token: staff.token, body: { is_superuser: true } })).status).toBe(403)
    expect((await call(app, 'POST', '/api/v1/users/', { token: staff.token, body: { username: 'boss', email: 'boss@example.com', is_superuser: true } })).status).toBe(403)
    const root = await superuserOf(app, org)
    expect((await call(app, 'PATCH', `/api/v1/users/${root.user.id}/`, { token: staff.token, body: { email: 'mine@example.com' } })).status).toBe(403)
    expect((await call(app, 'DELETE', `/api/v1/users/${root.user.id}/`, { token: staff.token })).status).toBe(403)
    expect((await call(app, 'PATCH', `/api/v1/users/${target.user.id}/`, { token: root.token, body: { is_superuser: true } })).body.is_superuser).toBe(true)
  })

  it('view_orders (or manage_orders) shows other customers\' orders; without it they are 404', async () => {
    const customer = await registerUser(app, org)
    const orderId = newId()
    await app.ctx.db.insert(orders).values({ id: orderId, organizationId: org.id, userId: customer.user.id, status: 'pending', total: '0.00', currency: 'EUR' })
    for (const codename of BUILTIN_CODENAMES) {
      const { token } = await userWith(app, org, [codename])
      const res = await call(app, 'GET', `/api/v1/orders/${orderId}/`, { token })
      expect(res.status, codename).toBe(['view_orders', 'manage_orders'].includes(codename) ? 200 : 404)
    }
  })
})
