import { describe, expect, it } from 'vitest'
import { call, makeApp } from '../../../test/support/helpers'
import { orgWithAdmin, permissionId, userWith } from '../../../test/support/rbac-helpers'

const app = await makeApp()

describe('/api/v1/roles/', () => {
  it('creates a role with permissions, lists, changes and deletes it', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const viewUsers = await permissionId(app, org.id, 'view_users')
    const created = await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: 'Support', description: 'Helps', permission_ids: [viewUsers] } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Support', description: 'Helps', permissions: [{ id: viewUsers, codename: 'view_users', name: 'Can view users' }] })
    const id = created.body.id

    const dup = await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: 'support' } })
    expect(dup.status).toBe(400)
    expect(dup.body).toEqual({ name: ['role with this name already exists.'] })

    const list = await call(app, 'GET', '/api/v1/roles/?search=supp', { token: admin.token })
    expect(list.status).toBe(200)
    expect(list.body.results.map((r: { id: string }) => r.id)).toEqual([id])

    const patched = await call(app, 'PATCH', `/api/v1/roles/${id}/`, { token: admin.token, body: { permission_ids: [] } })
    expect(patched.status).toBe(200)
    expect(patched.body.permissions).toEqual([])

    const put = await call(app, 'PUT', `/api/v1/roles/${id}/`, { token: admin.token, body: { name: 'Support 2' } })
    expect(put.body).toMatchObject({ name: 'Support 2', description: '', permissions: [] })

    expect((await call(app, 'DELETE', `/api/v1/roles/${id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', `/api/v1/roles/${id}/`, { token: admin.token })).status).toBe(404)
    expect((await call(app, 'POST', `/api/v1/roles/${id}/restore/`, { token: admin.token })).body.name).toBe('Support 2')
  })

  it('rejects permissions of another organization as a field error', async () => {
    const a = await orgWithAdmin(app)
    const b = await orgWithAdmin(app)
    const foreign = await permissionId(app, b.org.id, 'view_users')
    const res = await call(app, 'POST', '/api/v1/roles/', { token: a.admin.token, body: { name: 'x', permission_ids: [foreign] } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ permission_ids: [`Invalid pk "${foreign}" - object does not exist.`] })
  })

  it('a permission change takes effect on the holder\'s next request', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const staff = await userWith(app, org, ['view_users'])
    expect((await call(app, 'GET', '/api/v1/users/', { token: staff.token })).status).toBe(200)
    expect((await call(app, 'PATCH', `/api/v1/roles/${staff.roleId}/`, { token: admin.token, body: { permission_ids: [] } })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/users/', { token: staff.token })).status).toBe(403)
    const viewUsers = await permissionId(app, org.id, 'view_users')
    await call(app, 'PATCH', `/api/v1/roles/${staff.roleId}/`, { token: admin.token, body: { permission_ids: [viewUsers] } })
    expect((await call(app, 'GET', '/api/v1/users/', { token: staff.token })).status).toBe(200)
    await call(app, 'DELETE', `/api/v1/roles/${staff.roleId}/`, { token: admin.token })
    expect((await call(app, 'GET', '/api/v1/users/', { token: staff.token })).status).toBe(403)
  })
})

describe('bad input is a 400, never a 500', () => {
  it('NUL characters in bodies, queries and JSON', async () => {
    const { admin } = await orgWithAdmin(app)
    const cases = [
      await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: 'a\u0000b' } }),
      await call(app, 'GET', '/api/v1/roles/?search=%00', { token: admin.token }),
      await call(app, 'PATCH', `/api/v1/users/${admin.user.id}/`, { token: admin.token, body: { profile: { a: 'x\u0000' } } }),
    ]
    for (const res of cases) expect(res.body).toEqual({ non_field_errors: ['Null characters are not allowed.'] })
    const forged = Buffer.from(JSON.stringify({ v: { nested: 1 }, id: '01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e' })).toString('base64url')
    expect((await call(app, 'GET', `/api/v1/roles/?cursor=${forged}`, { token: admin.token })).body).toEqual({ cursor: ['Invalid cursor'] })
  })
})
