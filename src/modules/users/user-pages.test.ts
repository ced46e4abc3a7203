import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabaseUrl } from '../../../test/support/env'
import { call, createOrg, PASSWORD, promoteToSuperuser, registerUser, testConfig, unique } from '../../../test/support/helpers'
import { buildApp } from '../../app'
import { users } from '../../db/schema'

/**
 * The GET /users/ page cache (user-pages.ts): every write that changes the list shows on
 * the next list, on the instance that wrote and on another one. The two instances share
 * PostgreSQL but no Redis, so only PostgreSQL's notifications can reach B.
 */
const config = testConfig({ authCacheTtlSeconds: 60 })
const [a, b] = await Promise.all([buildApp(config, { migrate: false, logger: false }), buildApp(config, { migrate: false, logger: false })])
afterAll(() => Promise.all([a.close(), b.close()]))
const sql = new pg.Client({ connectionString: testDatabaseUrl })
await sql.connect()
afterAll(() => sql.end())

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > deadline) return value
    await new Promise((r) => setTimeout(r, 20))
  }
}
await Promise.all([a, b].map((app) => until(async () => app.ctx.userPages.isLive, Boolean)))

interface Listed { id: string; username: string; first_name: string; is_active: boolean; last_login: string | null; roles: { id: string; name: string }[] }
const LIST = '/api/v1/users/?limit=50'
const list = (app: FastifyInstance, token: string, url = LIST) => call(app, 'GET', url, { token })
const listed = async (app: FastifyInstance, token: string) => (await list(app, token)).body.results as Listed[]

/** An organization with a superuser (the caller of the writes and lists), a user to change and a spare role. */
async function scene() {
  const org = await createOrg(a)
  const boss = await registerUser(a, org)
  await promoteToSuperuser(a, boss.user.id)
  const target = await registerUser(a, org)
  const role = (await call(a, 'POST', '/api/v1/roles/', { token: boss.access, body: { name: unique('role-') } })).body as { id: string; name: string }
  return { org, token: boss.access, bossId: boss.user.id, target, role, db: a.ctx.db }
}
type Scene = Awaited<ReturnType<typeof scene>>
/** A staff member of the scene's organization with the built-in admin role (view_users), not a superuser. */
async function staffOf(s: Scene) {
  const u = await registerUser(a, s.org)
  const admin = ((await call(a, 'GET', '/api/v1/roles/?search=admin', { token: s.token })).body.results as { id: string; name: string }[]).find((r) => r.name === 'admin')
  expect((await call(a, 'PUT', `/api/v1/users/${u.user.id}/roles/`, { token: s.token, body: { role_ids: [admin?.id] } })).status).toBe(200)
  return (await call(a, 'POST', '/api/v1/auth/login/', { org: s.org.slug, body: { username: u.user.username, password: PASSWORD } })).body.access as string
}
const find = (page: Listed[], id: string) => page.find((u) => u.id === id)

const cli = (args: string[]) => promisify(execFile)(process.execPath, ['bin/commercecore.js', ...args], {
  cwd: path.resolve(import.meta.dirname, '../../..'),
  // Another process, and no REDIS_URL: nothing but PostgreSQL tells the instances.
  env: { ...process.env, DATABASE_URL: testDatabaseUrl, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cc-cli-')), REDIS_URL: '', COMMERCECORE_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789', LOG_LEVEL: 'silent' },
})

interface Case {
  name: string
  /** Done before the page is cached (the state the write starts from). */
  prepare?: (s: Scene) => Promise<void>
  write: (s: Scene) => Promise<unknown>
  /** The next list shows the write. */
  shows: (page: Listed[], s: Scene) => boolean
  /**
   * Seen by the next list on the writing instance at once, not only once the notification
   * lands: a staff member reads their own write, and a registration shows at once. Writes
   * made elsewhere (SQL, the CLI) are seen within the notification's trip.
   */
  atOnce?: false
}

const roleNames = (page: Listed[], id: string) => find(page, id)?.roles.map((r) => r.name) ?? []
const cases: Case[] = [
  { name: 'POST /users/', write: (s) => call(a, 'POST', '/api/v1/users/', { token: s.token, body: { username: 'made-by-staff', email: 'made@example.com' } }), shows: (p) => p.some((u) => u.username === 'made-by-staff') },
  { name: 'POST /auth/register/', write: (s) => call(a, 'POST', '/api/v1/auth/register/', { org: s.org.slug, body: { username: 'signed-up', email: 'signed-up@example.com', password: PASSWORD } }), shows: (p) => p.some((u) => u.username === 'signed-up') },
  { name: 'PATCH /users/{id}/', write: (s) => call(a, 'PATCH', `/api/v1/users/${s.target.user.id}/`, { token: s.token, body: { first_name: 'Patched' } }), shows: (p, s) => find(p, s.target.user.id)?.first_name === 'Patched' },
  { name: 'PUT /users/{id}/', write: (s) => call(a, 'PUT', `/api/v1/users/${s.target.user.id}/`, { token: s.token, body: { username: s.target.user.username, email: s.target.user.email, first_name: 'Replaced' } }), shows: (p, s) => find(p, s.target.user.id)?.first_name === 'Replaced' },
  { name: 'deactivation', write: (s) => call(a, 'PATCH', `/api/v1/users/${s.target.user.id}/`, { token: s.token, body: { is_active: false } }), shows: (p, s) => find(p, s.target.user.id)?.is_active === false },
  { name: 'DELETE /users/{id}/', write: (s) => call(a, 'DELETE', `/api/v1/users/${s.target.user.id}/`, { token: s.token }), shows: (p, s) => !find(p, s.target.user.id) },
  {
    name: 'POST /users/{id}/restore/',
    prepare: async (s) => { await call(a, 'DELETE', `/api/v1/users/${s.target.user.id}/`, { token: s.token }) },
    write: (s) => call(a, 'POST', `/api/v1/users/${s.target.user.id}/restore/`, { token: s.token }),
    shows: (p, s) => !!find(p, s.target.user.id),
  },
  { name: 'PUT /users/{id}/roles/', write: (s) => call(a, 'PUT', `/api/v1/users/${s.target.user.id}/roles/`, { token: s.token, body: { role_ids: [s.role.id] } }), shows: (p, s) => roleNames(p, s.target.user.id).join() === s.role.name },
  { name: 'POST /user-roles/', write: (s) => call(a, 'POST', '/api/v1/user-roles/', { token: s.token, body: { user: s.target.user.id, role: s.role.id } }), shows: (p, s) => roleNames(p, s.target.user.id).includes(s.role.name) },
  {
    name: 'DELETE /user-roles/{id}/',
    prepare: async (s) => { await call(a, 'POST', '/api/v1/user-roles/', { token: s.token, body: { user: s.target.user.id, role: s.role.id } }) },
    write: async (s) => {
      const links = (await call(a, 'GET', `/api/v1/user-roles/?user=${s.target.user.id}`, { token: s.token })).body.results as { id: string; role: string }[]
      return call(a, 'DELETE', `/api/v1/user-roles/${links.find((l) => l.role === s.role.id)?.id}/`, { token: s.token })
    },
    shows: (p, s) => !roleNames(p, s.target.user.id).includes(s.role.name),
  },
  {
    name: 'a role renamed',
    prepare: async (s) => { await call(a, 'POST', '/api/v1/user-roles/', { token: s.token, body: { user: s.target.user.id, role: s.role.id } }) },
    write: (s) => call(a, 'PATCH', `/api/v1/roles/${s.role.id}/`, { token: s.token, body: { name: 'renamed-role' } }),
    shows: (p, s) => roleNames(p, s.target.user.id).includes('renamed-role'),
  },
  {
    name: 'a role deleted',
    prepare: async (s) => { await call(a, 'POST', '/api/v1/user-roles/', { token: s.token, body: { user: s.target.user.id, role: s.role.id } }) },
    write: (s) => call(a, 'DELETE', `/api/v1/roles/${s.role.id}/`, { token: s.token }),
    shows: (p, s) => !roleNames(p, s.target.user.id).includes(s.role.name),
  },
  {
    name: 'a sign-in (last_login)',
    prepare: async (s) => { await s.db.update(users).set({ lastLogin: null }).where(eq(users.id, s.target.user.id)) },
    write: (s) => call(a, 'POST', '/api/v1/auth/login/', { org: s.org.slug, body: { username: s.target.user.username, password: PASSWORD } }),
    shows: (p, s) => find(p, s.target.user.id)?.last_login !== null,
  },
  { name: 'PATCH /auth/me/', write: (s) => call(a, 'PATCH', '/api/v1/auth/me/', { token: s.target.access, body: { first_name: 'Myself' } }), shows: (p, s) => find(p, s.target.user.id)?.first_name === 'Myself' },
  { name: 'DELETE /auth/me/', write: (s) => call(a, 'DELETE', '/api/v1/auth/me/', { token: s.target.access }), shows: (p, s) => !find(p, s.target.user.id) },
  { name: 'plain SQL, no invalidation published', write: (s) => sql.query('UPDATE users SET first_name = $1 WHERE id = $2', ['BySql', s.target.user.id]), shows: (p, s) => find(p, s.target.user.id)?.first_name === 'BySql', atOnce: false },
  {
    name: 'CLI createsuperuser (another process, no Redis)',
    write: (s) => cli(['createsuperuser', '--username', 'from-cli', '--email', 'from-cli@example.com', '--password', PASSWORD, '--organization', s.org.slug, '--noinput']),
    shows: (p) => p.some((u) => u.username === 'from-cli'),
    atOnce: false,
  },
]

describe('GET /users/ page cache: the next list shows every write', () => {
  it.each(cases)('$name, on the instance that wrote and on another', async (c) => {
    const s = await scene()
    await c.prepare?.(s)
    // Cached on both instances, with the state before the write.
    for (const app of [a, b]) {
      const before = await listed(app, s.token)
      expect(c.shows(before, s)).toBe(false)
      expect(await listed(app, s.token)).toEqual(before)
    }
    const done = await c.write(s) as { status?: number }
    if (done.status !== undefined) expect(done.status).toBeLessThan(300)
    if (c.atOnce !== false) expect(c.shows(await listed(a, s.token), s)).toBe(true)
    for (const app of [a, b]) expect(c.shows(await until(() => listed(app, s.token), (p) => c.shows(p, s)), s)).toBe(true)
  }, 30_000)

  it('serves a cached page: a write that bypasses the triggers is not seen (what makes the cases above meaningful)', async () => {
    const s = await scene()
    const before = await list(a, s.token)
    const client = new pg.Client({ connectionString: testDatabaseUrl })
    await client.connect()
    try {
      await client.query("SET session_replication_role = 'replica'") // triggers off, for this session only
      await client.query('UPDATE users SET first_name = $1 WHERE id = $2', ['Unnoticed', s.target.user.id])
    } finally {
      await client.end()
    }
    await new Promise((r) => setTimeout(r, 200))
    const again = await list(a, s.token)
    expect(again.body).toEqual(before.body)
    expect(find(again.body.results, s.target.user.id)?.first_name).not.toBe('Unnoticed')
    // The page is exactly what the route serializes, headers included.
    const fresh = await list(b, s.token, `${LIST}&ordering=-date_joined`)
    expect(find(fresh.body.results, s.target.user.id)?.first_name).toBe('Unnoticed')
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(again.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(before.body))))
  })

  it('deleting the organization: the next list is refused, not served from the cache', async () => {
    const s = await scene()
    expect((await list(a, s.token)).status).toBe(200)
    expect((await call(a, 'DELETE', `/api/v1/organizations/${s.org.id}/`, { token: s.token })).status).toBe(204)
    // On this instance at once. (B learns of the deletion's tokens through Redis, which this pair has not: multi-instance.test.ts.)
    expect((await list(a, s.token)).status).toBe(401)
  })
})

describe('GET /users/ page cache: who may read it', () => {
  it('never serves a page of one organization to another with the same query', async () => {
    const one = await scene()
    const two = await scene()
    one.token = await staffOf(one)
    two.token = await staffOf(two)
    const first = await list(a, one.token)
    expect(first.status).toBe(200)
    const other = await list(a, two.token)
    expect(other.status).toBe(200)
    const ids = (r: { body: { results: Listed[] } }) => r.body.results.map((u) => u.id)
    expect(ids(other)).toContain(two.target.user.id)
    expect(ids(other).some((id) => ids(first).includes(id))).toBe(false)
    // A token of org one with org two's header still lists org one (the organization is the principal's).
    const mixed = await call(a, 'GET', LIST, { token: one.token, org: two.org.slug })
    expect(mixed.status).toBe(200)
    expect(ids(mixed)).toEqual(ids(first))
  })

  it('checks the permission on every request: 403 without view_users, 401 without a token, with the page cached', async () => {
    const s = await scene()
    expect((await list(a, s.token)).status).toBe(200)
    expect((await list(a, s.token)).status).toBe(200)
    expect((await list(a, s.target.access)).status).toBe(403) // a customer
    expect((await call(a, 'GET', LIST)).status).toBe(401)
    expect((await call(a, 'GET', LIST, { token: `${s.token}x` })).status).toBe(401)
    // Losing the permission takes effect on the next request too (what the users service does after a change).
    await s.db.update(users).set({ isSuperuser: false }).where(eq(users.id, s.bossId))
    await a.ctx.invalidate([`user:${s.bossId}`])
    expect((await list(a, s.token)).status).toBe(403)
  })
})

describe('GET /users/ page cache: the listening connection', () => {
  it('USERS_LIST_CACHE=false: no listening connection, every page read', async () => {
    const off = await buildApp(testConfig({ usersListCache: false }), { migrate: false, logger: false })
    try {
      const s = await scene()
      await list(off, s.token)
      const client = new pg.Client({ connectionString: testDatabaseUrl })
      await client.connect()
      await client.query("SET session_replication_role = 'replica'") // no notification at all
      await client.query('UPDATE users SET first_name = $1 WHERE id = $2', ['NotCached', s.target.user.id])
      await client.end()
      expect(find(await listed(off, s.token), s.target.user.id)?.first_name).toBe('NotCached')
      expect(off.ctx.userPages.isLive).toBe(false)
    } finally {
      await off.close()
    }
  })

  it('serves nothing cached while the connection is lost, and listens again', async () => {
    const s = await scene()
    await list(a, s.token)
    await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'commercecore listen users_list'")
    await until(async () => a.ctx.userPages.isLive, (live) => !live)
    // Written while nobody listens: no notification will ever arrive for it.
    await sql.query('UPDATE users SET first_name = $1 WHERE id = $2', ['WhileDown', s.target.user.id])
    expect(find(await listed(a, s.token), s.target.user.id)?.first_name).toBe('WhileDown')
    expect(await until(async () => a.ctx.userPages.isLive, Boolean)).toBe(true)
    expect(find(await listed(a, s.token), s.target.user.id)?.first_name).toBe('WhileDown')
    await sql.query('UPDATE users SET first_name = $1 WHERE id = $2', ['AfterReconnect', s.target.user.id])
    expect(find(await until(() => listed(a, s.token), (p) => find(p, s.target.user.id)?.first_name === 'AfterReconnect'), s.target.user.id)?.first_name).toBe('AfterReconnect')
  })
})

describe('GET /users/ page cache: one organization cannot cool or evict the others', () => {
  it('a write drops only the writing organization\'s pages on the instance that wrote (a sign-in elsewhere leaves them)', async () => {
    const one = await scene()
    const two = await scene()
    await list(a, one.token)
    await list(a, two.token)
    expect([a.ctx.userPages.size(one.org.id), a.ctx.userPages.size(two.org.id)]).toEqual([1, 1])
    // A sign-in in two (last_login: published on this instance, notified to both).
    expect((await call(a, 'POST', '/api/v1/auth/login/', { org: two.org.slug, body: { username: two.target.user.username, password: PASSWORD } })).status).toBe(200)
    expect(a.ctx.userPages.size(two.org.id)).toBe(0) // read your own write
    expect(a.ctx.userPages.size(one.org.id)).toBe(1)
    // And a staff write in two, through the users service.
    await list(a, two.token)
    expect((await call(a, 'PATCH', `/api/v1/users/${two.target.user.id}/`, { token: two.token, body: { first_name: 'Two' } })).status).toBe(200)
    expect(a.ctx.userPages.size(two.org.id)).toBe(0)
    await new Promise((r) => setTimeout(r, 100)) // the notifications land: still only two's
    expect(a.ctx.userPages.size(one.org.id)).toBe(1)
  })

  it('a read in progress of one organization is still stored when another organization writes, not when its own does', async () => {
    const [one, two] = [crypto.randomUUID(), crypto.randomUUID()]
    const pending = (body: string) => {
      let release = () => {}
      const read = new Promise<string>((resolve) => { release = () => resolve(body) })
      return { read: () => read, release: () => release() }
    }
    const ofOne = pending('{"one":1}')
    const ofTwo = pending('{"two":2}')
    const loads = [a.ctx.userPages.getOrLoad(one, 'q', ofOne.read), a.ctx.userPages.getOrLoad(two, 'q', ofTwo.read)]
    a.ctx.userPages.droppedByLocalWrite([`user:${crypto.randomUUID()}`, `users-list:${two}`])
    ofOne.release()
    ofTwo.release()
    await Promise.all(loads)
    expect(a.ctx.userPages.size(one)).toBe(1)
    expect(a.ctx.userPages.size(two)).toBe(0)
  })

  it('keys a page by the declared query fields only: unknown parameters and their order mint no new page', async () => {
    const s = await scene()
    const first = await list(a, s.token, '/api/v1/users/?limit=1&ordering=username')
    expect(first.body.next).not.toBeNull()
    for (let i = 0; i < 20; i++) expect((await list(a, s.token, `/api/v1/users/?ordering=username&x=${i}&limit=1`)).body).toEqual(first.body)
    expect(a.ctx.userPages.size(s.org.id)).toBe(1)
    // The links repeat the declared fields only (an unknown parameter of one caller never reaches another's links).
    const fresh = await list(b, s.token, '/api/v1/users/?secret=mine&limit=1&ordering=username')
    expect(fresh.body.next).not.toContain('secret')
    expect(fresh.body.next).toBe(first.body.next)
  })

  it('holds at most 32 pages of one organization: its own oldest go, another organization\'s stay', async () => {
    const busy = await scene()
    const quiet = await scene()
    await list(a, quiet.token)
    for (let i = 0; i < 40; i++) expect((await list(a, busy.token, `${LIST}&search=${i}`)).status).toBe(200)
    expect(a.ctx.userPages.size(busy.org.id)).toBe(32)
    expect(a.ctx.userPages.size(quiet.org.id)).toBe(1)
  })
})
