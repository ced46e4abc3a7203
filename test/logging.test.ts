import { connect, type AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../src/app'
import type { Email } from '../src/modules/email/mailer'
import { logCapture, settle, tokenIn } from './support/security-helpers'
import { unsafeSettings, withoutCredentials } from '../src/plugins/startup-summary'
import { createOrg, PASSWORD, testConfig, unique } from './support/helpers'
import { testDatabaseUrl } from './support/env'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
const journal = JSON.parse(readFileSync(new URL('../migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: Array<{ tag: string }> }
type Line = Record<string, any>
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l))

/** A real server on a free port, its log captured line by line. */
async function startServer(overrides: Parameters<typeof testConfig>[0]) {
  const logs = logCapture()
  const app = await buildApp(testConfig({ logLevel: 'info', ...overrides }), { logStream: logs.stream })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  return { app, logs, base }
}

async function eventually<T>(fn: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = fn()
    if (v !== undefined || Date.now() > deadline) return v as T
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('request log: one line per request, no secret', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let app: FastifyInstance
  const made: string[] = [] // request ids, one per request sent
  const secrets: string[] = []

  const http = async (method: string, path: string, opts: { body?: unknown; token?: string; org?: string } = {}) => {
    const headers: Record<string, string> = {}
    if (opts.body !== undefined) headers['content-type'] = 'application/json'
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    if (opts.org) headers['x-organization'] = opts.org
    const res = await fetch(`${server.base}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) })
    const text = await res.text()
    const reqId = res.headers.get('x-request-id') as string
    made.push(reqId)
    return { status: res.status, body: text ? JSON.parse(text) : null, reqId }
  }
  const requestLines = () => parse(server.logs.lines).filter((l) => l.msg === 'request')

  beforeAll(async () => {
    server = await startServer({})
    app = server.app
  })
  afterAll(() => app.close())

  it('logs each request once, with route, status, duration, request id, organization and principal', async () => {
    const org = await createOrg(app)
    const username = unique('logged')
    const email = `${username}@example.com`
    const sent: Email[] = []
    const send = app.ctx.mailer.send.bind(app.ctx.mailer)
    vi.spyOn(app.ctx.mailer, 'send').mockImplementation((mail: Email) => { sent.push(mail); send(mail) })

    const register = await http('POST', '/api/v1/auth/register/', { org: org.slug, body: { username, email, password: PASSWORD } })
    expect(register.status).toBe(201)
    const { access, refresh, user } = register.body
    const login = await http('POST', '/api/auth/login/', { org: org.slug, body: { username, password: PASSWORD } }) // a seed route: forwarded in-process
    expect(login.status).toBe(200)
    const me = await http('GET', '/api/v1/auth/me/', { token: access })
    expect(me.status).toBe(200)
    const refreshed = await http('POST', '/api/v1/auth/token/refresh/', { body: { refresh } })
    expect(refreshed.status).toBe(200)
    expect((await http('POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email } })).status).toBe(202)
    await settle(app)
    await app.ctx.mailer.idle()
    const resetToken = tokenIn(sent.find((m) => m.subject === 'Reset your password')!.text)
    const newPassword = 'a brand new passphrase 31'
    expect((await http('POST', `/reset_password/${encodeURIComponent(resetToken)}`, { body: { password: newPassword } })).status).toBe(204)
    expect((await http('GET', '/no/such/route/')).status).toBe(404)
    expect((await http('GET', '/api/v1/auth/me/', { token: 'not-a-valid-token-canary' })).status).toBe(401)
    secrets.push(PASSWORD, newPassword, access, refresh, refreshed.body.access, refreshed.body.refresh, login.body.access, login.body.refresh, resetToken, 'not-a-valid-token-canary')

    const lines = await eventually(() => (requestLines().length >= made.length ? requestLines() : undefined))
    expect(lines.map((l) => l.reqId).sort()).toEqual([...made].sort()) // exactly one info line per request
    for (const l of lines) {
      expect(l.level).toBe(30)
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['reqId', 'method', 'route', 'url', 'status', 'duration_ms', 'ip', 'organization_id', 'principal_type', 'principal_id']))
      expect(typeof l.duration_ms).toBe('number')
    }
    const byId = (id: string) => lines.find((l) => l.reqId === id)!
    expect(byId(me.reqId)).toMatchObject({ method: 'GET', route: '/api/v1/auth/me/', status: 200, organization_id: org.id, principal_type: 'user', principal_id: user.id })
    expect(byId(register.reqId)).toMatchObject({ method: 'POST', route: '/api/v1/auth/register/', status: 201, organization_id: org.id, principal_id: null })
    expect(byId(login.reqId)).toMatchObject({ route: '/api/auth/login/', status: 200 })
    expect(byId(made[made.length - 2])).toMatchObject({ route: 'unmatched', status: 404 })
    expect(byId(made[made.length - 1])).toMatchObject({ status: 401, principal_id: null })
    expect(lines.find((l) => l.route === '/reset_password/:token')!.url).toBe('/reset_password/[REDACTED]')
    // Fastify's own per-request lines are off.
    expect(parse(server.logs.lines).some((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toBe(false)
  })

  it('logs a request its client abandoned once, as aborted', async () => {
    const reqId = unique('abandoned-')
    const { port } = app.server.address() as AddressInfo
    const socket = connect(port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    // Headers and half the body of a login, then the client hangs up.
    socket.write(`POST /api/v1/auth/login/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Request-Id: ${reqId}\r\n\r\n{"username": "a`)
    await new Promise((r) => setTimeout(r, 100))
    socket.destroy()
    const line = await eventually(() => requestLines().find((l) => l.reqId === reqId))
    expect(line).toMatchObject({ level: 30, route: '/api/v1/auth/login/', status: null, aborted: true, principal_id: null })
    expect(line.duration_ms).toBeGreaterThanOrEqual(50)
    await new Promise((r) => setTimeout(r, 100))
    expect(requestLines().filter((l) => l.reqId === reqId)).toHaveLength(1)
  })

  it('writes no password, token or reset token anywhere in the log', () => {
    const text = server.logs.text()
    expect(secrets.length).toBeGreaterThan(5)
    for (const secret of secrets) expect(text.includes(secret), secret.slice(0, 12)).toBe(false)
    expect(text.includes(encodeURIComponent(secrets[8]))).toBe(false)
  })

  it('without SMTP_URL, logs that a mail was not sent (recipient, subject) and never its body or link', () => {
    const dropped = parse(server.logs.lines).filter((l) => l.msg === 'email not sent: SMTP_URL is not set')
    expect(dropped.map((l) => l.subject)).toEqual(expect.arrayContaining(['Confirm your email address', 'Reset your password']))
    expect(dropped[0]).toMatchObject({ level: 40, to: expect.stringMatching(/@example\.com$/) })
    const text = server.logs.text()
    expect(text).not.toContain('token=')
    expect(text).not.toContain('reset-password')
    expect(text).not.toContain('verify-email')
    expect(text).not.toContain('Hello ')
  })

  it('starts with one summary line: version, database, migrations, secret key, Redis, SMTP, signing key', () => {
    const summary = parse(server.logs.lines).find((l) => l.msg === `CommerceCore Auth ${pkg.version} started`)!
    expect(summary).toMatchObject({
      level: 30,
      version: pkg.version,
      address: server.base,
      environment: 'development',
      database: { kind: 'postgres', location: withoutCredentials(testDatabaseUrl) },
      migrations: { applied: 0, total: journal.entries.length, latest: journal.entries.at(-1)!.tag },
      secret_key: 'COMMERCECORE_SECRET_KEY',
      signing_key: { algorithm: expect.stringMatching(/^(ES256|EdDSA)$/), kid: expect.any(String) },
      redis: expect.stringContaining('not configured'),
      smtp: expect.stringContaining('not configured'),
      warnings: ['SMTP_URL'],
    })
    const warned = parse(server.logs.lines).filter((l) => l.level === 40 && l.setting)
    expect(warned.map((l) => l.setting)).toEqual(['SMTP_URL'])
  })
})

describe('start-up warnings for unsafe production settings', () => {
  it('warns about each unsafe setting with NODE_ENV=production, and never prints a URL password', async () => {
    const { app, logs } = await startServer({ nodeEnv: 'production', smtpUrl: 'smtp://mailer:hunter2-canary@127.0.0.1:2525', logLevel: 'info' })
    try {
      const summary = parse(logs.lines).find((l) => /^CommerceCore Auth .* started$/.test(l.msg))!
      expect(summary.smtp).toBe('smtp://mailer@127.0.0.1:2525')
      expect(summary.environment).toBe('production')
      // testConfig: throttles off, cheap hashing, default PUBLIC_URL; PostgreSQL and a configured key are fine.
      const expected = ['PUBLIC_URL', 'THROTTLE_AUTH_PER_IP', 'THROTTLE_AUTH_PER_ACCOUNT', 'PASSWORD_HASH_MEMORY_KIB']
      expect(summary.warnings).toEqual(expected)
      expect(parse(logs.lines).filter((l) => l.level === 40 && l.setting).map((l) => l.setting)).toEqual(expected)
      expect(logs.text()).not.toContain('hunter2-canary')
    } finally {
      await app.close()
    }
  })

  it('on a fresh embedded database: every migration applied, the secret key generated, both warned about', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-summary-'))
    const { app, logs } = await startServer({ nodeEnv: 'production', databaseUrl: undefined, dataDir, secretKey: undefined })
    try {
      const summary = parse(logs.lines).find((l) => /^CommerceCore Auth .* started$/.test(l.msg))!
      expect(summary).toMatchObject({
        database: { kind: 'pglite', location: path.join(dataDir, 'pglite') },
        migrations: { applied: journal.entries.length, total: journal.entries.length, latest: journal.entries.at(-1)!.tag },
        secret_key: `generated into ${path.join(dataDir, 'secret.key')}`,
      })
      expect(summary.warnings).toEqual(expect.arrayContaining(['SMTP_URL', 'DATABASE_URL', 'COMMERCECORE_SECRET_KEY']))
      const secretWarning = parse(logs.lines).find((l) => l.level === 40 && l.setting === 'COMMERCECORE_SECRET_KEY')!
      expect(secretWarning.msg).toContain('generated just now')
      expect(logs.text()).not.toContain(readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim())
    } finally {
      await app.close()
    }
  })

  it('names every rule, and none for a safe production configuration', () => {
    const safe = testConfig({
      nodeEnv: 'production', publicUrl: 'https://auth.shop.example', smtpUrl: 'smtp://mail:25',
      throttleAuthPerIp: { limit: 30, windowSeconds: 60 }, throttleAuthPerAccount: { limit: 10, windowSeconds: 60 },
      passwordHashMemoryKib: 19456, passwordHashIterations: 2,
    })
    expect(unsafeSettings(safe, { secretKey: 'configured' })).toEqual([])
    const unsafe = { ...safe, databaseUrl: undefined, secretKey: undefined, publicUrl: 'http://auth.shop.example', smtpUrl: undefined, logLevel: 'debug' as const }
    const warnings = unsafeSettings(unsafe, { secretKey: 'generated' })
    expect(warnings.map((w) => w.setting)).toEqual(['SMTP_URL', 'DATABASE_URL', 'COMMERCECORE_SECRET_KEY', 'PUBLIC_URL', 'LOG_LEVEL'])
    expect(warnings.find((w) => w.setting === 'COMMERCECORE_SECRET_KEY')!.message).toContain('generated just now')
    expect(warnings.find((w) => w.setting === 'PUBLIC_URL')!.message).toContain('not https')
    // Outside production only the dropped mail is worth a warning.
    expect(unsafeSettings({ ...unsafe, nodeEnv: 'development' }, { secretKey: 'generated' }).map((w) => w.setting)).toEqual(['SMTP_URL'])
  })

  it('strips passwords, queries and fragments from logged URLs', () => {
    expect(withoutCredentials('postgres://app:s3cret@db.internal:5432/commercecore?sslpassword=x')).toBe('postgres://app@db.internal:5432/commercecore')
    expect(withoutCredentials('redis://:pw@cache:6379/2')).toBe('redis://cache:6379/2')
    expect(withoutCredentials('not a url')).toBe('(not a URL)')
  })
})
