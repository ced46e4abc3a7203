import { describe, expect, it } from 'vitest'
import { call, makeApp, registerUser, unique } from '../../../test/support/helpers'
import { orgWithAdmin } from '../../../test/support/rbac-helpers'

const app = await makeApp()

describe('GET /api/v1/audit-events/', () => {
  it('records every create/update/delete of the RBAC objects, with actor, target, ip and user agent', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const h = { token: admin.token, headers: { 'user-agent': 'audit-test/1.0' } }
    const role = (await call(app, 'POST', '/api/v1/roles/', { ...h, body: { name: unique('r-') } })).body
    await call(app, 'PATCH', `/api/v1/roles/${role.id}/`, { ...h, body: { description: 'x' } })
    await call(app, 'DELETE', `/api/v1/roles/${role.id}/`, h)
    const perm = (await call(app, 'POST', '/api/v1/permissions/', { ...h, body: { codename: unique('p_'), name: 'p' } })).body
    const dev = (await call(app, 'POST', '/api/v1/developers/', { ...h, body: { name: unique('d-') } })).body
    const key = (await call(app, 'POST', `/api/v1/developers/${dev.id}/keys/`, { ...h, body: { name: 'k' } })).body
    await call(app, 'DELETE', `/api/v1/developers/${dev.id}/keys/${key.id}/`, h)
    const member = await registerUser(app, org)
    await call(app, 'PUT', `/api/v1/users/${member.user.id}/roles/`, { ...h, body: { role_ids: [] } })
    await call(app, 'PATCH', `/api/v1/organizations/${org.id}/`, { ...h, body: { name: 'renamed' } })

    const res = await call(app, 'GET', `/api/v1/audit-events/?actor=${admin.user.id}&limit=200`, { token: admin.token })
    expect(res.status).toBe(200)
    const actions = res.body.results.map((e: { action: string }) => e.action)
    expect(actions).toEqual([
      'organization.updated', 'user.roles_set', 'api_key.revoked', 'api_key.created', 'developer.created', 'permission.created', 'role.deleted', 'role.updated', 'role.created', 'user.registered',
    ])
    expect(res.body.results[res.body.results.length - 2]).toEqual({
      id: expect.any(String), organization: org.id, actor_type: 'user', actor_id: admin.user.id, action: 'role.created', target_type: 'role', target_id: role.id,
      ip: '127.0.0.1', user_agent: 'audit-test/1.0', metadata: { name: role.name, permission_ids: [] }, created_at: expect.any(String),
    })
    const byTarget = await call(app, 'GET', `/api/v1/audit-events/?target=${perm.id}`, { token: admin.token })
    expect(byTarget.body.results.map((e: { action: string }) => e.action)).toEqual(['permission.created'])
    const byType = await call(app, 'GET', '/api/v1/audit-events/?target_type=api_key&action=api_key.revoked', { token: admin.token })
    expect(byType.body.results.map((e: { target_id: string }) => e.target_id)).toEqual([key.id])
  })

  it('filters by time and pages newest first', async () => {
    const { admin } = await orgWithAdmin(app)
    const before = new Date().toISOString()
    for (let i = 0; i < 5; i++) await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: unique('t-') } })
    const future = new Date(Date.now() + 60_000).toISOString()
    const q = `action=role.created&created_after=${before}`
    const p1 = await call(app, 'GET', `/api/v1/audit-events/?${q}&limit=3`, { token: admin.token })
    const p2 = await call(app, 'GET', p1.body.next.replace(app.ctx.config.publicUrl, ''), { token: admin.token })
    const all = [...p1.body.results, ...p2.body.results]
    expect(all).toHaveLength(5)
    expect(all.map((e: { created_at: string }) => e.created_at)).toEqual(all.map((e: { created_at: string }) => e.created_at).sort().reverse())
    expect((await call(app, 'GET', `/api/v1/audit-events/?created_after=${future}`, { token: admin.token })).body.results).toEqual([])
    expect((await call(app, 'GET', `/api/v1/audit-events/?${q}&created_before=${before}`, { token: admin.token })).body.results).toEqual([])
    expect((await call(app, 'GET', '/api/v1/audit-events/?created_after=yesterday', { token: admin.token })).status).toBe(400)
  })

  it('shows only the organization\'s own events', async () => {
    const a = await orgWithAdmin(app)
    const b = await orgWithAdmin(app)
    await call(app, 'POST', '/api/v1/roles/', { token: b.admin.token, body: { name: 'b-only' } })
    const res = await call(app, 'GET', '/api/v1/audit-events/?limit=200', { token: a.admin.token })
    expect(res.body.results.every((e: { organization: string }) => e.organization === a.org.id)).toBe(true)
  })
})
