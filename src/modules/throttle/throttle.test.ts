import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe, expect, it, vi } from 'vitest'
import { testRedisUrl } from '../../../test/support/env'
import { call, createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { Throttle } from './throttle'
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleStore } from './throttle.store'

const silent = { error() {}, warn() {}, info() {} } as never

describe('lockout (SPEC §3)', () => {
  it('lets 50 parallel wrong guesses evaluate at most LOCKOUT_THRESHOLD passwords, then answers 429 + Retry-After', async () => {
    const app = await makeApp()
    const org = await createOrg(app)
    const { user } = await registerUser(app, org)
    const verify = vi.spyOn(app.ctx.hasher, 'verify')
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password: `wrong guess number ${i}` } })))
    expect(verify).toHaveBeenCalledTimes(10)
    const statuses = guesses.map((g) => g.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(40)
    // Locked now: even the right password is refused, without being evaluated.
    const locked = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password: PASSWORD } })
    expect(locked.status).toBe(429)
    expect(locked.body).toEqual({ detail: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds\.$/), code: 'throttled' })
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(50)
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(verify).toHaveBeenCalledTimes(10)
    // The email names the same account: no way around the lock.
    expect((await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { email: user.email, password: PASSWORD } })).status).toBe(429)
  })

  it('locks unknown logins the same way (no enumeration through the lockout)', async () => {
    const app = await makeApp({ lockoutThreshold: 3 })
    const org = await createOrg(app)
    const results = []
    for (let i = 0; i < 4; i++) results.push((await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: 'ghost-user', password: 'some wrong password' } })).status)
    expect(results).toEqual([401, 401, 401, 429])
  })

  it('is reset by a successful login', async () => {
    const app = await makeApp({ lockoutThreshold: 3 })
    const org = await createOrg(app)
    const { user } = await registerUser(app, org)
    const attempt = (password: string) => call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.username, password } })
    for (let round = 0; round < 3; round++) {
      expect((await attempt('wrong password one')).status).toBe(401)
      expect((await attempt('wrong password two')).status).toBe(401)
      expect((await attempt(PASSWORD)).status).toBe(200)
    }
  })

  it.each([['in process'], ['in Redis']])('locks for 1 minute, doubling on each further lock up to 1 day, and forgets the level on success (%s)', async (kind) => {
    let now = 1_000_000
    const redis = kind === 'in Redis' ? new Redis(testRedisUrl) : undefined
    const store: ThrottleStore = redis ? new RedisThrottleStore(redis, `cc-test:${randomBytes(6).toString('hex')}:`) : new MemoryThrottleStore(() => now)
    let lockouts = 0
    const throttle = new Throttle(store, { perIp: null, perAccount: null, lockoutThreshold: 3, clock: () => now, log: silent, onLockout: () => lockouts++ })
    const failTimes = async (n: number) => { for (let i = 0; i < n; i++) await (await throttle.reserve('acct')).failed() }
    const retryAfter = async () => throttle.reserve('acct').then(() => 0, (err) => Number(err.headers['retry-after']))
    const expected = [60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440, 86400, 86400]
    for (const seconds of expected) {
      await failTimes(3)
      expect(await retryAfter()).toBe(seconds)
      now += seconds * 1000
    }
    const slot = await throttle.reserve('acct')
    await slot.succeeded()
    await failTimes(3)
    expect(await retryAfter()).toBe(60)
    expect(lockouts).toBe(expected.length + 1) // once per lock (metrics), not per failure
    redis?.disconnect()
  })

  it('gives the slot back when a guess was not judged (e.g. 503), so it cannot lock anyone out', async () => {
    const throttle = new Throttle(new MemoryThrottleStore(), { perIp: null, perAccount: null, lockoutThreshold: 2, log: silent })
    for (let i = 0; i < 10; i++) await (await throttle.reserve('acct')).release()
    const a = await throttle.reserve('acct')
    const b = await throttle.reserve('acct')
    await expect(throttle.reserve('acct')).rejects.toMatchObject({ statusCode: 429 })
    await a.release()
    await b.failed()
    await expect(throttle.reserve('acct')).resolves.toBeDefined()
  })
})

describe('per-IP and per-account throttles', () => {
  it('limits each auth endpoint per client IP, with the DRF body and Retry-After', async () => {
    const app = await makeApp({ throttleAuthPerIp: { limit: 3, windowSeconds: 60 } })
    const org = await createOrg(app)
    const login = (ip: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login/', remoteAddress: ip, headers: { 'x-organization': org.slug }, payload: { username: 'someone', password: 'wrong password 123' } })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await login('10.0.0.1')).statusCode)
    expect(statuses).toEqual([401, 401, 401, 429])
    const res = await login('10.0.0.1')
    expect(res.headers['retry-after']).toMatch(/^\d+$/)
    expect(JSON.parse(res.body).code).toBe('throttled')
    expect((await login('10.0.0.2')).statusCode).toBe(401)
    const forgot = (ip: string) => app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot/', remoteAddress: ip, headers: { 'x-organization': org.slug }, payload: { email: 'a@example.com' } })
    for (let i = 0; i < 3; i++) expect((await forgot('10.0.0.3')).statusCode).toBe(202)
    expect((await forgot('10.0.0.3')).statusCode).toBe(429)
    // Other endpoints are not affected.
    expect((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.3' })).statusCode).toBe(200)
  })

  it('limits attempts per account whatever the IP', async () => {
    const app = await makeApp({ throttleAuthPerAccount: { limit: 2, windowSeconds: 60 } })
    const org = await createOrg(app)
    const { user } = await registerUser(app, org)
    const login = (ip: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login/', remoteAddress: ip, headers: { 'x-organization': org.slug }, payload: { username: user.username, password: PASSWORD } })
    expect((await login('10.1.0.1')).statusCode).toBe(200)
    expect((await login('10.1.0.2')).statusCode).toBe(200)
    expect((await login('10.1.0.3')).statusCode).toBe(429)
  })
})

describe('password-hashing admission control', () => {
  it('sheds a login flood with 503 + Retry-After while other endpoints stay responsive', async () => {
    const app = await makeApp({ hashConcurrency: 1, hashQueueLimit: 2, hashQueueTimeoutMs: 1000, passwordHashMemoryKib: 19456, passwordHashIterations: 2 })
    const org = await createOrg(app)
    let order = 0
    const flood = Array.from({ length: 40 }, (_, i) =>
      call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: `flood-${i}`, password: 'flooding password 1' } }).then((r) => ({ ...r, answered: order++ })))
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    const healthAnswered = order++
    const results = await Promise.all(flood)
    expect(health.statusCode).toBe(200)
    // Not behind the queue: answered before the admitted logins (timing-free, so a loaded machine cannot fail it).
    expect(healthAnswered).toBeLessThan(Math.max(...results.filter((r) => r.status === 401).map((r) => r.answered)))
    const busy = results.filter((r) => r.status === 503)
    expect(busy.length).toBeGreaterThan(20)
    expect(busy[0].headers['retry-after']).toMatch(/^\d+$/)
    expect(busy[0].body.code).toBe('service_unavailable')
    expect(results.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1)
    // Shed requests gave their lockout slot back: the account can still be tried.
    const again = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: `flood-${results.findIndex((r) => r.status === 503)}`, password: 'flooding password 1' } })
    expect(again.status).toBe(401)
  })
})
