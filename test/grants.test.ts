import { describe, expect, it } from 'vitest'
import { call, makeApp, registerUser, unique } from './support/helpers'
import { declaredRoutes, orgWithAdmin, permissionId, roleId, superuserOf, userWith } from './support/rbac-helpers'

/**
 * The bounds on granting (docs/rbac.md "Who may grant what"): setting roles needs
 * manage_user_roles; nobody grants, takes away or acts on permissions they do not hold;
 * nobody edits a role they hold; superuser accounts only by superusers.
 */
const app = await makeApp()
await app.ready()
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }

async function setup() {
  const { org, admin } = await orgWithAdmin(app)
  const ids = async (codenames: string[]) => Promise.all(codenames.map((c) => permissionId(app, org.id, c)))
  const role = async (codenames: string[]) => {
    const res = await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: unique('role-'), permission_ids: await ids(codenames) } })
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  return { org, admin, ids, role, adminRole: await roleId(app, org.id, 'admin') }
}

const expectDenied = (res: { status: number; body: unknown }, what: string) => {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(403)
  expect(res.body).toEqual(DENIED)
}
const newUser = () => { const u = unique('u'); return { username: u, email: `${u}@example.com` } }

describe('setting roles needs manage_user_roles, and only roles within the caller\'s permissions', () => {
  it('manage_users alone creates users with the default role, but not with role_ids', async () => {
    const { org, adminRole } = await setup()
    const staff = await userWith(app, org, ['manage_users'])
    expectDenied(await call(app, 'POST', '/api/v1/users/', { token: staff.token, body: { ...newUser(), role_ids: [adminRole] } }), 'admin role')
    const plain = await call(app, 'POST', '/api/v1/users/', { token: staff.token, body: newUser() })
    expect(plain.status).toBe(201)
    expect(plain.body.roles.map((r: { name: string }) => r.name)).toEqual(['customer'])
  })

  it('manage_user_roles grants only roles whose permissions the caller holds, on every route that sets roles', async () => {
    const { org, adminRole, role } = await setup()
    const lead = await userWith(app, org, ['manage_users', 'manage_user_roles', 'view_users'])
    const small = await role(['view_users'])
    const big = await role(['view_users', 'view_audit_log'])
    const target = await registerUser(app, org)
    const created = await call(app, 'POST', '/api/v1/users/', { token: lead.token, body: { ...newUser(), role_ids: [small] } })
    expect(created.status).toBe(201)
    for (const roleIdToGrant of [big, adminRole]) {
      expectDenied(await call(app, 'POST', '/api/v1/users/', { token: lead.token, body: { ...newUser(), role_ids: [roleIdToGrant] } }), 'create')
      expectDenied(await call(app, 'PUT', `/api/v1/users/${target.user.id}/roles/`, { token: lead.token, body: { role_ids: [roleIdToGrant] } }), 'PUT roles')
      expectDenied(await call(app, 'POST', '/api/v1/user-roles/', { token: lead.token, body: { user: target.user.id, role: roleIdToGrant } }), 'user-roles')
    }
    expect((await call(app, 'GET', '/api/v1/audit-events/', { token: target.access })).status).toBe(403)
    expect((await call(app, 'PUT', `/api/v1/users/${target.user.id}/roles/`, { token: lead.token, body: { role_ids: [small] } })).status).toBe(200)
    // The grant applies on the grantee's next request, as before.
    expect((await call(app, 'GET', '/api/v1/users/', { token: target.access })).status).toBe(200)
  })

  it('manage_developers alone cannot give a developer roles, nor mint a key for one that holds more than the caller', async () => {
    const { org, admin, adminRole, role } = await setup()
    const ops = await userWith(app, org, ['manage_developers'])
    expectDenied(await call(app, 'POST', '/api/v1/developers/', { token: ops.token, body: { name: unique('dev-'), role_ids: [adminRole] } }), 'create with admin')
    const bare = await call(app, 'POST', '/api/v1/developers/', { token: ops.token, body: { name: unique('dev-') } })
    expect(bare.status).toBe(201)
    expect((await call(app, 'POST', `/api/v1/developers/${bare.body.id}/keys/`, { token: ops.token, body: { name: 'k' } })).status).toBe(201)
    expectDenied(await call(app, 'PATCH', `/api/v1/developers/${bare.body.id}/`, { token: ops.token, body: { role_ids: [await role([])] } }), 'set roles')

    const strong = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: unique('dev-'), role_ids: [adminRole] } })
    const url = `/api/v1/developers/${strong.body.id}/`
    expectDenied(await call(app, 'POST', `${url}keys/`, { token: ops.token, body: { name: 'mine now' } }), 'mint key')
    expectDenied(await call(app, 'PATCH', url, { token: ops.token, body: { name: unique('renamed-') } }), 'change')
    // PUT replaces: omitted role_ids would take the admin role away.
    expectDenied(await call(app, 'PUT', url, { token: ops.token, body: { name: strong.body.name } }), 'PUT')
    expectDenied(await call(app, 'DELETE', url, { token: ops.token }), 'delete')
    const strongKey = await call(app, 'POST', `${url}keys/`, { token: admin.token, body: { name: 'theirs' } })
    expectDenied(await call(app, 'DELETE', `${url}keys/${strongKey.body.id}/`, { token: ops.token }), 'revoke key')
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: strongKey.body.key })).status).not.toBe(401)
    expect((await call(app, 'GET', url, { token: admin.token })).body.roles).toEqual([{ id: adminRole, name: 'admin' }])
  })

  it('a developer key with manage_user_roles cannot grant above its own permissions', async () => {
    const { org, admin, adminRole, role } = await setup()
    const own = await role(['manage_developers', 'manage_user_roles', 'view_users'])
    const dev = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: unique('dev-'), role_ids: [own] } })
    const key = (await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { token: admin.token, body: { name: 'k' } })).body.key
    const target = await registerUser(app, org)
    expectDenied(await call(app, 'POST', '/api/v1/developers/', { token: key, body: { name: unique('dev-'), role_ids: [adminRole] } }), 'developer')
    expectDenied(await call(app, 'PUT', `/api/v1/users/${target.user.id}/roles/`, { token: key, body: { role_ids: [adminRole] } }), 'user')
    const within = await call(app, 'POST', '/api/v1/developers/', { token: key, body: { name: unique('dev-'), role_ids: [await role(['view_users'])] } })
    expect(within.status).toBe(201)
  })

  it('nobody takes over, strips or deletes an account holding more than they do', async () => {
    const { org } = await setup()
    const staff = await userWith(app, org, ['manage_users', 'manage_user_roles'])
    const boss = await userWith(app, org, ['manage_users', 'manage_user_roles', 'view_audit_log'])
    const url = `/api/v1/users/${boss.user.id}/`
    // A new email then a password reset would hand the caller the stronger account.
    expectDenied(await call(app, 'PATCH', url, { token: staff.token, body: { email: 'attacker@example.com' } }), 'email')
    expectDenied(await call(app, 'PATCH', url, { token: staff.token, body: { is_active: false } }), 'deactivate')
    expectDenied(await call(app, 'DELETE', url, { token: staff.token }), 'delete')
    expectDenied(await call(app, 'PUT', `${url}roles/`, { token: staff.token, body: { role_ids: [] } }), 'strip')
    const [assignment] = (await call(app, 'GET', `/api/v1/user-roles/?user=${boss.user.id}`, { token: staff.token })).body.results
    expectDenied(await call(app, 'DELETE', `/api/v1/user-roles/${assignment.id}/`, { token: staff.token }), 'unassign')
    expect((await call(app, 'PATCH', url, { token: boss.token, body: { first_name: 'Still' } })).status).toBe(200)
    // An account within reach is fine.
    const peer = await userWith(app, org, ['manage_users'])
    expect((await call(app, 'PATCH', `/api/v1/users/${peer.user.id}/`, { token: staff.token, body: { first_name: 'Peer' } })).status).toBe(200)
  })
})

describe('roles: only permissions the caller holds, and never a role the caller holds', () => {
  it('manage_roles alone cannot add a permission to its own role (nor change it at all)', async () => {
    const { org, ids } = await setup()
    const staff = await userWith(app, org, ['manage_roles'])
    const url = `/api/v1/roles/${staff.roleId}/`
    expectDenied(await call(app, 'PATCH', url, { token: staff.token, body: { permission_ids: await ids(['manage_roles', 'manage_users']) } }), 'add')
    expectDenied(await call(app, 'PATCH', url, { token: staff.token, body: { description: 'mine' } }), 'describe')
    expectDenied(await call(app, 'DELETE', url, { token: staff.token }), 'delete')
    expect((await call(app, 'GET', '/api/v1/users/', { token: staff.token })).status).toBe(403)
  })

  it('creates and edits other roles only within its own permissions', async () => {
    const { org, ids, role, adminRole } = await setup()
    const staff = await userWith(app, org, ['manage_roles', 'view_users'])
    expectDenied(await call(app, 'POST', '/api/v1/roles/', { token: staff.token, body: { name: unique('r-'), permission_ids: await ids(['manage_users']) } }), 'create')
    const made = await call(app, 'POST', '/api/v1/roles/', { token: staff.token, body: { name: unique('r-'), permission_ids: await ids(['view_users']) } })
    expect(made.status).toBe(201)
    expectDenied(await call(app, 'PATCH', `/api/v1/roles/${made.body.id}/`, { token: staff.token, body: { permission_ids: await ids(['view_users', 'manage_users']) } }), 'widen')
    expect((await call(app, 'PATCH', `/api/v1/roles/${made.body.id}/`, { token: staff.token, body: { permission_ids: [] } })).status).toBe(200)
    // A role holding more than the caller is out of reach: not narrowed, renamed, deleted or restored.
    const bigger = await role(['view_users', 'view_audit_log'])
    expectDenied(await call(app, 'PATCH', `/api/v1/roles/${bigger}/`, { token: staff.token, body: { permission_ids: await ids(['view_users']) } }), 'narrow')
    expectDenied(await call(app, 'PATCH', `/api/v1/roles/${adminRole}/`, { token: staff.token, body: { name: unique('not-admin-') } }), 'rename admin')
    expectDenied(await call(app, 'DELETE', `/api/v1/roles/${adminRole}/`, { token: staff.token }), 'delete admin')
    const root = await superuserOf(app, org)
    expect((await call(app, 'DELETE', `/api/v1/roles/${bigger}/`, { token: root.token })).status).toBe(204)
    expectDenied(await call(app, 'POST', `/api/v1/roles/${bigger}/restore/`, { token: staff.token }), 'restore')
  })

  it('an administrator hands out custom permissions but does not edit the admin role; a superuser does', async () => {
    const { org, admin, adminRole } = await setup()
    const perm = await call(app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename: unique('refund_orders_'), name: 'Refunds' } })
    const support = await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: unique('support-'), permission_ids: [perm.body.id] } })
    expect(support.status).toBe(201)
    const withCustom = [...(await call(app, 'GET', `/api/v1/roles/${adminRole}/`, { token: admin.token })).body.permissions.map((p: { id: string }) => p.id), perm.body.id]
    expectDenied(await call(app, 'PATCH', `/api/v1/roles/${adminRole}/`, { token: admin.token, body: { permission_ids: withCustom } }), 'own role')
    const root = await superuserOf(app, org)
    expect((await call(app, 'PATCH', `/api/v1/roles/${adminRole}/`, { token: root.token, body: { permission_ids: withCustom } })).body.permissions).toHaveLength(14)
    // Holding the custom permission does not make a user with it an administrator.
    const lead = await userWith(app, org, ['manage_roles', 'view_users'])
    expectDenied(await call(app, 'POST', '/api/v1/roles/', { token: lead.token, body: { name: unique('r-'), permission_ids: [perm.body.id] } }), 'custom by non-admin')
  })
})

describe('custom permissions: a new codename or a restore reaches every holder', () => {
  it('manage_permissions alone creates and describes, but renames codenames, deletes or restores only within reach', async () => {
    const { org, admin } = await setup()
    const staff = await userWith(app, org, ['manage_permissions'])
    const perm = await call(app, 'POST', '/api/v1/permissions/', { token: staff.token, body: { codename: unique('export_'), name: 'Export' } })
    expect(perm.status).toBe(201)
    const url = `/api/v1/permissions/${perm.body.id}/`
    expect((await call(app, 'PATCH', url, { token: staff.token, body: { name: 'Export reports' } })).status).toBe(200)
    expect((await call(app, 'PUT', url, { token: staff.token, body: { codename: perm.body.codename, name: 'Export all' } })).status).toBe(200)
    expectDenied(await call(app, 'PATCH', url, { token: staff.token, body: { codename: unique('refund_') } }), 'rename')
    expectDenied(await call(app, 'DELETE', url, { token: staff.token }), 'delete')
    expect((await call(app, 'DELETE', url, { token: admin.token })).status).toBe(204)
    expectDenied(await call(app, 'POST', `${url}restore/`, { token: staff.token }), 'restore')
    expect((await call(app, 'POST', `${url}restore/`, { token: admin.token })).status).toBe(200)
  })
})

describe('superuser accounts: one guard on every route that touches an account', () => {
  it('an organization admin cannot change, strip or give roles to a superuser', async () => {
    const { org, admin, adminRole, role } = await setup()
    const root = await superuserOf(app, org)
    const url = `/api/v1/users/${root.user.id}/`
    expectDenied(await call(app, 'PUT', `${url}roles/`, { token: admin.token, body: { role_ids: [] } }), 'PUT roles')
    expectDenied(await call(app, 'POST', '/api/v1/user-roles/', { token: admin.token, body: { user: root.user.id, role: adminRole } }), 'assign')
    const [assignment] = (await call(app, 'GET', `/api/v1/user-roles/?user=${root.user.id}`, { token: admin.token })).body.results
    expectDenied(await call(app, 'DELETE', `/api/v1/user-roles/${assignment.id}/`, { token: admin.token }), 'unassign')
    expectDenied(await call(app, 'PATCH', url, { token: admin.token, body: { is_active: false } }), 'deactivate')
    expectDenied(await call(app, 'DELETE', url, { token: admin.token }), 'delete')
    // A superuser may.
    const other = await superuserOf(app, org)
    expect((await call(app, 'PUT', `${url}roles/`, { token: other.token, body: { role_ids: [await role([])] } })).status).toBe(200)
  })
})

/**
 * Every declared route that changes a user named in its path (`…/users/:id/…`, canonical or
 * seed), so a new one fails here until it has a body below and is shown to run the guard.
 */
const ACCOUNT_WRITES: Record<string, unknown> = {
  'PUT /api/v1/users/:id/': { username: 'root-renamed', email: 'root-renamed@example.com' },
  'PATCH /api/v1/users/:id/': { first_name: 'Owned' },
  'DELETE /api/v1/users/:id/': undefined,
  'POST /api/v1/users/:id/restore/': undefined,
  'PUT /api/v1/users/:id/roles/': { role_ids: [] },
  'PUT /api/auth/users/:id/': { username: 'root-renamed' },
  'DELETE /api/auth/users/:id/': undefined,
  'POST /api/auth/users/:id/assign_groups/': { group_ids: [] },
  'PUT /api/users/:id/': { username: 'root-renamed', email: 'root-renamed@example.com' },
  'DELETE /api/users/:id/': undefined,
}

describe('superuser accounts: the guard runs on every declared route that changes a user in its path', () => {
  const writes = declaredRoutes(app).filter((r) => r.method !== 'GET' && /\/users\/:id\//.test(r.url)).map((r) => `${r.method} ${r.url}`)

  it('lists exactly those routes', () => expect(writes.sort()).toEqual(Object.keys(ACCOUNT_WRITES).sort()))

  it.each(writes)('%s refuses an organization admin acting on a superuser', async (route) => {
    const { org, admin } = await setup()
    const target = await superuserOf(app, org)
    const [method, url] = route.split(' ')
    if (url.endsWith('/restore/')) expect((await call(app, 'DELETE', `/api/v1/users/${target.user.id}/`, { token: (await superuserOf(app, org)).token })).status).toBe(204)
    expectDenied(await call(app, method as 'PUT', url.replace(':id', target.user.id), { token: admin.token, body: ACCOUNT_WRITES[route] }), route)
  })
})
