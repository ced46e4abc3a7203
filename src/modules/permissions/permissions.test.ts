import { describe, expect, it } from 'vitest'
import { call, makeApp, unique } from '../../../test/support/helpers'
import { orgWithAdmin, permissionId, userWith } from '../../../test/support/rbac-helpers'

const app = await makeApp()

describe('/api/v1/permissions/', () => {
  it('creates a custom permission that a role grants and routes can check', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const codename = unique('refund_orders.')
    const created = await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename, name: 'Can refund orders' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ codename, name: 'Can refund orders', description: '', is_builtin: false })
    const dup = await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename, name: 'again' } })
    expect(dup.body).toEqual({ codename: ['permission with this codename already exists.'] })
    const list = await call(app, 'GET', '/api/v1/permissions/?is_builtin=false', { token: admin.token })
    expect(list.body.results.map((p: { codename: string }) => p.codename)).toEqual([codename])
    const holder = await userWith(app, org, [])
    const role = await call(app, 'PATCH', `/api/v1/roles/${holder.roleId}/`, { token: admin.token, body: { permission_ids: [created.body.id] } })
    expect(role.body.permissions).toEqual([{ id: created.body.id, codename, name: 'Can refund orders' }])
  })

  it('rejects bad codenames', async () => {
    const { admin } = await orgWithAdmin(app)
    for (const codename of ['Upper', '1digit', 'a', 'has space', 'x'.repeat(101)]) {
      const res = await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename, name: 'x' } })
      expect(res.status, codename).toBe(400)
      expect(Object.keys(res.body)).toEqual(['codename'])
    }
  })

  it('built-in permissions are read-only (403)', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const id = await permissionId(app, org.id, 'view_users')
    expect((await call(app, 'GET', `/api/v1/permissions/${id}/`, { token: admin.token })).body.is_builtin).toBe(true)
    for (const [method, body] of [['PUT', { codename: 'view_users', name: 'x' }], ['PATCH', { name: 'x' }], ['DELETE', undefined]] as const) {
      const res = await call(app, method, `/api/v1/permissions/${id}/`, { token: admin.token, body })
      expect(res.status, method).toBe(403)
      expect(res.body.code).toBe('permission_denied')
    }
  })

  it('deleting a custom permission removes it from its holders at once; restore is 409 if the codename was reused', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const codename = unique('export_reports_')
    const perm = (await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename, name: 'Export' } })).body
    const holder = await userWith(app, org, ['view_users'])
    const viewUsers = await permissionId(app, org.id, 'view_users')
    await call(app, 'PATCH', `/api/v1/roles/${holder.roleId}/`, { token: admin.token, body: { permission_ids: [viewUsers, perm.id] } })
    // The renamed codename is what the next request sees (roles are resolved live, not from the JWT claims).
    await call(app, 'PATCH', `/api/v1/permissions/${perm.id}/`, { token: admin.token, body: { codename: `${codename}_v2` } })
    expect((await call(app, 'GET', `/api/v1/roles/${holder.roleId}/`, { token: admin.token })).body.permissions.map((p: { codename: string }) => p.codename)).toContain(`${codename}_v2`)
    expect((await call(app, 'DELETE', `/api/v1/permissions/${perm.id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', `/api/v1/roles/${holder.roleId}/`, { token: admin.token })).body.permissions.map((p: { id: string }) => p.id)).toEqual([viewUsers])
    await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename: `${codename}_v2`, name: 'Reused' } })
    expect((await call(app, 'POST', `/api/v1/permissions/${perm.id}/restore/`, { token: admin.token })).status).toBe(409)
  })
})
