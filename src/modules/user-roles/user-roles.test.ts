import { describe, expect, it } from 'vitest'
import { call, makeApp, registerUser } from '../../../test/support/helpers'
import { orgWithAdmin, roleId } from '../../../test/support/rbac-helpers'

const app = await makeApp()

describe('/api/v1/user-roles/', () => {
  it('assigns a role, lists, reads and removes the assignment; each change is effective on the next request', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const member = await registerUser(app, org)
    const adminRole = await roleId(app, org.id, 'admin')
    expect((await call(app, 'GET', '/api/v1/audit-events/', { token: member.access })).status).toBe(403)

    const created = await call(app, 'POST', '/api/v1/user-roles/', { token: admin.token, body: { user: member.user.id, role: adminRole } })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ id: expect.any(String), user: member.user.id, role: adminRole, created_at: expect.any(String) })
    expect((await call(app, 'GET', '/api/v1/audit-events/', { token: member.access })).status).toBe(200)

    const dup = await call(app, 'POST', '/api/v1/user-roles/', { token: admin.token, body: { user: member.user.id, role: adminRole } })
    expect(dup.body).toEqual({ non_field_errors: ['The fields user, role must make a unique set.'] })
    const list = await call(app, 'GET', `/api/v1/user-roles/?user=${member.user.id}`, { token: admin.token })
    expect(list.body.results.map((a: { role: string }) => a.role).sort()).toEqual([adminRole, await roleId(app, org.id, 'customer')].sort())
    expect((await call(app, 'GET', `/api/v1/user-roles/${created.body.id}/`, { token: admin.token })).body.id).toBe(created.body.id)

    expect((await call(app, 'DELETE', `/api/v1/user-roles/${created.body.id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/audit-events/', { token: member.access })).status).toBe(403)
    expect((await call(app, 'GET', `/api/v1/user-roles/${created.body.id}/`, { token: admin.token })).status).toBe(404)
  })

  it('rejects users and roles of another organization as field errors', async () => {
    const a = await orgWithAdmin(app)
    const b = await orgWithAdmin(app)
    const res = await call(app, 'POST', '/api/v1/user-roles/', { token: a.admin.token, body: { user: b.admin.user.id, role: await roleId(app, b.org.id, 'admin') } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body).sort()).toEqual(['role', 'user'])
    expect(res.body.user).toEqual([`Invalid pk "${b.admin.user.id}" - object does not exist.`])
  })
})
