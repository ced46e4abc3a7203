import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { testRedisUrl } from '../../../test/support/env'
import { call, createOrg, PASSWORD, registerUser, testConfig } from '../../../test/support/helpers'
import { buildApp } from '../../app'
import type { Config } from '../../config'
import { users } from '../../db/schema'
import { tags } from '../../lib/cache-tags'

/**
 * Two instances on one PostgreSQL and one Redis behave as one (SPEC §8): throttles and
 * lockouts are shared, and a revocation on one is honoured by the other at once.
 * A random key prefix keeps parallel test runs apart in the shared Redis.
 */
async function pair(overrides: Partial<Config> = {}): Promise<[FastifyInstance, FastifyInstance]> {
  const config = testConfig({ redisUrl: testRedisUrl, redisPrefix: `cc-test:${randomBytes(6).toString('hex')}:`, authCacheTtlSeconds: 60, ...overrides })
  const apps = await Promise.all([buildApp(config, { migrate: false, logger: false }), buildApp(config, { migrate: false, logger: false })])
  afterAll(() => Promise.all(apps.map((a) => a.close())))
  // Both subscriptions must be up before a revocation is published.
  await Promise.all(apps.map((a) => waitReady(a)))
  return apps as [FastifyInstance, FastifyInstance]
}

async function waitReady(app: FastifyInstance) {
  const redis = app.ctx.redis
  if (!redis) throw new Error('no redis')
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve))
  await new Promise((r) => setTimeout(r, 100))
}

const [a, b] = await pair({ lockoutThreshold: 4, throttleAuthPerIp: { limit: 5, windowSeconds: 60 } })
const org = await createOrg(a)

let ipCounter = 0
/** A login from a fresh client IP each time, so the shared per-IP throttle stays out of the lockout tests. */
const loginFrom = async (app: FastifyInstance, username: string, password: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login/', remoteAddress: `10.7.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`, headers: { 'x-organization': org.slug }, payload: { username, password } })
  return { status: res.statusCode, body: JSON.parse(res.body) }
}

/** Invalidations cross Redis pub/sub: allow the message its (sub-millisecond) trip. */
const soon = () => new Promise((r) => setTimeout(r, 50))

describe('two instances sharing PostgreSQL and Redis', () => {
  it('honours a logout on A in B, although B had the session cached', async () => {
    const u = await registerUser(a, org)
    expect((await call(b, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(200) // now cached in B
    expect((await call(a, 'POST', '/api/v1/auth/logout/', { token: u.access, body: { refresh: u.refresh } })).status).toBe(204)
    await soon()
    expect((await call(b, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(401)
  })

  it('honours a deactivation and an ended session made on A in B', async () => {
    const u = await registerUser(a, org)
    const other = await loginFrom(b, u.user.username, PASSWORD)
    expect((await call(b, 'GET', '/api/v1/auth/me/', { token: other.body.access })).status).toBe(200)
    const sessions = await call(a, 'GET', '/api/v1/auth/sessions/', { token: u.access })
    const otherId = sessions.body.results.find((s: { current: boolean }) => !s.current).id
    expect((await call(a, 'DELETE', `/api/v1/auth/sessions/${otherId}/`, { token: u.access })).status).toBe(204)
    await soon()
    expect((await call(b, 'GET', '/api/v1/auth/me/', { token: other.body.access })).status).toBe(401)

    expect((await call(b, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(200)
    await a.ctx.db.update(users).set({ isActive: false }).where(eq(users.id, u.user.id))
    await a.ctx.invalidate([tags.user(u.user.id)]) // what the users service does after deactivating
    await soon()
    expect((await call(b, 'GET', '/api/v1/auth/me/', { token: u.access })).status).toBe(401)
  })

  it('shares the lockout: failures on A and B add up, and the lock holds on both', async () => {
    const u = await registerUser(a, org)
    const wrong = (app: FastifyInstance) => loginFrom(app, u.user.username, 'a wrong password 1')
    expect((await wrong(a)).status).toBe(401)
    expect((await wrong(b)).status).toBe(401)
    expect((await wrong(a)).status).toBe(401)
    expect((await wrong(b)).status).toBe(401)
    for (const app of [a, b]) {
      const locked = await loginFrom(app, u.user.username, PASSWORD)
      expect(locked.status).toBe(429)
      expect(locked.body.code).toBe('throttled')
    }
  })

  it('keeps parallel guesses spread over both instances at the threshold', async () => {
    const u = await registerUser(a, org)
    const spies = [vi.spyOn(a.ctx.hasher, 'verify'), vi.spyOn(b.ctx.hasher, 'verify')]
    const before = spies.map((s) => s.mock.calls.length)
    await Promise.all(Array.from({ length: 30 }, (_, i) =>
      loginFrom(i % 2 ? a : b, u.user.username, `parallel guess ${i}`)))
    const evaluated = spies.reduce((n, s, i) => n + s.mock.calls.length - before[i], 0)
    expect(evaluated).toBe(4)
    spies.forEach((s) => s.mockRestore())
  })

  it('shares the per-IP throttle', async () => {
    const forgot = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot/', remoteAddress: '10.9.9.9', headers: { 'x-organization': org.slug }, payload: { email: 'someone@example.com' } })
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await forgot(i % 2 ? a : b)).statusCode)
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
  })
})
