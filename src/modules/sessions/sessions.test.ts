import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'

const app = await makeApp()
const org = await createOrg(app)
const login = (username: string, ua: string) => call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password: PASSWORD }, headers: { 'user-agent': ua } })

describe('/api/v1/auth/sessions/', () => {
  it('lists my live sessions with device, ip, times and the current one', async () => {
    const u = await registerUser(app, org)
    const phone = await login(u.user.username, 'Phone/1.0')
    const list = await call(app, 'GET', '/api/v1/auth/sessions/', { token: phone.body.access })
    expect(list.status).toBe(200)
    expect(list.body.results).toHaveLength(2)
    expect(list.body.results[0]).toMatchObject({ user_agent: 'Phone/1.0', ip: '127.0.0.1', current: true, created_at: expect.any(String), last_used_at: expect.any(String) })
    expect(list.body.results[1].current).toBe(false)
    expect(list.body.next).toBeNull()
  })

  it('DELETE ends a session: its access and refresh tokens die on the next request', async () => {
    const u = await registerUser(app, org)
    const laptop = await login(u.user.username, 'Laptop/2.0')
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: laptop.body.access })).status).toBe(200)
    const list = await call(app, 'GET', '/api/v1/auth/sessions/', { token: u.access })
    const target = list.body.results.find((s: { user_agent: string }) => s.user_agent === 'Laptop/2.0')
    expect((await call(app, 'DELETE', `/api/v1/auth/sessions/${target.id}/`, { token: u.access })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: laptop.body.access })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: laptop.body.refresh } })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(200)
    expect((await call(app, 'DELETE', `/api/v1/auth/sessions/${target.id}/`, { token: u.access })).status).toBe(404)
  })

  it("answers 404 for another user's session, and 401 without credentials", async () => {
    const a = await registerUser(app, org)
    const b = await registerUser(app, org)
    const bSessions = await call(app, 'GET', '/api/v1/auth/sessions/', { token: b.access })
    expect((await call(app, 'DELETE', `/api/v1/auth/sessions/${bSessions.body.results[0].id}/`, { token: a.access })).status).toBe(404)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: b.access })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/sessions/')).status).toBe(401)
    expect((await call(app, 'DELETE', '/api/v1/auth/sessions/not-a-uuid/', { token: a.access })).status).toBe(404)
  })

  it('GET /{id}/ shows one of my live sessions; anyone else\'s, in this tenant or another, and an ended one are 404', async () => {
    const u = await registerUser(app, org)
    const laptop = await login(u.user.username, 'Laptop/3.0')
    const list = await call(app, 'GET', '/api/v1/auth/sessions/', { token: u.access })
    const target = list.body.results.find((s: { user_agent: string }) => s.user_agent === 'Laptop/3.0')
    const one = await call(app, 'GET', `/api/v1/auth/sessions/${target.id}/`, { token: u.access })
    expect(one.status).toBe(200)
    expect(one.body).toEqual({ ...target, current: false })
    expect((await call(app, 'GET', `/api/v1/auth/sessions/${target.id}/`, { token: laptop.body.access })).body.current).toBe(true)

    const sameTenant = await registerUser(app, org)
    const otherTenant = await registerUser(app, await createOrg(app))
    for (const stranger of [sameTenant, otherTenant]) {
      const res = await call(app, 'GET', `/api/v1/auth/sessions/${target.id}/`, { token: stranger.access })
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ detail: 'Not found.', code: 'not_found' })
    }
    expect((await call(app, 'DELETE', `/api/v1/auth/sessions/${target.id}/`, { token: u.access })).status).toBe(204)
    expect((await call(app, 'GET', `/api/v1/auth/sessions/${target.id}/`, { token: u.access })).status).toBe(404)
    expect((await call(app, 'GET', '/api/v1/auth/sessions/not-a-uuid/', { token: u.access })).status).toBe(404)
    expect((await call(app, 'GET', `/api/v1/auth/sessions/${target.id}/`)).status).toBe(401)
  })
})
