import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, promoteToSuperuser, registerUser } from '../../../test/support/helpers'

const app = await makeApp()
const org = await createOrg(app)

const access = (token: string, orgHeader?: string) => call(app, 'GET', '/api/v1/auth/me/access/', { token, org: orgHeader })

describe('GET /api/v1/auth/me/access/', () => {
  it('answers my roles, permissions and organization, and follows a role change at once', async () => {
    const u = await registerUser(app, org)
    const before = await access(u.access)
    expect(before.status).toBe(200)
    expect(before.body).toEqual({ is_superuser: false, roles: ['customer'], permissions: [], organization: { id: org.id, slug: org.slug, name: org.slug } })

    const admin = await registerUser(app, org)
    await promoteToSuperuser(app, admin.user.id)
    const roles = await call(app, 'GET', '/api/v1/roles/?search=admin', { token: admin.access })
    const adminRole = roles.body.results.find((r: { name: string }) => r.name === 'admin')
    expect((await call(app, 'PUT', `/api/v1/users/${u.user.id}/roles/`, { token: admin.access, body: { role_ids: [adminRole.id] } })).status).toBe(200)
    const after = await access(u.access)
    expect(after.body.roles).toEqual(['admin'])
    expect(after.body.permissions).toContain('manage_users')
    expect(after.body.permissions).toEqual([...after.body.permissions].sort())
  })

  it('ignores X-Organization for a non-superuser and needs credentials', async () => {
    const other = await createOrg(app)
    const u = await registerUser(app, org)
    expect((await access(u.access, other.slug)).body.organization.id).toBe(org.id)
    expect((await call(app, 'GET', '/api/v1/auth/me/access/')).status).toBe(401)
    expect((await access('not-a-token')).status).toBe(401)
  })

  it('says superuser for a superuser, whose own organization stays the one shown', async () => {
    const other = await createOrg(app)
    const su = await registerUser(app, org)
    await promoteToSuperuser(app, su.user.id)
    const res = await access(su.access, other.slug)
    expect(res.body.is_superuser).toBe(true)
    expect(res.body.organization.id).toBe(org.id)
  })
})
