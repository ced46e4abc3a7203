import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { call, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { orgWithAdmin } from '../../../test/support/rbac-helpers'
import { auditEvents } from '../../db/schema'

const app = await makeApp()
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }

describe('developer keys on "my account" endpoints', () => {
  it('are refused with 403 everywhere, with valid bodies, and nothing is written', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const dev = await call(app, 'POST', '/api/v1/developers/', { token: admin.token, body: { name: 'backend' } })
    const key = (await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { token: admin.token, body: { name: 'k' } })).body.key as string
    const someone = await registerUser(app, org)
    const cases: [string, string, unknown?][] = [
      ['POST', '/api/v1/auth/logout/all/'],
      ['POST', '/api/v1/auth/logout/', { refresh: someone.refresh }],
      ['POST', '/api/v1/auth/password/change/', { old_password: PASSWORD, new_password: 'a brand new passphrase 42' }],
      ['GET', '/api/v1/auth/me/'],
      ['PUT', '/api/v1/auth/me/', { username: 'dev-as-user', email: 'dev@example.com' }],
      ['PATCH', '/api/v1/auth/me/', { first_name: 'Dev' }],
      ['DELETE', '/api/v1/auth/me/'],
      ['GET', '/api/v1/auth/tokens/'],
      ['POST', '/api/v1/auth/tokens/', { name: 'pat' }],
      ['GET', `/api/v1/auth/tokens/${randomUUID()}/`],
      ['DELETE', `/api/v1/auth/tokens/${randomUUID()}/`],
      ['GET', '/api/v1/auth/sessions/'],
      ['DELETE', `/api/v1/auth/sessions/${randomUUID()}/`],
      ['POST', '/api/v1/auth/email/resend/'],
      ['POST', '/api/v1/auth/mfa/totp/', {}],
      ['POST', '/api/v1/auth/mfa/totp/confirm/', { code: '123456' }],
      ['DELETE', '/api/v1/auth/mfa/totp/', { password: PASSWORD }],
    ]
    for (const [method, url, body] of cases) {
      const res = await call(app, method as 'GET', url, { token: key, ...(body !== undefined && { body }) })
      expect(res.status, `${method} ${url}`).toBe(403)
      expect(res.body).toEqual(DENIED)
    }
    // Before, logout/all wrote `logout.all` about a "user" with the developer's id.
    const events = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.actorId, dev.body.id))
    expect(events).toEqual([])
    // The user whose refresh token was presented is still signed in.
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: someone.refresh } })).status).toBe(200)
  })
})
