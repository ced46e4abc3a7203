import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { orders } from '../src/db/schema'
import { newId } from '../src/lib/ids'
import { BUILTIN_CODENAMES } from '../src/lib/permissions'
import { call, createOrg, makeApp, registerUser } from './helpers'
import { superuserOf, userWith } from './rbac-helpers'

/**
 * The permission matrix: a user holding exactly one built-in codename may use exactly
 * the endpoints that codename grants, and gets the exact DRF 403 body everywhere else.
 * Ids are random, so an allowed call ends in 404 or 400 — never a change — while a
 * denied one is refused before the object is looked up.
 */
const app = await makeApp()
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }
const ID = ':id'

/** [method, path, codenames that grant it (any of); [] = superusers only; null = every authenticated caller]. */
const matrix: [string, string, string[] | null][] = [
  ['GET', '/api/v1/organizations/', null],
  ['POST', '/api/v1/organizations/', []],
  ['GET', `/api/v1/organizations/${ID}/`, ['manage_organization']],
  ['PUT', `/api/v1/organizations/${ID}/`, ['manage_organization']],
  ['PATCH', `/api/v1/organizations/${ID}/`, ['manage_organization']],
  ['DELETE', `/api/v1/organizations/${ID}/`, ['manage_organization']],
  ['POST', `/api/v1/organizations/${ID}/restore/`, []],
  ['GET', '/api/v1/developers/', ['view_developers', 'manage_developers']],
  ['POST', '/api/v1/developers/', ['manage_developers']],
  ['GET', `/api/v1/developers/${ID}/`, ['view_developers', 'manage_developers']],
  ['PUT', `/api/v1/developers/${ID}/`, ['manage_developers']],
  ['PATCH', `/api/v1/developers/${ID}/`, ['manage_developers']],
  ['DELETE', `/api/v1/developers/${ID}/`, ['manage_developers']],
  ['POST', `/api/v1/developers/${ID}/restore/`, ['manage_developers']],
  ['GET', `/api/v1/developers/${ID}/keys/`, ['manage_developers']],
  ['POST', `/api/v1/developers/${ID}/keys/`, ['manage_developers']],
  ['DELETE', `/api/v1/developers/${ID}/keys/${ID}/`, ['manage_developers']],
  ['GET', '/api/v1/users/', ['view_users', 'manage_users']],
  ['POST', '/api/v1/users/', ['manage_users']],
  ['GET', `/api/v1/users/${ID}/`, ['view_users', 'manage_users']],
  ['PUT', `/api/v1/users/${ID}/`, ['manage_users']],
  ['PATCH', `/api/v1/users/${ID}/`, ['manage_users']],
  ['DELETE', `/api/v1/users/${ID}/`, ['manage_users']],
  ['POST', `/api/v1/users/${ID}/restore/`, ['manage_users']],
  ['PUT', `/api/v1/users/${ID}/roles/`, ['manage_user_roles']],
  ['GET', '/api/v1/roles/', ['view_roles', 'manage_roles']],
  ['POST', '/api/v1/roles/', ['manage_roles']],
  ['GET', `/api/v1/roles/${ID}/`, ['view_roles', 'manage_roles']],
  ['PUT', `/api/v1/roles/${ID}/`, ['manage_roles']],
  ['PATCH', `/api/v1/roles/${ID}/`, ['manage_roles']],
  ['DELETE', `/api/v1/roles/${ID}/`, ['manage_roles']],
  ['POST', `/api/v1/roles/${ID}/restore/`, ['manage_roles']],
  ['GET', '/api/v1/permissions/', ['manage_permissions']],
  ['POST', '/api/v1/permissions/', ['manage_permissions']],
  ['GET', `/api/v1/permissions/${ID}/`, ['manage_permissions']],
  ['PUT', `/api/v1/permissions/${ID}/`, ['manage_permissions']],
  ['PATCH', `/api/v1/permissions/${ID}/`, ['manage_permissions']],
  ['DELETE', `/api/v1/permissions/${ID}/`, ['manage_permissions']],
  ['POST', `/api/v1/permissions/${ID}/restore/`, ['manage_permissions']],
  ['GET', '/api/v1/user-roles/', ['manage_user_roles']],
  ['POST', '/api/v1/user-roles/', ['manage_user_roles']],
  ['GET', `/api/v1/user-roles/${ID}/`, ['manage_user_roles']],
  ['DELETE', `/api/v1/user-roles/${ID}/`, ['manage_user_roles']],
  ['GET', '/api/v1/audit-events/', ['view_audit_log']],
  ['POST', '/api/v1/products/', ['manage_products']],
  ['PUT', `/api/v1/products/${ID}/`, ['manage_products']],
  ['PATCH', `/api/v1/products/${ID}/`, ['manage_products']],
  ['DELETE', `/api/v1/products/${ID}/`, ['manage_products']],
  ['DELETE', `/api/v1/orders/${ID}/`, ['manage_orders']],
  // Seed routes (src/modules/seeds/) declare the same codenames as the routes they run.
  // (Seed 002's are checked against its README in test/seeds/seed002.test.ts.)
  ['GET', `/api/auth/users/${ID}/`, ['view_users', 'manage_users']],
  ['DELETE', `/api/auth/users/${ID}/`, ['manage_users']],
  ['POST', `/api/auth/users/${ID}/assign_groups/`, ['manage_user_roles']],
  ['GET', '/api/auth/groups/', ['manage_roles']],
  ['POST', '/api/auth/groups/', ['manage_roles']],
  ['GET', `/api/auth/groups/${ID}/`, ['manage_roles']],
  ['PUT', `/api/auth/groups/${ID}/`, ['manage_roles']],
  ['DELETE', `/api/auth/groups/${ID}/`, ['manage_roles']],
  ['POST', '/products/add/', ['manage_products']],
  ['PUT', `/products/edit/${ID}`, ['manage_products']],
  ['DELETE', `/products/delete/${ID}`, ['manage_products']],
  ['DELETE', `/orders/delete/${ID}/`, ['manage_orders']],
]

const request = (token: string, method: string, path: string) => {
  const url = path.replaceAll(ID, () => randomUUID())
  return call(app, method as 'GET', url, { token, ...(['POST', 'PUT', 'PATCH'].includes(method) && { body: {} }) })
}

describe('permission matrix', async () => {
  const org = await createOrg(app)

  it('lists every built-in codename but view_orders (object-level, tested below)', () => {
    const used = new Set(matrix.flatMap(([, , c]) => c ?? []))
    expect(BUILTIN_CODENAMES.filter((c) => !used.has(c))).toEqual(['view_orders'])
  })

  it.each([...BUILTIN_CODENAMES, '(none)'])('%s grants exactly its endpoints', async (codename) => {
    const { token } = await userWith(app, org, codename === '(none)' ? [] : [codename])
    for (const [method, path, grantedBy] of matrix) {
      const res = await request(token, method, path)
      const allowed = grantedBy === null || grantedBy.includes(codename)
      if (allowed) expect(res.status, `${codename}: ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).not.toBe(403)
      else {
        expect(res.status, `${codename}: ${method} ${path}`).toBe(403)
        expect(res.body).toEqual(DENIED)
      }
    }
  })

  it('a superuser passes every check', async () => {
    const { token } = await superuserOf(app, org)
    for (const [method, path] of matrix) {
      expect((await request(token, method, path)).status, `${method} ${path}`).not.toBe(403)
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
    await app.db.insert(orders).values({ id: orderId, organizationId: org.id, userId: customer.user.id, status: 'pending', total: '0.00', currency: 'EUR' })
    for (const codename of BUILTIN_CODENAMES) {
      const { token } = await userWith(app, org, [codename])
      const res = await call(app, 'GET', `/api/v1/orders/${orderId}/`, { token })
      expect(res.status, codename).toBe(['view_orders', 'manage_orders'].includes(codename) ? 200 : 404)
    }
  })
})
