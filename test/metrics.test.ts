import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { TOTP } from 'otpauth'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'
import { settle, startSmtp } from './support/security-helpers'
import { call, createOrg, makeApp, PASSWORD, promoteToSuperuser, registerUser } from './support/helpers'
import { difference, movedDuring, scrapeMetrics, valueOf, type Labels } from './support/metrics-scrape'
import { testRedisUrl } from './support/env'

/**
 * Every metric of docs/metrics.md, moved by real requests against a real app (PostgreSQL,
 * Redis, an SMTP server) and read back from GET /metrics as Prometheus scrapes it.
 */
const METRICS_TOKEN = 'metrics-token-for-the-test-suite'
const smtp = await startSmtp()
afterAll(() => smtp.close())
const app = await makeApp({
  metricsToken: METRICS_TOKEN,
  redisUrl: testRedisUrl,
  redisPrefix: `cc-test:${randomBytes(6).toString('hex')}:`,
  smtpUrl: smtp.url,
  emailMaxAttempts: 2,
  emailRetryDelayMs: 10,
  lockoutThreshold: 3,
  throttleAuthPerAccount: { limit: 5, windowSeconds: 60 },
  requireMfaForSuperusers: true,
})
const org = await createOrg(app)

const scrape = (target: FastifyInstance = app) => scrapeMetrics(target, METRICS_TOKEN)
const delta = (name: string, labels: Labels, action: () => Promise<unknown>, target = app) => movedDuring(() => scrape(target), name, labels, action)

const login = (username: string, password = PASSWORD) => call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password } })
const logins = (outcome: string, step = 'password') => ['commercecore_logins_total', { step, outcome }] as const
const mailIdle = async () => { await settle(app); await app.ctx.mailer.idle() }

describe('GET /metrics protection (METRICS_TOKEN)', () => {
  it('answers 401 without the token or with a wrong one, 200 with it', async () => {
    const without = await app.inject({ method: 'GET', url: '/metrics' })
    expect(without.statusCode).toBe(401)
    expect(JSON.parse(without.body)).toMatchObject({ code: 'not_authenticated' })
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Token ${METRICS_TOKEN}` } })).statusCode).toBe(401)
    expect(valueOf(await scrape(), 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
  })

  it('refuses to start with a token too short to be a secret', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'guessable' })).toThrow('METRICS_TOKEN must be at least 16 characters long')
  })
})

describe('logins by outcome', () => {
  it('counts success and invalid credentials (wrong password, unknown user) of the password step', async () => {
    const { user } = await registerUser(app, org)
    expect(await delta(...logins('success'), async () => expect((await login(user.username)).status).toBe(200))).toBe(1)
    // The seeds' login path forwards to /api/v1/auth/login/: counted there, once.
    const seedLogin = () => call(app, 'POST', '/api/auth/login/', { org: org.slug, body: { username: user.username, password: PASSWORD } })
    expect(await delta(...logins('success'), async () => expect((await seedLogin()).status).toBe(200))).toBe(1)
    // …and measured once, under the route the client called, not also under the canonical one.
    const other = (await registerUser(app, org)).user
    const otherSeedLogin = () => call(app, 'POST', '/api/auth/login/', { org: org.slug, body: { username: other.username, password: PASSWORD } })
    const canonical = { route: '/api/v1/auth/login/', method: 'POST', status: '200' }
    expect(await delta('commercecore_http_request_duration_seconds_count', canonical, () => otherSeedLogin())).toBe(0)
    expect(await delta('commercecore_http_request_duration_seconds_count', { ...canonical, route: '/api/auth/login/' }, () => otherSeedLogin())).toBe(1)
    const requests = { route: '/api/v1/auth/login/', method: 'POST', status: '401' }
    expect(await delta('commercecore_http_request_duration_seconds_count', requests, () => login(user.username, 'wrong password entirely'))).toBe(1)
    expect(await delta(...logins('invalid_credentials'), async () => {
      expect((await login(user.username, 'another wrong password')).status).toBe(401)
      expect((await login('nobody-by-this-name')).status).toBe(401)
    })).toBe(2)
  })

  it('counts a lockout once, then the locked attempts, and the per-account throttle apart', async () => {
    const { user } = await registerUser(app, org)
    const lockouts = await delta('commercecore_account_lockouts_total', {}, async () => {
      for (let i = 0; i < 3; i++) expect((await login(user.username, 'wrong password entirely')).status).toBe(401)
    })
    expect(lockouts).toBe(1)
    expect(await delta(...logins('locked'), async () => {
      for (let i = 0; i < 2; i++) expect((await login(user.username)).status).toBe(429)
    })).toBe(2)
    // 5 attempts a minute per account: the 6th is throttled before the lockout is even consulted.
    expect(await delta(...logins('throttled'), async () => expect((await login(user.username)).status).toBe(429))).toBe(1)
  })

  it('counts mfa_required at the password step, then invalid_code and success at the MFA step', async () => {
    const u = await registerUser(app, org)
    const setup = await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })
    const code = () => new TOTP({ secret: setup.body.secret }).generate()
    const confirm = await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: u.access, body: { code: code() } })
    expect(confirm.status).toBe(200)
    const recovery: string[] = confirm.body.recovery_codes
    let mfaToken = ''
    expect(await delta(...logins('mfa_required'), async () => { mfaToken = (await login(u.user.username)).body.mfa_token })).toBe(1)
    const verify = (body: Record<string, string>) => call(app, 'POST', '/api/v1/auth/mfa/verify/', { body: { mfa_token: mfaToken, ...body } })
    const wrong = code() === '000000' ? '111111' : '000000'
    expect(await delta(...logins('invalid_code', 'mfa'), async () => expect((await verify({ code: wrong })).status).toBe(401))).toBe(1)
    // A recovery code: the current TOTP step was spent on the confirmation, and a code is good once.
    expect(await delta(...logins('success', 'mfa'), async () => expect((await verify({ recovery_code: recovery[0] })).status).toBe(200))).toBe(1)
  })

  it('counts a superuser without MFA (REQUIRE_MFA_FOR_SUPERUSERS) as mfa_setup_required', async () => {
    const { user } = await registerUser(app, org)
    await promoteToSuperuser(app, user.id)
    expect(await delta(...logins('mfa_setup_required'), async () => expect((await login(user.username)).status).toBe(403))).toBe(1)
  })

  it('counts the DRF token endpoint as its own step', async () => {
    const { user } = await registerUser(app, org)
    const token = () => call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: user.username, password: PASSWORD } })
    expect(await delta(...logins('success', 'token'), async () => expect((await token()).status).toBe(200))).toBe(1)
  })
})

describe('refresh-token reuse', () => {
  it('counts a rotated refresh token presented again, not a normal rotation', async () => {
    const { refresh } = await registerUser(app, org)
    const name = 'commercecore_refresh_token_reuse_detections_total'
    expect(await delta(name, {}, async () => expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh } })).status).toBe(200))).toBe(0)
    expect(await delta(name, {}, async () => expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh } })).status).toBe(401))).toBe(1)
  })
})

describe('emails', () => {
  const forgot = (email: string) => call(app, 'POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email } })

  it('counts a delivered email as sent', async () => {
    const { user } = await registerUser(app, org)
    await mailIdle()
    expect(await delta('commercecore_emails_total', { result: 'sent' }, async () => { await forgot(user.email); await mailIdle() })).toBe(1)
  })

  it('counts a retried attempt, and a give-up after EMAIL_MAX_ATTEMPTS as failed', async () => {
    const { user } = await registerUser(app, org)
    await mailIdle()
    smtp.failNext(1)
    expect(await delta('commercecore_email_retries_total', {}, async () => { await forgot(user.email); await mailIdle() })).toBe(1)
    smtp.failNext(2)
    expect(await delta('commercecore_emails_total', { result: 'failed' }, async () => { await forgot(user.email); await mailIdle() })).toBe(1)
  })
})

describe('principal cache', () => {
  it('counts the first use of a session as a miss and the next ones as hits', async () => {
    const { access } = await registerUser(app, org)
    const me = async () => expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).status).toBe(200)
    const before = await scrape()
    await me()
    const afterFirst = await scrape()
    await me()
    await me()
    const afterThird = await scrape()
    const moved = (from: typeof before, to: typeof before, result: string) => difference(from, to, 'commercecore_principal_cache_lookups_total', { result })
    expect(moved(before, afterFirst, 'miss')).toBe(1)
    expect(moved(afterFirst, afterThird, 'hit')).toBe(2)
    expect(moved(afterFirst, afterThird, 'miss')).toBe(0)
  })
})

describe('database pool and Redis', () => {
  it('reports the pool (max, open, idle, waiting) and both Redis connections as connected', async () => {
    const samples = await scrape()
    expect(valueOf(samples, 'commercecore_database_pool_max_connections')).toBe(app.ctx.config.databasePoolSize)
    expect(valueOf(samples, 'commercecore_database_pool_connections')).toBeGreaterThanOrEqual(1)
    expect(valueOf(samples, 'commercecore_database_pool_idle_connections')).toBeGreaterThanOrEqual(1)
    expect(valueOf(samples, 'commercecore_database_pool_waiting_requests')).toBe(0)
    expect(valueOf(samples, 'commercecore_redis_connected', { connection: 'commands' })).toBe(1)
    expect(valueOf(samples, 'commercecore_redis_connected', { connection: 'subscriber' })).toBe(1)
  })
})

describe('password hashing admission control', () => {
  it('reports queue depth and wait, and counts rejections by reason', async () => {
    // One slot, one place in the queue, a slow-enough hash: the third concurrent login is refused at once.
    const busy = await makeApp({ metricsToken: METRICS_TOKEN, hashConcurrency: 1, hashQueueLimit: 1, hashQueueTimeoutMs: 10_000, passwordHashMemoryKib: 32768, passwordHashIterations: 3 })
    const busyOrg = await createOrg(busy)
    const { user } = await registerUser(busy, busyOrg)
    const busyLogin = () => call(busy, 'POST', '/api/v1/auth/login/', { org: busyOrg.slug, body: { username: user.username, password: PASSWORD } })
    const before = await scrape(busy)
    const all = Promise.all([busyLogin(), busyLogin(), busyLogin()])
    let depth = 0
    // Each scrape yields to the event loop first: injected requests alone never do, and would starve the logins' I/O.
    for (let i = 0; i < 200 && depth === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      depth = valueOf(await scrape(busy), 'commercecore_password_hash_queue_depth') ?? 0
    }
    expect(depth).toBe(1)
    const statuses = (await all).map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 503])
    const after = await scrape(busy)
    const moved = (name: string, labels: Labels = {}) => difference(before, after, name, labels)
    expect(moved('commercecore_admission_rejections_total', { reason: 'queue_full' })).toBe(1)
    expect(moved('commercecore_logins_total', { step: 'password', outcome: 'unavailable' })).toBe(1)
    expect(moved('commercecore_password_hash_queue_wait_seconds_count')).toBe(2)
    expect(moved('commercecore_password_hash_queue_wait_seconds_sum')).toBeGreaterThan(0)
    expect(valueOf(after, 'commercecore_password_hash_queue_depth')).toBe(0)
  })

  it('counts a hash that waited past HASH_QUEUE_TIMEOUT_MS as a timeout rejection', async () => {
    const slow = await makeApp({ metricsToken: METRICS_TOKEN, hashConcurrency: 1, hashQueueLimit: 10, hashQueueTimeoutMs: 1, passwordHashMemoryKib: 32768, passwordHashIterations: 3 })
    const slowOrg = await createOrg(slow)
    await slow.ctx.hasher.verify(null, 'warm-up') // after the start-up hash, so registering does not queue behind it
    const { user } = await registerUser(slow, slowOrg)
    const slowLogin = () => call(slow, 'POST', '/api/v1/auth/login/', { org: slowOrg.slug, body: { username: user.username, password: PASSWORD } })
    const rejected = await delta('commercecore_admission_rejections_total', { reason: 'timeout' }, async () => {
      const statuses = (await Promise.all([slowLogin(), slowLogin()])).map((r) => r.status).sort()
      expect(statuses).toEqual([200, 503])
    }, slow)
    expect(rejected).toBe(1)
  })

  it('shows a query waiting for a connection while the only one is taken', async () => {
    const small = await makeApp({ metricsToken: METRICS_TOKEN, databasePoolSize: 1 })
    await scrape(small) // resolves (and caches) the default organization before the pool is taken
    let queued: Promise<unknown> = Promise.resolve()
    await small.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`)
      queued = small.ctx.db.execute(sql`SELECT 1`).then(() => undefined)
      const samples = await scrape(small)
      expect(valueOf(samples, 'commercecore_database_pool_waiting_requests')).toBe(1)
      expect(valueOf(samples, 'commercecore_database_pool_idle_connections')).toBe(0)
    })
    await queued // runs once the transaction gave the connection back
  })
})

describe('docs', () => {
  const names = async () => new Set((await scrape()).map((s) => s.name.replace(/_(bucket|sum|count)$/, '')).filter((n) => n.startsWith('commercecore_')))

  it('docs/metrics.md describes every commercecore_ metric', async () => {
    const doc = readFileSync(new URL('../docs/metrics.md', import.meta.url), 'utf8')
    for (const name of await names()) expect(doc, name).toContain(`\`${name}\``)
  })

  it('the Grafana dashboard queries only metrics that exist, through the datasource variable', async () => {
    const dashboard = JSON.parse(readFileSync(new URL('../docs/grafana-dashboard.json', import.meta.url), 'utf8'))
    expect(dashboard.templating.list).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'datasource', query: 'prometheus', name: 'datasource' })]))
    const known = await names()
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) => (p.targets ?? []).map((t) => t.expr))
    expect(exprs.length).toBeGreaterThan(10)
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/commercecore_\w+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''))))
    for (const name of used) expect(known, name).toContain(name)
    for (const name of known) expect(used, `dashboard panel for ${name}`).toContain(name)
    for (const p of dashboard.panels) if (p.targets) expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' })
  })
})
