import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents, sessions, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import { createOrg, makeApp, registerUser } from '../../../test/support/helpers'
import { openLoginSession } from './sessions.repository'

const app = await makeApp()
const org = await createOrg(app)
const actor = { actorType: 'anonymous' as const, actorId: null, ip: '127.0.0.1', userAgent: 'test' }
const open = (organizationId: string, userId: string) =>
  openLoginSession(app.ctx.db, { organizationId, userId, actor, sessionId: newId(), refreshHash: newId(), expiresAt: new Date(Date.now() + 60_000) })
const countFor = async (userId: string) => ({
  sessions: (await app.ctx.db.select().from(sessions).where(eq(sessions.userId, userId))).length,
  logins: (await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, userId), eq(auditEvents.action, 'login')))).length,
})

describe('openLoginSession (the sign-in statement)', () => {
  it('opens a session with its login event for a live user', async () => {
    const u = await registerUser(app, org)
    const before = await countFor(u.user.id)
    expect(await open(await orgIdOf(u.user.id), u.user.id)).toBeDefined()
    expect(await countFor(u.user.id)).toEqual({ sessions: before.sessions + 1, logins: before.logins + 1 })
  })

  it('writes nothing for a user deleted or deactivated since the password was checked', async () => {
    for (const change of [{ deletedAt: new Date() }, { isActive: false }]) {
      const u = await registerUser(app, org)
      const orgId = await orgIdOf(u.user.id)
      await app.ctx.db.update(users).set(change).where(eq(users.id, u.user.id))
      const before = await countFor(u.user.id)
      expect(await open(orgId, u.user.id)).toBeUndefined()
      expect(await countFor(u.user.id)).toEqual(before)
    }
  })
})

async function orgIdOf(userId: string): Promise<string> {
  const [row] = await app.ctx.db.select({ id: users.organizationId }).from(users).where(eq(users.id, userId))
  return row.id
}
