import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, promoteToSuperuser, registerUser } from '../../../test/support/helpers'

const app = await makeApp()

async function staffOf(org: { slug: string }) {
  const admin = await registerUser(app, org)
  await promoteToSuperuser(app, admin.user.id)
  return admin.access
}

const usernames = (res: { body: { results: { username: string }[] } }) => res.body.results.map((u) => u.username)

describe('GET /api/v1/users/?deleted=true', () => {
  it('lists the soft-deleted users (searchable) instead of the live ones; a restore moves them back', async () => {
    const org = await createOrg(app)
    const token = await staffOf(org)
    const gone = await registerUser(app, org, { first_name: 'Vanishing' })
    const kept = await registerUser(app, org)
    expect((await call(app, 'DELETE', `/api/v1/users/${gone.user.id}/`, { token })).status).toBe(204)

    expect(usernames(await call(app, 'GET', '/api/v1/users/', { token }))).not.toContain(gone.user.username)
    const deleted = await call(app, 'GET', '/api/v1/users/?deleted=true', { token })
    expect(deleted.status).toBe(200)
    expect(usernames(deleted)).toEqual([gone.user.username])
    expect(usernames(await call(app, 'GET', '/api/v1/users/?deleted=true&search=vanish', { token }))).toEqual([gone.user.username])
    expect(usernames(await call(app, 'GET', `/api/v1/users/?deleted=true&search=${kept.user.username}`, { token }))).toEqual([])

    expect((await call(app, 'POST', `/api/v1/users/${gone.user.id}/restore/`, { token })).status).toBe(200)
    expect(usernames(await call(app, 'GET', '/api/v1/users/?deleted=true', { token }))).toEqual([])
    expect(usernames(await call(app, 'GET', '/api/v1/users/', { token }))).toContain(gone.user.username)
  })

  it('shows only the own organization’s deleted users, and needs view_users like the list', async () => {
    const org = await createOrg(app)
    const other = await createOrg(app)
    const token = await staffOf(org)
    const theirs = await registerUser(app, other)
    expect((await call(app, 'DELETE', `/api/v1/users/${theirs.user.id}/`, { token: await staffOf(other) })).status).toBe(204)
    expect(usernames(await call(app, 'GET', '/api/v1/users/?deleted=true', { token }))).toEqual([])
    const shopper = await registerUser(app, org)
    expect((await call(app, 'GET', '/api/v1/users/?deleted=true', { token: shopper.access })).status).toBe(403)
    expect((await call(app, 'GET', '/api/v1/users/?deleted=maybe', { token })).status).toBe(400)
  })
})
