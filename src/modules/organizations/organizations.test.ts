import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, registerUser, unique } from '../../../test/support/helpers'
import { orgWithAdmin, superuserOf } from '../../../test/support/rbac-helpers'
import { organizations } from '../../db/schema'
import { issueOneTimeToken } from '../one-time-tokens/one-time-tokens.repository'
import { tags } from '../../lib/cache-tags'

const app = await makeApp()
const home = await createOrg(app)
const root = await superuserOf(app, home)

describe('/api/v1/organizations/', () => {
  it('a superuser creates an organization with its built-in permissions and default roles', async () => {
    const slug = unique('shop-')
    // A lookup before it exists is cached as "no such organization"…
    expect((await call(app, 'POST', '/api/v1/auth/register/', { org: slug, body: {} })).status).toBe(404)
    const res = await call(app, 'POST', '/api/v1/organizations/', { token: root.token, body: { name: 'Acme Shoes', slug } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: 'Acme Shoes', slug, allow_registration: true, require_email_verification: false, profile_schema: null })
    // …and creating it drops that cache entry at once.
    const member = await registerUser(app, { slug })
    expect((member.user as unknown as { organization: string }).organization).toBe(res.body.id)
    const roles = await call(app, 'GET', '/api/v1/roles/', { token: root.token, org: slug })
    expect(roles.body.results.map((r: { name: string }) => r.name)).toEqual(['admin', 'customer'])
    expect(roles.body.results[0].permissions).toHaveLength(13)
    const perms = await call(app, 'GET', '/api/v1/permissions/?limit=200', { token: root.token, org: res.body.id })
    expect(perms.body.results.every((p: { is_builtin: boolean }) => p.is_builtin)).toBe(true)
  })

  it('validates the slug and the profile schema', async () => {
    const bad = await call(app, 'POST', '/api/v1/organizations/', { token: root.token, body: { name: 'x', slug: 'Not A Slug' } })
    expect(bad.body).toEqual({ slug: ['Enter a valid value.'] })
    const taken = await call(app, 'POST', '/api/v1/organizations/', { token: root.token, body: { name: 'x', slug: home.slug } })
    expect(taken.body).toEqual({ slug: ['organization with this slug already exists.'] })
    const schema = await call(app, 'POST', '/api/v1/organizations/', { token: root.token, body: { name: 'x', slug: unique('s-'), profile_schema: { type: 'wat' } } })
    expect(schema.status).toBe(400)
    expect(schema.body.profile_schema[0]).toMatch(/^Invalid JSON Schema/)
    const renameDefault = await call(app, 'PATCH', `/api/v1/organizations/${(await call(app, 'GET', '/api/v1/organizations/?search=default', { token: root.token })).body.results[0].id}/`, { token: root.token, body: { slug: unique('d-') } })
    expect(renameDefault.status).toBe(400)
  })

  it('the profile schema validates every profile written in the organization', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const profile_schema = { type: 'object', properties: { shoe_size: { type: 'integer', minimum: 15 } }, additionalProperties: false }
    const patched = await call(app, 'PATCH', `/api/v1/organizations/${org.id}/`, { token: admin.token, body: { profile_schema } })
    expect(patched.body.profile_schema).toEqual(profile_schema)
    const reg = await call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username: unique('p'), email: `${unique('p')}@example.com`, password: 'correct horse battery staple 7', profile: { shoe_size: 3 } } })
    expect(reg.body.profile).toEqual(['/shoe_size must be >= 15'])
    const me = await registerUser(app, org, { profile: { shoe_size: 42 } })
    expect((await call(app, 'PATCH', '/api/v1/auth/me/', { token: me.access, body: { profile: { hat: 1 } } })).status).toBe(400)
    expect((await call(app, 'PATCH', `/api/v1/users/${me.user.id}/`, { token: admin.token, body: { profile: { shoe_size: 'big' } } })).status).toBe(400)
  })

  it('non-superusers see only their own organization; another one is 404', async () => {
    const a = await orgWithAdmin(app)
    const b = await orgWithAdmin(app)
    const list = await call(app, 'GET', '/api/v1/organizations/', { token: a.admin.token })
    expect(list.body).toEqual({ next: null, previous: null, results: [expect.objectContaining({ id: a.org.id })] })
    const member = await registerUser(app, a.org)
    expect((await call(app, 'GET', '/api/v1/organizations/', { token: member.access })).body.results).toHaveLength(1)
    expect((await call(app, 'GET', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token })).status).toBe(200)
    expect((await call(app, 'PATCH', `/api/v1/organizations/${b.org.id}/`, { token: a.admin.token, body: { name: 'pwned' } })).status).toBe(404)
    expect((await call(app, 'POST', '/api/v1/organizations/', { token: a.admin.token, body: { name: 'x', slug: unique('x-') } })).status).toBe(403)
    const all = await call(app, 'GET', '/api/v1/organizations/?limit=200&ordering=-created_at', { token: root.token })
    expect(all.body.results.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([a.org.id, b.org.id]))
  })

  it('deleting an organization stops every token of its users and developers on the next request; restore does not bring them back', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const member = await registerUser(app, org)
    const pendingReset = await issueOneTimeToken(app.ctx.db, { organizationId: org.id, userId: member.user.id }, 'password_reset', 60_000)
    const pat = (await call(app, 'POST', '/api/v1/auth/tokens/', { token: member.access, body: { name: 'cli' } })).body.key
    const dev = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: 'backend' } })
    const devKey = (await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { token: admin.token, body: { name: 'k' } })).body.key
    const probes = [{ token: member.access, url: '/api/v1/auth/me/' }, { token: pat, url: '/api/v1/auth/me/' }, { token: devKey, url: '/api/v1/organizations/' }, { token: admin.token, url: '/api/v1/auth/me/' }]
    for (const p of probes) expect((await call(app, 'GET', p.url, { token: p.token })).status, p.url).toBe(200)

    expect((await call(app, 'DELETE', `/api/v1/organizations/${org.id}/`, { token: admin.token })).status).toBe(204)
    for (const p of probes) expect((await call(app, 'GET', p.url, { token: p.token })).status, p.url).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: member.user.username, password: member.password } })).status).toBe(404)
    expect((await call(app, 'GET', `/api/v1/organizations/${org.id}/`, { token: root.token })).status).toBe(404)

    expect((await call(app, 'POST', `/api/v1/organizations/${org.id}/restore/`, { token: root.token })).status).toBe(200)
    // Like a restored user: the account is back, its old credentials are not.
    for (const p of probes) expect((await call(app, 'GET', p.url, { token: p.token })).status, `after restore: ${p.url}`).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: member.refresh } })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/password/reset/', { body: { token: pendingReset, new_password: 'a brand new passphrase 42' } })).status).toBe(400)
    const again = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: member.user.username, password: member.password } })
    expect(again.status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: again.body.access })).status).toBe(200)
    const [deleted] = (await call(app, 'GET', `/api/v1/audit-events/?action=organization.deleted&target=${org.id}`, { token: root.token, org: org.id })).body.results
    expect(deleted.metadata).toEqual({ sessions_ended: 2, keys_revoked: 2 })
  })

  it('restoring an organization deleted before deletion revoked credentials revokes them then', async () => {
    const { org } = await orgWithAdmin(app)
    const member = await registerUser(app, org)
    const pat = (await call(app, 'POST', '/api/v1/auth/tokens/', { token: member.access, body: { name: 'cli' } })).body.key
    // The old behaviour: only the organization row marked deleted.
    await app.ctx.db.update(organizations).set({ deletedAt: new Date() }).where(eq(organizations.id, org.id))
    await app.ctx.invalidate([tags.org(org.id)])
    expect((await call(app, 'POST', `/api/v1/organizations/${org.id}/restore/`, { token: root.token })).status).toBe(200)
    for (const token of [member.access, pat]) expect((await call(app, 'GET', '/api/v1/auth/me/', { token })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: member.refresh } })).status).toBe(401)
  })

  it('restore is 409 when a live organization took the slug; the default organization cannot be deleted', async () => {
    const gone = await createOrg(app)
    expect((await call(app, 'DELETE', `/api/v1/organizations/${gone.id}/`, { token: root.token })).status).toBe(204)
    expect((await call(app, 'POST', '/api/v1/organizations/', { token: root.token, body: { name: 'again', slug: gone.slug } })).status).toBe(201)
    const clash = await call(app, 'POST', `/api/v1/organizations/${gone.id}/restore/`, { token: root.token })
    expect(clash.status).toBe(409)
    expect(clash.body.code).toBe('conflict')
    const def = (await call(app, 'GET', '/api/v1/organizations/?search=default', { token: root.token })).body.results.find((o: { slug: string }) => o.slug === 'default')
    expect((await call(app, 'DELETE', `/api/v1/organizations/${def.id}/`, { token: root.token })).status).toBe(409)
  })

  it('?deleted=true lists the deleted organizations for a superuser only; restored ones leave that list', async () => {
    const { org, admin } = await orgWithAdmin(app)
    expect((await call(app, 'DELETE', `/api/v1/organizations/${org.id}/`, { token: root.token })).status).toBe(204)
    const deletedSlugs = async () => (await call(app, 'GET', `/api/v1/organizations/?deleted=true&search=${org.slug}`, { token: root.token })).body.results.map((o: { slug: string }) => o.slug)
    expect(await deletedSlugs()).toEqual([org.slug])
    expect((await call(app, 'GET', `/api/v1/organizations/?search=${org.slug}`, { token: root.token })).body.results).toEqual([])
    const other = await orgWithAdmin(app)
    expect((await call(app, 'GET', '/api/v1/organizations/?deleted=true', { token: other.admin.token })).status).toBe(403)
    expect((await call(app, 'GET', '/api/v1/organizations/?deleted=true', { token: admin.token })).status).toBe(401)
    expect((await call(app, 'POST', `/api/v1/organizations/${org.id}/restore/`, { token: root.token })).status).toBe(200)
    expect(await deletedSlugs()).toEqual([])
  })

  it('PUT replaces: omitted flags take their defaults', async () => {
    const { org, admin } = await orgWithAdmin(app)
    await call(app, 'PATCH', `/api/v1/organizations/${org.id}/`, { token: admin.token, body: { allow_registration: false, profile_schema: { type: 'object' } } })
    const put = await call(app, 'PUT', `/api/v1/organizations/${org.id}/`, { token: admin.token, body: { name: 'Renamed', slug: org.slug } })
    expect(put.body).toMatchObject({ name: 'Renamed', slug: org.slug, allow_registration: true, profile_schema: null })
  })
})
