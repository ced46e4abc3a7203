import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { oneTimeTokens } from '../../db/schema'
import { call, createOrg, makeApp, registerUser } from '../../../test/support/helpers'
import { issueOneTimeToken } from './one-time-tokens.repository'

const app = await makeApp()
const org = await createOrg(app)

describe('single-use tokens', () => {
  it('leave exactly one live token when many are issued at once', async () => {
    const { user } = await registerUser(app, org)
    const owner = { organizationId: org.id, userId: user.id }
    await Promise.all(Array.from({ length: 10 }, () => issueOneTimeToken(app.ctx.db, owner, 'password_reset', 60_000)))
    const live = await app.ctx.db.select().from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.userId, user.id), eq(oneTimeTokens.purpose, 'password_reset'), isNull(oneTimeTokens.usedAt)))
    expect(live).toHaveLength(1)
  })

  it('a verification link mailed to the old address does not verify a changed email', async () => {
    const { user, access } = await registerUser(app, org)
    const oldLink = await issueOneTimeToken(app.ctx.db, { organizationId: org.id, userId: user.id }, 'email_verification', 60_000)
    const changed = await call(app, 'PATCH', '/api/v1/auth/me/', { token: access, body: { email: `new-${user.email}` } })
    expect(changed.body.email_verified).toBe(false)
    const verify = await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token: oldLink } })
    expect(verify.status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).body.email_verified).toBe(false)
  })
})
