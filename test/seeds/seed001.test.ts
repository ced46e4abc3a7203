import { describe, expect, it } from 'vitest'
import { createOrg, makeApp, PASSWORD, unique } from '../support/helpers'
import { adminOf } from '../support/rbac-helpers'
import { bearer, httpClient } from '../support/seed-http'

/** Seed 001 (Django user management): every README example, over HTTP, with its permission requirements. */
const app = await makeApp()
const http = await httpClient(app)
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }
const NO_CREDENTIALS = { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' }
const NOT_FOUND = { detail: 'Not found.', code: 'not_found' }

describe('seed 001: /api/auth/…', async () => {
  const org = await createOrg(app)
  const h = { 'x-organization': org.slug }
  const admin = await adminOf(app, org)
  const asAdmin = bearer(admin.token)

  /** The README's register body, then its login. */
  async function signUp() {
    const username = unique('string-')
    const body = { username, email: `${username}@example.com`, password: PASSWORD, password2: PASSWORD, first_name: 'string', last_name: 'string' }
    const reg = await http('POST', '/api/auth/users/register/', { headers: h, body })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    const login = await http('POST', '/api/auth/login/', { headers: h, body: { username, password: PASSWORD } })
    expect(login.status, JSON.stringify(login.body)).toBe(200)
    return { id: reg.body.id as string, reg, login: login.body, username }
  }

  it('register → {id, username, email, first_name, last_name}; login → {access, refresh}; refresh → {access}', async () => {
    const { reg, login, username } = await signUp()
    expect(Object.keys(reg.body).sort()).toEqual(['email', 'first_name', 'id', 'last_name', 'username'])
    expect(reg.body).toMatchObject({ username, first_name: 'string', last_name: 'string' })
    expect(login).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user: { id: reg.body.id } })
    const refreshed = await http('POST', '/api/auth/token/refresh/', { body: { refresh: login.refresh } })
    expect(refreshed.status).toBe(200)
    expect(Object.keys(refreshed.body)).toEqual(['access'])
    expect((await http('GET', `/api/auth/users/${reg.body.id}/`, { headers: bearer(refreshed.body.access) })).status).toBe(200)
  })

  it('register: password2 must match (DRF field error)', async () => {
    const username = unique('u')
    const res = await http('POST', '/api/auth/users/register/', { headers: h, body: { username, email: `${username}@example.com`, password: PASSWORD, password2: 'something else entirely' } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ password2: ["The two password fields didn't match."] })
  })

  it('the refresh token of login keeps working, as a simplejwt client expects, until the session ends', async () => {
    const { login } = await signUp()
    for (let i = 0; i < 3; i++) expect((await http('POST', '/api/auth/token/refresh/', { body: { refresh: login.refresh } })).status).toBe(200)
    await http('POST', '/api/v1/auth/logout/', { headers: bearer(login.access), body: { refresh: login.refresh } })
    const after = await http('POST', '/api/auth/token/refresh/', { body: { refresh: login.refresh } })
    expect(after.status).toBe(401)
    expect(after.body).toEqual({ detail: 'Given token not valid for any token type', code: 'token_not_valid' })
  })

  it('a refresh token rotated on /api/v1/ and then presented here is reuse: the session ends', async () => {
    const { login } = await signUp()
    const rotated = await http('POST', '/api/v1/auth/token/refresh/', { body: { refresh: login.refresh } })
    expect(rotated.status).toBe(200)
    expect((await http('POST', '/api/auth/token/refresh/', { body: { refresh: login.refresh } })).status).toBe(401)
    expect((await http('POST', '/api/v1/auth/token/refresh/', { body: { refresh: rotated.body.refresh } })).status).toBe(401)
  })

  it('GET/PUT /api/auth/users/{id}/: the profile with groups [{id, name}]; oneself or staff; PUT keeps omitted fields', async () => {
    const me = await signUp()
    const mine = bearer(me.login.access)
    const profile = await http('GET', `/api/auth/users/${me.id}/`, { headers: mine })
    expect(profile.status).toBe(200)
    expect(Object.keys(profile.body).sort()).toEqual(['email', 'first_name', 'groups', 'id', 'last_name', 'username'])
    expect(profile.body.groups).toEqual([{ id: expect.any(String), name: 'customer' }])

    const put = await http('PUT', `/api/auth/users/${me.id}/`, { headers: { ...mine, 'content-type': 'application/json' }, body: { username: me.username, email: `${me.username}@example.org`, first_name: 'Ada', last_name: 'Lovelace' } })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({ email: `${me.username}@example.org`, first_name: 'Ada', last_name: 'Lovelace' })
    const partial = await http('PUT', `/api/auth/users/${me.id}/`, { headers: mine, body: { username: me.username } })
    expect(partial.body).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' })

    const other = await signUp()
    expect((await http('GET', `/api/auth/users/${other.id}/`, { headers: mine })).body).toEqual(DENIED)
    expect((await http('PUT', `/api/auth/users/${other.id}/`, { headers: mine, body: { username: other.username } })).body).toEqual(DENIED)
    expect((await http('GET', `/api/auth/users/${other.id}/`, { headers: asAdmin })).status).toBe(200)
    expect((await http('GET', `/api/auth/users/${me.id}/`)).body).toEqual(NO_CREDENTIALS)
  })

  it('groups CRUD (admin only) and assign_groups with group_ids', async () => {
    const name = unique('editors-')
    const created = await http('POST', '/api/auth/groups/', { headers: asAdmin, body: { name } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toEqual({ id: expect.any(String), name })
    const gid = created.body.id
    const list = await http('GET', '/api/auth/groups/', { headers: asAdmin })
    expect(Array.isArray(list.body)).toBe(true)
    expect(list.body).toContainEqual({ id: gid, name })
    expect((await http('GET', `/api/auth/groups/${gid}/`, { headers: asAdmin })).body).toEqual({ id: gid, name })
    const renamed = await http('PUT', `/api/auth/groups/${gid}/`, { headers: asAdmin, body: { name: `${name}-x` } })
    expect(renamed.body).toEqual({ id: gid, name: `${name}-x` })

    const member = await signUp()
    const assigned = await http('POST', `/api/auth/users/${member.id}/assign_groups/`, { headers: asAdmin, body: { group_ids: [gid] } })
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200)
    expect(assigned.body.groups).toEqual([{ id: gid, name: `${name}-x` }])
    const missing = await http('POST', `/api/auth/users/${member.id}/assign_groups/`, { headers: asAdmin, body: { group_ids: ['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e'] } })
    expect(missing.status).toBe(400)
    expect(Object.keys(missing.body)).toEqual(['group_ids'])

    expect((await http('DELETE', `/api/auth/groups/${gid}/`, { headers: asAdmin })).status).toBe(204)
    expect((await http('GET', `/api/auth/groups/${gid}/`, { headers: asAdmin })).body).toEqual(NOT_FOUND)
  })

  it('Group Management and User Deletion require admin privileges; a plain user gets the DRF 403', async () => {
    const plain = await signUp()
    const mine = bearer(plain.login.access)
    expect((await http('GET', '/api/auth/groups/', { headers: mine })).body).toEqual(DENIED)
    expect((await http('POST', '/api/auth/groups/', { headers: mine, body: { name: 'x' } })).body).toEqual(DENIED)
    expect((await http('POST', `/api/auth/users/${plain.id}/assign_groups/`, { headers: mine, body: { group_ids: [] } })).body).toEqual(DENIED)
    expect((await http('DELETE', `/api/auth/users/${plain.id}/`, { headers: mine })).body).toEqual(DENIED)
    expect((await http('GET', '/api/auth/groups/')).body).toEqual(NO_CREDENTIALS)
    expect((await http('DELETE', `/api/auth/users/${plain.id}/`, { headers: asAdmin })).status).toBe(204)
    expect((await http('GET', `/api/auth/users/${plain.id}/`, { headers: asAdmin })).body).toEqual(NOT_FOUND)
  })

  it('login by email works on the same path; bad credentials are the canonical 401', async () => {
    const me = await signUp()
    expect((await http('POST', '/api/auth/login/', { headers: h, body: { email: `${me.username}@example.com`, password: PASSWORD } })).status).toBe(200)
    const bad = await http('POST', '/api/auth/login/', { headers: h, body: { username: me.username, password: 'not the password at all' } })
    expect(bad.status).toBe(401)
    expect(bad.body).toEqual({ detail: 'No active account found with the given credentials', code: 'no_active_account' })
  })
})
