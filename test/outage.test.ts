import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildApp } from '../src/app'
import type { Config } from '../src/config'
import { isUnavailable } from '../src/lib/errors'
import { testDatabaseUrl, testRedisUrl } from './support/env'
import { call, createOrg, PASSWORD, promoteToSuperuser, registerUser, testConfig } from './support/helpers'
import { OutageProxy, portOf, via, type ProxyMode } from './support/outage-proxy'

/**
 * Outages of PostgreSQL and Redis, simulated by a TCP proxy per test (the shared servers
 * stay up for everyone else). Both shapes of outage: refused connections, and a black
 * hole (connections accepted, never answered: the one that makes clients hang).
 */
const UNAVAILABLE = { detail: 'The service is temporarily unavailable, try again later.', code: 'service_unavailable' }


/** Captured JSON log lines (and anything that is not JSON, to be reported). */
function logSink() {
  const lines: string[] = []
  let rest = ''
  const stream = new Writable({
    write(chunk, _enc, done) {
      const parts = (rest + chunk.toString()).split('\n')
      rest = parts.pop() ?? ''
      lines.push(...parts.filter(Boolean))
      done()
    },
  })
  return { stream, lines, parsed: () => lines.map((l) => JSON.parse(l) as { msg: string; level: number }) }
}

async function appVia(overrides: Partial<Config>, logStream?: Writable): Promise<FastifyInstance> {
  const app = await buildApp(testConfig({ databaseConnectTimeoutMs: 1000, databaseQueryTimeoutMs: 1000, ...overrides }), {
    migrate: false, ...(logStream ? { logStream } : { logger: false }),
  })
  onTestFinished(() => app.close())
  return app
}

/** Runs `fn` and returns its result with the time it took. */
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await fn()
  return [result, performance.now() - start]
}

async function until(check: () => Promise<boolean>, ms = 8000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return
  throw new Error('condition not reached in time')
}

const readyz = (app: FastifyInstance) => call(app, 'GET', '/readyz')
const login = (app: FastifyInstance, org: { slug: string }, username: string) =>
  call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password: PASSWORD } })

describe.each<ProxyMode>(['refuse', 'blackhole'])('PostgreSQL down (%s)', (mode) => {
  it('answers 503 service_unavailable with Retry-After within 2 s, /readyz says so, and recovers without restart', async () => {
    const proxy = await OutageProxy.start(portOf(testDatabaseUrl, 5432))
    onTestFinished(() => proxy.stop())
    const app = await appVia({ databaseUrl: via(testDatabaseUrl, proxy) })
    const org = await createOrg(app)
    const u = await registerUser(app, org)
    expect((await readyz(app)).body).toEqual({ status: 'ok', database: 'ok' })

    await proxy.set(mode)
    const [sessions, sessionsMs] = await timed(() => call(app, 'GET', '/api/v1/auth/sessions/', { token: u.access }))
    expect(sessions.status).toBe(503)
    expect(sessions.body).toEqual(UNAVAILABLE)
    expect(Number(sessions.headers['retry-after'])).toBeGreaterThan(0)
    expect(sessionsMs).toBeLessThan(2000)
    const [denied, loginMs] = await timed(() => login(app, org, u.user.username))
    expect([denied.status, denied.body]).toEqual([503, UNAVAILABLE])
    expect(loginMs).toBeLessThan(2000)
    const [ready, readyMs] = await timed(() => readyz(app))
    expect([ready.status, ready.body]).toEqual([503, { status: 'unavailable', database: 'down' }])
    expect(readyMs).toBeLessThan(2000)

    await proxy.set('up')
    const [, recoverMs] = await timed(() => until(async () => (await readyz(app)).status === 200))
    expect(recoverMs).toBeLessThan(3000)
    expect((await login(app, org, u.user.username)).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/sessions/', { token: u.access })).status).toBe(200)
  }, 20_000)
})

describe('the users list feed (LISTEN) black-holed', () => {
  it('is noticed within seconds: nothing cached is served until LISTEN is back, and the next list shows what changed meanwhile', async () => {
    const proxy = await OutageProxy.start(portOf(testDatabaseUrl, 5432))
    onTestFinished(() => proxy.stop())
    const app = await appVia({ databaseUrl: via(testDatabaseUrl, proxy), authCacheTtlSeconds: 60 })
    await until(async () => app.ctx.userPages.isLive)
    const org = await createOrg(app)
    const boss = await registerUser(app, org)
    await promoteToSuperuser(app, boss.user.id)
    const firstName = async () => ((await call(app, 'GET', '/api/v1/users/', { token: boss.access })).body.results as { id: string; first_name: string }[])
      .find((u) => u.id === boss.user.id)?.first_name
    await firstName() // cached
    expect(app.ctx.userPages.size(org.id)).toBe(1)

    // The connection stays open but carries nothing: no error, no end, TCP keep-alive answered by the proxy.
    await proxy.set('blackhole')
    const direct = new pg.Client({ connectionString: testDatabaseUrl })
    await direct.connect()
    onTestFinished(() => direct.end())
    // Its notification goes to the black hole: never delivered.
    await direct.query('UPDATE users SET first_name = $1 WHERE id = $2', ['WhileBlackHoled', boss.user.id])
    const [, noticedMs] = await timed(() => until(async () => !app.ctx.userPages.isLive))
    expect(noticedMs).toBeLessThan(5000)
    expect(app.ctx.userPages.size()).toBe(0)

    await proxy.set('up')
    await until(async () => app.ctx.userPages.isLive && (await readyz(app)).status === 200)
    expect(await firstName()).toBe('WhileBlackHoled')
  }, 30_000)
})

describe('PostgreSQL connection lost inside a transaction', () => {
  it('fails that transaction as unavailable instead of crashing the process', async () => {
    // pg emits 'error' on a checked-out client whose server goes away; with no listener that
    // is an uncaught exception (vitest reports it), in production a crash of every request.
    const proxy = await OutageProxy.start(portOf(testDatabaseUrl, 5432))
    onTestFinished(() => proxy.stop())
    const app = await appVia({ databaseUrl: via(testDatabaseUrl, proxy) })
    let resume: (() => void) | undefined
    const tx = app.ctx.db.transaction(async (t) => {
      await t.execute(sql`SELECT 1`)
      await new Promise<void>((r) => { resume = r })
      await t.execute(sql`SELECT 1`)
    })
    await until(async () => resume !== undefined)
    await proxy.set('refuse')
    await new Promise((r) => setTimeout(r, 200)) // the connection's end reaches the client
    resume?.()
    await expect(tx.catch((err) => isUnavailable(err))).resolves.toBe(true)
    await proxy.set('up')
    await until(async () => (await readyz(app)).status === 200)
  })
})

describe.each<ProxyMode>(['refuse', 'blackhole'])('Redis down (%s)', (mode) => {
  it('fails login closed in under 1 s, still commits writes, reports it in /readyz, logs JSON only, and recovers', async () => {
    const consoleError = vi.spyOn(console, 'error')
    const proxy = await OutageProxy.start(portOf(testRedisUrl, 6379))
    onTestFinished(() => proxy.stop())
    const logs = logSink()
    const redisPrefix = `cc-test:${randomBytes(6).toString('hex')}:`
    const shared = { redisPrefix, authCacheTtlSeconds: 60, throttleAuthPerIp: { limit: 1000, windowSeconds: 60 }, throttleAuthPerAccount: { limit: 1000, windowSeconds: 60 } }
    const app = await appVia({ ...shared, redisUrl: via(testRedisUrl, proxy), logLevel: 'info' }, logs.stream)
    // A second instance whose own Redis connection stays up: it must hear of the logout made during the outage.
    const other = await appVia({ ...shared, redisUrl: testRedisUrl })
    await until(async () => (await readyz(app)).status === 200 && (await readyz(other)).status === 200)
    const org = await createOrg(app)
    const u = await registerUser(app, org)
    expect((await readyz(app)).body).toEqual({ status: 'ok', database: 'ok', redis: 'ok' })
    expect((await call(other, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(200) // cached in `other`

    const outageStart = logs.lines.length
    await proxy.set(mode)
    const [denied, loginMs] = await timed(() => login(app, org, u.user.username))
    expect([denied.status, denied.body]).toEqual([503, UNAVAILABLE])
    expect(Number(denied.headers['retry-after'])).toBeGreaterThan(0)
    expect(loginMs).toBeLessThan(1000)
    const [patched, patchMs] = await timed(() => call(app, 'PATCH', '/api/v1/auth/me/', { token: u.access, body: { first_name: 'Offline' } }))
    expect([patched.status, patched.body.first_name]).toEqual([200, 'Offline'])
    expect(patchMs).toBeLessThan(1000)
    const [logout, logoutMs] = await timed(() => call(app, 'POST', '/api/v1/auth/logout/', { token: u.access, body: { refresh: u.refresh } }))
    expect(logout.status).toBe(204)
    expect(logoutMs).toBeLessThan(1000)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(401) // revoked here at once
    const ready = await readyz(app)
    expect([ready.status, ready.body]).toEqual([503, { status: 'unavailable', database: 'ok', redis: 'down' }])

    await proxy.set('up')
    await until(async () => (await readyz(app)).status === 200)
    // The invalidation that could not be published during the outage is published now.
    await until(async () => (await call(other, 'GET', '/api/v1/auth/me/', { token: u.access })).status === 401, 3000)
    expect((await login(app, org, u.user.username)).status).toBe(200)

    const entries = logs.parsed().slice(outageStart) // parsed() throws on any line that is not JSON
    const down = entries.filter((e) => e.msg === 'redis unavailable').length
    expect(down).toBeGreaterThan(0)
    expect(down).toBeLessThanOrEqual(2) // once per connection (commands, subscriber), not once per reconnect attempt
    expect(entries.some((e) => e.msg === 'redis connection restored')).toBe(true)
    expect(entries.some((e) => e.msg === 'deferred invalidations published')).toBe(true)
    expect(consoleError.mock.calls.filter((c) => String(c[0]).includes('ioredis'))).toEqual([])
    consoleError.mockRestore()
  }, 20_000)
})

describe('SMTP down (black hole)', () => {
  it('never slows a request that sends mail, and does not hold shutdown for minutes', async () => {
    const proxy = await OutageProxy.start(1) // never forwarded: black-holed from the start
    onTestFinished(() => proxy.stop())
    await proxy.set('blackhole')
    const logs = logSink()
    const app = await buildApp(testConfig({ smtpUrl: `smtp://${proxy.address}`, logLevel: 'info' }), { migrate: false, logStream: logs.stream })
    const org = await createOrg(app)
    const u = await registerUser(app, org)
    const [forgot, forgotMs] = await timed(() => call(app, 'POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email: u.user.email } }))
    expect(forgot.status).toBe(202)
    expect(forgotMs).toBeLessThan(1000)
    await app.ctx.backgroundIdle() // the mail is now handed to SMTP, which never answers
    const [, closeMs] = await timed(() => app.close())
    expect(closeMs).toBeLessThan(5000) // not nodemailer's 30 s greeting timeout
    expect(logs.parsed().some((e) => e.msg === 'email delivery still in progress at shutdown; abandoned')).toBe(true)
  }, 20_000)
})
