import { describe, expect, it } from 'vitest'
import { call, makeApp, PASSWORD, registerUser, unique } from '../../../test/support/helpers'
import { orgWithAdmin, roleId } from '../../../test/support/rbac-helpers'

const app = await makeApp()

const newUser = (overrides: Record<string, unknown> = {}) => {
  const username = (overrides.username as string | undefined) ?? unique('u')
  return { username, email: `${username}@example.com`, password: PASSWORD, ...overrides }
}

describe('POST /api/v1/users/', () => {
  it('creates a user who can sign in, with the customer role by default or the given role_ids', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const body = newUser({ first_name: 'Grace' })
    const res = await call(app, 'POST', '/api/v1/users/', { token: admin.token, body })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ username: body.username, first_name: 'Grace', organization: org.id, is_active: true, roles: [{ name: 'customer' }] })
    expect(res.body).not.toHaveProperty('password')
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: body.username, password: PASSWORD } })
    expect(login.status).toBe(200)

    const adminRole = await roleId(app, org.id, 'admin')
    const staff = await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ role_ids: [adminRole], password: null }) })
    expect(staff.body.roles).toEqual([{ id: adminRole, name: 'admin' }])
  })

  it('applies the password policy, uniqueness, role and profile checks as field errors', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const taken = await registerUser(app, org)
    await call(app, 'PATCH', `/api/v1/organizations/${org.id}/`, { token: admin.token, body: { profile_schema: { type: 'object', properties: { size: { type: 'integer' } } } } })
    const res = await call(app, 'POST', '/api/v1/users/', {
      token: admin.token,
      body: { username: taken.user.username.toUpperCase(), email: 'fresh@example.com', password: 'password1234', role_ids: ['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e'], profile: { size: 'big' } },
    })
    expect(res.status).toBe(400)
    expect(res.body.username).toEqual(['A user with that username already exists.'])
    expect(res.body.password).toContain('This password is too common.')
    expect(res.body.role_ids).toEqual(['Invalid pk "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e" - object does not exist.'])
    expect(res.body.profile).toEqual(['/size must be integer'])
    const unknown = await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: { ...newUser(), is_staff: true } })
    expect(unknown.body).toEqual({ is_staff: ['Unknown field.'] })
  })
})

describe('GET /api/v1/users/', () => {
  it('searches, filters by role and is_active, and orders', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const tag = unique('zq')
    const made = []
    for (const name of ['b', 'a', 'c']) made.push((await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ username: `${tag}_${name}`, last_name: 'Lovelace' }) })).body)
    await call(app, 'PATCH', `/api/v1/users/${made[2].id}/`, { token: admin.token, body: { is_active: false } })

    const byName = await call(app, 'GET', `/api/v1/users/?search=${tag}&ordering=username`, { token: admin.token })
    expect(byName.body.results.map((u: { username: string }) => u.username)).toEqual([`${tag}_a`, `${tag}_b`, `${tag}_c`])
    const desc = await call(app, 'GET', `/api/v1/users/?search=${tag}&ordering=-email`, { token: admin.token })
    expect(desc.body.results.map((u: { username: string }) => u.username)).toEqual([`${tag}_c`, `${tag}_b`, `${tag}_a`])
    const active = await call(app, 'GET', `/api/v1/users/?search=${tag}&is_active=false`, { token: admin.token })
    expect(active.body.results.map((u: { id: string }) => u.id)).toEqual([made[2].id])
    const admins = await call(app, 'GET', `/api/v1/users/?role=${await roleId(app, org.id, 'admin')}`, { token: admin.token })
    expect(admins.body.results.map((u: { id: string }) => u.id)).toEqual([admin.user.id])
    const lastName = await call(app, 'GET', `/api/v1/users/?search=LOVELACE`, { token: admin.token })
    expect(lastName.body.results).toHaveLength(3)
    // `%` and `_` are literal characters in a search, not wildcards.
    expect((await call(app, 'GET', '/api/v1/users/?search=%25', { token: admin.token })).body.results).toEqual([])
    expect((await call(app, 'GET', '/api/v1/users/?ordering=last_login', { token: admin.token })).status).toBe(400)
  })

  it('lists each user exactly as GET /users/{id}/ shows it (same fields, order and values)', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const profile = { note: 'quote " backslash \\ ü \u2028 <b>', n: 1.5, big: 12345678901234, nested: { a: [1, null, true], e: {} } }
    const adminRole = await roleId(app, org.id, 'admin')
    const made = (await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ first_name: 'Ada', phone_number: '+44 20', profile, role_ids: [adminRole] }) })).body
    await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ password: null }) }) // never signed in: last_login null
    await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: made.username, password: PASSWORD } }) // last_login with microseconds
    const list = await call(app, 'GET', '/api/v1/users/?limit=200', { token: admin.token })
    expect(list.status).toBe(200)
    expect(list.body.results.length).toBeGreaterThanOrEqual(3)
    expect(list.body.results.some((u: { last_login: string | null }) => u.last_login === null)).toBe(true)
    for (const listed of list.body.results) {
      const one = await call(app, 'GET', `/api/v1/users/${listed.id}/`, { token: admin.token })
      expect(JSON.stringify(listed)).toBe(JSON.stringify(one.body))
    }
    expect(list.body.results.find((u: { id: string }) => u.id === made.id)).toMatchObject({ profile, roles: [{ id: adminRole, name: 'admin' }] })
  })

  it('walks pages without duplicates or gaps while rows are being inserted', async () => {
    const { admin } = await orgWithAdmin(app)
    const tag = unique('pg')
    const initial = new Set<string>()
    for (let i = 0; i < 12; i++) initial.add((await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ username: `${tag}_${i}`, password: null }) })).body.id)
    for (const ordering of ['date_joined', '-date_joined', 'username', '-email']) {
      const seen: string[] = []
      let url: string | null = `/api/v1/users/?search=${tag}&limit=5&ordering=${ordering}`
      let n = 0
      while (url) {
        const page: { body: { results: { id: string }[]; next: string | null } } = await call(app, 'GET', url.replace(app.ctx.config.publicUrl, ''), { token: admin.token })
        seen.push(...page.body.results.map((u) => u.id))
        // Someone registers between every page.
        await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ username: `${tag}_x${ordering.replace('-', 'd')}${n++}`, password: null }) })
        url = page.body.next
      }
      expect(new Set(seen).size, ordering).toBe(seen.length)
      for (const id of initial) expect(seen, ordering).toContain(id)
    }
  })

  it('previous links walk back to the same pages', async () => {
    const { admin } = await orgWithAdmin(app)
    const tag = unique('pv')
    for (let i = 0; i < 5; i++) await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ username: `${tag}_${i}`, password: null }) })
    const strip = (u: string) => u.replace(app.ctx.config.publicUrl, '')
    const p1 = await call(app, 'GET', `/api/v1/users/?search=${tag}&limit=2&ordering=username`, { token: admin.token })
    const p2 = await call(app, 'GET', strip(p1.body.next), { token: admin.token })
    const back = await call(app, 'GET', strip(p2.body.previous), { token: admin.token })
    expect(back.body.results).toEqual(p1.body.results)
    expect((await call(app, 'GET', '/api/v1/users/?cursor=bm9wZQ', { token: admin.token })).body).toEqual({ cursor: ['Invalid cursor'] })
    const forged = Buffer.from(JSON.stringify({ v: 'not a date', id: '01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e' })).toString('base64url')
    expect((await call(app, 'GET', `/api/v1/users/?cursor=${forged}`, { token: admin.token })).status).toBe(400)
  })
})

describe('/api/v1/users/{id}/', () => {
  it('deactivation and deletion end the user\'s tokens on the next request', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const victim = await registerUser(app, org)
    const pat = (await call(app, 'POST', '/api/v1/auth/tokens/', { token: victim.access, body: { name: 'cli' } })).body.key
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: victim.access })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: pat })).status).toBe(200)
    const off = await call(app, 'PATCH', `/api/v1/users/${victim.user.id}/`, { token: admin.token, body: { is_active: false } })
    expect(off.body.is_active).toBe(false)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: victim.access })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: pat })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: victim.refresh } })).status).toBe(401)
    // Reactivated, they sign in again; the old session stays ended.
    await call(app, 'PATCH', `/api/v1/users/${victim.user.id}/`, { token: admin.token, body: { is_active: true } })
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: victim.access })).status).toBe(401)
    const again = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: victim.user.username, password: PASSWORD } })
    expect(again.status).toBe(200)
    expect((await call(app, 'DELETE', `/api/v1/users/${victim.user.id}/`, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: again.body.access })).status).toBe(401)
  })

  it('soft-deletes and restores; restore is 409 when a live user took the username', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const gone = await registerUser(app, org)
    const url = `/api/v1/users/${gone.user.id}/`
    expect((await call(app, 'DELETE', url, { token: admin.token })).status).toBe(204)
    expect((await call(app, 'GET', url, { token: admin.token })).status).toBe(404)
    expect((await call(app, 'DELETE', url, { token: admin.token })).status).toBe(404)
    const restored = await call(app, 'POST', `${url}restore/`, { token: admin.token })
    expect(restored.status).toBe(200)
    expect(restored.body.username).toBe(gone.user.username)
    expect((await call(app, 'POST', `${url}restore/`, { token: admin.token })).status).toBe(404)

    await call(app, 'DELETE', url, { token: admin.token })
    const usurper = await call(app, 'POST', '/api/v1/users/', { token: admin.token, body: newUser({ username: gone.user.username }) })
    expect(usurper.status).toBe(201)
    const clash = await call(app, 'POST', `${url}restore/`, { token: admin.token })
    expect(clash.status).toBe(409)
    expect(clash.body.code).toBe('conflict')
  })

  it('PUT /users/{id}/roles/ replaces the set and takes effect at once', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const member = await registerUser(app, org)
    expect((await call(app, 'GET', '/api/v1/roles/', { token: member.access })).status).toBe(403)
    const adminRole = await roleId(app, org.id, 'admin')
    const res = await call(app, 'PUT', `/api/v1/users/${member.user.id}/roles/`, { token: admin.token, body: { role_ids: [adminRole, adminRole] } })
    expect(res.status).toBe(200)
    expect(res.body.roles).toEqual([{ id: adminRole, name: 'admin' }])
    expect((await call(app, 'GET', '/api/v1/roles/', { token: member.access })).status).toBe(200)
    expect((await call(app, 'PUT', `/api/v1/users/${member.user.id}/roles/`, { token: admin.token, body: { role_ids: [] } })).body.roles).toEqual([])
    expect((await call(app, 'GET', '/api/v1/roles/', { token: member.access })).status).toBe(403)
  })
})
