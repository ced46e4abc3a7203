import { spawnSync } from 'node:child_process'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../src/config'
import { unsafeSettings } from '../src/plugins/startup-summary'
import { call, createOrg, makeApp, registerUser, testConfig, unique } from './helpers'
import { orgWithAdmin } from './rbac-helpers'

/** Real HTTP against a listening app: what a browser's fetch sends and receives. */
interface Http { status: number; headers: Record<string, string | string[] | undefined>; body: string }
async function listening(overrides: Partial<Config> = {}) {
  const app = await makeApp(overrides)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => new Promise<Http>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(payload && { 'content-type': 'application/json' }) } }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c) => { text += c }).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(payload)
  })
  return { app, send }
}

const preflight = (origin: string, method = 'GET', headers = 'authorization,x-organization') =>
  ({ origin, 'access-control-request-method': method, 'access-control-request-headers': headers })
const corsHeaders = (res: Http) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))
const vary = (res: Http) => String(res.headers.vary ?? '').toLowerCase().split(/\s*,\s*/)
const auth = (token: string, origin: string) => ({ authorization: `Bearer ${token}`, origin })

const CONSOLE = 'https://console.example.com'
const { app, send } = await listening({ corsAllowedOrigins: [CONSOLE] })

describe('CORS: origins allowed server-wide (CORS_ALLOWED_ORIGINS)', async () => {
  const org = await createOrg(app)
  const user = await registerUser(app, org)

  it('a preflight from an allowed origin gets every Access-Control header the API needs', async () => {
    const res = await send('OPTIONS', '/api/v1/orders/', preflight(CONSOLE, 'POST', 'authorization,content-type,idempotency-key'))
    expect(res.status).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE)
    expect(String(res.headers['access-control-allow-methods']).split(', ')).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Organization, Idempotency-Key')
    expect(res.headers['access-control-max-age']).toBe('600')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(vary(res)).toContain('origin')
    expect(res.body).toBe('')
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' })
  })

  it('an actual request from an allowed origin can be read: ACAO, exposed headers, Vary, security headers intact', async () => {
    const res = await send('GET', '/api/v1/auth/me/', auth(user.access, CONSOLE))
    expect(res.status).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE)
    expect(res.headers['access-control-expose-headers']).toBe('Retry-After, WWW-Authenticate, Idempotent-Replayed, X-Request-Id')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(vary(res)).toContain('origin')
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'cache-control': 'no-store' })
    expect(JSON.parse(res.body).id).toBe(user.user.id)
  })

  it('a 401 from an allowed origin stays readable, WWW-Authenticate exposed', async () => {
    const res = await send('GET', '/api/v1/auth/me/', auth('not-a-token', CONSOLE))
    expect(res.status).toBe(401)
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE)
    expect(res.headers['www-authenticate']).toContain('Bearer')
  })

  it('a preflight from any other origin gets no Access-Control header: the usual 405 (known path) or 404', async () => {
    for (const origin of ['https://evil.example.com', 'https://console.example.com.evil.test', 'http://console.example.com', 'https://console.example.com:8443']) {
      const known = await send('OPTIONS', '/api/v1/auth/me/', preflight(origin))
      expect(known.status, origin).toBe(405)
      expect(JSON.parse(known.body).code).toBe('method_not_allowed')
      expect(corsHeaders(known), origin).toEqual([])
      expect(vary(known)).toContain('origin')
    }
    const unknown = await send('OPTIONS', '/api/v1/nothing-here/', preflight('https://evil.example.com'))
    expect(unknown.status).toBe(404)
    expect(corsHeaders(unknown)).toEqual([])
    const get = await send('GET', '/api/v1/auth/me/', auth(user.access, 'https://evil.example.com'))
    expect(get.status).toBe(200) // served (the token is the credential), but a browser will not let the page read it
    expect(corsHeaders(get)).toEqual([])
  })

  it('odd Origin values never cause a 500 and are never allowed', async () => {
    const odd = ['null', 'garbage', '%00%ff', 'https://', `https://${'a'.repeat(8000)}.example.com`, `${CONSOLE}/`, `${CONSOLE}, ${CONSOLE}`, ' ', 'HTTPS://CONSOLE.EXAMPLE.COM']
    for (const origin of odd) {
      for (const res of [await send('OPTIONS', '/api/v1/auth/me/', preflight(origin)), await send('GET', '/api/v1/auth/me/', auth(user.access, origin))]) {
        expect(res.status, origin.slice(0, 40)).toBeLessThan(500)
        expect(corsHeaders(res), origin.slice(0, 40)).toEqual([])
      }
    }
  })

  it('no credential rides along by itself (CSRF): a cookie authenticates nothing, a form post is a 415', async () => {
    const cookie = await send('GET', '/api/v1/auth/me/', { origin: CONSOLE, cookie: `sessionid=${user.access}; access=${user.access}` })
    expect(cookie.status).toBe(401)
    expect(cookie.headers['set-cookie']).toBeUndefined()
    const form = await send('POST', '/api/v1/auth/login/', { origin: 'https://evil.example.com', 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    const text = await send('POST', '/api/v1/auth/password/forgot/', { origin: 'https://evil.example.com', 'content-type': 'text/plain' })
    expect(text.status).toBe(415)
  })

  it('an OPTIONS without Origin is no preflight: 405 as before', async () => {
    const res = await send('OPTIONS', '/api/v1/auth/me/')
    expect(res.status).toBe(405)
    expect(corsHeaders(res)).toEqual([])
  })
})

describe("CORS: an organization's own origins (cors_allowed_origins)", async () => {
  const a = await orgWithAdmin(app)
  const b = await orgWithAdmin(app)
  const SHOP_A = `https://${unique('shop-a-')}.example.com`
  const memberA = await registerUser(app, a.org)
  const memberB = await registerUser(app, b.org)
  const setOrigins = (origins: string[]) => call(app, 'PATCH', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token, body: { cors_allowed_origins: origins } })

  it('an admin sets them through PATCH; they are stored normalized and shown in the organization', async () => {
    const res = await setOrigins([SHOP_A.toUpperCase() + ':443', SHOP_A, 'http://localhost:5173'])
    expect(res.status).toBe(200)
    expect(res.body.cors_allowed_origins).toEqual([SHOP_A, 'http://localhost:5173'])
    expect((await call(app, 'GET', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token })).body.cors_allowed_origins).toEqual([SHOP_A, 'http://localhost:5173'])
  })

  it('refuses what is not an exact origin, and more than 20', async () => {
    for (const bad of [['*'], ['null'], [`${SHOP_A}/shop`], [`${SHOP_A}/`], ['https://*.example.com'], ['ftp://files.example.com'], ['shop.example.com']]) {
      const res = await setOrigins(bad)
      expect(res.status, bad[0]).toBe(400)
      expect(res.body.cors_allowed_origins[0], bad[0]).toMatch(/is not an origin/)
    }
    expect((await setOrigins(Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`))).status).toBe(400)
    expect((await call(app, 'PATCH', `/api/v1/organizations/${a.org.id}/`, { token: memberA.access, body: { cors_allowed_origins: [] } })).status).toBe(403)
  })

  it("the shop's origin is allowed for that organization's requests only (tenant isolation)", async () => {
    expect((await setOrigins([SHOP_A])).status).toBe(200)
    const pre = await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A))
    expect(pre.status).toBe(204)
    expect(pre.headers['access-control-allow-origin']).toBe(SHOP_A)

    const own = await send('GET', '/api/v1/auth/me/', auth(memberA.access, SHOP_A))
    expect(own.status).toBe(200)
    expect(own.headers['access-control-allow-origin']).toBe(SHOP_A)
    const ownLogin = await send('POST', '/api/v1/auth/login/', { origin: SHOP_A, 'x-organization': a.org.slug }, { username: memberA.user.username, password: memberA.password })
    expect(ownLogin.status).toBe(200)
    expect(ownLogin.headers['access-control-allow-origin']).toBe(SHOP_A)

    // Organization B never listed it: refused before the body is read, and unreadable.
    const other = await send('GET', '/api/v1/auth/me/', auth(memberB.access, SHOP_A))
    expect(other.status).toBe(403)
    expect(JSON.parse(other.body).code).toBe('origin_not_allowed')
    expect(corsHeaders(other)).toEqual([])
    const username = unique('intruder')
    const register = await send('POST', '/api/v1/auth/register/', { origin: SHOP_A, 'x-organization': b.org.slug }, { username, email: `${username}@example.com`, password: 'correct horse battery staple 7' })
    expect(register.status).toBe(403)
    expect(corsHeaders(register)).toEqual([])
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: b.org.slug, body: { username, password: 'correct horse battery staple 7' } })
    expect(login.status).toBe(401) // the account was never created
    // Nor does the shop's origin open anything server-wide: the default organization's public endpoints refuse it too.
    expect((await send('GET', '/.well-known/jwks.json', { origin: SHOP_A })).status).toBe(403)
  })

  it('a change takes effect on the next request, without a restart (the origin index is invalidated)', async () => {
    expect((await setOrigins([SHOP_A])).status).toBe(200)
    expect((await send('GET', '/api/v1/auth/me/', auth(memberA.access, SHOP_A))).headers['access-control-allow-origin']).toBe(SHOP_A)
    expect((await setOrigins([])).status).toBe(200)
    const pre = await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A))
    expect(pre.status).toBe(405)
    expect(corsHeaders(pre)).toEqual([])
    const get = await send('GET', '/api/v1/auth/me/', auth(memberA.access, SHOP_A))
    expect(get.status).toBe(200)
    expect(corsHeaders(get)).toEqual([])
    // Put back, then the organization deleted: its origins go with it.
    expect((await setOrigins([SHOP_A])).status).toBe(200)
    expect((await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A))).status).toBe(204)
    expect((await call(app, 'DELETE', `/api/v1/organizations/${a.org.id}/`, { token: a.admin.token })).status).toBe(204)
    expect(corsHeaders(await send('OPTIONS', '/api/v1/auth/me/', preflight(SHOP_A)))).toEqual([])
  })
})

describe('CORS: nothing allowed by default', async () => {
  const { app: plain, send: sendPlain } = await listening()
  const org = await createOrg(plain)
  const user = await registerUser(plain, org)

  it('no preflight is answered and no response is readable cross-origin', async () => {
    expect(plain.config.corsAllowedOrigins).toEqual([])
    for (const origin of [CONSOLE, 'http://localhost:3000', 'null']) {
      const pre = await sendPlain('OPTIONS', '/api/v1/auth/me/', preflight(origin))
      expect(pre.status).toBe(405)
      expect(corsHeaders(pre)).toEqual([])
      const get = await sendPlain('GET', '/api/v1/auth/me/', auth(user.access, origin))
      expect(get.status).toBe(200)
      expect(corsHeaders(get)).toEqual([])
    }
  })
})

describe('CORS: `*`', async () => {
  const { app: open, send: sendOpen } = await listening({ corsAllowedOrigins: '*' })
  const user = await registerUser(open, await createOrg(open))

  it('answers any origin with `*` and never with credentials', async () => {
    const pre = await sendOpen('OPTIONS', '/api/v1/auth/me/', preflight('https://anywhere.example'))
    expect(pre.status).toBe(204)
    expect(pre.headers['access-control-allow-origin']).toBe('*')
    const get = await sendOpen('GET', '/api/v1/auth/me/', auth(user.access, 'https://anywhere.example'))
    expect(get.headers['access-control-allow-origin']).toBe('*')
    expect(get.headers['access-control-allow-credentials']).toBeUndefined()
  })
})

describe('CORS_ALLOWED_ORIGINS is checked at start-up', () => {
  const parse = (value: string) => loadConfig({ CORS_ALLOWED_ORIGINS: value }).corsAllowedOrigins

  it('normalizes exact origins', () => {
    expect(parse('')).toEqual([])
    expect(parse(' HTTPS://Admin.Example.com:443 , http://localhost:5173,https://admin.example.com ')).toEqual(['https://admin.example.com', 'http://localhost:5173'])
    expect(parse('http://[::1]:8080')).toEqual(['http://[::1]:8080'])
    expect(parse('https://bücher.example')).toEqual(['https://xn--bcher-kva.example'])
    expect(parse('*')).toBe('*')
  })

  it.each([
    ['*,https://a.example.com', /must stand alone/],
    ['https://a.example.com/app', /no path/],
    ['https://a.example.com/', /no path/],
    ['https://a.example.com?x=1', /no path/],
    ['null', /sandboxed/],
    ['a.example.com', /scheme/],
    ['ftp://a.example.com', /only http and https/],
    ['https://*.example.com', /wildcards/],
    ['https://user:pw@a.example.com', /no user or password/],
    ['https://exa mple.com', /scheme/],
  ])('refuses %s', (value, message) => {
    expect(() => parse(value)).toThrow(message)
    expect(() => parse(value)).toThrow(/^CORS_ALLOWED_ORIGINS/)
  })

  it('the server does not start with a bad value, and says why', () => {
    const config = testConfig()
    const r = spawnSync(process.execPath, ['bin/commercecore.js', 'serve'], {
      env: { ...process.env, DATABASE_URL: config.databaseUrl, COMMERCECORE_SECRET_KEY: config.secretKey, PORT: '0', CORS_ALLOWED_ORIGINS: 'https://ok.example.com,https://shop.example.com/' },
      encoding: 'utf8', timeout: 60_000,
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('CORS_ALLOWED_ORIGINS: "https://shop.example.com/" is not an origin')
  })
})

describe('CORS settings unsafe in production are warned about at start-up', () => {
  const production = (corsAllowedOrigins: Config['corsAllowedOrigins']) =>
    unsafeSettings(testConfig({ nodeEnv: 'production', corsAllowedOrigins }), { secretKey: 'configured' }).filter((w) => w.setting === 'CORS_ALLOWED_ORIGINS')

  it('`*` and plain-http origins other than this machine', () => {
    expect(production('*')[0].message).toMatch(/any website/)
    expect(production(['https://shop.example.com', 'http://shop.example.com'])[0].message).toMatch(/plain-http/)
    expect(production(['https://shop.example.com', 'http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080'])).toEqual([])
    expect(production([])).toEqual([])
    expect(unsafeSettings(testConfig({ corsAllowedOrigins: '*' }), { secretKey: 'configured' }).map((w) => w.setting)).not.toContain('CORS_ALLOWED_ORIGINS')
  })
})
