import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents } from './db/schema'
import { tags } from './lib/cache-tags'
import { ValidationError } from './lib/errors'
import { systemActor } from './modules/audit/audit.repository'
import { findUserById, insertUsers, updateUser } from './modules/users/users.repository'
import { write } from './write'
import { call, createOrg, makeApp, registerUser } from '../test/support/helpers'

const app = await makeApp()
const ctx = app.ctx

/** Tags this instance's bus has emitted since the call (every publish reaches the local listeners first). */
function published(): string[] {
  const seen: string[] = []
  ctx.bus.onInvalidate((t) => { seen.push(...t) })
  return seen
}

const auditRows = (targetId: string, action: string) =>
  ctx.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, targetId), eq(auditEvents.action, action)))

async function newUser() {
  const org = await createOrg(app)
  const { user } = await registerUser(app, org)
  return { org, user }
}

describe('write', () => {
  it('commits the change, its audit event, then publishes its tags', async () => {
    const { org, user } = await newUser()
    const seen = published()
    const visibleAtPublish: Array<Promise<string | undefined>> = []
    ctx.bus.onInvalidate((t) => {
      if (t.includes(tags.user(user.id))) visibleAtPublish.push(findUserById(ctx.db, org.id, user.id).then((u) => u?.firstName))
    })
    await write(ctx, async (tx, w) => {
      await updateUser(tx, org.id, user.id, { firstName: 'Ada' })
      w.audit(systemActor, { organizationId: org.id, action: 'user.updated', targetType: 'user', targetId: user.id, metadata: { fields: ['first_name'] } })
      w.invalidate(tags.user(user.id))
      expect(seen).toEqual([]) // nothing leaves before the commit
    })
    expect(seen).toEqual([tags.user(user.id)])
    // A reader woken by the tag already sees the committed row.
    expect(await Promise.all(visibleAtPublish)).toEqual(['Ada'])
    const [event] = await auditRows(user.id, 'user.updated')
    expect(event).toMatchObject({ organizationId: org.id, actorType: 'system', targetType: 'user', metadata: { fields: ['first_name'] } })
  })

  it('rolls back: no audit event, no change, nothing published', async () => {
    const { org, user } = await newUser()
    const seen = published()
    await expect(write(ctx, async (tx, w) => {
      await updateUser(tx, org.id, user.id, { firstName: 'Rolled back' })
      w.audit(systemActor, { organizationId: org.id, action: 'user.updated', targetType: 'user', targetId: user.id, metadata: { fields: ['first_name'] } })
      w.invalidate(tags.user(user.id))
      throw new Error('boom')
    })).rejects.toThrow('boom')
    expect(await auditRows(user.id, 'user.updated')).toEqual([])
    expect((await findUserById(ctx.db, org.id, user.id))?.firstName).toBe('')
    expect(seen).toEqual([])
  })

  it('turns a unique violation into the declared field error', async () => {
    const { org, user } = await newUser()
    const attempt = write(ctx, (tx) => insertUsers(tx, org.id, [{ username: user.username.toUpperCase(), email: `other-${user.email}`, passwordHash: null }]))
    const err = await attempt.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ValidationError)
    expect((err as ValidationError).fields).toEqual({ username: ['A user with that username already exists.'] })
    const byEmail = await write(ctx, (tx) => insertUsers(tx, org.id, [{ username: `other-${user.username}`, email: user.email.toUpperCase(), passwordHash: null }])).catch((e: unknown) => e)
    expect((byEmail as ValidationError).fields).toEqual({ email: ['A user with this email already exists.'] })
  })

  it('a clash answer replaces the field error when asked for', async () => {
    const { org, user } = await newUser()
    const clash = new Error('clash')
    const err = await write(ctx, (tx) => insertUsers(tx, org.id, [{ username: user.username, email: user.email, passwordHash: null }]), { onUniqueViolation: () => clash }).catch((e: unknown) => e)
    expect(err).toBe(clash)
  })

  it('a failing publish leaves the committed write a success, logged and counted', async () => {
    const { org, user } = await newUser()
    let failing = true
    ctx.bus.onInvalidate(() => { if (failing) throw new Error('bus down') })
    const before = (await ctx.metrics.invalidationPublishFailures.get()).values[0]?.value ?? 0
    try {
      const value = await write(ctx, async (tx, w) => {
        await updateUser(tx, org.id, user.id, { lastName: 'Lovelace' })
        w.invalidate(tags.user(user.id))
        return 'done'
      })
      expect(value).toBe('done')
      expect((await findUserById(ctx.db, org.id, user.id))?.lastName).toBe('Lovelace')
      expect((await ctx.metrics.invalidationPublishFailures.get()).values[0]?.value).toBe(before + 1)
    } finally {
      failing = false
    }
  })
})

describe('a request whose invalidation cannot be published', () => {
  it('answers with the committed change', async () => {
    const { org } = await newUser()
    const { access, user } = await registerUser(app, org)
    let failing = true
    ctx.bus.onInvalidate(() => { if (failing) throw new Error('bus down') })
    try {
      const res = await call(app, 'PATCH', '/api/v1/auth/me/', { token: access, org: org.slug, body: { first_name: 'Grace' } })
      expect(res.status).toBe(200)
      expect(res.body.first_name).toBe('Grace')
    } finally {
      failing = false
    }
    expect((await findUserById(ctx.db, org.id, user.id))?.firstName).toBe('Grace')
    expect(await auditRows(user.id, 'user.updated')).toHaveLength(1)
  })
})

describe('registrations racing for one username', () => {
  it('one wins; the others get the field error, never a 409 or a 500', async () => {
    const org = await createOrg(app, { allowRegistration: true })
    const username = `race${Date.now().toString(36)}`
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call(app, 'POST', '/api/v1/auth/register/', {
      org: org.slug, body: { username, email: `${username}-${i}@example.com`, password: 'correct horse battery staple 7' },
    })))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(400)
      expect(r.body).toEqual({ username: ['A user with that username already exists.'] })
    }
  })
})
