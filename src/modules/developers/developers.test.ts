import { describe, expect, it } from 'vitest'
import { call, makeApp, unique } from '../../../test/support/helpers'
import { orgWithAdmin, permissionId } from '../../../test/support/rbac-helpers'

const app = await makeApp()

/** A developer of the admin's organization holding a fresh role with `codenames`, and one key. */
async function developerWith(admin: { token: string }, orgId: string, codenames: string[]) {
  const permission_ids = await Promise.all(codenames.map((c) => permissionId(app, orgId, c)))
  const role = await call(app, 'POST', '/api/v1/roles/', { token: admin.token, body: { name: unique('backend-'), permission_ids } })
  const dev = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: unique('shop-backend-'), email: 'ops@example.com', role_ids: [role.body.id] } })
  expect(dev.status).toBe(201)
  const key = await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { token: admin.token, body: { name: 'prod' } })
  expect(key.status).toBe(201)
  return { dev: dev.body, role: role.body, key: key.body.key as string, keyId: key.body.id as string }
}

const withKey = (key: string, scheme: 'Token' | 'Bearer' = 'Token') => ({ headers: { authorization: `${scheme} ${key}` } })

describe('/api/v1/developers/', () => {
  it('pages a developer\'s keys with links to that developer\'s list, whatever URL spelling was asked', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const { dev, keyId } = await developerWith(admin, org.id, [])
    const second = await call(app, 'POST', `/api/v1/developers/${dev.id}/keys/`, { token: admin.token, body: { name: 'staging' } })
    const first = await call(app, 'GET', `/api/v1/developers/${dev.id}/keys?limit=1`, { token: admin.token })
    expect(first.body.results.map((k: { id: string }) => k.id)).toEqual([second.body.id]) // newest first
    const next = new URL(first.body.next)
    expect(`${next.origin}${next.pathname}`).toBe(`${app.ctx.config.publicUrl}/api/v1/developers/${dev.id}/keys/`)
    const page2 = await call(app, 'GET', `${next.pathname}${next.search}`, { token: admin.token })
    expect(page2.body.results.map((k: { id: string }) => k.id)).toEqual([keyId])
    expect(new URL(page2.body.previous).pathname).toBe(`/api/v1/developers/${dev.id}/keys/`)
  })

  it('creates, lists, changes, deletes and restores a developer', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const { dev, role } = await developerWith(admin, org.id, [])
    expect(dev).toMatchObject({ organization: org.id, email: 'ops@example.com', roles: [{ id: role.id, name: role.name }] })
    const list = await call(app, 'GET', `/api/v1/developers/?search=${dev.name.toUpperCase()}`, { token: admin.token })
    expect(list.body.results.map((d: { id: string }) => d.id)).toEqual([dev.id])
    const dup = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: dev.name.toUpperCase() } })
    expect(dup.body).toEqual({ name: ['developer with this name already exists.'] })
    const badRole = await call(app, 'PATCH', `/api/v1/developers/${dev.id}/`, { token: admin.token, body: { role_ids: [org.id] } })
    expect(badRole.body).toEqual({ role_ids: [`Invalid pk "${org.id}" - object does not exist.`] })
    const put = await call(app, 'PUT', `/api/v1/developers/${dev.id}/`, { token: admin.token, body: { name: `${dev.name}-2` } })
    expect(put.body).toMatchObject({ name: `${dev.name}-2`, email: '', roles: [] })

    expect((await call(app, 'DELETE', `/api/v1/developers/${dev.id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', `/api/v1/developers/${dev.id}/`, { token: admin.token })).status).toBe(404)
    const taker = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: `${dev.name}-2` } })
    expect(taker.status).toBe(201)
    expect((await call(app, 'POST', `/api/v1/developers/${dev.id}/restore/`, { token: admin.token })).status).toBe(409)
    await call(app, 'DELETE', `/api/v1/developers/${taker.body.id}/`, { token: admin.token })
    expect((await call(app, 'POST', `/api/v1/developers/${dev.id}/restore/`, { token: admin.token })).status).toBe(200)
  })
})

describe('developer API keys', () => {
  it('shows the key once, lists only its prefix, and authenticates with Token or Bearer', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const { dev, key, keyId } = await developerWith(admin, org.id, ['view_users'])
    expect(key).toMatch(/^cc_dev_/)
    const list = await call(app, 'GET', `/api/v1/developers/${dev.id}/keys/`, { token: admin.token })
    expect(list.body.results).toEqual([expect.objectContaining({ id: keyId, name: 'prod', prefix: key.slice(0, 12) })])
    expect(JSON.stringify(list.body)).not.toContain(key)
    for (const scheme of ['Token', 'Bearer'] as const) {
      expect((await call(app, 'GET', '/api/v1/users/', withKey(key, scheme))).status).toBe(200)
    }
  })

  it('a key holds exactly the permissions of its developer\'s roles, and follows role changes at once', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const { dev, role, key } = await developerWith(admin, org.id, ['view_users', 'manage_products'])
    expect((await call(app, 'GET', '/api/v1/users/', withKey(key))).status).toBe(200)
    expect((await call(app, 'POST', '/api/v1/products/', { ...withKey(key), body: {} })).status).toBe(400)
    for (const [method, url] of [['GET', '/api/v1/roles/'], ['GET', '/api/v1/developers/'], ['POST', '/api/v1/users/'], ['GET', '/api/v1/audit-events/']] as const) {
      expect((await call(app, method, url, { ...withKey(key), ...(method === 'POST' && { body: {} }) })).status, url).toBe(403)
    }
    // It is a machine: "my account" endpoints are not for it.
    expect((await call(app, 'GET', '/api/v1/auth/me/', withKey(key))).status).toBe(403)
    await call(app, 'PATCH', `/api/v1/roles/${role.id}/`, { token: admin.token, body: { permission_ids: [] } })
    expect((await call(app, 'GET', '/api/v1/users/', withKey(key))).status).toBe(403)
    await call(app, 'PATCH', `/api/v1/developers/${dev.id}/`, { token: admin.token, body: { role_ids: [] } })
    const adminRole = (await call(app, 'GET', '/api/v1/roles/?search=admin', { token: admin.token })).body.results[0].id
    await call(app, 'PATCH', `/api/v1/developers/${dev.id}/`, { token: admin.token, body: { role_ids: [adminRole] } })
    expect((await call(app, 'GET', '/api/v1/roles/', withKey(key))).status).toBe(200)
  })

  it('revoking a key, or deleting its developer, fails it on the next request', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const one = await developerWith(admin, org.id, ['view_users'])
    const other = await call(app, 'POST', `/api/v1/developers/${one.dev.id}/keys/`, { token: admin.token, body: { name: 'staging' } })
    expect((await call(app, 'GET', '/api/v1/users/', withKey(one.key))).status).toBe(200)
    expect((await call(app, 'DELETE', `/api/v1/developers/${one.dev.id}/keys/${one.keyId}/`, { token: admin.token })).status).toBe(204)
    const revoked = await call(app, 'GET', '/api/v1/users/', withKey(one.key))
    expect(revoked.status).toBe(401)
    expect(revoked.body.code).toBe('token_not_valid')
    expect((await call(app, 'DELETE', `/api/v1/developers/${one.dev.id}/keys/${one.keyId}/`, { token: admin.token })).status).toBe(404)
    expect((await call(app, 'GET', '/api/v1/users/', withKey(other.body.key))).status).toBe(200)
    expect((await call(app, 'DELETE', `/api/v1/developers/${one.dev.id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/users/', withKey(other.body.key))).status).toBe(401)
    // Restoring the developer does not bring its keys back.
    await call(app, 'POST', `/api/v1/developers/${one.dev.id}/restore/`, { token: admin.token })
    expect((await call(app, 'GET', '/api/v1/users/', withKey(other.body.key))).status).toBe(401)
  })

  it('rejects an expiry in the past', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const { dev } = await developerWith(admin, org.id, [])
    const res = await call(app, 'POST', `/api/v1/developers/${dev.id}/keys/`, { token: admin.token, body: { name: 'old', expires_at: '2020-01-01T00:00:00Z' } })
    expect(res.body).toEqual({ expires_at: ['Expiry must be in the future.'] })
  })
})
