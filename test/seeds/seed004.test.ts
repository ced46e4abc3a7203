import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents, sessions } from '../../src/db/schema'
import { createOrg, makeApp, PASSWORD, unique } from '../support/helpers'
import { httpClient } from '../support/seed-http'

/** Seed 004 (DRF token authentication): every README example, over HTTP, as written. */
const app = await makeApp({ lockoutThreshold: 3 })
const http = await httpClient(app)

describe('seed 004: /api/create/, /api/token/, /api/me/', async () => {
  const org = await createOrg(app)
  const h = { 'x-organization': org.slug }
  const newAccount = () => {
    const username = unique('your-username-')
    return { username, email: `${username}@example.com`, password: PASSWORD }
  }

  it('POST /api/create/ → 201 {id, username, email}; POST /api/token/ → {token}; GET /api/me/ with Authorization: Token', async () => {
    const body = newAccount()
    const created = await http('POST', '/api/create/', { headers: h, body })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(Object.keys(created.body).sort()).toEqual(['email', 'id', 'username'])
    expect(created.body).toMatchObject({ username: body.username, email: body.email })

    const token = await http('POST', '/api/token/', { headers: h, body: { username: body.username, password: body.password } })
    expect(token.status, JSON.stringify(token.body)).toBe(200)
    expect(Object.keys(token.body)).toEqual(['token'])

    const me = await http('GET', '/api/me/', { headers: { authorization: `Token ${token.body.token}` } })
    expect(me.status).toBe(200)
    expect(me.body).toEqual({ id: created.body.id, username: body.username, email: body.email })
  })

  it('registration leaves no open session behind, and is audited as the canonical one is', async () => {
    const created = await http('POST', '/api/create/', { headers: h, body: newAccount() })
    const live = await app.ctx.db.select().from(sessions).where(and(eq(sessions.userId, created.body.id), isNull(sessions.revokedAt)))
    expect(live).toEqual([])
    const events = await app.ctx.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, created.body.id))
    expect(events.map((e) => e.action)).toContain('user.registered')
  })

  it('errors: 400 field errors, 401 missing or invalid token, bad credentials, and the lockout of the canonical login', async () => {
    const bad = await http('POST', '/api/create/', { headers: h, body: { username: 'x y', email: 'nope', password: 'short' } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ username: ['Enter a valid value.'], email: ['Enter a valid email address.'] })
    const taken = newAccount()
    await http('POST', '/api/create/', { headers: h, body: taken })
    expect((await http('POST', '/api/create/', { headers: h, body: taken })).body).toMatchObject({ username: ['A user with that username already exists.'] })

    expect((await http('GET', '/api/me/')).body).toEqual({ detail: 'Authentication credentials were not provided.', code: 'not_authenticated' })
    const invalid = await http('GET', '/api/me/', { headers: { authorization: 'Token not-a-token' } })
    expect(invalid.status).toBe(401)
    expect(invalid.headers.get('www-authenticate')).toContain('invalid_token')

    for (let i = 0; i < 3; i++) {
      const wrong = await http('POST', '/api/token/', { headers: h, body: { username: taken.username, password: 'wrong password here' } })
      expect(wrong.body).toEqual({ detail: 'No active account found with the given credentials', code: 'no_active_account' })
    }
    const locked = await http('POST', '/api/token/', { headers: h, body: { username: taken.username, password: taken.password } })
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBeTruthy()
  })

  it('without X-Organization the default organization is used, as on /api/v1/', async () => {
    const body = newAccount()
    expect((await http('POST', '/api/create/', { body })).status).toBe(201)
    expect((await http('POST', '/api/token/', { headers: h, body: { username: body.username, password: body.password } })).status).toBe(401)
    expect((await http('POST', '/api/token/', { body: { username: body.username, password: body.password } })).status).toBe(200)
  })
})
