import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BUILTIN_CODENAMES } from '../../src/lib/permissions'
import { createOrg, makeApp } from '../support/helpers'
import { adminOf, userWith } from '../support/rbac-helpers'
import { bearer, httpClient } from '../support/seed-http'

/** Seed 002 (RBAC API, base URL /api): every README example, over HTTP, and the permission each endpoint names. */
const app = await makeApp()
const http = await httpClient(app)
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }

describe('seed 002: /api/auth/register/, /api/auth/login/, /api/users/, /api/roles/, /api/permissions/, /api/user-roles/', async () => {
  it('register → {access, refresh, user{…phone_number, is_active}}; login by email → {access, refresh, user}; GET /api/users/ with the token', async () => {
    const org = await createOrg(app)
    const h = { 'content-type': 'application/json', 'x-organization': org.slug }
    const body = { email: 'user@example.com', username: 'username', password: 'SecurePass123!', first_name: 'John', last_name: 'Doe', phone_number: '1234567890' }
    const reg = await http('POST', '/api/auth/register/', { headers: h, body })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    expect(reg.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user: { id: expect.any(String), email: 'user@example.com', username: 'username', first_name: 'John', last_name: 'Doe', phone_number: '1234567890', is_active: true } })

    // The README's curl line: curl -X POST …/api/auth/login/ -H "Content-Type: application/json" -d '{"email":"user@example.com","password":"SecurePass123!"}'
    const login = await http('POST', '/api/auth/login/', { headers: h, body: { email: 'user@example.com', password: 'SecurePass123!' } })
    expect(login.status).toBe(200)
    expect(login.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user: { id: reg.body.user.id, email: 'user@example.com', username: 'username', first_name: 'John', last_name: 'Doe' } })

    // curl …/api/users/ -H "Authorization: Bearer <your_token>": a customer lacks view_users.
    expect((await http('GET', '/api/users/', { headers: bearer(login.body.access) })).body).toEqual(DENIED)
    const admin = await adminOf(app, org)
    const users = await http('GET', '/api/users/', { headers: bearer(admin.token) })
    expect(users.status).toBe(200)
    expect(Array.isArray(users.body)).toBe(true)
    expect(users.body).toContainEqual(expect.objectContaining({ id: reg.body.user.id, email: 'user@example.com', username: 'username', first_name: 'John', last_name: 'Doe', is_active: true }))
  })

  it('users, roles with permission_ids → permissions [{id, name, codename}], permissions, user-roles {user, role} → {id, user, role, created_at}', async () => {
    const org = await createOrg(app)
    const admin = bearer((await adminOf(app, org)).token)

    const user = await http('POST', '/api/users/', { headers: admin, body: { email: 'newuser@example.com', username: 'newuser', password: 'SecurePass123!', first_name: 'Jane', last_name: 'Smith' } })
    expect(user.status, JSON.stringify(user.body)).toBe(201)
    expect((await http('GET', `/api/users/${user.body.id}/`, { headers: admin })).body).toMatchObject({ username: 'newuser', first_name: 'Jane' })
    const put = await http('PUT', `/api/users/${user.body.id}/`, { headers: admin, body: { email: 'newuser@example.com', username: 'newuser', last_name: 'Doe' } })
    expect(put.body).toMatchObject({ first_name: 'Jane', last_name: 'Doe' })

    const perm = await http('POST', '/api/permissions/', { headers: admin, body: { name: 'New Permission', codename: 'new_permission', description: 'Description of new permission' } })
    expect(perm.status, JSON.stringify(perm.body)).toBe(201)
    expect(perm.body).toMatchObject({ id: expect.any(String), name: 'New Permission', codename: 'new_permission', description: 'Description of new permission' })
    const perms = await http('GET', '/api/permissions/', { headers: admin })
    expect(perms.body).toContainEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), codename: 'manage_users', description: expect.any(String) }))
    expect((await http('GET', `/api/permissions/${perm.body.id}/`, { headers: admin })).body.codename).toBe('new_permission')
    expect((await http('PUT', `/api/permissions/${perm.body.id}/`, { headers: admin, body: { name: 'Renamed', codename: 'new_permission' } })).body).toMatchObject({ name: 'Renamed', description: 'Description of new permission' })

    const role = await http('POST', '/api/roles/', { headers: admin, body: { name: 'New Role', description: 'Description of new role', permission_ids: [perm.body.id] } })
    expect(role.status, JSON.stringify(role.body)).toBe(201)
    expect(role.body).toMatchObject({ name: 'New Role', description: 'Description of new role', permissions: [{ id: perm.body.id, name: 'Renamed', codename: 'new_permission' }] })
    const roles = await http('GET', '/api/roles/', { headers: admin })
    expect(roles.body.map((r: { name: string }) => r.name).sort()).toEqual(['New Role', 'admin', 'customer'])
    expect((await http('PUT', `/api/roles/${role.body.id}/`, { headers: admin, body: { name: 'Newer Role' } })).body).toMatchObject({ name: 'Newer Role', permissions: [{ id: perm.body.id }] })

    const ur = await http('POST', '/api/user-roles/', { headers: admin, body: { user: user.body.id, role: role.body.id } })
    expect(ur.status, JSON.stringify(ur.body)).toBe(201)
    expect(ur.body).toEqual({ id: expect.any(String), user: user.body.id, role: role.body.id, created_at: expect.any(String) })
    expect((await http('GET', '/api/user-roles/', { headers: admin })).body).toContainEqual(ur.body)
    expect((await http('GET', `/api/user-roles/${ur.body.id}/`, { headers: admin })).body).toEqual(ur.body)

    for (const path of [`/api/user-roles/${ur.body.id}/`, `/api/roles/${role.body.id}/`, `/api/permissions/${perm.body.id}/`, `/api/users/${user.body.id}/`]) {
      expect((await http('DELETE', path, { headers: admin })).status, path).toBe(204)
      expect((await http('GET', path, { headers: admin })).body, path).toEqual({ detail: 'Not found.', code: 'not_found' })
    }
  })

  /** [method, path, the README's "Permission:" line]. */
  const ID = ':id'
  const matrix: [string, string, string[]][] = [
    ['GET', '/api/users/', ['manage_users', 'view_users']],
    ['POST', '/api/users/', ['manage_users']],
    ['GET', `/api/users/${ID}/`, ['manage_users', 'view_users']],
    ['PUT', `/api/users/${ID}/`, ['manage_users']],
    ['DELETE', `/api/users/${ID}/`, ['manage_users']],
    ['GET', '/api/roles/', ['manage_roles', 'view_roles']],
    ['POST', '/api/roles/', ['manage_roles']],
    ['GET', `/api/roles/${ID}/`, ['manage_roles', 'view_roles']],
    ['PUT', `/api/roles/${ID}/`, ['manage_roles']],
    ['DELETE', `/api/roles/${ID}/`, ['manage_roles']],
    ['GET', '/api/permissions/', ['manage_permissions']],
    ['POST', '/api/permissions/', ['manage_permissions']],
    ['GET', `/api/permissions/${ID}/`, ['manage_permissions']],
    ['PUT', `/api/permissions/${ID}/`, ['manage_permissions']],
    ['DELETE', `/api/permissions/${ID}/`, ['manage_permissions']],
    ['GET', '/api/user-roles/', ['manage_user_roles']],
    ['POST', '/api/user-roles/', ['manage_user_roles']],
    ['GET', `/api/user-roles/${ID}/`, ['manage_user_roles']],
    ['DELETE', `/api/user-roles/${ID}/`, ['manage_user_roles']],
  ]

  it.each([...BUILTIN_CODENAMES, '(none)'])('%s opens exactly the endpoints whose README permission names it', async (codename) => {
    const org = await createOrg(app)
    const { token } = await userWith(app, org, codename === '(none)' ? [] : [codename])
    for (const [method, path, grantedBy] of matrix) {
      const res = await http(method, path.replace(ID, randomUUID()), { headers: bearer(token), ...(['POST', 'PUT'].includes(method) && { body: {} }) })
      if (grantedBy.includes(codename)) expect(res.status, `${codename}: ${method} ${path} → ${res.status}`).not.toBe(403)
      else expect([res.status, res.body], `${codename}: ${method} ${path}`).toEqual([403, DENIED])
    }
    expect((await http('GET', '/api/users/')).status).toBe(401)
  })
})
