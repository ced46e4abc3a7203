import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import { commands } from '../src/cli/commands'
import { runCommand } from '../src/cli/run'
import { commandError } from '../src/cli/validate'
import { auditEvents, users } from '../src/db/schema'
import { testRedisUrl } from './support/env'
import { call, createOrg, registerUser, testConfig, unique } from './support/helpers'

/**
 * CLI commands run on the same context and services as the API: they write the API's
 * audit events, and their invalidations reach a running server over Redis at once,
 * although that server had the old permissions cached (a minute here). The command runs
 * on its own context (own database pool, own Redis connection), as in its own process.
 */
const config = testConfig({ redisUrl: testRedisUrl, redisPrefix: `cc-test:${randomBytes(6).toString('hex')}:`, authCacheTtlSeconds: 60 })
const server = await buildApp(config, { migrate: false, logger: false })
afterAll(() => server.close())
const subscriber = server.ctx.redisSubscriber
if (subscriber?.status !== 'ready') await new Promise((resolve) => subscriber?.once('ready', resolve))

const run = async (name: string, flags: Record<string, string | boolean>, positionals: string[] = []) => {
  const command = commands[name]
  return runCommand(config, name, command, await command.input(config, flags, positionals))
}

/** The line the CLI prints for a command's error. */
const failure = (p: Promise<string>) => p.then(() => 'succeeded', commandError)

async function until(check: () => Promise<boolean>, ms = 2000) {
  for (const end = Date.now() + ms; !(await check()); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error('timed out')
  }
}

const eventsOf = (organizationId: string, action: string) =>
  server.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)))

describe('CLI commands on the shared context', () => {
  it('createsuperuser goes through the API\'s user creation: its validation, its audit event, a user who signs in on the server', async () => {
    const org = await createOrg(server)
    const username = unique('root')
    const password = 'superuser passphrase 42'
    expect(await failure(run('createsuperuser', { username: 'not a username', email: `${username}@example.com`, password, organization: org.slug }))).toBe('username: Enter a valid value.')
    expect(await failure(run('createsuperuser', { username, email: 'not-an-email', password, organization: org.slug }))).toMatch(/^email: /)
    expect(await run('createsuperuser', { username, email: `${username}@example.com`, password, organization: org.slug })).toContain(`Superuser "${username}" created`)

    const [user] = await server.ctx.db.select().from(users).where(and(eq(users.organizationId, org.id), eq(users.username, username)))
    expect(user).toMatchObject({ isSuperuser: true, emailVerified: true })
    const [created] = (await eventsOf(org.id, 'user.created')).filter((e) => e.targetId === user.id)
    expect(created).toMatchObject({ actorType: 'system', targetType: 'user', userAgent: 'commercecore createsuperuser', metadata: { superuser: true, role_ids: [] } })
    const login = await call(server, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password } })
    expect(login.status).toBe(200)
    expect(login.body.user.is_superuser).toBe(true)
    expect(await failure(run('createsuperuser', { username, email: `other-${username}@example.com`, password, organization: org.slug }))).toBe('username: A user with that username already exists.')
  })

  it('import-django writes audit events and its invalidation drops the running server\'s cached permissions', async () => {
    const org = await createOrg(server)
    const member = await registerUser(server, org) // a "customer": no view_users
    expect((await call(server, 'GET', '/api/v1/users/', { token: member.access, org: org.slug })).status).toBe(403) // cached now
    const newcomer = unique('dj')
    const file = JSON.stringify([
      { model: 'auth.group', pk: 1, fields: { name: 'customer', permissions: [['view_user', 'auth', 'user']] } },
      { model: 'auth.user', pk: 7, fields: { username: newcomer, email: `${newcomer}@example.com`, password: '!', is_active: true, groups: [1] } },
    ])
    const { importDjangoCommand } = await import('../src/cli/import-django')
    const input = { text: file, file: 'dump.json', organization: org.slug, emailsVerified: false }
    expect(await runCommand(config, 'import-django', importDjangoCommand, input)).toContain('1 users created')

    const [user] = await server.ctx.db.select().from(users).where(and(eq(users.organizationId, org.id), eq(users.username, newcomer)))
    expect((await eventsOf(org.id, 'user.created')).filter((e) => e.targetId === user.id)).toHaveLength(1)
    expect(await eventsOf(org.id, 'users.imported')).toMatchObject([{ actorType: 'system', metadata: { users_created: 1 } }])
    // The customer role gained view_users: the server sees it before its cache would expire.
    await until(async () => (await call(server, 'GET', '/api/v1/users/', { token: member.access, org: org.slug })).status === 200)
  })
})
