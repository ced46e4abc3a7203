import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { describe, expect, it, vi } from 'vitest'
import { testRedisUrl } from '../../../test/support/env'
import { call, createOrg, makeApp, PASSWORD, registerUser, type Call } from '../../../test/support/helpers'
import { REFUSAL_DELAY_MS } from '../../plugins/hash-admission'

/**
 * Admission control in front of the hash queue (issue 13): a request that cannot get a
 * place is refused before it costs anything — no database query, no Redis command, no
 * hash — and identically for every login, known or not.
 */

/** Makes every password check wait until `open()`; the checks already running hold their tickets. */
function holdHashes(app: FastifyInstance) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => { open = resolve })
  const verify = vi.spyOn(app.ctx.hasher, 'verify').mockImplementation(async () => { await gate; return false })
  const started = async (n: number) => { while (verify.mock.calls.length < n) await new Promise((r) => setTimeout(r, 5)) }
  return { verify, started, open }
}

/** Counts what reaches PostgreSQL (queries and transactions) and Redis from now on. */
function countWork(app: FastifyInstance) {
  const queries = vi.spyOn(pg.Pool.prototype, 'query')
  const connects = vi.spyOn(pg.Pool.prototype, 'connect')
  const redis = app.ctx.redis ? vi.spyOn(app.ctx.redis, 'eval') : undefined
  // The app's own timers may query meanwhile (signing-key reload, the CORS origin index after
  // an organization write): not work done for a request. pg's Pool.query connects by itself,
  // so only connects beyond the queries are transactions.
  const background = /signing_keys|cors_allowed_origins/
  const textOf = (arg: unknown) => (typeof arg === 'string' ? arg : (arg as { text?: string } | undefined)?.text ?? '')
  return () => {
    const requestQueries = queries.mock.calls.filter(([q]) => !background.test(textOf(q))).length
    const transactions = Math.max(0, connects.mock.calls.length - queries.mock.calls.length)
    const done = { database: requestQueries + transactions, redis: redis?.mock.calls.length ?? 0 }
    for (const spy of [queries, connects, redis]) spy?.mockRestore()
    return done
  }
}

const login = (app: FastifyInstance, org: string, username: string, password = 'a wrong password 1') =>
  call(app, 'POST', '/api/v1/auth/login/', { org, body: { username, password } })
/** What a client can compare between two answers: everything but the per-request id. */
const visible = (r: Call) => ({ status: r.status, body: r.body, headers: { ...r.headers, 'x-request-id': undefined, date: undefined } })

describe('hash admission gate', () => {
  it('answers 503 + Retry-After before any database or Redis work once every hashing place is taken, the same for known and unknown logins', async () => {
    const app = await makeApp({
      hashConcurrency: 1, hashQueueLimit: 1, redisUrl: testRedisUrl, redisPrefix: `cc-test:${randomBytes(6).toString('hex')}:`,
      throttleAuthPerIp: { limit: 1000, windowSeconds: 60 },
    })
    const org = await createOrg(app)
    const { user } = await registerUser(app, org)
    const reader = await registerUser(app, org)
    const hashes = holdHashes(app)
    const held = [login(app, org.slug, 'holder-one'), login(app, org.slug, 'holder-two')]
    await hashes.started(2) // both places (1 slot + 1 queue place) are held

    const work = countWork(app)
    const known = await Promise.all(Array.from({ length: 10 }, () => login(app, org.slug, user.username, PASSWORD)))
    const unknown = await Promise.all(Array.from({ length: 10 }, (_, i) => login(app, org.slug, `nobody-${i}`)))
    const byEmail = await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { email: user.email, password: PASSWORD } })
    expect(work()).toEqual({ database: 0, redis: 0 })
    expect(hashes.verify).toHaveBeenCalledTimes(2)

    for (const r of [...known, ...unknown, byEmail]) {
      expect(r.status).toBe(503)
      expect(r.headers['retry-after']).toBe('1')
      expect(r.body).toEqual({ detail: 'The service is busy. Try again shortly.', code: 'service_unavailable' })
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(r.headers['x-content-type-options']).toBe('nosniff') // the usual response headers still apply
    }
    expect(visible(known[0])).toEqual(visible(unknown[0]))
    // Refusals come back after a pause (a timer), so a client that retries at once is slowed down.
    const asked = Date.now()
    expect((await login(app, org.slug, 'impatient')).status).toBe(503)
    expect(Date.now() - asked).toBeGreaterThanOrEqual(REFUSAL_DELAY_MS - 5)

    // The rest of the API is not gated.
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: reader.access })).status).toBe(200)

    hashes.open()
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([401, 401])
    hashes.verify.mockRestore()
    // Tickets came back: the account signs in again.
    expect((await login(app, org.slug, user.username, PASSWORD)).status).toBe(200)
  })

  it('gives the ticket back on every answer, errors from earlier hooks included', async () => {
    const app = await makeApp({ hashConcurrency: 1, hashQueueLimit: 0 })
    const org = await createOrg(app)
    for (let i = 0; i < 5; i++) {
      // 401 from the authentication hook, 400 from validation: each held the only ticket for a moment.
      expect((await call(app, 'POST', '/api/v1/auth/password/change/', { body: { old_password: 'x', new_password: 'y' } })).status).toBe(401)
      expect((await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: 'someone' } })).status).toBe(400)
    }
    expect((await login(app, org.slug, 'someone')).status).toBe(401)
  })
})

describe('per-account fairness', () => {
  it('lets one account hold at most LOCKOUT_THRESHOLD places, refused in memory before the user lookup, while other accounts still get in', async () => {
    const app = await makeApp({ hashConcurrency: 1, hashQueueLimit: 30, lockoutThreshold: 3 })
    const org = await createOrg(app)
    const { user } = await registerUser(app, org)
    const hashes = holdHashes(app)
    const known = Array.from({ length: 3 }, () => login(app, org.slug, user.username, PASSWORD))
    const unknown = Array.from({ length: 3 }, () => login(app, org.slug, 'ghost-account'))
    await hashes.started(6)

    const work = countWork(app)
    const knownRefused = await Promise.all(Array.from({ length: 8 }, () => login(app, org.slug, user.username.toUpperCase(), PASSWORD)))
    const unknownRefused = await Promise.all(Array.from({ length: 8 }, () => login(app, org.slug, ' ghost-account')))
    expect(work().database).toBe(0)
    for (const r of [...knownRefused, ...unknownRefused]) {
      expect(r.status).toBe(429)
      expect(r.headers['retry-after']).toBe('1')
      expect(r.body).toEqual({ detail: 'Request was throttled. Expected available in 1 seconds.', code: 'throttled' })
    }
    expect(visible(knownRefused[0])).toEqual(visible(unknownRefused[0]))

    // Another account is not starved by the first two.
    const other = login(app, org.slug, 'someone-else')
    await hashes.started(7)
    hashes.open()
    expect((await Promise.all([...known, ...unknown, other])).map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401])
  })
})
