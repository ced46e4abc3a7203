import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, PASSWORD, registerUser, unique } from './support/helpers'
import { superuserOf } from './support/rbac-helpers'

const app = await makeApp()
await app.ready()

const security = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
}

describe('security headers', async () => {
  const org = await createOrg(app)
  const user = await registerUser(app, org)

  it.each([
    ['a 200', '/api/v1/auth/me/', 200],
    ['a 404', '/api/v1/no-such-thing/', 404],
    ['a 401', '/api/v1/users/', 401],
  ])('on %s', async (_, url, status) => {
    const res = await call(app, 'GET', url, status === 401 ? {} : { token: user.access })
    expect(res.status).toBe(status)
    expect(res.headers).toMatchObject({ ...security, 'cache-control': 'no-store' })
    expect(res.headers['strict-transport-security']).toBeUndefined() // PUBLIC_URL is http here
  })

  it('on a 400 from the body parser and a 405', async () => {
    const bad = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, headers: { 'content-type': 'application/json' }, body: '{' })
    expect(bad.status).toBe(400)
    expect(bad.headers).toMatchObject(security)
    const notAllowed = await call(app, 'DELETE', '/api/v1/auth/login/')
    expect(notAllowed.status).toBe(405)
    expect(notAllowed.headers).toMatchObject(security)
  })

  it('on a 400 for a malformed URL and a 414 for an over-long path segment (real HTTP, under the console too): the path is not echoed', async () => {
    const server = await makeApp()
    await server.listen({ port: 0, host: '127.0.0.1' })
    try {
      const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`
      for (const path of ['/admin/%3Cscript%3E%', '/account/%ZZ', '/assets/%', '/api/v1/users/%E0%A4%A/']) {
        const res = await fetch(base + path)
        expect(res.status).toBe(400)
        expect(Object.fromEntries(res.headers)).toMatchObject({ ...security, 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' })
        const body = await res.text()
        expect(JSON.parse(body)).toMatchObject({ code: 'error' })
        expect(body).not.toContain('script')
      }
      const long = await fetch(`${base}/assets/${'x'.repeat(300)}.js`)
      expect(long.status).toBe(414)
      expect(Object.fromEntries(long.headers)).toMatchObject({ ...security, 'cache-control': 'no-store' })
      expect(await long.text()).not.toContain('xxxx')
    } finally {
      await server.close()
    }
  })

  it('HSTS when PUBLIC_URL is https', async () => {
    const tls = await makeApp({ publicUrl: 'https://auth.example.com' })
    const res = await tls.inject({ method: 'GET', url: '/.well-known/jwks.json' })
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000')
  })

  it('the Swagger UI gets a policy that lets its own scripts and styles run', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' })
    expect(page.statusCode).toBe(200)
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).not.toContain('upgrade-insecure-requests') // would break the UI on a plain-http deployment
    const script = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' })
    expect(script.statusCode).toBe(200)
    expect(script.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('Cache-Control: no-store on every response that carries a credential', async () => {
  const org = await createOrg(app)
  const root = await superuserOf(app, org)
  const username = unique('u')
  const noStore = (res: { status: number; headers: Record<string, unknown>; body: unknown }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.headers['cache-control']).toBe('no-store')
  }

  it('register, login, refresh, DRF token, PAT and developer key', async () => {
    const reg = await call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username, email: `${username}@example.com`, password: PASSWORD } })
    noStore(reg, 201)
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password: PASSWORD } })
    noStore(login, 200)
    noStore(await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: login.body.refresh } }), 200)
    noStore(await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username, password: PASSWORD } }), 200)
    noStore(await call(app, 'POST', '/api/v1/auth/tokens/', { token: login.body.access, body: { name: 'pat' } }), 201)
    const dev = await call(app, 'POST', '/api/v1/developers/', { token: root.token, body: { name: unique('dev-') } })
    noStore(await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { token: root.token, body: { name: 'k' } }), 201)
  })

  it('MFA setup (the secret), confirm (recovery codes) and verify (the tokens)', async () => {
    const u = await registerUser(app, org)
    const setup = await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })
    noStore(setup, 200)
    const code = new TOTP({ secret: setup.body.secret }).generate()
    const confirm = await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: u.access, body: { code } })
    noStore(confirm, 200)
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    noStore(login, 200)
    noStore(await call(app, 'POST', '/api/v1/auth/mfa/verify/', { body: { mfa_token: login.body.mfa_token, recovery_code: confirm.body.recovery_codes[0] } }), 200)
  })

  it('the public key set keeps its own caching', async () => {
    const res = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })
    expect(res.headers['cache-control']).toBe('public, max-age=300')
  })
})

describe('/.well-known/openid-configuration publishes only what is true', () => {
  it('issuer, jwks_uri and the signing algorithms; no token endpoint, no OpenID provider claims', async () => {
    const res = await call(app, 'GET', '/.well-known/openid-configuration')
    expect(res.status).toBe(200)
    const algs = [...new Set((await call(app, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { alg: string }) => k.alg))]
    expect(res.body).toEqual({
      issuer: app.ctx.config.publicUrl,
      jwks_uri: `${app.ctx.config.publicUrl}/.well-known/jwks.json`,
      access_token_signing_alg_values_supported: algs,
    })
    for (const field of ['token_endpoint', 'authorization_endpoint', 'id_token_signing_alg_values_supported', 'response_types_supported']) {
      expect(res.body).not.toHaveProperty(field)
    }
  })
})
